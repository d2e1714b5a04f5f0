"""Hostile review: what a hurried user or a broken environment can do to esc, and the one
line (never a traceback, never a secret, never a half-written repository) it must get back."""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest


from escalation_desk.sandbox import Sandbox  # noqa: E402
from escalation_desk.sandbox.core import ServerThread  # noqa: E402
from escalation_desk.sandbox.dataset import ACCOUNT_IDS, SCENARIOS  # noqa: E402
from support.sync import doc_path, esc, git, head, make_repo, status  # noqa: E402
from escalation_desk.tracking.edit import set_fields  # noqa: E402
from escalation_desk.tracking.parse import parse_document  # noqa: E402

NOW = "2026-11-26T12:00:00Z"
ACME = SCENARIOS["escalated_sync"]
SECRET_VARS = ("ZENDESK_API_TOKEN", "SF_ACCESS_TOKEN", "SF_PASSWORD", "SF_SECURITY_TOKEN", "GITHUB_TOKEN")


def one_error_line(run, env: dict | None = None) -> str:
    errors = [line for line in run.err.splitlines() if not line.startswith("sync: ")]   # progress aside
    assert run.code == 2, run.text
    assert len(errors) == 1 and errors[0].startswith("esc: error: "), run.err
    assert "Traceback" not in run.text and "unexpected error" not in run.text
    for name in SECRET_VARS:
        if env and env.get(name):
            assert env[name] not in run.text
    return errors[0]


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A documents repository (no sandbox) with one escalation."""
    repo = tmp_path / "docs"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    assert esc(repo, "new", "--customer", "Acme", "--severity", "SEV-2", "--owner", "Dana",
               "--title", "Sync broke", "--id", "ESC-1").code == 0
    return repo


# --------------------------------------------------------------------------- files the user points at

def test_a_read_only_escalations_folder_is_one_line_and_leaves_no_temporary_file(docs: Path, monkeypatch) -> None:
    path = doc_path(docs, "ESC-1")
    before = path.read_bytes()

    def refuse(src, dst):  # noqa: ANN001 - what a read-only mount answers
        raise OSError(errno.EROFS, "Read-only file system", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    for args in (("log", "ESC-1", "comm", "Called them"), ("resolve", "ESC-1"), ("index",), ("report",)):
        line = one_error_line(esc(docs, *args))
        assert "cannot write" in line and "Read-only file system" in line
    assert path.read_bytes() == before
    assert sorted(p.name for p in (docs / "escalations").iterdir()) == [path.name]


@pytest.mark.parametrize("args", [
    ("sidebar", "package", "--out", "{file}/app.zip"),
    ("brief", "ESC-1", "--out", "{file}/brief.md"),
    ("report", "--format", "json", "--html", "{file}/site"),
])
def test_an_output_path_under_a_file_is_one_line(docs: Path, args: tuple[str, ...]) -> None:
    blocker = docs / "not-a-folder"
    blocker.write_text("x")
    one_error_line(esc(docs, *(a.format(file=blocker) for a in args)))


def test_resolving_a_closed_escalation_does_not_reopen_it(docs: Path) -> None:
    assert esc(docs, "resolve", "ESC-1", "--close").code == 0
    path = doc_path(docs, "ESC-1")
    closed = path.read_bytes()
    line = one_error_line(esc(docs, "resolve", "ESC-1"))
    assert "already Closed" in line
    assert path.read_bytes() == closed
    assert esc(docs, "resolve", "ESC-1", "--close").code == 0 and path.read_bytes() == closed


def test_a_command_on_a_broken_document_names_it(docs: Path) -> None:
    (docs / "escalations" / "ESC-5-acme.md").write_text("---\nid: ESC-5\ncustomer: [unclosed\n---\n")
    line = one_error_line(esc(docs, "log", "ESC-5", "comm", "hi"))
    assert "ESC-5-acme.md does not parse" in line and "YAML" in line
    assert "do not parse" in one_error_line(esc(docs, "log", "ESC-9", "comm", "hi"))


@pytest.mark.parametrize("since", ["99999999d", "1000000000000000000000d"])
def test_report_since_too_far_back_is_one_line(docs: Path, since: str) -> None:
    one_error_line(esc(docs, "report", "--since", since, "--format", "json"))


def test_a_configured_duration_too_long_for_the_calendar_is_one_line(docs: Path) -> None:
    (docs / "escalations.toml").write_text('[severities.SEV-2]\nack = "999999999d"\n')
    for args in (("check",), ("status",), ("overdue",)):
        assert "too long a duration" in one_error_line(esc(docs, *args))


# --------------------------------------------------------------------------- environment

@pytest.mark.parametrize("name,value", [
    ("ZENDESK_URL", "http://[::1"),
    ("ZENDESK_URL", "http://127.0.0.1:99999"),
    ("ZENDESK_URL", "not a url at all"),
    ("SF_INSTANCE_URL", "https://127.0.0.1:99999"),
])
def test_malformed_urls_fail_before_any_request(docs: Path, monkeypatch, name: str, value: str) -> None:
    monkeypatch.setenv("ZENDESK_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("ZENDESK_EMAIL", "a@example.com")
    monkeypatch.setenv("ZENDESK_API_TOKEN", "zd-secret-value")
    monkeypatch.setenv("SF_INSTANCE_URL", "https://127.0.0.1:9")
    monkeypatch.setenv("SF_ACCESS_TOKEN", "sf-secret-value")
    monkeypatch.setenv(name, value)
    line = one_error_line(esc(docs, "sync"), dict(os.environ))
    assert f"{name} is not an http(s) URL" in line


def test_github_api_url_with_a_bad_port_is_one_line(docs: Path, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_reviewSecretToken")
    monkeypatch.setenv("GITHUB_REPOSITORY", "acme/escalations")
    monkeypatch.setenv("GITHUB_API_URL", "https://127.0.0.1:99999")
    assert "GITHUB_API_URL" in one_error_line(esc(docs, "overdue", "--raise-issues"), dict(os.environ))


def test_a_missing_ca_bundle_is_one_line_and_changes_nothing(tmp_path: Path, sandbox: Sandbox, sandbox_env: dict,
                                                             monkeypatch) -> None:
    repo = make_repo(tmp_path / "docs", sandbox)
    before = head(repo)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tmp_path / "missing-ca.pem"))
    line = one_error_line(esc(repo, "sync"), sandbox_env)
    assert "REQUESTS_CA_BUNDLE" in line
    assert head(repo) == before and status(repo) == ""
    monkeypatch.setenv("GITHUB_API_URL", "https://127.0.0.1:9/api/v3")
    assert "REQUESTS_CA_BUNDLE" in one_error_line(esc(repo, "overdue", "--raise-issues"), sandbox_env)


# --------------------------------------------------------------------------- sync guarantees

def test_a_second_sync_in_the_same_repository_waits_its_turn(tmp_path: Path, sandbox: Sandbox,
                                                             sandbox_env: dict) -> None:
    from escalation_desk import gitrepo

    repo = make_repo(tmp_path / "docs", sandbox)
    before = head(repo)
    with gitrepo.exclusive(gitrepo.open_repo(repo)):     # another `esc sync` holds the repository
        line = one_error_line(esc(repo, "sync"), sandbox_env)
    assert "another esc sync is running" in line
    assert not [e for e in sandbox.log.entries("zendesk") if e.method == "PUT"]   # no second set of notes
    assert head(repo) == before and status(repo) == ""
    assert esc(repo, "sync").code == 0                  # the lock goes with its holder


def test_ctrl_c_right_after_the_commit_keeps_the_commit_and_its_files(tmp_path: Path, sandbox: Sandbox,
                                                                     sandbox_env: dict, monkeypatch) -> None:
    from escalation_desk import gitrepo

    repo = make_repo(tmp_path / "docs", sandbox)
    real = gitrepo.commit_paths

    def commit_then_interrupt(*args, **kwargs):  # noqa: ANN002, ANN003
        real(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(gitrepo, "commit_paths", commit_then_interrupt)
    run = esc(repo, "sync")
    assert run.code == 130 and "Traceback" not in run.text
    assert len(git(repo, "log", "--oneline").splitlines()) == 2
    assert status(repo) == ""                           # the working tree is what the commit holds
    assert doc_path(repo, "ESC-48213").exists()


def test_a_comment_a_person_wrote_on_a_sync_owned_field_survives(tmp_path: Path, sandbox: Sandbox,
                                                                 sandbox_env: dict) -> None:
    repo = make_repo(tmp_path / "docs", sandbox)
    assert esc(repo, "sync").code == 0
    path = doc_path(repo, "ESC-48213")
    text = path.read_text()
    arr_line = next(line for line in text.splitlines() if line.startswith("arr:"))
    text = text.replace(arr_line, arr_line + "  # checked by Finance").replace(
        "\nzendesk_tickets:", "\n# tickets: the primary first\nzendesk_tickets:")
    path.write_text(text)
    git(repo, "commit", "-qam", "Finance checked the ARR")
    sandbox.salesforce.upsert_account({"Id": ACCOUNT_IDS["acme"], "ARR__c": 999999.0})
    run = esc(repo, "sync")
    assert run.code == 0, run.text
    after = path.read_text()
    assert "arr: 999999  # checked by Finance\n" in after
    assert "# tickets: the primary first\n" in after


def test_set_fields_keeps_comments_and_never_takes_a_quoted_hash_for_one() -> None:
    doc = parse_document("a.md", (
        "---\nid: ESC-1\ncustomer: \"Acme #1 Corp\"  # as Sales spells it\narr: 5  # Finance\nseverity: SEV-2\n"
        "status: Open\nowner: Dana\nopened: 2026-11-20T14:05:00Z\nzendesk_tickets:  # primary first\n"
        "  - 48213\n  # - 48999 was a duplicate\n  - 48220\n---\n# ESC-1 — Acme — x\n\n## Issue Summary\n"))
    changed = set_fields(doc, {"customer": "Acme #2", "arr": 7, "zendesk_tickets": [48213, 48220, 48300]})
    assert 'customer: "Acme #2"  # as Sales spells it\n' in changed.text
    assert "arr: 7  # Finance\n" in changed.text
    assert "zendesk_tickets: [48213, 48220, 48300]  # primary first\n  # - 48999 was a duplicate\n" in changed.text
    assert changed.front.customer == "Acme #2" and changed.front.zendesk_tickets == (48213, 48220, 48300)
    assert not [p for p in changed.problems if p.level == "error" and p.code != "missing-section"]


# --------------------------------------------------------------------------- sandbox

def test_sandbox_on_a_busy_port_is_an_oserror_not_an_exit() -> None:
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    try:
        with pytest.raises(OSError):
            ServerThread(lambda environ, start: [], port=busy.getsockname()[1])
        result = subprocess.run([sys.executable, "-m", "escalation_desk", "sandbox", "serve", "--port", str(busy.getsockname()[1])],
                                capture_output=True, text=True, timeout=30, cwd=Path(__file__).resolve().parents[2])
    finally:
        busy.close()
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["esc: error: cannot start the sandbox: Address already in use; "
                                                  "choose another --port"]
