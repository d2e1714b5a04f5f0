"""From a snapshot of the sources and the documents in the repository to the changes one
run makes: new and updated documents, the next sync state, and the write-back plans.

Pure (no I/O): running it twice on the same input gives the same bytes, which is what
lets a run whose push was rejected re-sync on top of the other side's commit with the
snapshot it already holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath

from escalation_desk.connectors.records import Account, Organization, Ticket, User, id15
from escalation_desk.config import Config
from escalation_desk.tracking.desk_commands import USAGE, CommandError, command_line, parse_command
from escalation_desk.tracking.check_rules import heard_findings, new_comms
from escalation_desk.tracking.edit import set_fields
from escalation_desk.tracking.model import Document
from escalation_desk.tracking.parse import parse_document
from escalation_desk.tracking.store import new_id

from . import merge, repeat, writeback
from .classify import assess, own_note
from . import health
from .detect import group_tickets, is_staff, recent_of
from .gather import Snapshot
from .state import SyncState


@dataclass
class Outcome:
    changes: list[merge.DocChange]
    state: SyncState
    docs: list[Document]                      # every document as it will be after this run
    writebacks: list[writeback.Plan]
    unchanged: int
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def documents_changed(self) -> bool:
        return bool(self.changes)


def customer_name(org: Organization | None, account: Account | None, ticket: Ticket, users: dict[int, User]) -> str:
    if org is not None and org.name.strip():
        return org.name.strip()
    if account is not None and account.name.strip():
        return account.name.strip()
    requester = users.get(ticket.requester_id) if ticket.requester_id else None
    return requester.name.strip() if requester and requester.name.strip() else f"Ticket {ticket.id} requester"


def last_known_account(docs: list[Document], account_id: str | None, customer: str) -> Account | None:
    """The facts an earlier sync wrote for this customer (kept when Salesforce is down)."""
    for doc in sorted((d for d in docs if d.front), key=lambda d: d.front.opened, reverse=True):
        front = doc.front
        same = (account_id and front.account_id and id15(front.account_id) == id15(account_id)) \
            or front.customer.strip().lower() == customer.strip().lower()
        if same and front.arr is not None:
            return Account(front.account_id or account_id or "", front.customer, front.arr, front.renewal_date,
                           front.health_score)
    return None


def _refresh_facts(doc: Document, account: Account) -> merge.DocChange | None:
    """Open documents follow their account's ARR, renewal and health score."""
    fields = {k: v for k, v in merge.machine_fields(doc.front.customer, account, list(doc.front.zendesk_tickets)).items()
              if k in ("arr", "renewal_date", "health_score")}
    updated = set_fields(doc, fields)
    if updated.text == doc.text:
        return None
    changed = [k for k in fields if updated.raw_front.get(k) != doc.raw_front.get(k)]
    return merge.DocChange(doc.path, doc.front.id, doc.front.customer, doc.text, updated.text,
                           ["updated " + ", ".join(changed) + " from Salesforce"], updated)


def build(config: Config, snap: Snapshot, state: SyncState, docs: list[Document], now: datetime) -> Outcome:
    grouped = _plan_groups(config, snap, state, docs, now)
    changes = grouped.changes + _refreshed_facts(docs, grouped.touched, snap)
    next_state, notes = _next_state(config, snap, state, grouped.held, now)
    after = {d.path: d for d in docs}
    for change in changes:
        after[change.path] = change.doc or parse_document(change.path, change.after)
    notes += heard_notes(config, changes, after)
    all_docs = sorted(after.values(), key=lambda d: d.path)
    replies = {t: r for t, r in ((t, command_replies(config, thread, snap.users, state.comments_seen.get(t, 0)))
                                 for t, thread in snap.comments.items() if t not in grouped.held) if r}
    plans = writeback.plan(config, all_docs, next_state, snap.tickets, snap.comments, replies)
    unchanged = sum(1 for d in docs if d.front is not None) - sum(1 for c in changes if not c.created)
    return Outcome(changes, next_state, all_docs, plans, max(0, unchanged), grouped.skipped, notes)


def heard_notes(config: Config, changes: list, after: dict[str, Document]) -> list[str]:
    """HEARD on the public replies this run imports into the Communication Log — once: only
    entries the document did not have before (a direct push runs no `esc check --base`)."""
    found = []
    for change in changes:
        doc = after[change.path]
        before = parse_document(change.path, change.before) if change.before is not None else None
        found += [f.text() for f in heard_findings(doc, new_comms(doc, before), config)]
    return found


@dataclass
class _Grouped:
    changes: list = field(default_factory=list)        # merge.DocChange
    skipped: list[str] = field(default_factory=list)   # documents that do not parse
    held: set[int] = field(default_factory=set)        # tickets offered again once their document parses
    touched: set[str] = field(default_factory=set)     # documents a ticket group updated


def _id_in_name(path: str, prefix: str) -> str | None:
    """ESC-48213 from escalations/ESC-48213-acme-corp-….md (the name `esc new` and the sync give)."""
    found = re.match(rf"({re.escape(prefix)}\d+)(?:-|$)", PurePosixPath(path).stem, re.IGNORECASE)
    return found.group(1).upper() if found else None


def _plan_groups(config: Config, snap: Snapshot, state: SyncState, docs: list[Document], now: datetime) -> _Grouped:
    """Each group of related tickets → a new document or an update of its document."""
    orgs = snap.organizations
    account_of = {org_id: snap.account_id_of_org.get(org_id) for org_id in orgs}
    customer_of = {org_id: org.name for org_id, org in orgs.items()}
    by_id = {d.id: d for d in docs if d.id}
    # A document that does not parse (a Latin-1 paste) still owns the ID in its file name: its
    # tickets wait for it (skipped, held), and no second document is started beside it.
    unreadable = {ident: d for d in docs if d.front is None and (ident := _id_in_name(d.path, config.sync.id_prefix))}
    groups = group_tickets(config, snap.tickets.values(), docs, snap.issue_field_id, account_of, customer_of,
                           state.recent)
    pool = list(state.recent.values())
    out = _Grouped()
    for group in groups:
        primary = group.primary
        org = orgs.get(primary.organization_id) if primary.organization_id else None
        account = snap.account_of_org(primary.organization_id)
        customer = customer_name(org, account, primary, snap.users)
        wanted = f"{config.sync.id_prefix}{primary.id}"
        doc = group.document or (None if group.reopens else by_id.get(wanted) or unreadable.get(wanted))
        if doc is not None and doc.front is None:
            out.skipped.append(doc.path)
            out.held.update(t.id for t in group.tickets)
            continue
        ident = _new_ident(config, primary, by_id, now) if doc is None else doc.id
        link = None if doc is not None else _repeat_of(config, group, list(by_id.values()), customer, account, snap,
                                                       ident)
        result = assess(config, group.tickets, snap.comments, snap.users, account, snap.totals, customer, pool,
                        snap.issue_field_id, now, opened=doc.front.opened if doc else (link.at if link else None),
                        earlier=link.ident if link else None)
        if doc is not None:
            out.touched.add(doc.path)
            change = merge.update(doc, group.tickets, snap.comments, snap.users, customer, account, result, now,
                                  state.comments_seen, config.business_hours.timezone)
        else:
            stale = last_known_account(docs, account_of.get(primary.organization_id), customer) \
                if snap.salesforce_error else None
            change = merge.create(config, ident, group.tickets, snap.comments,
                                  snap.users, customer, account, stale, result,
                                  _category(primary, snap.issue_field_id), now, follows=link)
            by_id[change.ident] = change.doc or parse_document(change.path, change.after)
        if change is not None:
            out.changes.append(change)
    return out


def _new_ident(config: Config, primary, by_id: dict, now: datetime) -> str:  # noqa: ANN001 - Ticket
    """The primary ticket's number; a reopened ticket's escalation (that number is taken) a fresh ID."""
    ident = f"{config.sync.id_prefix}{primary.id}"
    return ident if ident not in by_id else new_id(set(by_id), now, config.sync.id_prefix)


def _repeat_of(config: Config, group, docs: list[Document], customer: str, account, snap: Snapshot,  # noqa: ANN001
               ident: str):  # noqa: ANN202 - repeat.Link | None
    """The earlier escalation a new one follows: the one whose ticket was reopened, or a second
    escalation for the same customer and category within the window."""
    if group.reopens is not None:
        return repeat.reopen_link(group.reopens, group.primary)
    return repeat.second_escalation(
        [d for d in docs if d.front is not None], customer=customer, account_id=account.id if account else None,
        category=_category(group.primary, snap.issue_field_id), opened=min(t.created_at for t in group.tickets),
        window=config.executive.repeat_window, ident=ident)


def _refreshed_facts(docs: list[Document], touched: set[str], snap: Snapshot) -> list:
    """Open documents no ticket touched still get their account's new ARR, renewal and health."""
    changes = []
    for doc in docs:
        front = doc.front
        if doc.path in touched or front is None or not front.is_open or not front.account_id:
            continue
        account = snap.accounts.get(id15(front.account_id))
        change = _refresh_facts(doc, account) if account else None
        if change is not None:
            changes.append(change)
    return changes


def _next_state(config: Config, snap: Snapshot, state: SyncState, held: set[int],
                now: datetime) -> tuple[SyncState, list[str]]:
    next_state = state.copy()
    next_state.cursor, next_state.as_of = snap.cursor, now
    for ticket_id, thread in snap.comments.items():
        if ticket_id not in held:
            next_state.saw(ticket_id, [c.id for c in thread])
    next_state.remember(recent_of(snap.changed, snap.issue_field_id), now,
                        max(config.triggers.repeat_window_days, config.sync.related_window_days))
    notes = []
    if snap.salesforce_error:
        next_state.salesforce_stale_since = state.salesforce_stale_since or now
        notes.append(f"Salesforce unavailable ({snap.salesforce_error}); ARR and account facts kept from the last "
                     f"sync, stale since {next_state.salesforce_stale_since:%Y-%m-%d %H:%M} UTC")
    else:
        next_state.salesforce_stale_since = None
        next_state.health_scores = health.remember(state.health_scores, snap.accounts.values(), now)
    return next_state, notes


def command_replies(config: Config, thread: list, users: dict[int, User], seen: int) -> tuple[str, ...]:
    """Answers to the agents' new #esc notes that do not read: what was wrong, how to write it."""
    answers = []
    for comment in thread:
        if comment.id <= seen or comment.public or own_note(comment) or not is_staff(comment.author_id, users):
            continue
        words = command_line(comment.body, "#esc")
        if words is None:
            continue
        try:
            parse_command(words, config.business_hours.timezone, comment.created_at)
        except CommandError as exc:
            verb = words.split(" ", 1)[0].lower()
            answers.append(writeback.command_reply(comment.body.splitlines()[0], str(exc),
                                                   "#esc " + USAGE.get(verb, USAGE["notified"])))
    return tuple(answers)


def _category(ticket: Ticket, issue_field_id: int | None) -> str | None:
    value = ticket.field_value(issue_field_id)
    return str(value).strip() if value not in (None, "") else None


def replay_too_long(config: Config, snap: Snapshot) -> bool:
    """Only unrelated tickets changed, but so many that the cursor should move anyway."""
    return len(snap.changed) + snap.own_writes > config.sync.max_replay_tickets

