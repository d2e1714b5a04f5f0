"""Every git operation of the product, in one package: plain ``git`` processes for reading
(:class:`Reader`), GitPython for writing (the sync).

Inherited ``GIT_*`` variables (set when esc runs inside a git hook or another tool)
are removed from the environment of every git call, so esc always acts on the
repository it was pointed at.
"""

from __future__ import annotations

import os
from datetime import datetime
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from escalation_desk.errors import DeskError

from ._common import (clean_environment, drop_inherited_variables, inherited_variables_removed,  # noqa: F401
                      no_prompt, one_line)
from .reader import FileVersion, Reader, blob_sha, object_format  # noqa: F401 - the package's reading side


class _GitPython:
    """GitPython, imported on first use: reading (:class:`Reader`) never needs it, and
    importing it costs more start-up than a whole `esc check` of one file."""

    def __getattr__(self, name: str):
        import git as gitpython

        globals()["git"] = gitpython
        return getattr(gitpython, name)


git = _GitPython()

def open_repo(path: Path) -> git.Repo:
    drop_inherited_variables()
    try:
        return git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise DeskError(f"{path} is not inside a git repository", hint="run `git init` or pass --repo") from None


def enclosing_repository_root(path: Path) -> Path | None:
    """The work-tree root of the repository `path` is in (or would be in, for a folder not
    made yet: its nearest existing parent decides); None outside any repository."""
    existing = path.resolve()
    while not existing.exists():
        existing = existing.parent
    try:
        top = open_repo(existing).working_tree_dir
    except DeskError:
        return None
    return Path(top).resolve() if top else None


def init_repo(path: Path) -> git.Repo:
    drop_inherited_variables()
    path.mkdir(parents=True, exist_ok=True)
    repo = git.Repo.init(path, initial_branch="main")
    return repo


def relative(repo: git.Repo, path: Path) -> str:
    return Path(os.path.relpath(path.resolve(), Path(repo.working_tree_dir).resolve())).as_posix()


# --------------------------------------------------------------------------- writing (the sync)

_REJECTED = ("[rejected]", "non-fast-forward", "fetch first", "failed to push some refs", "stale info")


def dirty_paths(repo: git.Repo, paths: list[str]) -> list[str]:
    """Tracked-but-modified or untracked files under `paths` (relative to the work tree)."""
    out = repo.git.status("--porcelain", "--untracked-files=all", "--", *paths)
    return [line[3:] for line in out.splitlines() if line.strip()]


def current_branch(repo: git.Repo) -> str | None:
    try:
        return repo.active_branch.name
    except TypeError:  # detached HEAD (as actions/checkout leaves a pull request)
        return None


def head_sha(repo: git.Repo) -> str | None:
    try:
        return repo.head.commit.hexsha
    except ValueError:  # no commits yet
        return None


@contextmanager
def exclusive(repo: git.Repo, name: str = "esc-sync.lock") -> Iterator[None]:
    """Hold an exclusive lock in the repository's git folder while the block runs, or fail
    at once with one line when another process holds it. The kernel drops the lock when
    the process ends, however it ends, so a killed run never leaves a stale lock behind."""
    import fcntl

    path = Path(repo.git_dir) / name
    try:
        handle = open(path, "a+b")
    except OSError as exc:
        raise DeskError(f"cannot lock {path}: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DeskError(f"another esc sync is running in {repo.working_tree_dir}",
                            hint="wait for it to finish, then run again") from None
        yield
    finally:
        handle.close()


def _identity(author: str, repo: git.Repo | None = None) -> dict[str, str]:
    """Who commits: the identity git already has (GIT_AUTHOR_* or user.name/email, as the
    workflow configures for the Actions bot), else `author` ("Name <email>")."""
    import email.utils

    if repo is not None and not os.environ.get("GIT_AUTHOR_EMAIL"):
        reader = repo.config_reader()
        configured = (reader.get_value("user", "name", default=""), reader.get_value("user", "email", default=""))
        if all(configured):
            return {}
    name, address = email.utils.parseaddr(author)
    name = os.environ.get("GIT_AUTHOR_NAME") or name or "Escalation Desk"
    address = os.environ.get("GIT_AUTHOR_EMAIL") or address or "escalation-desk@localhost"
    return {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": address,
            "GIT_COMMITTER_NAME": os.environ.get("GIT_COMMITTER_NAME") or name,
            "GIT_COMMITTER_EMAIL": os.environ.get("GIT_COMMITTER_EMAIL") or address}


def commit_paths(repo: git.Repo, paths: list[str], message: str, author: str, on_behalf_of: str | None = None,
                 at: datetime | None = None) -> str:
    """Stage exactly `paths` and commit only them (hooks skipped: this is a machine commit).
    `on_behalf_of` ("Name <email>"): the person whose words it records is the commit's
    author; the desk stays the committer. `at`: the commit's date (default: the real time)."""
    import tempfile

    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as handle:
        handle.write(message)
    try:
        repo.git.add("--", *paths)
        by = ["--author", on_behalf_of] if on_behalf_of else []
        env = _identity(author, repo)
        if at is not None:
            env.update(GIT_AUTHOR_DATE=at.isoformat(), GIT_COMMITTER_DATE=at.isoformat())
        repo.git.commit("--no-verify", "--only", *by, "-F", handle.name, "--", *paths, env=env)
    except git.GitCommandError as exc:
        raise DeskError(f"git commit failed: {one_line(str(exc.stderr or exc))}") from None
    finally:
        os.unlink(handle.name)
    return repo.head.commit.hexsha


MERGE_DRIVER = "escalation-desk"


def register_merge_driver(repo: git.Repo, command: str = "esc") -> None:
    """Register `esc merge-driver` in this repository's git config (config does not travel
    with a clone: every workflow that merges or rebases calls this first)."""
    with repo.config_writer() as config:
        config.set_value(f'merge "{MERGE_DRIVER}"', "name", "Escalation Desk semantic merge of tracking documents")
        config.set_value(f'merge "{MERGE_DRIVER}"', "driver", f"{command} merge-driver %O %A %B %P")


def has_remote(repo: git.Repo, remote: str) -> bool:
    return remote in [r.name for r in repo.remotes]


def fetch(repo: git.Repo, remote: str, branch: str) -> bool:
    """Fetch one branch; False when the remote does not have it."""
    try:
        with no_prompt():
            repo.git.fetch(remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}")
        return True
    except git.GitCommandError as exc:
        text = str(exc.stderr or exc)
        if "couldn't find remote ref" in text or "could not find remote ref" in text.lower():
            return False
        raise DeskError(f"git fetch {remote} {branch} failed: {one_line(text)}") from None


def push(repo: git.Repo, remote: str, branch: str) -> bool:
    """Push HEAD to `remote`/`branch`, never forced. False when rejected because the remote
    moved on (someone pushed meanwhile); any other failure is a DeskError."""
    try:
        with no_prompt():
            repo.git.push("--porcelain", remote, f"HEAD:refs/heads/{branch}")
        return True
    except git.GitCommandError as exc:
        text = f"{exc.stdout or ''}\n{exc.stderr or ''}"
        if any(marker in text for marker in _REJECTED):
            return False
        raise DeskError(f"git push to {remote}/{branch} failed: {one_line(text or str(exc))}") from None


def tracked_changes(repo: git.Repo) -> list[str]:
    """Tracked files with uncommitted changes (staged or not), anywhere in the work tree."""
    out = repo.git.status("--porcelain", "--untracked-files=no")
    return [line[3:] for line in out.splitlines() if line.strip()]


_UNFINISHED = (("MERGE_HEAD", "a merge", "git merge"), ("rebase-merge", "a rebase", "git rebase"),
               ("rebase-apply", "a rebase", "git rebase"), ("CHERRY_PICK_HEAD", "a cherry-pick", "git cherry-pick"),
               ("REVERT_HEAD", "a revert", "git revert"))


def unfinished_operation(repo: git.Repo) -> tuple[str, str] | None:
    """(what, command) of a merge, rebase, cherry-pick or revert left in progress, else None."""
    folder = Path(repo.git_dir)
    for name, what, command in _UNFINISHED:
        if (folder / name).exists():
            return what, command
    return None


def drop_own_commit(repo: git.Repo, commit: str, parent: str) -> None:
    """Take back our own unpushed `commit` (HEAD must still be it), leaving every other
    change in the work tree as it is: ``reset --keep`` refuses, rather than overwrite, a
    file someone changed since — never ``reset --hard``."""
    if head_sha(repo) != commit:
        raise DeskError("the branch moved during the sync (someone committed meanwhile); the sync's own commit "
                        f"{commit[:12]} is kept", hint="push or drop it by hand, then run the sync again")
    try:
        repo.git.reset("--keep", parent)
    except git.GitCommandError as exc:
        raise DeskError(f"cannot take back the sync's own commit {commit[:12]} without touching your changes: "
                        f"{one_line(str(exc.stderr or exc))}", hint="commit or stash them, then run the sync again") from None


def checkout_branch(repo: git.Repo, branch: str, start: str) -> None:
    """Check out `branch`, created (or reset) at `start`."""
    repo.git.checkout("-B", branch, start)


def driver_command() -> str:
    """`esc merge-driver` as this very installation runs it (no PATH lookup)."""
    import shlex
    import sys

    return shlex.join([sys.executable, "-m", "escalation_desk", "merge-driver"]) + " %O %A %B %P"


def changed_between(repo: git.Repo, base: str, tip: str, folder: str) -> list[str]:
    """Files under `folder` that `tip` changed since it left `base` (what a pull request changes)."""
    return repo.git.diff("--name-only", f"{base}...{tip}", "--", folder).split()


def is_ancestor(repo: git.Repo, older: str, newer: str) -> bool:
    try:
        repo.git.merge_base("--is-ancestor", older, newer)
        return True
    except git.GitCommandError:
        return False


def file_at(repo: git.Repo, ref: str, relative_path: str) -> bytes | None:
    """A file's bytes at a revision, or None when it is not there."""
    try:
        return repo.git.execute(["git", "show", f"{ref}:{relative_path}"], stdout_as_string=False,
                                strip_newline_in_stdout=False)   # the bytes exactly as committed
    except git.GitCommandError:
        return None


def commits_between(repo: git.Repo, base: str, tip: str) -> list[tuple[str, str]]:
    """(sha, subject) of each commit on `tip` that `base` does not have, newest first."""
    out = repo.git.log("--format=%H %s", f"{base}..{tip}")
    return [tuple(line.split(" ", 1)) if " " in line else (line, "") for line in out.splitlines()]


def merge(repo: git.Repo, ref: str, message: str, author: str, keep_ours: bool = False) -> bool:
    """Merge `ref` into the current branch with `esc merge-driver` for the documents; on a
    conflict, abort and return False. `keep_ours`: record the merge but keep this branch's
    files (``-s ours``), so a rebuilt branch still fast-forwards its remote."""
    driver = ["-c", f"merge.{MERGE_DRIVER}.driver={driver_command()}"]
    strategy = ["-s", "ours"] if keep_ours else []
    try:
        repo.git.execute(["git", *driver, "merge", "--no-edit", "--no-verify", *strategy, "-m", message, ref],
                         env=_identity(author, repo))
        return True
    except git.GitCommandError:
        try:
            repo.git.merge("--abort")
        except git.GitCommandError:
            pass
        return False


def push_merging(repo: git.Repo, remote: str, branch: str, author: str, attempts: int = 3) -> None:
    """Push; when the remote moved on meanwhile, merge it (the semantic merge driver keeps
    both sides' entries) and push again, never forced. DeskError after `attempts`."""
    for _ in range(max(1, attempts)):
        if push(repo, remote, branch):
            return
        fetch(repo, remote, branch)
        register_merge_driver(repo)   # a fresh checkout does not carry git config
        if not merge(repo, f"{remote}/{branch}", f"Merge {remote}/{branch}", author):
            raise DeskError(f"cannot merge {remote}/{branch} into our commit without conflicts",
                            hint="pull, resolve, and push")
    raise DeskError(f"push to {remote}/{branch} was rejected {attempts} times (others keep pushing)",
                    hint="run again")
