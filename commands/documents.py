"""Commands that work on the documents alone: check, new, status, log, resolve, brief, index."""

from __future__ import annotations

import json
import sys
from functools import partial
from datetime import datetime
from pathlib import Path

import click

from escalation_desk.playbook.levels import SEVERITIES
from escalation_desk.errors import DeskError

from .context import Context, console, pass_ctx, step_summary
from .output import echo, echo_pieces, table, workflow_commands


# --------------------------------------------------------------------------- check

@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--base", metavar="REF", help="Also lint what changed since REF (owner changed, target moved, severity lowered).")
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json"]), default="text", show_default=True)
@pass_ctx
def check(ctx: Context, paths: tuple[Path, ...], base: str | None, fmt: str) -> None:
    """Check documents against the format and the playbook; exit 1 on any error.

    \b
    Examples:
      esc check
      esc check escalations/ESC-48213-acme.md
      esc check --base origin/main --format github   # in a pull request
    """
    from escalation_desk.tracking.check_files import run_check
    from escalation_desk.tracking.formats import as_github, as_json, as_text, summary_markdown

    targets = list(paths) or [ctx.docs_dir]
    if not paths and not ctx.docs_dir.is_dir() and not base:    # with --base: a change may delete them all
        raise DeskError(f"{ctx.docs_dir} does not exist", hint="run `esc init` or pass files to check")
    if base:
        from .prcheck import check_against_base

        result, note = check_against_base(ctx.repo, ctx.docs_dir, ctx.config_path, ctx.config, ctx.now, base,
                                          list(paths) or None)
        echo(f"esc check: {note}", err=True)
    else:
        result = run_check(targets, ctx.repo, ctx.playbook, ctx.now,
                           collection_scope=[ctx.docs_dir] if ctx.docs_dir.is_dir() else None)
    result.findings[:0] = _linked_documents(ctx, targets)
    if fmt == "json":
        echo(as_json(result.findings, result.files, result.summary), nl=False)
    else:
        render = as_github if fmt == "github" else as_text
        for finding in result.findings + result.summary:   # the summary's (an owner's load) last, once
            (workflow_commands if fmt == "github" else echo)(render(finding))
        echo(f"{result.files} document(s) checked: {result.errors} error(s), {result.warnings} warning(s)",
                   err=fmt == "github")
    if fmt == "github":
        step_summary(summary_markdown(result.findings, result.files, result.summary))
    sys.exit(1 if result.errors else 0)


def _linked_documents(ctx: Context, targets: list[Path]) -> list:
    """A symbolic link among the documents is an error (a pull request can add one pointing
    anywhere on the runner); nothing else reads it."""
    from escalation_desk.tracking import store
    from escalation_desk.tracking.findings import Finding

    folders = [t for t in targets if t.is_dir()]
    return [Finding(store.display_path(link, ctx.repo), 1, "error", "symlink",
                    "is a symbolic link; a tracking document must be a regular file in the repository "
                    "(replace the link with the file itself)")
            for folder in folders for link in store.linked_documents(folder)]


# --------------------------------------------------------------------------- new

@click.command()
@click.option("--customer", required=True, help="Customer (account) name.")
@click.option("--severity", type=click.Choice(SEVERITIES), required=True)
@click.option("--owner", required=True, help="Who owns the escalation until it is resolved.")
@click.option("--title", required=True, help="What happened, in a few words.")
@click.option("--ticket", type=int, multiple=True, help="Zendesk ticket number(s); the first gives the ID.")
@click.option("--summary", default="", help="The Issue Summary paragraph.")
@click.option("--category", help="Category for recurring-problem detection (e.g. integration); a second escalation "
              "for the customer and category within executive.repeat_window follows the earlier one.")
@click.option("--id", "ident", help="Use this ID instead of a generated one.")
@click.option("--target", help="Target resolution: an ISO time (2026-11-24T17:00:00Z), a date (its closing time "
                               "in the business-hours zone) or a duration from now (48h).")
@click.option("--arr", type=click.FloatRange(min=0), help="The account's annual recurring revenue.")
@click.option("--renewal", type=click.DateTime(formats=["%Y-%m-%d"]), help="Renewal date (YYYY-MM-DD).")
@pass_ctx
def new(ctx: Context, customer: str, severity: str, owner: str, title: str, ticket: tuple[int, ...],
        summary: str, category: str | None, ident: str | None, target: str | None, arr: float | None,
        renewal) -> None:
    """Start a tracking document from the template, with a collision-free ID.

    \b
    Example:
      esc new --customer "Acme Corp" --severity SEV-2 --owner "Dana Whitfield" \\
              --title "Salesforce sync stopped" --ticket 48213 \\
              --target 2026-11-24T17:00:00Z --arr 250000 --renewal 2027-01-31
    """
    from escalation_desk.playbook.durations import format_duration
    from escalation_desk.tracking import store
    from escalation_desk.tracking.entries import timeline_line
    from escalation_desk.tracking.render import document_filename, new_document
    from escalation_desk.tracking.repeats import second_escalation

    ctx.docs_dir.mkdir(parents=True, exist_ok=True)
    with store.folder_locked(ctx.docs_dir):      # two `esc new` at once never take the same ID
        docs = store.load_all(ctx.repo)
        existing = {d.id for d in docs if d.id}
        ident = ident.upper() if ident else store.new_id(existing, ctx.now, ctx.config.sync.id_prefix,
                                                         ticket[0] if ticket else None)
        if ident in existing:
            raise DeskError(f"{ident} already exists", hint="choose another --id")
        _refuse_tracked_tickets(docs, ticket)
        fields = {"id": ident, "customer": customer, "severity": severity, "status": "Open", "owner": owner,
                  "opened": ctx.now, "zendesk_tickets": list(ticket), "category": category,
                  "arr": int(arr) if arr is not None and float(arr).is_integer() else arr,
                  "renewal_date": renewal.date() if renewal else None,
                  "target_resolution": _target_time(target, ctx) if target else None}
        fields = {k: v for k, v in fields.items() if v is not None or k == "category"}
        link = second_escalation([d for d in docs if d.front], customer=customer, account_id=None, category=category,
                                 opened=ctx.now, window=ctx.config.executive.repeat_window, ident=ident)
        timeline = []
        if link is not None:   # "escalated twice on the same issue": linked, and the sponsor within 24 h
            fields["follows"] = link.ident
            timeline = [timeline_line(ctx.now, link.reason, f"esc:follows:{link.ident}")]
        try:
            text = new_document(fields, title=title, summary=summary, timeline=timeline)
        except ValueError as exc:
            raise DeskError(f"cannot create the document: {exc}") from None
        path = ctx.docs_dir / document_filename(ident, customer, title)
        store.write_atomic(path, text)
    echo(f"created {store.display_path(path, ctx.repo)} ({ident}, {severity}); acknowledge within "
               f"{ctx.config.severity(severity).ack.total_seconds() / 60:.0f} min: esc log {ident} comm \"…\"")
    if link is not None:
        echo(f"{link.reason}; engage the executive sponsor within "
             f"{format_duration(ctx.config.executive.followup_within)}: esc sponsor {ident} \"Name\"")


def _refuse_tracked_tickets(docs: list, tickets: tuple[int, ...]) -> None:
    """A ticket belongs to one escalation: a second document for it would split its replies
    (the sync writes them to the first, the sidebar shows the second)."""
    for doc in docs:
        shared = sorted(set(tickets) & set(doc.front.zendesk_tickets if doc.front else ()))
        if shared:
            raise DeskError(f"ticket #{shared[0]} is already tracked by {doc.id} ({doc.path})",
                            hint=f"log it there (esc log {doc.id} …), or leave --ticket out")


def _target_time(text: str, ctx: Context):
    """--target, refused when it is not after now (the escalation opens now: a past target
    would make it late before it starts)."""
    moment = _target_moment(text, ctx)
    if moment <= ctx.now:
        raise click.BadParameter(f"{text!r} is {moment:%Y-%m-%d %H:%M} UTC, not after now "
                                 f"({ctx.now:%Y-%m-%d %H:%M} UTC); a typo?", param_hint="--target")
    return moment


def _target_moment(text: str, ctx: Context):
    """--target as an ISO time, a date (closing time in the business-hours zone) or a duration from now."""
    from datetime import date, datetime, timezone
    from zoneinfo import ZoneInfo

    from escalation_desk.playbook.durations import parse_duration

    hours = ctx.config.business_hours
    try:
        if len(text.strip()) == 10:
            day = date.fromisoformat(text.strip())
            return datetime.combine(day, hours.close, tzinfo=ZoneInfo(hours.timezone)).astimezone(timezone.utc)
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        if moment.tzinfo is None:
            raise click.BadParameter(f"{text!r} has no time zone; end it with Z or an offset such as +01:00",
                                     param_hint="--target")
        return moment.astimezone(timezone.utc)
    except ValueError:
        pass
    try:
        return ctx.now + parse_duration(text)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a time; write 2026-11-24T17:00:00Z, 2026-11-24 or 48h",
                                 param_hint="--target") from None


# --------------------------------------------------------------------------- status

@click.command()
@click.argument("ident", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the index record(s) as JSON.")
@click.option("--watch", is_flag=True, help="Instead: open tickets NOT escalated whose customer's tone is souring "
              "(reads Zendesk; for proactive outreach, never changes severity).")
@click.option("--days", type=click.IntRange(1, 90), default=14, show_default=True, help="--watch: tickets updated in the last N days.")
@pass_ctx
def status(ctx: Context, ident: str | None, as_json: bool, watch: bool, days: int) -> None:
    """Show escalations with their next deadline and anything overdue.

    \b
    Examples:
      esc status
      esc status ESC-48213 --json
      esc status --watch --days 7
    """
    if watch:
        from .severity import watch_report

        return watch_report(ctx, days)
    from escalation_desk.tracking import store
    from escalation_desk.tracking.index import record
    from escalation_desk.tracking.lean import lean_document
    from escalation_desk.tracking.scan import scan

    if ident:
        from escalation_desk.tracking.views import status_detail

        one = record(store.find(ctx.repo, ident).doc, ctx.config, ctx.now)
        if as_json:
            echo(json.dumps(one, indent=2))
        else:
            console().print(status_detail(one, ctx.now))
        return
    if as_json:
        from escalation_desk.tracking.index import collect, index_part, records_pieces

        found = collect(scan(ctx.repo, partial(index_part, ctx.config, ctx.now, ensure_ascii=True, depth=1,
                                            summary_row=False),
                             ctx.config, ctx.now, read=lean_document))
        echo_pieces(records_pieces(found))
        return
    skipped = _status_table(ctx)
    if skipped:
        echo(f"{len(skipped)} document(s) skipped because they do not parse; run `esc check`.", err=True)


def _status_table(ctx: Context) -> list[str]:
    """`esc status`: the table, most urgent first; the paths of the documents that do not parse."""
    from escalation_desk.tracking.lean import lean_document
    from escalation_desk.tracking.scan import scan
    from escalation_desk.tracking.statusrows import HEADERS, NO_WRAP, sorted_rows, status_part, title

    rows, skipped = sorted_rows(scan(ctx.repo, partial(status_part, ctx.config, ctx.now), ctx.config, ctx.now,
                                     read=lean_document))

    def rich_table():  # noqa: ANN202 - a rich Table
        from escalation_desk.tracking.views import rows_table

        return rows_table(rows, ctx.now)

    table(title(ctx.now), HEADERS, NO_WRAP, [row.texts for row in rows], rich_table)
    return skipped


# --------------------------------------------------------------------------- log / resolve / brief

@click.command()
@click.argument("ident")
@click.argument("kind", type=click.Choice(["comm", "event", "stakeholder", "step"]))
@click.argument("text", required=False, default="")
@click.option("--channel", default="email", show_default=True, help="comm: email, phone, video, chat, …")
@click.option("--name", default="", help="stakeholder: who was notified.")
@click.option("--role", default="", help="stakeholder: their role (e.g. CS Director).")
@click.option("--owner", default="", help="step: who owns the step.")
@click.option("--due", type=click.DateTime(formats=["%Y-%m-%d"]), help="step: due date (YYYY-MM-DD).")
@pass_ctx
def log(ctx: Context, ident: str, kind: str, text: str, channel: str, name: str, role: str, owner: str,
        due: datetime | None) -> None:
    """Add a communication, timeline event, stakeholder or plan step, stamped at --now.

    \b
    Examples:
      esc log ESC-48213 comm --channel phone "Walked their admin through the workaround"
      esc log ESC-48213 event "Fix deployed to production"
      esc log ESC-48213 stakeholder --name "Priya Raman" --role "CS Director"
      esc log ESC-48213 step "Backfill missing records" --owner "Lee Park" --due 2026-11-28
    """
    from escalation_desk.tracking import actions, store

    located, updated = store.update(ctx.repo, ident, lambda doc: actions.log(
        doc, kind, ctx.now, text=text, channel=channel, name=name, role=role, owner=owner,
        due=due.date() if due else None))
    echo(f"{located.doc.path}: added {kind}")
    if kind == "comm":   # HEARD: what we just wrote to the customer, once, as it is written
        from escalation_desk.tracking.check_rules import heard_findings, new_comms

        for finding in heard_findings(updated, new_comms(updated, located.doc), ctx.config):
            echo(finding.text())


@click.command()
@click.argument("ident")
@click.option("--close", is_flag=True, help="Close instead of resolve (sets both times if missing).")
@pass_ctx
def resolve(ctx: Context, ident: str, close: bool) -> None:
    """Mark an escalation Resolved (or Closed) and write its dated Recovery Plan.

    \b
    Example:
      esc resolve ESC-48213
    """
    from escalation_desk.tracking import actions, store

    located, updated = store.update(ctx.repo, ident,
                                    lambda doc: actions.resolve(doc, ctx.config, ctx.now, close=close))
    echo(f"{located.doc.path}: {updated.front.status}; recovery plan:")
    for item in updated.recovery:
        echo(f"  [{'x' if item.done else ' '}] {item.name} — due {item.due.isoformat()}")
    from escalation_desk.tracking.check_rules import resolution_findings
    from escalation_desk.tracking.findings import sorted_findings
    from escalation_desk.tracking.postactions import thank_lines

    if any(not done for _, done in thank_lines(updated)):
        echo("Post-Escalation Actions: thank the team — recognise the people who dropped everything to fix it "
             "(tick `- [x] Thank the team` when done)")
    for finding in sorted_findings(resolution_findings(updated, ctx.config, ctx.now)):   # still missing to close the loop
        echo(finding.text())


@click.command()
@click.argument("ident")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file instead of stdout.")
@pass_ctx
def brief(ctx: Context, ident: str, out: Path | None) -> None:
    """Write the 5-minute executive brief for an escalation.

    \b
    Example:
      esc brief ESC-48213 --out brief.md
    """
    from escalation_desk.tracking import actions, store

    text = actions.brief(store.find(ctx.repo, ident).doc, ctx.config, ctx.now)
    if out:
        store.write_atomic(out, text)
        echo(f"wrote {out}")
    else:
        echo(text, nl=False)


@click.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write (default: escalations/index.json; - for stdout).")
@pass_ctx
def index(ctx: Context, out: Path | None) -> None:
    """Write escalations/index.json, the data the Zendesk sidebar reads (and, beside it,
    check-summary.json, what `esc check --base` reads of it).

    \b
    Example:
      esc index && git add escalations/index.json escalations/check-summary.json
    """
    from escalation_desk.tracking import store
    from escalation_desk.tracking.index import collect, index_part, index_pieces
    from escalation_desk.tracking.lean import lean_document
    from escalation_desk.tracking.scan import scan

    found = collect(scan(ctx.repo, partial(index_part, ctx.config, ctx.now, depth=2), ctx.config, ctx.now,
                         read=lean_document))
    pieces = index_pieces(found, ctx.config, ctx.now)
    if out is not None and str(out) == "-":
        echo_pieces(pieces, nl=False)
        return
    target = out or ctx.docs_dir / "index.json"
    store.write_atomic(target, pieces)
    if target.resolve() == (ctx.docs_dir / "index.json").resolve():   # the committed one: its check summary beside it
        from escalation_desk.gitrepo.reader import object_format
        from escalation_desk.tracking.checksummary import write_beside

        write_beside(target, (part.row for part in found.keys), object_format(ctx.docs_dir))
    skipped = len(found.skipped)
    echo(f"wrote {target} ({len(found.keys)} escalations"
         + (f"; {skipped} skipped: run `esc check`" if skipped else "") + ")")

