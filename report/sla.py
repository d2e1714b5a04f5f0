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
from typing import TYPE_CHECKING, Iterable

from escalation_desk.playbook.config import Playbook, SEVERITIES
from escalation_desk.tracking.clocks import update_gaps
from escalation_desk.tracking.deadline import Obligation
from escalation_desk.tracking.model import Document

from .history import Version
from .model import Attainment, Rate, SeverityTimes, Window
from .stats import minutes, summarise

if TYPE_CHECKING:
    from .facts import Facts

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


def _obligation(items: list[Obligation], kind: str) -> Obligation | None:
    return next((o for o in items if o.kind == kind), None)


def ack_outcome(items: list[Obligation], is_open: bool, now: datetime) -> str | None:
    """`items`: the escalation's obligations (tracking.clocks.obligations)."""
    ack = _obligation(items, "acknowledgement")
    if ack is None:
        return None
    if ack.met_at is not None:
        return MET if ack.met_at <= ack.due else MISSED
    if not is_open:
        return UNKNOWN
    return MISSED if now > ack.due else PENDING


def plan_outcome(facts: Facts, versions: list[Version], now: datetime) -> str | None:
    """`versions`: this escalation's committed versions up to now, oldest first (empty without git)."""
    if facts.plan_due is None:
        return None
    written = next((v for v in versions if v.plan_steps), None)
    if written is not None:
        return MET if max(written.at, facts.opened) <= facts.plan_due else MISSED
    if facts.plan_steps:
        return UNKNOWN
    if not facts.is_open:
        end = facts.ended
        return None if end is not None and end <= facts.plan_due else MISSED
    return MISSED if now > facts.plan_due else PENDING


def update_outcomes(doc: Document, items: list[Obligation], config: Playbook, now: datetime,
                    window: Window) -> list[str]:
    outcomes = [MET if on_time else MISSED for _start, end, on_time in update_gaps(doc, config, now) if end in window]
    if doc.front.is_open:
        running = _obligation(items, "customer_update")
        if running is not None:
            outcomes.append(MISSED if running.overdue(now) else PENDING)
    return outcomes


def severity_times(facts: list[Facts], config: Playbook, window: Window) -> tuple[SeverityTimes, ...]:
    rows = []
    for severity in SEVERITIES:
        same = [f for f in facts if f.severity == severity]
        opened = [f for f in same if f.opened in window]
        ack_deltas = [f.acknowledged - f.opened for f in opened
                      if f.acknowledged is not None and f.acknowledged >= f.opened]
        resolved = [f for f in same if f.ended in window and f.ended >= f.opened]
        on_target = [(MET if f.ended <= f.target_resolution else MISSED)
                     for f in resolved if f.target_resolution is not None]
        rows.append(SeverityTimes(
            severity=severity,
            ack_sla_minutes=minutes(config.severity(severity).ack),
            ack=summarise(ack_deltas),
            ack_within_sla=tally(f.ack for f in opened),
            resolve=summarise(f.ended - f.opened for f in resolved),
            resolve_on_target=tally(on_target),
        ))
    return tuple(rows)


def attainment(facts: list[Facts], now: datetime, window: Window,
               versions_of: dict[str, list[Version]]) -> tuple[Attainment, ...]:
    """SLA attainment per kind, overall and per severity (see the module docstring for the rules)."""
    per_doc: dict[str, list[tuple[str, list[str]]]] = {kind: [] for kind, _, _ in KINDS}
    for f in facts:
        if f.opened in window:
            per_doc["acknowledgement"].append((f.severity, [f.ack] if f.ack else []))
            plan = plan_outcome(f, versions_of.get(f.id, []), now)
            per_doc["action_plan"].append((f.severity, [plan] if plan else []))
        if f.opened <= window.end:
            per_doc["customer_update"].append((f.severity, list(f.updates)))
    result = []
    for kind, label, _short in KINDS:
        by_severity = {s: tally(o for sev, outs in per_doc[kind] if sev == s for o in outs) for s in SEVERITIES}
        total = sum(by_severity.values(), Rate())
        result.append(Attainment(kind=kind, label=label, rate=total, by_severity=by_severity))
    return tuple(result)
