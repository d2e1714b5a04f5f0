"""`esc demo`: the sandbox, a fresh repository, a morning of the sandbox company's people at
work, and what the team sees at the end of it."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import click

from .context import console, parse_now
from .output import echo


@click.command()
@click.option("--into", type=click.Path(file_okay=False, path_type=Path),
              help="Create the demo repository here (a new or empty folder; default: a temporary folder).")
@click.option("--tickets", type=click.IntRange(30, 20000), default=240, show_default=True,
              help="How many tickets the sandbox Zendesk holds.")
def demo(into: Path | None, tickets: int) -> None:
    """See the whole flow in a minute, offline: sandbox → sync → people at work → status.

    Starts local Zendesk and Salesforce emulators with a fictional customer base whose
    people worked on their escalations all week, syncs them into a fresh git repository,
    lets them act for a morning (replies and `#esc` notes in Zendesk, edits committed in
    git as themselves), syncs again and shows what is overdue and who must act, what is
    due soon, on track, in recovery and closed. The sandbox's clock is the global --now
    (default 2026-11-26T12:00:00Z), so the same --now prints the same morning.

    \b
    Examples:
      esc demo
      esc demo --into ./demo-escalations
      esc --now 2026-12-02T15:00:00Z demo
    """
    from escalation_desk.demo.run import DemoSource, run_demo
    from escalation_desk.progress import console_progress, summary_lines
    from escalation_desk.sandbox import Sandbox
    from escalation_desk.sandbox.dataset import DEFAULT_NOW
    from escalation_desk.sandbox.dataset_team import FIRST_SYNC_AGO
    from escalation_desk.tracking.views import status_table

    given = click.get_current_context().find_root().params.get("now_text")
    now = parse_now(given) if given else DEFAULT_NOW
    with Sandbox(tickets=tickets, now=now, team=True) as sandbox:
        echo(f"sandbox: Zendesk {sandbox.url('zendesk')}, Salesforce {sandbox.url('salesforce')} "
             f"({tickets} tickets, as of {sandbox.dataset.now:%Y-%m-%d %H:%M} UTC)")
        now = sandbox.dataset.now
        first = now - timedelta(hours=FIRST_SYNC_AGO)
        source = DemoSource(sandbox.env, now, sandbox.dataset.roster, first_sync=first,
                            edits=_edits(now), advance=_advancing(sandbox, now, first))
        with console_progress(False, True) as progress:
            result = run_demo(source, into, progress=progress, say=echo)
    for number, sync in enumerate(result.syncs):
        at = result.first_sync if number == 0 and len(result.syncs) > 1 else result.now
        echo(f"sync at {at:%H:%M} UTC:")
        for line in summary_lines(sync):
            echo("  " + line.strip())
        if number == 0 and result.acts:
            echo(f"then, until {result.now:%H:%M} UTC, the team at work ({len(result.acts)} things, "
                 "each in Zendesk or as its own commit):")
            for line in result.acts:
                echo("  " + line)
    console().print(status_table(result.records, result.now))
    for line in morning_lines(result.morning, result.now):
        echo(line)
    _where_next(result)


def _edits(now: datetime) -> tuple:
    """The morning's git edits (sandbox data) as the demo's PersonEdits."""
    from escalation_desk.demo.people import PersonEdit
    from escalation_desk.sandbox import dataset_text
    from escalation_desk.sandbox.dataset_morning import DESK, HISTORY, dated_args
    from escalation_desk.sandbox.dataset_team import dated, moment

    staff = {p.key: p for p in dataset_text.STAFF}
    return tuple(PersonEdit(moment(now, a.ago), staff[a.who].name, staff[a.who].email, dated(a.escalation, now),
                            a.verb, dated_args(a.args, now), a.message) for a in (*HISTORY, *DESK))


def _advancing(sandbox, now: datetime, first: datetime):
    """The demo's `advance`: the sandbox's people act in Zendesk up to a time."""
    from escalation_desk.sandbox import dataset_text
    from escalation_desk.sandbox.dataset_morning import perform
    from escalation_desk.sandbox.dataset_scenarios import SCENARIOS
    from escalation_desk.sandbox.dataset_team import dated, moment

    staff = {p.key: p for p in dataset_text.STAFF}
    state = {"since": first - timedelta(days=3650)}

    def advance(until: datetime) -> list[str]:
        done = perform(sandbox.zendesk, now, state["since"], until)
        state["since"] = until
        lines = []
        for act in done:
            at = moment(now, act.ago)
            what = "replied to the customer" if act.public else dated(act.body, now).splitlines()[0]
            lines.append(f"{at:%H:%M} {staff[act.who].name} on Zendesk #{SCENARIOS[act.ticket]}: {what}")
        return lines

    return advance


def morning_lines(morning, now: datetime) -> list[str]:
    """The team's morning: each group with what is late or due and who must act."""
    from escalation_desk.playbook.durations import format_duration

    if morning is None:
        return []
    total = sum(morning.count(g) for g in morning.groups)
    lines = [f"\nThe morning of {now:%Y-%m-%d %H:%M} UTC — {total} escalations: {morning.count('overdue')} overdue, "
             f"{morning.count('due_soon')} due soon, {morning.count('on_track')} on track, "
             f"{morning.count('recovery')} in recovery, {morning.count('closed')} closed"]
    titles = {"overdue": "Overdue — act now", "due_soon": "Due soon", "on_track": "On track",
              "recovery": "In recovery (resolved)", "closed": "Closed"}
    for group, entries in morning.groups.items():
        if not entries:
            continue
        lines.append(f"{titles[group]}:")
        for s in entries:
            head = f"  {s.ident} {s.customer} ({s.severity})"
            if group == "overdue":
                what = "; ".join(f"{o.label} ({format_duration(now - o.due)} late)" for o in s.items)
                lines.append(f"{head} — {what} → {s.owner} must act")
            elif group == "due_soon":
                what = "; ".join(f"{o.label} (due in {format_duration(o.due - now)})" for o in s.items)
                lines.append(f"{head} — {what} → {s.owner}")
            elif group == "on_track":
                nxt = s.items[0] if s.items else None
                lines.append(head + (f" — next: {nxt.label} in {format_duration(nxt.due - now)}" if nxt else ""))
            elif group == "recovery":
                nxt = s.items[0] if s.items else None
                lines.append(f"{head} — {s.done} of {s.total} milestones done"
                             + (f"; next: {nxt.label}, due {nxt.due:%Y-%m-%d}" if nxt else ""))
            else:
                lines.append(head)
    return lines


def _where_next(result) -> None:
    now = result.now.strftime("%Y-%m-%dT%H:%M:%SZ")
    first = result.syncs[0].created if result.syncs and result.syncs[0].created else []
    example = first[0] if first else "escalations/"
    echo("\nWhere to look next:")
    echo(f"  {result.repo / example}      a tracking document")
    echo(f"  git -C {result.repo} log --stat           the syncs' and the people's commits")
    echo(f"  esc --repo {result.repo} --now {now} overdue")
    echo(f"  esc --repo {result.repo} --now {now} check")
    urgent = [s.ident for g in ("overdue", "due_soon", "on_track") for s in result.morning.groups[g]] \
        if result.morning else [r["id"] for r in result.records]
    echo(f"  esc --repo {result.repo} --now {now} brief {urgent[0] if urgent else 'ESC-…'}")
