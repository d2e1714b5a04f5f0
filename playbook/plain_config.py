"""A simple ``escalations.toml`` read without pydantic, for the commands that need only the
playbook (`esc check FILE`).

:func:`plain_playbook` takes a file that sets only the business hours' time zone, holiday
country and subdivision and the roster (``[[people]]``: name, role, github, email — the
file `esc init` and the examples write), each a string: it gives the default playbook's
records (:mod:`.default_playbook`) with those values, which is what the models would hold.
Anything else — another key, another type, a time zone or holiday country the models
would refuse, a file that is not UTF-8 TOML — gives None, and the caller loads the file
with the models (:func:`escalation_desk.config.load_config`), which say what is wrong in
their one line. tests/core/test_core_plain_config.py holds the two to the same values.
"""

from __future__ import annotations

from pathlib import Path

from .default_playbook import PLAYBOOK
from .frozen import PlaybookRecord, Record

_HOURS_KEYS = frozenset({"timezone", "holidays", "subdivision"})
_PERSON_KEYS = ("name", "role", "github", "email")   # the model's fields, in its order
_PERSON_REQUIRED = frozenset({"name", "role"})


def plain_playbook(path: Path) -> PlaybookRecord | None:
    """The playbook `path` configures, as records, or None when only the models can say."""
    import tomllib

    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    if not set(raw) <= {"business_hours", "people"}:
        return None
    hours = _business_hours(raw.get("business_hours", {}))
    people = _people(raw.get("people", []))
    if hours is None or people is None:
        return None
    values = dict(object.__getattribute__(PLAYBOOK, "_values"))
    values.update(business_hours=hours, people=people)
    return PlaybookRecord(**values)


def _business_hours(table: object) -> Record | None:
    if type(table) is not dict or not set(table) <= _HOURS_KEYS or any(type(v) is not str for v in table.values()):
        return None
    hours = Record(**{**object.__getattribute__(PLAYBOOK.business_hours, "_values"), **table})
    if "timezone" in table and not _known_zone(table["timezone"]):
        return None
    from .businesshours import validate_holidays   # what load_config asks of every configuration

    try:
        validate_holidays(hours)   # type: ignore[arg-type]
    except ValueError:
        return None
    return hours


def _known_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _people(entries: object) -> tuple[Record, ...] | None:
    if type(entries) is not list:
        return None
    found = []
    for entry in entries:
        if (type(entry) is not dict or not _PERSON_REQUIRED <= set(entry) <= set(_PERSON_KEYS)
                or any(type(v) is not str for v in entry.values())):
            return None
        found.append(Record(**{key: entry.get(key) for key in _PERSON_KEYS}))
    return tuple(found)
