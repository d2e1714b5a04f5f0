"""``escalations/check-summary.json``: the few facts of each index record the pull-request
check needs, beside the ``index.json`` they were taken from.

The cross-document rules of ``esc check --base`` (duplicate IDs, owner load, systemic
categories, a ticket in two escalations) need nine fields of every document the pull
request does not touch. ``index.json`` carries them among everything the sidebar reads
(2.6 KB a record: 26 MB at 10,000 documents); this file carries only them, one document a
line (~150 bytes), and names the git blob of the ``index.json`` it was made from, so the
check can tell from the base's tree alone, without reading the index, that the two are in
step. Written by the same writers as the index (``esc index``, the sync), from the same
records: a row is ``[record[f] for f in FIELDS]``. The header also carries the SHA-256 of
the bytes after its own line (``rows_sha256``): rows edited by hand, or merged by hand
under a kept header, no longer match it and the file is not believed. ``index_blob`` is
the blob id in the repository's object format (40 hex digits for SHA-1, 64 for SHA-256).

A merge of two sides that both rewrote the file never conflicts on it: ``esc merge-driver``
(``merge=escalation-desk`` in ``.gitattributes``) writes :func:`merged_text`, a summary
with no rows whose ``index_blob`` is ``"merged"`` — stale by design; the check then reads
the index and says so, and the next ``esc index`` or sync rewrites it.

Schema ``escalation-desk/check-summary@1``::

    {"schema": "escalation-desk/check-summary@1", "index_blob": "<40 or 64 hex>", "rows_sha256": "<64 hex>",
     "fields": [...FIELDS], "rows": [
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
_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
MERGED = "merged"     # the index_blob of the summary a merge leaves (:func:`merged_text`)


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def row_text(record: dict) -> str:
    """The row of one index record as the file writes it (one line)."""
    return _ENCODE([record[name] for name in FIELDS])


def blob_sha(data: bytes, object_format: str = "sha1") -> str:
    """The id git gives these bytes as a blob (``git hash-object``) in a repository of this
    object format (``sha1`` or ``sha256``, as ``git rev-parse --show-object-format`` says)."""
    return hashlib.new(object_format, b"blob %d\0" % len(data) + data).hexdigest()


def file_blob_sha(path: Path, object_format: str = "sha1") -> str:
    """:func:`blob_sha` of a file's bytes, read in pieces."""
    digest = hashlib.new(object_format, b"blob %d\0" % path.stat().st_size)
    with path.open("rb") as handle:
        while piece := handle.read(1 << 20):
            digest.update(piece)
    return digest.hexdigest()


def summary_text(rows: Iterable[str], index_blob: str) -> str:
    """The file's text: the header, then one row a line (rows as :func:`row_text` gives them)."""
    lines = ",\n".join(rows)
    body = lines + ("\n" if lines else "") + "]}\n"
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    head = _ENCODE({"schema": SCHEMA, "index_blob": index_blob, "rows_sha256": digest, "fields": list(FIELDS)})
    return head[:-1] + ', "rows": [\n' + body


def merged_text() -> str:
    """What a merge of two rewritten summaries leaves: no rows, made from no index (stale)."""
    return summary_text((), MERGED)


def write_beside(index_path: Path, rows: Iterable[str], object_format: str = "sha1") -> Path:
    """Write the check summary of the index just written at `index_path` next to it."""
    from .store import write_atomic

    target = index_path.with_name(NAME)
    write_atomic(target, summary_text(rows, file_blob_sha(index_path, object_format)))
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
    schema or version, other fields, a row of the wrong shape, rows not the writer's)."""
    try:
        found = json.loads(data)
    except (ValueError, RecursionError):      # UnicodeDecodeError is a ValueError
        return None
    return summary_of(found, data)


def rows_intact(found: dict, data: bytes) -> bool:
    """The bytes after the header's line are those the writer hashed into it."""
    digest = found.get("rows_sha256")
    return type(digest) is str and hashlib.sha256(data.partition(b"\n")[2]).hexdigest() == digest


def summary_of(found: object, data: bytes) -> tuple[str, list[list]] | None:
    """:func:`read_summary` of the decoded JSON (`data`: the bytes it was decoded from)."""
    if not isinstance(found, dict) or found.get("schema") != SCHEMA or found.get("fields") != list(FIELDS):
        return None
    blob, rows = found.get("index_blob"), found.get("rows")
    if type(blob) is not str or not (_SHA.fullmatch(blob) or blob == MERGED) or type(rows) is not list:
        return None
    if not rows_intact(found, data):
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
