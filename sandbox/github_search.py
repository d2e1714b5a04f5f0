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


class _BadQuery(Exception):
    """A qualifier GitHub refuses with 422 (the message is GitHub's)."""


def _qualifier_test(state: Any, key: str, value: str) -> Any:
    """The predicate for one ``key:value`` qualifier; None for one that filters nothing here."""
    v = value.lower()
    if key == "repo":
        if v != state.full_name.lower():
            raise _BadQuery("The listed users and repositories cannot be searched either because the resources "
                            "do not exist or you do not have permission to view them.")
        return None
    if key in ("user", "org"):
        return lambda i: v == state.owner.lower()
    if key in ("is", "type", "state"):
        return {"issue": lambda i: i.pull is None, "pr": lambda i: i.pull is not None,
                "pull-request": lambda i: i.pull is not None, "open": lambda i: i.state == "open",
                "closed": lambda i: i.state == "closed"}.get(v, lambda i: True)
    if key == "label":
        return lambda i: v in (n.lower() for n in i.labels)
    if key == "author":
        return lambda i: i.user.lower() == v
    if key == "assignee":
        return lambda i: v in (a.lower() for a in i.assignees)
    if key == "no":
        return {"label": lambda i: not i.labels, "assignee": lambda i: not i.assignees}.get(v, lambda i: True)
    if key == "comments":
        return lambda i: str(len(i.comments)) == v
    predicate = _date_filter(value)
    if predicate is None:
        return None
    attr = {"created": "created_at", "updated": "updated_at", "closed": "closed_at"}[key]
    return lambda i: getattr(i, attr) is not None and predicate(getattr(i, attr))


def _parse_query(state: Any, q: str) -> tuple[list, list, set[str]]:
    """(qualifier filters, free-text terms, scopes) as GitHub reads a search query."""
    filters, texts, scopes = [], [], set()
    for neg, qualifier, quoted, bare in _TERM.findall(q):
        value = quoted if quoted else bare
        key = qualifier.lower()
        if key not in _QUALIFIERS:
            if qualifier:
                value = f"{qualifier}:{value}"
            if value.upper() not in ("AND",):
                texts.append((bool(neg), value.lower()))
        elif key == "in":
            scopes.update(s for s in value.lower().split(",") if s in ("title", "body", "comments"))
        else:
            test = _qualifier_test(state, key, value)
            if test is not None:
                filters.append((bool(neg), test))
    return filters, texts, scopes or {"title", "body"}


def _haystack(issue: Issue, scopes: set[str]) -> list[str]:
    parts = []
    if "title" in scopes:
        parts.append(issue.title)
    if "body" in scopes:
        parts.append(issue.body or "")
    if "comments" in scopes:
        parts.extend(c.body for c in issue.comments)
    return _words("\n".join(parts))


def search_issues(ctx: Ctx) -> Response:
    q = ctx.request.args.get("q", "")
    if not q.strip():
        return validation_failed({"resource": "Search", "field": "q", "code": "missing"},
                                 doc="https://docs.github.com/rest/search/search#search-issues-and-pull-requests")
    state = ctx.state
    try:
        filters, texts, scopes = _parse_query(state, q)
    except _BadQuery as refusal:
        return validation_failed({"message": str(refusal), "resource": "Search", "field": "q", "code": "invalid"})
    visible_at = time.monotonic()
    found = [i for i in state.issues.values() if i.indexed_at <= visible_at
             and all(neg != test(i) for neg, test in filters)
             and all(neg != _contains(_haystack(i, scopes), _words(text)) for neg, text in texts)]
    found = sort_issues(found, ctx.request.args.get("sort", "created"), ctx.request.args.get("order", "desc"))[:1000]
    chunk, headers = page_of(ctx, found)
    return json_response({"total_count": len(found), "incomplete_results": False,
                          "items": [{**ctx.render.issue(i), "score": 1.0} for i in chunk]}, headers=headers)




ROUTES = [("GET", r"/search/issues/?", search_issues)]
