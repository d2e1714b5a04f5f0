"""What git remembers about each escalation: its committed versions, oldest first.

The only part of the report that touches git, and only through :mod:`sync.gitrepo`.
Each version keeps just what the metrics read (severity, owner, how many plan steps)
and the commit's *author* time — when the person wrote the change; a rebase or merge
later does not move it. Versions are grouped by escalation ID, so a renamed file keeps
its history. When the folder is not in a git repository (or git is missing), there
is no history and the report says so instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Mapping, NamedTuple

from escalation_desk.errors import DeskError
from escalation_desk.tracking.model import Document
from escalation_desk.tracking.lean import lean_document
from escalation_desk.tracking.store import DOCS_DIR, SKIP_NAMES

History = dict[str, list["Version"]]
_Found = dict[str, list[tuple[int, "Version"]]]


@dataclass(frozen=True, slots=True)
class Version:
    """One committed state of a document."""

    at: datetime          # author time, UTC
    commit: str
    severity: str
    owner: str
    plan_steps: int


class State(NamedTuple):
    """What the metrics read from one committed version (a :class:`report.facts.Facts` has the same names)."""

    id: str
    severity: str
    owner: str
    plan_steps: int


def state_of(doc: Document) -> State | None:
    """None when the version does not parse."""
    front = doc.front
    return State(front.id, front.severity, front.owner, len(doc.plan)) if front is not None else None


def read_history(repo: Path, known: Mapping[str, State] | None = None) -> History | None:
    """Every committed version of every document under ``escalations/``; None without git.

    `known` maps blob ids to what is already known of those bytes (the files on disk, parsed
    once): git does not send those blobs and they are not parsed again. The other versions
    are read in the same single ``git cat-file --batch`` and parsed here."""
    from escalation_desk import gitrepo

    try:
        reader = gitrepo.Reader.at(repo)
    except DeskError:   # not a repository, or no git executable
        return None
    folder = repo / DOCS_DIR
    if not folder.is_dir():
        return {}
    known = known or {}
    found: _Found = {}
    for version in reader.versions(reader.relative(folder), known=known, wanted=_is_document):
        state = known[version.blob] if version.data is None else state_of(lean_document(version.path, version.data))
        if state is None:
            continue
        found.setdefault(state.id, []).append((version.position, Version(
            at=version.authored.astimezone(timezone.utc), commit=version.commit,
            severity=state.severity, owner=state.owner, plan_steps=state.plan_steps)))
    # git log lists newest first; the metrics want the story from the start.
    return {ident: [v for _, v in (sorted(versions, key=lambda pv: -pv[0]) if len(versions) > 1 else versions)]
            for ident, versions in sorted(found.items())}


def _is_document(path: str) -> bool:
    """A tracking document, not escalations/index.json (megabytes) or the README: its name has
    the suffix ".md" (as ``PurePosixPath(path).suffix`` reads it: ".md" alone is no suffix)."""
    name = path.rpartition("/")[2]
    return name.endswith(".md") and len(name) > 3 and name not in SKIP_NAMES


def until(versions: list[Version] | None, now: datetime) -> list[Version]:
    """The versions written by ``now`` (a report at an earlier --now does not see later commits)."""
    return [v for v in versions or [] if v.at <= now]
