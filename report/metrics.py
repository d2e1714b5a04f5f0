"""The report: a pure function of (documents, config, now, window, history).

Nothing here reads files, runs git or prints: :func:`compute` takes parsed documents
and, when there is a repository, what :func:`report.history.read_history` found, and
returns a :class:`report.model.Report`. Documents that do not parse are listed as
skipped, never counted. What is open *now* (by severity, tier, owner, ARR, overdue) is a
snapshot at ``now``; the rest looks at the window (see :mod:`report.sla` for who counts).
"""

from __future__ import annotations

from datetime import datetime

from escalation_desk.playbook.config import Playbook, SEVERITIES
from escalation_desk.tracking.clocks import overdue_items
from escalation_desk.tracking.index import build_index
from escalation_desk.tracking.model import Document
from escalation_desk.tracking.views import by_urgency

from . import history as git_history
from .changes import changes_of
from .model import OverdueItem, Report, WeekCount, Window
from .patterns import categories, owner_loads, uncategorised
from .recovery import funnel
from .sla import attainment, ended_at, severity_times
from .window import week_of, weeks

SCHEMA = "escalation-desk/report@1"
TIERS = ("1", "2", "3", "4", "unset")


def compute(docs: list[Document], config: Playbook, now: datetime, window: Window,
            history: git_history.History | None = None) -> Report:
    """Every number of the dashboard. ``history`` is None when there is no git repository."""
    parsed = sorted((d for d in docs if d.front is not None), key=lambda d: d.front.id)
    skipped = tuple(sorted(d.path for d in docs if d.front is None))
    open_docs = [d for d in parsed if d.front.is_open]
    versions_of = {ident: git_history.until(versions, now) for ident, versions in (history or {}).items()}

    by_tier = {tier: 0 for tier in TIERS}
    matrix = {severity: {tier: 0 for tier in TIERS} for severity in SEVERITIES}
    arr_by_severity = {severity: 0.0 for severity in SEVERITIES}
    for doc in open_docs:
        tier = str(doc.front.tier) if doc.front.tier else "unset"
        by_tier[tier] += 1
        matrix[doc.front.severity][tier] += 1
        arr_by_severity[doc.front.severity] += doc.front.arr or 0.0

    records = build_index(open_docs, config, now)["escalations"]
    active = [d for d in parsed if d.front.is_open or d.front.opened in window or ended_at(d) in window]
    return Report(
        schema=SCHEMA,
        now=now,
        window=window,
        documents=len(docs),
        skipped=skipped,
        open_total=len(open_docs),
        open_by_severity={s: sum(1 for d in open_docs if d.front.severity == s) for s in SEVERITIES},
        open_by_tier=by_tier,
        open_matrix=matrix,
        arr_open_total=sum(arr_by_severity.values()),
        arr_open_by_severity=arr_by_severity,
        arr_open_unknown=sum(1 for d in open_docs if d.front.arr is None),
        opened_in_window=sum(1 for d in parsed if d.front.opened in window),
        resolved_in_window=sum(1 for d in parsed if ended_at(d) in window),
        times=severity_times(parsed, config, now, window),
        attainment=attainment(parsed, config, now, window, versions_of),
        overdue=overdue_now(parsed, config, now),
        owner_limit=config.lints.owner_max_open,
        owners=owner_loads(parsed, config),
        systemic_count=config.lints.systemic_count,
        systemic_window_days=config.lints.systemic_window_days,
        categories=categories(parsed, config, now, window),
        uncategorised_in_window=uncategorised(parsed, window),
        funnel=funnel(parsed, config, now),
        weeks=weekly(parsed, window),
        history_available=history is not None,
        changes=tuple(c for c in (changes_of(d, versions_of.get(d.front.id, [])) for d in active)
                      if c.changes) if history is not None else (),
        open_escalations=tuple(by_urgency(records)),
    )


def overdue_now(docs: list[Document], config: Playbook, now: datetime) -> tuple[OverdueItem, ...]:
    """Everything past due right now, straight from the clock (the same list `esc overdue` raises)."""
    items = []
    for doc in docs:
        front = doc.front
        for item in overdue_items(doc, config, now):
            items.append(OverdueItem(
                id=front.id, customer=front.customer, severity=front.severity, owner=front.owner,
                kind=item.kind, label=item.label, due=item.due,
                late_minutes=int((now - item.due).total_seconds() // 60), path=doc.path,
            ))
    return tuple(sorted(items, key=lambda o: (SEVERITIES.index(o.severity), o.due, o.id, o.kind)))


def weekly(docs: list[Document], window: Window) -> tuple[WeekCount, ...]:
    """Escalations opened and resolved per week (Monday to Sunday, UTC) inside the window."""
    opened: dict = {}
    resolved: dict = {}
    for doc in docs:
        if doc.front.opened in window:
            opened[week_of(doc.front.opened)] = opened.get(week_of(doc.front.opened), 0) + 1
        end = ended_at(doc)
        if end in window:
            resolved[week_of(end)] = resolved.get(week_of(end), 0) + 1
    return tuple(WeekCount(week, opened.get(week, 0), resolved.get(week, 0)) for week in weeks(window))
