"""The dashboard's Mermaid charts, as the text between the ```mermaid fences.

Only a small, fixed subset is emitted — ``pie`` and ``xychart-beta`` (bar and line),
with ``accTitle``/``accDescr`` for screen readers and an ``%%{init}%%`` line for the
colours (severity colours, as on the HTML page) — and no text from a document ever
reaches a chart: labels are severity levels, week dates and SLA kinds, the rest numbers.
That keeps the blocks parseable by every Mermaid version GitHub has shipped since 10.5.
"""

from __future__ import annotations

import math
import re

from escalation_desk.playbook.config import Playbook

from .formatting import OPENED_COLOUR, RESOLVED_COLOUR, SEVERITY_COLOURS, day
from .model import Report
from .sla import SHORT

_UNSAFE = re.compile(r"[^A-Za-z0-9 ()%+./-]")


def label(text: str) -> str:
    """A label safe inside Mermaid's double quotes (configuration text, never document text)."""
    return _UNSAFE.sub("", text).strip() or "?"


def number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _axis_top(values: list[float]) -> int:
    top = max(values, default=0)
    return max(1, math.ceil(top))


def _palette(*colours: str) -> str:
    return '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "' + ", ".join(colours) + '"}}}}%%'


def severity_pie(report: Report, config: Playbook) -> str | None:
    """Open escalations by severity; None when nothing is open (a pie of nothing says less than a sentence)."""
    # Largest first (ties in severity order): Mermaid 10 sorts slices so and colours them in
    # that order, later versions keep ours; either way each severity gets its own colour.
    slices = sorted(((s, n) for s, n in report.open_by_severity.items() if n), key=lambda sn: -sn[1])
    if not slices:
        return None
    colours = ", ".join(f'"pie{k}": "{SEVERITY_COLOURS[s]}"' for k, (s, _n) in enumerate(slices, 1))
    lines = [
        "%%{init: {\"themeVariables\": {" + colours + "}}}%%",
        "pie showData",
        "    title Open escalations by severity",
        "    accTitle: Open escalations by severity",
        "    accDescr: " + ", ".join(f"{s} {n}" for s, n in slices),
    ]
    lines += [f'    "{label(f"{s} {config.severity(s).name}")}" : {n}' for s, n in slices]
    return "\n".join(lines)


def weekly_chart(report: Report) -> str:
    """Escalations opened (bars) and resolved (line) per week."""
    weeks = report.weeks
    opened = [w.opened for w in weeks]
    resolved = [w.resolved for w in weeks]
    axis = ", ".join(f'"{day(w.week_start)}"' for w in weeks)
    return "\n".join([
        _palette(OPENED_COLOUR, RESOLVED_COLOUR),
        "xychart-beta",
        '    title "Opened (bars) and resolved (line) per week"',
        "    accTitle: Escalations opened and resolved per week",
        f"    accDescr: Weeks starting {day(weeks[0].week_start)} to {day(weeks[-1].week_start)}; "
        f"{sum(opened)} opened, {sum(resolved)} resolved",
        f"    x-axis [{axis}]",
        f'    y-axis "Escalations" 0 --> {_axis_top(opened + resolved)}',
        f"    bar [{', '.join(map(str, opened))}]",
        f"    line [{', '.join(map(str, resolved))}]",
    ])


def attainment_chart(report: Report) -> str | None:
    """Percent of each SLA kept; kinds with nothing decided yet are left out (the table says why)."""
    measured = [a for a in report.attainment if a.rate.percent is not None]
    if not measured:
        return None
    return "\n".join([
        _palette(RESOLVED_COLOUR),
        "xychart-beta",
        '    title "SLA attainment (% kept)"',
        "    accTitle: SLA attainment",
        "    accDescr: " + ", ".join(f"{SHORT[a.kind]} {number(a.rate.percent)} percent" for a in measured),
        "    x-axis [" + ", ".join(f'"{SHORT[a.kind]}"' for a in measured) + "]",
        '    y-axis "% kept" 0 --> 100',
        f"    bar [{', '.join(number(a.rate.percent) for a in measured)}]",
    ])
