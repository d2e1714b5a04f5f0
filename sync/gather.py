"""Everything one run reads from the sources, in as few requests as the APIs allow.

Zendesk: the incremental export since the cursor (1 request per 1,000 changed tickets,
users and organizations side-loaded), the "same issue" field (1 request, only when
something changed), the comments of escalated tickets (1 per ticket per 100 comments),
people the side-loads missed (1 per 100). Salesforce: the linked accounts of escalated
tickets and of open documents (1 query per 200), the name fallback (same), and total
ARR plus the top accounts (2, only when there is something to classify).

Nothing here decides or writes; the result is a :class:`Snapshot`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Iterable

from escalation_desk.connectors.errors import SourceError
from escalation_desk.connectors.records import Account, AccountTotals, Comment, Organization, Ticket, User, id15
from escalation_desk.config import Config
from escalation_desk.tracking.model import Document

from .detect import Selection, linked_ticket_ids, select
from .health import with_prior_week
from escalation_desk.progress import Progress
from .sources import Sources
from .state import SyncState, parse_iso

_SALESFORCE_ID = re.compile(r"^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$")


@dataclass
class Snapshot:
    now: datetime
    changed: list[Ticket]                                   # changed since the cursor (not by us)
    own_writes: int                                         # changed only by our last write-back
    selection: Selection
    tickets: dict[int, Ticket]                              # escalated (and joining) tickets
    comments: dict[int, list[Comment]]
    users: dict[int, User]
    organizations: dict[int, Organization]
    issue_field_id: int | None
    account_id_of_org: dict[int, str | None]                # the link, even when Salesforce is down
    accounts: dict[str, Account]                            # by 15-character Account Id
    totals: AccountTotals | None
    cursor: str | None
    salesforce_error: str | None = None
    notes: list[str] = field(default_factory=list)
    complete: bool = True          # False: the export stopped at the run's budget (resumes next run)

    def account_of_org(self, org_id: int | None) -> Account | None:
        account_id = self.account_id_of_org.get(org_id) if org_id is not None else None
        return self.accounts.get(id15(account_id)) if account_id else None


def _own_write(ticket: Ticket, state: SyncState) -> bool:
    record = state.written_back.get(ticket.id)
    return bool(record and record.updated_at and parse_iso(record.updated_at) == ticket.updated_at)


def _candidate_ids(org: Organization, config: Config) -> list[str]:
    found = []
    for way in config.zendesk.account_link:
        if way == "external_id" and org.external_id:
            found.append(org.external_id.strip())
        elif way == "field":
            value = org.fields.get(config.zendesk.organization_account_field)
            if value:
                found.append(str(value).strip())
    return [i for i in dict.fromkeys(found) if _SALESFORCE_ID.match(i)]


def link_accounts(sources: Sources, config: Config, orgs: Iterable[Organization],
                  doc_account_ids: Iterable[str]) -> tuple[dict[int, str | None], dict[str, Account]]:
    """Organization → Account Id (external_id, then the org field, then the exact name), and
    the accounts' facts; batched: one query per 200 ids, then one per 200 names."""
    orgs = list(orgs)
    wanted = {org.id: _candidate_ids(org, config) for org in orgs}
    ids = {i for candidates in wanted.values() for i in candidates} | {i for i in doc_account_ids if i}
    accounts = sources.salesforce.accounts(ids) if ids else {}
    link: dict[int, str | None] = {}
    unlinked = []
    for org in orgs:
        hit = next((accounts[id15(i)] for i in wanted[org.id] if id15(i) in accounts), None)
        link[org.id] = hit.id if hit else (wanted[org.id][0] if wanted[org.id] else None)
        if hit is None and "name" in config.zendesk.account_link and org.name:
            unlinked.append(org)
    if unlinked:
        by_name = sources.salesforce.accounts_by_name(o.name for o in unlinked)
        for org in unlinked:
            account = by_name.get(org.name)
            if account is not None:
                link[org.id] = account.id
                accounts[id15(account.id)] = account
    return link, accounts


def gather(sources: Sources, config: Config, state: SyncState, docs: list[Document], now: datetime,
           progress: Progress) -> Snapshot:
    zendesk = sources.zendesk
    progress.phase("Zendesk: changed tickets")
    start = now - timedelta(days=config.zendesk.first_sync_days)
    changes = zendesk.changed_tickets(state.cursor, start)
    changed = [t for t in changes.tickets if not _own_write(t, state)]
    own_writes = len(changes.tickets) - len(changed)
    users, organizations = dict(changes.users), dict(changes.organizations)
    issue_field_id = zendesk.issue_field_id(config.zendesk.issue_field) if changed else None
    listed: set[int] = set()
    if changed and config.zendesk.view_id is not None:
        listed |= zendesk.ticket_ids_in_view(config.zendesk.view_id)
    if changed and config.zendesk.search:
        listed |= zendesk.ticket_ids_matching(config.zendesk.search)
    linked = linked_ticket_ids(docs)
    selection = select(config, changed, users, organizations, set(linked), state.recent, issue_field_id, listed)
    tickets = {t.id: t for t in changed if t.id in selection.ids}
    if selection.related_ids:
        tickets.update(zendesk.tickets(selection.related_ids))

    progress.phase("Zendesk: comments", total=len(tickets))
    comments: dict[int, list[Comment]] = zendesk.comments_of(tickets, progress.advance)
    missing_users = {i for t in tickets.values() for i in (t.requester_id, t.assignee_id) if i} \
        | {c.author_id for cs in comments.values() for c in cs}
    users.update(zendesk.users(missing_users - set(users)))
    org_ids = {t.organization_id for t in tickets.values() if t.organization_id}
    organizations.update(zendesk.organizations(org_ids - set(organizations)))

    progress.phase("Salesforce: accounts")
    open_account_ids = {d.front.account_id for d in docs if d.front and d.front.is_open and d.front.account_id}
    snapshot = Snapshot(now, changed, own_writes, selection, tickets, comments, users, organizations, issue_field_id,
                        {}, {}, None, changes.cursor, complete=changes.complete)
    try:
        snapshot.account_id_of_org, snapshot.accounts = link_accounts(
            sources, config, [organizations[i] for i in sorted(org_ids) if i in organizations], open_account_ids)
        if snapshot.accounts:
            history = sources.salesforce.health_history(snapshot.accounts)
            snapshot.accounts = with_prior_week(snapshot.accounts, state.health_scores, history, now)
        if tickets:
            snapshot.totals = sources.salesforce.totals(config.triggers.top_accounts)
    except SourceError as exc:
        if config.salesforce.on_failure != "keep_stale" or exc.service != "Salesforce":
            raise
        snapshot.salesforce_error = str(exc)
        snapshot.account_id_of_org = {o: (_candidate_ids(organizations[o], config) or [None])[0]
                                      for o in org_ids if o in organizations}
        snapshot.accounts, snapshot.totals = {}, None
    progress.done()
    return snapshot
