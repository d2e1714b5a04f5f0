"""The plain front matter (tracking.plainfront) either declines or holds exactly what the
pydantic model (tracking.frontmodel.FrontMatter) holds: the same fields, values and types,
for generated and hostile values; and a document checks the same through either."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from escalation_desk.tracking.frontmodel import FrontMatter
from escalation_desk.tracking.parse import parse_document
from escalation_desk.tracking.plainfront import DEFAULTS, PlainFront, plain_front
from support.core import ACME, BRIGHTPATH, EXAMPLES_DIR, NORTHWIND

GOOD = {"id": "ESC-48213", "customer": "Acme Corp", "severity": "SEV-2", "status": "Open", "owner": "Dana Whitfield",
        "opened": datetime(2026, 11, 2, 14, 5, tzinfo=timezone.utc)}

texts = st.one_of(st.text(max_size=12), st.sampled_from(["ESC-1", "esc-1", " ESC-2 ", "SEV-1", "SEV-5", "Open",
                                                         "In Progress", "closed", "", " ", "2h", "every 4h", "1bd",
                                                         "weekly", "daily", "x" * 3, "ESC-0009"]))
numbers = st.one_of(st.integers(-5, 10**20), st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                    st.sampled_from([0, 1, 4, 5, 100, 101, 2**53, 10**400]))
zones = st.sampled_from([timezone.utc, timezone(timedelta(hours=-5)), timezone(timedelta(hours=5, minutes=30))])
moments = st.builds(lambda year, zone: datetime(year, 3, 4, 5, 6, 7, tzinfo=zone),
                    st.sampled_from([1969, 1970, 2026, 2999, 3000, 9999]), zones)
dates = st.builds(lambda year: date(year, 1, 31), st.sampled_from([1969, 1970, 2027, 2999, 3000]))
values = st.one_of(st.none(), texts, numbers, moments, dates,
                   st.lists(st.one_of(st.integers(0, 10**6), st.booleans(), texts), max_size=3),
                   st.dictionaries(st.text(max_size=3), st.integers(), max_size=1))


names = st.sampled_from(["Acme Corp", "Dana Whitfield", "Ünïcode Ltd", "A", "x y z", "42"])
likely = {   # values near the limits, mostly valid: most of these the plain reader takes
    "id": st.sampled_from(["ESC-1", "ESC-48213", "AB1-22", "ESC-", "esc-1"]), "customer": names, "owner": names,
    "severity": st.sampled_from(["SEV-1", "SEV-2", "SEV-3", "SEV-4", "SEV-0"]),
    "status": st.sampled_from(["Open", "In Progress", "Resolved", "Closed", "open"]),
    "account_id": names, "category": names, "exec_sponsor": names, "severity_set_by": names,
    "cadence": st.sampled_from(["every 4h", "daily", "every 30m", "every 1bd", "every 5m", "soon"]),
    "cadence_agreed_by": names, "cadence_reason": names, "snooze_reason": names,
    "follows": st.sampled_from(["ESC-2", "ESC-x"]),
    "arr": st.one_of(st.integers(-1, 10**9), st.floats(-1, 1e12)), "health_score": st.one_of(st.integers(-1, 101),
                                                                                           st.floats(-1, 101)),
    "tier": st.integers(0, 5), "organization_id": st.integers(-3, 10**12),
    "renewal_date": dates, "zendesk_tickets": st.lists(st.integers(0, 10**7), max_size=3),
    "triggers": st.lists(st.sampled_from(["keyword:cancel", "health-drop", "repeat:3-in-7d"]), max_size=2),
    **{name: moments for name in ("severity_set_at", "sponsor_engaged_at", "snoozed_until", "acknowledged",
                                  "target_resolution", "resolved", "closed", "opened")},
}


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({}, optional=likely))
def test_near_the_limits_the_plain_reader_declines_or_holds_what_the_model_holds(changes: dict) -> None:
    test_the_plain_reader_declines_or_holds_what_the_model_holds.hypothesis.inner_test(changes)


def _same(plain: PlainFront, model: FrontMatter) -> None:
    assert set(DEFAULTS) == set(FrontMatter.model_fields)
    for name in DEFAULTS:
        ours, theirs = getattr(plain, name), getattr(model, name)
        assert (ours, type(ours)) == (theirs, type(theirs)), name
        if isinstance(theirs, datetime):
            assert ours.tzinfo == theirs.tzinfo and ours.isoformat() == theirs.isoformat()
    assert plain.is_open == model.is_open
    assert plain == model and model == plain


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(DEFAULTS)), values, max_size=8))
def test_the_plain_reader_declines_or_holds_what_the_model_holds(changes: dict) -> None:
    raw = {**GOOD, **changes}
    plain = plain_front(raw)
    if plain is None:
        return
    model = FrontMatter.model_validate({k: v for k, v in raw.items() if v is not None})   # never refuses what we took
    _same(plain, model)


@pytest.mark.parametrize("change", [
    {"tier": True}, {"tier": "2"}, {"tier": 2.0}, {"tier": 5}, {"arr": "1000"}, {"arr": float("inf")},
    {"arr": float("nan")}, {"arr": -1}, {"arr": True}, {"health_score": 100.5}, {"customer": " Acme "},
    {"customer": ""}, {"owner": 7}, {"account_id": 12345}, {"id": "ESC-48213\n"}, {"severity": "sev-1"},
    {"status": "Done"}, {"follows": "nope"}, {"cadence": "whenever"}, {"renewal_date": datetime(2027, 1, 31)},
    {"renewal_date": date(3000, 1, 1)}, {"opened": datetime(9999, 1, 1, tzinfo=timezone.utc)},
    {"opened": datetime(2026, 1, 1)}, {"zendesk_tickets": 48213}, {"zendesk_tickets": [True]},
    {"zendesk_tickets": ["48213"]}, {"triggers": ["keyword:cancel "]}, {"triggers": "keyword:cancel"},
    {"unknown_key": 1}, {"organization_id": 1.5},
])
def test_what_only_the_model_can_decide_is_declined(change: dict) -> None:
    assert plain_front({**GOOD, **change}) is None


def test_a_plainly_valid_front_matter_is_taken() -> None:
    raw = {**GOOD, "arr": 250000, "health_score": 54, "tier": 2, "zendesk_tickets": [48213, 48220],
           "triggers": ["keyword:cancel"], "renewal_date": date(2027, 1, 31), "cadence": "every 4h",
           "account_id": "001Dn00000AbCdEIAZ", "follows": "ESC-1", "organization_id": 9, "category": None}
    plain = plain_front(raw)
    assert plain is not None
    _same(plain, FrontMatter.model_validate({k: v for k, v in raw.items() if v is not None}))
    with pytest.raises(AttributeError):
        plain.owner = "someone else"   # type: ignore[misc]
    assert hash(plain) == hash(plain_front(raw))
    import pickle

    assert pickle.loads(pickle.dumps(plain)) == plain


def test_a_declined_value_the_model_refuses_is_refused() -> None:
    assert plain_front({**GOOD, "tier": 9}) is None
    with pytest.raises(ValidationError):
        FrontMatter.model_validate({**GOOD, "tier": 9})


@pytest.mark.parametrize("name", [ACME, BRIGHTPATH, NORTHWIND])
def test_each_example_parses_the_same_either_way(name: str) -> None:
    data = (EXAMPLES_DIR / name).read_bytes()
    plain, model = parse_document(name, data, plain=True), parse_document(name, data)
    assert isinstance(plain.front, PlainFront) and isinstance(model.front, FrontMatter)
    _same(plain.front, model.front)
    assert plain.problems == model.problems and plain.sections.keys() == model.sections.keys()


def test_a_bad_document_has_the_models_findings_either_way() -> None:
    data = (EXAMPLES_DIR / ACME).read_bytes().replace(b"\ntier: 2\n", b"\ntier: 7\n").replace(b"SEV-2", b"SEV-9", 1)
    plain, model = parse_document(ACME, data, plain=True), parse_document(ACME, data)
    assert plain.front is None and model.front is None
    assert plain.problems == model.problems and any(p.code == "bad-value" for p in plain.problems)
