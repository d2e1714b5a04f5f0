"""The commands around the sync: `esc sandbox serve`, and how a sync reports (`esc demo`: tests/demo)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from escalation_desk.sandbox import Sandbox
from support.sync import esc, git


def test_sandbox_serve_rejects_a_bad_fault_in_one_line(tmp_path: Path) -> None:
    run = esc(tmp_path, "sandbox", "serve", "--fault", "zendesk:teapot")
    assert run.code == 2
    assert run.err.startswith("esc: error: fault 'zendesk:teapot': unknown kind") and run.err.count("\n") == 1


def test_ci_progress_is_plain_lines_and_the_summary_counts_calls(repo: Path, sandbox: Sandbox,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    summary = repo.parent / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run = esc(repo, "sync")
    assert run.code == 0, run.text
    assert not re.search(r"\x1b\[", run.text)                    # no terminal control codes
    assert all(line.startswith("sync: ") for line in run.err.splitlines())
    assert "sync: Zendesk: comments (" in run.err
    last = run.out.strip().splitlines()[-1]
    assert re.match(r"  API calls: Zendesk \d+, Salesforce \d+; \d+\.\d s$", last), last
    assert "Escalation Desk sync" in summary.read_text()
    quiet = esc(repo, "sync", "--quiet")
    assert quiet.code == 0 and quiet.err == ""
