"""`esc merge-driver`: the git merge driver for tracking documents (SPEC §3)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from escalation_desk.errors import DeskError

from .context import Context, pass_ctx
from .output import echo


@click.command("merge-driver")
@click.argument("base", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("ours", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("theirs", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("path", required=False, default="")
@pass_ctx
def merge_driver(ctx: Context, base: Path, ours: Path, theirs: Path, path: str) -> None:
    """Merge two versions of a tracking document the way git calls a merge driver
    (%O %A %B %P): the result is written over OURS; exit 0 when clean, 1 on a conflict.

    Front matter is merged key by key, entries are unioned in time order, and only the
    same human line or key changed two ways conflicts (marked as git does). A result with an
    `esc check` error neither side had is refused; a side that is no longer a readable
    document conflicts as a whole file. For escalations/check-summary.json (generated) the
    result is a summary marked stale, never a conflict: the next `esc index` or sync rewrites it.
    `esc init` registers it; by hand:

    \b
    Example:
      git config merge.escalation-desk.driver 'esc merge-driver %O %A %B %P'
      echo 'escalations/*.md merge=escalation-desk' >> .gitattributes
    """
    if Path(path).name == "check-summary.json":
        from escalation_desk.tracking.checksummary import merged_text

        ours.write_bytes(merged_text().encode("utf-8"))   # either side's header names an index the merge replaced
        sys.exit(0)
    from escalation_desk.config import Config
    from escalation_desk.tracking.merge import checker, merge_documents

    texts = []
    for name in (base, ours, theirs):
        try:
            texts.append(name.read_bytes().decode("utf-8"))
        except UnicodeDecodeError:
            echo(f"esc merge-driver: {path or ours}: not UTF-8 text; merge it by hand", err=True)
            sys.exit(1)
        except OSError as exc:
            raise DeskError(f"cannot read {name}: {exc.strerror or exc}") from None
    try:
        config = ctx.config
    except DeskError:
        config = Config()   # a broken escalations.toml must not stop a merge: the playbook defaults check it
    shown = path or str(ours)
    result = merge_documents(shown, *texts, validate=checker(config, ctx.now))
    ours.write_bytes(result.text.encode("utf-8"))
    for line, what in result.conflicts:
        echo(f"esc merge-driver: {shown}:{line}: conflict: {what}", err=True)
    for finding in result.refused:
        echo(f"esc merge-driver: refused, the merge would fail `esc check`: {finding.text()}", err=True)
    sys.exit(0 if result.clean else 1)


@click.command("refresh-prs")
@click.option("--base", metavar="BRANCH", help="The default branch to merge into the pull requests (default: the "
              "branch checked out).")
@click.option("--remote", default="origin", show_default=True)
@pass_ctx
def refresh_prs(ctx: Context, base: str | None, remote: str) -> None:
    """Merge the default branch into every open same-repository pull request that touches
    escalations/ (with esc merge-driver) and push, never forced; pull requests from forks are
    skipped with the reason. Needs GITHUB_TOKEN (contents: write, pull-requests: read) and
    GITHUB_REPOSITORY; refresh-prs.yml runs it on each push to the default branch.

    \b
    Example:
      esc refresh-prs --base main
    """
    import os

    from escalation_desk import gitrepo
    from escalation_desk.connectors.github import GitHubClient
    from escalation_desk.sync.refresh import refresh_pull_requests

    repo = gitrepo.open_repo(ctx.repo)
    base = base or gitrepo.current_branch(repo)
    if not base:
        raise DeskError("HEAD is detached: which branch do the pull requests merge into?", hint="pass --base main")
    pulls = GitHubClient.from_env().open_pull_requests(base)
    results = refresh_pull_requests(ctx.repo, base, remote, pulls, ctx.config.sync.commit_author)
    for result in results:
        echo(result.line())
    echo(f"{len(results)} open pull request(s) into {base}: "
               f"{sum(r.outcome == 'pushed' for r in results)} brought up to date")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and os.environ.get("GITHUB_ACTIONS") == "true":
        with open(summary, "a", encoding="utf-8") as out:
            out.write("### Pull requests kept current\n\n" + "".join(f"- {r.line()}\n" for r in results))
    if any(r.outcome == "conflict" for r in results):
        sys.exit(1)
