"""Repeat escalations: "the customer has escalated twice on the same issue" (the playbook's
engage-the-sponsor-within-24-hours rule) is seen two ways, and the new document is linked
to the earlier one (``follows``) with a Timeline line saying why:

- a **second escalation**: a new escalation for the same customer (account or name) and
  the same ``category`` within ``executive.repeat_window`` (30 days) of the earlier one's
  opening or resolution (an earlier one still open counts too);
- a **reopened ticket**: a ticket of a Resolved or Closed escalation that Zendesk had solved
  (its ``zd:status:<id>:solved`` line is there) is open again with activity after the
  resolution — it becomes a new escalation instead of news appended to a finished record.

Pure: documents and tickets in, a :class:`Link` (or None) out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from escalation_desk.connectors.records import Ticket
from escalation_desk.playbook.durations import format_duration
from escalation_desk.tracking.model import Document

DONE_TICKET = ("solved", "closed")


@dataclass(frozen=True)
class Link:
    ident: str         # the earlier escalation
    reason: str        # the Timeline's words
    at: datetime       # when it became a repeat (the Timeline line's time)


def reopened(doc: Document, ticket: Ticket) -> bool:
    """A ticket of a finished escalation, solved in Zendesk once, open again since."""
    front = doc.front
    if front is None or front.is_open or ticket.status in DONE_TICKET:
        return False
    markers = doc.markers()
    if not any(f"zd:status:{ticket.id}:{done}" in markers for done in DONE_TICKET):
        return False
    finished = front.resolved or front.closed or front.opened
    return ticket.updated_at > finished


def reopen_link(doc: Document, ticket: Ticket) -> Link:
    front = doc.front
    assert front is not None
    when = front.resolved or front.closed or front.opened
    return Link(front.id, f"Ticket #{ticket.id} reopened after {front.id} was {front.status.lower()} "
                          f"({when:%Y-%m-%d}): a new escalation that follows {front.id}", ticket.updated_at)


def second_escalation(docs: list[Document], *, customer: str, account_id: str | None, category: str | None,
                      opened: datetime, window, ident: str) -> Link | None:  # noqa: ANN001 - timedelta
    """The most recent earlier escalation for the same customer and category within `window`."""
    if not category:
        return None
    found = [d for d in docs if _same(d, customer, account_id, category, ident) and d.front.opened < opened
             and opened - _last(d, opened) <= window]
    if not found:
        return None
    earlier = max(found, key=lambda d: d.front.opened)
    front = earlier.front
    return Link(front.id, f"Second escalation for {customer} ({category}) within {format_duration(window)}: "
                          f"follows {front.id} (opened {front.opened:%Y-%m-%d}, {front.status})", opened)


def _same(doc: Document, customer: str, account_id: str | None, category: str, ident: str) -> bool:
    front = doc.front
    if front is None or front.id == ident or (front.category or "").lower() != category.lower():
        return False
    if account_id and front.account_id:
        return front.account_id[:15] == account_id[:15]
    return front.customer.strip().lower() == customer.strip().lower()


def _last(doc: Document, opened: datetime) -> datetime:
    """When the earlier escalation was last live: its resolution, or now (`opened`) if still open."""
    front = doc.front
    if front.is_open:
        return opened
    return max(t for t in (front.opened, front.resolved, front.closed) if t is not None)
