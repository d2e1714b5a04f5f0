"""Faults: rate limits, server errors, timeouts, dropped connections and expired sessions are
retried within the budget; a source that stays down fails the run with one line and leaves
the repository exactly as it was — or, configured so, keeps Salesforce's last facts, stale."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from escalation_desk.sandbox import Sandbox
from escalation_desk.sandbox.core import Fault
from escalation_desk.sandbox.dataset import SCENARIOS
from support.sync import doc_path, esc, git, head, make_repo, status, upstream_later
from escalation_desk.tracking.parse import parse_document

ACME = SCENARIOS["escalated_sync"]


def statuses(sandbox: Sandbox, api: str) -> list[int]:
    return [e.status for e in sandbox.log.entries(api)]


@pytest.mark.parametrize("kind,times,options", [
    ("429", 2, {"retry_after": 0}),
    ("429", 1, {"retry_after": 1, "path_prefix": "/api/v2/tickets/48213/comments"}),
    ("500", 2, {}),
    ("503", 1, {"path_prefix": "/api/v2/incremental"}),
    ("drop", 1, {"path_prefix": "/api/v2/ticket_fields"}),
])
def test_zendesk_hiccups_are_retried(repo: Path, sandbox: Sandbox, kind: str, times: int, options: dict) -> None:
    sandbox.faults["zendesk"].add(Fault(kind, times=times, **options))
    run = esc(repo, "sync")
    assert run.code == 0, run.text
    assert doc_path(repo, "ESC-48213").exists()
    assert statuses(sandbox, "zendesk").count(int(kind) if kind.isdigit() else 0) == times


def test_a_slow_answer_times_out_and_is_retried(tmp_path: Path, sandbox: Sandbox, sandbox_env: dict) -> None:
    repo = make_repo(tmp_path / "docs", sandbox)
    # A timeout every normal answer meets even on a loaded machine, and an answer well past it.
    config = (repo / "escalations.toml").read_text().replace('request_timeout = "2s"', 'request_timeout = "1s"')
    (repo / "escalations.toml").write_text(config)
    git(repo, "commit", "-qam", "short timeout")
    sandbox.faults["zendesk"].add(Fault("slow", times=1, delay=2.5, path_prefix="/api/v2/ticket_fields"))
    run = esc(repo, "sync")
    assert run.code == 0, run.text
    # The slow answer is logged when the server finally gives it (after the client gave up).
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and sandbox.log.count("zendesk", path_prefix="/api/v2/ticket_fields") < 2:
        time.sleep(0.05)
    assert sandbox.log.count("zendesk", path_prefix="/api/v2/ticket_fields") == 2


def test_salesforce_hiccups_and_an_expired_session_are_handled(repo: Path, sandbox: Sandbox) -> None:
    sandbox.faults["salesforce"].add(Fault("503", times=1))
    sandbox.faults["salesforce"].add(Fault("429", times=1, retry_after=0))
    sandbox.faults["salesforce"].add(Fault("expire", times=1, after=1))
    run = esc(repo, "sync")
    assert run.code == 0, run.text
    assert parse_document("a.md", doc_path(repo, "ESC-48213").read_text()).front.arr == 2_400_000
    logins = [e for e in sandbox.log.entries("salesforce") if e.path.startswith("/services/Soap/u/")]
    assert len(logins) == 1 and sandbox.salesforce.logins == 1      # renewed once, by logging in again


@pytest.mark.parametrize("api,kind,expected", [
    ("zendesk", "503", "esc: error: Zendesk: reading changed tickets: unavailable (HTTP 503 after retries)"),
    ("zendesk", "429", "esc: error: Zendesk: reading changed tickets: still rate limited"),
    ("salesforce", "500", "esc: error: Salesforce: unavailable (HTTP 500)"),
])
def test_a_source_that_stays_down_fails_with_one_line_and_changes_nothing(
        repo: Path, sandbox: Sandbox, api: str, kind: str, expected: str) -> None:
    before = head(repo)
    sandbox.faults[api].add(Fault(kind, times=None, retry_after=0))
    run = esc(repo, "sync")
    assert run.code == 2
    errors = [line for line in run.err.splitlines() if not line.startswith("sync: ")]   # progress lines aside
    assert len(errors) == 1 and errors[0].startswith(expected), run.err
    assert "Traceback" not in run.text
    assert head(repo) == before and status(repo) == ""


def test_a_fault_mid_write_back_leaves_the_repository_as_it_was(repo: Path, sandbox: Sandbox) -> None:
    before = head(repo)
    sandbox.faults["zendesk"].add(Fault("500", times=None, method="PUT", after=3))
    run = esc(repo, "sync")
    assert run.code == 2 and "updating ticket" in run.err
    assert head(repo) == before and status(repo) == ""               # no half-written documents
    # ... and the one line says the tickets written before the fault now link documents git lacks (F18)
    written = [e for e in sandbox.log.entries("zendesk") if e.method == "PUT" and e.status == 200]
    assert written and f"Zendesk was already updated for {len(written)} ticket(s)" in run.err_lines[-1]
    assert "git was not; run the sync again" in run.err_lines[-1] and len(run.err_lines) >= 1
    sandbox.faults["zendesk"].clear()
    run = esc(repo, "sync")                                          # the next run finishes the job
    assert run.code == 0, run.text
    notes = [c for c in sandbox.zendesk.comments[ACME] if "Escalation Desk is tracking" in c["body"]]
    assert len(notes) == 1


def test_refused_credentials_fail_with_a_hint_and_no_secret(repo: Path, sandbox: Sandbox,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZENDESK_API_TOKEN", "not-the-right-token-123")
    run = esc(repo, "sync")
    assert run.code == 2
    assert "authentication failed (HTTP 401)" in run.err and "ZENDESK_API_TOKEN" in run.err
    assert "not-the-right-token-123" not in run.text
    monkeypatch.delenv("ZENDESK_URL")
    run = esc(repo, "sync")
    assert run.code == 2
    assert run.err == "esc: error: ZENDESK_URL is not set; e.g. export ZENDESK_URL=https://acme.zendesk.com\n"


def test_keep_stale_syncs_zendesk_and_keeps_the_last_known_arr(tmp_path: Path, sandbox: Sandbox,
                                                               sandbox_env: dict) -> None:
    repo = make_repo(tmp_path / "docs", sandbox, extra='[salesforce]\non_failure = "keep_stale"\n')
    assert esc(repo, "sync").code == 0
    sandbox.salesforce.upsert_account({"Id": sandbox.dataset.salesforce_accounts[0]["Id"], "ARR__c": 1.0})
    sandbox.faults["salesforce"].add(Fault("503", times=None))
    jordan = sandbox.zendesk.tickets[ACME]["requester_id"]
    upstream_later(sandbox)
    comment = sandbox.zendesk.add_comment(ACME, "Is there an update?", jordan, public=True)
    run = esc(repo, "sync")
    assert run.code == 0, run.text
    assert "Salesforce unavailable" in run.out and "stale since" in run.out
    text = doc_path(repo, "ESC-48213").read_text()
    assert f"zd:comment:{comment['id']}" in text and "arr: 2400000" in text
    assert '"salesforce_stale_since": "' in (repo / "escalations/.sync-state.json").read_text()
    assert "Salesforce unavailable" in git(repo, "log", "-1", "--format=%B")
    sandbox.faults["salesforce"].clear()
    assert esc(repo, "sync").code == 0                               # back: facts refresh, stale mark goes
    assert "arr: 1\n" in doc_path(repo, "ESC-48213").read_text()
    assert '"salesforce_stale_since": null' in (repo / "escalations/.sync-state.json").read_text()
