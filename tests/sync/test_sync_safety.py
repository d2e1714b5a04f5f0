"""A sync that cannot destroy work (SPEC §7): every way the sync used to lose or misplace a
person's work, with real git repositories (a bare origin and clones) and the sandbox.

Each test here failed on the sync before these guards: uncommitted work outside
`escalations/` wiped by `reset --hard` after a rejected push, commits made on a detached
HEAD or in the middle of a rebase/merge, a line typed into a document while the sync ran
overwritten (and later: committed inside the sync's own commit)."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from escalation_desk.config import load_config
from escalation_desk.errors import DeskError
from escalation_desk.progress import Progress
from escalation_desk.sandbox import Sandbox
from escalation_desk.sandbox.dataset import SCENARIOS
from escalation_desk.sync.run import SyncOptions, run_sync
from support.sync import NOW, bare_origin, clone, doc_path, esc, git, head, make_repo, status, upstream_later

ACME = SCENARIOS["escalated_sync"]
PERSON_LINE = "- 2026-11-26 11:58 UTC: phone — Called their CFO, typed while the sync ran\n"


@pytest.fixture
def origin(tmp_path: Path, sandbox: Sandbox, sandbox_env: dict) -> Path:
    seed = make_repo(tmp_path / "seed", sandbox)
    (seed / "notes.txt").write_text("team notes\n")
    git(seed, "add", "notes.txt")
    git(seed, "commit", "-qm", "notes")
    return bare_origin(tmp_path, sandbox)


def push_from_elsewhere(origin: Path, tmp_path: Path) -> None:
    """Someone pushes while the runner's checkout is behind (its push will be rejected)."""
    person = clone(origin, tmp_path / "elsewhere")
    (person / "escalations" / "HANDOVER.txt").write_text("handover\n")
    git(person, "add", "-A")
    git(person, "commit", "-qm", "Handover")
    git(person, "push", "-q", "origin", "main")


class EditsDuring(Progress):
    """A person at the keyboard: when the sync reaches a phase, they change a file."""

    def __init__(self, phase: str, edit) -> None:  # noqa: ANN001
        self.at, self.edit, self.fired = phase, edit, False

    def phase(self, name: str, total: int | None = None) -> None:
        if name == self.at and not self.fired:
            self.fired = True
            self.edit()


def sync(repo: Path, progress: Progress, push: bool = False):
    config = load_config(repo / "escalations.toml")
    now = datetime.fromisoformat(NOW.replace("Z", "+00:00")).astimezone(timezone.utc)
    return run_sync(SyncOptions(repo, config, now, push=push, progress=progress))


def test_refuses_uncommitted_changes_to_a_tracked_file_anywhere(origin: Path, tmp_path: Path) -> None:
    runner = clone(origin, tmp_path / "runner")
    push_from_elsewhere(origin, tmp_path)
    (runner / "notes.txt").write_text("team notes\nhalf-written handover for Acme\n")
    run = esc(runner, "sync", "--push")
    assert run.code == 2 and run.err_lines == ["esc: error: uncommitted changes in notes.txt; commit or stash them before syncing"]
    assert (runner / "notes.txt").read_text().endswith("half-written handover for Acme\n")


def test_refuses_a_detached_head(repo: Path) -> None:
    git(repo, "checkout", "-q", "--detach")
    before = head(repo)
    run = esc(repo, "sync")
    assert run.code == 2 and "HEAD is detached" in run.err and len(run.err_lines) == 1
    assert head(repo) == before


def test_refuses_a_rebase_in_progress(repo: Path) -> None:
    (repo / "a.txt").write_text("a\n")
    git(repo, "add", "a.txt")
    git(repo, "commit", "-qm", "a")
    git(repo, "-c", "sequence.editor=sed -i s/^pick/edit/", "rebase", "-q", "-i", "HEAD~1")
    assert (repo / ".git" / "rebase-merge").exists()
    before = head(repo)
    run = esc(repo, "sync")
    assert run.code == 2 and "a rebase is in progress" in run.err and "git rebase --abort" in run.err
    assert head(repo) == before


def test_refuses_a_merge_in_progress(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "side")
    (repo / "b.txt").write_text("b\n")
    git(repo, "add", "b.txt")
    git(repo, "commit", "-qm", "b")
    git(repo, "checkout", "-q", "main")
    (repo / "c.txt").write_text("c\n")
    git(repo, "add", "c.txt")
    git(repo, "commit", "-qm", "c")
    git(repo, "merge", "-q", "--no-commit", "side")
    run = esc(repo, "sync")
    assert run.code == 2 and "a merge is in progress" in run.err


def test_a_rejected_push_drops_only_the_syncs_own_commit(origin: Path, tmp_path: Path) -> None:
    runner = clone(origin, tmp_path / "runner")
    push_from_elsewhere(origin, tmp_path)
    notes = runner / "notes.txt"
    person = EditsDuring("Zendesk: write-back", lambda: notes.write_text("team notes\nedited during the sync\n"))
    result = sync(runner, person, push=True)
    assert person.fired and result.pushed == "origin/main" and result.push_attempts == 2
    assert notes.read_text() == "team notes\nedited during the sync\n"        # reset --hard wiped this
    assert status(runner).split() == ["M", "notes.txt"]


def _typed_into(path: Path):  # noqa: ANN202
    def type_a_line() -> None:
        text = path.read_text()
        marker = "\n## Internal Stakeholders Notified"
        head_, tail = text.split(marker, 1)
        path.write_text(head_.rstrip("\n") + "\n" + PERSON_LINE + "\n" + marker.lstrip("\n") + tail)
    return type_a_line


def test_a_line_typed_while_the_sync_runs_is_kept_uncommitted_and_the_run_stops(repo: Path, sandbox: Sandbox) -> None:
    """Review F17: the sync's commit used to carry the person's half-typed line unannounced
    (with --push straight onto main, past the pull-request check)."""
    assert esc(repo, "sync").code == 0
    path = doc_path(repo, "ESC-48213")
    relative = path.relative_to(repo).as_posix()
    before = head(repo)
    upstream_later(sandbox)
    comment = sandbox.zendesk.add_comment(ACME, "Any news on the fix?", sandbox.zendesk.tickets[ACME]["requester_id"])
    with pytest.raises(DeskError) as refused:
        sync(repo, EditsDuring("Zendesk: write-back", _typed_into(path)))
    message = str(refused.value)
    assert f"{relative} was edited while the sync ran and the edit is not committed" in message
    assert "the edit is kept" in message and "commit or stash it" in message
    assert head(repo) == before                                          # nothing committed
    assert PERSON_LINE in path.read_text() and f"zd:comment:{comment['id']}" not in path.read_text()
    assert status(repo).split() == ["M", relative]                       # only the person's edit, kept
    git(repo, "commit", "-qam", "Called their CFO")
    result = sync(repo, Progress())                                      # the next run brings the reply
    committed = git(repo, "show", f"HEAD:{relative}")
    assert result.commit and PERSON_LINE in committed and f"zd:comment:{comment['id']}" in committed
    assert git(repo, "log", "-1", "--format=%an", "--", relative).strip() != ""


def test_a_commit_made_while_the_sync_runs_is_planned_on(repo: Path, sandbox: Sandbox) -> None:
    assert esc(repo, "sync").code == 0
    path = doc_path(repo, "ESC-48213")
    relative = path.relative_to(repo).as_posix()
    upstream_later(sandbox)
    comment = sandbox.zendesk.add_comment(ACME, "Any news on the fix?", sandbox.zendesk.tickets[ACME]["requester_id"])

    def type_and_commit() -> None:
        _typed_into(path)()
        git(repo, "commit", "-qam", "Called their CFO")

    result = sync(repo, EditsDuring("Zendesk: write-back", type_and_commit))
    committed = git(repo, "show", f"HEAD:{relative}")
    assert result.commit and PERSON_LINE in committed and f"zd:comment:{comment['id']}" in committed
    assert git(repo, "log", "-1", "--format=%s", "HEAD~1").strip() == "Called their CFO"   # theirs, then ours
    assert any("changed in a commit made while the sync ran" in note for note in result.notes)
    assert status(repo) == ""


def test_a_write_failure_restores_every_file_and_the_next_run_starts(repo: Path, sandbox: Sandbox) -> None:
    assert esc(repo, "sync").code == 0
    blocker = repo / "escalations" / "README.md"          # the dashboard the sync regenerates
    blocker.unlink()
    blocker.mkdir()
    (blocker / "keep.txt").write_text("in the way\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a folder where the dashboard goes")
    before, files = head(repo), {p: p.read_bytes() for p in (repo / "escalations").glob("*") if p.is_file()}
    upstream_later(sandbox)
    sandbox.zendesk.add_comment(ACME, "Still waiting.", sandbox.zendesk.tickets[ACME]["requester_id"])
    run = esc(repo, "sync")
    errors = [line for line in run.err_lines if line.startswith("esc:")]
    assert run.code == 2 and len(errors) == 1 and "README.md: Is a directory" in errors[0]
    assert head(repo) == before and status(repo) == ""
    assert {p: p.read_bytes() for p in (repo / "escalations").glob("*") if p.is_file()} == files
    git(repo, "rm", "-rq", "escalations/README.md")
    git(repo, "commit", "-qm", "folder gone")
    assert esc(repo, "sync").code == 0


def test_pr_never_blocks_when_the_rolling_branch_cannot_take_main(origin: Path, tmp_path: Path, sandbox: Sandbox,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The rolling pull request was squash-merged at its first commit while the sync had already
    added a second: the branch and main changed the same generated lines apart."""
    monkeypatch.setenv("ESC_GITHUB_THROTTLE", "0")
    monkeypatch.setenv("ESC_GITHUB_RETRIES", "0")
    runner, person = clone(origin, tmp_path / "runner"), clone(origin, tmp_path / "person")
    requester = sandbox.zendesk.tickets[ACME]["requester_id"]
    assert esc(runner, "sync", "--pr").code == 0
    upstream_later(sandbox)
    second = sandbox.zendesk.add_comment(ACME, "Is there an ETA?", requester)
    assert esc(runner, "sync", "--pr").code == 0
    git(person, "fetch", "-q", "origin")
    git(person, "checkout", "-q", "origin/esc-sync~1", "--", "escalations")   # GitHub's squash of the first commit
    git(person, "commit", "-qm", "Escalation Desk sync (#1)")
    git(person, "push", "-q", "origin", "main")
    upstream_later(sandbox, minutes=10)
    third = sandbox.zendesk.add_comment(ACME, "Customer escalated to their VP.", requester)
    git(runner, "pull", "-q", "--ff-only")                # a fresh checkout of main, as in Actions
    run = esc(runner, "sync", "--pr")
    assert run.code == 0, run.text
    assert "esc-sync could not take main: rebuilt from main and planned again" in run.out
    git(person, "fetch", "-q", "origin")
    git(person, "merge", "-q", "--ff-only", "origin/esc-sync")    # the branch now takes main (never forced)
    text = doc_path(person, "ESC-48213").read_text()
    assert text.count(f"zd:comment:{second['id']}") == 1 and text.count(f"zd:comment:{third['id']}") == 1
    notes = [c for c in sandbox.zendesk.comments[ACME] if "Escalation Desk is tracking" in c["body"]]
    assert len(notes) == 1


class CtrlCDuringWriteBack(Progress):
    """A person pressing Ctrl-C once the write-back has written to `after` tickets."""

    def __init__(self, after: int) -> None:
        self.after, self.in_write_back, self.seen = after, False, 0

    def phase(self, name: str, total: int | None = None) -> None:
        self.in_write_back = name == "Zendesk: write-back"

    def advance(self, step: int = 1) -> None:
        if self.in_write_back:
            self.seen += step
            if self.seen == self.after:
                raise KeyboardInterrupt


def test_ctrl_c_after_part_of_the_write_back_says_zendesk_is_ahead_of_git(repo: Path, sandbox: Sandbox) -> None:
    """Review F18: the tickets already link documents the interrupted run never committed."""
    before = head(repo)
    with pytest.raises(KeyboardInterrupt) as stopped:
        sync(repo, CtrlCDuringWriteBack(after=2))
    # Every write Zendesk answered counts, also those the worker threads finished after the Ctrl-C
    # reached the run (the sandbox's log says how many it applied).
    said = str(stopped.value)
    found = re.match(r"Zendesk was already updated for (\d+) ticket\(s\)(?: and may have been updated for (\d+) more)?",
                     said)
    assert found, said
    done, maybe = int(found[1]), int(found[2] or 0)
    applied = sum(1 for e in sandbox.log.entries("zendesk") if e.method == "PUT" and e.status == 200)
    assert 2 <= done <= applied <= done + maybe
    assert "git was not; run the sync again" in str(stopped.value)
    assert head(repo) == before and status(repo) == ""
    result = sync(repo, Progress())                                  # the next run commits, no note twice
    assert result.commit
    notes = [c for c in sandbox.zendesk.comments[ACME] if "Escalation Desk is tracking" in c["body"]]
    assert len(notes) == 1


def test_ctrl_c_before_any_write_back_is_a_plain_interrupt(repo: Path) -> None:
    def press_ctrl_c() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt) as stopped:
        sync(repo, EditsDuring("Zendesk: write-back", press_ctrl_c))
    assert str(stopped.value) == ""                                   # nothing to add: Zendesk untouched
