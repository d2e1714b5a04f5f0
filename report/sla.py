"""Response times and SLA attainment. Every deadline comes from :mod:`tracking.clocks`.

Who is counted:
- acknowledgement and action plan: escalations *opened* in the window;
- customer updates: update intervals that *ended* in the window, plus the interval still
  running on each open escalation;
- time to resolve: escalations *resolved* (or closed) in the window.

When a promise counts as kept:
- acknowledgement: ``acknowledged`` is at or before the clock's deadline. Not acknowledged
  and past due on an open escalation: missed; not due yet: pending; resolved with no
  acknowledgement time on record: unknown.
- action plan: the document only says *that* there is a plan, so *when* comes from git —
  the author time of the first committed version whose Resolution Plan has a step (never
  earlier than ``opened``). A plan git does not know about yet (uncommitted, or no
  repository) is unknown. No plan at all: missed once due (open, or resolved after the
  deadline), pending before; an escalation resolved before a plan was due is not counted.
- customer updates: each interval of :func:`tracking.clocks.update_gaps` is on time or
  not; the running interval of an open escalation is missed once its next update is
  overdue and pending until then.
- resolution: the playbook sets no resolution SLA, so each escalation is measured against
  its own ``target_resolution`` (escalations without one are not counted).
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterable

from escalation_desk.playbook.config import Playbook, SEVERITIES
from escalation_desk.tracking.clocks import Obligation, obligations, update_gaps
from escalation_desk.tracking.model import Document

from .history import Version
from .model import Attainment, Rate, SeverityTimes, Window
from .stats import minutes, summarise

# kind (as tracking.clocks names it), label, short label for chart axes
KINDS = (
    ("acknowledgement", "Acknowledged within SLA", "Acknowledgement"),
    ("action_plan", "Action plan within SLA", "Action plan"),
    ("customer_update", "Customer updates on time", "Customer updates"),
)
SHORT = {kind: short for kind, _label, short in KINDS}

MET, MISSED, PENDING, UNKNOWN = "met", "missed", "pending", "unknown"


def tally(outcomes: Iterable[str | None]) -> Rate:
    found = [o for o in outcomes if o is not None]
    return Rate(met=found.count(MET), missed=found.count(MISSED), pending=found.count(PENDING),
                unknown=found.count(UNKNOWN))


def _obligation(doc: Document, config: Playbook, now: datetime, kind: str) -> Obligation | None:
    return next((o for o in obligations(doc, config, now) if o.kind == kind), None)


def ended_at(doc: Document) -> datetime | None:
    """When it was resolved (or closed); None while it is open, even if a reopened one keeps the old time."""
    front = doc.front
    if front is None or front.is_open:
        return None
    return front.resolved or front.closed


def ack_outcome(doc: Document, config: Playbook, now: datetime) -> str | None:
    ack = _obligation(doc, config, now, "acknowledgement")
    if ack is None:
        return None
    if ack.met_at is not None:
        return MET if ack.met_at <= ack.due else MISSED
    if not doc.front.is_open:
        return UNKNOWN
    return MISSED if now > ack.due else PENDING


def plan_outcome(doc: Document, config: Playbook, now: datetime, versions: list[Version]) -> str | None:
    """`versions`: this escalation's committed versions up to now, oldest first (empty without git)."""
    plan = _obligation(doc, config, now, "action_plan")
    if plan is None:
        return None
    front = doc.front
    written = next((v for v in versions if v.plan_steps), None)
    if written is not None:
        return MET if max(written.at, front.opened) <= plan.due else MISSED
    if doc.plan:
        return UNKNOWN
    if not front.is_open:
        end = ended_at(doc)
        return None if end is not None and end <= plan.due else MISSED
    return MISSED if now > plan.due else PENDING


def update_outcomes(doc: Document, config: Playbook, now: datetime, window: Window) -> list[str]:
    outcomes = [MET if on_time else MISSED for _start, end, on_time in update_gaps(doc, config, now) if end in window]
    if doc.front.is_open:
        running = _obligation(doc, config, now, "customer_update")
        if running is not None:
            outcomes.append(MISSED if running.overdue(now) else PENDING)
    return outcomes


def severity_times(docs: list[Document], config: Playbook, now: datetime, window: Window) -> tuple[SeverityTimes, ...]:
    rows = []
    for severity in SEVERITIES:
        same = [d for d in docs if d.front.severity == severity]
        opened = [d for d in same if d.front.opened in window]
        ack_deltas = [d.front.acknowledged - d.front.opened for d in opened
                      if d.front.acknowledged is not None and d.front.acknowledged >= d.front.opened]
        resolved = [d for d in same if ended_at(d) in window and ended_at(d) >= d.front.opened]
        on_target = [(MET if ended_at(d) <= d.front.target_resolution else MISSED)
                     for d in resolved if d.front.target_resolution is not None]
        rows.append(SeverityTimes(
            severity=severity,
            ack_sla_minutes=minutes(config.severity(severity).ack),
            ack=summarise(ack_deltas),
            ack_within_sla=tally(ack_outcome(d, config, now) for d in opened),
            resolve=summarise(ended_at(d) - d.front.opened for d in resolved),
            resolve_on_target=tally(on_target),
        ))
    return tuple(rows)


def attainment(docs: list[Document], config: Playbook, now: datetime, window: Window,
               versions_of: dict[str, list[Version]]) -> tuple[Attainment, ...]:
    """SLA attainment per kind, overall and per severity (see the module docstring for the rules)."""
    per_doc: dict[str, list[tuple[str, list[str]]]] = {kind: [] for kind, _, _ in KINDS}
    for doc in docs:
        severity = doc.front.severity
        if doc.front.opened in window:
            per_doc["acknowledgement"].append((severity, [o for o in [ack_outcome(doc, config, now)] if o]))
            plan = plan_outcome(doc, config, now, versions_of.get(doc.front.id, []))
            per_doc["action_plan"].append((severity, [plan] if plan else []))
        if doc.front.opened <= window.end:
            per_doc["customer_update"].append((severity, update_outcomes(doc, config, now, window)))
    result = []
    for kind, label, _short in KINDS:
        by_severity = {s: tally(o for sev, outs in per_doc[kind] if sev == s for o in outs) for s in SEVERITIES}
        total = sum(by_severity.values(), Rate())
        result.append(Attainment(kind=kind, label=label, rate=total, by_severity=by_severity))
    return tuple(result)
