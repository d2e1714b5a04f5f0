"""Terminal views of index records (rich renderables; the CLI decides where they go)."""

from __future__ import annotations

from datetime import datetime

from rich.console import Group
from rich.table import Table
from rich.text import Text

from escalation_desk.playbook.config import OPEN_STATUSES
from escalation_desk.playbook.durations import format_duration
from escalation_desk.playbook.timefmt import parse_iso

SEVERITY_STYLE = {"SEV-1": "bold white on red", "SEV-2": "bold black on dark_orange", "SEV-3": "black on yellow",
                  "SEV-4": "black on grey70"}
URGENCY = {"SEV-1": 0, "SEV-2": 1, "SEV-3": 2, "SEV-4": 3}


def severity_cell(r: dict) -> Text:
    """The level, marked "proposed" while no person has confirmed the machine's choice."""
    proposed = r.get("severity_state") == "proposed"
    return Text(f"{r['severity']}{' proposed' if proposed else ''}", style=SEVERITY_STYLE[r["severity"]])


def _severity_detail(r: dict) -> Text:
    if r.get("severity_state") == "proposed":
        return Text(f"{r['severity']} proposed — not yet confirmed by a person (esc confirm {r['id']} --by NAME)",
                    style=SEVERITY_STYLE[r["severity"]])
    if not r.get("severity_set_by"):     # a document a person wrote (esc new, an editor): theirs
        return Text(f"{r['severity']} (set by a person in the document)", style=SEVERITY_STYLE[r["severity"]])
    at = f" at {r['severity_set_at']}" if r.get("severity_set_at") else ""
    return Text(f"{r['severity']} confirmed by {r['severity_set_by']}{at}", style=SEVERITY_STYLE[r["severity"]])


def _when(iso: str | None, now: datetime) -> Text:
    if not iso:
        return Text("—", style="dim")
    due = parse_iso(iso)
    if due < now:
        return Text(f"OVERDUE {format_duration(now - due)}", style="bold red")
    return Text(f"in {format_duration(due - now)}", style="green")


def urgency_key(r: dict) -> tuple:
    """Overdue first, then by severity, then by the nearest deadline (see :func:`by_urgency`)."""
    first_due = r["deadlines"][0]["due"] if r["deadlines"] else "9999"
    return (0 if r["overdue"] else 1, URGENCY[r["severity"]], first_due, r["id"])


def by_urgency(records: list[dict]) -> list[dict]:
    """Overdue first, then by severity, then by the nearest deadline."""
    return sorted(records, key=urgency_key)


def status_table(records: list[dict], now: datetime) -> Table:
    table = Table(title=f"Escalations as of {now:%Y-%m-%d %H:%M} UTC", title_justify="left", expand=False)
    for column in ("ID", "Sev", "Tier", "Status", "Customer", "Owner", "ARR", "Next update", "Overdue"):
        table.add_column(column, no_wrap=column in ("ID", "Sev", "Next update"))
    for r in by_urgency(records):
        overdue = ", ".join(f"{o['label']} ({format_duration_minutes(o['late_minutes'])})" for o in r["overdue"])
        table.add_row(
            r["id"], severity_cell(r), str(r["tier"] or "—"), r["status"],
            r["customer"], r["owner"], f"${r['arr']:,.0f}" if r["arr"] is not None else "—",
            _when(r["next_update_due"], now) if r["status"] in OPEN_STATUSES else Text("—", style="dim"),
            Text(overdue or "—", style="red" if overdue else "dim"),
        )
    if not records:
        table.caption = "No escalations yet: `esc new` starts one, `esc sync` pulls them from Zendesk."
    return table


def format_duration_minutes(minutes: int) -> str:
    from datetime import timedelta

    return format_duration(timedelta(minutes=minutes))


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
