"""A second escalation: the same customer and category again within ``executive.repeat_window``.

The playbook engages the executive sponsor within 24 hours when "the customer has escalated
twice on the same issue". A new escalation for the same customer (account id, else name)
and the same ``category`` within the window of the earlier one's opening or resolution (an
earlier one still open counts too) follows it: ``follows`` in the new document and a
Timeline line saying so (the sync, and ``esc new``). Pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from escalation_desk.playbook.durations import format_duration

from .model import Document


@dataclass(frozen=True)
class Link:
    ident: str         # the earlier escalation
    reason: str        # the Timeline's words
    at: datetime       # when it became a repeat (the Timeline line's time)


def second_escalation(docs: list[Document], *, customer: str, account_id: str | None, category: str | None,
                      opened: datetime, window: timedelta, ident: str) -> Link | None:
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
