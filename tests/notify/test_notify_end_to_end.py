"""`esc notify` through the CLI, after a sync against the sandbox, to real local receivers:
the SEV-1 leaders are told once, the record meets the leaders-notified deadline, a failing
channel is retried, reported and not recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from escalation_desk.sandbox import Sandbox
from escalation_desk.tracking.parse import parse_document
from notify_data import NOTIFY_CONFIG, channel_env, roster_with_logins
from support.sync import FAST_SYNC, NOW, doc_path, esc, git, head, make_repo

SEV1 = "ESC-48214"           # Zephyr Airlines: production outage (the sandbox's SEV-1)
LATER = "2026-11-26T12:05:00Z"
LEADERS = {"Rachel Kim": "VP Customer Success", "Ivan Petrov": "VP Engineering", "Grace Liu": "CTO"}


@pytest.fixture
def synced(tmp_path: Path, sandbox: Sandbox, sandbox_env: dict) -> Path:
    repo = make_repo(tmp_path / "docs", sandbox)
    (repo / "escalations.toml").write_text(FAST_SYNC + NOTIFY_CONFIG + roster_with_logins(sandbox), encoding="utf-8")
    git(repo, "commit", "-qam", "notify configuration")
    assert esc(repo, "sync").code == 0
    return repo


def notify(repo: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch, *args: str, now: str = LATER):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return esc(repo, "notify", *args, now=now)


def stakeholders(repo: Path, ident: str) -> list:
    path = doc_path(repo, ident)
    return parse_document(str(path), path.read_text(encoding="utf-8")).stakeholders


def test_a_new_sev1_tells_its_leaders_once_and_meets_the_deadline(synced: Path, local_receivers, sandbox: Sandbox,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    hook, mailbox = local_receivers
    before = head(synced)
    run = notify(synced, channel_env(hook.port, mailbox.port), monkeypatch)
    assert run.code == 0, run.text

    # Slack-style webhook: one message per SEV-1, naming its leaders.
    about = [p for p in hook.posted if SEV1 in p.text]
    assert len(about) == 1 and about[0].path == "/hooks/sandbox-hook-token"
    for name in LEADERS:
        assert name in about[0].body["text"]
    # Email: to the VP CS's own address only.
    mails = [m for m in mailbox.messages if SEV1 in m.subject]
    rachel = next(p["email"] for p in sandbox.dataset.roster if p["name"] == "Rachel Kim")
    assert len(mails) == 1 and mails[0].recipients == [rachel]
    # GitHub: a declaration issue @-mentioning the CTO's login (and no one else's).
    issues = [i for i in sandbox.github.issues.values() if SEV1 in i.title]
    assert len(issues) == 1 and "@graceliu" in issues[0].body and "@rachelkim" not in issues[0].body

    # The record: one line per leader, with how they were told; a commit of its own.
    lines = {e.name: e for e in stakeholders(synced, SEV1)}
    assert set(LEADERS) <= set(lines)
    assert lines["Rachel Kim"].note == "notified via Slack and Email by Escalation Desk"
    assert lines["Grace Liu"].note == "notified via Slack and GitHub by Escalation Desk"
    assert head(synced) != before and git(synced, "status", "--porcelain") == ""
    assert git(synced, "log", "-1", "--format=%s").startswith("notify:")

    # The leaders-notified obligation is met by those entries.
    overdue = json.loads(esc(synced, "overdue", "--json", now=LATER).out)
    zephyr = [e for e in overdue["escalations"] if e["id"] == SEV1]
    assert not zephyr or "leaders_notified" not in [i["kind"] for i in zephyr[0]["items"]]

    # Idempotent: the next run tells nobody again and commits nothing.
    sent, mailed, commit = len(hook.posted), len(mailbox.messages), head(synced)
    again = notify(synced, channel_env(hook.port, mailbox.port), monkeypatch, now="2026-11-26T12:10:00Z")
    assert again.code == 0, again.text
    assert (len(hook.posted), len(mailbox.messages), head(synced)) == (sent, mailed, commit)


def test_a_failing_channel_is_retried_reported_and_not_recorded(synced: Path, local_receivers,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    hook, mailbox = local_receivers
    hook.fail_next = 10_000                     # the webhook is down
    env = channel_env(hook.port, mailbox.port)
    run = notify(synced, env, monkeypatch)
    assert run.code == 1
    assert f"FAILED {SEV1} declared via Slack" in run.out and "after 3 attempts" in run.out
    assert "sandbox-hook-token" not in run.text          # a channel URL is a secret
    lines = {e.name for e in stakeholders(synced, SEV1)}
    assert "Ivan Petrov" not in lines                    # Slack only: not told, not recorded
    assert "Rachel Kim" in lines                         # her email went through
    # Retried within the budget: 3 attempts per message, no more.
    messages = hook.refused // 3
    assert hook.refused == messages * 3 and messages >= 1

    # Once the webhook is back, the next run tells only who was missed.
    hook.fail_next = 0
    again = notify(synced, env, monkeypatch, now="2026-11-26T12:10:00Z")
    assert again.code == 0, again.text
    about = [p for p in hook.posted if SEV1 in p.text]
    assert len(about) == 1 and "Ivan Petrov" in about[0].body["text"] and "Rachel Kim" not in about[0].body["text"]


def test_a_channel_without_its_secret_is_reported(synced: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ESC_NOTIFY_SLACK", raising=False)
    monkeypatch.delenv("ESC_NOTIFY_EMAIL", raising=False)
    run = esc(synced, "notify", now=LATER)
    assert run.code == 1
    assert "ESC_NOTIFY_SLACK is not set" in run.out


def test_without_routes_nobody_is_told(tmp_path: Path, sandbox: Sandbox, sandbox_env: dict) -> None:
    repo = make_repo(tmp_path / "docs", sandbox)
    assert esc(repo, "sync").code == 0
    run = esc(repo, "notify", now=LATER)
    assert run.code == 0 and "nobody to tell" in run.out
