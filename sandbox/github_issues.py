"""GitHub emulator handlers: issues, their comments and assignees (labels and search live in
:mod:`sandbox.github_labels` and :mod:`sandbox.github_search`)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterable

from werkzeug.wrappers import Response

from .core import json_response
from .github import Ctx, gh_error, paginate, validation_failed
from .github_model import REACTIONS, Comment, Issue, Reaction

_DOC_ISSUES = "https://docs.github.com/rest/issues/issues"
_STATE_REASONS = (None, "completed", "not_planned", "reopened", "duplicate")


def parse_time(raw: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def find_issue(ctx: Ctx, number: str) -> Issue | None:
    return ctx.state.issues.get(int(number))


def label_names(values: Any) -> list[str] | None:
    """Label names from a JSON list of strings or ``{"name": …}`` objects."""
    if not isinstance(values, list):
        return None
    out = []
    for value in values:
        name = value.get("name") if isinstance(value, dict) else value
        if not isinstance(name, str) or not name.strip():
            return None
        out.append(name)
    return out


def apply_labels(ctx: Ctx, names: Iterable[str]) -> list[str]:
    """Canonical names, creating unknown labels as GitHub does."""
    result: list[str] = []
    for name in names:
        label = ctx.state.add_label(name.strip())
        if label.name not in result:
            result.append(label.name)
    return result


def _check_assignees(ctx: Ctx, logins: list[str]) -> Response | None:
    for login in logins:
        if not isinstance(login, str) or not ctx.state.assignable(login):
            return validation_failed({"value": login, "resource": "Issue", "field": "assignees", "code": "invalid"},
                                     doc=_DOC_ISSUES)
    return None


def _canonical_logins(ctx: Ctx, logins: list[str]) -> list[str]:
    out: list[str] = []
    for login in logins:
        canonical = ctx.state.add_user(login).login
        if canonical not in out:
            out.append(canonical)
    return out


def _issue_response(ctx: Ctx, issue: Issue, status: int = 200) -> Response:
    return json_response(ctx.render.issue(issue), status)


# --------------------------------------------------------------------------- issues

def list_issues(ctx: Ctx) -> Response:
    args = ctx.request.args
    wanted_state = args.get("state", "open")
    if wanted_state not in ("open", "closed", "all"):
        return validation_failed({"resource": "Issue", "field": "state", "code": "invalid"}, doc=_DOC_ISSUES)
    issues = list(ctx.state.issues.values())
    if wanted_state != "all":
        issues = [i for i in issues if i.state == wanted_state]
    if args.get("labels"):
        wanted = {n.strip().lower() for n in args["labels"].split(",") if n.strip()}
        issues = [i for i in issues if wanted <= {n.lower() for n in i.labels}]
    assignee = args.get("assignee")
    if assignee == "none":
        issues = [i for i in issues if not i.assignees]
    elif assignee == "*":
        issues = [i for i in issues if i.assignees]
    elif assignee:
        issues = [i for i in issues if assignee.lower() in (a.lower() for a in i.assignees)]
    if args.get("creator"):
        issues = [i for i in issues if i.user.lower() == args["creator"].lower()]
    milestone = args.get("milestone")
    if milestone not in (None, "none", "*"):
        return gh_error(404, "Not Found")
    if milestone == "*":
        issues = []
    if args.get("since"):
        since = parse_time(args["since"])
        if since is None:
            return validation_failed({"resource": "Issue", "field": "since", "code": "invalid"}, doc=_DOC_ISSUES)
        issues = [i for i in issues if i.updated_at >= since]
    issues = sort_issues(issues, args.get("sort", "created"), args.get("direction", "desc"))
    return paginate(ctx, issues, ctx.render.issue)


def sort_issues(issues: list[Issue], sort: str, direction: str) -> list[Issue]:
    key = {"updated": lambda i: (i.updated_at, i.number), "comments": lambda i: (len(i.comments), i.number)}.get(
        sort, lambda i: (i.created_at, i.number))
    return sorted(issues, key=key, reverse=direction != "asc")


def get_issue(ctx: Ctx, number: str) -> Response:
    issue = find_issue(ctx, number)
    return gh_error(404, "Not Found") if issue is None else _issue_response(ctx, issue)


def create_issue(ctx: Ctx) -> Response:
    body = ctx.body if isinstance(ctx.body, dict) else {}
    title = body.get("title")
    if not isinstance(title, (str, int)) or not str(title).strip():
        return gh_error(422, 'Invalid request.\n\n"title" wasn\'t supplied.', doc=_DOC_ISSUES)
    if body.get("milestone") not in (None, ""):
        return validation_failed({"value": body["milestone"], "resource": "Issue", "field": "milestone",
                                  "code": "invalid"}, doc=_DOC_ISSUES)
    assignees = list(body.get("assignees") or [])
    if body.get("assignee"):
        assignees.insert(0, body["assignee"])
    denied = _check_assignees(ctx, assignees)
    if denied is not None:
        return denied
    names = label_names(body.get("labels", []))
    if names is None:
        return validation_failed({"resource": "Issue", "field": "labels", "code": "invalid"}, doc=_DOC_ISSUES)
    issue = ctx.state.new_issue(str(title), body.get("body"), ctx.login,
                                labels=apply_labels(ctx, names), assignees=_canonical_logins(ctx, assignees))
    response = _issue_response(ctx, issue, 201)
    response.headers["Location"] = ctx.render.issue(issue)["url"]
    return response


def edit_issue(ctx: Ctx, number: str) -> Response:
    issue = find_issue(ctx, number)
    if issue is None:
        return gh_error(404, "Not Found")
    body = ctx.body if isinstance(ctx.body, dict) else {}
    if "title" in body:
        if not isinstance(body["title"], str) or not body["title"].strip():
            return validation_failed({"resource": "Issue", "field": "title", "code": "missing_field"},
                                     doc=_DOC_ISSUES)
    if "state" in body and body["state"] not in ("open", "closed"):
        return validation_failed({"value": body["state"], "resource": "Issue", "field": "state",
                                  "code": "invalid"}, doc=_DOC_ISSUES)
    if body.get("state_reason") not in _STATE_REASONS:
        return validation_failed({"value": body["state_reason"], "resource": "Issue", "field": "state_reason",
                                  "code": "invalid"}, doc=_DOC_ISSUES)
    if body.get("milestone") not in (None, ""):
        return validation_failed({"value": body["milestone"], "resource": "Issue", "field": "milestone",
                                  "code": "invalid"}, doc=_DOC_ISSUES)
    assignees = body.get("assignees")
    if "assignee" in body and assignees is None:
        assignees = [body["assignee"]] if body["assignee"] else []
    if assignees is not None:
        denied = _check_assignees(ctx, list(assignees))
        if denied is not None:
            return denied
    names = label_names(body["labels"]) if "labels" in body else []
    if names is None:
        return validation_failed({"resource": "Issue", "field": "labels", "code": "invalid"}, doc=_DOC_ISSUES)
    now = ctx.state.current_time()
    if "title" in body:
        issue.title = body["title"]
    if "body" in body:
        issue.body = body["body"]
    if "labels" in body:
        issue.labels = apply_labels(ctx, names)
    if assignees is not None:
        issue.assignees = _canonical_logins(ctx, list(assignees))
    new_state = body.get("state", issue.state)
    if new_state == "closed" and issue.state == "open":
        issue.state, issue.closed_at, issue.closed_by = "closed", now, ctx.login
        issue.state_reason = body.get("state_reason") or "completed"
    elif new_state == "open" and issue.state == "closed":
        issue.state, issue.closed_at, issue.closed_by = "open", None, None
        issue.state_reason = "reopened"
    elif "state_reason" in body and issue.state == "closed":
        issue.state_reason = body["state_reason"]
    issue.updated_at = now
    return _issue_response(ctx, issue)


# --------------------------------------------------------------------------- comments

def list_comments(ctx: Ctx, number: str) -> Response:
    issue = find_issue(ctx, number)
    if issue is None:
        return gh_error(404, "Not Found")
    comments = list(issue.comments)
    if ctx.request.args.get("since"):
        since = parse_time(ctx.request.args["since"])
        comments = [c for c in comments if since is None or c.updated_at >= since]
    return paginate(ctx, comments, ctx.render.comment)


def create_comment(ctx: Ctx, number: str) -> Response:
    issue = find_issue(ctx, number)
    if issue is None:
        return gh_error(404, "Not Found")
    body = ctx.body.get("body") if isinstance(ctx.body, dict) else None
    if not isinstance(body, str) or not body:
        return gh_error(422, 'Invalid request.\n\n"body" wasn\'t supplied.',
                        doc="https://docs.github.com/rest/issues/comments")
    now = ctx.state.current_time()
    comment = Comment(ctx.state.next_id("comment"), issue.number, body, ctx.login, now, now)
    issue.comments.append(comment)
    issue.updated_at = now
    return json_response(ctx.render.comment(comment), 201)


def _comment(ctx: Ctx, comment_id: str) -> tuple[Issue, Comment] | None:
    for issue in ctx.state.issues.values():
        for comment in issue.comments:
            if comment.id == int(comment_id):
                return issue, comment
    return None


def get_comment(ctx: Ctx, comment_id: str) -> Response:
    found = _comment(ctx, comment_id)
    return gh_error(404, "Not Found") if found is None else json_response(ctx.render.comment(found[1]))


def edit_comment(ctx: Ctx, comment_id: str) -> Response:
    found = _comment(ctx, comment_id)
    if found is None:
        return gh_error(404, "Not Found")
    body = ctx.body.get("body") if isinstance(ctx.body, dict) else None
    if not isinstance(body, str) or not body:
        return gh_error(422, 'Invalid request.\n\n"body" wasn\'t supplied.')
    found[1].body, found[1].updated_at = body, ctx.state.current_time()
    return json_response(ctx.render.comment(found[1]))


def delete_comment(ctx: Ctx, comment_id: str) -> Response:
    found = _comment(ctx, comment_id)
    if found is None:
        return gh_error(404, "Not Found")
    found[0].comments.remove(found[1])
    return Response(status=204)


def comment_reactions(ctx: Ctx, comment_id: str) -> Response:
    """GET / POST /issues/comments/ID/reactions (https://docs.github.com/rest/reactions/reactions):
    POST ``{"content": "+1"}`` answers 201, or 200 with the existing reaction when this user
    already reacted so; an unknown content is 422."""
    found = _comment(ctx, comment_id)
    if found is None:
        return gh_error(404, "Not Found")
    comment = found[1]
    if ctx.request.method == "GET":
        return paginate(ctx, comment.reactions, ctx.render.reaction)
    content = ctx.body.get("content") if isinstance(ctx.body, dict) else None
    if content not in REACTIONS:
        return validation_failed({"resource": "Reaction", "code": "invalid", "field": "content"},
                                 doc="https://docs.github.com/rest/reactions/reactions")
    mine = next((r for r in comment.reactions if r.user == ctx.login and r.content == content), None)
    if mine is not None:
        return json_response(ctx.render.reaction(mine), 200)
    reaction = Reaction(ctx.state.next_id("reaction"), ctx.login, content, ctx.state.current_time())
    comment.reactions.append(reaction)
    return json_response(ctx.render.reaction(reaction), 201)


def issue_assignees(ctx: Ctx, number: str) -> Response:
    """POST/DELETE /issues/N/assignees with ``{"assignees": [...]}``."""
    issue = find_issue(ctx, number)
    if issue is None:
        return gh_error(404, "Not Found")
    logins = list(ctx.body.get("assignees") or []) if isinstance(ctx.body, dict) else []
    if ctx.request.method == "POST":
        logins = [login for login in logins if ctx.state.assignable(str(login))]  # others are ignored
        issue.assignees = _canonical_logins(ctx, issue.assignees + logins)
    else:
        drop = {str(login).lower() for login in logins}
        issue.assignees = [a for a in issue.assignees if a.lower() not in drop]
    issue.updated_at = ctx.state.current_time()
    return _issue_response(ctx, issue, 201 if ctx.request.method == "POST" else 200)


ROUTES = [
    ("GET", r"{repo}/issues/?", list_issues),
    ("POST", r"{repo}/issues/?", create_issue),
    ("GET", r"{repo}/issues/comments/(?P<comment_id>\d+)/?", get_comment),
    ("PATCH", r"{repo}/issues/comments/(?P<comment_id>\d+)/?", edit_comment),
    ("DELETE", r"{repo}/issues/comments/(?P<comment_id>\d+)/?", delete_comment),
    *[(m, r"{repo}/issues/comments/(?P<comment_id>\d+)/reactions/?", comment_reactions) for m in ("GET", "POST")],
    ("GET", r"{repo}/issues/(?P<number>\d+)/?", get_issue),
    ("PATCH", r"{repo}/issues/(?P<number>\d+)/?", edit_issue),
    ("GET", r"{repo}/issues/(?P<number>\d+)/comments/?", list_comments),
    ("POST", r"{repo}/issues/(?P<number>\d+)/comments/?", create_comment),
    *[(m, r"{repo}/issues/(?P<number>\d+)/assignees/?", issue_assignees) for m in ("POST", "DELETE")],
]
