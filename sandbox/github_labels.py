"""GitHub emulator handlers: repository labels and the labels of an issue."""

from __future__ import annotations

import re
from typing import Any

from werkzeug.wrappers import Response

from .core import json_response
from .github import Ctx, gh_error, paginate, validation_failed
from .github_issues import apply_labels, find_issue, label_names

_DOC_LABELS = "https://docs.github.com/rest/issues/labels"


def list_labels(ctx: Ctx) -> Response:
    return paginate(ctx, sorted(ctx.state.labels.values(), key=lambda l: l.id), lambda l: ctx.render.label(l.name))


def get_label(ctx: Ctx, name: str) -> Response:
    label = ctx.state.labels.get(name.lower())
    return gh_error(404, "Not Found") if label is None else json_response(ctx.render.label(label.name))


def _color(value: Any) -> str | None:
    color = str(value).lstrip("#") if value is not None else "ededed"
    return color.lower() if re.fullmatch(r"[0-9A-Fa-f]{6}", color) else None


def create_label(ctx: Ctx) -> Response:
    body = ctx.body if isinstance(ctx.body, dict) else {}
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        return validation_failed({"resource": "Label", "code": "missing_field", "field": "name"}, doc=_DOC_LABELS)
    if name.lower() in ctx.state.labels:
        return validation_failed({"resource": "Label", "code": "already_exists", "field": "name"}, doc=_DOC_LABELS)
    color = _color(body.get("color"))
    if color is None:
        return validation_failed({"resource": "Label", "code": "invalid", "field": "color"}, doc=_DOC_LABELS)
    label = ctx.state.add_label(name, color, body.get("description"))
    return json_response(ctx.render.label(label.name), 201)


def edit_label(ctx: Ctx, name: str) -> Response:
    label = ctx.state.labels.get(name.lower())
    if label is None:
        return gh_error(404, "Not Found")
    body = ctx.body if isinstance(ctx.body, dict) else {}
    new_name = body.get("new_name") or body.get("name")
    if new_name and new_name.lower() != label.name.lower() and new_name.lower() in ctx.state.labels:
        return validation_failed({"resource": "Label", "code": "already_exists", "field": "name"}, doc=_DOC_LABELS)
    if "color" in body:
        color = _color(body["color"])
        if color is None:
            return validation_failed({"resource": "Label", "code": "invalid", "field": "color"}, doc=_DOC_LABELS)
        label.color = color
    if "description" in body:
        label.description = body["description"]
    if new_name and new_name != label.name:
        del ctx.state.labels[label.name.lower()]
        for issue in ctx.state.issues.values():
            issue.labels = [new_name if n.lower() == label.name.lower() else n for n in issue.labels]
        label.name = new_name
        ctx.state.labels[new_name.lower()] = label
    return json_response(ctx.render.label(label.name))


def delete_label(ctx: Ctx, name: str) -> Response:
    label = ctx.state.labels.pop(name.lower(), None)
    if label is None:
        return gh_error(404, "Not Found")
    for issue in ctx.state.issues.values():
        issue.labels = [n for n in issue.labels if n.lower() != label.name.lower()]
    return Response(status=204)


def issue_labels(ctx: Ctx, number: str) -> Response:
    """GET/POST/PUT/DELETE /issues/N/labels."""
    issue = find_issue(ctx, number)
    if issue is None:
        return gh_error(404, "Not Found")
    method = ctx.request.method
    if method in ("POST", "PUT"):
        raw = ctx.body.get("labels") if isinstance(ctx.body, dict) else ctx.body
        names = label_names(raw if raw is not None else [])
        if names is None:
            return validation_failed({"resource": "Label", "field": "labels", "code": "invalid"}, doc=_DOC_LABELS)
        added = apply_labels(ctx, names)
        issue.labels = added if method == "PUT" else issue.labels + [n for n in added if n not in issue.labels]
        issue.updated_at = ctx.state.current_time()
    elif method == "DELETE":
        issue.labels = []
        issue.updated_at = ctx.state.current_time()
        return Response(status=204)
    return json_response([ctx.render.label(n) for n in issue.labels])


def remove_issue_label(ctx: Ctx, number: str, name: str) -> Response:
    issue = find_issue(ctx, number)
    if issue is None:
        return gh_error(404, "Not Found")
    wanted = name.lower()
    if wanted not in (n.lower() for n in issue.labels):
        return gh_error(404, "Label does not exist", doc=_DOC_LABELS)
    issue.labels = [n for n in issue.labels if n.lower() != wanted]
    issue.updated_at = ctx.state.current_time()
    return json_response([ctx.render.label(n) for n in issue.labels])




ROUTES = [
    *[(m, r"{repo}/issues/(?P<number>\d+)/labels/?", issue_labels) for m in ("GET", "POST", "PUT", "DELETE")],
    ("DELETE", r"{repo}/issues/(?P<number>\d+)/labels/(?P<name>[^/]+)", remove_issue_label),
    ("GET", r"{repo}/labels/?", list_labels),
    ("POST", r"{repo}/labels/?", create_label),
    ("GET", r"{repo}/labels/(?P<name>[^/]+)", get_label),
    ("PATCH", r"{repo}/labels/(?P<name>[^/]+)", edit_label),
    ("DELETE", r"{repo}/labels/(?P<name>[^/]+)", delete_label),
]
