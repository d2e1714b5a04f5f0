"""The default playbook as records (playbook.default_playbook) is the models' defaults: the
written file is what the models write now, every value (and its type) is Playbook()'s and
Config()'s, and every method of a settings model answers the same on the records."""

from __future__ import annotations

import pickle
from datetime import datetime, timezone

import pytest

from escalation_desk.config import Config
from escalation_desk.playbook import frozen
from escalation_desk.playbook.config import Playbook
from escalation_desk.playbook.default_playbook import PLAYBOOK
from support.records import plain_settings as _plain


def test_the_written_file_is_what_the_models_write_now() -> None:
    written = frozen.DEFAULT_PLAYBOOK_FILE.read_text(encoding="utf-8")
    assert written == frozen.default_playbook_source(), \
        "a default changed: run `python -m escalation_desk.playbook.frozen` and commit playbook/default_playbook.py"


@pytest.mark.parametrize("model", [Playbook, Config])
def test_every_value_and_type_is_the_models_default(model: type) -> None:
    defaults = _plain(model())[1]
    records = _plain(PLAYBOOK)[1]
    assert {name: defaults[name] for name in Playbook.model_fields} == records


def _settings_classes(model: type, seen: dict[str, type]) -> dict[str, type]:
    import typing

    seen[model.__name__] = model
    for field in model.model_fields.values():
        stack = [field.annotation]
        while stack:
            kind = stack.pop()
            stack.extend(typing.get_args(kind))
            if isinstance(kind, type) and hasattr(kind, "model_fields") and kind.__name__ not in seen:
                _settings_classes(kind, seen)
    return seen


def test_every_method_of_a_settings_model_is_on_its_record() -> None:
    """A method added to a model must live in playbook.lookups (so the records have it too)."""
    for name, model in _settings_classes(Playbook, {}).items():
        record = getattr(frozen, frozen.RECORD_OF.get(name, "Record"))
        methods = {attr for klass in model.__mro__ if klass.__module__.startswith("escalation_desk")
                   for attr, value in vars(klass).items()
                   if not attr.startswith("_") and attr not in model.model_fields
                   and (callable(value) or isinstance(value, property))}
        assert methods <= set(dir(record)), f"{name}: {sorted(methods - set(dir(record)))} only on the model"


def test_the_records_answer_as_the_models() -> None:
    model = Playbook()
    for severity in model.severities:
        assert PLAYBOOK.severity(severity) == PLAYBOOK.severities[severity]
        assert _plain(PLAYBOOK.severity(severity)) == _plain(model.severity(severity))
    for role in ("CSM", "VP CS", "vp eng", "Nobody", " Director  CS ", "cto"):
        assert PLAYBOOK.roles.canonical(role) == model.roles.canonical(role)
        assert PLAYBOOK.roles.level(role) == model.roles.level(role)
        assert PLAYBOOK.people_in(role) == model.people_in(role)
    assert PLAYBOOK.person("Dana") is None and model.person("Dana") is None
    assert PLAYBOOK.error_lints() == model.error_lints()
    for tier in model.tiers:
        assert PLAYBOOK.tiers[tier].groups() == model.tiers[tier].groups()
        assert PLAYBOOK.tiers[tier].roles() == model.tiers[tier].roles()
    for answers in ({}, {"outage": True}, {"workflow_blocked": True, "workaround": False}):
        assert _plain(PLAYBOOK.impact.decide(answers)) == _plain(model.impact.decide(answers))


def test_records_are_read_only_hashable_like_frozen_models_and_pickle() -> None:
    with pytest.raises(AttributeError):
        PLAYBOOK.business_hours.timezone = "UTC"   # type: ignore[misc]
    with pytest.raises(AttributeError, match="no setting"):
        PLAYBOOK.no_such_setting   # noqa: B018
    assert hash(PLAYBOOK.business_hours) == hash(pickle.loads(pickle.dumps(PLAYBOOK.business_hours)))
    with pytest.raises(TypeError):   # a dict inside: unhashable, as the model is
        hash(PLAYBOOK)
    assert pickle.loads(pickle.dumps(PLAYBOOK)) == PLAYBOOK   # the check's worker processes get it pickled


def test_the_clocks_agree_on_records_and_models() -> None:
    from escalation_desk.tracking.deadline import clock_for

    start = datetime(2026, 11, 25, 16, 30, tzinfo=timezone.utc)   # the day before Thanksgiving
    for name in ("business", "calendar"):
        on_records, on_model = clock_for(PLAYBOOK, name), clock_for(Playbook(), name)   # type: ignore[arg-type]
        for hours in (1, 4, 9, 30):
            from datetime import timedelta

            assert on_records.add(start, timedelta(hours=hours)) == on_model.add(start, timedelta(hours=hours))


def test_a_value_the_file_cannot_hold_is_refused_when_writing() -> None:
    with pytest.raises(TypeError, match="cannot write"):
        frozen.source_of(object())
