"""`esc`: the Escalation Desk command line.

Thin on purpose: each command parses its options, calls one library function, and
formats what comes back. Failures a user can cause (DeskError) end in one line on
stderr and exit status 2; `esc check` exits 1 when a document has an error; anything
unexpected says so and where the traceback was written.
"""

from __future__ import annotations

import errno
import json
import os
import sys
import tempfile
import traceback
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import click

from playbook.config import DEFAULT_CONFIG_NAME, SEVERITIES, Config, load_config
from playbook.errors import DeskError


@dataclass
class Context:
    repo: Path
    now: datetime
    config_path: Path
    _config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.config_path, required=self.config_path.name != DEFAULT_CONFIG_NAME)
        return self._config

    @property
    def docs_dir(self) -> Path:
        return self.repo / "escalations"


def _parse_now(value: str | None) -> datetime:
    if not value:
        return datetime.now(timezone.utc).replace(microsecond=0)
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 time, e.g. 2026-11-26T12:00:00Z",
                                 param_hint="'--now'") from None
    if parsed.tzinfo is None:
        raise click.BadParameter(f"{value!r} has no time zone; add Z or an offset such as +01:00",
                                 param_hint="'--now'")
    return parsed.astimezone(timezone.utc)


def console():
    """A rich console: colours on a terminal, plain and wide enough in CI and pipes."""
    from rich.console import Console

    return Console(width=None if sys.stdout.isatty() else 160, no_color=in_ci() or not sys.stdout.isatty(),
                   highlight=False)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true") or os.environ.get("GITHUB_ACTIONS") == "true"


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--repo", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True,
              help="The documents repository.")
@click.option("--now", "now_text", metavar="ISO8601", help="The time the clocks use (default: now).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help=f"Configuration file (default: {DEFAULT_CONFIG_NAME} in the repository).")
@click.version_option(package_name="escalation-desk", prog_name="esc")
@click.pass_context
def cli(ctx: click.Context, repo: Path, now_text: str | None, config_path: Path | None) -> None:
    """Escalation Desk: customer escalations as Markdown documents in git.

    \b
    Example:
      esc check                       # every document in ./escalations
      esc --now 2026-11-26T12:00:00Z status
    """
    ctx.obj = Context(repo=repo, now=_parse_now(now_text), config_path=config_path or repo / DEFAULT_CONFIG_NAME)


pass_ctx = click.make_pass_decorator(Context)


# --------------------------------------------------------------------------- check

@cli.command()
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
    from tracking.checking import run_check
    from tracking.formats import as_github, as_json, as_text, summary_markdown

    targets = list(paths) or [ctx.docs_dir]
    if not paths and not ctx.docs_dir.is_dir():
        raise DeskError(f"{ctx.docs_dir} does not exist", hint="run `esc init` or pass files to check")
    reader: Callable[[str], bytes | None] | None = None
    if base:
        from sync import gitrepo

        repo = gitrepo.open_repo(ctx.repo)
        base_sha = gitrepo.resolve_base(repo, base)

        def read_base(shown: str) -> bytes | None:
            return gitrepo.show(repo, base_sha, gitrepo.relative(repo, ctx.repo / shown))

        reader = read_base
    result = run_check(targets, ctx.repo, ctx.config, ctx.now, base=reader,
                       collection_scope=[ctx.docs_dir] if ctx.docs_dir.is_dir() else None)
    if fmt == "json":
        click.echo(as_json(result.findings, result.files), nl=False)
    else:
        render = as_github if fmt == "github" else as_text
        for finding in result.findings:
            click.echo(render(finding))
        click.echo(f"{result.files} document(s) checked: {result.errors} error(s), {result.warnings} warning(s)",
                   err=fmt == "github")
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and summary_file:
        with open(summary_file, "a", encoding="utf-8") as out:
            out.write(summary_markdown(result.findings, result.files))
    sys.exit(1 if result.errors else 0)


# --------------------------------------------------------------------------- new

@cli.command()
@click.option("--customer", required=True, help="Customer (account) name.")
@click.option("--severity", type=click.Choice(SEVERITIES), required=True)
@click.option("--owner", required=True, help="Who owns the escalation until it is resolved.")
@click.option("--title", required=True, help="What happened, in a few words.")
@click.option("--ticket", type=int, multiple=True, help="Zendesk ticket number(s); the first gives the ID.")
@click.option("--summary", default="", help="The Issue Summary paragraph.")
@click.option("--category", help="Category for recurring-problem detection (e.g. integration).")
@click.option("--id", "ident", help="Use this ID instead of a generated one.")
@pass_ctx
def new(ctx: Context, customer: str, severity: str, owner: str, title: str, ticket: tuple[int, ...],
        summary: str, category: str | None, ident: str | None) -> None:
    """Start a tracking document from the template, with a collision-free ID.

    \b
    Example:
      esc new --customer "Acme Corp" --severity SEV-2 --owner "Dana Whitfield" \\
              --title "Salesforce sync stopped" --ticket 48213
    """
    from tracking import store
    from tracking.render import document_filename, new_document

    existing = {d.id for d in store.load_all(ctx.repo) if d.id}
    ident = ident.upper() if ident else store.new_id(existing, ctx.now, ctx.config.sync.id_prefix,
                                                     ticket[0] if ticket else None)
    if ident in existing:
        raise DeskError(f"{ident} already exists", hint="choose another --id")
    fields = {"id": ident, "customer": customer, "severity": severity, "status": "Open", "owner": owner,
              "opened": ctx.now, "zendesk_tickets": list(ticket), "category": category}
    try:
        text = new_document(fields, title=title, summary=summary)
    except ValueError as exc:
        raise DeskError(f"cannot create the document: {exc}") from None
    path = ctx.docs_dir / document_filename(ident, customer, title)
    store.write_atomic(path, text)
    click.echo(f"created {store.display_path(path, ctx.repo)} ({ident}, {severity}); acknowledge within "
               f"{ctx.config.severity(severity).ack.total_seconds() / 60:.0f} min: esc log {ident} comm \"…\"")


# --------------------------------------------------------------------------- status

@cli.command()
@click.argument("ident", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the index record(s) as JSON.")
@pass_ctx
def status(ctx: Context, ident: str | None, as_json: bool) -> None:
    """Show escalations with their next deadline and anything overdue.

    \b
    Examples:
      esc status
      esc status ESC-48213 --json
    """
    from tracking import store
    from tracking.index import build_index
    from tracking.views import status_detail, status_table

    docs = [store.find(ctx.repo, ident).doc] if ident else store.load_all(ctx.repo)
    broken = [d.path for d in docs if d.front is None]
    records = build_index(docs, ctx.config, ctx.now)["escalations"]
    if as_json:
        click.echo(json.dumps(records[0] if ident else records, indent=2))
        return
    console().print(status_detail(records[0], ctx.now) if ident else status_table(records, ctx.now))
    if broken:
        click.echo(f"{len(broken)} document(s) skipped because they do not parse; run `esc check`.", err=True)


# --------------------------------------------------------------------------- log / resolve / brief

@cli.command()
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
    from tracking import actions, store

    located = store.find(ctx.repo, ident)
    updated = actions.log(located.doc, kind, ctx.now, text=text, channel=channel, name=name, role=role,
                          owner=owner, due=due.date() if due else None)
    store.write_atomic(located.path, updated.text)
    click.echo(f"{located.doc.path}: added {kind}")


@cli.command()
@click.argument("ident")
@click.option("--close", is_flag=True, help="Close instead of resolve (sets both times if missing).")
@pass_ctx
def resolve(ctx: Context, ident: str, close: bool) -> None:
    """Mark an escalation Resolved (or Closed) and write its dated Recovery Plan.

    \b
    Example:
      esc resolve ESC-48213
    """
    from tracking import actions, store

    located = store.find(ctx.repo, ident)
    updated = actions.resolve(located.doc, ctx.config, ctx.now, close=close)
    store.write_atomic(located.path, updated.text)
    click.echo(f"{located.doc.path}: {updated.front.status}; recovery plan:")
    for item in updated.recovery:
        click.echo(f"  [{'x' if item.done else ' '}] {item.name} — due {item.due.isoformat()}")


@cli.command()
@click.argument("ident")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file instead of stdout.")
@pass_ctx
def brief(ctx: Context, ident: str, out: Path | None) -> None:
    """Write the 5-minute executive brief for an escalation.

    \b
    Example:
      esc brief ESC-48213 --out brief.md
    """
    from tracking import actions, store

    text = actions.brief(store.find(ctx.repo, ident).doc, ctx.config, ctx.now)
    if out:
        store.write_atomic(out, text)
        click.echo(f"wrote {out}")
    else:
        click.echo(text, nl=False)


@cli.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write (default: escalations/index.json; - for stdout).")
@pass_ctx
def index(ctx: Context, out: Path | None) -> None:
    """Write escalations/index.json, the data the Zendesk sidebar reads.

    \b
    Example:
      esc index && git add escalations/index.json
    """
    from tracking import store
    from tracking.index import build_index, dumps

    docs = store.load_all(ctx.repo)
    text = dumps(build_index(docs, ctx.config, ctx.now))
    if out is not None and str(out) == "-":
        click.echo(text, nl=False)
        return
    target = out or ctx.docs_dir / "index.json"
    store.write_atomic(target, text)
    skipped = sum(1 for d in docs if d.front is None)
    click.echo(f"wrote {target} ({len(docs) - skipped} escalations"
               + (f"; {skipped} skipped: run `esc check`" if skipped else "") + ")")


@cli.group()
def sidebar() -> None:
    """The Zendesk ticket-sidebar app (see sidebar/ and the README)."""


@sidebar.command("package")
@click.option("--out", type=click.Path(path_type=Path), default=Path("."), show_default=True,
              help="The zip file to write, or a folder to write it in.")
@click.option("--allow-domain", "domains", multiple=True, metavar="HOST",
              help="Extra host for the manifest's domainWhitelist (GitHub Enterprise Server).")
def sidebar_package(out: Path, domains: tuple[str, ...]) -> None:
    """Validate the sidebar app and write the zip Zendesk's upload accepts.

    \b
    Example:
      esc sidebar package --out dist/
    """
    from sidebar.package import build_package

    path = build_package(out, extra_domains=domains)
    click.echo(f"wrote {path} — upload it in Zendesk Admin Center → Apps and integrations → "
               "Zendesk Support apps → Upload private app")


# --------------------------------------------------------------------------- overdue / init

@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the overdue items (and issue actions) as JSON.")
@click.option("--raise-issues", is_flag=True,
              help="Open, update and close one GitHub issue per escalation with something overdue "
                   "(needs GITHUB_TOKEN, GITHUB_REPOSITORY; GITHUB_API_URL for GitHub Enterprise).")
@click.option("--fail-on-overdue", is_flag=True, help="Exit 1 when anything is overdue (for a red job).")
@pass_ctx
def overdue(ctx: Context, as_json: bool, raise_issues: bool, fail_on_overdue: bool) -> None:
    """List what is past due now: acknowledgements, action plans, leaders notified, customer
    updates, executive sponsor follow-ups and (for resolved escalations) recovery milestones,
    each with how late it is and who owns it. Exits 0 either way unless --fail-on-overdue.

    \b
    Examples:
      esc overdue
      esc --now 2026-11-24T15:00:00Z overdue --json
      esc overdue --raise-issues          # the scheduled overdue.yml workflow
    """
    from sync.overdue import as_dict, as_lines, load_report, summary_markdown

    report = load_report(ctx.repo, ctx.config, ctx.now)
    issues = None
    if raise_issues:
        from connectors.github import GitHubClient
        from sync.overdue_issues import raise_issues as sync_issues

        issues = sync_issues(report, GitHubClient.from_env(), ctx.config)
    if as_json:
        data = as_dict(report, ctx.config)
        if issues is not None:
            data["issues"] = issues.as_dict()
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        for line in as_lines(report) + (issues.lines() if issues is not None else []):
            click.echo(line)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file and os.environ.get("GITHUB_ACTIONS") == "true":
        with open(summary_file, "a", encoding="utf-8") as out:
            out.write(summary_markdown(report))
    sys.exit(1 if fail_on_overdue and report.escalations else 0)


@cli.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@pass_ctx
def init(ctx: Context, directory: Path | None) -> None:
    """Make a documents repository ready: escalations/, escalations.toml with every default,
    the GitHub workflows (check, sync, overdue), .gitattributes and a README section for
    CSMs. Safe to re-run: a file a person changed is kept, never overwritten.

    \b
    Examples:
      esc init                      # the current directory (or --repo)
      esc init ../acme-escalations
    """
    from sync.bootstrap import init_repository

    result = init_repository(directory or ctx.repo)
    for line in result.lines():
        click.echo(line)


# --------------------------------------------------------------------------- report

@cli.command()
@click.option("--since", metavar="SPAN|DATE", help="Start of the window: 30d, 12w, 2026-09-01 or an ISO time "
              "(default: 90d before --now).")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]),
              help="Print the dashboard (markdown) or the metrics (json) to stdout instead of writing the README.")
@click.option("--html", "html_dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Also write a self-contained page, DIR/index.html (charts as inline SVG).")
@pass_ctx
def report(ctx: Context, since: str | None, fmt: str | None, html_dir: Path | None) -> None:
    """How are we doing? Open escalations, SLA attainment, overdue, fatigue, recurring problems, advocacy.

    Writes the dashboard escalations/README.md (Mermaid charts GitHub renders).

    \b
    Examples:
      esc report
      esc report --since 30d --format json
      esc --now 2026-11-26T14:00:00Z report --html site/
    """
    from report.dashboard import render_dashboard
    from report.run import build_report, save_dashboard, write_html
    from report.serialize import dumps
    from tracking import store

    if not ctx.docs_dir.is_dir():
        raise DeskError(f"{ctx.docs_dir} does not exist", hint="run `esc init` or pass --repo")
    result = build_report(ctx.repo, ctx.config, ctx.now, since)
    if fmt == "json":
        click.echo(dumps(result), nl=False)
    elif fmt == "markdown":
        click.echo(render_dashboard(result, ctx.config), nl=False)
    else:
        path = save_dashboard(result, ctx.config, ctx.repo)
        kept = result.attainment_of("acknowledgement").rate
        click.echo(f"wrote {store.display_path(path, ctx.repo)}: {result.open_total} open, {len(result.overdue)} "
                   f"overdue, acknowledged within SLA {kept.met} of {kept.decided}")
    if html_dir is not None:
        page = write_html(result, ctx.config, html_dir)
        click.echo(f"wrote {page}", err=fmt is not None)


# --------------------------------------------------------------------------- sync / demo / sandbox

@cli.command("sync")
@click.option("--dry-run", is_flag=True, help="Show the diff it would commit; write, commit and send nothing.")
@click.option("--push", is_flag=True, help="Push the commit; if someone pushed meanwhile, re-sync on top and retry.")
@click.option("--pr", "pull_request", is_flag=True,
              help="Commit to the sync branch (sync.branch) and keep one pull request up to date.")
@click.option("--remote", default="origin", show_default=True, help="The git remote to push to.")
@click.option("--quiet", "-q", is_flag=True, help="No progress output, only the summary.")
@pass_ctx
def sync_command(ctx: Context, dry_run: bool, push: bool, pull_request: bool, remote: str, quiet: bool) -> None:
    """Pull escalated tickets from Zendesk and account facts from Salesforce into the documents.

    Creates and updates escalations/*.md, writes the status back to the tickets (tags and
    one private note), regenerates escalations/index.json and commits once. Connection
    settings come from ZENDESK_* and SF_* environment variables only.

    \b
    Examples:
      esc sync --dry-run
      esc sync --push            # the scheduled GitHub Actions job
      esc sync --pr              # changes go through one rolling pull request
    """
    from sync.report import RichProgress, console_progress, summary_lines
    from sync.run import SyncOptions, run_sync

    progress = console_progress(quiet, in_ci())
    try:
        result = run_sync(SyncOptions(ctx.repo, ctx.config, ctx.now, dry_run=dry_run,
                                      push=push or ctx.config.sync.push,
                                      pull_request=pull_request or ctx.config.sync.pull_request,
                                      remote=remote, progress=progress))
    finally:
        if isinstance(progress, RichProgress):
            progress.close()
    if result.diff:
        click.echo(result.diff, nl=False)
    lines = summary_lines(result)
    for line in lines:
        click.echo(line)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file and not dry_run:
        with open(summary_file, "a", encoding="utf-8") as out:
            out.write("### Escalation Desk sync\n\n```\n" + "\n".join(lines) + "\n```\n")


@cli.command()
@click.option("--into", type=click.Path(file_okay=False, path_type=Path),
              help="Create the demo repository here (a new or empty folder; default: a temporary folder).")
@click.option("--tickets", type=click.IntRange(30, 20000), default=240, show_default=True,
              help="How many tickets the sandbox Zendesk holds.")
def demo(into: Path | None, tickets: int) -> None:
    """See the whole flow in a minute, offline: sandbox → sync → documents → status.

    Starts local Zendesk and Salesforce emulators with a fictional customer base, syncs
    them into a fresh git repository and shows the escalations and what is overdue.

    \b
    Examples:
      esc demo
      esc demo --into ./demo-escalations
    """
    from rich.text import Text

    from playbook.durations import format_duration
    from sync.demo import run_demo
    from sync.report import console_progress, summary_lines
    from tracking.views import status_table

    result = run_demo(into, tickets, progress=console_progress(False, True), say=click.echo)
    for line in summary_lines(result.sync):
        click.echo(line)
    out = console()
    out.print(status_table(result.records, result.now))
    if result.overdue:
        late: dict[str, list[str]] = {}
        for ident, what, due in result.overdue:
            late.setdefault(ident, []).append(f"{what} ({format_duration(result.now - due)} late)")
        out.print(Text(f"Overdue as of {result.now:%Y-%m-%d %H:%M} UTC ({len(result.overdue)} items, "
                       f"{len(late)} escalations):", style="bold red"))
        for ident, items in late.items():
            out.print(f"  {ident}: " + "; ".join(items))
    else:
        out.print("Nothing is overdue.")
    now = result.now.strftime("%Y-%m-%dT%H:%M:%SZ")
    example = result.sync.created[0] if result.sync.created else "escalations/"
    click.echo("\nWhere to look next:")
    click.echo(f"  {result.repo / example}      a tracking document")
    click.echo(f"  git -C {result.repo} log --stat           the sync's commit")
    click.echo(f"  esc --repo {result.repo} --now {now} status")
    click.echo(f"  esc --repo {result.repo} --now {now} check")
    click.echo(f"  esc --repo {result.repo} --now {now} brief {result.records[0]['id'] if result.records else 'ESC-…'}")


@cli.group("sandbox")
def sandbox_group() -> None:
    """Local emulators of the Zendesk, Salesforce and GitHub APIs (for trying things out)."""


@sandbox_group.command("serve")
@click.option("--port", type=click.IntRange(1, 65533), help="Zendesk's port; GitHub +1, Salesforce +2 (default: free ports).")
@click.option("--tickets", type=click.IntRange(30, 100000), default=240, show_default=True)
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--fault", "faults", multiple=True, metavar="API:KIND[:OPT=VALUE]",
              help="Inject a fault, e.g. zendesk:429:times=3, salesforce:expire:after=5 (repeatable).")
def sandbox_serve(port: int | None, tickets: int, seed: int, faults: tuple[str, ...]) -> None:
    """Run the sandbox in the foreground and print the environment to point `esc` at it.

    \b
    Example:
      esc sandbox serve --port 8700 --fault zendesk:429:times=2
      # in another shell: paste the export lines, then `esc sync --dry-run`
    """
    from sandbox.serve import FaultSpecError, serve

    try:
        code = serve(port, tickets, seed, faults)
    except FaultSpecError as exc:
        raise DeskError(str(exc)) from None
    except OSError as exc:
        raise DeskError(f"cannot start the sandbox: {exc.strerror or exc}", hint="choose another --port") from None
    sys.exit(code)


# --------------------------------------------------------------------------- entry point

def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="esc", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "esc"
        click.echo(f"esc: error: {exc.format_message()} (see `{command} --help`)", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"esc: error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("esc: aborted", err=True)
        sys.exit(130)
    except DeskError as exc:
        click.echo(f"esc: error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("esc: interrupted", err=True)
        sys.exit(130)
    except OSError as exc:
        if exc.filename is None or exc.errno not in _USER_OS_ERRORS:
            _crash(exc)
        click.echo(f"esc: error: cannot use {exc.filename}: {exc.strerror}", err=True)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a raw traceback
        _crash(exc)


# A file or folder the user pointed at (or the disk it is on) refused: one line, not a crash.
_USER_OS_ERRORS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.ENOTDIR,
                   errno.EISDIR, errno.ENOENT, errno.EEXIST, errno.ENAMETOOLONG, errno.ELOOP}


def _crash(exc: BaseException) -> None:
    handle, log_path = tempfile.mkstemp(prefix="esc-crash-", suffix=".log")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(traceback.format_exc())
    click.echo(f"esc: unexpected error ({type(exc).__name__}); details in {log_path}", err=True)
    sys.exit(3)


if __name__ == "__main__":
    main()
