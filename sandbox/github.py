"""A local GitHub REST v3 emulator for PyGithub, served under ``/api/v3``.

    state = GitHubState("acme/escalations", labels=[{"name": "overdue-update"}],
                        collaborators=["dana-w"])
    app = Controlled("github", GitHubEmulator(state, faults), faults, log, error_body=github_error_body)
    server = ServerThread(app).start()          # or with ssl_context=… for https
    gh = Github(auth=Auth.Token(state.token), base_url=f"{server.url}/api/v3",
                seconds_between_requests=None, seconds_between_writes=None, retry=None)

One repository (``state.full_name``): issues, comments, labels, assignees, pull requests,
contents (JSON/base64 or raw with ``Accept: application/vnd.github.raw``; create, update,
delete), ``/search/issues``, ``/user``, ``/users/{login}``, ``/rate_limit``; raw files also
at ``/raw/{owner}/{repo}/{ref}/{path}`` (the ``download_url``). Lists page with
``per_page``/``page`` and RFC 5988 ``Link`` headers. Every answer carries the
``X-RateLimit-*`` headers; the core (``core_limit``/hour) and search (``search_limit``/minute)
budgets are enforced with GitHub's 403 "API rate limit exceeded".

Auth: ``Authorization: token T`` or ``Bearer T``; no header → 401 "Requires
authentication", unknown token → 401 "Bad credentials". The "expire" fault makes the
call it fires on answer 401 "Bad credentials" (a GitHub token cannot be renewed by the
client; use ``times`` for how many calls, ``times=None`` for "from now on").
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Mapping, Sequence
from urllib.parse import unquote, urlencode

from werkzeug.wrappers import Request, Response

from .core import FaultPlan, json_response
from .github_model import DOCS, Comment, File, Issue, Label, Renderer, Urls, User, blob_sha

__all__ = ["GitHubState", "GitHubEmulator", "github_error_body", "Ctx", "gh_error", "validation_failed",
           "paginate", "page_of"]


ACTIONS_BOT = "github-actions[bot]"


def github_error_body(status: int) -> dict[str, str]:
    """GitHub-shaped bodies for injected faults (for ``Controlled(error_body=…)``)."""
    messages = {429: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                500: "Server Error", 502: "Server Error", 503: "Service Unavailable"}
    return {"message": messages.get(status, "Server Error"), "documentation_url": DOCS, "status": str(status)}


def gh_error(status: int, message: str, errors: list[dict[str, Any]] | None = None,
             doc: str = DOCS) -> Response:
    body: dict[str, Any] = {"message": message}
    if errors is not None:
        body["errors"] = errors
    body.update({"documentation_url": doc, "status": str(status)})
    return json_response(body, status)


def validation_failed(*errors: dict[str, Any], doc: str = DOCS) -> Response:
    return gh_error(422, "Validation Failed", list(errors), doc)


class GitHubState:
    """The repository and everything in it. All access goes through ``lock``.

    ``token``/``login``: the credential clients use and the user it belongs to (more via
    :meth:`add_token`). ``labels``: dicts with ``name`` and optional ``color``,
    ``description``. ``collaborators``: logins (or ``{"login", "name", "email"}`` dicts)
    that can be assigned. ``now``: a datetime,
    a callable returning one, or None for the real clock (timestamps of new records).
    ``check_branches``: when True, pull requests and file writes need an existing branch
    (:meth:`add_branch`); when False, unknown branches spring into being as copies of the
    default branch. ``search_index_lag``: seconds before a new issue shows in search.
    """

    def __init__(self, full_name: str, default_branch: str = "main", labels: Iterable[Mapping[str, Any]] = (),
                 collaborators: Iterable["str | Mapping[str, Any]"] = (), *, token: str = "ghp_sandboxEscalationDeskToken0000000000",
                 login: str = "esc-bot", now: "datetime | Callable[[], datetime] | None" = None,
                 private: bool = True, core_limit: int = 5000, search_limit: int = 30,
                 check_branches: bool = False, search_index_lag: float = 0.0) -> None:
        if full_name.count("/") != 1:
            raise ValueError("full_name must be owner/name")
        self.lock = threading.RLock()
        self.full_name = full_name
        self.owner, self.name = full_name.split("/")
        self.default_branch = default_branch
        self.now = now
        self.private = private
        self.core_limit, self.search_limit = core_limit, search_limit
        self.check_branches = check_branches
        self.search_index_lag = search_index_lag
        self.token = token
        self._ids = {"user": 0, "label": 0, "issue": 0, "comment": 0, "reaction": 0}
        self.users: dict[str, User] = {}
        self.tokens: dict[str, str] = {}
        self.collaborators: list[str] = []
        self.labels: dict[str, Label] = {}
        self.issues: dict[int, Issue] = {}
        self.branches: dict[str, dict[str, File]] = {default_branch: {}}
        self.heads: dict[str, str] = {default_branch: secrets.token_hex(20)}
        self.repo_id = 7_000_001
        self.created_at = self.current_time()
        self._rate: dict[str, tuple[float, int]] = {}  # resource -> (window start, used)
        self.add_user(self.owner, type="Organization")
        self.add_token(token, login)
        # The token a workflow gets as secrets.GITHUB_TOKEN acts as github-actions[bot]; by
        # default (the repository/organization setting "Allow GitHub Actions to create and
        # approve pull requests" is off) it may not open pull requests.
        self.actions_token = "ghs_sandboxActionsInstallationToken00000000"
        self.actions_can_create_prs = False
        self.add_user(ACTIONS_BOT, type="Bot")
        self.tokens[self.actions_token] = ACTIONS_BOT
        for person in collaborators:
            if isinstance(person, str):
                self.add_collaborator(person)
            else:
                self.add_user(person["login"], name=person.get("name"), email=person.get("email"))
                self.add_collaborator(person["login"])
        for label in labels:
            self.add_label(label["name"], label.get("color", "ededed"), label.get("description"))

    # ---- clock and ids
    def current_time(self) -> datetime:
        now = self.now() if callable(self.now) else self.now
        return (now or datetime.now(timezone.utc)).replace(microsecond=0)

    def next_id(self, kind: str) -> int:
        with self.lock:
            self._ids[kind] += 1
            base = {"user": 1_000, "label": 5_000_000, "issue": 2_000_000, "comment": 9_000_000,
                    "reaction": 3_000_000}[kind]
            return base + self._ids[kind]

    # ---- people
    def add_user(self, login: str, type: str = "User", name: str | None = None,  # noqa: A002
                 email: str | None = None) -> User:
        with self.lock:
            user = self.users.get(login.lower())
            if user is None:
                user = self.users[login.lower()] = User(login, self.next_id("user"), type, name, email)
            return user

    def add_token(self, token: str, login: str) -> None:
        with self.lock:
            self.add_user(login, name=login, email=f"{login}@users.noreply.sandbox")
            self.tokens[token] = login

    def add_collaborator(self, login: str) -> None:
        with self.lock:
            self.add_user(login)
            if login.lower() not in (c.lower() for c in self.collaborators):
                self.collaborators.append(login)

    def assignable(self, login: str) -> bool:
        with self.lock:
            wanted = login.lower()
            return wanted in (c.lower() for c in self.collaborators) or \
                wanted in (t.lower() for t in self.tokens.values() if t != ACTIONS_BOT)

    # ---- labels, issues
    def add_label(self, name: str, color: str = "ededed", description: str | None = None) -> Label:
        with self.lock:
            label = self.labels.get(name.lower())
            if label is None:
                label = self.labels[name.lower()] = Label(self.next_id("label"), name, color.lstrip("#"),
                                                          description)
            return label

    def issue(self, number: int) -> Issue | None:
        with self.lock:
            return self.issues.get(number)

    def new_issue(self, title: str, body: str | None, user: str, **extra: Any) -> Issue:
        with self.lock:
            number = len(self.issues) + 1
            now = self.current_time()
            issue = Issue(number, self.next_id("issue"), title, body, user, now, now,
                          indexed_at=time.monotonic() + self.search_index_lag, **extra)
            self.issues[number] = issue
            return issue

    def add_comment(self, number: int, body: str, user: str) -> Comment:
        """Test helper: a comment by `user` (as if typed on github.com)."""
        with self.lock:
            issue = self.issues[number]
            now = self.current_time()
            comment = Comment(self.next_id("comment"), number, body, user, now, now)
            issue.comments.append(comment)
            issue.updated_at = now
            return comment

    # ---- branches and files
    def add_branch(self, name: str, from_branch: str | None = None) -> None:
        with self.lock:
            if name not in self.branches:
                source = self.branches[from_branch or self.default_branch]
                self.branches[name] = dict(source)
                self.heads[name] = self.heads[from_branch or self.default_branch]

    def file(self, path: str, branch: str | None = None) -> bytes | None:
        with self.lock:
            found = self.branches.get(branch or self.default_branch, {}).get(path.strip("/"))
            return None if found is None else found.content

    def put_file(self, path: str, content: bytes | str, branch: str | None = None) -> tuple[File, str, str]:
        """Write a file (a commit on `branch`); returns (file, commit sha, parent sha)."""
        data = content.encode() if isinstance(content, str) else content
        with self.lock:
            branch = branch or self.default_branch
            self.add_branch(branch)
            record = File(path.strip("/"), data, blob_sha(data))
            self.branches[branch][record.path] = record
            return (record, *self._advance(branch))

    def delete_file(self, path: str, branch: str | None = None) -> tuple[str, str]:
        with self.lock:
            branch = branch or self.default_branch
            del self.branches[branch][path.strip("/")]
            return self._advance(branch)

    def _advance(self, branch: str) -> tuple[str, str]:
        parent = self.heads[branch]
        self.heads[branch] = secrets.token_hex(20)
        return self.heads[branch], parent

    # ---- rate limits
    def rate(self, resource: str, consume: bool = True) -> tuple[int, int, int, int]:
        """(limit, remaining, reset epoch, used) for `resource`, after one use if `consume`."""
        limit, window = (self.search_limit, 60) if resource == "search" else (self.core_limit, 3600)
        with self.lock:
            now = time.time()
            start, used = self._rate.get(resource, (now, 0))
            if now - start >= window:
                start, used = now, 0
            if consume:
                used += 1
            self._rate[resource] = (start, used)
            return limit, max(limit - used, 0), int(start + window), used


@dataclass
class Ctx:
    """One request as the handlers see it."""

    request: Request
    state: GitHubState
    login: str
    render: Renderer
    body: Any = None


def page_of(ctx: Ctx, items: Sequence[Any]) -> tuple[Sequence[Any], dict[str, str]]:
    """One page of `items` (``per_page`` ≤ 100, default 30; ``page`` from 1) and GitHub's
    ``Link`` header (prev, next, last, first) pointing back at this endpoint."""
    args = ctx.request.args
    try:
        per_page = min(max(int(args.get("per_page", 30)), 1), 100)
    except ValueError:
        per_page = 30
    try:
        page = max(int(args.get("page", 1)), 1)
    except ValueError:
        page = 1
    last = max((len(items) + per_page - 1) // per_page, 1)
    chunk = items[(page - 1) * per_page: page * per_page]
    base = ctx.render.u.web + ctx.request.path
    params = [(k, v) for k, v in args.items(multi=True) if k != "page"]

    def link(number: int, rel: str) -> str:
        return f'<{base}?{urlencode(params + [("page", str(number))])}>; rel="{rel}"'

    links = []
    if page > 1:
        links.append(link(page - 1, "prev"))
    if page < last:
        links += [link(page + 1, "next"), link(last, "last")]
    if page > 1:
        links.append(link(1, "first"))
    return chunk, ({"Link": ", ".join(links)} if links else {})


def paginate(ctx: Ctx, items: Sequence[Any], render: Callable[[Any], Any]) -> Response:
    """A JSON list response of one page of `items`, rendered, with the ``Link`` header."""
    chunk, headers = page_of(ctx, items)
    return json_response([render(item) for item in chunk], headers=headers)


Handler = Callable[..., Response]


class GitHubEmulator:
    """The WSGI app; the REST API lives under `base_path` (default ``/api/v3``)."""

    def __init__(self, state: GitHubState, faults: FaultPlan | None = None, base_path: str = "/api/v3") -> None:
        from .github_issues import ROUTES as ISSUE_ROUTES
        from .github_labels import ROUTES as LABEL_ROUTES
        from .github_search import ROUTES as SEARCH_ROUTES
        from .github_repo import RAW_ROUTE, ROUTES as REPO_ROUTES

        self.state = state
        self.faults = faults or FaultPlan()
        self.base_path = "/" + base_path.strip("/") if base_path.strip("/") else ""
        repo = re.escape(state.full_name)
        self.routes: list[tuple[str, re.Pattern[str], Handler]] = [
            (method, re.compile(pattern.replace("{repo}", f"/repos/{repo}"), re.IGNORECASE), handler)
            for method, pattern, handler in [*REPO_ROUTES, *ISSUE_ROUTES, *LABEL_ROUTES, *SEARCH_ROUTES]]
        self.raw_route = re.compile(RAW_ROUTE.replace("{repo}", repo), re.IGNORECASE)

    def __call__(self, environ, start_response):  # type: ignore[no-untyped-def]
        request = Request(environ)
        return self.dispatch(request)(environ, start_response)

    def _token(self, request: Request) -> tuple[str | None, bool]:
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if not header:
            return None, False
        return (token.strip() if scheme.lower() in ("token", "bearer") else None), True

    def dispatch(self, request: Request) -> Response:
        # Route on the undecoded path, so that %2F inside a label name or file path stays put.
        path = str(request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or request.path)
        path = path.split("?", 1)[0]
        if "://" in path:  # an absolute request-target
            path = "/" + path.split("://", 1)[1].partition("/")[2]
        api_path = path[len(self.base_path):] or "/"
        resource = "search" if api_path.startswith("/search/") else "core"
        response, counted = self._answer(request, path, api_path, resource)
        limit, remaining, reset, used = self.state.rate(resource, consume=False)
        response.headers.update({
            "X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Reset": str(reset), "X-RateLimit-Used": str(min(used, limit)),
            "X-RateLimit-Resource": resource,
            "X-GitHub-Request-Id": secrets.token_hex(8).upper(),
            "X-GitHub-Api-Version-Selected": "2022-11-28",
        })
        response.headers.setdefault("X-GitHub-Media-Type", "github.v3; format=json")
        if counted:
            response.headers.update({"X-OAuth-Scopes": "repo, workflow", "X-Accepted-OAuth-Scopes": "repo"})
        return response

    def _answer(self, request: Request, path: str, api_path: str, resource: str) -> tuple[Response, bool]:
        """The response, and whether the request was authenticated (and counted)."""
        state = self.state
        raw = self.raw_route.fullmatch(path)
        if raw is None and not (path == self.base_path or path.startswith(self.base_path + "/")):
            return gh_error(404, "Not Found"), False
        token, sent = self._token(request)
        if raw is not None and token is None:
            token = request.args.get("token")
            sent = sent or token is not None
        with state.lock:
            login = state.tokens.get(token or "")
        if login is None:
            return gh_error(401, "Bad credentials" if sent else "Requires authentication"), False
        if self.faults.take(request, kinds=("expire",)) is not None:
            return gh_error(401, "Bad credentials"), False
        counted = api_path.rstrip("/") != "/rate_limit"
        if counted:
            limit, _, _, used = state.rate(resource)
            if used > limit:
                user_id = state.users[login.lower()].id
                return gh_error(403, f"API rate limit exceeded for user ID {user_id}.",
                                doc="https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"), True
        return self._route(request, api_path, raw, login), True

    def _route(self, request: Request, api_path: str, raw: re.Match[str] | None, login: str) -> Response:
        from .github_repo import raw_download

        web = request.host_url.rstrip("/")
        state = self.state
        with state.lock:
            render = Renderer(Urls(web + self.base_path, web, state.full_name), state.users, state.labels,
                              state.repo_id, state.owner, state.default_branch, state.private,
                              state.created_at, state.heads)
            ctx = Ctx(request, state, login, render)
            if raw is not None:
                return raw_download(ctx, **{k: unquote(v) for k, v in raw.groupdict().items()})
            for method, pattern, handler in self.routes:
                match = pattern.fullmatch(api_path)
                if match is None:
                    continue
                if method != request.method and not (method == "GET" and request.method == "HEAD"):
                    continue
                if request.method in ("POST", "PATCH", "PUT", "DELETE") and request.get_data():
                    try:
                        ctx.body = request.get_json(force=True)
                    except Exception:  # noqa: BLE001 - werkzeug raises BadRequest subclasses
                        return gh_error(400, "Problems parsing JSON")
                return handler(ctx, **{k: None if v is None else unquote(v) for k, v in match.groupdict().items()})
            return gh_error(404, "Not Found")  # GitHub answers unknown paths and verbs alike
