"""Which changed tickets are escalations, and which of them belong together.

Pure functions over the connectors' records and the documents already in the
repository; no I/O.

- A ticket is an escalation when it is linked to a document already, carries the
  escalation tag (or is in the configured view / search), or trips a ticket-level
  auto-escalation trigger (SPEC §4). Account-level triggers (ARR share, top account,
  health drop) raise the tier of an escalation but do not make every ticket of a big
  account one.
- Related tickets — same organization, same issue (:mod:`sync.sameissue`: a problem ticket's
  incidents, the configured issue field, shared identifiers or near-identical wording),
  created within the window of each other — join one escalation: an open document that
  already has such a ticket, else a new group.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Iterable, Mapping

from escalation_desk.connectors.records import Comment, Organization, Ticket, User
from escalation_desk.config import Config
from escalation_desk.playbook.rules import AccountFacts, TicketFacts, TriggerInput, detect_triggers
from escalation_desk.tracking.model import Document

from . import repeat, sameissue
from .sameissue import Signature
from .state import RecentTicket

# Triggers that make a ticket an escalation by themselves.
TICKET_LEVEL = ("keyword:", "repeat:", "exec-to-ceo", "social:", "legal-compliance", "legal-action",
                "public-exposure", "breach")


def is_ticket_level(code: str) -> bool:
    return code.startswith(TICKET_LEVEL)


def issue_of(ticket: Ticket, issue_field_id: int | None) -> str | None:
    value = ticket.field_value(issue_field_id)
    if value in (None, "", []):
        return None
    return str(value).strip().lower() or None


def is_staff(user_id: int | None, users: dict[int, User]) -> bool:
    user = users.get(user_id) if user_id is not None else None
    return bool(user and user.is_staff)


def customer_comments(ticket: Ticket, comments: Iterable[Comment], users: dict[int, User]) -> list[Comment]:
    """Public comments the customer side wrote (the first one is the description)."""
    return [c for c in comments if c.public and not is_staff(c.author_id, users)]


def ticket_facts(ticket: Ticket, users: dict[int, User], comments: Iterable[Comment] | None = None) -> TicketFacts:
    requester = users.get(ticket.requester_id) if ticket.requester_id else None
    texts = [ticket.description]
    if comments is not None:
        said = customer_comments(ticket, comments, users)
        texts += [c.body for c in said[1:]] if said and said[0].body.strip() == ticket.description.strip() \
            else [c.body for c in said]
    return TicketFacts(
        ticket_id=ticket.id, created_at=ticket.created_at, subject=ticket.subject,
        customer_text="\n".join(texts), channel=ticket.channel, organization_id=ticket.organization_id,
        tags=ticket.tags, requester_title=requester.title if requester else "", recipients=ticket.recipients,
    )


def signature_of(ticket: Ticket, issue_field_id: int | None) -> Signature:
    return sameissue.signature(ticket, ticket.field_value(issue_field_id))


def remembered(ticket: Ticket, issue_field_id: int | None) -> RecentTicket:
    sig = signature_of(ticket, issue_field_id)
    return RecentTicket(ticket.id, ticket.organization_id, sig.field, ticket.created_at, sig.problem,
                        sig.identifiers, sig.wording)


def related_facts(ticket: Ticket, sig: Signature, pool: Iterable[RecentTicket], window: timedelta) -> list[TicketFacts]:
    """Other tickets of the same organization on the same issue within the window, each
    with the evidence that it is the same issue."""
    if ticket.organization_id is None:
        return []
    found = []
    for other in pool:
        if other.id == ticket.id or other.organization_id != ticket.organization_id \
                or abs(other.created_at - ticket.created_at) > window:
            continue
        evidence = sameissue.same_issue(sig, other.signature())
        if evidence:
            found.append(TicketFacts(other.id, other.created_at, "", "", same_issue=evidence))
    return found


def recent_of(tickets: Iterable[Ticket], issue_field_id: int | None) -> list[RecentTicket]:
    kept = [remembered(t, issue_field_id) for t in tickets if t.organization_id is not None]
    return [r for r in kept if not r.signature().empty]


@dataclass
class Selection:
    ids: set[int] = field(default_factory=set)              # escalated tickets among the changed ones
    related_ids: set[int] = field(default_factory=set)      # older tickets that join them (repeat trigger)
    reasons: dict[int, str] = field(default_factory=dict)   # why each one was selected


def linked_ticket_ids(docs: Iterable[Document]) -> dict[int, Document]:
    """Ticket → its document; a ticket in two (reopened into a new escalation) → the open one,
    else the latest opened."""
    linked: dict[int, Document] = {}
    for doc in docs:
        if doc.front is not None:
            for ticket_id in doc.front.zendesk_tickets:
                current = linked.get(ticket_id)
                if current is None or _rank(doc) > _rank(current):
                    linked[ticket_id] = doc
    return linked


def _rank(doc: Document) -> tuple[bool, datetime]:
    return doc.front.is_open, doc.front.opened


def select(config: Config, changed: Iterable[Ticket], users: dict[int, User], organizations: dict[int, Organization],
           linked: set[int], recent: dict[int, RecentTicket], issue_field_id: int | None,
           listed: set[int] = frozenset()) -> Selection:
    """The escalated tickets among `changed` (see the module docstring for the rules)."""
    changed = list(changed)
    window = timedelta(days=config.triggers.repeat_window_days)
    pool = {r.id: r for r in recent.values()}
    pool.update({r.id: r for r in recent_of(changed, issue_field_id)})
    tag = (config.zendesk.escalation_tag or "").lower()
    chosen = Selection()
    for ticket in changed:
        if ticket.id in linked:
            chosen.reasons[ticket.id] = "linked"
        elif tag and tag in (t.lower() for t in ticket.tags):
            chosen.reasons[ticket.id] = f"tag {tag}"
        elif ticket.id in listed:
            chosen.reasons[ticket.id] = "view/search"
        elif config.zendesk.auto_triggers:
            org = organizations.get(ticket.organization_id) if ticket.organization_id else None
            related = related_facts(ticket, signature_of(ticket, issue_field_id), pool.values(), window)
            fired = [t for t in detect_triggers(config, TriggerInput(ticket_facts(ticket, users), related,
                                                                     AccountFacts(name=org.name if org else "")))
                     if is_ticket_level(t.code)]
            if not fired:
                continue
            chosen.reasons[ticket.id] = "trigger " + ", ".join(t.code for t in fired)
            if any(t.code.startswith("repeat:") for t in fired):
                chosen.related_ids.update(r.ticket_id for r in related)
        else:
            continue
        chosen.ids.add(ticket.id)
    chosen.related_ids -= chosen.ids
    return chosen


# --------------------------------------------------------------------------- grouping

@dataclass
class Group:
    tickets: list[Ticket]                 # oldest first; tickets[0] is the primary
    document: Document | None = None      # the existing document they belong to, if any
    reopens: Document | None = None       # a finished escalation whose ticket was reopened (repeat.py)

    @property
    def primary(self) -> Ticket:
        return self.tickets[0]


def _doc_ticket_times(doc: Document) -> list[datetime]:
    times = [e.at for e in doc.timeline if e.marker and e.marker.startswith("zd:ticket:")]
    return times or ([doc.front.opened] if doc.front else [])


def _doc_matches(doc: Document, ticket: Ticket, sig: Signature, account_id: str | None, customer: str,
                 window: timedelta, known: Mapping[int, Signature]) -> bool:
    front = doc.front
    if front is None or not front.is_open:
        return False
    same_account = (account_id and front.account_id and front.account_id[:15] == account_id[:15]) \
        or (customer and front.customer.strip().lower() == customer.strip().lower())
    if not same_account or not any(abs(at - ticket.created_at) <= window for at in _doc_ticket_times(doc)):
        return False
    if front.category and sig.field:
        return front.category.lower() == sig.field
    return any(sameissue.same_issue(sig, known[i]) for i in front.zendesk_tickets if i in known)


def group_tickets(config: Config, tickets: Iterable[Ticket], docs: list[Document], issue_field_id: int | None,
                  account_of: dict[int, str | None], customer_of: dict[int, str],
                  pool: Mapping[int, RecentTicket] | None = None) -> list[Group]:
    """Escalated tickets → groups, each joined to an existing document where one fits.

    `account_of` / `customer_of` map an organization id to its Account Id and name; `pool`
    holds the remembered tickets (whose signatures tell what a document's tickets were about).
    """
    window = timedelta(days=config.sync.related_window_days)
    tickets = sorted(tickets, key=lambda t: (t.created_at, t.id))
    known = {i: r.signature() for i, r in (pool or {}).items()}
    known.update({t.id: signature_of(t, issue_field_id) for t in tickets})
    linked = linked_ticket_ids(docs)
    by_doc: dict[str, Group] = {}
    new_groups: list[Group] = []
    for ticket in tickets:
        sig, org = known[ticket.id], ticket.organization_id
        doc = linked.get(ticket.id)
        if doc is not None and repeat.reopened(doc, ticket):   # a new escalation, linked to the old one
            new_groups.append(Group([ticket], reopens=doc))
            continue
        if doc is None and org is not None:
            doc = next((d for d in docs if _doc_matches(d, ticket, sig, account_of.get(org), customer_of.get(org, ""),
                                                         window, known)), None)
        if doc is not None:
            by_doc.setdefault(doc.path, Group([], doc)).tickets.append(ticket)
            continue
        home = None
        if org is not None:
            home = next((g for g in new_groups if g.primary.organization_id == org
                         and any(abs(t.created_at - ticket.created_at) <= window
                                 and sameissue.same_issue(known[t.id], sig) for t in g.tickets)), None)
        if home is None:
            new_groups.append(Group([ticket]))
        else:
            home.tickets.append(ticket)
    return sorted(by_doc.values(), key=lambda g: g.document.path) + new_groups
