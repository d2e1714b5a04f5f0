"""``escalations/check-summary.json``: the few facts of each index record the pull-request
check needs, beside the ``index.json`` they were taken from.

The cross-document rules of ``esc check --base`` (duplicate IDs, owner load, systemic
categories, a ticket in two escalations) need nine fields of every document the pull
request does not touch. ``index.json`` carries them among everything the sidebar reads
(2.6 KB a record: 26 MB at 10,000 documents); this file carries only them, one document a
line (~150 bytes), and names the git blob of the ``index.json`` it was made from, so the
check can tell from the base's tree alone, without reading the index, that the two are in
step. Written by the same writers as the index (``esc index``, the sync), from the same
records: a row is ``[record[f] for f in FIELDS]``.

Schema ``escalation-desk/check-summary@1``::

    {"schema": "escalation-desk/check-summary@1", "index_blob": "<40 hex>", "fields": [...FIELDS],
     "rows": [
    ["escalations/ESC-1-x.md", "ESC-1", "integration", "Dana", "Open", "2026-11-20T14:05:00Z", [48213], "SEV-2", []],
    ...
    ]}
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

SCHEMA = "escalation-desk/check-summary@1"
NAME = "check-summary.json"
FIELDS = ("path", "id", "category", "owner", "status", "opened", "zendesk_tickets", "severity", "post_mortems")
_SHA = re.compile(r"[0-9a-f]{40}")


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def row_text(record: dict) -> str:
    """The row of one index record as the file writes it (one line)."""
    return _ENCODE([record[name] for name in FIELDS])


def blob_sha(data: bytes) -> str:
    """The id git gives these bytes as a blob (``git hash-object``)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def file_blob_sha(path: Path) -> str:
    """:func:`blob_sha` of a file's bytes, read in pieces."""
    digest = hashlib.sha1(b"blob %d\0" % path.stat().st_size)
    with path.open("rb") as handle:
        while piece := handle.read(1 << 20):
            digest.update(piece)
    return digest.hexdigest()


def summary_text(rows: Iterable[str], index_blob: str) -> str:
    """The file's text: the header, then one row a line (rows as :func:`row_text` gives them)."""
    head = _ENCODE({"schema": SCHEMA, "index_blob": index_blob, "fields": list(FIELDS)})
    lines = ",\n".join(rows)
    return head[:-1] + ', "rows": [\n' + lines + ("\n" if lines else "") + "]}\n"


def write_beside(index_path: Path, rows: Iterable[str]) -> Path:
    """Write the check summary of the index just written at `index_path` next to it."""
    from .store import write_atomic

    target = index_path.with_name(NAME)
    write_atomic(target, summary_text(rows, file_blob_sha(index_path)))
    return target


def _valid(rows: list) -> bool:
    """Every field of every row of the type the writer gives it (a hostile file is refused,
    not half-read). One pass; the lists (tickets, post-mortems) are mostly empty or short."""
    text, listed = str, list
    if not all(type(r) is listed and len(r) == 9 and type(r[0]) is text and type(r[1]) is text
               and (r[2] is None or type(r[2]) is text) and type(r[3]) is text and type(r[4]) is text
               and type(r[5]) is text and type(r[6]) is listed and type(r[7]) is text and type(r[8]) is listed
               for r in rows):
        return False
    return all(type(t) is int for r in rows for t in r[6]) and all(type(d) is text for r in rows for d in r[8])


def read_summary(data: bytes) -> tuple[str, list[list]] | None:
    """(index blob, rows) of a check summary; None when it is not one (not JSON, another
    schema or version, other fields, a row of the wrong shape)."""
    try:
        found = json.loads(data)
    except (ValueError, RecursionError):      # UnicodeDecodeError is a ValueError
        return None
    return summary_of(found)


def summary_of(found: object) -> tuple[str, list[list]] | None:
    """:func:`read_summary` of the decoded JSON."""
    if not isinstance(found, dict) or found.get("schema") != SCHEMA or found.get("fields") != list(FIELDS):
        return None
    blob, rows = found.get("index_blob"), found.get("rows")
    if type(blob) is not str or not _SHA.fullmatch(blob) or type(rows) is not list:
        return None
    if not _valid(rows) or not all(map(_dated, rows)):
        return None
    return blob, rows


def _dated(row: list) -> bool:
    """Its opening time and post-mortem dates read as the index's readers read them."""
    try:
        datetime.fromisoformat(row[5])
        for day in row[8]:
            date.fromisoformat(day)
    except ValueError:
        return False
    return True
