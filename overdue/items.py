"""What is overdue now, per escalation: the data behind `esc overdue` and its issues.

Every deadline comes from :func:`tracking.clocks.overdue_items` (the one clock); this
module only decides which escalations count and adds what a person needs next to
each item: how late, who owns it, the SLA that applies and the playbook's advice.

Which escalations count: Open and In Progress ones (every item), Resolved and Closed ones
for their recovery milestones only — closing does not end the recovery, so a Closed
escalation's unticked milestones stay listed (and its issue open) until they are ticked. Besides what is overdue, the list carries what is *due soon*:
past its pre-breach warning time (tracking/deadline.py), or with ``--due-within D``
due within D from now, so the owner hears of it before it breaks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Iterable, NamedTuple
from zoneinfo import ZoneInfo

from escalation_desk.config import Config
from escalation_desk.playbook.durations import format_duration
from escalation_desk.errors import DeskError
from escalation_desk.tracking import store
from escalation_desk.tracking.clocks import after_resolution, obligations
from escalation_desk.tracking.deadline import Obligation
from escalation_desk.tracking.model import Document
from escalation_desk.tracking.lean import lean_document
from escalation_desk.tracking.scan import scan

from .advice import advice_for, fix_for
from escalation_desk.playbook.timefmt import iso, utc_text

SCHEMA = "escalation-desk/overdue@1"
COUNTED_STATUSES = ("Open", "In Progress", "Resolved")
URGENCY = {"SEV-1": 0, "SEV-2": 1, "SEV-3": 2, "SEV-4": 3}


@dataclass(frozen=True)
class OverdueItem:
    kind: str
    label: str
    due: datetime
    late_by: timedelta
    sla: str          # the rule that applies, e.g. "customer updates every 4 business hours (…)"
    rule: str         # the clock's own explanation of the deadline
    advice: str       # the playbook's words
    fix: str          # how to record that it was done
    state: str = "overdue"   # or "due_soon"

    @property
    def late_minutes(self) -> int:
        return max(0, int(self.late_by.total_seconds() // 60))

    @property
    def due_in_minutes(self) -> int:
        return max(0, int(-self.late_by.total_seconds() // 60))

    @property
    def when_text(self) -> str:
        if self.state == "overdue":
            return f"{format_duration(self.late_by)} late"
        return f"due soon: in {format_duration(self.late_by)}"


@dataclass(frozen=True)
class EscalationOverdue:
    id: str
    customer: str
    title: str
    severity: str
    severity_name: str
    tier: int | None
    status: str
    owner: str
    owner_github: str | None
    path: str
    items: tuple[OverdueItem, ...]

    @property
    def overdue(self) -> tuple[OverdueItem, ...]:
        return tuple(i for i in self.items if i.state == "overdue")


@dataclass
class OverdueList:
    now: datetime
    escalations: list[EscalationOverdue]                      # only those with something overdue
    statuses: dict[str, str] = field(default_factory=dict)   # every parsed document: ID → status
    broken: list[str] = field(default_factory=list)          # paths that do not parse
    broken_ids: set[str] = field(default_factory=set)        # IDs readable from broken documents
    considered: int = 0                                      # escalations whose clocks were read

    @property
    def item_count(self) -> int:
        """Overdue items (not the due-soon ones)."""
        return sum(len(e.overdue) for e in self.escalations)

    @property
    def due_soon_count(self) -> int:
        return sum(len(e.items) - len(e.overdue) for e in self.escalations)

    @property
    def overdue_escalations(self) -> list[EscalationOverdue]:
        return [e for e in self.escalations if e.overdue]

    @property
    def overdue_count(self) -> int:
        return len(self.overdue_escalations)

    @property
    def listed(self) -> int:
        return len(self.escalations)


def business_hours_text(config: Config) -> str:
    hours = config.business_hours
    days = ", ".join(d.capitalize() for d in hours.days)
    holidays = f", {hours.holidays} public holidays" if hours.holidays else ""
    extra = f" and {len(hours.extra_holidays)} extra" if hours.extra_holidays else ""
    return f"{hours.open:%H:%M}–{hours.close:%H:%M} {hours.timezone}, {days}{holidays}{extra}"


def sla_text(kind: str, severity: str, config: Config) -> str:
    """The playbook rule behind a kind of deadline, for this severity and configuration."""
    rule = config.severity(severity)
    if kind == "acknowledgement":
        return f"{severity}: acknowledge within {format_duration(rule.ack)}"
    if kind == "action_plan":
        return f"{severity}: an action plan within {format_duration(rule.action_plan)}"
    if kind == "leaders_notified":
        return f"{severity}: notify {', '.join(rule.leaders)} within {format_duration(rule.leaders_within)}"
    if kind == "customer_update":
        clock = f" ({business_hours_text(config)})" if rule.update_clock == "business" else ""
        return f"{severity}: customer updates {rule.update_cadence_text}{clock}"
    if kind == "exec_followup":
        rules = config.executive
        return (f"Executive sponsor: at once when the customer's executive is involved, ARR at risk exceeds "
                f"${rules.arr_at_risk:,.0f}, security/compliance/legal is involved or they threaten to go public; "
                f"within {format_duration(rules.followup_within)} for a SEV-1/2 past its initial SLA (acknowledgement or "
                f"plan missed, open over {format_duration(rules.open_without_target)} with no target, or the target "
                f"passed), a second escalation or a reopened ticket, or a renewal within {rules.renewal_window_days} days")
    if kind == "sponsor_followup":
        return (f"Executive engagement: the sponsor's written follow-up within "
                f"{format_duration(config.executive.written_followup_within)} of engaging them (sponsor_engaged_at)")
    if kind == "sponsor_check":
        return (f"Executive engagement: the sponsor's one follow-up check at resolution, within "
                f"{format_duration(config.executive.check_within)} of resolved")
    if kind.startswith("recovery_"):
        return "Post-escalation recovery plan: milestone due by the end of its day (UTC)"
    if kind == "tier_leaders":
        return "Escalation path: each tier brings in its leaders (Tier 2 CS Manager / Senior CSM + Engineering Lead, " \
               "Tier 3 Director CS / VP CS + VP Engineering, Tier 4 CRO / CEO + CTO)"
    if kind == "plan_step":
        return f"Resolution Plan step: due by the end of its day ({config.business_hours.timezone})"
    if kind == "target_resolution":
        return "The target resolution we set (target_resolution)"
    if kind == "promised_update":
        return f"The next update a reply promised the customer ({config.business_hours.timezone} wall clock)"
    return ""


def _listed(item: Obligation, now: datetime, due_within: timedelta | None) -> str | None:
    """"overdue", "due_soon" or None (not listed) for one unmet obligation."""
    if item.overdue(now):
        return "overdue"
    if due_within is not None:
        return "due_soon" if not item.met and item.due <= now + due_within else None
    return "due_soon" if item.due_soon(now) else None


def escalation_overdue(doc: Document, config: Config, now: datetime,
                       due_within: timedelta | None = None) -> EscalationOverdue | None:
    """The overdue and due-soon items of one parsed document, or None when there are none (or it does not count)."""
    front = doc.front
    if front is None or front.status not in COUNTED_STATUSES + ("Closed",):
        return None
    found = [(o, state) for o in obligations(doc, config, now)
             if (front.is_open or after_resolution(o.kind)) and (state := _listed(o, now, due_within))]
    if not found:
        return None
    items = tuple(
        OverdueItem(o.kind, o.label, o.due, now - o.due, sla_text(o.kind, front.severity, config), o.advice,
                    advice_for(o.kind), fix_for(o.kind, front.id), state)
        for o, state in found
    )
    person = config.person(front.owner)
    return EscalationOverdue(
        id=front.id, customer=front.customer, title=doc.headline, severity=front.severity,
        severity_name=config.severity(front.severity).name, tier=front.tier, status=front.status,
        owner=front.owner, owner_github=person.github if person else None, path=doc.path, items=items,
    )


class DocumentFacts(NamedTuple):
    """What the overdue list needs from one document (small: it travels back from a worker)."""

    path: str
    id: str | None
    status: str | None            # None: the document does not parse
    found: EscalationOverdue | None


def document_facts(config: Config, now: datetime, due_within: timedelta | None, doc: Document) -> DocumentFacts:
    if doc.front is None:
        return DocumentFacts(doc.path, doc.id, None, None)
    return DocumentFacts(doc.path, doc.front.id, doc.front.status,
                         escalation_overdue(doc, config, now, due_within))


def counted(status: str, listed: bool) -> bool:
    """Whether an escalation counts as considered: open or resolved, or Closed with something
    listed (a recovery milestone left unticked)."""
    return status in COUNTED_STATUSES or listed


def _collect(facts: Iterable[DocumentFacts], now: datetime) -> OverdueList:
    overdue = OverdueList(now=now, escalations=[])
    for fact in facts:
        if fact.status is None:
            overdue.broken.append(fact.path)
            if fact.id:
                overdue.broken_ids.add(fact.id)
            continue
        overdue.statuses[fact.id] = fact.status
        if counted(fact.status, fact.found is not None):
            overdue.considered += 1
        if fact.found is not None:
            overdue.escalations.append(fact.found)
    overdue.escalations.sort(key=lambda e: (not e.overdue, URGENCY[e.severity], min(i.due for i in e.items), e.id))
    return overdue


def overdue_list(docs: list[Document], config: Config, now: datetime,
                 due_within: timedelta | None = None) -> OverdueList:
    return _collect((document_facts(config, now, due_within, doc) for doc in docs), now)


def load_overdue(repo: Path, config: Config, now: datetime, due_within: timedelta | None = None) -> OverdueList:
    """The overdue list of every document under ``repo/escalations``, each read once (in workers when many)."""
    if not (repo / store.DOCS_DIR).is_dir():
        raise DeskError(f"{repo / store.DOCS_DIR} does not exist", hint="run `esc init` or pass --repo")
    return _collect(scan(repo, partial(document_facts, config, now, due_within), config, now, read=lean_document), now)


# --------------------------------------------------------------------------- output

def local_text(moment: datetime, config: Config) -> str:
    zone = config.business_hours.timezone
    return moment.astimezone(ZoneInfo(zone)).strftime(f"%a %Y-%m-%d %H:%M {zone}")


def as_dict(overdue: OverdueList, config: Config) -> dict:
    return {**head_fields(overdue, config), "escalations": [escalation_dict(e, config) for e in overdue.escalations],
            "skipped": sorted(overdue.broken)}


def head_fields(overdue: "OverdueList | OverdueStream", config: Config) -> dict:
    return {
        "schema": SCHEMA,
        "as_of": iso(overdue.now),
        "considered": overdue.considered,
        "overdue_escalations": overdue.overdue_count,
        "overdue_items": overdue.item_count,
        "due_soon_items": overdue.due_soon_count,
    }


def escalation_dict(e: EscalationOverdue, config: Config) -> dict:
    """One escalation of ``esc overdue --json``'s list."""
    return {
        "id": e.id, "customer": e.customer, "title": e.title, "severity": e.severity, "tier": e.tier,
        "status": e.status, "owner": e.owner, "owner_github": e.owner_github, "path": e.path,
        "items": [
            {"kind": i.kind, "label": i.label, "state": i.state, "due": iso(i.due),
             "due_local": local_text(i.due, config), "late_minutes": i.late_minutes,
             "due_in_minutes": i.due_in_minutes, "late": format_duration(i.late_by), "sla": i.sla,
             "rule": i.rule, "advice": i.advice, "fix": i.fix}
            for i in e.items
        ],
    }


def as_lines(overdue: OverdueList) -> list[str]:
    """Plain text for people and CI logs."""
    return [line for e in overdue.escalations for line in escalation_lines(e)] + summary_lines(overdue)


def escalation_lines(e: EscalationOverdue) -> list[str]:
    who = e.owner + (f" (@{e.owner_github})" if e.owner_github else "")
    return [f"{e.id} {e.severity} {e.status} — {e.customer} — owner {who} — {e.path}",
            *(f"  {i.label}: due {utc_text(i.due)}, {i.when_text} — {i.sla}" for i in e.items)]


def summary_lines(overdue: "OverdueList | OverdueStream") -> list[str]:
    lines = []
    if overdue.listed:
        soon = f", {overdue.due_soon_count} due soon" if overdue.due_soon_count else ""
        lines.append(f"{overdue.overdue_count} escalation(s) with {overdue.item_count} overdue item(s){soon}; "
                     f"{overdue.considered} escalation(s) checked as of {utc_text(overdue.now)}")
    else:
        lines.append(f"Nothing overdue across {overdue.considered} escalation(s) as of {utc_text(overdue.now)}.")
    if overdue.broken:
        lines.append(f"{len(overdue.broken)} document(s) skipped because they do not parse; run `esc check`.")
    return lines


def summary_markdown(overdue: OverdueList) -> str:
    """A job-summary table for GitHub Actions ($GITHUB_STEP_SUMMARY)."""
    soon = f", {overdue.due_soon_count} due soon" if overdue.due_soon_count else ""
    lines = [f"### esc overdue: {overdue.item_count} overdue item(s) in {len(overdue.overdue_escalations)} "
             f"escalation(s){soon}", ""]
    if overdue.escalations:
        lines += ["| Escalation | Severity | Owner | Deadline | Due (UTC) | State |", "|---|---|---|---|---|---|"]
        for e in overdue.escalations:
            for i in e.items:
                lines.append(f"| {e.id} — {e.customer.replace('|', '/')} | {e.severity} | {e.owner} | {i.label} "
                             f"| {utc_text(i.due)} | {i.when_text} |")
    else:
        lines.append("Every escalation is on its clock. ✅")
    return "\n".join(lines) + "\n"
