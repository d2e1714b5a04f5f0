"""Read-only questions to git, each one plain ``git`` process (no GitPython)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Container, Iterable, Iterator, NamedTuple

from escalation_desk.errors import DeskError

from ._common import clean_environment, one_line

class FileVersion(NamedTuple):
    commit: str           # hexsha
    authored: datetime    # the author's time (when the change was written), aware
    path: str             # repository-relative, posix
    blob: str             # the blob's sha: equal blobs are equal bytes
    data: bytes | None    # None: a blob the caller said it knows
    position: int         # in git log's order: 0 is the newest version


class Reader:
    """Read-only questions to git, each one plain ``git`` process (no GitPython: it costs
    start-up, and asking it for ``commit.tree / path`` re-parses the whole folder's tree
    for every file). Paths are relative to the work tree's top, posix."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def at(cls, path: Path) -> "Reader":
        env = clean_environment()
        if "GIT_CEILING_DIRECTORIES" in os.environ:   # the caller's limit on the search upwards
            env["GIT_CEILING_DIRECTORIES"] = os.environ["GIT_CEILING_DIRECTORIES"]
        try:
            done = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=path, env=env,
                                  capture_output=True, check=False)
        except (FileNotFoundError, NotADirectoryError):
            done = None
        if done is None or done.returncode != 0:
            raise DeskError(f"{path} is not inside a git repository", hint="run `git init` or pass --repo")
        return cls(Path(done.stdout.decode().strip()))

    def git(self, *args: str, data: bytes | None = None, check: bool = True) -> bytes | None:
        """The output of ``git args``; None when it fails and check is off."""
        done = subprocess.run(["git", "-c", "core.quotePath=false", *args], input=data, capture_output=True,
                              cwd=self.root, env=clean_environment(), check=False)
        if done.returncode != 0:
            if check:
                raise DeskError(f"git {args[0]} failed: {one_line(done.stderr.decode(errors='replace'))}")
            return None
        return done.stdout

    def relative(self, path: Path) -> str:
        return Path(os.path.relpath(path.resolve(), self.root.resolve())).as_posix()

    def resolve_base(self, base: str) -> str:
        """The commit to compare against: the merge base of `base` and HEAD (what a PR changes)."""
        found = self.git("rev-parse", "--verify", "--quiet", f"{base}^{{commit}}", check=False)
        if not found:
            raise DeskError(f"--base {base!r} is not a commit or branch in {self.root}",
                            hint="fetch it first (actions/checkout with fetch-depth: 0)")
        merged = self.git("merge-base", base, "HEAD", check=False)
        return (merged or found).decode().split()[0]

    def tree(self, rev: str, folder: str) -> dict[str, str]:
        """Every file under `folder` at `rev`: path → blob sha."""
        out = self.git("ls-tree", "-r", "-z", "--full-tree", rev, "--", folder)
        found = {}
        for entry in out.split(b"\0"):
            if entry:
                meta, path = entry.split(b"\t", 1)
                kind, sha = meta.split()[1:3]
                if kind == b"blob":
                    found[path.decode()] = sha.decode()
        return found

    def changed(self, old: str, new: str | None, *paths: str) -> set[str]:
        """Files under `paths` that differ between two commits (`new` None: the work tree)."""
        out = self.git("diff", "--name-only", "-z", "--no-renames", old, *([new] if new else []), "--", *paths)
        return {p.decode() for p in out.split(b"\0") if p}

    def last_commit(self, rev: str, path: str) -> str | None:
        """The newest commit up to `rev` that touched `path`."""
        out = self.git("log", "-1", "--format=%H", rev, "--", path, check=False)
        return out.decode().strip() or None if out else None

    def blobs(self, shas: Iterable[str], limit: int | None = None) -> Iterator[tuple[str, bytes]]:
        """(sha, bytes) for each blob, streamed from one ``git cat-file --batch``: memory holds one blob.
        A blob larger than `limit` bytes is left out (skipped unread)."""
        wanted = "".join(f"{sha}\n" for sha in shas).encode()
        if not wanted:
            return
        proc = subprocess.Popen(["git", "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                cwd=self.root, env=clean_environment())
        feeder = threading.Thread(target=_feed, args=(proc.stdin, wanted), daemon=True)
        feeder.start()
        try:
            while header := proc.stdout.readline():
                parts = header.split()
                if len(parts) == 3:                 # "<sha> blob <size>", then the bytes and a newline
                    size = int(parts[2])
                    if limit is not None and size > limit:
                        _skip(proc.stdout, size + 1)
                        continue
                    yield parts[0].decode(), proc.stdout.read(size + 1)[:-1]
        finally:
            proc.stdout.close()
            feeder.join()
            proc.wait()

    def versions(self, folder: str, max_count: int = 10_000, known: Container[str] = (),
                 wanted: Callable[[str], bool] | None = None) -> Iterator[FileVersion]:
        """Every committed version of every file under `folder` (whose path `wanted` accepts),
        newest commit first.

        Two git processes for the whole folder, however many files and commits: one ``git log
        --raw`` names each version's blob, one ``git cat-file --batch`` streams them. A blob in
        `known` (the caller has read those bytes already, e.g. the file on disk) is not read:
        its versions come with ``data`` None. Deleted files and an empty repository give nothing.
        """
        by_blob: dict[str, list[tuple[int, str, datetime, str]]] = {}
        for position, (sha, authored, path, blob) in enumerate(self._logged(folder, max_count)):
            if wanted is None or wanted(path):
                by_blob.setdefault(blob, []).append((position, sha, authored, path))
        for blob in [b for b in by_blob if b in known]:
            for position, sha, authored, path in by_blob.pop(blob):
                yield FileVersion(sha, authored, path, blob, None, position)
        for blob, data in self.blobs(by_blob):
            for position, sha, authored, path in by_blob[blob]:
                yield FileVersion(sha, authored, path, blob, data, position)

    def _logged(self, folder: str, max_count: int) -> Iterator[tuple[str, datetime, str, str]]:
        """(commit, author time, path, blob) of each version under `folder`, newest commit first."""
        log = self.git("log", f"--max-count={max_count}", "--format=%x00%H %at", "--raw", "--no-abbrev",
                       "--no-renames", "--", folder, check=False)
        for block in (log or b"").decode("utf-8", errors="replace").split("\x00")[1:]:
            head, *lines = block.splitlines()
            sha, stamp = head.split()
            authored = datetime.fromtimestamp(int(stamp), tz=timezone.utc)
            for line in lines:
                if line.startswith(":") and "\t" in line:
                    meta, path = line.split("\t", 1)
                    blob, status = meta.split()[3:5]
                    if not status.startswith("D") and set(blob) != {"0"}:
                        yield sha, authored, path, blob


def _skip(pipe, size: int) -> None:  # noqa: ANN001 - a process's stdout
    while size > 0 and (piece := pipe.read(min(size, 1 << 20))):
        size -= len(piece)


def _feed(pipe, data: bytes) -> None:  # noqa: ANN001 - a process's stdin
    try:
        pipe.write(data)
    except BrokenPipeError:   # the reader stopped early
        pass
    finally:
        try:
            pipe.close()
        except BrokenPipeError:
            pass


def object_format(path: Path) -> str:
    """The object format of the repository at `path` (``sha1`` or ``sha256``: what its blob
    ids are made with); ``sha1`` outside a repository or with a git too old to say."""
    try:
        done = subprocess.run(["git", "rev-parse", "--show-object-format"], cwd=path, env=clean_environment(),
                              capture_output=True, check=False)
    except (FileNotFoundError, NotADirectoryError):
        return "sha1"
    answer = done.stdout.decode(errors="replace").strip()
    return answer if done.returncode == 0 and answer in ("sha1", "sha256") else "sha1"


def blob_sha(data: bytes) -> str:
    """The sha git gives these bytes as a blob: equal shas mean a file is unchanged."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
