"""Terminal views of index records (rich renderables; the CLI decides where they go)."""

from __future__ import annotations

from datetime import datetime

from rich.console import Group
from rich.table import Table
from rich.text import Text

from .statusrows import (  # noqa: F401 - urgency_key, by_urgency: re-exported
    EMPTY_CAPTION, HEADERS, NO_WRAP, SEVERITY_STYLE, StatusRow, by_urgency, severity_text, status_row, title,
    urgency_key, when,
)


def severity_cell(r: dict) -> Text:
    """The level, marked "proposed" while no person has confirmed the machine's choice."""
    return Text(*severity_text(r))


def _severity_detail(r: dict) -> Text:
    if r.get("severity_state") == "proposed":
        return Text(f"{r['severity']} proposed — not yet confirmed by a person (esc confirm {r['id']} --by NAME)",
                    style=SEVERITY_STYLE[r["severity"]])
    if not r.get("severity_set_by"):     # a document a person wrote (esc new, an editor): theirs
        return Text(f"{r['severity']} (set by a person in the document)", style=SEVERITY_STYLE[r["severity"]])
    at = f" at {r['severity_set_at']}" if r.get("severity_set_at") else ""
    return Text(f"{r['severity']} confirmed by {r['severity_set_by']}{at}", style=SEVERITY_STYLE[r["severity"]])


def _when(iso: str | None, now: datetime) -> Text:
    return Text(*when(iso, now))


def status_table(records: list[dict], now: datetime) -> Table:
    return rows_table([status_row(r, now) for r in by_urgency(records)], now)


def rows_table(rows: list[StatusRow], now: datetime) -> Table:
    """The status table of rows already in order (see :mod:`tracking.statusrows`)."""
    table = Table(title=title(now), title_justify="left", expand=False)
    for column, no_wrap in zip(HEADERS, NO_WRAP):
        table.add_column(column, no_wrap=no_wrap)
    for row in rows:
        table.add_row(*(text if style is None else Text(text, style=style)
                        for text, style in zip(row.texts, row.styles)))
    if not rows:
        table.caption = EMPTY_CAPTION
    return table


def status_detail(r: dict, now: datetime) -> Group:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    rows = [
        ("Escalation", f"{r['id']} — {r['customer']} — {r['title']}"),
        ("Severity", _severity_detail(r)), ("Tier", str(r["tier"] or "—")),
        ("Status", r["status"]), ("Owner", r["owner"]), ("Executive sponsor", r["exec_sponsor"] or "—"),
        ("ARR", f"${r['arr']:,.0f}" if r["arr"] is not None else "—"),
        ("Renewal", r["renewal_date"] or "—"), ("Opened", r["opened"]),
        ("Target resolution", r["target_resolution"] or "—"),
        ("Triggers", ", ".join(r["triggers"]) or "—"), ("Tickets", ", ".join(f"#{t}" for t in r["zendesk_tickets"]) or "—"),
        ("Document", r["path"]),
    ]
    for label, value in rows:
        grid.add_row(label, value if isinstance(value, Text) else Text(str(value)))
    deadlines = Table(title="Open deadlines", title_justify="left")
    deadlines.add_column("What")
    deadlines.add_column("Due (UTC)")
    deadlines.add_column("")
    for d in r["deadlines"]:
        deadlines.add_row(d["label"], d["due"].replace("T", " ").replace("Z", ""), _when(d["due"], now))
    if not r["deadlines"]:
        deadlines.caption = "Nothing pending."
    return Group(grid, Text(""), deadlines)
