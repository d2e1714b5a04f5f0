"""Read-only records of settings values, and the Python text that rebuilds them.

A :class:`Record` holds what a settings model holds (attribute access, equality, hashing,
pickling) without pydantic; the record classes with behaviour take it from the same mixins
as the models (:mod:`.lookups`). :func:`source_of` writes a model's values as Python text
that builds the records again: :mod:`.default_playbook` is that text for the playbook's
defaults (``python -m escalation_desk.playbook.frozen`` writes it again; a test fails while
it differs from the models' defaults).
"""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

from .lookups import ImpactLookups, PlaybookLookups, RolesLookups, TierDutyLookups


class Record:
    """A settings model's values, read-only."""

    __slots__ = ("_values",)

    def __init__(self, **values: object) -> None:
        object.__setattr__(self, "_values", values)

    def __getattr__(self, name: str) -> object:
        try:
            return object.__getattribute__(self, "_values")[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no setting {name!r}") from None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only ({name})")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other._values == self._values

    def __hash__(self) -> int:   # as a frozen model's: unhashable while it holds a dict
        return hash((type(self).__name__, tuple(self._values.values())))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self._values.items())})"

    def __reduce__(self) -> tuple:
        return (_rebuild, (type(self), self._values))


def _rebuild(kind: type, values: dict) -> Record:
    return kind(**values)


class PlaybookRecord(PlaybookLookups, Record):
    __slots__ = ()


class RolesRecord(RolesLookups, Record):
    __slots__ = ()


class TierDutyRecord(TierDutyLookups, Record):
    __slots__ = ()


class ImpactRecord(ImpactLookups, Record):
    __slots__ = ()


# The model classes with behaviour → their record class (every other model is a plain Record).
RECORD_OF = {"Playbook": "PlaybookRecord", "Roles": "RolesRecord", "TierDuty": "TierDutyRecord",
             "ImpactSettings": "ImpactRecord"}


def source_of(value: object, indent: int = 0) -> str:
    """Python text that builds `value` (a settings model, or a value inside one) as records."""
    pad = " " * (indent + 4)
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:
        kind = RECORD_OF.get(type(value).__name__, "Record")
        inner = "".join(f"{pad}{name}={source_of(getattr(value, name), indent + 4)},\n" for name in fields)
        return f"{kind}(  # {type(value).__name__}\n{inner}{' ' * indent})"
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = "".join(f"{pad}{k!r}: {source_of(v, indent + 4)},\n" for k, v in value.items())
        return "{\n" + inner + " " * indent + "}"
    if isinstance(value, tuple):
        if any(hasattr(type(item), "model_fields") for item in value):
            inner = "".join(f"{pad}{source_of(item, indent + 4)},\n" for item in value)
            return "(\n" + inner + " " * indent + ")"
        return repr(value)
    if type(value) is timedelta:
        return f"timedelta(seconds={value.total_seconds()!r})"
    if type(value) in (time, date):
        return f"{type(value).__name__}({', '.join(str(int(p)) for p in value.isoformat().replace(':', '-').split('-'))})"
    if value is None or type(value) in (str, int, float, bool):
        return repr(value)
    raise TypeError(f"cannot write a {type(value).__name__} setting as a record: {value!r}")


HEADER = '''"""The playbook's default rules as read-only records: what ``Playbook()`` holds, for the
commands that need nothing else and find no configuration file (`esc check FILE`), so they
never load pydantic. Written by ``python -m escalation_desk.playbook.frozen``; do not edit
(tests/core/test_core_default_playbook.py fails while it differs from the models' defaults).
"""

from datetime import date, time, timedelta  # noqa: F401

from .frozen import ImpactRecord, PlaybookRecord, Record, RolesRecord, TierDutyRecord  # noqa: F401

PLAYBOOK = '''


def default_playbook_source() -> str:
    from .config import Playbook   # the models (pydantic): only to write the file

    return HEADER + source_of(Playbook()) + "\n"


DEFAULT_PLAYBOOK_FILE = Path(__file__).with_name("default_playbook.py")

if __name__ == "__main__":
    DEFAULT_PLAYBOOK_FILE.write_text(default_playbook_source(), encoding="utf-8")
    print(f"wrote {DEFAULT_PLAYBOOK_FILE}")
