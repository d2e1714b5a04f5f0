"""Documents on disk: finding them, reading them, writing them atomically, new IDs.

This is the only file I/O the core does. Writes go to a temporary file in the same
folder and are renamed into place, so a crash never leaves half a document.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Iterator

try:
    import fcntl
except ImportError:     # Windows: no advisory locks; the re-read before writing still guards
    fcntl = None

from escalation_desk.errors import DeskError

from .model import Document
from .parse import MAX_BYTES, parse_document

DOCS_DIR = "escalations"
SKIP_NAMES = {"README.md"}


def document_paths(targets: Iterable[Path]) -> Iterator[Path]:
    """Every tracking document named by files or folders, in a stable order."""
    for target in targets:
        if target.is_dir():
            yield from sorted(Path(p) for p in _markdown_files(str(target)))
        elif target.is_symlink():
            raise DeskError(f"{target} is a symbolic link; a tracking document must be a regular file",
                            hint="replace the link with the file itself")
        elif target.exists():
            yield target
        else:
            raise DeskError(f"{target}: no such file or folder")


def document_files(folder: Path) -> list[str]:
    """The documents under `folder` as the strings of their paths, unsorted: what
    :func:`document_paths` gives (as Paths, sorted), for a caller that needs few of them."""
    return list(_markdown_files(str(folder))) if folder.is_dir() else []


def _markdown_files(folder: str, links: bool = False) -> Iterator[str]:
    """The *.md files under `folder`, at any depth (one scandir per folder: no stat per file);
    with `links`, the *.md symbolic links instead (never read: they may point outside the
    repository)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _markdown_files(entry.path, links)
            elif entry.name.endswith(".md") and entry.name not in SKIP_NAMES:
                if entry.is_symlink() if links else entry.is_file(follow_symlinks=False):
                    yield entry.path


def linked_documents(folder: Path) -> list[Path]:
    """The *.md symbolic links under `folder` (`esc check` refuses them; nothing reads them)."""
    return sorted(Path(p) for p in _markdown_files(str(folder), links=True)) if folder.is_dir() else []


def display_path(path: Path, repo: Path) -> str:
    """The path as people see it in findings: relative to the repository when inside it."""
    absolute, root = os.path.abspath(path), os.path.abspath(repo)
    if absolute.startswith(root + os.sep):
        return absolute[len(root) + 1:].replace(os.sep, "/")
    return str(path)


def read_bytes(path: Path) -> bytes:
    """Read at most MAX_BYTES + 1 bytes: a 20 MB file is refused without loading it all."""
    with path.open("rb") as handle:
        return handle.read(MAX_BYTES + 1) if path.stat().st_size > MAX_BYTES else handle.read()


def load(path: Path, repo: Path) -> Document:
    return parse_document(display_path(path, repo), read_bytes(path))


def load_all(repo: Path) -> list[Document]:
    folder = repo / DOCS_DIR
    if not folder.is_dir():
        return []
    return [load(p, repo) for p in document_paths([folder])]


@dataclass
class Located:
    path: Path
    doc: Document


def find(repo: Path, ident: str) -> Located:
    """The document with this ID (case-insensitive), or one clear error."""
    wanted = ident.strip().upper()
    matches = []
    unreadable = []   # documents whose ID cannot be read: one of them may be the one asked for
    for doc in load_all(repo):
        if doc.id and doc.id.upper() == wanted:
            matches.append(Located(repo / doc.path, doc))
        elif not doc.id:
            unreadable.append(doc)
    if not matches:
        named = [d for d in unreadable if Path(d.path).stem.upper().split("-", 2)[:2] == wanted.split("-", 1)[:2]
                 or Path(d.path).stem.upper() == wanted]
        if named:
            matches = [Located(repo / named[0].path, named[0])]
        else:
            raise DeskError(f"no escalation {ident} in {repo / DOCS_DIR}",
                            hint=f"{len(unreadable)} document(s) there do not parse: run `esc check`" if unreadable
                            else "`esc status` lists them")
    if len(matches) > 1:
        raise DeskError(f"{ident} is used by {len(matches)} documents: "
                        + ", ".join(str(m.doc.path) for m in matches), hint="run `esc check`")
    located = matches[0]
    if located.doc.front is None:
        first = next((p for p in located.doc.problems if p.level == "error"), None)
        raise DeskError(f"{located.doc.path} does not parse" + (f": {first.text()}" if first else ""))
    return located


UPDATE_ATTEMPTS = 20


def update(repo: Path, ident: str, change: Callable[[Document], Document]) -> tuple[Located, Document]:
    """Apply `change` to the document with this ID and write the result, without losing a
    write made meanwhile.

    Two commands run at once (two `esc log` from a script, `esc log` while a person's
    editor saves) would otherwise both read the same text and the second rename would drop
    the first one's entry. So the change is made on the text read under an exclusive lock
    on the file (other esc processes wait), and is made again on the new text when the file
    was replaced or edited in between. Returns (the document as read, the document written).
    """
    path = find(repo, ident).path
    for _ in range(UPDATE_ATTEMPTS):
        with _locked(path) as current:
            if current is None:          # replaced while we waited for the lock: read it again
                continue
            before = parse_document(display_path(path, repo), current)
            if before.front is None:
                first = next((p for p in before.problems if p.level == "error"), None)
                raise DeskError(f"{before.path} does not parse" + (f": {first.text()}" if first else ""))
            after = change(before)
            if read_bytes(path) != current:     # an editor saved while we worked: work on its text
                continue
            _refuse_too_large(display_path(path, repo), after.text)
            write_atomic(path, after.text)
            return Located(path, before), after
    raise DeskError(f"{display_path(path, repo)} kept changing while esc was writing to it; nothing was written",
                    hint="run the command again")


def _refuse_too_large(name: str, text: str) -> None:
    """A change that would take a document over the parser's limit is refused before writing:
    written, the document would be skipped by every command as unreadable."""
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise DeskError(f"{name}: this change would make the document {size:,} bytes, over the "
                        f"{MAX_BYTES // 1048576} MiB limit for a tracking document; nothing was written",
                        hint="move old Communication Log entries to an attachment or a linked document")


@contextmanager
def _locked(path: Path) -> Iterator[bytes | None]:
    """An exclusive lock on `path` (this inode) for the block; yields its bytes, or None
    when the file was replaced (renamed over) while we waited."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        yield None
        return
    with handle:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            same = os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino
        except FileNotFoundError:
            same = False
        yield read_bytes(path) if same else None


@contextmanager
def folder_locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on a folder for the block (`esc new` choosing an ID no other
    `esc new` is choosing at the same moment)."""
    if fcntl is None or not folder.is_dir():
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def write_atomic(path: Path, text: str | Iterable[str]) -> None:
    """Write `text` (or its pieces, in order) to `path` all at once; a folder that cannot be
    written to (read-only, full, not a folder) is a DeskError that names the path."""
    temp = _stage(path, text)
    with _discarded_on_failure(path, temp):
        os.replace(temp, path)


@contextmanager
def _discarded_on_failure(path: Path, temp: str) -> Iterator[None]:
    """The temporary file goes when the block fails; an OSError becomes one DeskError naming `path`."""
    try:
        yield
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise DeskError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class Batch:
    """Files replaced together, all or nothing.

    Every new text is written to a temporary file beside its target first (a full disk
    fails here, before any document changed); the old files are then kept aside — a hard
    link in `backup_dir`, no space needed — and the new ones renamed into place. `undo()`
    renames every old file back (and removes the ones that were new), whatever failed;
    `keep()` drops the backups once the change is safe (committed).
    """

    def __init__(self, backup_dir: Path) -> None:
        self.backup_dir = backup_dir
        self.done: list[tuple[Path, Path | None]] = []     # (target, its old version aside, or None: it was new)

    def write(self, items: list[tuple[Path, str]], before_swap=None) -> None:
        staged: list[tuple[Path, str]] = []
        try:
            for path, text in items:
                staged.append((path, _stage(path, text)))
            if before_swap is not None:
                before_swap()
            self.backup_dir.mkdir(parents=True, exist_ok=True)
            for path, temp in staged:
                self.done.append((path, self._aside(path) if path.exists() else None))
                os.replace(temp, path)
        except BaseException:
            for _path, temp in staged:
                Path(temp).unlink(missing_ok=True)
            self.undo()
            raise

    def _aside(self, path: Path) -> Path:
        backup = self.backup_dir / f"{len(self.done)}-{path.name}"
        backup.unlink(missing_ok=True)
        try:
            os.link(path, backup)
        except OSError:   # no hard links here (another file system): a copy
            import shutil

            shutil.copy2(path, backup)
        return backup

    def undo(self) -> None:
        """Put every touched file back; a file that cannot be restored is named, the rest still are."""
        failed = []
        for path, backup in reversed(self.done):
            try:
                if backup is None:
                    path.unlink(missing_ok=True)
                else:
                    os.replace(backup, path)
            except OSError as exc:
                failed.append(f"{path} ({exc.strerror or exc})")
        self.done = []
        if failed:
            raise DeskError("could not restore " + ", ".join(failed), hint="restore them with `git checkout -- <file>`")

    def keep(self) -> None:
        for _path, backup in self.done:
            if backup is not None:
                backup.unlink(missing_ok=True)
        self.done = []


def _stage(path: Path, text: str | Iterable[str]) -> str:
    """`text` in a temporary file beside `path`, with the mode `path` has (or would get)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile

        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise DeskError(f"cannot write {path}: {exc.strerror or exc}",
                        hint="check the folder exists and is writable") from None
    with _discarded_on_failure(path, temp):
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text) if isinstance(text, str) else out.writelines(text)
        # mkstemp makes the file private (0600); a document is as readable as any file the user makes.
        os.chmod(temp, _existing_mode(path) if path.exists() else 0o666 & ~_umask())
    return temp


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _existing_mode(path: Path) -> int:
    return path.stat().st_mode & 0o7777


def new_id(existing: set[str], now: datetime, prefix: str = "ESC-", ticket: int | None = None) -> str:
    """An ID that cannot collide with another branch's without coordination.

    A ticket-born escalation takes its primary ticket's number (tickets are unique
    upstream). A manual one takes the date plus four random digits — a range no
    ticket number reaches for years — and re-rolls on a local clash; `esc check`
    still fails on duplicates should two branches ever meet.
    """
    if ticket is not None:
        candidate = f"{prefix}{ticket}"
        if candidate in existing:
            raise DeskError(f"{candidate} already exists", hint="log the ticket on that escalation instead")
        return candidate
    import secrets   # here, not at start-up (hashlib, random): only `esc new` draws an ID

    for _ in range(100):
        candidate = f"{prefix}{now:%y%m%d}{secrets.randbelow(10000):04d}"
        if candidate not in existing:
            return candidate
    raise DeskError("could not find a free escalation ID")  # pragma: no cover - 100 clashes in a row


def __getattr__(name: str) -> object:
    if name == "secrets":   # `store.secrets` as before the import moved into new_id (tests patch its randbelow)
        import secrets

        return secrets
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
