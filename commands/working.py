"""Working where people are: `esc notify` (tell the leaders, record it) and `esc comment`
(apply an `/esc …` command from a GitHub issue comment)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .context import Context, pass_ctx
from .output import echo


@click.command()
@click.option("--dry-run", is_flag=True, help="Say who would be told; send and record nothing.")
@click.option("--push", is_flag=True, help="Push the commit that records the notifications (merging what others pushed).")
@click.option("--remote", default="origin", show_default=True, help="The git remote for --push.")
@pass_ctx
def notify(ctx: Context, dry_run: bool, push: bool, remote: str) -> None:
    """Tell the people the playbook names — escalation declared, tier raised, a deadline due
    soon or overdue, resolved — through the channels in [notify] (Apprise URLs from
    environment variables; `github` @-mentions on a SEV-1/2 declaration issue), and record
    each delivery in Internal Stakeholders Notified, in one commit. Never tells anyone twice;
    a failed delivery is retried, reported, not recorded, and makes the exit code 1.

    \b
    Examples:
      ESC_NOTIFY_SLACK='mmost://chat.example.com/hook-token' esc notify
      esc notify --dry-run
      esc notify --push          # after the scheduled sync
    """
    from escalation_desk.notify.run import NotifyOptions, run_notify

    result = run_notify(NotifyOptions(ctx.repo, ctx.config, ctx.now, os.environ, dry_run=dry_run, push=push,
                                      remote=remote))
    if not ctx.config.notify.enabled:
        echo("notify: no [notify.routes] in the configuration; nobody to tell (see the README)")
        return
    for line in result.lines():
        echo(line)
    sys.exit(1 if result.failures else 0)


@click.command()
@click.option("--event", "event_path", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="The issue_comment event payload (default: $GITHUB_EVENT_PATH).")
@click.option("--push", is_flag=True, help="Push the commit (merging what others pushed).")
@click.option("--remote", default="origin", show_default=True, help="The git remote for --push.")
@pass_ctx
def comment(ctx: Context, event_path: Path | None, push: bool, remote: str) -> None:
    """Apply an `/esc …` command from a comment on an escalation's GitHub issue: `notified`,
    `step`, `target`, `sponsor`, `cadence`, `snooze` (see the README). Only repository
    collaborators count; the commit's author is the commenter; the comment gets a 👍, or a
    reply saying what was wrong. Run by the esc-command.yml workflow on issue_comment.

    \b
    Example:
      esc comment --event "$GITHUB_EVENT_PATH" --push
    """
    from escalation_desk.connectors.github import GitHubClient
    from escalation_desk.errors import DeskError
    from escalation_desk.record.github_comment import apply_comment, read_event

    given = event_path or (Path(os.environ["GITHUB_EVENT_PATH"]) if os.environ.get("GITHUB_EVENT_PATH") else None)
    if given is None:
        raise DeskError("no event file", hint="pass --event FILE (the issue_comment payload)")
    event = read_event(given)
    result = apply_comment(ctx.repo, ctx.config, event, GitHubClient.from_env(), push=push, remote=remote)
    echo(result.line())
