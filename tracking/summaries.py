"""The cross-document summaries of documents a check does not read, from ``index.json``.

The pull-request check parses only the documents the pull request changes; duplicate
IDs, owner load, systemic categories and shared tickets still need every other
document's ID, owner, severity, status, opening time, category, tickets and recorded
post-mortems. The index committed
at the base carries exactly those, so they are taken from there (see
:func:`summaries_from_index`). An index that cannot be read gives nothing, and the
caller checks in full instead.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from escalation_desk.playbook.config import OPEN_STATUSES

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


def summaries_from_index(data: bytes | None) -> dict[str, Summary] | None:
    """Path → summary for every record of an ``index.json``; None when it is missing,
    not JSON, another schema or malformed."""
    if data is None:
        return None
    try:
        index = json.loads(data)
        if not isinstance(index, dict) or index.get("schema") != SCHEMA:
            return None
        return {s.path: s for s in map(summary_of_record, index["escalations"])}
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
