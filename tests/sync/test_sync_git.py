"""The repository side: pushing through a race without losing anything, the rolling pull
request, and the sync branch; real git repositories (a bare "origin" and clones)."""

from __future__ import annotations

from pathlib import Path

import pytest

from escalation_desk.sandbox import Sandbox
from escalation_desk.sandbox.dataset import SCENARIOS
from support.sync import bare_origin, clone, doc_path, esc, git, head, status, upstream_later

ACME = SCENARIOS["escalated_sync"]


@pytest.fixture
def origin(tmp_path: Path, sandbox: Sandbox, sandbox_env: dict) -> Path:
    """A bare repository holding the documents repository's first commit."""
    return bare_origin(tmp_path, sandbox)


def test_push_race_loses_nothing(origin: Path, tmp_path: Path, sandbox: Sandbox) -> None:
    runner, person = clone(origin, tmp_path / "runner"), clone(origin, tmp_path / "person")
    # Someone pushes a change while the sync runner's checkout is behind.
    (person / "escalations" / "NOTES.txt").write_text("handover notes\n")
    git(person, "add", "-A")
    git(person, "commit", "-qm", "Handover notes")
    git(person, "push", "-q", "origin", "main")
    run = esc(runner, "sync", "--push")
    assert run.code == 0, run.text
    assert "pushed to origin/main after 2 attempts" in run.out
    log = git(origin, "log", "--format=%s", "main")
    assert "Handover notes" in log and "sync: " in log
    git(person, "pull", "-q", "--ff-only")
    assert (person / "escalations" / "NOTES.txt").exists() and doc_path(person, "ESC-48213").exists()
    assert status(runner) == ""


def test_two_syncs_racing_commit_each_change_once(origin: Path, tmp_path: Path, sandbox: Sandbox) -> None:
    first, second = clone(origin, tmp_path / "first"), clone(origin, tmp_path / "second")
    assert esc(first, "sync", "--push").code == 0
    # The second runner started from the same old state: its push is rejected, it re-syncs on
    # top of the first one's commit and finds everything already there.
    run = esc(second, "sync", "--push")
    assert run.code == 0, run.text
    assert git(origin, "log", "--format=%s", "main").count("sync: ") == 1
    git(second, "pull", "-q", "--ff-only")
    notes = [c for c in sandbox.zendesk.comments[ACME] if "Escalation Desk is tracking" in c["body"]]
    assert len(notes) == 1
    # an upstream change then lands exactly once, wherever it is synced from
    upstream_later(sandbox)
    comment = sandbox.zendesk.add_comment(ACME, "Any news?", sandbox.zendesk.tickets[ACME]["requester_id"])
    assert esc(first, "sync", "--push").code == 0
    assert esc(second, "sync", "--push").code == 0
    git(second, "pull", "-q", "--ff-only")
    assert doc_path(second, "ESC-48213").read_text().count(f"zd:comment:{comment['id']}") == 1


def test_a_human_edit_pushed_meanwhile_survives_the_resync(origin: Path, tmp_path: Path, sandbox: Sandbox) -> None:
    runner, person = clone(origin, tmp_path / "runner"), clone(origin, tmp_path / "person")
    assert esc(runner, "sync", "--push").code == 0
    git(person, "pull", "-q")
    path = doc_path(person, "ESC-48213")
    path.write_text(path.read_text().replace("severity: SEV-2", "severity: SEV-1"))
    git(person, "commit", "-qam", "Acme is SEV-1")
    upstream_later(sandbox)
    comment = sandbox.zendesk.add_comment(ACME, "Still broken.", sandbox.zendesk.tickets[ACME]["requester_id"])
    git(person, "push", "-q")
    run = esc(runner, "sync", "--push")          # starts behind the person's push
    assert run.code == 0, run.text
    git(person, "pull", "-q", "--ff-only")
    text = doc_path(person, "ESC-48213").read_text()
    assert "severity: SEV-1" in text and f"zd:comment:{comment['id']}" in text
    assert "esc_sev1" in sandbox.zendesk.tickets[ACME]["tags"]


def test_rolling_pull_request(origin: Path, tmp_path: Path, sandbox: Sandbox,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESC_GITHUB_THROTTLE", "0")
    monkeypatch.setenv("ESC_GITHUB_RETRIES", "0")
    runner = clone(origin, tmp_path / "runner")
    run = esc(runner, "sync", "--pr")
    assert run.code == 0, run.text
    assert "pull request: http" in run.out
    assert git(runner, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"   # back where it started
    assert "sync: " not in git(origin, "log", "--format=%s", "main")
    assert "sync: " in git(origin, "log", "--format=%s", "esc-sync")
    upstream_later(sandbox)
    sandbox.zendesk.add_comment(ACME, "Any update?", sandbox.zendesk.tickets[ACME]["requester_id"])
    run = esc(runner, "sync", "--pr")
    assert run.code == 0, run.text
    pulls = [i for i in sandbox.github.issues.values() if i.pull is not None and i.state == "open"]
    assert len(pulls) == 1 and pulls[0].pull.head_ref == "esc-sync"
    assert git(origin, "log", "--format=%s", "esc-sync").count("sync: ") == 2


def test_sync_refuses_uncommitted_changes_in_the_documents(repo: Path) -> None:
    (repo / "escalations" / "draft.md").write_text("half-written\n")
    before = head(repo)
    run = esc(repo, "sync")
    assert run.code == 2 and "uncommitted changes in escalations/draft.md" in run.err
    assert head(repo) == before


def test_no_remote_to_push_to(repo: Path) -> None:
    run = esc(repo, "sync", "--push")
    assert run.code == 2 and "no git remote named 'origin'" in run.err
