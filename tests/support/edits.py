"""Concurrent edits of one tracking document, as CSMs and the sync make them (test data).

Every edit is made with the product's own writers (`add_entry`, `set_fields`, the entry-line
formatters) — what `esc log` and the sync write. A *pair* is one CSM's pull-request branch
(ours) against either the sync's commit on main or a second CSM (theirs), both from one base.
The property tests and `bench/bench_merge.py` draw from the same generator.
"""

from __future__ import annotations

import random
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

from escalation_desk.tracking.edit import add_entry, set_fields
from escalation_desk.tracking.entries import comm_line, plan_line, stakeholder_line, timeline_line
from escalation_desk.tracking.model import COMMS, PLAN, STAKEHOLDERS, TIMELINE
from escalation_desk.tracking.parse import parse_document

DATA = Path(__file__).parents[1] / "merge" / "data"
BASES = {"current layout": DATA / "ESC-7001-base.md", "older layout": DATA / "ESC-48213-old-layout.md"}
PATH = "escalations/ESC-7001-acme.md"
START = datetime(2026, 11, 21, 8, 0, tzinfo=timezone.utc)   # after every entry of the bases

PEOPLE = ("Dana Whitfield", "Lee Park", "Ana Souza", "Priya Raman")
CHANNELS = ("email", "phone", "video", "slack")
WORDS = ("sync", "backfill", "ETA", "CFO", "RevOps", "token", "API v59", "workaround", "export", "renewal")


@dataclass
class Edit:
    name: str
    apply: Callable[[str], str]
    keys: dict[str, object] = field(default_factory=dict)   # human keys / lines it sets → their new value


def _phrase(rng: random.Random) -> str:
    return " ".join(rng.sample(WORDS, 3)).capitalize()


def _at(rng: random.Random) -> datetime:
    return START + timedelta(minutes=rng.randrange(0, 4 * 24 * 60))


def _entry(section: str, line: str, at: datetime | None = None) -> Callable[[str], str]:
    return lambda text: add_entry(parse_document(PATH, text), section, line, at=at).text


def _fields(changes: dict[str, object]) -> Callable[[str], str]:
    return lambda text: set_fields(parse_document(PATH, text), changes).text


def _root_cause(words: str) -> Callable[[str], str]:
    def apply(text: str) -> str:
        doc = parse_document(PATH, text)
        section = doc.sections["Root Cause"]
        lines = list(doc.lines)
        first = next(i for i in range(section.body_start, section.body_end) if lines[i].strip())
        lines[first] = words + "\n"
        return "".join(lines)
    return apply


def csm_edit(rng: random.Random) -> Edit:
    kind = rng.choice(("log", "log", "event", "step", "stakeholder", "status", "severity", "root cause"))
    at = _at(rng)
    if kind == "log":
        return Edit(kind, _entry(COMMS, comm_line(at, rng.choice(CHANNELS), _phrase(rng)), at))
    if kind == "event":
        return Edit(kind, _entry(TIMELINE, timeline_line(at, _phrase(rng)), at))
    if kind == "step":
        step = plan_line(rng.randrange(3, 9), _phrase(rng), rng.choice(PEOPLE), (at + timedelta(days=2)).date())
        return Edit(kind, _entry(PLAN, step))
    if kind == "stakeholder":
        return Edit(kind, _entry(STAKEHOLDERS, stakeholder_line(rng.choice(PEOPLE), "VP Customer Success", at)))
    if kind == "status":
        changes = {"status": "Resolved", "resolved": at.replace(minute=0)}
        return Edit(kind, _fields(changes), dict(changes))
    if kind == "severity":
        severity = rng.choice(("SEV-1", "SEV-3"))
        return Edit(kind, _fields({"severity": severity}), {"severity": severity})
    words = f"{_phrase(rng)} after the API retirement."
    return Edit(kind, _root_cause(words), {"Root Cause": words})


def sync_edit(rng: random.Random, serial: int) -> Edit:
    kind = rng.choice(("reply", "reply", "facts", "ticket"))
    at = _at(rng)
    if kind == "reply":
        line = comm_line(at, "email", _phrase(rng), marker=f"zd:comment:{90000 + serial}")
        return Edit(kind, _entry(COMMS, line, at))
    if kind == "facts":
        return Edit(kind, _fields({"health_score": rng.randrange(20, 90), "arr": rng.randrange(100, 400) * 1000}))
    ticket = 49000 + serial

    def new_ticket(text: str) -> str:
        doc = parse_document(PATH, text)
        doc = set_fields(doc, {"zendesk_tickets": [*doc.front.zendesk_tickets, ticket]})
        return add_entry(doc, TIMELINE, timeline_line(at, f"Ticket #{ticket} opened", f"zd:ticket:{ticket}"), at=at).text
    return Edit(kind, new_ticket)


@dataclass
class Pair:
    layout: str
    base: str
    ours: list[Edit]           # a CSM's pull request
    theirs: list[Edit]         # the sync's commit on main, or another CSM
    theirs_is_sync: bool

    @property
    def path(self) -> str:
        return f"escalations/{BASES[self.layout].name}"

    def texts(self) -> tuple[str, str, str]:
        out = []
        for edits in (self.ours, self.theirs):
            text = self.base
            for edit in edits:
                text = edit.apply(text)
            out.append(text)
        return self.base, out[0], out[1]

    def same_human_line_two_ways(self) -> bool:
        """Both sides set one human key (or the same prose line) to different values."""
        mine = {k: v for e in self.ours for k, v in e.keys.items()}
        yours = {k: v for e in self.theirs for k, v in e.keys.items()}
        return any(mine[k] != yours[k] for k in mine.keys() & yours.keys())


def make_pair(rng: random.Random) -> Pair:
    layout = rng.choice(sorted(BASES))
    sync = rng.random() < 0.7
    ours = [csm_edit(rng) for _ in range(rng.randint(1, 3))]
    serial = rng.randrange(1000)
    theirs = [sync_edit(rng, serial + i) if sync else csm_edit(rng) for i in range(rng.randint(1, 3))]
    return Pair(layout, BASES[layout].read_text(encoding="utf-8"), ours, theirs, sync)


def corpus(count: int, seed: int = 13) -> list[Pair]:
    rng = random.Random(seed)
    return [make_pair(rng) for _ in range(count)]


# --------------------------------------------------------------------------- real git

class MergeRepo:
    """One repository; each pair is merged on fresh branches (ours ← theirs), as git does it."""

    def __init__(self, path: Path, driver: str | None) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        if driver:
            (path / ".gitattributes").write_text("escalations/*.md merge=escalation-desk\n")
            self.git("config", "merge.escalation-desk.driver", driver)
        (path / "escalations").mkdir(exist_ok=True)
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", "start")

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        env = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T",
               "GIT_COMMITTER_EMAIL": "t@example.com", "PATH": "/usr/bin:/bin", "HOME": str(self.path)}
        done = subprocess.run(["git", "-C", str(self.path), *args], capture_output=True, text=True, env=env)
        if check and done.returncode:
            raise AssertionError(f"git {' '.join(args)}: {done.stdout}{done.stderr}")
        return done

    def _commit_on(self, branch: str, start: str, path: str, text: str) -> None:
        self.git("checkout", "-q", "-B", branch, start)
        (self.path / path).parent.mkdir(parents=True, exist_ok=True)
        (self.path / path).write_text(text, encoding="utf-8")
        self.git("add", path)
        self.git("commit", "-q", "--allow-empty", "-m", branch)

    def merge(self, path: str, base: str, ours: str, theirs: str) -> tuple[bool, str]:
        """(clean, the file after `git merge`)."""
        self._commit_on("base", "main", path, base)
        self._commit_on("theirs", "base", path, theirs)
        self._commit_on("ours", "base", path, ours)
        done = self.git("merge", "-q", "--no-edit", "theirs", check=False)
        result = (self.path / path).read_text(encoding="utf-8")
        if done.returncode:
            self.git("merge", "--abort", check=False)
        self.git("checkout", "-q", "-f", "main")
        return done.returncode == 0, result
