"""The static report page (``esc report --html DIR``): one self-contained HTML file.

Charts are inline SVG from :mod:`report.svg`, each beside a table with the same
numbers; styles are inline; there is no script and nothing is fetched, so the page
works opened from disk or published to GitHub Pages. The template
(``templates/report.html.j2``) is autoescaped: document text cannot become markup.
"""

from __future__ import annotations

from typing import Iterator
from urllib.parse import quote

from escalation_desk.playbook.config import Playbook, SEVERITIES
from escalation_desk.templates import render_pieces

from . import formatting as fmt
from .html_rows import open_rows, overdue_rows
from .model import Report
from .sla import KINDS, SHORT
from .svg import Bar, Series, columns, hbars

SEVERITY_COLOURS = fmt.SEVERITY_COLOURS
OPENED, RESOLVED = fmt.OPENED_COLOUR, fmt.RESOLVED_COLOUR


def _kept_colour(percent: float | None) -> str:
    if percent is None:
        return "#9aa5b1"
    return "#1b8a5a" if percent >= 90 else "#b7791f" if percent >= 75 else "#b42318"


def _document_url(config: Playbook, path: str) -> str | None:
    base = config.github.documents_url
    return f"{base.rstrip('/')}/{quote(path)}" if base else None


def charts(report: Report, config: Playbook) -> dict:
    severity_bars = [Bar(f"{s} {config.severity(s).name}", n, str(n), SEVERITY_COLOURS[s])
                     for s, n in report.open_by_severity.items()]
    weeks = [fmt.day(w.week_start) for w in report.weeks]
    opened = [w.opened for w in report.weeks]
    resolved = [w.resolved for w in report.weeks]
    attainment = [Bar(SHORT[a.kind], a.rate.percent or 0,
                      fmt.rate(a.rate), _kept_colour(a.rate.percent)) for a in report.attainment]
    ack = []
    for t in report.times:
        if t.ack.median_minutes is None:
            continue
        for name, value in (("median", t.ack.median_minutes), ("90th pct", t.ack.p90_minutes)):
            share = 100 * value / t.ack_sla_minutes if t.ack_sla_minutes else 0
            ack.append(Bar(f"{t.severity} {name}", round(share, 1), f"{fmt.duration(value)} ({share:.0f}% of SLA)",
                           SEVERITY_COLOURS[t.severity] if share <= 100 else "#7a0916"))
    owners = [Bar(o.owner, o.open, str(o.open), "#b42318" if o.over_limit else "#2f6fdf") for o in report.owners]
    cats = [Bar(c.category, c.in_systemic_window, str(c.in_systemic_window), "#b42318" if c.systemic else "#6b7785")
            for c in report.categories]
    f = report.funnel
    funnel = [Bar(name, value, str(value), colour) for name, value, colour in (
        ("Resolved", f.resolved, "#6b7785"), ("Recovery plan", f.recovery_planned, "#52606d"),
        ("Final check due", f.final_check_due, "#2f6fdf"), ("Final check done", f.final_check_done, "#2553a8"),
        ("Reference-willing", f.reference_willing, "#1b8a5a"))]
    return {
        "severity": hbars("sev", "Open escalations by severity",
                          ", ".join(f"{s}: {n}" for s, n in report.open_by_severity.items()), severity_bars),
        "weekly": columns("wk", "Escalations opened and resolved per week",
                          f"Weeks from {weeks[0]} to {weeks[-1]}: {sum(opened)} opened, {sum(resolved)} resolved",
                          weeks, [Series("Opened", opened, OPENED), Series("Resolved", resolved, RESOLVED)]),
        "attainment": hbars("sla", "SLA attainment, percent kept",
                            "; ".join(f"{SHORT[a.kind]}: {fmt.rate(a.rate)}" for a in report.attainment),
                            attainment, maximum=100),
        "ack": hbars("ack", "Time to acknowledge as a share of the SLA",
                     "; ".join(f"{b.label}: {b.text}" for b in ack) or "No acknowledgements in the window",
                     ack, maximum=100, limit=(100, "SLA")),
        "owners": hbars("own", "Open escalations per owner",
                        "; ".join(f"{o.owner}: {o.open}" for o in report.owners) or "Nobody owns an open escalation",
                        owners, limit=(report.owner_limit, f"limit {report.owner_limit}")),
        "categories": hbars("cat", f"Escalations per category in the last {report.systemic_window_days} days",
                            "; ".join(f"{c.category}: {c.in_systemic_window}" for c in report.categories)
                            or "No categorised escalations",
                            cats, limit=(report.systemic_count, f"systemic at {report.systemic_count}")),
        "funnel": hbars("fun", "Recovery funnel: escalation to advocacy",
                        "; ".join(f"{b.label}: {b.value:.0f}" for b in funnel), funnel),
    }


def render_html(report: Report, config: Playbook) -> str:
    return "".join(html_pieces(report, config))


def html_pieces(report: Report, config: Playbook) -> Iterator[str]:
    """The page, piece by piece (at 10,000 open escalations it is tens of MB)."""
    plain_warnings = []
    for c in report.systemic:
        plain_warnings.append(
            f"Systemic problem: “{c.category}” escalated {c.in_systemic_window} times in the last "
            f"{report.systemic_window_days} days ({', '.join(c.ids)}): "
            + ("escalated again since its last post-mortem: another is due." if c.post_mortem_noted
               else "post-mortem due."))
    for o in report.overloaded:
        plain_warnings.append(f"Escalation fatigue: {o.owner} carries a load of {o.load:g} in {o.open} open "
                              f"escalations (limit {report.owner_limit}, in SEV-3 equivalents): {', '.join(o.ids)}.")
    by_kind = {a.kind: a for a in report.attainment}
    url = lambda path: _document_url(config, path)   # noqa: E731
    return render_pieces(
        "report.html.j2",
        r=report, fmt=fmt, charts=charts(report, config), warnings=plain_warnings,
        severities=SEVERITIES, severity_names={s: config.severity(s).name for s in SEVERITIES},
        colours=SEVERITY_COLOURS, kinds=[(short, label, by_kind[k]) for k, label, short in KINDS],
        open_rows=open_rows(report.open_escalations, report.now, url), overdue_rows=overdue_rows(report.overdue),
    )
