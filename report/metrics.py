"""The report: a pure function of (documents, config, now, window, history).

Nothing here reads files, runs git or prints: :func:`compute` takes parsed documents
(or :func:`fold` the :class:`report.facts.Facts` of each, computed where it was parsed)
and, when there is a repository, what :func:`report.history.read_history` found, and
returns a :class:`report.model.Report`. Documents that do not parse are listed as
skipped, never counted. What is open *now* (by severity, tier, owner, ARR, overdue) is a
snapshot at ``now``; the rest looks at the window (see :mod:`report.sla` for who counts).
"""

from __future__ import annotations

from datetime import datetime

from escalation_desk.playbook.config import Playbook, SEVERITIES
from escalation_desk.tracking.model import Document

from . import history as git_history
from .changes import changes_of
from .facts import Facts, facts_of
from .model import Report, WeekCount, Window
from .patterns import categories, owner_loads, uncategorised
from .recovery import funnel
from .sla import attainment, severity_times
from .window import week_of, weeks

SCHEMA = "escalation-desk/report@1"
TIERS = ("1", "2", "3", "4", "unset")


def compute(docs: list[Document], config: Playbook, now: datetime, window: Window,
            history: git_history.History | None = None) -> Report:
    """Every number of the dashboard. ``history`` is None when there is no git repository."""
    return fold([facts_of(config, now, window, d) for d in docs], config, now, window, history)


def fold(facts: list[Facts], config: Playbook, now: datetime, window: Window,
         history: git_history.History | None = None) -> Report:
    """:func:`compute` from each document's :class:`report.facts.Facts`, in the documents' order."""
    parsed = sorted((f for f in facts if f.id is not None), key=lambda f: f.id)
    skipped = tuple(sorted(f.path for f in facts if f.id is None))
    open_facts = [f for f in parsed if f.is_open]
    versions_of = {ident: git_history.until(versions, now) for ident, versions in (history or {}).items()}
    by_tier, matrix, arr_by_severity = _open_counts(open_facts)
    active = [f for f in parsed if f.is_open or f.opened in window or f.ended in window]
    return Report(
        schema=SCHEMA,
        now=now,
        window=window,
        documents=len(facts),
        skipped=skipped,
        open_total=len(open_facts),
        open_by_severity={s: sum(1 for f in open_facts if f.severity == s) for s in SEVERITIES},
        open_by_tier=by_tier,
        open_matrix=matrix,
        arr_open_total=sum(arr_by_severity.values()),
        arr_open_by_severity=arr_by_severity,
        arr_open_unknown=sum(1 for f in open_facts if f.arr is None),
        opened_in_window=sum(1 for f in parsed if f.opened in window),
        resolved_in_window=sum(1 for f in parsed if f.ended in window),
        times=severity_times(parsed, config, window),
        attainment=attainment(parsed, now, window, versions_of),
        overdue=tuple(sorted((o for f in parsed for o in f.overdue),
                             key=lambda o: (SEVERITIES.index(o.severity), o.due, o.id, o.kind))),
        owner_limit=config.lints.owner_max_open,
        owners=owner_loads(parsed, config),
        systemic_count=config.lints.systemic_count,
        systemic_window_days=config.lints.systemic_window_days,
        categories=categories(parsed, config, now, window),
        uncategorised_in_window=uncategorised(parsed, window),
        funnel=funnel(parsed, config, now),
        weeks=weekly(parsed, window),
        history_available=history is not None,
        changes=tuple(c for c in (changes_of(f.id, f.severity, f.owner, versions_of.get(f.id, [])) for f in active)
                      if c.changes) if history is not None else (),
        open_escalations=tuple(sorted((f.record for f in open_facts), key=lambda r: r.key)),
    )


def _open_counts(open_facts: list[Facts]) -> tuple[dict, dict, dict]:
    """Open escalations by tier, by severity and tier, and their ARR by severity."""
    by_tier = {tier: 0 for tier in TIERS}
    matrix = {severity: {tier: 0 for tier in TIERS} for severity in SEVERITIES}
    arr_by_severity = {severity: 0.0 for severity in SEVERITIES}
    for f in open_facts:
        tier = str(f.tier) if f.tier else "unset"
        by_tier[tier] += 1
        matrix[f.severity][tier] += 1
        arr_by_severity[f.severity] += f.arr or 0.0
    return by_tier, matrix, arr_by_severity


def weekly(facts: list[Facts], window: Window) -> tuple[WeekCount, ...]:
    """Escalations opened and resolved per week (Monday to Sunday, UTC) inside the window."""
    opened: dict = {}
    resolved: dict = {}
    for f in facts:
        if f.opened in window:
            opened[week_of(f.opened)] = opened.get(week_of(f.opened), 0) + 1
        if f.ended in window:
            resolved[week_of(f.ended)] = resolved.get(week_of(f.ended), 0) + 1
    return tuple(WeekCount(week, opened.get(week, 0), resolved.get(week, 0)) for week in weeks(window))
