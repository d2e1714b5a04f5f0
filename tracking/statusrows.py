"""The rows of `esc status` (the table): each escalation's cells as text with their style.

No rich here: the table is drawn either by rich (a terminal: colours) or, when the output is
plain text, by :mod:`tracking.plaintable` (the same bytes, without rich's cost per row). A
row is small (nine short strings) and built where the document was read (see
:func:`status_part`), so `esc status` keeps rows, not parsed documents or records.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

from escalation_desk.playbook.config import OPEN_STATUSES, Playbook
from escalation_desk.playbook.durations import format_duration
from escalation_desk.playbook.timefmt import parse_iso

from .model import Document

SEVERITY_STYLE = {"SEV-1": "bold white on red", "SEV-2": "bold black on dark_orange", "SEV-3": "black on yellow",
                  "SEV-4": "black on grey70"}
URGENCY = {"SEV-1": 0, "SEV-2": 1, "SEV-3": 2, "SEV-4": 3}
HEADERS = ("ID", "Sev", "Tier", "Status", "Customer", "Owner", "ARR", "Next update", "Overdue")
NO_WRAP = tuple(name in ("ID", "Sev", "Next update") for name in HEADERS)
EMPTY_CAPTION = "No escalations yet: `esc new` starts one, `esc sync` pulls them from Zendesk."

Cell = tuple  # (text, style): style None for a cell rich gets as a plain str


class StatusRow(NamedTuple):
    """One escalation's row: its place in the table's order, its cells' texts and their styles
    (one per column of HEADERS; a style None is a cell rich gets as a plain str)."""

    key: tuple
    texts: tuple
    styles: tuple


def title(now: datetime) -> str:
    return f"Escalations as of {now:%Y-%m-%d %H:%M} UTC"


def urgency_key(r: dict) -> tuple:
    """Overdue first, then by severity, then by the nearest deadline, then by ID."""
    first_due = r["deadlines"][0]["due"] if r["deadlines"] else "9999"
    return (0 if r["overdue"] else 1, URGENCY[r["severity"]], first_due, r["id"])


def by_urgency(records: list[dict]) -> list[dict]:
    """Overdue first, then by severity, then by the nearest deadline."""
    return sorted(records, key=urgency_key)


def format_duration_minutes(minutes: int) -> str:
    return format_duration(timedelta(minutes=minutes))


def when(iso: str | None, now: datetime) -> Cell:
    if not iso:
        return ("—", "dim")
    due = parse_iso(iso)
    if due < now:
        return (f"OVERDUE {format_duration(now - due)}", "bold red")
    return (f"in {format_duration(due - now)}", "green")


def severity_text(r: dict) -> Cell:
    """The level, marked "proposed" while no person has confirmed the machine's choice."""
    proposed = r.get("severity_state") == "proposed"
    return (f"{r['severity']}{' proposed' if proposed else ''}", SEVERITY_STYLE[r["severity"]])


def status_cells(r: dict, now: datetime) -> tuple:
    """The nine cells of a record's row, as (text, style)."""
    overdue = ", ".join(f"{o['label']} ({format_duration_minutes(o['late_minutes'])})" for o in r["overdue"])
    return (
        (r["id"], None), severity_text(r), (str(r["tier"] or "—"), None), (r["status"], None),
        (r["customer"], None), (r["owner"], None),
        (f"${r['arr']:,.0f}" if r["arr"] is not None else "—", None),
        when(r["next_update_due"], now) if r["status"] in OPEN_STATUSES else ("—", "dim"),
        (overdue or "—", "red" if overdue else "dim"),
    )


def status_row(r: dict, now: datetime) -> StatusRow:
    cells = status_cells(r, now)
    return StatusRow(urgency_key(r), tuple(text for text, _ in cells), tuple(style for _, style in cells))


def status_part(config: Playbook, now: datetime, doc: Document) -> StatusRow | str:
    """For :func:`tracking.scan.scan`: a document's row (what ``status_row(record(doc))`` gives,
    from only the fields the row shows); the path of a document that does not parse."""
    from escalation_desk.playbook.timefmt import iso

    from .index import json_number, late_minutes, open_deadlines

    front = doc.front
    if front is None:
        return doc.path
    unmet, next_update = open_deadlines(doc, config, now)
    return status_row({
        "id": front.id, "severity": front.severity, "severity_state": doc.severity_state, "tier": front.tier,
        "status": front.status, "customer": front.customer, "owner": front.owner, "arr": json_number(front.arr),
        "next_update_due": iso(next_update.due) if next_update else None,  # type: ignore[attr-defined]
        "deadlines": [{"due": iso(unmet[0].due)}] if unmet else [],
        "overdue": [{"label": o.label, "late_minutes": late_minutes(o, now)} for o in unmet if o.overdue(now)],
    }, now)


def sorted_rows(parts) -> tuple[list[StatusRow], list[str]]:  # noqa: ANN001 - Iterable[StatusRow | str]
    """The rows in the table's order (ties: the order the documents came in) and the skipped paths."""
    rows: list[StatusRow] = []
    skipped: list[str] = []
    styles: dict[tuple, tuple] = {}    # each combination of styles kept once, not once a row
    for part in parts:
        if isinstance(part, str):
            skipped.append(part)
        else:
            rows.append(part._replace(styles=styles.setdefault(part.styles, part.styles)))
    rows.sort(key=lambda row: row.key)   # stable: equal keys keep their order
    return rows, skipped
