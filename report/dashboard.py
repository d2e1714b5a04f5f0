"""``escalations/README.md``: the dashboard GitHub shows on the documents folder.

:func:`render_dashboard` is pure: the same report gives the same bytes (the only time
in it is the report's ``now``). Text from documents (customers, owners, categories)
is escaped for Markdown table cells here; the Mermaid charts carry none of it
(see :mod:`report.mermaid`). The layout lives in ``templates/dashboard.md.j2``.
"""

from __future__ import annotations

import posixpath
import re
from typing import Iterator

from escalation_desk.playbook.config import Playbook, SEVERITIES
from escalation_desk.templates import render_pieces

from . import formatting as fmt
from .mermaid import attainment_chart, severity_pie, weekly_chart
from .model import Report
from .sla import KINDS

# The README is a glance, not a ledger: the JSON, the HTML page and `esc overdue` list everything.
OPEN_ROWS = 50
OVERDUE_ROWS = 30
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#!])")


def cell(text: object) -> str:
    """Untrusted text as one Markdown table cell: one line, no markup, no HTML, no column breaks."""
    flat = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", flat).replace("&", "&amp;") if flat else fmt.NONE


def link(ident: str, path: str) -> str:
    """A link from escalations/README.md to a document (paths are relative to the repository)."""
    target = posixpath.relpath(path, "escalations") if not posixpath.isabs(path) else posixpath.basename(path)
    target = target.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return f"[{cell(ident)}]({target})"


def _open_rows(report: Report) -> list[dict]:
    rows = []
    for r in report.open_escalations[:OPEN_ROWS]:
        overdue = "; ".join(f"{o['label']} ({fmt.duration(o['late_minutes'])})" for o in r["overdue"])
        rows.append({
            "flag": "🔴" if r["overdue"] else "",
            "id": link(r["id"], r["path"]),
            "severity": r["severity"] + (" proposed" if r.get("severity_state") == "proposed" else ""),
            "tier": r["tier"] or fmt.NONE,
            "status": r["status"],
            "customer": cell(r["customer"]),
            "owner": cell(r["owner"]),
            "arr": fmt.money(r["arr"]),
            "next_update": fmt.due_in(r["next_update_due"], report.now),
            "overdue": cell(overdue) if overdue else fmt.NONE,
        })
    return rows


def _warnings(report: Report) -> list[str]:
    found = []
    for c in report.systemic:
        noted = " Escalated again since its last post-mortem: **another post-mortem is due.**" if c.post_mortem_noted \
            else " **Post-mortem due** (record it in Post-Escalation Actions: `- Post-mortem: YYYY-MM-DD — notes`)."
        found.append(f"Systemic problem: category “{cell(c.category)}” was escalated {c.in_systemic_window} times "
                     f"in the last {report.systemic_window_days} days ({', '.join(cell(i) for i in c.ids)}): "
                     f"fix the system, not just the symptom.{noted}")
    for o in report.overloaded:
        found.append(f"Escalation fatigue: {cell(o.owner)} carries a load of {o.load:g} in {o.open} open escalations "
                     f"(limit {report.owner_limit}, in SEV-3 equivalents): "
                     f"{', '.join(cell(i) for i in o.ids)}. Redistribute before urgency goes numb.")
    return found


def context(report: Report, config: Playbook) -> dict:
    by_kind = {a.kind: a for a in report.attainment}
    funnel = report.funnel
    final = funnel.final_milestone.split(":")[0]
    return {
        "r": report,
        "fmt": fmt,
        "cell": cell,
        "link": link,
        "severities": SEVERITIES,
        "severity_names": {s: config.severity(s).name for s in SEVERITIES},
        "now": fmt.when(report.now),
        "since": fmt.when(report.window.start),
        "open_by_severity": ", ".join(f"{s}: {n}" for s, n in report.open_by_severity.items() if n) or "none",
        "overdue_escalations": len({o.id for o in report.overdue}),
        "kinds": [(label, fmt.rate(by_kind[kind].rate)) for kind, label, _ in KINDS],
        "attainment_rows": [
            (a.label, [fmt.rate(a.by_severity[s]) for s in SEVERITIES], fmt.rate(a.rate)) for a in report.attainment
        ],
        "warnings": _warnings(report),
        "open_rows": _open_rows(report),
        "open_more": max(0, len(report.open_escalations) - OPEN_ROWS),
        "overdue_rows": report.overdue[:OVERDUE_ROWS],
        "overdue_more": max(0, len(report.overdue) - OVERDUE_ROWS),
        "pie": severity_pie(report, config),
        "weekly": weekly_chart(report),
        "attainment_chart": attainment_chart(report),
        "tiers": ("1", "2", "3", "4") + (("unset",) if report.open_by_tier["unset"] else ()),
        "final": final,
        "funnel_rows": [
            ("Resolved or closed (all time)", funnel.resolved),
            ("Recovery plan written", funnel.recovery_planned),
            (f"{final} check due", funnel.final_check_due),
            (f"{final} check done", funnel.final_check_done),
            ("Willing to be a reference (escalation → advocacy)", funnel.reference_willing),
        ],
    }


def render_dashboard(report: Report, config: Playbook) -> str:
    return "".join(dashboard_pieces(report, config))


def dashboard_pieces(report: Report, config: Playbook) -> Iterator[str]:
    """The dashboard in pieces of about 64 KB, each a run of whole lines (runs of blank lines
    squeezed to one, one newline at the end): at 10,000 escalations its whole text, copied at
    each step, was megabytes."""
    batch: list[str] = []
    size = 0
    for piece in _squeezed(render_pieces("dashboard.md.j2", **context(report, config))):
        batch.append(piece)
        size += len(piece)
        if size >= 1 << 16:
            text = "".join(batch)
            cut = text.rfind("\n") + 1
            if cut:
                yield text[:cut]
            batch, size = [text[cut:]], len(text) - cut
    yield "".join(batch)


_RUNS = re.compile(r"\n{3,}")


def _squeezed(pieces: Iterator[str]) -> Iterator[str]:
    """``re.sub(r"\\n{3,}", "\\n\\n", "".join(pieces)).rstrip("\\n") + "\\n"``, piece by piece
    (a run of newlines may span pieces: it is counted, then written when the text goes on)."""
    pending = 0
    for piece in pieces:
        body = piece.lstrip("\n")
        if not body:
            pending += len(piece)
            continue
        run = pending + len(piece) - len(body)
        core = body.rstrip("\n")
        pending = len(body) - len(core)
        yield ("\n\n" if run >= 3 else "\n" * run) + _RUNS.sub("\n\n", core)
    yield "\n"
