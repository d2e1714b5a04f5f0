"""`esc overdue` at any size: each escalation's entry rendered where its document was read.

The same list as :func:`overdue.items.load_overdue` followed by :func:`~overdue.items.as_dict`
or :func:`~overdue.items.as_lines`, character for character, without holding it: a worker
turns each document into its entry's text (JSON or lines) and a few numbers; the texts wait
on disk (tracking.spill) until the last document is read, then go out in the list's order.
Raising issues and the Actions job summary need the whole list and use load_overdue.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Iterator, NamedTuple

from escalation_desk.config import Config
from escalation_desk.errors import DeskError
from escalation_desk.tracking import store
from escalation_desk.tracking.jsontext import dumps_indented
from escalation_desk.tracking.lean import lean_document
from escalation_desk.tracking.model import Document
from escalation_desk.tracking.scan import scan
from escalation_desk.tracking.spill import SortedTexts

from .items import (
    counted, head_fields, summary_lines, URGENCY, escalation_dict, escalation_lines, escalation_overdue,
)


class Entry(NamedTuple):
    """One document's part of the list (small: it travels back from a worker)."""

    path: str
    id: str | None
    status: str | None      # None: the document does not parse
    key: tuple | None       # the list's order; None: nothing listed for it
    overdue: int            # its overdue items
    due_soon: int
    text: str               # its entry: JSON (an item of "escalations") or lines


def document_entry(config: Config, now: datetime, due_within: timedelta | None, form: str, doc: Document) -> Entry:
    if doc.front is None:
        return Entry(doc.path, doc.id, None, None, 0, 0, "")
    found = escalation_overdue(doc, config, now, due_within)
    if found is None:
        return Entry(doc.path, doc.front.id, doc.front.status, None, 0, 0, "")
    late = len(found.overdue)
    key = (not late, URGENCY[found.severity], min(i.due for i in found.items), found.id)
    if form == "json":
        text = dumps_indented(escalation_dict(found, config), ensure_ascii=False, depth=2)
    else:
        text = "".join(line + "\n" for line in escalation_lines(found))
    return Entry(doc.path, found.id, found.status, key, late, len(found.items) - late, text)


@dataclass
class OverdueStream:
    """The overdue list's numbers, and its entries in order on disk (see overdue.items.OverdueList)."""

    now: datetime
    entries: SortedTexts = field(default_factory=SortedTexts)
    broken: list[str] = field(default_factory=list)
    considered: int = 0
    overdue_count: int = 0     # escalations with something overdue
    item_count: int = 0        # overdue items
    due_soon_count: int = 0

    @property
    def listed(self) -> int:
        return len(self.entries)

    def add(self, entry: Entry) -> None:
        if entry.status is None:
            self.broken.append(entry.path)
            return
        self.considered += counted(entry.status, entry.key is not None)
        if entry.key is not None:
            self.entries.add(entry.key, entry.text)
            self.overdue_count += bool(entry.overdue)
            self.item_count += entry.overdue
            self.due_soon_count += entry.due_soon


def stream_overdue(repo: Path, config: Config, now: datetime, due_within: timedelta | None = None,
                   form: str = "json") -> OverdueStream:
    """Every document under ``repo/escalations`` read once (in workers when many); `form` "json" or "lines"."""
    if not (repo / store.DOCS_DIR).is_dir():
        raise DeskError(f"{repo / store.DOCS_DIR} does not exist", hint="run `esc init` or pass --repo")
    found = OverdueStream(now)
    for entry in scan(repo, partial(document_entry, config, now, due_within, form), config, now, read=lean_document):
        found.add(entry)
    return found


def json_pieces(found: OverdueStream, config: Config) -> Iterator[str]:
    """The text of ``json.dumps(as_dict(...), indent=2, ensure_ascii=False)``, in pieces."""
    data = {**head_fields(found, config), "escalations": [], "skipped": sorted(found.broken)}
    if not found.listed:
        yield json.dumps(data, indent=2, ensure_ascii=False)
        return
    marker = "\x00entries\x00"
    data["escalations"] = [marker]
    head, tail = json.dumps(data, indent=2, ensure_ascii=False).split("    " + json.dumps(marker), 1)
    yield head
    separator = ""
    for text in found.entries.texts():
        yield separator + text
        separator = ",\n"
    yield tail


def lines_pieces(found: OverdueStream) -> Iterator[str]:
    """The lines of :func:`overdue.items.as_lines`, each ending in a newline, in pieces."""
    yield from found.entries.texts()
    yield "".join(line + "\n" for line in summary_lines(found))
