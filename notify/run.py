"""`esc notify`: tell who must be told now, record it in the documents, one commit.

Each person told gets one line in Internal Stakeholders Notified,

    - Jordan Ellis, VP CS, 2026-11-26 09:02 UTC — notified via Slack by Escalation Desk <!-- esc:notify:declared:jordan-ellis -->

which is what meets the leaders-notified deadline (the one clock reads it), and what
keeps the next run from telling them again. Nothing failed is recorded.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Mapping

from escalation_desk import gitrepo
from escalation_desk.config import Config
from escalation_desk.errors import DeskError
from escalation_desk.tracking import store
from escalation_desk.tracking.edit import EditError, add_entry
from escalation_desk.tracking.entries import stakeholder_line
from escalation_desk.tracking.model import STAKEHOLDERS, Document

from .deliver import Deliverer, Deliveries, Failure, Told
from .plan import plan_notices


@dataclass
class NotifyResult:
    told: list[str] = field(default_factory=list)        # "ESC-1 declared: Jordan Ellis (VP CS) via Slack"
    failures: list[Failure] = field(default_factory=list)
    planned: int = 0
    commit: str | None = None
    pushed: str | None = None

    def lines(self) -> list[str]:
        out = [f"told {line}" for line in self.told] + [f.line() for f in self.failures]
        out.append(f"notify: {len(self.told)} told, {len(self.failures)} failed"
                   + (f", commit {self.commit[:10]}" if self.commit else "") + (f", pushed to {self.pushed}" if self.pushed else ""))
        return out


@dataclass
class NotifyOptions:
    repo: Path
    config: Config
    now: datetime
    environ: Mapping[str, str]
    dry_run: bool = False
    push: bool = False
    remote: str = "origin"
    sleep: Callable[[float], None] = time.sleep
    github: object | None = None       # a GitHubClient (tests); else made from the environment when needed


def recorded(doc: Document, told: list[Told], config: Config, now: datetime) -> Document:
    """The document with one stakeholder line per person told."""
    by = config.notify.recorded_by
    for item in told:
        how = " and ".join(item.channels)
        note = f"notified via {how} by {by}" + ("" if item.notice.event == "declared" else f": {item.notice.headline}")
        line = stakeholder_line(item.recipient.person.name, item.recipient.role, now,
                                item.notice.marker(item.recipient), note=note)
        try:
            doc = add_entry(doc, STAKEHOLDERS, line, at=now)
        except EditError:
            continue   # a section a person removed: `esc check` says so
    return doc


def run_notify(opts: NotifyOptions) -> NotifyResult:
    root = opts.repo.resolve()
    if not (root / store.DOCS_DIR).is_dir():
        raise DeskError(f"{root / store.DOCS_DIR} does not exist", hint="run `esc init` or pass --repo")
    repo = gitrepo.open_repo(root)
    with gitrepo.exclusive(repo):
        docs = store.load_all(root)
        notices = plan_notices(docs, opts.config, opts.now)
        result = NotifyResult(planned=len(notices))
        deliverer = Deliverer(opts.config, opts.environ, github=opts.github, sleep=opts.sleep,
                              branch=gitrepo.current_branch(repo))
        if opts.dry_run:
            result.told = [f"{n.doc.front.id} {n.event}: {', '.join(r.person.name for r in people)} via "
                           f"{opts.config.notify.label(channel)} (dry run)"
                           for n in notices for channel, people in deliverer.routes(n).items()]
            return result
        if not notices:
            return result
        _refuse_dirty(repo, root)
        deliveries = deliverer.deliver(notices)
        result.failures = deliveries.failures
        result.told = [f"{t.notice.doc.front.id} {t.notice.event}: {t.recipient.person.name} ({t.recipient.role}) "
                       f"via {' and '.join(t.channels)}" for t in deliveries.told]
        paths = _write(root, docs, deliveries, opts)
        if paths:
            message = f"notify: {len(deliveries.told)} notification(s) recorded\n\n" + "\n".join(result.told) + "\n"
            result.commit = gitrepo.commit_paths(repo, [gitrepo.relative(repo, root / p) for p in paths], message,
                                                 opts.config.sync.commit_author)
            if opts.push:
                branch = gitrepo.current_branch(repo)
                gitrepo.push_merging(repo, opts.remote, branch, opts.config.sync.commit_author)
                result.pushed = f"{opts.remote}/{branch}"
    return result


def _refuse_dirty(repo, root: Path) -> None:  # noqa: ANN001
    dirty = gitrepo.dirty_paths(repo, [gitrepo.relative(repo, root / store.DOCS_DIR)])
    if dirty:
        raise DeskError(f"uncommitted changes in {dirty[0]}", hint="commit or stash them before notifying")


def _write(root: Path, docs: list[Document], deliveries: Deliveries, opts: NotifyOptions) -> list[str]:
    by_path: dict[str, list[Told]] = {}
    for item in deliveries.told:
        by_path.setdefault(item.notice.doc.path, []).append(item)
    written = []
    for doc in docs:
        if doc.path in by_path:
            after = recorded(doc, by_path[doc.path], opts.config, opts.now)
            if after.text != doc.text:
                store.write_atomic(root / doc.path, after.text)
                written.append(doc.path)
    return written
