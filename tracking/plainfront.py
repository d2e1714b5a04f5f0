"""The front matter without pydantic, for the documents that are plainly valid.

:func:`plain_front` gives a :class:`PlainFront` — the same field values, of the same types,
as :class:`~tracking.frontmodel.FrontMatter` would hold — when every value is already of its
field's exact type and within its limits, or None as soon as anything is not (a number
written as text, a bool, padding to strip, a bad pattern, a year out of range, an unknown
cadence): then the caller validates with the pydantic model, which says what is wrong in
its one line per problem. `esc check FILE` on a good document so never loads pydantic.
tests/core/test_core_plainfront.py holds the two to the same values (and the same fields).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from escalation_desk.playbook.levels import OPEN_STATUSES, SEVERITIES, STATUSES

from .model import ID_PATTERN, REQUIRED_FIELDS, YEARS

_ID = re.compile(ID_PATTERN)
_TEXT = ("id", "customer", "severity", "status", "owner", "account_id", "severity_set_by", "exec_sponsor",
         "cadence", "cadence_agreed_by", "cadence_reason", "snooze_reason", "category", "follows")
_TIMES = ("severity_set_at", "sponsor_engaged_at", "snoozed_until", "opened", "acknowledged", "target_resolution",
          "resolved", "closed")
_TUPLES = {"zendesk_tickets": int, "triggers": str}
# Every field and its value when the document leaves it out (FrontMatter's defaults).
DEFAULTS: dict[str, object] = {
    **{name: None for name in _TEXT + _TIMES}, "arr": None, "renewal_date": None, "health_score": None,
    "tier": None, "organization_id": None, "zendesk_tickets": (), "triggers": (),
}


class _Declined(Exception):
    """Not plainly valid: the pydantic model decides."""


class PlainFront:
    """The front matter's values, read-only (what FrontMatter holds, without its validation)."""

    __slots__ = tuple(DEFAULTS)

    def __init__(self, values: dict[str, object]) -> None:
        for name, default in DEFAULTS.items():
            object.__setattr__(self, name, values.get(name, default))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"front matter is read-only ({name})")

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def values(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in DEFAULTS}

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PlainFront):
            return self.values() == other.values()
        fields = getattr(type(other), "model_fields", None)   # a FrontMatter with the same values
        if fields is None or set(fields) != set(DEFAULTS):
            return NotImplemented
        return self.values() == {name: getattr(other, name) for name in DEFAULTS}

    def __hash__(self) -> int:
        return hash(tuple(self.values().values()))

    def __reduce__(self) -> tuple:   # pickled by its values (its slots refuse setattr)
        return (PlainFront, (self.values(),))

    def __repr__(self) -> str:
        return "PlainFront(" + ", ".join(f"{k}={v!r}" for k, v in self.values().items() if v != DEFAULTS[k]) + ")"


def plain_front(raw: dict) -> PlainFront | None:
    """`raw` (the YAML keys, known and checked for required keys and zoned times) as a
    PlainFront, or None when only the pydantic model can say (or refuse) what it is."""
    if any(raw.get(key) is None for key in REQUIRED_FIELDS):
        return None
    try:
        return PlainFront({key: _value(key, value) for key, value in raw.items() if value is not None})
    except _Declined:
        return None


def _value(key: str, value: object) -> object:
    if key in _TEXT:
        return _text(key, value)
    if key in _TIMES:
        return _moment(value)
    if key in _TUPLES:
        kind = _TUPLES[key]
        if type(value) is not list or any(type(item) is not kind or (kind is str and _padded(item)) for item in value):
            raise _Declined
        return tuple(value)
    return _number_or_date(key, value)


def _text(key: str, value: object) -> str:
    if type(value) is not str or not value or _padded(value):
        raise _Declined
    if (key == "id" or key == "follows") and not _ID.match(value):
        raise _Declined
    if (key == "severity" and value not in SEVERITIES) or (key == "status" and value not in STATUSES):
        raise _Declined
    if key == "cadence":
        from .cadence import parse_cadence   # the model's own check of the cadence

        try:
            parse_cadence(value)
        except ValueError:
            raise _Declined from None
    return value


def _padded(text: str) -> bool:
    return text != text.strip()


def _moment(value: object) -> datetime:
    if type(value) is not datetime or value.tzinfo is None or value.year not in YEARS:
        raise _Declined
    return value


def _number_or_date(key: str, value: object) -> object:
    if key == "renewal_date":
        if type(value) is not date or value.year not in YEARS:
            raise _Declined
        return value
    if key in ("tier", "organization_id"):
        if type(value) is not int or (key == "tier" and not 1 <= value <= 4):
            raise _Declined
        return value
    if key in ("arr", "health_score"):
        if type(value) not in (int, float) or not 0 <= value < 2 ** 53 or (key == "health_score" and value > 100):
            raise _Declined
        return float(value)
    raise _Declined   # a key this reader does not know: the model says what it is
