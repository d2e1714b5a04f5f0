"""Who must be told what, now: pure (documents, configuration, clock → notices).

Five events, each with the people the playbook names for it:

- **declared** — the severity's leaders (SEV-1: VP CS, VP Engineering, CTO …);
- **tier_raised** — the roles of every tier the escalation has reached, as ``[tiers.N] notify``
  names them (the same setting as the tier's leaders-notified deadline; 2: CS Manager / Senior
  CSM + Engineering Lead; 3: Director CS / VP CS + VP Engineering; 4: CRO / CEO + CTO); a
  "CS Manager / Senior CSM" entry someone holding either role was already told about is met;
- **due_soon** — the owner, once a deadline is past its warning time (its ``warn_at``: the
  same "due soon" as ``esc overdue``, the index and the sidebar);
- **overdue** — the owner, for each deadline already past;
- **resolved** — everyone told so far, once the escalation is resolved.

Idempotent by construction: what was delivered is in the document (a stakeholder line
with the marker ``esc:notify:<key>:<person>``), and a person whose marker is there, or
whose role a person already recorded as notified, is not told again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from escalation_desk.config import Config
from escalation_desk.playbook.config import Person
from escalation_desk.tracking.clocks import Obligation, notified_roles, obligations
from escalation_desk.tracking.model import Document

MARKER_PREFIX = "esc:notify:"


@dataclass(frozen=True)
class Recipient:
    person: Person
    role: str                 # the role they are told as (recorded in the stakeholder line)


@dataclass(frozen=True)
class Notice:
    doc: Document
    event: str
    key: str                  # unique per escalation: declared, tier-3, overdue-customer_update-202611261500
    headline: str             # what happened, in words: "declared SEV-1", "Next customer update overdue"
    recipients: tuple[Recipient, ...]
    obligation: Obligation | None = None

    def marker(self, recipient: Recipient) -> str:
        return f"{MARKER_PREFIX}{self.key}:{slug(recipient.person.name)}"


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "someone"


def plan_notices(docs: list[Document], config: Config, now: datetime) -> list[Notice]:
    """Every notice due now, escalation by escalation (in path order), events in a fixed order."""
    if not config.notify.enabled:
        return []
    found: list[Notice] = []
    for doc in sorted((d for d in docs if d.front is not None), key=lambda d: d.path):
        found += [n for n in _for_document(doc, config, now) if n.event in config.notify.events and n.recipients]
    return found


def _for_document(doc: Document, config: Config, now: datetime) -> list[Notice]:
    front = doc.front
    markers = doc.markers()
    told = notified_roles(doc, config)

    def fresh(key: str, people: list[Recipient], by_role: bool = False) -> tuple[Recipient, ...]:
        out: dict[str, Recipient] = {}
        for r in people:
            seen = f"{MARKER_PREFIX}{key}:{slug(r.person.name)}" in markers
            if not seen and not (by_role and config.roles.canonical(r.role).lower() in told):
                out.setdefault(r.person.name, r)
        return tuple(out.values())

    if not front.is_open:
        return _resolved(doc, config, now, fresh)
    rule = config.severity(front.severity)
    declared = fresh("declared", _holding(config, rule.leaders), by_role=True)
    notices = [Notice(doc, "declared", "declared", f"declared {front.severity}", declared)]
    already = {r.person.name for r in declared}
    for tier in range(2, (front.tier or 1) + 1):
        people = [r for r in _holding(config, _tier_roles(config, tier, told)) if r.person.name not in already]
        raised = fresh(f"tier-{tier}", people, by_role=True)
        already |= {r.person.name for r in raised}
        notices.append(Notice(doc, "tier_raised", f"tier-{tier}", f"raised to tier {tier}", raised))
    owner = _owner(doc, config)
    for item in obligations(doc, config, now):
        if item.met or item.kind == "leaders_notified":   # the desk notifies the leaders itself
            continue
        stamp = item.due.strftime("%Y%m%d%H%M")
        if item.overdue(now):
            key = f"overdue-{item.kind}-{stamp}"
            notices.append(Notice(doc, "overdue", key, f"{item.label} overdue", fresh(key, owner), item))
        elif item.due_soon(now):
            key = f"due-soon-{item.kind}-{stamp}"
            notices.append(Notice(doc, "due_soon", key, f"{item.label} due soon", fresh(key, owner), item))
    return notices


def _resolved(doc: Document, config: Config, now: datetime, fresh) -> list[Notice]:  # noqa: ANN001
    front = doc.front
    when = front.resolved or front.closed
    if when is None or now - when > config.notify.resolved_within:
        return []
    people = [Recipient(p, e.role) for e in doc.stakeholders if (p := config.person(e.name))]
    people += _holding(config, config.severity(front.severity).leaders)
    return [Notice(doc, "resolved", "resolved", f"{front.status.lower()}", fresh("resolved", people))]


def _tier_roles(config: Config, tier: int, told: dict) -> tuple[str, ...]:
    """The roles a tier engages whose entry ("A / B") nobody holding either was told about yet."""
    duty = config.tiers.get(tier)
    if duty is None:
        return ()
    return tuple(role for group in duty.groups()
                 if not any(config.roles.canonical(r).lower() in told for r in group) for role in group)


def _holding(config: Config, roles: tuple[str, ...]) -> list[Recipient]:
    return [Recipient(person, role) for role in roles for person in config.people_in(role)]


def _owner(doc: Document, config: Config) -> list[Recipient]:
    person = config.person(doc.front.owner)
    return [Recipient(person, person.role)] if person else []
