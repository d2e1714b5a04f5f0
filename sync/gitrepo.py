"""Every git operation of the product, in one module (gitpython).

Inherited ``GIT_*`` variables (set when esc runs inside a git hook or another tool)
are removed from the environment of every git call, so esc always acts on the
repository it was pointed at.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import git

from playbook.errors import DeskError

_KEEP = {"GIT_EXEC_PATH", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_SSL_CAINFO", "GIT_SSL_NO_VERIFY",
         "GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL",
         "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE", "GIT_TERMINAL_PROMPT"}


def clean_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k in _KEEP}


def open_repo(path: Path) -> git.Repo:
    try:
        repo = git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise DeskError(f"{path} is not inside a git repository", hint="run `git init` or pass --repo") from None
    for key in [k for k in os.environ if k.startswith("GIT_") and k not in _KEEP]:
        repo.git.update_environment(**{key: None})
    return repo


def init_repo(path: Path) -> git.Repo:
    path.mkdir(parents=True, exist_ok=True)
    repo = git.Repo.init(path, initial_branch="main")
    return repo


def resolve_base(repo: git.Repo, base: str) -> str:
    """The commit to compare against: the merge base of `base` and HEAD (what a PR changes)."""
    try:
        repo.commit(base)
    except (git.BadName, ValueError, git.GitCommandError):
        raise DeskError(f"--base {base!r} is not a commit or branch in {repo.working_tree_dir}",
                        hint="fetch it first (actions/checkout with fetch-depth: 0)") from None
    try:
        bases = repo.merge_base(base, "HEAD")
    except git.GitCommandError:
        bases = []
    return bases[0].hexsha if bases else repo.commit(base).hexsha


def show(repo: git.Repo, ref: str, relative_path: str) -> bytes | None:
    """A file's bytes at a revision, or None when it did not exist there."""
    try:
        blob = repo.commit(ref).tree / relative_path
    except KeyError:
        return None
    return blob.data_stream.read()


def relative(repo: git.Repo, path: Path) -> str:
    return Path(os.path.relpath(path.resolve(), Path(repo.working_tree_dir).resolve())).as_posix()


def history(repo: git.Repo, relative_path: str, max_count: int = 200) -> Iterator[tuple[git.Commit, bytes]]:
    """Each committed version of a file, newest first (for reports that need the truth over time)."""
    for commit in repo.iter_commits(paths=relative_path, max_count=max_count):
        try:
            yield commit, (commit.tree / relative_path).data_stream.read()
        except KeyError:
            continue


def versions_under(repo: git.Repo, folder: str, max_count: int = 10_000) -> Iterator[tuple[git.Commit, str, bytes]]:
    """Every committed version of every file under `folder` (repository-relative), newest commit first.

    One ``git log`` for the whole folder instead of one per file, so a report over a
    thousand documents stays one process. Deleted files and an empty repository yield nothing.
    """
    try:
        # core.quotePath off: a file name with an accent comes back as itself, not octal-quoted.
        log = repo.git.execute(["git", "-c", "core.quotePath=false", "log", f"--max-count={max_count}",
                                "--format=%x00%H", "--name-only", "--no-renames", "--", folder])
    except git.GitCommandError:  # no commits yet
        return
    for block in log.split("\x00")[1:]:
        sha, *paths = [line for line in block.splitlines() if line.strip()]
        commit = repo.commit(sha)
        for path in paths:
            try:
                yield commit, path, (commit.tree / path).data_stream.read()
            except KeyError:  # deleted in this commit
                continue


@contextmanager
def no_prompt() -> Iterator[None]:
    previous = os.environ.get("GIT_TERMINAL_PROMPT")
    os.environ["GIT_TERMINAL_PROMPT"] = "0"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("GIT_TERMINAL_PROMPT", None)
        else:
            os.environ["GIT_TERMINAL_PROMPT"] = previous
