"""The cross-document summaries of documents a check does not read, from ``index.json``
or from its compact companion ``check-summary.json`` (:mod:`tracking.checksummary`).

The pull-request check parses only the documents the pull request changes; duplicate
IDs, owner load, systemic categories and shared tickets still need every other
document's ID, owner, severity, status, opening time, category, tickets and recorded
post-mortems. The index committed at the base carries exactly those, so they are taken
from there (see :func:`summaries_from_index`). An index that cannot be read gives
nothing, and the caller checks in full instead.

Each of those rules groups documents by one key (the ID; the category, lower case; a
ticket; the owner, trimmed and lower case) and says something only about the documents of
a group, so the findings on the changed documents need only the other documents that
share a key with one of them (:meth:`Table.related`): the rest are never made into
summaries.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Container, Iterable

from escalation_desk.playbook.config import OPEN_STATUSES

from . import checksummary
from .collection import Summary
from .index import SCHEMA

_NO_LINES = {"id": 1, "category": 1, "owner": 1, "zendesk_tickets": 1}   # findings on unread files are dropped


def summary_of_record(record: dict) -> Summary:
    """A :class:`~tracking.check_rules.Summary` from one index record (KeyError/ValueError/TypeError when malformed)."""
    return Summary(path=str(record["path"]), id=str(record["id"]), category=record["category"],
                   owner=str(record["owner"]), is_open=record["status"] in OPEN_STATUSES,
                   opened=datetime.fromisoformat(record["opened"]),
                   tickets=tuple(int(t) for t in record["zendesk_tickets"]), lines=_NO_LINES,
                   severity=str(record["severity"]),
                   post_mortems=tuple(date.fromisoformat(d) for d in record["post_mortems"]))


def summary_of_row(row: list) -> Summary:
    """The same summary from a check-summary row (ValueError when a time or date is malformed)."""
    return summary_of_record(dict(zip(checksummary.FIELDS, row)))


@dataclass(frozen=True)
class Keys:
    """What the documents being checked are grouped by in the cross-document rules."""

    ids: frozenset[str]
    categories: frozenset[str]
    owners: frozenset[str]
    tickets: frozenset[int]

    @classmethod
    def of(cls, summaries: Iterable[Summary]) -> "Keys":
        items = list(summaries)
        return cls(frozenset(s.id for s in items), frozenset(s.category.lower() for s in items if s.category),
                   frozenset(s.owner.strip().lower() for s in items), frozenset(t for s in items for t in s.tickets))

    def share(self, ident: str, category: str | None, owner: str, tickets: Iterable[int]) -> bool:
        return (ident in self.ids or owner.strip().lower() in self.owners
                or bool(category and category.lower() in self.categories) or not self.tickets.isdisjoint(tickets))

    def shared_by(self, summary: Summary) -> bool:
        return self.share(summary.id, summary.category, summary.owner, summary.tickets)


class Table:
    """Path → summary of every document an index records (the last record of a path wins)."""

    def __init__(self, entries: dict, index_blob: str | None = None) -> None:
        self.entries = entries
        self.index_blob = index_blob      # the index.json a check summary was made from (None: the index itself)

    def related(self, keys: Keys, paths: Container[str]) -> list[Summary]:
        """The summaries, among `paths`, that share a key with the documents checked (any order)."""
        return [summary for path, summary in self.entries.items() if path in paths and keys.shared_by(summary)]


class RowTable(Table):
    """A table from a check summary (path → row): rows become summaries only when related."""

    def related(self, keys: Keys, paths: Container[str]) -> list[Summary]:
        """:meth:`Table.related` in one pass over the rows (:meth:`Keys.share` written out: 10,000 calls cost)."""
        ids, categories, owners, tickets = keys.ids, keys.categories, keys.owners, keys.tickets
        return [summary_of_row(row) for path, row in self.entries.items()
                if (row[1] in ids or row[3].strip().lower() in owners or (row[2] and row[2].lower() in categories)
                    or not tickets.isdisjoint(row[6])) and path in paths]


def summaries_from_index(data: bytes | None) -> Table | None:
    """The table of an ``index.json`` or of a ``check-summary.json``; None when it is missing,
    not JSON, another schema or malformed."""
    if data is None:
        return None
    try:
        found = json.loads(data)
    except (ValueError, RecursionError):
        return None
    if isinstance(found, dict) and found.get("schema") == checksummary.SCHEMA:
        summary = checksummary.summary_of(found, data)
        return None if summary is None else RowTable({row[0]: row for row in summary[1]}, summary[0])
    try:
        if not isinstance(found, dict) or found.get("schema") != SCHEMA:
            return None
        table = Table({s.path: s for s in map(summary_of_record, found["escalations"])})
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    if any(s.category is not None and type(s.category) is not str for s in table.entries.values()):
        return None     # the rules lower-case it
    return table
