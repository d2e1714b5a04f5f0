"""Repeat escalations: "the customer has escalated twice on the same issue" (the playbook's
engage-the-sponsor-within-24-hours rule) is seen two ways, and the new document is linked
to the earlier one (``follows``) with a Timeline line saying why:

- a **second escalation**: a new escalation for the same customer (account or name) and
  the same ``category`` within ``executive.repeat_window`` (30 days) of the earlier one's
  opening or resolution (an earlier one still open counts too);
- a **reopened ticket**: a ticket of a Resolved or Closed escalation that Zendesk had solved
  (its ``zd:status:<id>:solved`` line is there) is open again with activity after the
  resolution — it becomes a new escalation instead of news appended to a finished record.

Pure: documents and tickets in, a :class:`Link` (or None) out. The second-escalation rule
lives in :mod:`tracking.repeats` (``esc new`` uses it too).
"""

from __future__ import annotations

from escalation_desk.connectors.records import Ticket
from escalation_desk.tracking.model import Document
from escalation_desk.tracking.repeats import Link, second_escalation

__all__ = ["Link", "reopen_link", "reopened", "second_escalation"]

DONE_TICKET = ("solved", "closed")


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
