"""What git remembers, read from real repositories built in a temporary folder."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from escalation_desk.report.history import read_history, until

import report_fixtures as fx


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def test_versions_per_escalation_oldest_first_with_author_times(git_repo):
    history = read_history(git_repo)
    assert sorted(history) == ["ESC-101", "ESC-201", "ESC-202", "ESC-250", "ESC-301", "ESC-302", "ESC-303",
                               "ESC-304", "ESC-401"]           # ESC-102 was never committed
    assert [(v.at, v.severity, v.owner, v.plan_steps) for v in history["ESC-101"]] == [
        (utc("2026-06-01T10:05:00Z"), "SEV-2", "Kim Lee", 0),
        (utc("2026-06-01T10:45:00Z"), "SEV-1", "Ana Souza", 1),
    ]
    assert [v.owner for v in history["ESC-303"]] == ["Kim Lee", "Dana Whitfield"]
    assert [v.owner for v in until(history["ESC-303"], fx.NOW)] == ["Kim Lee"]   # the later commit is unseen


def test_not_a_git_repository_means_no_history(plain_repo):
    assert read_history(plain_repo) is None


def test_a_repository_without_commits_has_empty_history(tmp_path):
    repo = fx.write_plain(tmp_path / "repo")
    fx.git(repo, "init", "-q", "-b", "main")
    assert read_history(repo) == {}


def test_a_renamed_document_keeps_its_history(tmp_path):
    repo = tmp_path / "repo"
    (repo / "escalations").mkdir(parents=True)
    fx.git(repo, "init", "-q", "-b", "main")
    text = fx.final_documents()["ESC-401.md"]
    (repo / "escalations" / "ESC-401.md").write_text(text.replace("owner: Raj Patel", "owner: Kim Lee"), encoding="utf-8")
    fx.git(repo, "add", "-A")
    fx.git(repo, "commit", "-q", "-m", "new", when="2026-06-26T09:30:00Z")
    fx.git(repo, "mv", "escalations/ESC-401.md", "escalations/ESC-401-billing-template-é.md")
    (repo / "escalations" / "ESC-401-billing-template-é.md").write_text(text, encoding="utf-8")
    (repo / "escalations" / "README.md").write_text("# Dashboard\n", encoding="utf-8")
    (repo / "escalations" / "ESC-900.md").write_text("not a document\n", encoding="utf-8")
    fx.git(repo, "add", "-A")
    fx.git(repo, "commit", "-q", "-m", "rename and reassign", when="2026-06-27T09:00:00Z")
    history = read_history(repo)
    assert list(history) == ["ESC-401"]                     # README.md and the broken file are ignored
    assert [(v.at, v.owner) for v in history["ESC-401"]] == [
        (utc("2026-06-26T09:30:00Z"), "Kim Lee"), (utc("2026-06-27T09:00:00Z"), "Raj Patel")]


def test_documents_in_a_subfolder_of_a_larger_repository(tmp_path):
    outer = tmp_path / "outer"
    team = outer / "teams" / "emea"
    (team / "escalations").mkdir(parents=True)
    (outer / "escalations").mkdir()
    fx.git(outer, "init", "-q", "-b", "main")
    (team / "escalations" / "ESC-301.md").write_text(fx.final_documents()["ESC-301.md"], encoding="utf-8")
    (outer / "escalations" / "ESC-302.md").write_text(fx.final_documents()["ESC-302.md"], encoding="utf-8")
    fx.git(outer, "add", "-A")
    fx.git(outer, "commit", "-q", "-m", "docs", when="2026-06-21T09:00:00Z")
    assert list(read_history(team)) == ["ESC-301"]          # only this repository folder's documents
    assert list(read_history(outer)) == ["ESC-302"]


def test_inherited_git_variables_do_not_redirect_the_history(git_repo, tmp_path, monkeypatch):
    decoy = tmp_path / "decoy"
    decoy.mkdir()
    fx.git(decoy, "init", "-q", "-b", "main")
    monkeypatch.setenv("GIT_DIR", str(decoy / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(decoy))
    assert "ESC-101" in read_history(Path(git_repo))
