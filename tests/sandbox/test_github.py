"""The GitHub emulator driven by the unmodified PyGithub SDK over real HTTPS."""

from __future__ import annotations

import base64
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from github import Auth, Github
from github.GithubException import (BadCredentialsException, GithubException, RateLimitExceededException,
                                    UnknownObjectException)

from escalation_desk.sandbox.core import Controlled, Fault, FaultPlan, RequestLog, ServerThread, Slot
from escalation_desk.sandbox.github import GitHubEmulator, GitHubState, github_error_body
from escalation_desk.sandbox.tls import make_server_tls

REPO = "acme/escalations"
T0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


class Env:
    def __init__(self, server: ServerThread, ca_path: Path, switch: Slot, faults: FaultPlan,
                 log: RequestLog) -> None:
        self.server, self.ca_path, self.switch, self.faults, self.log = server, ca_path, switch, faults, log
        self.clock = Clock(T0)
        self.state = GitHubState(REPO)

    @property
    def api(self) -> str:
        return f"{self.server.url}/api/v3"

    def reset(self, **options) -> GitHubState:
        self.clock = Clock(T0)
        options.setdefault("now", self.clock)
        self.state = GitHubState(REPO, labels=[{"name": "overdue-update", "color": "d93f0b",
                                                "description": "An escalation is overdue"},
                                               {"name": "sev-1", "color": "b60205"}],
                                 collaborators=["dana-w", "lee-p"], **options)
        self.switch.app = GitHubEmulator(self.state, self.faults)
        self.faults.clear()
        self.log.clear()
        return self.state

    def client(self, token: str | None = None, per_page: int = 30) -> Github:
        return Github(auth=Auth.Token(token or self.state.token), base_url=self.api, per_page=per_page,
                      seconds_between_requests=None, seconds_between_writes=None, retry=None, timeout=5)

    def raw(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"token {self.state.token}", **kwargs.pop("headers", {})}
        return requests.request(method, f"{self.api}{path}", headers=headers, timeout=5, **kwargs)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    context, ca_path = make_server_tls(tmp_path_factory.mktemp("tls"))
    switch, faults, log = Slot(), FaultPlan(), RequestLog()
    app = Controlled("github", switch, faults, log, error_body=github_error_body)
    thread = ServerThread(app, ssl_context=context).start()
    yield Env(thread, ca_path, switch, faults, log)
    thread.stop()


@pytest.fixture
def env(server: Env, monkeypatch: pytest.MonkeyPatch) -> Env:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(server.ca_path))
    server.reset()
    return server


# --------------------------------------------------------------------------- repository and users

def test_repository_user_and_rate_limit(env: Env) -> None:
    gh = env.client()
    repo = gh.get_repo(REPO)
    assert (repo.full_name, repo.default_branch, repo.private) == (REPO, "main", True)
    assert repo.url == f"{env.api}/repos/{REPO}" and repo.owner.login == "acme"
    me = gh.get_user()
    assert (me.login, me.type) == ("esc-bot", "User")
    assert gh.get_user("dana-w").login == "dana-w"
    core = gh.get_rate_limit().resources.core
    assert (core.limit, core.used) == (5000, 3)
    assert repo.has_in_assignees("lee-p") and not repo.has_in_assignees("stranger")
    assert sorted(u.login for u in repo.get_assignees()) == ["dana-w", "esc-bot", "lee-p"]


def test_rate_limit_headers_on_every_response(env: Env) -> None:
    for response in (env.raw("GET", f"/repos/{REPO}"), env.raw("GET", "/repos/acme/nope"),
                     requests.get(f"{env.api}/user", timeout=5)):
        assert {"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Used",
                "X-RateLimit-Resource"} <= set(response.headers)
    assert env.raw("GET", "/search/issues", params={"q": "repo:acme/escalations"}).headers[
        "X-RateLimit-Resource"] == "search"


def test_collaborators_may_be_given_with_names(env: Env) -> None:
    state = GitHubState(REPO, collaborators=[{"login": "rachelkim", "name": "Rachel Kim",
                                              "email": "rachel.kim@example.com"}, "lee-p"])
    env.switch.app = GitHubEmulator(state, env.faults)
    gh = env.client(state.token)
    assert gh.get_user("rachelkim").name == "Rachel Kim"
    assert gh.get_repo(REPO).has_in_assignees("rachelkim") and gh.get_repo(REPO).has_in_assignees("lee-p")


def test_unknown_objects_and_bad_credentials(env: Env) -> None:
    gh = env.client()
    with pytest.raises(UnknownObjectException):
        gh.get_repo("acme/other")
    with pytest.raises(UnknownObjectException):
        gh.get_repo(REPO).get_issue(404).title
    with pytest.raises(BadCredentialsException) as caught:
        env.client("ghp_wrong").get_repo(REPO)
    assert caught.value.status == 401 and caught.value.data["message"] == "Bad credentials"
    anonymous = requests.get(f"{env.api}/repos/{REPO}", timeout=5)
    assert anonymous.status_code == 401 and anonymous.json()["message"] == "Requires authentication"
    bearer = requests.get(f"{env.api}/user", headers={"Authorization": f"Bearer {env.state.token}"}, timeout=5)
    assert bearer.json()["login"] == "esc-bot"


def test_core_rate_limit_is_enforced(env: Env) -> None:
    env.reset(core_limit=3)
    repo = env.client().get_repo(REPO)
    repo.get_labels().totalCount
    repo.get_issues().totalCount
    with pytest.raises(RateLimitExceededException) as caught:
        repo.get_pulls().totalCount
    assert caught.value.status == 403 and caught.value.headers["x-ratelimit-remaining"] == "0"


# --------------------------------------------------------------------------- issues

def test_create_get_edit_close_and_reopen_an_issue(env: Env) -> None:
    repo = env.client().get_repo(REPO)
    issue = repo.create_issue(title="ESC-48213 overdue: customer update", body="Next update was due <!-- esc:ESC-48213 -->",
                              labels=["overdue-update", "brand-new-label"], assignees=["dana-w"])
    assert (issue.number, issue.state, issue.user.login) == (1, "open", "esc-bot")
    assert [label.name for label in issue.labels] == ["overdue-update", "brand-new-label"]
    assert [a.login for a in issue.assignees] == ["dana-w"]
    assert issue.created_at == T0 and issue.html_url.endswith(f"/{REPO}/issues/1")
    assert "brand-new-label" in [label.name for label in repo.get_labels()]  # created implicitly

    env.clock.advance(hours=1)
    fetched = repo.get_issue(1)
    fetched.edit(title="ESC-48213 overdue (2)", body="updated", labels=["overdue-update", "sev-1"],
                 assignees=["lee-p"])
    assert fetched.title == "ESC-48213 overdue (2)" and fetched.updated_at == T0 + timedelta(hours=1)
    assert [a.login for a in fetched.assignees] == ["lee-p"]

    env.clock.advance(hours=1)
    fetched.edit(state="closed", state_reason="completed")
    closed = repo.get_issue(1)
    assert (closed.state, closed.state_reason, closed.closed_by.login) == ("closed", "completed", "esc-bot")
    assert closed.closed_at == T0 + timedelta(hours=2)
    closed.edit(state="open")
    assert (closed.state, closed.closed_at, closed.state_reason) == ("open", None, "reopened")


def test_issue_validation_errors(env: Env) -> None:
    repo = env.client().get_repo(REPO)
    with pytest.raises(GithubException) as caught:
        repo.create_issue(title="x", assignees=["not-a-collaborator"])
    assert caught.value.status == 422
    assert caught.value.data["errors"] == [{"value": "not-a-collaborator", "resource": "Issue",
                                            "field": "assignees", "code": "invalid"}]
    with pytest.raises(GithubException) as caught:
        repo.create_issue(title="x").edit(state="finished")
    assert caught.value.status == 422
    bad = env.raw("POST", f"/repos/{REPO}/issues", json={"body": "no title"})
    assert bad.status_code == 422 and "\"title\" wasn't supplied" in bad.json()["message"]
    broken = env.raw("POST", f"/repos/{REPO}/issues", data="{not json", headers={"Content-Type": "application/json"})
    assert broken.status_code == 400 and broken.json()["message"] == "Problems parsing JSON"


def test_list_filters(env: Env) -> None:
    repo = env.client().get_repo(REPO)
    for n in range(6):
        env.clock.advance(minutes=10)
        repo.create_issue(title=f"issue {n}", labels=["overdue-update"] + (["sev-1"] if n % 2 else []),
                          assignees=["dana-w"] if n < 3 else [])
    repo.get_issue(1).edit(state="closed")

    def numbers(**filters) -> list[int]:
        return [i.number for i in repo.get_issues(**filters)]

    assert numbers() == [6, 5, 4, 3, 2]  # open, newest first
    assert numbers(state="closed") == [1]
    assert numbers(state="all", direction="asc") == [1, 2, 3, 4, 5, 6]
    assert numbers(labels=["overdue-update", "SEV-1"]) == [6, 4, 2]
    assert numbers(assignee="dana-w") == [3, 2]
    assert numbers(assignee="none") == [6, 5, 4]
    assert numbers(creator="esc-bot", state="all") == [6, 5, 4, 3, 2, 1]
    assert numbers(since=T0 + timedelta(minutes=45), state="all") == [6, 5, 1]  # 1 was updated when closed


def test_link_header_paging(env: Env) -> None:
    repo = env.client(per_page=5).get_repo(REPO)
    for n in range(12):
        repo.create_issue(title=f"issue {n}")
    env.log.clear()
    issues = list(repo.get_issues(state="open"))
    assert [i.number for i in issues] == list(range(12, 0, -1))
    assert env.log.count("github", "GET", f"/api/v3/repos/{REPO}/issues") == 3
    assert repo.get_issues().totalCount == 12

    page = env.raw("GET", f"/repos/{REPO}/issues", params={"per_page": 5, "page": 2, "state": "open"})
    links = {rel: url for url, rel in (part.split("; rel=") for part in page.headers["Link"].split(", "))}
    assert set(links) == {'"prev"', '"next"', '"last"', '"first"'}
    for url in links.values():
        parts = urlsplit(url.strip("<>"))
        assert (parts.scheme, parts.port, parts.path) == ("https", env.server.port, f"/api/v3/repos/{REPO}/issues")
        assert parse_qs(parts.query)["state"] == ["open"] and parse_qs(parts.query)["per_page"] == ["5"]
    assert parse_qs(urlsplit(links['"last"'].strip("<>")).query)["page"] == ["3"]
    last = env.raw("GET", f"/repos/{REPO}/issues", params={"per_page": 5, "page": 3})
    assert len(last.json()) == 2 and 'rel="next"' not in last.headers["Link"]


def test_comments(env: Env) -> None:
    repo = env.client(per_page=2).get_repo(REPO)
    issue = repo.create_issue(title="needs comments")
    for n in range(5):
        env.clock.advance(minutes=1)
        issue.create_comment(f"update {n}")
    comments = list(issue.get_comments())
    assert [c.body for c in comments] == [f"update {n}" for n in range(5)]
    assert comments[0].user.login == "esc-bot" and comments[0].html_url.endswith(f"#issuecomment-{comments[0].id}")
    assert repo.get_issue(1).comments == 5
    assert [c.body for c in issue.get_comments(since=T0 + timedelta(minutes=4))] == ["update 3", "update 4"]
    comments[0].edit("edited")
    assert issue.get_comment(comments[0].id).body == "edited"


def test_issue_label_and_assignee_endpoints(env: Env) -> None:
    repo = env.client().get_repo(REPO)
    issue = repo.create_issue(title="labels")
    issue.add_to_labels("sev-1", "fresh")
    assert [label.name for label in issue.get_labels()] == ["sev-1", "fresh"]
    issue.remove_from_labels("sev-1")
    issue.set_labels("overdue-update")
    assert [label.name for label in repo.get_issue(1).labels] == ["overdue-update"]
    issue.add_to_assignees("lee-p")
    assert [a.login for a in issue.assignees] == ["lee-p"]
    issue.remove_from_assignees("lee-p")
    assert issue.assignees == []


def test_labels(env: Env) -> None:
    repo = env.client().get_repo(REPO)
    assert [label.name for label in repo.get_labels()] == ["overdue-update", "sev-1"]
    label = repo.get_label("overdue-update")
    assert (label.color, label.description) == ("d93f0b", "An escalation is overdue")
    created = repo.create_label("needs review/exec", "0e8a16", "Executive sponsor needed")
    assert repo.get_label("needs review/exec").color == "0e8a16" == created.color
    with pytest.raises(GithubException) as caught:
        repo.create_label("Overdue-Update", "ffffff")
    assert caught.value.status == 422
    assert caught.value.data["errors"] == [{"resource": "Label", "code": "already_exists", "field": "name"}]
    with pytest.raises(UnknownObjectException):
        repo.get_label("missing").color
    label.edit("overdue", "ff0000")
    assert repo.get_label("overdue").color == "ff0000"


def test_concurrent_creates_get_distinct_numbers(env: Env) -> None:
    repo = env.client().get_repo(REPO)
    numbers: list[int] = []
    errors: list[BaseException] = []

    def create(n: int) -> None:
        try:
            numbers.append(env.client().get_repo(REPO).create_issue(title=f"race {n}").number)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=create, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and sorted(numbers) == list(range(1, 9))
    assert repo.get_issues().totalCount == 8


# --------------------------------------------------------------------------- pull requests

def test_pull_requests(env: Env) -> None:
    repo = env.client().get_repo(REPO)
    pr = repo.create_pull(base="main", head="esc-sync", title="Escalation sync", body="3 documents changed")
    assert (pr.number, pr.state, pr.head.ref, pr.base.ref, pr.merged) == (1, "open", "esc-sync", "main", False)
    assert pr.head.label == "acme:esc-sync" and pr.html_url.endswith(f"/{REPO}/pull/1")

    with pytest.raises(GithubException) as caught:
        repo.create_pull(base="main", head="acme:esc-sync", title="again")
    assert caught.value.status == 422
    assert caught.value.data["errors"][0]["message"] == "A pull request already exists for acme:esc-sync."
    with pytest.raises(GithubException):
        repo.create_pull(base="main", head="main", title="nothing")
    with pytest.raises(GithubException):
        repo.create_pull(base="no-such-base", head="topic", title="bad base")

    assert [p.number for p in repo.get_pulls(state="open", head="acme:esc-sync")] == [1]
    assert list(repo.get_pulls(head="acme:other")) == []
    issues = list(repo.get_issues())  # the issues list includes pull requests, marked as such
    assert issues[0].pull_request is not None and issues[0].as_pull_request().number == 1

    pr.edit(title="Escalation sync (4 documents)", body="4 documents changed")
    assert repo.get_pull(1).title == "Escalation sync (4 documents)"
    pr.create_issue_comment("rolling PR updated")
    assert repo.get_pull(1).comments == 1
    pr.edit(state="closed")
    assert repo.get_pull(1).state == "closed"
    assert [p.number for p in repo.get_pulls(state="closed", head="acme:esc-sync")] == [1]
    second = repo.create_pull(base="main", head="esc-sync", title="new rolling PR")
    assert second.number == 2
    with pytest.raises(GithubException):  # cannot reopen while another is open for the same head
        pr.edit(state="open")


def test_check_branches_mode(env: Env) -> None:
    state = env.reset(check_branches=True)
    repo = env.client().get_repo(REPO)
    with pytest.raises(GithubException) as caught:
        repo.create_pull(base="main", head="unknown", title="x")
    assert caught.value.data["errors"] == [{"resource": "PullRequest", "field": "head", "code": "invalid"}]
    state.add_branch("esc-sync")
    assert repo.create_pull(base="main", head="esc-sync", title="x").number == 1


# --------------------------------------------------------------------------- contents

def test_contents_create_get_update_and_raw(env: Env) -> None:
    repo = env.client().get_repo(REPO)
    created = repo.create_file("escalations/index.json", "Publish the index", '{"ESC-1": {"severity": "SEV-2"}}')
    sha = created["content"].sha
    assert created["commit"].sha and len(sha) == 40

    content = repo.get_contents("escalations/index.json")
    assert (content.encoding, content.type, content.path, content.sha) == ("base64", "file", "escalations/index.json", sha)
    assert content.decoded_content == b'{"ESC-1": {"severity": "SEV-2"}}'

    updated = repo.update_file("escalations/index.json", "Refresh the index", '{"ESC-1": {}}', sha)
    assert updated["content"].sha != sha
    with pytest.raises(GithubException) as caught:  # a stale sha is a conflict
        repo.update_file("escalations/index.json", "stale", "{}", sha)
    assert caught.value.status == 409
    with pytest.raises(GithubException) as caught:  # an existing file needs its sha
        repo.create_file("escalations/index.json", "no sha", "{}")
    assert caught.value.status == 422

    for accept in ("application/vnd.github.raw", "application/vnd.github.v3.raw", "application/vnd.github.raw+json"):
        raw = env.raw("GET", f"/repos/{REPO}/contents/escalations/index.json", headers={"Accept": accept})
        assert raw.status_code == 200 and raw.content == b'{"ESC-1": {}}'
        assert raw.headers["Content-Type"].startswith(accept)
    download = requests.get(repo.get_contents("escalations/index.json").download_url,
                            headers={"Authorization": f"token {env.state.token}"}, timeout=5)
    assert download.content == b'{"ESC-1": {}}'
    assert env.state.file("escalations/index.json") == b'{"ESC-1": {}}'


def test_contents_directories_refs_and_missing_files(env: Env) -> None:
    state = env.state
    state.put_file("README.md", "# Escalations\n")
    state.put_file("escalations/ESC-1.md", "---\nid: ESC-1\n---\n")
    state.put_file("escalations/ESC-2.md", "---\nid: ESC-2\n---\n", branch="esc-sync")
    repo = env.client().get_repo(REPO)
    assert [(c.type, c.path) for c in repo.get_contents("")] == [("dir", "escalations"), ("file", "README.md")]
    assert [c.name for c in repo.get_contents("escalations")] == ["ESC-1.md"]
    assert [c.name for c in repo.get_contents("escalations", ref="esc-sync")] == ["ESC-1.md", "ESC-2.md"]
    assert base64.b64decode(env.raw("GET", f"/repos/{REPO}/contents/escalations/ESC-2.md",
                                    params={"ref": "esc-sync"}).json()["content"]) == b"---\nid: ESC-2\n---\n"
    with pytest.raises(UnknownObjectException):
        repo.get_contents("escalations/ESC-2.md")
    with pytest.raises(GithubException) as caught:  # GitHub's wording is not "Not Found"
        repo.get_contents("README.md", ref="no-such-branch")
    assert caught.value.status == 404 and caught.value.data["message"] == "No commit found for the ref no-such-branch"
    created = repo.create_file("notes/a b.md", "spaces", "x", branch="esc-sync")
    assert created["content"].path == "notes/a b.md"
    assert repo.get_contents("notes/a b.md", ref="esc-sync").decoded_content == b"x"
    repo.delete_file("notes/a b.md", "remove", created["content"].sha, branch="esc-sync")
    assert state.file("notes/a b.md", branch="esc-sync") is None


# --------------------------------------------------------------------------- search

def test_search_issues(env: Env) -> None:
    gh = env.client()
    repo = gh.get_repo(REPO)
    repo.create_issue(title="ESC-1 overdue", body="marker <!-- esc:ESC-1 -->", labels=["overdue-update"])
    repo.create_issue(title="ESC-10 overdue", body="marker <!-- esc:ESC-10 -->", labels=["overdue-update"])
    repo.create_issue(title="Unrelated", body="nothing here", labels=["sev-1"])
    repo.create_pull(base="main", head="esc-sync", title="ESC-1 sync", body="esc:ESC-1")
    repo.get_issue(2).edit(state="closed")

    def found(query: str) -> list[int]:
        return sorted(i.number for i in gh.search_issues(query))

    assert found(f'repo:{REPO} is:issue in:body "esc:ESC-1"') == [1]  # word match: not ESC-10
    assert found(f'repo:{REPO} "esc:ESC-1"') == [1, 4]
    assert found(f"repo:{REPO} is:issue is:open label:overdue-update") == [1]
    assert found(f"repo:{REPO} is:issue is:closed label:overdue-update") == [2]
    assert found(f'repo:{REPO} is:issue label:"overdue-update" -label:sev-1 ESC-10') == [2]
    assert found(f"repo:{REPO} is:pr") == [4]
    assert found(f"repo:{REPO} is:issue in:title overdue") == [1, 2]
    assert found(f"repo:{REPO} is:issue no:label") == []
    results = gh.search_issues(f"repo:{REPO} is:issue")
    assert results.totalCount == 3 and results.incomplete_results is False
    with pytest.raises(GithubException) as caught:
        list(gh.search_issues("repo:someone/else overdue"))
    assert caught.value.status == 422


def test_search_index_lag(env: Env) -> None:
    env.reset(search_index_lag=0.2)
    gh = env.client()
    gh.get_repo(REPO).create_issue(title="fresh", body="esc:ESC-7")
    assert gh.search_issues(f'repo:{REPO} "esc:ESC-7"').totalCount == 0
    time.sleep(0.25)
    assert gh.search_issues(f'repo:{REPO} "esc:ESC-7"').totalCount == 1


# --------------------------------------------------------------------------- faults

@pytest.mark.parametrize("kind", ["429", "500", "503"])
def test_server_faults_reach_pygithub(env: Env, kind: str) -> None:
    repo = env.client().get_repo(REPO)
    env.faults.add(Fault(kind, path_prefix=f"/api/v3/repos/{REPO}/issues"))
    with pytest.raises(GithubException) as caught:
        repo.create_issue(title="x")
    assert caught.value.status == int(kind)
    if kind == "429":
        assert caught.value.headers["retry-after"] == "1"
    assert repo.create_issue(title="x").number == 1


def test_slow_drop_and_expire_faults(env: Env) -> None:
    gh = env.client()
    repo = gh.get_repo(REPO)
    env.faults.add(Fault("slow", delay=0.2))
    started = time.monotonic()
    repo.get_labels().totalCount
    assert time.monotonic() - started >= 0.2
    env.faults.add(Fault("drop"))
    with pytest.raises(requests.exceptions.ConnectionError):
        repo.get_issues().totalCount
    env.faults.add(Fault("expire", after=1))
    repo.get_labels().totalCount
    with pytest.raises(BadCredentialsException):
        repo.get_labels().totalCount
    assert repo.get_labels().totalCount == 2  # times=1: only one call refused


def test_plain_http_works_too(env: Env) -> None:
    thread = ServerThread(GitHubEmulator(env.state)).start()
    try:
        gh = Github(auth=Auth.Token(env.state.token), base_url=f"{thread.url}/api/v3",
                    seconds_between_requests=None, seconds_between_writes=None, retry=None)
        assert gh.get_repo(REPO).create_issue(title="over http").url.startswith(f"http://127.0.0.1:{thread.port}/")
    finally:
        thread.stop()

