"""Zendesk views: saved ticket filters (``conditions`` with ``all``/``any`` lists), served at
``/views.json``, ``/views/{id}.json``, ``/views/{id}/tickets`` and ``/views/{id}/count.json``.

Supported condition fields: ``status`` and ``priority`` (``is``, ``is_not``, ``less_than``,
``greater_than``), ``current_tags`` (``includes``/``not_includes``, space-separated tags),
``type``, ``group_id``, ``assignee_id``, ``organization_id``, ``requester_id``
(``is``/``is_not``; ``""`` means none). Anything else never matches, so a view using it
is visibly empty rather than silently wrong. The sandbox's views are seeded by
:func:`sandbox.dataset_zendesk.view_records` ("Escalated tickets": tag ``escalation``, unsolved).
"""

from __future__ import annotations

from typing import Any

from werkzeug.wrappers import Request

from escalation_desk.sandbox import zendesk_render as render
from escalation_desk.sandbox.zendesk_state import PRIORITIES, STATUSES, ZendeskState, not_found

def matches(view: dict, ticket: dict) -> bool:
    conditions = view.get("conditions") or {}
    all_ = conditions.get("all") or []
    any_ = conditions.get("any") or []
    return all(_condition(c, ticket) for c in all_) and (not any_ or any(_condition(c, ticket) for c in any_))


def _condition(condition: dict, ticket: dict) -> bool:
    field, operator, value = condition.get("field"), condition.get("operator"), condition.get("value")
    if field in ("status", "priority"):
        scale = STATUSES if field == "status" else PRIORITIES
        actual = ticket.get(field)
        if operator == "is":
            return actual == value
        if operator == "is_not":
            return actual != value
        if actual not in scale or value not in scale:
            return False
        if operator == "less_than":
            return scale.index(actual) < scale.index(value)
        if operator == "greater_than":
            return scale.index(actual) > scale.index(value)
        return False
    if field == "current_tags":
        wanted = set(str(value or "").lower().split())
        present = bool(wanted & set(ticket.get("tags", [])))
        return present if operator == "includes" else (not present if operator == "not_includes" else False)
    if field in ("type", "group_id", "assignee_id", "organization_id", "requester_id"):
        actual = ticket.get(field)
        equal = (actual is None and value in ("", None)) or str(actual) == str(value)
        return equal if operator == "is" else (not equal if operator == "is_not" else False)
    return False


def _view(state: ZendeskState, view_id: int) -> dict:
    if view_id not in state.views:
        raise not_found()
    return state.views[view_id]


def _view_wire(request: Request, view: dict) -> dict:
    return {**view, "url": f"{render.base_url(request)}/views/{view['id']}.json"}


def list_views(state: ZendeskState, request: Request) -> dict[str, Any]:
    views = sorted(state.views.values(), key=lambda v: (v["position"], v["id"]))
    if render.wants_cursor(request):
        return render.cursor_page(request, views, lambda v: [v["position"], v["id"]], "views",
                                  lambda v: _view_wire(request, v))
    return render.offset_page(request, views, "views", lambda v: _view_wire(request, v))


def show_view(state: ZendeskState, request: Request, view_id: int) -> dict[str, Any]:
    return {"view": _view_wire(request, _view(state, view_id))}


def view_tickets(state: ZendeskState, request: Request, view_id: int) -> dict[str, Any]:
    view = _view(state, view_id)
    tickets = sorted((t for t in state.tickets.values() if matches(view, t)), key=lambda t: t["id"])
    return render.ticket_list(state, request, tickets)


def view_count(state: ZendeskState, request: Request, view_id: int) -> dict[str, Any]:
    view = _view(state, view_id)
    value = sum(1 for t in state.tickets.values() if matches(view, t))
    return {"view_count": {"view_id": view_id, "url": f"{render.base_url(request)}/views/{view_id}/count.json",
                           "value": value, "pretty": str(value), "fresh": True}}
