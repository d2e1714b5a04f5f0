"""HEARD: what we write to the customer is checked for the playbook's "never say" phrases and
blame, with the better wording — on new entries only (as written, and in a PR's check)."""

from __future__ import annotations

import json
import subprocess

import pytest

from support.overdue import esc, write_config, write_doc


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "escalations").mkdir()
    return tmp_path

MESSAGE = "Please calm down, I'm sorry you feel that way. We'll look into it and get back to you."


def test_esc_log_warns_about_what_we_just_wrote(repo):
    write_config(repo)
    write_doc(repo, "ESC-7001", opened="2026-11-23T14:00:00Z")
    result = esc("--repo", str(repo), "--now", "2026-11-23T15:00:00Z", "log", "ESC-7001", "comm", MESSAGE)
    assert result.code == 0, result.err
    warnings = [line for line in result.out.splitlines() if ": warning: " in line]
    assert len(warnings) == 3 and all(line.endswith("[heard-never-say]") for line in warnings)
    assert "“calm down”" in warnings[0] and "I understand this has been incredibly frustrating" in warnings[0]
    assert "non-apology" in result.out and "I will personally own this" in result.out
    calm = esc("--repo", str(repo), "--now", "2026-11-23T16:00:00Z", "log", "ESC-7001", "comm",
               "The sync is restored; next update by 3pm.")
    assert "warning" not in calm.out


def test_blame_is_flagged_and_the_lint_is_configurable(repo):
    write_config(repo, extra='[lints]\noff = ["heard-never-say"]\nas_errors = ["heard-blame"]')
    write_doc(repo, "ESC-7002", opened="2026-11-23T14:00:00Z")
    result = esc("--repo", str(repo), "--now", "2026-11-23T15:00:00Z", "log", "ESC-7002", "comm",
                 "Calm down. Your admin misconfigured the SSO, which caused this.")
    lines = [line for line in result.out.splitlines() if "[heard-" in line]
    assert len(lines) == 1 and ": error: " in lines[0] and lines[0].endswith("[heard-blame]")


def _git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_a_pull_request_check_raises_it_on_new_entries_only(repo):
    write_config(repo)
    path = write_doc(repo, "ESC-7003", opened="2026-11-23T14:00:00Z")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@e", "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "base")
    assert esc("--repo", str(repo), "--now", "2026-11-23T15:00:00Z", "log", "ESC-7003", "comm", MESSAGE).code == 0
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qam", "old entry")
    # A later change adds a good entry: the old one is never raised again.
    assert esc("--repo", str(repo), "--now", "2026-11-23T16:00:00Z", "log", "ESC-7003", "comm", "Fix deployed.").code == 0
    checked = esc("--repo", str(repo), "--now", "2026-11-23T16:05:00Z", "check", "--base", "HEAD", "--format", "json")
    codes = [f["code"] for f in json.loads(checked.out)["findings"]]
    assert not any(c.startswith("heard-") for c in codes), codes
    first = esc("--repo", str(repo), "--now", "2026-11-23T16:05:00Z", "check", "--base", "main~0", "--format", "json")
    assert first.code in (0, 1) and path.exists()
    whole = esc("--repo", str(repo), "--now", "2026-11-23T16:05:00Z", "check", "--base", "HEAD~1", "--format", "json")
    assert [f["code"] for f in json.loads(whole.out)["findings"]].count("heard-never-say") == 3
