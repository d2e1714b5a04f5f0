"""Commands that reach outside the documents: sync, overdue, init, report, demo, the sandbox
and the sidebar package."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from escalation_desk.errors import DeskError

from .context import Context, console, in_ci, pass_ctx, step_summary
from .output import echo, echo_pieces
from .demo import demo  # noqa: F401 - `esc demo` lives in commands/demo.py


@click.group()
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
    from escalation_desk.sidebar.package import build_package

    path = build_package(out, extra_domains=domains)
    echo(f"wrote {path} — upload it in Zendesk Admin Center → Apps and integrations → "
               "Zendesk Support apps → Upload private app")


# --------------------------------------------------------------------------- overdue / init

@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the overdue items (and issue actions) as JSON.")
@click.option("--raise-issues", is_flag=True,
              help="Open, update and close one GitHub issue per escalation with something overdue "
                   "(needs GITHUB_TOKEN, GITHUB_REPOSITORY; GITHUB_API_URL for GitHub Enterprise).")
@click.option("--fail-on-overdue", is_flag=True, help="Exit 1 when anything is overdue (for a red job).")
@click.option("--due-within", metavar="DURATION",
              help="List what falls due within DURATION (e.g. 2h, 1d) instead of what is past its warning time; "
                   "0m lists only what is overdue.")
@pass_ctx
def overdue(ctx: Context, as_json: bool, raise_issues: bool, fail_on_overdue: bool, due_within: str | None) -> None:
    """List what is past due now, and what is due soon: acknowledgements, action plans,
    leaders notified, customer updates, executive sponsor follow-ups, plan steps, target
    resolutions, promised updates and (for resolved escalations) recovery milestones, each
    with how late it is (or how soon it is due) and who owns it. A deadline is due soon
    once it is past its warning time (a quarter of its time left by default). Exits 0
    either way unless --fail-on-overdue (which counts only what is overdue); exits 2, after
    listing (and raising) everything else, when a document does not parse: nobody would be
    watching its deadlines.

    \b
    Examples:
      esc overdue
      esc overdue --due-within 2h         # and everything due in the next two hours
      esc --now 2026-11-24T15:00:00Z overdue --json
      esc overdue --raise-issues          # the scheduled overdue.yml workflow
    """
    from escalation_desk.overdue.items import as_dict, as_lines, load_overdue, summary_markdown
    from escalation_desk.playbook.durations import parse_duration

    try:
        window = parse_duration(due_within) if due_within is not None else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--due-within") from None
    if not raise_issues and os.environ.get("GITHUB_ACTIONS") != "true":   # the list as it comes, held on disk
        from escalation_desk.overdue.stream import json_pieces, lines_pieces, stream_overdue

        found = stream_overdue(ctx.repo, ctx.config, ctx.now, window, "json" if as_json else "lines")
        echo_pieces(json_pieces(found, ctx.config) if as_json else lines_pieces(found), nl=as_json)
        _refuse_unwatched(found.broken)
        sys.exit(1 if fail_on_overdue and found.overdue_count else 0)
    report = load_overdue(ctx.repo, ctx.config, ctx.now, window)
    issues = None
    if raise_issues:
        from escalation_desk.connectors.github import GitHubClient
        from escalation_desk.overdue.issues import raise_issues as sync_issues

        issues = sync_issues(report, GitHubClient.from_env(), ctx.config)
    if as_json:
        data = as_dict(report, ctx.config)
        if issues is not None:
            data["issues"] = issues.as_dict()
        echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        for line in as_lines(report) + (issues.lines() if issues is not None else []):
            echo(line)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        step_summary(summary_markdown(report))
    _refuse_unwatched(report.broken)
    sys.exit(1 if fail_on_overdue and report.overdue_escalations else 0)


def _refuse_unwatched(broken: list[str]) -> None:
    """Documents that do not parse have deadlines nobody watches: a red job, not a quiet line
    (after everything else was listed and raised)."""
    if broken:
        shown = ", ".join(sorted(broken)[:3]) + (" …" if len(broken) > 3 else "")
        echo(f"esc: error: {len(broken)} document(s) do not parse, so nothing of theirs is watched: "
             f"{shown}; run `esc check` and fix them", err=True)
        sys.exit(2)


@click.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@pass_ctx
def init(ctx: Context, directory: Path | None) -> None:
    """Make a documents repository ready: escalations/, escalations.toml with every default,
    the GitHub workflows (check, sync, overdue, refresh-prs), .gitattributes and a README section for
    CSMs. Safe to re-run: a file a person changed is kept, never overwritten.

    \b
    Examples:
      esc init                      # the current directory (or --repo)
      esc init ../acme-escalations
    """
    from escalation_desk.bootstrap.init import init_repository

    result = init_repository(directory or ctx.repo)
    for line in result.lines():
        echo(line)


@click.command()
@click.option("--pr", "pull_request", is_flag=True,
              help="Also check that GitHub Actions may open the sync's pull request (as `esc sync --pr` needs).")
@pass_ctx
def doctor(ctx: Context, pull_request: bool) -> None:
    """Check everything a first run needs, against the configured services: the variables,
    Zendesk auth and permissions, the Salesforce fields (describe), the GitHub token's access
    to GITHUB_REPOSITORY, the Actions pull-request setting (--pr), the roster's GitHub logins
    and the business hours. One line per item, with the fix for each failure; exits 1 when
    anything would stop the sync or the overdue job.

    \b
    Examples:
      esc doctor
      esc doctor --pr          # the sync keeps a rolling pull request
    """
    from escalation_desk.bootstrap.doctor import run_doctor

    checks = run_doctor(ctx.config, pull_request=pull_request)
    for check in checks:
        mark = "ok  " if check.ok else ("FAIL" if check.blocker else "warn")
        line = f"{mark}  {check.item}: {check.detail}"
        echo(line + (f" — fix: {check.fix}" if not check.ok and check.fix else ""))
    blockers = [c for c in checks if c.failed_blocker]
    echo(f"{len(checks) - len([c for c in checks if not c.ok])} of {len(checks)} checks passed"
               + (f"; {len(blockers)} blocker(s)" if blockers else ""))
    sys.exit(1 if blockers else 0)


# --------------------------------------------------------------------------- report

@click.command()
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
    from escalation_desk.report.dashboard import dashboard_pieces
    from escalation_desk.report.run import build_report, save_dashboard, write_html
    from escalation_desk.report.serialize import chunks
    from escalation_desk.tracking import store

    if not ctx.docs_dir.is_dir():
        raise DeskError(f"{ctx.docs_dir} does not exist", hint="run `esc init` or pass --repo")
    result = build_report(ctx.repo, ctx.config, ctx.now, since, records=fmt == "json")
    if fmt == "json":
        for text in chunks(result):   # streamed: at 10,000 escalations it is tens of MB
            echo(text, nl=False)
    elif fmt == "markdown":
        echo_pieces(dashboard_pieces(result, ctx.config), nl=False)   # streamed, as the JSON
    else:
        path = save_dashboard(result, ctx.config, ctx.repo)
        kept = result.attainment_of("acknowledgement").rate
        echo(f"wrote {store.display_path(path, ctx.repo)}: {result.open_total} open, {len(result.overdue)} "
                   f"overdue, acknowledged within SLA {kept.met} of {kept.decided}")
    if html_dir is not None:
        page = write_html(result, ctx.config, html_dir)
        echo(f"wrote {page}", err=fmt is not None)


# --------------------------------------------------------------------------- sync / demo / sandbox

@click.command("sync")
@click.option("--dry-run", is_flag=True, help="Show the diff it would commit; write, commit and send nothing.")
@click.option("--push", is_flag=True,
              help="Push the commit (what the scheduled sync.yml runs; or sync.push = true); if someone pushed "
                   "meanwhile, re-sync on top and retry. With --pr or sync.pull_request = true the commit goes "
                   "to the rolling pull request instead.")
@click.option("--pr", "pull_request", is_flag=True,
              help="Commit to the sync branch (sync.branch), push it and keep one pull request up to date "
                   "(or sync.pull_request = true; wins over --push).")
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
    from escalation_desk.progress import console_progress, summary_lines
    from escalation_desk.sync.run import SyncOptions, run_sync

    with console_progress(quiet, in_ci()) as progress:
        result = run_sync(SyncOptions(ctx.repo, ctx.config, ctx.now, dry_run=dry_run,
                                      push=push or ctx.config.sync.push,
                                      pull_request=pull_request or ctx.config.sync.pull_request,
                                      remote=remote, progress=progress))
    if result.diff:
        echo(result.diff, nl=False)
    lines = summary_lines(result)
    for line in lines:
        echo(line)
    if result.commit and not result.pushed and os.environ.get("GITHUB_ACTIONS") == "true":
        lines.append("warning: the commit was not pushed and is lost with this runner: run `esc sync --push` "
                     "(or set sync.push / sync.pull_request in escalations.toml)")
        echo(lines[-1], err=True)
    if not dry_run:
        step_summary("### Escalation Desk sync\n\n```\n" + "\n".join(lines) + "\n```\n")


@click.group("sandbox")
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
    from escalation_desk.sandbox.serve import FaultSpecError, serve

    try:
        code = serve(port, tickets, seed, faults)
    except FaultSpecError as exc:
        raise DeskError(str(exc)) from None
    except OSError as exc:
        raise DeskError(f"cannot start the sandbox: {exc.strerror or exc}", hint="choose another --port") from None
    sys.exit(code)


