"""The orchestration: three emulators, one environment, one log, resets between tests,
and ``esc sandbox serve``."""

from __future__ import annotations

import io
import os
import re
import shlex
import socket
import threading
import time

import pytest
import requests
from github import Auth, Github
from simple_salesforce import Salesforce
from zenpy import Zenpy

from escalation_desk.sandbox import Sandbox
from escalation_desk.sandbox.core import Fault
from escalation_desk.sandbox.serve import FaultSpecError, parse_fault, serve

ENV_NAMES = {"ZENDESK_URL", "ZENDESK_EMAIL", "ZENDESK_API_TOKEN", "SF_INSTANCE_URL", "SF_ACCESS_TOKEN",
             "SF_USERNAME", "SF_PASSWORD", "SF_SECURITY_TOKEN", "REQUESTS_CA_BUNDLE", "GITHUB_TOKEN",
             "GITHUB_REPOSITORY", "GITHUB_API_URL"}


def test_env_points_at_the_running_emulators(sandbox_env: dict[str, str]) -> None:
    assert set(sandbox_env) == ENV_NAMES
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", sandbox_env["ZENDESK_URL"])
    assert re.fullmatch(r"https://127\.0\.0\.1:\d+", sandbox_env["SF_INSTANCE_URL"])
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/api/v3", sandbox_env["GITHUB_API_URL"])
    assert sandbox_env["GITHUB_REPOSITORY"] == "acme-cs/escalations"
    assert os.path.isfile(sandbox_env["REQUESTS_CA_BUNDLE"])
    assert os.environ["ZENDESK_URL"] == sandbox_env["ZENDESK_URL"]


def test_all_three_sdks_work_from_the_env_alone(sandbox_env: dict[str, str], sandbox: Sandbox,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    scheme, netloc = sandbox_env["ZENDESK_URL"].split("://")
    monkeypatch.setenv("ZENPY_FORCE_SCHEME", scheme)
    monkeypatch.setenv("ZENPY_FORCE_NETLOC", netloc)
    zd = Zenpy(subdomain="sandbox", email=sandbox_env["ZENDESK_EMAIL"], token=sandbox_env["ZENDESK_API_TOKEN"],
               disable_cache=True)
    assert zd.tickets(id=48213).organization.name == "Acme Corp"

    sf = Salesforce(instance_url=sandbox_env["SF_INSTANCE_URL"], session_id=sandbox_env["SF_ACCESS_TOKEN"])
    top = sf.query("SELECT Name, ARR__c FROM Account ORDER BY ARR__c DESC LIMIT 1")["records"][0]
    assert top["Name"] == "Acme Corp"

    gh = Github(auth=Auth.Token(sandbox_env["GITHUB_TOKEN"]), base_url=sandbox_env["GITHUB_API_URL"],
                seconds_between_requests=None, seconds_between_writes=None, retry=None)
    repo = gh.get_repo(sandbox_env["GITHUB_REPOSITORY"])
    assert "overdue-update" in {label.name for label in repo.get_labels()}

    counts = sandbox.log.counters()
    assert set(counts) == {"zendesk", "salesforce", "github"} and all(counts.values())


def test_reset_restores_data_and_clears_faults_and_log(sandbox: Sandbox) -> None:
    zendesk_url = sandbox.url("zendesk")
    sandbox.zendesk.tickets[48213]["tags"].append("changed")
    sandbox.faults["zendesk"].add(Fault("503", times=None))
    assert requests.get(zendesk_url + "/api/v2/tickets/48213.json", timeout=5).status_code == 503
    sandbox.reset()
    assert "changed" not in sandbox.zendesk.tickets[48213]["tags"]
    assert sandbox.log.entries() == []
    answer = requests.get(zendesk_url + "/api/v2/tickets/48213.json", timeout=5,
                          auth=(sandbox.env["ZENDESK_EMAIL"] + "/token", sandbox.env["ZENDESK_API_TOKEN"]))
    assert answer.status_code == 200 and "changed" not in answer.json()["ticket"]["tags"]
    assert sandbox.url("zendesk") == zendesk_url  # same servers


def test_each_test_gets_fresh_state_part_one(sandbox: Sandbox) -> None:
    sandbox.zendesk.tickets[48211]["status"] = "solved"
    sandbox.faults["github"].add(Fault("500", times=None))


def test_each_test_gets_fresh_state_part_two(sandbox: Sandbox) -> None:
    assert sandbox.zendesk.tickets[48211]["status"] == "new"
    answer = requests.get(sandbox.env["GITHUB_API_URL"] + "/rate_limit", timeout=5,
                          headers={"Authorization": "token " + sandbox.env["GITHUB_TOKEN"]})
    assert answer.status_code == 200


def test_one_fault_plan_per_api(sandbox: Sandbox) -> None:
    assert set(sandbox.faults) == {"zendesk", "salesforce", "github"}
    sandbox.faults["salesforce"].add(Fault("503"))
    assert requests.get(sandbox.url("zendesk") + "/api/v2/tickets/1.json", timeout=5).status_code == 401
    sandbox_ca = sandbox.env["REQUESTS_CA_BUNDLE"]
    answer = requests.get(sandbox.url("salesforce") + "/services/data/", timeout=5, verify=sandbox_ca)
    assert answer.status_code == 503
    assert [(e.api, e.status) for e in sandbox.log.entries()] == [("zendesk", 401), ("salesforce", 503)]


def _free_port_range(count: int = 3) -> int:
    for _attempt in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = probe.getsockname()[1]
        if base + count >= 65535:
            continue
        try:
            held = []
            for port in range(base, base + count):
                s = socket.socket()
                held.append(s)
                s.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for s in held:
                s.close()
    raise RuntimeError("no free port range")


def test_fixed_ports(make_sandbox) -> None:
    base = _free_port_range()
    box = make_sandbox(port=base, tickets=30)
    assert box.url("zendesk").endswith(f":{base}")
    assert box.url("github").endswith(f":{base + 1}")
    assert box.url("salesforce") == f"https://127.0.0.1:{base + 2}"
    assert len(box.zendesk.tickets) == 30


# -- esc sandbox serve --------------------------------------------------------------------------
@pytest.mark.parametrize("spec, api, expected", [
    ("zendesk:429:times=3", "zendesk", Fault("429", times=3)),
    ("salesforce:expire:after=5", "salesforce", Fault("expire", times=None, after=5)),
    ("github:503", "github", Fault("503")),
    ("zendesk:slow:delay=2", "zendesk", Fault("slow", delay=2.0)),
    ("zendesk:500:times=all:path=/api/v2/search.json:method=get", "zendesk",
     Fault("500", times=None, path_prefix="/api/v2/search.json", method="GET")),
    ("ZENDESK:429:retry_after=0", "zendesk", Fault("429", retry_after=0)),
])
def test_parse_fault(spec: str, api: str, expected: Fault) -> None:
    assert parse_fault(spec) == (api, expected)


@pytest.mark.parametrize("spec, complaint", [
    ("zendesk", "expected API:KIND"),
    ("jira:429", "unknown API 'jira'"),
    ("zendesk:418", "unknown kind '418'"),
    ("zendesk:429:times", "needs a value"),
    ("zendesk:429:times=0", "not a valid number"),
    ("zendesk:slow:delay=soon", "not a valid number"),
    ("zendesk:429:colour=red", "unknown option 'colour'"),
])
def test_parse_fault_errors(spec: str, complaint: str) -> None:
    with pytest.raises(FaultSpecError, match=re.escape(complaint)):
        parse_fault(spec)


def test_serve_prints_exports_and_stops() -> None:
    out, stop = io.StringIO(), threading.Event()
    runner = threading.Thread(target=serve, kwargs=dict(tickets=30, faults=["zendesk:503:times=1"],
                                                        out=out, stop=stop))
    runner.start()
    try:
        deadline = time.monotonic() + 20
        while "Ctrl-C" not in out.getvalue() and time.monotonic() < deadline:
            time.sleep(0.02)
        exports = {name: shlex.split(value)[0] for name, value in
                   re.findall(r"^export (\w+)=(.+)$", out.getvalue(), re.MULTILINE)}
        assert set(exports) == ENV_NAMES
        first = requests.get(exports["ZENDESK_URL"] + "/api/v2/tickets/48213.json", timeout=5)
        assert first.status_code == 503
        second = requests.get(exports["ZENDESK_URL"] + "/api/v2/tickets/48213.json", timeout=5,
                              auth=(exports["ZENDESK_EMAIL"] + "/token", exports["ZENDESK_API_TOKEN"]))
        assert second.status_code == 200
    finally:
        stop.set()
        runner.join(timeout=10)
    assert not runner.is_alive()


def test_serve_refuses_a_bad_fault_before_starting() -> None:
    with pytest.raises(FaultSpecError):
        serve(faults=["zendesk:nope"], out=io.StringIO(), stop=threading.Event())
