"""The open escalations' index records, kept small: the fields the pages show, and the whole
record as the JSON text ``--format json`` prints, rendered where the document was parsed.

At 10,000 open escalations the records are most of the report's JSON (tens of MB), so
:class:`Spool` can hold their texts in an unlinked temporary file instead of memory;
:func:`report.serialize.chunks` streams them out in urgency order.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping
from typing import Iterator

from escalation_desk.playbook.timefmt import iso
from escalation_desk.tracking.statusrows import urgency_key

from . import jsontext
from .model import OverdueItem

# What the dashboard and the HTML page read of a record (anything else comes from the JSON text).
SHOWN = ("id", "title", "path", "severity", "severity_state", "tier", "status", "customer", "owner", "arr",
         "next_update_due", "overdue")
_SHOWN_AT = {name: at for at, name in enumerate(SHOWN)}
_OVERDUE = _SHOWN_AT["overdue"]
ITEM_DEPTH = 2   # a record's place in the report's JSON: an item of a list in the top-level object


class Spool:
    """Texts appended to a temporary file (gone when closed or collected), read back by position."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()
        self._end = 0

    def add(self, text: str) -> tuple[int, int]:
        data = text.encode("utf-8")
        self._file.seek(self._end)
        self._file.write(data)
        start, self._end = self._end, self._end + len(data)
        return start, len(data)

    def read(self, where: tuple[int, int]) -> str:
        self._file.seek(where[0])
        return self._file.read(where[1]).decode("utf-8")

    def close(self) -> None:
        self._file.close()


class OpenEscalation(Mapping):
    """One open escalation's index record, read like the record's dict (``r["id"]``, ``e.owner``
    in a template). ``key`` sorts records most urgent first (:func:`tracking.views.by_urgency`)."""

    __slots__ = ("_shown", "key", "_text", "_spool")

    def __init__(self, record: dict, overdue: tuple[OverdueItem, ...], text: bool = True) -> None:
        """`overdue`: the report's items for the same document (its record's "overdue" list, as
        :class:`report.model.OverdueItem`, held once for both). `text` False: the record's JSON
        is not rendered (only the fields the pages show are kept; :meth:`record` is refused)."""
        # A tuple, not a dict: at 10,000 records the difference is tens of MB.
        self._shown = tuple(overdue if name == "overdue" else record[name] for name in SHOWN)
        self.key = urgency_key(record)
        self._text: str | tuple[int, int] | None = jsontext.dumps(record, depth=ITEM_DEPTH) if text else None
        self._spool: Spool | None = None

    def spooled(self, spool: Spool) -> "OpenEscalation":
        """Move the JSON text into `spool` (done in the main process, as the records arrive)."""
        if self._spool is None and self._text is not None:
            self._text, self._spool = spool.add(self._text), spool
        return self

    @property
    def text(self) -> str:
        """The record as ``json.dumps(record, indent=2, ensure_ascii=False)`` renders it as an item
        of the report's ``open_escalations`` list (every line indented by 4 spaces)."""
        if self._text is None:
            raise LookupError(f"{self._shown[0]}: the report was built without the records' JSON "
                              "(report.run.build_report(..., records=True))")
        return self._spool.read(self._text) if self._spool is not None else self._text

    def record(self) -> dict:
        return json.loads(self.text)

    @property
    def fields(self) -> dict:
        """The record's fields the pages show (:data:`SHOWN`)."""
        found = dict(zip(SHOWN, self._shown))
        found["overdue"] = self["overdue"]
        return found

    def overdue_items(self) -> tuple[OverdueItem, ...]:
        """Its deadlines past due, as the report's items (what ``self["overdue"]`` lists)."""
        return self._shown[_OVERDUE]

    def __getitem__(self, name: str) -> object:
        if name == "overdue":   # as tracking.index.record has them
            return [{"kind": o.kind, "label": o.label, "due": iso(o.due), "late_minutes": o.late_minutes}
                    for o in self._shown[_OVERDUE]]
        return self._shown[_SHOWN_AT[name]] if name in _SHOWN_AT else self.record()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.record())

    def __len__(self) -> int:
        return len(self.record())

    def __getstate__(self) -> tuple:
        if self._spool is not None:
            raise TypeError("a spooled record stays in the process that holds its spool")
        return self._shown, self.key, self._text

    def __setstate__(self, state: tuple) -> None:
        self._shown, self.key, self._text = state
        self._spool = None

    def __eq__(self, other: object) -> bool:
        return self.record() == (other.record() if isinstance(other, OpenEscalation) else other)

    __hash__ = None  # type: ignore[assignment]
