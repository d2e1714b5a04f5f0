"""GitHub emulator handlers: the repository, users, rate limit, pull requests, contents."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from werkzeug.wrappers import Response

from .core import json_response
from .github import ACTIONS_BOT, Ctx, gh_error, paginate, validation_failed
from .github_model import Issue, Pull

_DOC_PULLS = "https://docs.github.com/rest/pulls/pulls"
_DOC_CONTENTS = "https://docs.github.com/rest/repos/contents"
_RAW_TYPES = ("application/vnd.github.raw", "application/vnd.github.v3.raw")

RAW_ROUTE = r"/raw/{repo}/(?P<ref>[^/]+)/(?P<path>.+)"


# --------------------------------------------------------------------------- repository, users

def get_repo(ctx: Ctx) -> Response:
    open_count = sum(1 for i in ctx.state.issues.values() if i.state == "open")
    return json_response(ctx.render.repo(open_issues=open_count))


def workflow_permissions(ctx: Ctx) -> Response:
    """The repository's Actions workflow permissions (docs: REST › Actions › Permissions)."""
    return json_response({"default_workflow_permissions": "read",
                          "can_approve_pull_request_reviews": bool(ctx.state.actions_can_create_prs)})


def get_authenticated_user(ctx: Ctx) -> Response:
    return json_response(ctx.render.user(ctx.login, full=True))


def get_user(ctx: Ctx, login: str) -> Response:
    if login.lower() not in ctx.state.users:
        return gh_error(404, "Not Found")
    return json_response(ctx.render.user(login, full=True))


def rate_limit(ctx: Ctx) -> Response:
    def rate(resource: str) -> dict[str, Any]:
        limit, remaining, reset, used = ctx.state.rate(resource, consume=False)
        return {"limit": limit, "remaining": remaining, "reset": reset, "used": used, "resource": resource}

    core = rate("core")
    graphql = {**core, "limit": 5000, "remaining": 5000, "used": 0, "resource": "graphql"}
    return json_response({"resources": {"core": core, "search": rate("search"), "graphql": graphql},
                          "rate": core})


def list_assignees(ctx: Ctx) -> Response:
    logins: list[str] = []
    for login in [*ctx.state.collaborators, *ctx.state.tokens.values()]:
        if login != ACTIONS_BOT and login.lower() not in (l.lower() for l in logins):
            logins.append(login)
    return paginate(ctx, logins, ctx.render.user)


def check_assignee(ctx: Ctx, login: str) -> Response:
    return Response(status=204) if ctx.state.assignable(login) else gh_error(404, "Not Found")


def get_branch(ctx: Ctx, branch: str) -> Response:
    if branch not in ctx.state.branches:
        return gh_error(404, "Branch not found", doc="https://docs.github.com/rest/branches/branches")
    sha = ctx.state.heads[branch]
    return json_response({"name": branch, "protected": False,
                          "commit": {"sha": sha, "url": f"{ctx.render.u.repo}/commits/{sha}"},
                          "_links": {"self": f"{ctx.render.u.repo}/branches/{branch}",
                                     "html": f"{ctx.render.u.html_repo}/tree/{branch}"}})


# --------------------------------------------------------------------------- pull requests

def _pull(ctx: Ctx, number: str) -> Issue | None:
    issue = ctx.state.issues.get(int(number))
    return issue if issue is not None and issue.pull is not None else None


def _open_duplicate(ctx: Ctx, head: str, base: str, besides: int = 0) -> Issue | None:
    return next((i for i in ctx.state.issues.values() if i.pull is not None and i.state == "open"
                 and i.number != besides and i.pull.head_ref == head and i.pull.base_ref == base), None)


def _already_exists(ctx: Ctx, head: str) -> Response:
    return validation_failed({"resource": "PullRequest", "code": "custom",
                              "message": f"A pull request already exists for {ctx.state.owner}:{head}."},
                             doc=_DOC_PULLS)


def create_pull(ctx: Ctx) -> Response:
    state = ctx.state
    body = ctx.body if isinstance(ctx.body, dict) else {}
    head, base = body.get("head"), body.get("base")
    for name, value in (("head", head), ("base", base)):
        if not isinstance(value, str) or not value:
            return validation_failed({"resource": "PullRequest", "code": "missing_field", "field": name},
                                     doc=_DOC_PULLS)
    if "issue" in body:
        return validation_failed({"resource": "PullRequest", "code": "invalid", "field": "issue"}, doc=_DOC_PULLS)
    title = body.get("title")
    if not isinstance(title, str) or not title.strip():
        return validation_failed({"resource": "PullRequest", "code": "missing_field", "field": "title"},
                                 doc=_DOC_PULLS)
    owner, _, head_ref = head.rpartition(":")
    if (owner and owner.lower() != state.owner.lower()) or (state.check_branches and head_ref not in state.branches):
        return validation_failed({"resource": "PullRequest", "field": "head", "code": "invalid"}, doc=_DOC_PULLS)
    if base not in state.branches:
        return validation_failed({"resource": "PullRequest", "field": "base", "code": "invalid"}, doc=_DOC_PULLS)
    if head_ref == base:
        return validation_failed({"resource": "PullRequest", "code": "custom",
                                  "message": f"No commits between {base} and {head_ref}"}, doc=_DOC_PULLS)
    if _open_duplicate(ctx, head_ref, base) is not None:
        return _already_exists(ctx, head_ref)
    if ctx.login == ACTIONS_BOT and not state.actions_can_create_prs:
        return gh_error(403, "GitHub Actions is not permitted to create or approve pull requests.",
                        doc=_DOC_PULLS + "#create-a-pull-request")
    state.add_branch(head_ref)
    pull = Pull(head_ref, state.owner, base, bool(body.get("draft", False)),
                bool(body.get("maintainer_can_modify", False)))
    issue = state.new_issue(title, body.get("body"), ctx.login, pull=pull)
    return json_response(ctx.render.pull(issue), 201, {"Location": f"{ctx.render.u.repo}/pulls/{issue.number}"})


def list_pulls(ctx: Ctx) -> Response:
    args = ctx.request.args
    wanted_state = args.get("state", "open")
    pulls = [i for i in ctx.state.issues.values() if i.pull is not None
             and (wanted_state == "all" or i.state == wanted_state)]
    if args.get("head"):
        owner, _, ref = args["head"].rpartition(":")
        if owner and owner.lower() != ctx.state.owner.lower():
            pulls = []
        pulls = [i for i in pulls if i.pull is not None and i.pull.head_ref == ref]
    if args.get("base"):
        pulls = [i for i in pulls if i.pull is not None and i.pull.base_ref == args["base"]]
    sort = args.get("sort", "created")
    direction = args.get("direction", "desc" if sort == "created" else "asc")
    key = (lambda i: (i.updated_at, i.number)) if sort == "updated" else (lambda i: (i.created_at, i.number))
    pulls.sort(key=key, reverse=direction == "desc")
    return paginate(ctx, pulls, ctx.render.pull)


def get_pull(ctx: Ctx, number: str) -> Response:
    issue = _pull(ctx, number)
    return gh_error(404, "Not Found") if issue is None else json_response(ctx.render.pull(issue))


def edit_pull(ctx: Ctx, number: str) -> Response:
    issue = _pull(ctx, number)
    if issue is None or issue.pull is None:
        return gh_error(404, "Not Found")
    body = ctx.body if isinstance(ctx.body, dict) else {}
    if "state" in body and body["state"] not in ("open", "closed"):
        return validation_failed({"value": body["state"], "resource": "PullRequest", "field": "state",
                                  "code": "invalid"}, doc=_DOC_PULLS)
    if "base" in body and body["base"] not in ctx.state.branches:
        return validation_failed({"resource": "PullRequest", "field": "base", "code": "invalid"}, doc=_DOC_PULLS)
    if "title" in body and (not isinstance(body["title"], str) or not body["title"].strip()):
        return validation_failed({"resource": "PullRequest", "field": "title", "code": "missing_field"},
                                 doc=_DOC_PULLS)
    base = body.get("base", issue.pull.base_ref)
    reopening = body.get("state") == "open" and issue.state == "closed"
    if (reopening or (issue.state == "open" and base != issue.pull.base_ref)) and \
            _open_duplicate(ctx, issue.pull.head_ref, base, besides=issue.number):
        return _already_exists(ctx, issue.pull.head_ref)
    now = ctx.state.current_time()
    issue.title = body.get("title", issue.title)
    issue.body = body.get("body", issue.body)
    issue.pull.base_ref = base
    if "maintainer_can_modify" in body:
        issue.pull.maintainer_can_modify = bool(body["maintainer_can_modify"])
    if body.get("state") == "closed" and issue.state == "open":
        issue.state, issue.closed_at, issue.closed_by = "closed", now, ctx.login
    elif reopening:
        issue.state, issue.closed_at, issue.closed_by = "open", None, None
    issue.updated_at = now
    return json_response(ctx.render.pull(issue))


# --------------------------------------------------------------------------- contents

def _ref(ctx: Ctx) -> tuple[str | None, Response | None]:
    ref = ctx.request.args.get("ref") or ctx.state.default_branch
    ref = ref.removeprefix("refs/heads/")
    if ref in ctx.state.branches:
        return ref, None
    branch = next((b for b, sha in ctx.state.heads.items() if sha == ref), None)
    if branch is not None:
        return branch, None
    return None, gh_error(404, f"No commit found for the ref {ref}", doc=_DOC_CONTENTS)


def _raw_wanted(ctx: Ctx) -> str | None:
    accept = ctx.request.headers.get("Accept", "")
    for part in accept.split(","):
        media = part.split(";", 1)[0].strip().lower()
        if media.removesuffix("+json") in _RAW_TYPES:
            return media
    return None


def get_contents(ctx: Ctx, path: str | None = None) -> Response:
    ref, error = _ref(ctx)
    if error is not None or ref is None:
        return error  # type: ignore[return-value]
    path = (path or "").strip("/")
    files = ctx.state.branches[ref]
    found = files.get(path)
    if found is not None:
        media = _raw_wanted(ctx)
        if media is not None:
            return Response(found.content, 200, content_type=f"{media}; charset=utf-8",
                            headers={"ETag": f'"{found.sha}"', "X-GitHub-Media-Type": "github.v3; param=raw"})
        return json_response(ctx.render.content(found, path, ref))
    prefix = f"{path}/" if path else ""
    entries: dict[str, Any] = {}
    for name, record in sorted(files.items()):
        if name.startswith(prefix):
            head, sep, _ = name[len(prefix):].partition("/")
            child = prefix + head
            if child not in entries:
                entries[child] = None if sep else record
    if not entries and path:
        return gh_error(404, "Not Found", doc=_DOC_CONTENTS)
    listing = [ctx.render.content(record, child, ref, with_body=False) for child, record in entries.items()]
    return json_response(sorted(listing, key=lambda e: (e["type"] != "dir", e["name"])))


def _write_target(ctx: Ctx) -> tuple[dict[str, Any], str | None, Response | None]:
    body = ctx.body if isinstance(ctx.body, dict) else {}
    if not isinstance(body.get("message"), str) or not body["message"]:
        return body, None, gh_error(422, 'Invalid request.\n\n"message" wasn\'t supplied.', doc=_DOC_CONTENTS)
    branch = body.get("branch") or ctx.state.default_branch
    if branch not in ctx.state.branches and ctx.state.check_branches:
        return body, None, gh_error(404, f"Branch {branch} not found", doc=_DOC_CONTENTS)
    ctx.state.add_branch(branch)
    return body, branch, None


def put_contents(ctx: Ctx, path: str) -> Response:
    body, branch, error = _write_target(ctx)
    if error is not None or branch is None:
        return error  # type: ignore[return-value]
    path = path.strip("/")
    content = body.get("content")
    if not isinstance(content, str):
        return gh_error(422, 'Invalid request.\n\n"content" wasn\'t supplied.', doc=_DOC_CONTENTS)
    try:
        data = base64.b64decode(content, validate=False)
    except (binascii.Error, ValueError):
        return gh_error(422, "content is not valid Base64", doc=_DOC_CONTENTS)
    existing = ctx.state.branches[branch].get(path)
    if existing is not None:
        if not body.get("sha"):
            return gh_error(422, 'Invalid request.\n\n"sha" wasn\'t supplied.', doc=_DOC_CONTENTS)
        if body["sha"] != existing.sha:
            return gh_error(409, f"{path} does not match {body['sha']}", doc=_DOC_CONTENTS)
    elif any(name.startswith(path + "/") for name in ctx.state.branches[branch]):
        return gh_error(422, f"Invalid request.\n\n\"{path}\" is a directory.", doc=_DOC_CONTENTS)
    record, sha, parent = ctx.state.put_file(path, data, branch)
    commit = ctx.render.commit(sha, parent, body["message"], ctx.login, ctx.state.current_time())
    return json_response({"content": ctx.render.content(record, path, branch, with_body=False), "commit": commit},
                         200 if existing is not None else 201)


def delete_contents(ctx: Ctx, path: str) -> Response:
    body, branch, error = _write_target(ctx)
    if error is not None or branch is None:
        return error  # type: ignore[return-value]
    path = path.strip("/")
    existing = ctx.state.branches[branch].get(path)
    if existing is None:
        return gh_error(404, "Not Found", doc=_DOC_CONTENTS)
    if not body.get("sha"):
        return gh_error(422, 'Invalid request.\n\n"sha" wasn\'t supplied.', doc=_DOC_CONTENTS)
    if body["sha"] != existing.sha:
        return gh_error(409, f"{path} does not match {body['sha']}", doc=_DOC_CONTENTS)
    sha, parent = ctx.state.delete_file(path, branch)
    commit = ctx.render.commit(sha, parent, body["message"], ctx.login, ctx.state.current_time())
    return json_response({"content": None, "commit": commit})


def raw_download(ctx: Ctx, ref: str, path: str) -> Response:
    """``download_url``: the file's bytes (text/plain, as raw file hosts serve them)."""
    found = ctx.state.branches.get(ref, {}).get(path.strip("/"))
    if found is None:
        return Response("404: Not Found", 404, content_type="text/plain; charset=utf-8")
    return Response(found.content, 200, content_type="text/plain; charset=utf-8", headers={"ETag": f'"{found.sha}"'})


ROUTES = [
    ("GET", r"/user/?", get_authenticated_user),
    ("GET", r"/users/(?P<login>[^/]+)/?", get_user),
    ("GET", r"/rate_limit/?", rate_limit),
    ("GET", r"{repo}/?", get_repo),
    ("GET", r"{repo}/actions/permissions/workflow/?", workflow_permissions),
    ("GET", r"{repo}/assignees/?", list_assignees),
    ("GET", r"{repo}/assignees/(?P<login>[^/]+)/?", check_assignee),
    ("GET", r"{repo}/collaborators/(?P<login>[^/]+)/?", check_assignee),
    ("GET", r"{repo}/branches/(?P<branch>.+)", get_branch),
    ("GET", r"{repo}/pulls/?", list_pulls),
    ("POST", r"{repo}/pulls/?", create_pull),
    ("GET", r"{repo}/pulls/(?P<number>\d+)/?", get_pull),
    ("PATCH", r"{repo}/pulls/(?P<number>\d+)/?", edit_pull),
    ("GET", r"{repo}/contents(?:/(?P<path>.*))?", get_contents),
    ("PUT", r"{repo}/contents/(?P<path>.+)", put_contents),
    ("DELETE", r"{repo}/contents/(?P<path>.+)", delete_contents),
]
