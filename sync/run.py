"""`esc sync`: one run of the pipeline, start to finish.

    pull (gather) → detect, classify, merge (plan) → write back to Zendesk → write the
    documents, index.json and the state atomically → one commit → push / pull request

The repository changes only at the end, in one commit; if anything fails before that,
the files written so far are restored and nothing is committed. The Zendesk write-back
comes before the commit so that the state file in the commit records what Zendesk
really carries (a failed write-back leaves the repository as it was; the next run
writes again, and the tags are idempotent). A run that fails or is interrupted after
writing to Zendesk but before its commit says so in its one line.

A document a person changes while the run plans it is never overwritten: a commit made
meanwhile is planned on; an edit not committed stops the run (it is kept, uncommitted —
a sync commit must not carry a person's words past the pull-request check unannounced).

A push rejected because someone pushed meanwhile drops our commit (only ours), merges
theirs, re-plans on top with the snapshot already in memory and tries again — never a
force push.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable, Mapping

from escalation_desk.config import Config
from escalation_desk.errors import DeskError
from escalation_desk.tracking import store
from escalation_desk.tracking.entries import clean_inline
from escalation_desk.report.run import dashboard_text, written_by_a_person
from escalation_desk.tracking import checksummary
from escalation_desk.tracking.index import index_texts

from escalation_desk import gitrepo
from . import writeback
from .commitmsg import commit_message, dry_run_diff
from .gather import Snapshot, gather
from .plan import Outcome, build, replay_too_long
from escalation_desk.progress import Progress, SyncResult
from .sources import Sources
from .state import STATE_PATH, SyncState, parse_iso

INDEX_PATH, CHECK_SUMMARY_PATH = "escalations/index.json", "escalations/check-summary.json"   # both in each commit
DASHBOARD_PATH = "escalations/README.md"


@dataclass
class SyncOptions:
    repo: Path
    config: Config
    now: datetime
    dry_run: bool = False
    push: bool = False
    pull_request: bool = False
    remote: str = "origin"
    progress: Progress = field(default_factory=Progress)
    env: Mapping[str, str] | None = None
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic      # pacing under the vendors' limits


class PersonEdited(Exception):
    """A document changed on disk while the run was planning it: plan again on the new text."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


CAS_ATTEMPTS = 3


class _Run:
    def __init__(self, opts: SyncOptions) -> None:
        self.opts = opts
        self.config = opts.config
        self.root = opts.repo.resolve()
        self.git = gitrepo.open_repo(self.root)
        self.sources = Sources(opts.config, opts.env, sleep=opts.sleep, clock=opts.clock)
        self.result = SyncResult(dry_run=opts.dry_run)
        self.branch: str | None = None       # where the commit goes
        self.base: str | None = None         # the branch the run started on
        self.sources_cursor: str | None = None
        self.written_back: dict = {}         # write-back records of a rolling branch that was rebuilt
        self.run_notes: list[str] = []       # what the run itself had to do (said in the summary)
        self.snapshot_incomplete = False
        self.uncommitted = writeback.Tally()  # Zendesk write-back requests since the last commit

    def rel(self, path: str) -> str:
        return gitrepo.relative(self.git, self.root / path)

    # ------------------------------------------------------------------ steps

    def load(self) -> tuple[SyncState, list]:
        return SyncState.load(self.root), store.load_all(self.root)

    def preflight(self) -> None:
        self.sources.check()
        if self.opts.dry_run:
            return
        self.refuse_unsafe_start()
        self.base = gitrepo.current_branch(self.git)
        if (self.opts.push or self.opts.pull_request) and not gitrepo.has_remote(self.git, self.opts.remote):
            raise DeskError(f"no git remote named {self.opts.remote!r} to push to", hint="add one, or drop --push/--pr")
        self.branch = self.config.sync.branch if self.opts.pull_request else self.base
        if self.opts.pull_request:
            self._enter_sync_branch()

    def refuse_unsafe_start(self) -> None:
        """The sync commits and may take its commit back: it starts only where neither can
        touch a person's work (SPEC §7)."""
        unfinished = gitrepo.unfinished_operation(self.git)
        if unfinished:
            what, command = unfinished
            raise DeskError(f"{what} is in progress in {self.root}; the sync will not commit in the middle of it",
                            hint=f"finish it ({command} --continue) or abort it ({command} --abort), then run again")
        if gitrepo.current_branch(self.git) is None:
            raise DeskError("HEAD is detached; the sync commits onto a branch", hint="check one out, e.g. git checkout main")
        dirty = gitrepo.tracked_changes(self.git)
        dirty += [p for p in gitrepo.dirty_paths(self.git, [self.rel("escalations")]) if p not in dirty]
        if dirty:
            raise DeskError(f"uncommitted changes in {dirty[0]}" + (f" and {len(dirty) - 1} more" if len(dirty) > 1 else ""),
                            hint="commit or stash them before syncing")

    def _enter_sync_branch(self) -> None:
        remote, branch = self.opts.remote, self.branch
        if gitrepo.fetch(self.git, remote, branch):
            gitrepo.checkout_branch(self.git, branch, f"{remote}/{branch}")
            if not gitrepo.merge(self.git, self.base, f"Merge {self.base} into {branch}", self.config.sync.commit_author):
                self._rebuild_sync_branch()
        else:
            gitrepo.checkout_branch(self.git, branch, "HEAD")

    def _rebuild_sync_branch(self) -> None:
        """The rolling branch cannot take the base (e.g. after its pull request was squash-merged):
        start it again from the base and plan on top, as `--push` does. Only the sync's own
        commits are given up (the next plan writes their content again); the old tip stays in
        the history (an ``-s ours`` merge), so the push is never forced."""
        remote, branch, base = self.opts.remote, self.branch, self.base
        theirs = [(sha, subject) for sha, subject in gitrepo.commits_between(self.git, base, f"{remote}/{branch}")
                  if not subject.startswith(("sync: ", "Merge "))]
        if theirs:
            gitrepo.checkout_branch(self.git, base, base)
            raise DeskError(f"{branch} cannot take {base} without conflicts, and it holds a person's commit "
                            f"{theirs[0][0][:12]} ({clean_inline(theirs[0][1], 60)})",
                            hint="merge or close the open sync pull request, then run again")
        old_state = gitrepo.file_at(self.git, f"{remote}/{branch}", self.rel(STATE_PATH))
        if old_state:   # what Zendesk carries already (the notes written once stay written once)
            self.written_back = SyncState.loads(old_state.decode("utf-8")).written_back
        gitrepo.checkout_branch(self.git, branch, base)
        gitrepo.merge(self.git, f"{remote}/{branch}", f"Rebuild {branch} from {base}", self.config.sync.commit_author,
                      keep_ours=True)
        self.run_notes.append(f"{branch} could not take {base}: rebuilt from {base} and planned again")

    def start_point(self) -> str | None:
        return gitrepo.head_sha(self.git)

    def files(self, outcome: Outcome) -> list[tuple[str, str]]:
        """(relative path, new text) for everything this outcome writes."""
        out = [(c.path, c.after) for c in outcome.changes]
        if outcome.documents_changed or self.summary_stale():
            texts = index_texts(outcome.docs, self.config, self.opts.now, gitrepo.object_format(self.root))
            out += zip((INDEX_PATH, CHECK_SUMMARY_PATH), texts)
        if outcome.documents_changed and not written_by_a_person(self.root / DASHBOARD_PATH):
            out.append((DASHBOARD_PATH, dashboard_text(outcome.docs, self.root, self.config, self.opts.now)))
        out.append((STATE_PATH, outcome.state.dumps()))
        return out

    def summary_stale(self) -> bool:
        """The committed check summary is one the pull-request check would not use (a merge left it
        stale, or it does not name the index beside it): rewritten even when no document changed."""
        summary, index = self.root / CHECK_SUMMARY_PATH, self.root / INDEX_PATH
        if not summary.is_file() or not index.is_file():
            return False
        found = checksummary.read_summary(summary.read_bytes())
        return found is None or found[0] != checksummary.file_blob_sha(index, gitrepo.object_format(self.root))

    def write_and_commit(self, outcome: Outcome, message: str) -> str | None:
        """Write every file and commit them together; on any failure put every file back
        (all or nothing). None when every file already says what it should. A document a
        person changed since it was read is never overwritten: PersonEdited says which."""
        items = []
        for relative, text in self.files(outcome):
            target = self.root / relative
            if not target.exists() or target.read_bytes() != text.encode("utf-8"):
                items.append((relative, target, text))
        if not items:
            return None
        paths = [self.rel(relative) for relative, _, _ in items]
        read = {c.path: c.before for c in outcome.changes}
        batch = store.Batch(Path(self.git.git_dir) / "esc-sync-backup")
        self.unchanged_since_read(read)
        before = gitrepo.head_sha(self.git)
        try:
            batch.write([(target, text) for _, target, text in items], lambda: self.unchanged_since_read(read))
            commit = gitrepo.commit_paths(self.git, paths, message, self.config.sync.commit_author)
        except BaseException:
            if gitrepo.head_sha(self.git) != before:
                batch.keep()
                raise   # interrupted after the commit landed: it is complete; keep the files it holds
            try:
                self.git.git.reset("-q", "--", *paths)
            except Exception:  # noqa: BLE001 - the index only: the files are what matters
                pass
            batch.undo()
            raise
        batch.keep()
        return commit

    def unchanged_since_read(self, read: dict[str, str | None]) -> None:
        """Compare-and-swap: each document must still be what the plan read."""
        for relative, before in read.items():
            target = self.root / relative
            now = target.read_bytes() if target.exists() else None
            if now != (before.encode("utf-8") if before is not None else None):
                raise PersonEdited(relative)

    def catch_up(self, snap: Snapshot, outcome: Outcome, start: datetime) -> None:
        """After our own write-back, move the cursor past it when nothing else happened
        meanwhile, so the next run does not read those tickets again."""
        later = self.sources.zendesk.changed_tickets(outcome.state.cursor, start)
        ours = outcome.state.written_back
        if all(ours.get(t.id) and parse_iso(ours[t.id].updated_at) == t.updated_at for t in later.tickets):
            outcome.state.cursor = later.cursor

    def commit_message(self, outcome: Outcome, written: int) -> str:
        moved = outcome.state.cursor != self.sources_cursor
        return commit_message(outcome, written, cursor_moved=moved, incomplete=self.snapshot_incomplete)

    # ------------------------------------------------------------------ the run

    def run(self) -> SyncResult:
        started = time.monotonic()
        opts = self.opts
        if opts.dry_run:
            self._locked_run(started)
        else:
            with gitrepo.exclusive(self.git):   # two runs at once would write every note twice
                self._locked_run(started)
        return self.result

    def _locked_run(self, started: float) -> None:
        opts = self.opts
        self.preflight()
        try:
            self._run(opts)
        finally:
            if opts.pull_request and self.base and gitrepo.current_branch(self.git) != self.base:
                gitrepo.checkout_branch(self.git, self.base, self.base)
            self.result.calls = self.sources.calls()
            self.result.warnings = self.sources.warnings()
            self.result.seconds = time.monotonic() - started

    def _run(self, opts: SyncOptions) -> None:
        state, docs = self.load()
        self.sources_cursor = state.cursor
        state.written_back.update(self.written_back)
        snap = gather(self.sources, self.config, state, docs, opts.now, opts.progress)
        self.snapshot_incomplete = not snap.complete
        if not snap.complete:
            self.run_notes.append(f"first sync continues: read {len(snap.changed) + snap.own_writes} changed "
                                  "tickets this run; the next run resumes from the committed cursor")
        outcome = build(self.config, snap, state, docs, opts.now)
        self._describe(outcome)
        if opts.dry_run:
            self.result.diff = dry_run_diff(outcome)
            return
        stale_changed = state.salesforce_stale_since != outcome.state.salesforce_stale_since
        stale_changed = stale_changed or state.health_scores != outcome.state.health_scores
        if not (outcome.changes or outcome.writebacks or stale_changed or replay_too_long(self.config, snap)
                or not snap.complete or self.summary_stale()):
            if opts.pull_request and self.branch_ahead():
                self._pull_request(update=False)   # an earlier run pushed but could not open it
            return
        try:
            self._write(opts, snap, outcome)
        except (DeskError, KeyboardInterrupt) as exc:
            if self.uncommitted:     # say it: the tickets already link documents git does not hold
                raise writeback.ahead_of_git(exc, self.uncommitted) from None
            raise
        if opts.pull_request and self.result.pushed:
            self._pull_request()

    def _write(self, opts: SyncOptions, snap: Snapshot, outcome: Outcome) -> None:
        start_sha = self.start_point()
        first_sync_start = opts.now - timedelta(days=self.config.zendesk.first_sync_days)
        ours: dict = {}
        for attempt in range(1, max(1, self.config.sync.push_attempts) + 1):
            by_path = {d.path: d for d in outcome.docs}
            written = writeback.apply(self.sources.zendesk, outcome.writebacks, by_path, outcome.state,
                                      lambda path: writeback.document_url(self.config, path, self.branch),
                                      opts.progress, self.uncommitted)
            self.result.written_back += written
            ours.update({p.ticket_id: outcome.state.written_back[p.ticket_id] for p in outcome.writebacks})
            if written and snap.complete:
                self.catch_up(snap, outcome, first_sync_start)
            outcome, self.result.commit = self._commit(snap, outcome, ours, written)
            self.uncommitted = writeback.Tally()
            self.result.push_attempts = attempt
            if not (opts.push or opts.pull_request) or self.result.commit is None:
                break
            if gitrepo.push(self.git, opts.remote, self.branch):
                self.result.pushed = f"{opts.remote}/{self.branch}"
                break
            outcome = self._resync(snap, start_sha, ours)
            if outcome is None:
                self.result.commit = None
                break
        else:
            raise DeskError(f"push to {opts.remote}/{self.branch} was rejected {self.config.sync.push_attempts} times "
                            "(others keep pushing)", hint="run the sync again")

    def _commit(self, snap: Snapshot, outcome: Outcome, ours: dict, written: int) -> tuple[Outcome, str | None]:
        """Write and commit; when a person edited a document meanwhile, plan again on their text."""
        path = ""
        for _ in range(CAS_ATTEMPTS):
            try:
                return outcome, self.write_and_commit(outcome, self.commit_message(outcome, written))
            except PersonEdited as edited:
                path = edited.path
                self.refuse_uncommitted_edit(path)
                self.run_notes.append(f"{path} changed in a commit made while the sync ran; planned again on it")
                outcome = self._replan(snap, outcome, ours)
        raise DeskError(f"{path} keeps changing while the sync runs; nothing was written",
                        hint="save your edit and run the sync again")

    def refuse_uncommitted_edit(self, path: str) -> None:
        """A document changed while the run planned it: a commit someone made meanwhile is
        planned on; an edit not committed is theirs to commit (a sync commit must not carry
        it unannounced, past the pull-request check), so nothing is written and it stays."""
        if gitrepo.dirty_paths(self.git, [self.rel(path)]):   # git's own answer (line-ending filters too)
            raise DeskError(f"{path} was edited while the sync ran and the edit is not committed; nothing was "
                            "written and the edit is kept", hint="commit or stash it, then run the sync again")

    def _replan(self, snap: Snapshot, previous: Outcome, ours: dict) -> Outcome:
        state, docs = self.load()
        state.written_back.update(ours)
        outcome = build(self.config, snap, state, docs, self.opts.now)
        outcome.state.cursor = previous.state.cursor    # what this run has already read
        self._describe(outcome)
        return outcome

    def _resync(self, snap: Snapshot, start_sha: str | None, ours: dict) -> Outcome | None:
        """Someone pushed meanwhile: drop our commit, take theirs, plan again on top."""
        remote, branch = self.opts.remote, self.branch
        if start_sha and self.result.commit:
            gitrepo.drop_own_commit(self.git, self.result.commit, start_sha)
        gitrepo.fetch(self.git, remote, branch)
        if not gitrepo.merge(self.git, f"{remote}/{branch}", f"Merge {remote}/{branch}", self.config.sync.commit_author):
            raise DeskError(f"cannot re-sync on top of {remote}/{branch}: local commits conflict with it",
                            hint="pull, resolve, and run the sync again")
        state, docs = self.load()
        state.written_back.update(ours)   # what Zendesk carries now (their state cannot know)
        if state.as_of and state.as_of > self.opts.now:
            snap.cursor = state.cursor  # their run read further than ours did
        outcome = build(self.config, snap, state, docs, self.opts.now)
        self.result.created, self.result.updated, self.result.notes = [], [], []
        self._describe(outcome)
        if not (outcome.changes or outcome.writebacks):
            return None
        return outcome

    def branch_ahead(self) -> bool:
        """The rolling branch on the remote holds commits the base does not."""
        remote_ref = f"{self.opts.remote}/{self.branch}"
        try:
            return bool(gitrepo.commits_between(self.git, self.base, remote_ref))
        except Exception:  # noqa: BLE001 - no such remote branch yet
            return False

    def _pull_request(self, update: bool = True) -> None:
        from escalation_desk.connectors.github import GitHubClient
        from escalation_desk.templates.github_text import inert

        lines = [f"- {inert(p)}" for p in self.result.created + self.result.updated] \
            or ["- (the sync's commits on this branch)"]
        body = ("Changes from the scheduled Escalation Desk sync (Zendesk and Salesforce). Review severity and "
                "owners; edits you push to this branch are kept by the next sync.\n\n" + "\n".join(lines) + "\n")
        pull = GitHubClient.from_env().ensure_pull_request(self.branch, self.base,
                                                          "Escalation Desk sync", body, update=update)
        self.result.pull_request = pull.url

    def _describe(self, outcome: Outcome) -> None:
        self.result.created = [c.path for c in outcome.changes if c.created]
        self.result.updated = [c.path for c in outcome.changes if not c.created]
        self.result.unchanged = outcome.unchanged
        self.result.skipped = list(outcome.skipped)
        self.result.notes = self.run_notes + list(outcome.notes)
        if outcome.documents_changed and written_by_a_person(self.root / DASHBOARD_PATH):
            self.result.notes.append(f"{DASHBOARD_PATH} was written by a person: the dashboard is not written over "
                                     "it (move its text to another file to get the dashboard back)")

def run_sync(opts: SyncOptions) -> SyncResult:
    """Run one sync; DeskError (one line) for everything a user can cause or fix."""
    return _Run(opts).run()

