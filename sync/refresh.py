"""Keeping open pull requests current (`esc refresh-prs`, run by refresh-prs.yml on each push to
the default branch): the default branch is merged, with `esc merge-driver`, into every open
same-repository pull request that touches `escalations/`, and pushed — never forced — so
GitHub's merge button never meets a conflict the sync caused (the button and the merge queue
run no custom merge driver). A pull request from a fork is skipped and says why: this
workflow's token cannot push to a fork."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from escalation_desk import gitrepo
from escalation_desk.tracking.store import DOCS_DIR


@dataclass(frozen=True)
class Refreshed:
    number: int
    head: str
    outcome: str      # "pushed" | "up to date" | "untouched" | "fork" | "conflict" | "moved" | "gone"
    detail: str

    def line(self) -> str:
        return f"#{self.number} {self.head}: {self.detail}"


def refresh_pull_requests(root: Path, base: str, remote: str, pulls, author: str) -> list[Refreshed]:  # noqa: ANN001
    """`pulls`: the open pull requests into `base` (connectors.github.OpenPullRequest)."""
    repo = gitrepo.open_repo(root)
    start = gitrepo.current_branch(repo) or gitrepo.head_sha(repo)
    gitrepo.fetch(repo, remote, base)
    out = []
    try:
        for pull in pulls:
            out.append(_refresh(repo, pull, f"{remote}/{base}", remote, author))
    finally:
        if start:
            repo.git.checkout("-q", "-f", start)
    return out


def _refresh(repo, pull, base: str, remote: str, author: str) -> Refreshed:  # noqa: ANN001
    said = lambda outcome, detail: Refreshed(pull.number, pull.head_ref, outcome, detail)  # noqa: E731
    if not pull.same_repository:
        return said("fork", f"skipped: the branch is in the fork {pull.head_repository}, which this workflow's "
                            f"token cannot push to; its author merges {base.split('/', 1)[1]} into it")
    if not gitrepo.fetch(repo, remote, pull.head_ref):
        return said("gone", "skipped: the branch no longer exists")
    head = f"{remote}/{pull.head_ref}"
    if not gitrepo.changed_between(repo, base, head, DOCS_DIR):
        return said("untouched", f"skipped: it changes nothing in {DOCS_DIR}/")
    if gitrepo.is_ancestor(repo, base, head):
        return said("up to date", f"already has {base}")
    gitrepo.checkout_branch(repo, pull.head_ref, head)
    if not gitrepo.merge(repo, base, f"Merge {base.split('/', 1)[1]} into {pull.head_ref}", author):
        return said("conflict", "not updated: the same line or key was changed on both sides; "
                                "merge the default branch into it and resolve that line by hand")
    if not gitrepo.push(repo, remote, pull.head_ref):
        return said("moved", "not updated: someone pushed to it meanwhile; the next run merges again")
    return said("pushed", f"merged {base.split('/', 1)[1]} (esc merge-driver) and pushed")
