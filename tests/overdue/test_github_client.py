"""connectors/github.py against the GitHub emulator: configuration, one-line errors that
never show the token, the rolling pull request, retries."""

from __future__ import annotations

import socket

import pytest

from support.overdue import REPO_NAME, esc, write_doc

from escalation_desk.connectors.github import GitHubClient, PullRequestResult
from escalation_desk.errors import DeskError
from escalation_desk.sandbox.core import Fault


def test_from_env_reads_the_actions_variables(github):
    client = GitHubClient.from_env(github.env())
    assert client.repository == REPO_NAME and client.api_url == github.api_url
    assert client.repository_info().default_branch == "main"
    default = GitHubClient.from_env({"GITHUB_TOKEN": "t", "GITHUB_REPOSITORY": "o/r"})
    assert default.api_url == "https://api.github.com"


@pytest.mark.parametrize("env,message", [
    ({}, "GITHUB_TOKEN is not set"),
    ({"GITHUB_TOKEN": "t"}, "GITHUB_REPOSITORY is not set"),
    ({"GITHUB_TOKEN": "t", "GITHUB_REPOSITORY": "just-a-name"}, "GITHUB_REPOSITORY must be owner/name"),
    ({"GITHUB_TOKEN": "t", "GITHUB_REPOSITORY": "o/r", "GITHUB_API_URL": "ftp://x"}, "must be an http(s) URL"),
    ({"GITHUB_TOKEN": "t", "GITHUB_REPOSITORY": "o/r", "ESC_GITHUB_RETRIES": "many"}, "whole number"),
])
def test_configuration_errors(env, message):
    with pytest.raises(DeskError, match=message.replace("(", r"\(").replace(")", r"\)")):
        GitHubClient.from_env(env)


def _one_line_error(repo, github, **env) -> str:
    result = esc("--repo", str(repo), "--now", "2026-11-23T19:00:00Z", "overdue", "--raise-issues",
                 env=github.env(**env))
    assert result.code == 2, (result.out, result.err)
    assert result.err.count("\n") == 1 and result.err.startswith("esc: error: ")
    assert "Traceback" not in result.err
    return result.err


def test_cli_errors_are_one_line_and_never_show_the_token(repo, github):
    write_doc(repo, "ESC-5001", opened="2026-11-23T14:00:00Z", comms=("2026-11-23T14:30:00Z",))
    secret = "ghp_ThisIsNotTheRightToken1234567890abcd"

    assert "GITHUB_TOKEN is not set" in _one_line_error(repo, github, GITHUB_TOKEN="")
    refused = _one_line_error(repo, github, GITHUB_TOKEN=secret)
    assert "GitHub rejected GITHUB_TOKEN" in refused and "401" in refused and secret not in refused
    missing = _one_line_error(repo, github, GITHUB_REPOSITORY="acme/nothing-here")
    assert "404" in missing and "acme/nothing-here" in missing

    with socket.socket() as probe:   # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    unreachable = _one_line_error(repo, github, GITHUB_API_URL=f"http://127.0.0.1:{port}/api/v3")
    assert "cannot reach GitHub at" in unreachable
    assert github.issues() == []


def test_rate_limit_is_one_line(repo, github):
    write_doc(repo, "ESC-5002", opened="2026-11-23T14:00:00Z", comms=("2026-11-23T14:30:00Z",))
    github.state.core_limit = 2
    assert "rate limit exceeded" in _one_line_error(repo, github)


def test_server_errors_are_retried(github):
    github.faults.add(Fault("500", times=1, path_prefix="/api/v3/repos/acme/escalations/issues", method="GET"))
    client = GitHubClient(github.state.token, REPO_NAME, github.api_url, throttle=False, retries=2)
    assert client.open_issues() == []
    assert [e.status for e in github.log.entries("github") if e.path.endswith("/issues")] == [500, 200]


def test_ensure_pull_request_keeps_one_rolling_pull_request(github):
    client = github.client()
    first = client.ensure_pull_request("esc-sync", "main", "Sync: 2 escalations", "Updated ESC-1, ESC-2")
    assert isinstance(first, PullRequestResult) and first.created
    number, url, created = first
    assert url.endswith(f"/acme/escalations/pull/{number}")

    second = client.ensure_pull_request("esc-sync", "main", "Sync: 3 escalations", "Updated ESC-1, ESC-2, ESC-3")
    assert second == (number, url, False)
    with github.state.lock:
        pull = github.state.issues[number]
        assert (pull.title, pull.body) == ("Sync: 3 escalations", "Updated ESC-1, ESC-2, ESC-3")

    writes = github.writes()
    assert client.ensure_pull_request("esc-sync", "main", "Sync: 3 escalations",
                                      "Updated ESC-1, ESC-2, ESC-3") == (number, url, False)
    assert github.writes() == writes, "nothing changed, nothing written"

    other = client.ensure_pull_request("esc-other", "main", "Another", "")
    assert other.created and other.number != number

    with github.state.lock:   # once merged or closed, the next sync opens a fresh one
        github.state.issues[number].state = "closed"
    fresh = client.ensure_pull_request("esc-sync", "main", "Sync: 1 escalation", "ESC-4")
    assert fresh.created and fresh.number not in (number, other.number)


def test_pull_request_errors_are_one_line(github):
    client = github.client()
    with pytest.raises(DeskError, match="GitHub refused to open a pull request from main into main .422: Validation Failed; No commits between main and main"):
        client.ensure_pull_request("main", "main", "Nothing to merge", "")


def test_server_errors_past_the_retries_are_one_line(github):
    github.faults.add(Fault("503", times=None, path_prefix="/api/v3/repos/acme/escalations", method="GET"))
    client = GitHubClient(github.state.token, REPO_NAME, github.api_url, throttle=False, retries=1)
    with pytest.raises(DeskError, match="GitHub kept failing while trying to open the repository"):
        client.repository_info()
    client = GitHubClient(github.state.token, REPO_NAME, github.api_url, throttle=False, retries=0)
    with pytest.raises(DeskError, match=r"GitHub refused to open the repository acme/escalations \(503"):
        client.repository_info()
