"""A deterministic fictional B2B SaaS customer base for the sandbox emulators.

``build_dataset(seed, tickets, now)`` returns the same bytes (``Dataset.to_json()``) for the
same arguments: every random choice comes from ``random.Random(seed)`` and every time is an
offset from ``now`` (default 2026-11-26T12:00:00Z), never the wall clock.

The vendor is "Northbeam" (agents ``@northbeam.example``); its 24 customers are Zendesk
organizations whose ``external_id`` is their Salesforce Account Id. Besides ``tickets - 22``
everyday filler tickets spread over the 30 days before ``now``, the dataset always holds the
scenario tickets of :mod:`sandbox.dataset_scenarios`, with fixed ids:

======================== ===== ==============================================================
name                     id    what it is
======================== ===== ==============================================================
three_related_1..3       48201 three "CSV export times out" tickets from Meridian Insurance
                         48202 within 7 days (tag ``export_timeout``) -> 3+ tickets trigger
                         48203
keyword_cancel           48205 Lakeshore Credit Union: "... we will cancel our subscription"
keyword_legal            48206 Tidewater Energy: "Our legal team is now reviewing ..."
keyword_breach_sla       48207 Vertex Analytics: "a breach of the 500 ms ... SLA"
social_named_account     48208 twitter complaint from a Bluebird Logistics contact
social_anonymous         48209 facebook post from a user with no organization (control)
exec_to_ceo              48210 Silverline Telecom's CFO emails the CEO (recipient ceo@)
calm_breach              48211 Pinecrest Health: calm, low-priority report of another
                               organisation's records in their export (a data breach)
angry_button             48212 Halcyon Games: ALL-CAPS, urgent, about a button colour
escalated_sync           48213 Acme Corp "Salesforce sync stopped", tag ``escalation``
escalated_outage         48214 Zephyr Airlines production outage by phone, urgent
escalated_solved         48215 Willow Education escalation, solved 3 days ago
escalated_pending        48216 Cobalt Security SSO loop, pending
acme_followup            48220 second Acme ticket on the 48213 issue
hostile_markdown         48221 headings, checklists, a fake ``<!-- zd:comment:1 -->`` marker
hostile_front_matter     48222 a body that starts with ``---`` YAML front matter
hostile_template         48223 ``{{ jinja }}``, ``{% for %}``, ``${{ secrets.* }}``, ``$(...)``
hostile_html             48224 ``<script>``, ``onerror=``, ``</textarea>``, a fake marker
hostile_long_line        48225 a 5,000-character line
hostile_workflow_command 48226 ``::set-output``/``::warning`` workflow commands, CRLF
======================== ===== ==============================================================

``team=True`` (``esc demo``) adds what the company's people did about these tickets during the
week (:mod:`sandbox.dataset_team`); without it the data is exactly as described here.

All ``escalated_*``/``acme_followup``/``hostile_*`` tickets carry the ``escalation`` tag; no
filler ticket does, and no filler text contains a trigger word. Accounts:
:data:`ACCOUNT_SCENARIOS` (Acme Corp is the top account by far, Lakeshore's health score fell
37 points in a week) and :data:`ACCOUNT_GROUPS` (renewals within 90 days).
"""

from __future__ import annotations

import gc
import hashlib
import json
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from escalation_desk.sandbox import dataset_text as text
from escalation_desk.sandbox.dataset_team import FIRST_SYNC_AGO, with_team
from escalation_desk.sandbox.dataset_scenarios import CONTACTS, SCENARIO_GROUPS, SCENARIOS, TICKETS
from escalation_desk.sandbox.dataset_zendesk import (ESCALATED_VIEW_ID, TicketBuilder, iso, org_record, staff_record,
                                     user_record, view_records)

__all__ = [
    "ACCOUNT_GROUPS", "ACCOUNT_IDS", "ACCOUNT_SCENARIOS", "DEFAULT_NOW", "Dataset", "ESCALATED_VIEW_ID", "SCENARIOS",
    "SCENARIO_GROUPS", "ZendeskData", "build_dataset", "salesforce_id",
]

DEFAULT_NOW = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)
GITHUB_REPOSITORY = "acme-cs/escalations"
_CHECKSUM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def salesforce_id(id15: str) -> str:
    """The 18-character form of a 15-character Salesforce Id (case-safety checksum)."""
    if len(id15) != 15 or not id15.isalnum():
        raise ValueError(f"not a 15-character Salesforce Id: {id15!r}")
    suffix = ""
    for chunk in (id15[0:5], id15[5:10], id15[10:15]):
        bits = sum(1 << i for i, ch in enumerate(chunk) if "A" <= ch <= "Z")
        suffix += _CHECKSUM_ALPHABET[bits]
    return id15 + suffix


ACCOUNT_IDS: dict[str, str] = {c.key: salesforce_id("001Dn00000" + c.sf_code) for c in text.CUSTOMERS}
"""Customer key → Salesforce Account Id (the same for every seed)."""
_OWNER_IDS: dict[str, str] = {
    p.key: salesforce_id("005Dn00000" + (p.key.upper() + "QXZWV")[:5]) for p in text.STAFF
}

ACCOUNT_SCENARIOS: dict[str, str] = {
    "top_arr": ACCOUNT_IDS["acme"],  # Acme Corp: $2.4M, by far the largest account
    "health_drop": ACCOUNT_IDS["lakeshore"],  # 78 -> 41 in a week
    "exec_to_ceo": ACCOUNT_IDS["silverline"],
    "calm_breach": ACCOUNT_IDS["pinecrest"],
    "social_named_account": ACCOUNT_IDS["bluebird"],
    "three_related": ACCOUNT_IDS["meridian"],
}
"""Named Salesforce accounts of the scenarios (Account Ids)."""
ACCOUNT_GROUPS: dict[str, tuple[str, ...]] = {
    "renewal_within_90_days": tuple(ACCOUNT_IDS[c.key] for c in text.CUSTOMERS
                                    if c.renewal_days is not None and c.renewal_days <= 90),
}


@dataclass
class ZendeskData:
    """Zendesk records in their API shapes (without the server-dependent ``url`` fields)."""

    organizations: list[dict]
    users: list[dict]
    groups: list[dict]
    ticket_fields: list[dict]
    tickets: list[dict]
    comments: dict[int, list[dict]]  # ticket id -> comments, oldest first
    audits: list[dict]  # the tickets' history, oldest first (audit events, comments included)
    views: list[dict]  # saved ticket filters; ESCALATED_VIEW_ID is "Escalated tickets"
    api_user_email: str = text.API_USER_EMAIL


@dataclass
class Dataset:
    seed: int
    now: datetime
    zendesk: ZendeskData
    salesforce_accounts: list[dict]
    salesforce_users: list[dict]
    github: dict
    roster: list[dict]
    salesforce_history: list[dict] = field(default_factory=list)   # AccountHistory (Health_Score__c tracked)
    scenarios: dict[str, int] = field(default_factory=lambda: dict(SCENARIOS))
    scenario_groups: dict[str, tuple[int, ...]] = field(default_factory=lambda: dict(SCENARIO_GROUPS))

    def to_json(self) -> str:
        """Canonical JSON of the whole dataset (same seed and now → same bytes)."""
        body = {name: getattr(self, name) for name in self.__dataclass_fields__}
        body["now"] = iso(self.now)
        body["zendesk"] = vars(self.zendesk)
        return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    def fingerprint(self) -> str:
        return hashlib.sha256(self.to_json().encode()).hexdigest()

    def ticket(self, scenario: str) -> dict:
        """The ticket record of a named scenario, e.g. ``dataset.ticket("calm_breach")``."""
        wanted = self.scenarios[scenario]
        return next(t for t in self.zendesk.tickets if t["id"] == wanted)


def build_dataset(seed: int = 7, tickets: int = 240, now: datetime | None = None, *, team: bool = False) -> Dataset:
    """Generate the dataset; ``tickets`` counts all tickets, scenario ones included. ``team``: the
    scenario tickets as the company's people left them after a week of work
    (:mod:`sandbox.dataset_team`, what ``esc demo`` shows) instead of untouched."""
    now = (now or DEFAULT_NOW).astimezone(timezone.utc).replace(microsecond=0)
    if tickets < len(TICKETS):
        raise ValueError(f"tickets must be at least {len(TICKETS)} (the scenario tickets)")
    # The records form no reference cycles; the cyclic collector would only rescan the
    # growing heap over and over (it more than doubles the time for 10,000 tickets).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(seed, tickets, now, team)
    finally:
        if collecting:
            gc.enable()


def _build(seed: int, tickets: int, now: datetime, team: bool = False) -> Dataset:
    rng = random.Random(seed)
    naive_now = now.replace(tzinfo=None)  # see iso(): naive UTC inside the generator
    epoch = naive_now - timedelta(days=400)  # when accounts and people were created

    groups = [{"id": 101 + i, "name": name, "description": "", "default": i == 0,
               "deleted": False, "created_at": iso(epoch), "updated_at": iso(epoch)}
              for i, (_key, name) in enumerate(text.GROUPS)]
    group_ids = {key: 101 + i for i, (key, _name) in enumerate(text.GROUPS)}
    staff_ids = {p.key: 5001 + i for i, p in enumerate(text.STAFF)}
    users = [staff_record(5000, "Escalation Desk (API)", text.API_USER_EMAIL, "admin", None, "Integration",
                          group_ids["success"], epoch)]
    users += [staff_record(staff_ids[p.key], p.name, p.email, p.role, p.github, p.title,
                           group_ids[p.group], epoch) for p in text.STAFF]

    accounts, organizations, org_ids, history = _accounts(rng, naive_now, epoch, group_ids)
    contacts, social, named = _people(rng, org_ids, epoch, users)

    builder = TicketBuilder(naive_now, organizations, org_ids, staff_ids, group_ids, contacts, social, named, users)
    for scenario in TICKETS:
        builder.add_scenario(with_team(scenario, naive_now) if team else scenario)
    # With the team, the demo's first sync is FIRST_SYNC_AGO before now and the people act
    # live after it: the everyday tickets' world ends at that sync, so nothing it reads lies ahead.
    quiet_from = naive_now - timedelta(hours=FIRST_SYNC_AGO) if team else None
    builder.add_fillers(rng, tickets - len(TICKETS), first_id=min(SCENARIOS.values()) - 1, until=quiet_from)
    ticket_records, comments, audits = builder.finish()

    roster = [{"name": p.name, "title": p.title, "email": p.email, "github": p.github,
               "zendesk_user_id": staff_ids[p.key],
               "salesforce_user_id": _OWNER_IDS[p.key] if p.owns_accounts else None}
              for p in text.STAFF]
    return Dataset(
        seed=seed, now=now,
        zendesk=ZendeskData(organizations=organizations, users=users, groups=groups,
                            ticket_fields=_ticket_fields(epoch), tickets=ticket_records,
                            comments=comments, audits=audits, views=view_records(epoch)),
        salesforce_accounts=accounts,
        salesforce_history=history,
        salesforce_users=[{"Id": _OWNER_IDS[p.key], "Name": p.name, "Email": p.email, "Title": p.title}
                          for p in text.STAFF if p.owns_accounts],
        github=_github_seed(),
        roster=roster,
    )


def _accounts(rng: random.Random, now: datetime, epoch: datetime,
              group_ids: dict[str, int]) -> tuple[list[dict], list[dict], dict[str, int], list[dict]]:
    owners = [p for p in text.STAFF if p.owns_accounts]
    by_key = {p.key: p for p in text.STAFF}
    accounts, organizations, org_ids, history = [], [], {}, []
    for index, customer in enumerate(text.CUSTOMERS):
        # Draw every random value for every customer, used or not, so that changing one
        # fixed value never shifts the random stream of the others.
        arr = rng.randrange(*text.RANDOM_ARR_RANGE) // 1000 * 1000
        health = rng.randrange(55, 96)
        prior = health + rng.randrange(-8, 9)
        renewal_days = rng.randrange(120, 400)
        owner = rng.choice(owners)
        segment = rng.choice(("mid_market", "smb", "smb"))
        if customer.arr is not None:
            arr = customer.arr
        if customer.health is not None:
            health, prior = customer.health
        if customer.renewal_days is not None:
            renewal_days = customer.renewal_days
        if customer.owner is not None:
            owner = by_key[customer.owner]
        segment = customer.segment or segment
        account_id = ACCOUNT_IDS[customer.key]
        org_id = 1001 + index
        org_ids[customer.key] = org_id
        accounts.append({
            "Id": account_id, "Name": customer.name, "ARR__c": float(arr),
            "Renewal_Date__c": (now + timedelta(days=renewal_days)).date().isoformat(),
            "Health_Score__c": float(health),
            "Industry": customer.industry, "OwnerId": _OWNER_IDS[owner.key],
            "Owner": {"Name": owner.name, "Email": owner.email},
        })
        organizations.append(org_record(org_id, customer.name, account_id, customer.domain, segment,
                                        group_ids["success"], epoch + timedelta(days=index)))
        prior = float(max(0, min(100, prior)))
        if prior != float(health):   # field history tracking is on for Health_Score__c: the week's change
            history.append({"Id": f"017SB{len(history) + 1:010d}", "AccountId": account_id,
                            "Field": "Health_Score__c", "OldValue": prior, "NewValue": float(health),
                            "CreatedDate": iso(now - timedelta(days=3, hours=index % 24)),
                            "CreatedById": "005SB0000000001AAA"})
    return accounts, organizations, org_ids, history


def _people(rng: random.Random, org_ids: dict[str, int], epoch: datetime,
            users: list[dict]) -> tuple[dict[str, list[dict]], list[dict], dict[str, dict]]:
    """End-users: the fixed scenario contacts first, then 2-5 random contacts per customer
    (one of them an executive), then social-media users with no organization."""
    contacts: dict[str, list[dict]] = {key: [] for key in org_ids}
    named: dict[str, dict] = {}
    taken: set[str] = set()
    next_id = 7001

    def add(name: str, customer: str | None, title: str | None, executive: bool,
            twitter: str | None = None, scenario_key: str | None = None) -> dict:
        nonlocal next_id
        domain = next((c.domain for c in text.CUSTOMERS if c.key == customer), "mail.example")
        local = text.email_local_part(name)
        email, n = f"{local}@{domain}", 2
        while email in taken:
            email, n = f"{local}{n}@{domain}", n + 1
        taken.add(email)
        record = user_record(next_id, name, email, org_ids.get(customer) if customer else None,
                             title, executive, twitter, epoch + timedelta(days=30 + next_id % 200))
        if scenario_key:
            named[scenario_key] = record
        next_id += 1
        users.append(record)
        if customer:
            contacts[customer].append(record)
        return record

    for contact in CONTACTS:
        add(contact.name, contact.customer, contact.title, contact.executive, contact.twitter, contact.key)
    for customer in text.CUSTOMERS:
        count = rng.randrange(2, 6)
        for i in range(count):
            name = f"{rng.choice(text.FIRST_NAMES)} {rng.choice(text.LAST_NAMES)}"
            executive = i == 0 and not any(u["user_fields"]["executive"] for u in contacts[customer.key])
            title = rng.choice(text.EXEC_TITLES if executive else text.CONTACT_TITLES)
            add(name, customer.key, title, executive)
    social = []
    for handle in text.SOCIAL_HANDLES:
        name = f"{rng.choice(text.FIRST_NAMES)} {rng.choice(text.LAST_NAMES)}"
        social.append(add(name, None, None, False, twitter=handle))
    return contacts, social, named


def _ticket_fields(epoch: datetime) -> list[dict]:
    fields = []
    for position, (field_id, title, kind, options) in enumerate(text.TICKET_FIELDS):
        fields.append({
            "id": field_id, "type": kind, "title": title, "raw_title": title, "active": True,
            "required": False, "position": position, "description": "",
            "custom_field_options": [{"id": field_id * 100 + i, "name": o.replace("_", " ").title(),
                                      "raw_name": o, "value": o, "default": False}
                                     for i, o in enumerate(options)],
            "created_at": iso(epoch), "updated_at": iso(epoch),
        })
    return fields


def _github_seed() -> dict:
    labels = [
        ("escalation", "b60205", "A customer escalation"),
        ("overdue-update", "d93f0b", "A customer update, acknowledgement or milestone is overdue"),
        ("sev-1", "b60205", "Critical"), ("sev-2", "d93f0b", "High"),
        ("sev-3", "fbca04", "Medium"), ("sev-4", "0e8a16", "Low"),
        ("sync", "1d76db", "Opened by the scheduled sync"),
        ("post-mortem", "5319e7", "Systemic issue: needs a post-mortem"),
    ]
    return {
        "full_name": GITHUB_REPOSITORY,
        "default_branch": "main",
        "labels": [{"name": n, "color": c, "description": d} for n, c, d in labels],
        "collaborators": [{"login": p.github, "name": p.name, "email": p.email,
                           "permission": "admin" if p.role == "admin" else "push"}
                          for p in text.STAFF if p.github],
    }
