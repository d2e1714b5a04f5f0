"""`esc demo`: the whole flow on this machine, with no accounts and no network.

Given a running sandbox (started by the command), creates a fresh documents repository (a temporary folder,
or the one given), writes a configuration with the sandbox company's roster, runs a first sync
against the emulators, lets the company's people work (in Zendesk, through the sandbox; in git,
as commits of their own), syncs again at `now` and returns what to show: the status table and the
morning (overdue and who must act, due soon, on track, in recovery, closed).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from escalation_desk.config import DEFAULT_CONFIG_NAME, load_config
from escalation_desk.errors import DeskError
from escalation_desk.tracking import store
from escalation_desk.tracking.clocks import overdue_items
from escalation_desk.tracking.index import build_index

from escalation_desk import gitrepo
from escalation_desk.demo.morning import Morning, morning
from escalation_desk.demo.people import PersonEdit, apply_edit
from escalation_desk.progress import Progress, SyncResult
from escalation_desk.sync.run import SyncOptions, run_sync


@dataclass
class DemoResult:
    repo: Path
    now: datetime
    sync: SyncResult
    records: list[dict]                                   # index records, for the status table
    overdue: list[tuple[str, str, datetime]] = field(default_factory=list)   # (id, what, due)
    syncs: list[SyncResult] = field(default_factory=list)                    # in order; the last is `sync`
    acts: list[str] = field(default_factory=list)                           # what people did between syncs
    morning: Morning | None = None
    first_sync: datetime | None = None


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def demo_config(roster: list[dict]) -> str:
    lines = ["# Escalation Desk demo configuration: the sandbox company's people.", "",
             "[business_hours]", 'timezone = "America/New_York"', 'holidays = "US"', ""]
    for person in roster:
        lines += ["[[people]]", f"name = {_toml_string(person['name'])}", f"role = {_toml_string(person['title'])}"]
        if person.get("github"):
            lines.append(f"github = {_toml_string(person['github'])}")
        if person.get("email"):
            lines.append(f"email = {_toml_string(person['email'])}")
        lines.append("")
    return "\n".join(lines)


def prepare_repository(target: Path | None, config_text: str, at: datetime | None = None) -> Path:
    if target is None:
        target = Path(tempfile.mkdtemp(prefix="esc-demo-"))
    elif target.exists() and any(target.iterdir()):
        raise DeskError(f"{target} is not empty", hint="give --into a new or empty folder")
    repo = gitrepo.init_repo(target)
    (target / DEFAULT_CONFIG_NAME).write_text(config_text, encoding="utf-8")
    (target / "escalations").mkdir(exist_ok=True)
    (target / "escalations" / ".gitkeep").write_text("", encoding="utf-8")
    gitrepo.commit_paths(repo, [DEFAULT_CONFIG_NAME, "escalations/.gitkeep"], "Start the escalations repository\n",
                         "Escalation Desk demo <demo@escalation-desk.invalid>", at=at)
    return target.resolve()


@dataclass(frozen=True)
class DemoSource:
    """What the demo syncs from: a running sandbox's environment, its clock and its people.

    The caller starts the sandbox (``escalation_desk.commands``); this room never imports it.
    With ``first_sync`` the repository's first sync runs then; ``advance(until)`` lets the
    sandbox's people act in Zendesk up to `until` (and sets its clock there), returning a line
    per act; ``edits`` are what people change in git meanwhile. Then the last sync runs at ``now``.
    """

    env: dict[str, str]
    now: datetime
    roster: list[dict]
    first_sync: datetime | None = None
    edits: tuple[PersonEdit, ...] = ()
    advance: Callable[[datetime], list[str]] = lambda until: []


def _act(repo: Path, config, edit: PersonEdit) -> str:  # noqa: ANN001
    """One person's edit in git, as a line of the morning. The people's morning is written for
    the default sandbox: in a bigger one (`--tickets 2000`) the sync groups tickets otherwise
    and an edit may not apply; it is skipped, saying why, and the repository stays as it was."""
    said = f"{edit.at:%H:%M} {edit.person} (git): {edit.message or edit.ident + ' ' + edit.verb}"
    try:
        apply_edit(repo, config, edit)
    except DeskError as exc:
        return f"{said} — skipped: {exc}"
    return said


def run_demo(source: DemoSource, into: Path | None = None, progress: Progress | None = None,
             say: Callable[[str], None] = lambda line: None) -> DemoResult:
    now = source.now
    started = min([e.at for e in source.edits] + [source.first_sync or now])
    repo = prepare_repository(into, demo_config(source.roster), at=started)
    say(f"repository: {repo}")
    config = load_config(repo / DEFAULT_CONFIG_NAME)
    syncs = []
    acts: list[str] = []
    first = source.first_sync or now
    edits = sorted(source.edits, key=lambda e: e.at)
    if any(edit.at > now for edit in edits):
        raise DeskError("the demo's people cannot act after its now")
    for edit in (e for e in edits if e.at < first):      # what people kept by hand before the sync
        apply_edit(repo, config, edit)
    if first < now:
        acts += source.advance(first)
        syncs.append(run_sync(SyncOptions(repo, config, first, progress=progress or Progress(), env=source.env)))
        for edit in (e for e in edits if e.at >= first):
            acts += source.advance(edit.at)
            acts.append(_act(repo, config, edit))
    acts += source.advance(now)
    syncs.append(run_sync(SyncOptions(repo, config, now, progress=progress or Progress(), env=source.env)))
    docs = store.load_all(repo)
    records = build_index(docs, config, now)["escalations"]
    overdue = sorted(((d.front.id, o.label, o.due) for d in docs if d.front for o in overdue_items(d, config, now)),
                     key=lambda item: (item[2], item[0]))
    return DemoResult(repo, now, syncs[-1], records, overdue, syncs=syncs, acts=acts,
                      morning=morning(docs, config, now), first_sync=first)
