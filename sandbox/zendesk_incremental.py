"""Zendesk's incremental exports: tickets (cursor based) and ticket events (time based).

Tickets: ``/incremental/tickets/cursor.json?start_time=T`` returns tickets with
``updated_at >= T`` ordered by (``updated_at``, id), up to ``per_page`` (default and max
1,000), with ``after_cursor``/``after_url`` to continue and ``end_of_stream``. The cursor
marks the last ticket handed out, so a client that stores it later gets exactly the tickets
changed since — including ones updated while it was away.

Ticket events: ``/incremental/ticket_events.json?start_time=T`` returns audits as ticket
events from T on, with ``end_time`` (the last event's time), ``next_page`` and
``end_of_stream``. A page never splits events that share a second, so following
``next_page`` (which starts one second later) neither repeats nor skips events.

Both follow Zendesk's documented limits
(developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/):
at most ``state.incremental_per_minute`` (10) requests per rolling minute per account, past
which the answer is 429 with ``Retry-After``; items changed within the last minute are left
out (they come with a later request); a ``start_time`` less than a minute ago (or in the
future) is refused with 400.
"""

from __future__ import annotations

from datetime import datetime

from werkzeug.wrappers import Request

from escalation_desk.sandbox import zendesk_render as render
from escalation_desk.sandbox.zendesk_state import ZendeskError, ZendeskState

MAX_PER_PAGE = 1000


def _epoch(text: str) -> int:
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


def _start_time(request: Request) -> int:
    raw = request.args.get("start_time")
    if raw is None:
        raise ZendeskError(400, "InvalidValue", "start_time or cursor is required")
    try:
        value = int(raw)
    except ValueError:
        raise ZendeskError(400, "InvalidValue", "start_time must be a Unix epoch time") from None
    if value < 0:
        raise ZendeskError(400, "InvalidValue", "start_time must not be negative")
    return value


def throttle(state: ZendeskState) -> None:
    """Count one incremental-export request against the per-minute limit, or refuse it."""
    limit = state.incremental_per_minute
    if not limit:
        return
    now = state.clock().timestamp()
    with state.lock:
        recent = [t for t in state.incremental_calls if now - t < 60]
        if len(recent) >= limit:
            error = ZendeskError(429, "TooManyRequests",
                                 f"Number of allowed incremental export API requests per minute exceeded ({limit})")
            error.headers["Retry-After"] = str(max(1, int(60 - (now - recent[0])) + 1))
            state.incremental_calls = recent
            raise error
        state.incremental_calls = recent + [now]


def _cutoff(state: ZendeskState) -> float:
    """Items changed after this moment are not exported yet (the last minute)."""
    now = state.clock().timestamp()
    return now - 60 if state.exclude_last_minute else float("inf")


def _recent_enough(state: ZendeskState, start: int) -> None:
    if state.exclude_last_minute and start > state.clock().timestamp() - 60:
        raise ZendeskError(400, "InvalidValue", "Too recent start_time. Use a start_time older than 1 minute")


def incremental_tickets(state: ZendeskState, request: Request) -> dict:
    throttle(state)
    per_page = render.int_arg(request, "per_page", MAX_PER_PAGE, MAX_PER_PAGE)
    cursor = request.args.get("cursor")
    if cursor:
        position = render.decode_cursor(cursor)
        if not (isinstance(position, list) and len(position) == 2):
            raise ZendeskError(400, "InvalidValue", "cursor is invalid")
    else:
        position = [_start_time(request), -1]  # before every ticket updated at start_time
        _recent_enough(state, position[0])
    cutoff = _cutoff(state)
    ordered = sorted(([_epoch(t["updated_at"]), t["id"]], t) for t in state.tickets.values()
                     if _epoch(t["updated_at"]) <= cutoff)
    after = [(key, t) for key, t in ordered if key > position]
    page = after[:per_page]
    tickets = [t for _key, t in page]
    after_cursor = render.encode_cursor(page[-1][0] if page else position)
    before_cursor = render.encode_cursor(page[0][0]) if page else None
    include = request.args.get("include")
    drop = ("start_time", "cursor")
    body = {
        "tickets": [render.ticket(state, request, t, "comment_count" in (include or "")) for t in tickets],
        "after_url": render.page_url(request, drop, cursor=after_cursor),
        "after_cursor": after_cursor,
        "before_url": render.page_url(request, drop, cursor=before_cursor) if before_cursor else None,
        "before_cursor": before_cursor,
        "end_of_stream": len(after) <= per_page,
    }
    body.update(render.side_loads(state, request, tickets))
    return body


def ticket_events(state: ZendeskState, request: Request) -> dict:
    throttle(state)
    start = _start_time(request)
    _recent_enough(state, start)
    cutoff = _cutoff(state)
    per_page = render.int_arg(request, "per_page", MAX_PER_PAGE, MAX_PER_PAGE)
    with_comments = "comment_events" in request.args.get("include", "").split(",")
    ordered = sorted(((_epoch(a["created_at"]), a["id"]), a) for a in state.audits)
    remaining = [(key, a) for key, a in ordered if start <= key[0] <= cutoff]
    page = remaining[:per_page]
    # Never split one second between pages: next_page starts at the following second.
    while len(page) < len(remaining) and page and remaining[len(page)][0][0] == page[-1][0][0]:
        page.append(remaining[len(page)])
    end_time = page[-1][0][0] if page else start
    next_start = end_time + 1 if page else start
    return {
        "ticket_events": [render.ticket_event(state, a, with_comments) for _key, a in page],
        "next_page": render.page_url(request, ("start_time",), start_time=next_start),
        "previous_page": None,
        "count": len(page),
        "end_time": end_time,
        "end_of_stream": len(page) == len(remaining),
    }
