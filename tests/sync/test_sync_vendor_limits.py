"""The vendors' documented limits: Zendesk's incremental export allows 10 requests a minute
(the sandbox answers 429 past it) — the sync paces itself on an injected clock (no real
sleep), and a first sync bigger than one run's budget commits what it read with its cursor
and resumes on the next run."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from escalation_desk.config import load_config
from escalation_desk.sandbox import Sandbox
from escalation_desk.sync.run import SyncOptions, run_sync
from support.sync import NOW, git, make_repo
from escalation_desk.commands.context import parse_now


class FakeTime:
    """One clock for the product and the sandbox: sleeping moves both, instantly."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.now = 1000.0
        self.sleeps: list[float] = []
        sandbox.zendesk.now = parse_now(NOW) + timedelta(hours=1)

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        self.sandbox.zendesk.now += timedelta(seconds=seconds)


def sync(repo: Path, time: FakeTime, env: dict):
    return run_sync(SyncOptions(repo, load_config(repo / "escalations.toml"), parse_now(NOW), env=env,
                                sleep=time.sleep, clock=time.clock))


def exports(sandbox: Sandbox) -> list:
    return [e for e in sandbox.log.entries("zendesk") if "/incremental/" in e.path]


@pytest.fixture
def big(make_sandbox, tmp_path: Path):
    box = make_sandbox(tickets=2600)
    return box, make_repo(tmp_path / "docs", box, "[zendesk]\nexport_requests_per_run = 1\n")


def test_a_first_sync_too_big_for_one_run_resumes_from_its_cursor(big) -> None:
    sandbox, repo = big
    time = FakeTime(sandbox)
    runs = []
    for _ in range(5):
        runs.append(sync(repo, time, sandbox.env))
        state = json.loads((repo / "escalations/.sync-state.json").read_text())
        if not any("first sync continues" in n for n in runs[-1].notes):
            break
    assert len(runs) == 3, [r.notes for r in runs]          # 2,600 tickets: 3 pages of 1,000, one a run
    assert all(r.commit for r in runs[:2]), "each partial run commits its cursor"
    assert state["zendesk"]["cursor"]
    assert len(git(repo, "log", "--format=%s").splitlines()) >= 3
    assert not [e for e in sandbox.log.entries("zendesk") if e.status == 429]
    again = sync(repo, time, sandbox.env)
    assert again.commit is None and not again.notes


def test_the_sync_paces_itself_under_the_per_minute_limit(make_sandbox, tmp_path: Path) -> None:
    sandbox = make_sandbox(tickets=2600)
    sandbox.zendesk.incremental_per_minute = 2
    repo = make_repo(tmp_path / "docs", sandbox, "[zendesk]\nexport_requests_per_minute = 2\n")
    time = FakeTime(sandbox)
    result = sync(repo, time, sandbox.env)
    assert result.commit and not any("first sync continues" in n for n in result.notes)
    assert not [e for e in sandbox.log.entries("zendesk") if e.status == 429]
    assert len(exports(sandbox)) >= 3 and time.sleeps and max(time.sleeps) <= 61


def test_the_sandbox_refuses_an_eleventh_export_request_in_a_minute(sandbox: Sandbox, sandbox_env: dict) -> None:
    import requests

    sandbox.zendesk.now = parse_now(NOW)
    url = sandbox.url("zendesk") + "/api/v2/incremental/tickets/cursor.json?start_time=1700000000"
    auth = (sandbox_env["ZENDESK_EMAIL"] + "/token", sandbox_env["ZENDESK_API_TOKEN"])
    answers = [requests.get(url, auth=auth, timeout=10) for _ in range(11)]
    assert [a.status_code for a in answers] == [200] * 10 + [429]
    assert 1 <= int(answers[-1].headers["Retry-After"]) <= 61
    sandbox.zendesk.now += timedelta(seconds=61)
    assert requests.get(url, auth=auth, timeout=10).status_code == 200


def test_the_sandbox_leaves_out_the_last_minute_when_asked(sandbox: Sandbox, sandbox_env: dict) -> None:
    import requests

    sandbox.zendesk.exclude_last_minute = True
    sandbox.zendesk.now = parse_now(NOW)
    newest = max(sandbox.zendesk.tickets.values(), key=lambda t: t["updated_at"])
    newest["updated_at"] = NOW
    auth = (sandbox_env["ZENDESK_EMAIL"] + "/token", sandbox_env["ZENDESK_API_TOKEN"])
    base = sandbox.url("zendesk") + "/api/v2/incremental/tickets/cursor.json?start_time="
    ids = [t["id"] for t in requests.get(base + "1700000000", auth=auth, timeout=10).json()["tickets"]]
    assert newest["id"] not in ids
    too_recent = requests.get(base + str(int(parse_now(NOW).timestamp()) - 30), auth=auth, timeout=10)
    assert too_recent.status_code == 400 and "Too recent start_time" in too_recent.json()["description"]
