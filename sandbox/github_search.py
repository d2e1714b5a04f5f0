"""GitHub emulator handler: ``GET /search/issues`` over a useful subset of the syntax.

Qualifiers: ``repo:``, ``is:``/``type:``/``state:`` (issue, pr, open, closed), ``label:``,
``author:``, ``assignee:``, ``no:label``/``no:assignee``, ``in:title,body,comments``,
``created:``/``updated:``/``closed:`` (``>=2026-11-01``, ``a..b``), ``comments:N``,
``user:``/``org:``; a leading ``-`` negates. Other words and "quoted phrases" must all
appear, matched word by word as GitHub does ("ESC-1" does not find "ESC-10").
"""

from __future__ import annotations

import re
import time
from typing import Any

from werkzeug.wrappers import Response

from .core import json_response
from .github import Ctx, page_of, validation_failed
from .github_issues import parse_time, sort_issues
from .github_model import Issue


_TERM = re.compile(r'(-)?(?:([A-Za-z][\w-]*):)?(?:"([^"]*)"|(\S+))')
_QUALIFIERS = {"repo", "is", "type", "state", "label", "author", "assignee", "no", "in", "created", "updated",
               "closed", "comments", "user", "org"}


def _date_filter(expr: str) -> Any:
    """A predicate over datetimes for GitHub's ``>=2026-01-01`` / ``a..b`` syntax."""
    if ".." in expr:
        low, high = (parse_time(p) if p != "*" else None for p in expr.split("..", 1))
        return lambda t: (low is None or t >= low) and (high is None or t <= high)
    match = re.fullmatch(r"(>=|<=|>|<)?(.+)", expr)
    op, raw = match.group(1) or "", match.group(2)  # type: ignore[union-attr]
    when = parse_time(raw)
    if when is None:
        return None
    return {">": lambda t: t > when, ">=": lambda t: t >= when, "<": lambda t: t < when,
            "<=": lambda t: t <= when, "": lambda t: t.date() == when.date()}[op]


def _words(text: str) -> list[str]:
    """Search tokens: GitHub matches words, so "ESC-1" does not find "ESC-10"."""
    return re.findall(r"[^\W_]+", text.lower())


def _contains(words: list[str], phrase: list[str]) -> bool:
    if not phrase:
        return True
    return any(words[i:i + len(phrase)] == phrase for i in range(len(words) - len(phrase) + 1))


def search_issues(ctx: Ctx) -> Response:
    q = ctx.request.args.get("q", "")
    if not q.strip():
        return validation_failed({"resource": "Search", "field": "q", "code": "missing"},
                                 doc="https://docs.github.com/rest/search/search#search-issues-and-pull-requests")
    state, filters, texts, scopes = ctx.state, [], [], set()
    for neg, qualifier, quoted, bare in _TERM.findall(q):
        value = quoted if quoted else bare
        key = qualifier.lower()
        if key not in _QUALIFIERS:
            if qualifier:
                value = f"{qualifier}:{value}"
            if value.upper() not in ("AND",):
                texts.append((bool(neg), value.lower()))
            continue
        v = value.lower()
        test: Any
        if key in ("repo",):
            if v != state.full_name.lower():
                return validation_failed({"message": "The listed users and repositories cannot be searched either "
                                          "because the resources do not exist or you do not have permission to "
                                          "view them.", "resource": "Search", "field": "q", "code": "invalid"})
            continue
        if key in ("user", "org"):
            test = lambda i, v=v: v == state.owner.lower()
        elif key in ("is", "type", "state"):
            test = {"issue": lambda i: i.pull is None, "pr": lambda i: i.pull is not None,
                    "pull-request": lambda i: i.pull is not None, "open": lambda i: i.state == "open",
                    "closed": lambda i: i.state == "closed"}.get(v, lambda i: True)
        elif key == "label":
            test = lambda i, v=v: v in (n.lower() for n in i.labels)
        elif key == "author":
            test = lambda i, v=v: i.user.lower() == v
        elif key == "assignee":
            test = lambda i, v=v: v in (a.lower() for a in i.assignees)
        elif key == "no":
            test = {"label": lambda i: not i.labels, "assignee": lambda i: not i.assignees}.get(v, lambda i: True)
        elif key == "in":
            scopes.update(s for s in v.split(",") if s in ("title", "body", "comments"))
            continue
        elif key == "comments":
            test = lambda i, v=v: str(len(i.comments)) == v
        else:
            predicate = _date_filter(value)
            if predicate is None:
                continue
            attr = {"created": "created_at", "updated": "updated_at", "closed": "closed_at"}[key]
            test = lambda i, p=predicate, a=attr: getattr(i, a) is not None and p(getattr(i, a))
        filters.append((bool(neg), test))
    scopes = scopes or {"title", "body"}

    def haystack(issue: Issue) -> list[str]:
        parts = []
        if "title" in scopes:
            parts.append(issue.title)
        if "body" in scopes:
            parts.append(issue.body or "")
        if "comments" in scopes:
            parts.extend(c.body for c in issue.comments)
        return _words("\n".join(parts))

    visible_at = time.monotonic()
    found = [i for i in state.issues.values() if i.indexed_at <= visible_at
             and all(neg != test(i) for neg, test in filters)
             and all(neg != _contains(haystack(i), _words(text)) for neg, text in texts)]
    found = sort_issues(found, ctx.request.args.get("sort", "created"), ctx.request.args.get("order", "desc"))[:1000]
    chunk, headers = page_of(ctx, found)
    return json_response({"total_count": len(found), "incomplete_results": False,
                          "items": [{**ctx.render.issue(i), "score": 1.0} for i in chunk]}, headers=headers)




ROUTES = [("GET", r"/search/issues/?", search_issues)]
