"""The driver through real git: `esc init` registers it, `git merge` and `git rebase` use it."""

from __future__ import annotations

from pathlib import Path

from escalation_desk.tracking.parse import parse_document
from support.merge import BASE_TEXT, DOC, commit_on, documents_repo, git

SEVERITY = ("severity: SEV-2", "severity: SEV-1")
HEALTH = ("health_score: 54", "health_score: 41")
LAST_COMM = "- 2026-11-20 18:30 UTC: phone — Walked their RevOps lead through the CSV export\n"
CSM_LOG = LAST_COMM + "- 2026-11-21 10:30 UTC: phone — Called their CFO with the plan\n"
SYNC_REPLY = LAST_COMM + "- 2026-11-21 09:00 UTC: email — Customer asked for an ETA <!-- zd:comment:9950 -->\n"


def csm_and_sync(repo: Path) -> None:
    commit_on(repo, "csm", BASE_TEXT.replace(*SEVERITY).replace(LAST_COMM, CSM_LOG))
    commit_on(repo, "main", BASE_TEXT.replace(*HEALTH).replace(LAST_COMM, SYNC_REPLY))


def test_esc_init_registers_the_driver(tmp_path):
    repo = documents_repo(tmp_path / "r")
    assert "escalations/*.md merge=escalation-desk" in (repo / ".gitattributes").read_text()
    driver = git(repo, "config", "merge.escalation-desk.driver").stdout.strip()
    assert driver == "esc merge-driver %O %A %B %P"
    assert git(repo, "check-attr", "merge", DOC).stdout.strip().endswith("merge: escalation-desk")


def test_plain_git_conflicts_where_the_driver_merges(tmp_path):
    plain = documents_repo(tmp_path / "plain", driver=False)
    csm_and_sync(plain)
    assert git(plain, "merge", "--no-edit", "csm", check=False).returncode == 1

    repo = documents_repo(tmp_path / "driver")
    csm_and_sync(repo)
    git(repo, "merge", "--no-edit", "csm")
    doc = parse_document(DOC, (repo / DOC).read_text())
    assert doc.front.severity == "SEV-1" and doc.front.health_score == 41
    assert [c.summary for c in doc.comms][-2:] == ["Customer asked for an ETA", "Called their CFO with the plan"]


def test_rebase_uses_the_driver_too(tmp_path):
    repo = documents_repo(tmp_path / "r")
    csm_and_sync(repo)
    git(repo, "checkout", "-q", "csm")
    git(repo, "rebase", "main")
    text = (repo / DOC).read_text()
    assert "severity: SEV-1" in text and "zd:comment:9950" in text and "Called their CFO" in text


def test_a_real_conflict_is_marked_only_where_it_is(tmp_path):
    repo = documents_repo(tmp_path / "r")
    commit_on(repo, "csm", BASE_TEXT.replace(*SEVERITY).replace(LAST_COMM, CSM_LOG))
    commit_on(repo, "main", BASE_TEXT.replace("severity: SEV-2", "severity: SEV-3").replace(LAST_COMM, SYNC_REPLY))
    done = git(repo, "merge", "--no-edit", "csm", check=False)
    assert done.returncode == 1 and "conflict: front-matter key 'severity'" in done.stderr + done.stdout
    text = (repo / DOC).read_text()
    assert text.count("<<<<<<<") == 1 and "Called their CFO" in text and "zd:comment:9950" in text


def test_a_document_emptied_on_one_branch_conflicts_whole_through_git(tmp_path):
    """Review F24, through git: the driver used to leave only the other side's one changed line."""
    repo = documents_repo(tmp_path / "r")
    commit_on(repo, "csm", "")
    commit_on(repo, "main", BASE_TEXT.replace(*HEALTH))
    done = git(repo, "merge", "--no-edit", "csm", check=False)
    assert done.returncode == 1 and "no longer a readable document" in done.stderr + done.stdout
    text = (repo / DOC).read_text()
    assert BASE_TEXT.replace(*HEALTH) in text and text.startswith("<<<<<<< ours\n")
