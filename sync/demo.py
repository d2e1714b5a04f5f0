"""`esc demo`: the whole flow on this machine, with no accounts and no network.

Starts the sandbox in-process, creates a fresh documents repository (a temporary folder,
or the one given), writes a configuration with the sandbox company's roster, runs one sync
against the emulators and returns what to show: the status table and the overdue list.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from playbook.config import DEFAULT_CONFIG_NAME, load_config
from playbook.errors import DeskError
from tracking import store
from tracking.clocks import overdue_items
from tracking.index import build_index

from . import gitrepo
from .report import Progress, SyncResult
from .run import SyncOptions, run_sync


@dataclass
class DemoResult:
    repo: Path
    now: datetime
    sync: SyncResult
    records: list[dict]                                   # index records, for the status table
    overdue: list[tuple[str, str, datetime]] = field(default_factory=list)   # (id, what, due)


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


def prepare_repository(target: Path | None, config_text: str) -> Path:
    if target is None:
        target = Path(tempfile.mkdtemp(prefix="esc-demo-"))
    elif target.exists() and any(target.iterdir()):
        raise DeskError(f"{target} is not empty", hint="give --into a new or empty folder")
    repo = gitrepo.init_repo(target)
    (target / DEFAULT_CONFIG_NAME).write_text(config_text, encoding="utf-8")
    (target / "escalations").mkdir(exist_ok=True)
    (target / "escalations" / ".gitkeep").write_text("", encoding="utf-8")
    gitrepo.commit_paths(repo, [DEFAULT_CONFIG_NAME, "escalations/.gitkeep"], "Start the escalations repository\n",
                         "Escalation Desk demo <demo@escalation-desk.invalid>")
    return target.resolve()


def run_demo(into: Path | None = None, tickets: int = 240, progress: Progress | None = None,
             say: Callable[[str], None] = lambda line: None) -> DemoResult:
    from sandbox import Sandbox

    with Sandbox(tickets=tickets) as sandbox:
        now = sandbox.dataset.now
        say(f"sandbox: Zendesk {sandbox.url('zendesk')}, Salesforce {sandbox.url('salesforce')} "
            f"({tickets} tickets, as of {now:%Y-%m-%d %H:%M} UTC)")
        repo = prepare_repository(into, demo_config(sandbox.dataset.roster))
        say(f"repository: {repo}")
        config = load_config(repo / DEFAULT_CONFIG_NAME)
        result = run_sync(SyncOptions(repo, config, now, progress=progress or Progress(), env=sandbox.env))
    docs = store.load_all(repo)
    records = build_index(docs, config, now)["escalations"]
    overdue = sorted(((d.front.id, o.label, o.due) for d in docs if d.front for o in overdue_items(d, config, now)),
                     key=lambda item: (item[2], item[0]))
    return DemoResult(repo, now, result, records, overdue)
