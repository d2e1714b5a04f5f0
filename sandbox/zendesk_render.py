"""How the Zendesk emulator writes records on the wire: ``url`` fields pointing back at the
server, comments with ``html_body``/``plain_body``, audits with full comment events,
ticket events, ticket metrics, side-loads, and the two paging styles (offset ``next_page``
and cursor ``meta``/``links``). Callers hold ``state.lock``.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime, timedelta
from typing import Any, Callable, Sequence
from urllib.parse import urlencode

from werkzeug.wrappers import Request

from escalation_desk.sandbox.dataset_audits import html_body
from escalation_desk.sandbox.zendesk_state import ZendeskError, ZendeskState

_VIA_NAMES = {"email": "Mail", "web": "Web form", "api": "Web service", "voice": "Voice",
              "twitter": "Twitter", "facebook": "Facebook", "rule": "Rule"}


def base_url(request: Request) -> str:
    return request.host_url.rstrip("/") + "/api/v2"


def page_url(request: Request, drop: Sequence[str], **params: Any) -> str:
    """This request's URL with paging parameters replaced (absolute, as Zendesk sends)."""
    kept = [(k, v) for k, v in request.args.items(multi=True) if k not in drop and k not in params]
    return (request.host_url.rstrip("/") + request.path + "?"
            + urlencode(kept + sorted(params.items()), safe="[],"))


def _timestamp(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


# -- records ------------------------------------------------------------------------------
def ticket(state: ZendeskState, request: Request, record: dict, comment_count: bool = False) -> dict:
    out = dict(record)
    out["url"] = f"{base_url(request)}/tickets/{record['id']}.json"
    out["fields"] = [dict(f) for f in record["custom_fields"]]
    out["generated_timestamp"] = int(_timestamp(record["updated_at"]).timestamp())
    if comment_count:
        out["comment_count"] = len(state.comments[record["id"]])
    return out


def user(request: Request, record: dict) -> dict:
    return {**record, "url": f"{base_url(request)}/users/{record['id']}.json"}


def organization(request: Request, record: dict) -> dict:
    return {**record, "url": f"{base_url(request)}/organizations/{record['id']}.json"}


def group(request: Request, record: dict) -> dict:
    return {**record, "url": f"{base_url(request)}/groups/{record['id']}.json"}


def comment(record: dict) -> dict:
    body = record["body"]
    return {**record, "html_body": html_body(body), "plain_body": body}


def audit(state: ZendeskState, record: dict) -> dict:
    events = []
    for event in record["events"]:
        if event["type"] == "Comment":
            stored = state.comment_index[event["id"]]
            events.append({k: v for k, v in comment(stored).items() if k not in ("created_at", "metadata", "via")})
        else:
            events.append(dict(event))
    return {**record, "events": events}


def ticket_event(state: ZendeskState, record: dict, with_comments: bool) -> dict:
    """An audit as the incremental ticket events export shows it."""
    via_name = _VIA_NAMES.get(record["via"]["channel"], "Web service")
    children = []
    for event in record["events"]:
        base = {"id": event["id"], "via": via_name, "via_reference_id": None}
        if event["type"] == "Comment":
            if with_comments:
                stored = comment(state.comment_index[event["id"]])
                children.append({**base, "type": "Comment", "author_id": stored["author_id"],
                                 "body": stored["body"], "html_body": stored["html_body"],
                                 "plain_body": stored["plain_body"], "public": stored["public"],
                                 "attachments": [], "audit_id": record["id"],
                                 "created_at": stored["created_at"], "event_type": "Comment"})
            continue
        child = {**base, event["field_name"]: event["value"], "event_type": event["type"]}
        if event["type"] == "Change":
            child["previous_value"] = event["previous_value"]
            if event["field_name"] == "tags":
                child["added_tags"] = [t for t in event["value"] if t not in (event["previous_value"] or [])]
                child["removed_tags"] = [t for t in (event["previous_value"] or []) if t not in event["value"]]
        children.append(child)
    return {"id": record["id"], "ticket_id": record["ticket_id"],
            "timestamp": int(_timestamp(record["created_at"]).timestamp()),
            "created_at": record["created_at"], "updater_id": record["author_id"], "via": record["via"],
            "system": record["metadata"]["system"], "event_type": "Audit", "child_events": children,
            "merged_ticket_ids": []}


def side_loads(state: ZendeskState, request: Request, tickets: list[dict]) -> dict:
    """``include=users,organizations,groups,metric_sets`` for ticket responses."""
    wanted = {w.strip() for w in request.args.get("include", "").split(",") if w.strip()}
    out: dict[str, list] = {}
    if "users" in wanted:
        ids = sorted({i for t in tickets for i in (t["requester_id"], t["submitter_id"], t["assignee_id"],
                                                     *t["collaborator_ids"]) if i in state.users})
        out["users"] = [user(request, state.users[i]) for i in ids]
    if "organizations" in wanted:
        ids = sorted({t["organization_id"] for t in tickets if t["organization_id"] in state.organizations})
        out["organizations"] = [organization(request, state.organizations[i]) for i in ids]
    if "groups" in wanted:
        ids = sorted({t["group_id"] for t in tickets if t["group_id"] in state.groups})
        out["groups"] = [group(request, state.groups[i]) for i in ids]
    if "metric_sets" in wanted:
        out["metric_sets"] = [ticket_metric(state, request, t) for t in tickets]
    return out


def ticket_list(state: ZendeskState, request: Request, tickets: list[dict]) -> dict:
    """A page of tickets (cursor with ``page[size]``, else offset) with their side-loads."""
    def rendered(t: dict) -> dict:
        return ticket(state, request, t, "comment_count" in request.args.get("include", ""))
    if wants_cursor(request):
        body = cursor_page(request, tickets, lambda t: [t["id"]], "tickets", rendered)
    else:
        body = offset_page(request, tickets, "tickets", rendered)
    shown = {t["id"] for t in body["tickets"]}
    return {**body, **side_loads(state, request, [t for t in tickets if t["id"] in shown])}


# -- ticket metrics -----------------------------------------------------------------------
def business_minutes(start: datetime, end: datetime) -> int:
    """Minutes between two instants inside business hours (Mon-Fri 09:00-17:00 UTC)."""
    total = 0
    day = start.replace(hour=0, minute=0, second=0)
    while day < end:
        if day.weekday() < 5:
            opens, closes = day + timedelta(hours=9), day + timedelta(hours=17)
            overlap = (min(end, closes) - max(start, opens)).total_seconds()
            total += max(0, int(overlap // 60))
        day += timedelta(days=1)
    return total


def _duration(start: datetime | None, end: datetime | None) -> dict:
    if start is None or end is None:
        return {"calendar": None, "business": None}
    return {"calendar": int((end - start).total_seconds() // 60), "business": business_minutes(start, end)}


def ticket_metric(state: ZendeskState, request: Request, record: dict) -> dict:
    """Zendesk's ticket_metric, derived from the ticket's history."""
    created = _timestamp(record["created_at"])
    comments = state.comments[record["id"]]
    agents = {u for u, r in ((c["author_id"], state.users.get(c["author_id"], {})) for c in comments)
              if r.get("role") in ("agent", "admin")}
    replies = [c for c in comments[1:] if c["public"] and c["author_id"] in agents]
    statuses: list[tuple[datetime, str]] = [(created, "new")]
    assignments: list[datetime] = []
    for a in state.audits_by_ticket.get(record["id"], []):
        for e in a["events"]:
            if e.get("field_name") == "status":
                statuses.append((_timestamp(a["created_at"]), e["value"]))
            elif e.get("field_name") == "assignee_id" and e.get("value"):
                assignments.append(_timestamp(a["created_at"]))
    solved = [at for at, s in statuses if s == "solved"]
    reopens = sum(1 for (_, a), (_, b) in zip(statuses, statuses[1:]) if a == "solved" and b in ("open", "pending"))
    now = state.clock()
    spans: dict[str, int] = {"agent": 0, "requester": 0, "hold": 0}
    for (start, status), (end, _next) in zip(statuses, statuses[1:] + [(now, "")]):
        minutes = int((end - start).total_seconds() // 60)
        key = {"pending": "agent", "hold": "hold", "new": "requester", "open": "requester"}.get(status)
        if key:
            spans[key] += minutes
    requester_updates = [c["created_at"] for c in comments if c["author_id"] == record["requester_id"]]
    return {
        "id": 700_000_000 + record["id"], "ticket_id": record["id"],
        "url": f"{base_url(request)}/ticket_metrics/{700_000_000 + record['id']}.json",
        "group_stations": 1, "assignee_stations": len(assignments) or (1 if record["assignee_id"] else 0),
        "reopens": reopens, "replies": len(replies),
        "assignee_updated_at": replies[-1]["created_at"] if replies else None,
        "requester_updated_at": requester_updates[-1] if requester_updates else None,
        "status_updated_at": _iso(statuses[-1][0]),
        "initially_assigned_at": _iso(assignments[0]) if assignments else None,
        "assigned_at": _iso(assignments[-1]) if assignments else None,
        "solved_at": _iso(solved[-1]) if solved else None,
        "latest_comment_added_at": comments[-1]["created_at"] if comments else None,
        "reply_time_in_minutes": _duration(created, _timestamp(replies[0]["created_at"]) if replies else None),
        "first_resolution_time_in_minutes": _duration(created, solved[0] if solved else None),
        "full_resolution_time_in_minutes": _duration(created, solved[-1] if solved else None),
        "agent_wait_time_in_minutes": {"calendar": spans["agent"], "business": None},
        "requester_wait_time_in_minutes": {"calendar": spans["requester"], "business": None},
        "on_hold_time_in_minutes": {"calendar": spans["hold"], "business": None},
        "created_at": record["created_at"], "updated_at": record["updated_at"],
    }


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# -- paging ------------------------------------------------------------------------------
def encode_cursor(position: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(position).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> Any:
    try:
        return json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except ValueError:
        raise ZendeskError(400, "InvalidPaginationParameter", "cursor is invalid") from None


def int_arg(request: Request, name: str, default: int, maximum: int | None = None, clamp: bool = False) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ZendeskError(400, "InvalidPaginationParameter", f"{name} must be an integer") from None
    if value < 1:
        raise ZendeskError(400, "InvalidPaginationParameter", f"{name} must be positive")
    if maximum is not None and value > maximum:
        if clamp:
            return maximum
        raise ZendeskError(400, "InvalidPaginationParameter", f"{name} must be less than or equal to {maximum}")
    return value


def ids_arg(request: Request, name: str = "ids", numeric: bool = True) -> list:
    raw = request.args.get(name)
    if not raw:
        raise ZendeskError(400, "InvalidValue", f"{name} is required")
    values = [v.strip() for v in raw.split(",") if v.strip()]
    if len(values) > 100:
        raise ZendeskError(400, "TooManyValues", f"Too many values: {name} accepts up to 100")
    if numeric:
        if not all(v.isdigit() for v in values):
            raise ZendeskError(400, "InvalidValue", f"{name} must be integers")
        return list(dict.fromkeys(int(v) for v in values))
    return list(dict.fromkeys(values))


def body_arg(request: Request, key: str) -> Any:
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or key not in data:
        raise ZendeskError(400, "ParameterMissing", f"param is missing or the value is empty: {key}")
    return data[key]


def wants_cursor(request: Request) -> bool:
    return any(k.startswith("page[") for k in request.args)


def cursor_page(request: Request, items: list, key: Callable[[Any], list], plural: str,
                render: Callable[[Any], dict], maximum: int = 100) -> dict:
    """Cursor paging (``page[size]``, ``page[after]``, ``page[before]``) over ``items``
    sorted by ``key`` (a JSON list). A cursor carries the key of the page's edge item, so
    pages stay stable while items are added."""
    size = int_arg(request, "page[size]", 100, maximum)
    after, before = request.args.get("page[after]"), request.args.get("page[before]")
    if after:
        mark = decode_cursor(after)
        start = next((n for n, item in enumerate(items) if key(item) > mark), len(items))
        chunk, has_more = items[start:start + size], start + size < len(items)
    elif before:
        mark = decode_cursor(before)
        stop = next((n for n, item in enumerate(items) if key(item) >= mark), len(items))
        start = max(0, stop - size)
        chunk, has_more = items[start:stop], start > 0
    else:
        chunk, has_more = items[:size], len(items) > size
    first = encode_cursor(key(chunk[0])) if chunk else None
    last = encode_cursor(key(chunk[-1])) if chunk else None
    drop = ("page[after]", "page[before]")
    return {
        plural: [render(i) for i in chunk],
        "meta": {"has_more": has_more, "after_cursor": last, "before_cursor": first},
        "links": {"next": page_url(request, drop, **{"page[after]": last}) if last else None,
                  "prev": page_url(request, drop, **{"page[before]": first}) if first else None},
    }


def offset_page(request: Request, items: list, plural: str, render: Callable[[Any], dict],
                per_page_default: int = 100, maximum: int = 100) -> dict:
    """Offset paging (``page``, ``per_page``) with absolute ``next_page``/``previous_page``."""
    per_page = int_arg(request, "per_page", per_page_default, maximum, clamp=True)
    page = int_arg(request, "page", 1)
    chunk = items[(page - 1) * per_page: page * per_page]
    return {
        plural: [render(i) for i in chunk],
        "next_page": page_url(request, ("page",), page=page + 1) if page * per_page < len(items) else None,
        "previous_page": page_url(request, ("page",), page=page - 1) if page > 1 else None,
        "count": len(items),
    }
