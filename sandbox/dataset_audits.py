"""Turn the ticket drafts of :mod:`sandbox.dataset_zendesk` into Zendesk's ticket history:
one audit per change set (creation, each comment, each status change), with comment ids and
audit-event ids drawn from one sequence in time order, as Zendesk assigns them.
"""

from __future__ import annotations

import html
from datetime import datetime, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from escalation_desk.sandbox.dataset_zendesk import _Draft

FIRST_AUDIT_ID = 200_000_000_001
FIRST_EVENT_ID = 30_000_000_001
_CLOSE_AUTOMATION = {"channel": "rule", "source": {
    "from": {"id": 9001, "title": "Close ticket 4 days after status is set to solved"},
    "to": {}, "rel": "automation"}}
_WEB = {"channel": "web", "source": {"from": {}, "to": {}, "rel": None}}
# Stored comments hold the body only; html_body and plain_body are rendered on output.


def iso(moment: datetime) -> str:
    """Zendesk's timestamp format, 2026-11-20T14:05:00Z. The generator works in naive UTC
    datetimes because formatting them is several times faster (it formats ~100k)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.isoformat(timespec="seconds") + "Z"


def html_body(body: str) -> str:
    """Zendesk's html_body: escaped paragraphs inside a zd-comment div."""
    paragraphs = [p for p in body.replace("\r\n", "\n").split("\n\n") if p.strip()] or [""]
    inner = "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)
    return f'<div class="zd-comment" dir="auto">{inner}</div>'


def comment_event(author_id: int, body: str, public: bool) -> dict:
    """An audit's Comment event as stored: the emulator fills in the comment's fields (the
    event id is the comment id), so bodies are not stored twice."""
    return {"type": "Comment", "author_id": author_id, "body": body, "public": public}


def build_history(drafts: list[_Draft]) -> tuple[list[dict], dict[int, list[dict]], list[dict]]:
    pending: list[tuple[datetime, int, int, dict, dict | None]] = []  # (at, ticket, order, audit, comment)
    for draft in drafts:
        record = draft.record
        ticket_id = record["id"]
        first = draft.comments[0]
        initial_status = draft.changes[0][3] if draft.changes else record["status"]
        creates = [("subject", record["subject"]), ("status", initial_status),
                   ("priority", record["priority"]), ("type", record["type"]),
                   ("requester_id", str(record["requester_id"])), ("group_id", str(record["group_id"])),
                   ("organization_id", _str(record["organization_id"])), ("tags", list(record["tags"]))]
        create_audit = _audit(ticket_id, first.at, first.author_id, first.via,
                              [comment_event(first.author_id, first.body, first.public)]
                              + [{"type": "Create", "field_name": f, "value": v} for f, v in creates])
        by_moment = {(first.at, first.author_id): create_audit}
        pending.append((first.at, ticket_id, 0, create_audit, first))
        for order, comment in enumerate(draft.comments[1:], start=1):
            audit = _audit(ticket_id, comment.at, comment.author_id, comment.via,
                           [comment_event(comment.author_id, comment.body, comment.public)])
            by_moment[(comment.at, comment.author_id)] = audit
            pending.append((comment.at, ticket_id, order, audit, comment))
        for order, (at, author, field_name, previous, value) in enumerate(draft.changes, start=1000):
            audit = by_moment.get((at, author))
            if audit is None:
                via = _CLOSE_AUTOMATION if author == -1 else _WEB
                audit = by_moment[(at, author)] = _audit(ticket_id, at, author, via, [])
                pending.append((at, ticket_id, order, audit, None))
            same_field = next((e for e in audit["events"]
                               if e["type"] == "Change" and e["field_name"] == field_name), None)
            if same_field is not None:
                same_field["value"] = value  # new -> open -> pending at one moment: new -> pending
            else:
                audit["events"].append({"type": "Change", "field_name": field_name,
                                        "value": value, "previous_value": previous})
        if record["assignee_id"] is not None and draft.changes:
            at, author = draft.changes[0][0], draft.changes[0][1]
            by_moment[(at, author)]["events"].append({"type": "Change", "field_name": "assignee_id",
                                                      "value": str(record["assignee_id"]),
                                                      "previous_value": None})

    pending.sort(key=lambda item: (item[0], item[1], item[2]))
    audits: list[dict] = []
    comments: dict[int, list[dict]] = {d.record["id"]: [] for d in drafts}
    next_event = FIRST_EVENT_ID
    for audit_id, (at, ticket_id, _order, audit, comment) in enumerate(pending, start=FIRST_AUDIT_ID):
        audit["id"] = audit_id
        for event in audit["events"]:
            event["id"] = next_event
            next_event += 1
            if event["type"] == "Comment":
                comments[ticket_id].append({
                    "id": event["id"], "type": "Comment", "author_id": event.pop("author_id"),
                    "body": event.pop("body"), "public": event.pop("public"), "attachments": [],
                    "audit_id": audit_id, "via": comment.via if comment else _WEB, "created_at": iso(at),
                    "metadata": {"system": {}, "custom": {}},
                })
        audits.append(audit)
    tickets = sorted((d.record for d in drafts), key=lambda t: t["id"])
    for ticket in tickets:
        ticket["is_public"] = any(c["public"] for c in comments[ticket["id"]])
    return tickets, comments, audits


def _audit(ticket_id: int, at: datetime, author_id: int, via: dict, events: list[dict]) -> dict:
    return {"id": None, "ticket_id": ticket_id, "created_at": iso(at), "author_id": author_id,
            "via": via, "metadata": {"system": {}, "custom": {}}, "events": events}


def _str(value: object) -> str | None:
    return None if value is None else str(value)
