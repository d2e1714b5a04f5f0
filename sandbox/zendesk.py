"""A Zendesk Support API emulator (werkzeug WSGI) that zenpy talks to unmodified.

Serves, under ``/api/v2``: search (offset paging, 1,000-result cap), search export and
count; tickets (list, show, show_many, create, update with comments, tags endpoints,
comments, audits, metrics); the incremental ticket export (cursor) and incremental ticket
events (time-based, ``include=comment_events``); users, organizations (show, show_many,
``search.json?external_id=``, their tickets), groups, ticket fields and views (with their
tickets and counts).

Auth is Zendesk's: Basic ``{agent email}/token:{API token}`` or ``Bearer {OAuth token}``;
anything else is 401 ``{"error": "Couldn't authenticate you"}``. The "expire" fault makes
the credential in use stop working after N more successful calls. Other faults (429, 5xx,
slow, drop) are applied by :class:`sandbox.core.Controlled` in front of this app.

Usage::

    state = ZendeskState(build_dataset().zendesk)
    app = Controlled("zendesk", ZendeskEmulator(state, faults), faults, log, error_body=error_body)
"""

from __future__ import annotations

import base64
import threading
import time
from collections import deque
from typing import Any, Callable

from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from escalation_desk.sandbox import zendesk_render as render
from escalation_desk.sandbox import zendesk_views as views
from escalation_desk.sandbox.core import FaultPlan, json_response
from escalation_desk.sandbox.zendesk_incremental import incremental_tickets, ticket_events
from escalation_desk.sandbox.zendesk_search import QueryError, search
from escalation_desk.sandbox.zendesk_state import ZendeskError, ZendeskState, not_found

__all__ = ["ZendeskEmulator", "ZendeskState", "error_body"]

SEARCH_LIMIT = 1000
RATE_LIMIT = 700  # requests per minute, reported in X-Rate-Limit headers
_AUTH_FAILED = {"error": "Couldn't authenticate you"}


def error_body(status: int) -> dict:
    """Bodies of injected faults, in Zendesk's words (for ``core.Controlled``)."""
    if status == 429:
        return {"error": "APIRateLimitExceeded", "description": "Number of allowed API requests per minute exceeded"}
    if status == 503:
        return {"error": "ServiceUnavailable", "description": "Zendesk is temporarily unavailable"}
    return {"error": "InternalError", "description": "Something went wrong"}


def _rules() -> Map:
    api = "/api/v2"
    routes = [
        ("/search.json", "search", ["GET"]), ("/search/count.json", "search_count", ["GET"]),
        ("/search/export.json", "search_export", ["GET"]),
        ("/tickets.json", "tickets", ["GET", "POST"]), ("/tickets/show_many.json", "tickets_show_many", ["GET"]),
        ("/tickets/<int:ticket_id>.json", "ticket", ["GET", "PUT"]),
        ("/tickets/<int:ticket_id>/tags.json", "ticket_tags", ["GET", "PUT", "POST", "DELETE"]),
        ("/tickets/<int:ticket_id>/comments.json", "ticket_comments", ["GET"]),
        ("/tickets/<int:ticket_id>/audits.json", "ticket_audits", ["GET"]),
        ("/tickets/<int:ticket_id>/metrics.json", "ticket_metric_of", ["GET"]),
        ("/ticket_metrics.json", "ticket_metrics", ["GET"]),
        ("/ticket_metrics/<int:metric_id>.json", "ticket_metric", ["GET"]),
        ("/incremental/tickets/cursor.json", "incremental_tickets", ["GET"]),
        ("/incremental/ticket_events.json", "ticket_events", ["GET"]),
        ("/users.json", "users", ["GET"]), ("/users/me.json", "me", ["GET"]),
        ("/users/show_many.json", "users_show_many", ["GET"]), ("/users/<int:user_id>.json", "user", ["GET"]),
        ("/organizations.json", "organizations", ["GET"]),
        ("/organizations/show_many.json", "organizations_show_many", ["GET"]),
        ("/organizations/search.json", "organizations_search", ["GET"]),
        ("/organizations/<int:org_id>.json", "organization", ["GET"]),
        ("/organizations/<int:org_id>/tickets.json", "organization_tickets", ["GET"]),
        ("/groups.json", "groups", ["GET"]), ("/groups/<int:group_id>.json", "group", ["GET"]),
        ("/ticket_fields.json", "ticket_fields", ["GET"]),
        ("/views.json", "views", ["GET"]), ("/views/<int:view_id>.json", "view", ["GET"]),
        ("/views/<int:view_id>/tickets", "view_tickets", ["GET"]),
        ("/views/<int:view_id>/tickets.json", "view_tickets", ["GET"]),
        ("/views/<int:view_id>/count.json", "view_count", ["GET"]),
        ("/ticket_fields/<int:field_id>.json", "ticket_field", ["GET"]),
    ]
    return Map([Rule(api + path, endpoint=name, methods=methods) for path, name, methods in routes])


class ZendeskEmulator:
    """The WSGI app over one :class:`ZendeskState`."""

    def __init__(self, state: ZendeskState, faults: FaultPlan | None = None) -> None:
        self.state = state
        self.faults = faults or FaultPlan()
        self.url_map = _rules()
        self._recent: deque[float] = deque()
        self._recent_lock = threading.Lock()

    def __call__(self, environ: dict, start_response: Callable) -> Any:
        request = Request(environ)
        try:
            response = self.dispatch(request)
        except ZendeskError as error:
            response = json_response(error.body, error.status, error.headers)
        except QueryError as error:
            response = json_response({"error": "invalid", "description": f"Invalid search: {error}"}, 400)
        self._rate_headers(response)
        return response(environ, start_response)

    def dispatch(self, request: Request) -> Response:
        user, credential = self._authenticate(request)
        if self.faults.take(request, kinds=("expire",)) is not None:
            self.state.expire(credential)
            raise _Unauthorized()
        adapter = self.url_map.bind_to_environ(request.environ)
        try:
            endpoint, args = adapter.match()
        except NotFound:
            return json_response({"error": "InvalidEndpoint", "description": "Not found"}, 404)
        except MethodNotAllowed:
            return json_response({"error": "InvalidEndpoint", "description": "Not found"}, 404)
        handler = getattr(self, "_" + endpoint)
        status = 201 if request.method == "POST" and endpoint == "tickets" else 200
        with self.state.lock:  # serialize inside: answers share nested lists with the state
            return json_response(handler(request, user, **args), status)

    def _authenticate(self, request: Request) -> tuple[dict, str]:
        header = request.headers.get("Authorization", "")
        scheme, _, value = header.partition(" ")
        user = secret = None
        if scheme.lower() == "basic":
            try:
                login, _, secret = base64.b64decode(value).decode("utf-8").partition(":")
            except ValueError:
                login = ""
            if login.endswith("/token"):
                user = self.state.authenticate(login[: -len("/token")], secret)
        elif scheme.lower() == "bearer" and value:
            secret = value
            user = self.state.authenticate(None, value)
        if user is None or secret is None:
            raise _Unauthorized()
        return user, secret

    def _rate_headers(self, response: Response) -> None:
        now = time.monotonic()
        with self._recent_lock:
            self._recent.append(now)
            while self._recent and self._recent[0] < now - 60:
                self._recent.popleft()
            used = len(self._recent)
        response.headers["X-Rate-Limit"] = str(RATE_LIMIT)
        response.headers["X-Rate-Limit-Remaining"] = str(max(0, RATE_LIMIT - used))

    # -- search -------------------------------------------------------------------------
    def _search_results(self, request: Request, user: dict) -> list[tuple[str, dict]]:
        query = request.args.get("query")
        if not query or not query.strip():
            raise QueryError("query is required")
        return search(self.state, query, me=user, filter_type=request.args.get("filter[type]"),
                      sort_by=request.args.get("sort_by"), sort_order=request.args.get("sort_order"))

    def _result(self, request: Request, kind_record: tuple[str, dict]) -> dict:
        kind, record = kind_record
        if kind == "ticket":
            out = render.ticket(self.state, request, record)
        elif kind == "user":
            out = render.user(request, record)
        else:
            out = render.organization(request, record)
        out["result_type"] = kind
        return out

    def _search(self, request: Request, user: dict) -> dict:
        results = self._search_results(request, user)
        per_page = render.int_arg(request, "per_page", 100, 100, clamp=True)
        page = render.int_arg(request, "page", 1)
        if (page - 1) * per_page >= SEARCH_LIMIT:
            raise ZendeskError(422, "invalid", "Invalid search: Requested response size was greater "
                                               "than Search Response Limits")
        capped = results[:SEARCH_LIMIT]
        body = render.offset_page(request, capped, "results", lambda r: self._result(request, r))
        # Like Zendesk: the count is the real total, and next_page points past the cap.
        body["count"] = len(results)
        if page * per_page < len(results):
            body["next_page"] = render.page_url(request, ("page",), page=page + 1)
        body["facets"] = None
        return body

    def _search_count(self, request: Request, user: dict) -> dict:
        return {"count": len(self._search_results(request, user))}

    def _search_export(self, request: Request, user: dict) -> dict:
        if not request.args.get("filter[type]"):
            raise ZendeskError(400, "InvalidValue", "filter[type] is required")
        results = sorted(self._search_results(request, user), key=lambda kr: kr[1]["id"])
        body = render.cursor_page(request, results, lambda kr: [kr[1]["id"]], "results",
                                  lambda r: self._result(request, r), maximum=1000)
        body["facets"] = None
        return body

    # -- tickets ------------------------------------------------------------------------
    def _tickets(self, request: Request, user: dict) -> dict:
        if request.method == "POST":
            fields = render.body_arg(request, "ticket")
            ticket, audit = self.state.create_ticket(fields, user, self._via(request))
            return {"ticket": render.ticket(self.state, request, ticket), "audit": render.audit(self.state, audit)}
        return render.ticket_list(self.state, request, sorted(self.state.tickets.values(), key=lambda t: t["id"]))

    def _tickets_show_many(self, request: Request, user: dict) -> dict:
        found = [self.state.tickets[i] for i in render.ids_arg(request) if i in self.state.tickets]
        return {"tickets": [render.ticket(self.state, request, t) for t in found],
                **render.side_loads(self.state, request, found)}

    def _ticket(self, request: Request, user: dict, ticket_id: int) -> dict:
        if request.method == "PUT":
            changes = render.body_arg(request, "ticket")
            if not isinstance(changes, dict):
                raise ZendeskError(400, "InvalidValue", "ticket must be an object")
            ticket, audit = self.state.update_ticket(ticket_id, changes, user, self._via(request),
                                                     self._system(request))
            return {"ticket": render.ticket(self.state, request, ticket), "audit": render.audit(self.state, audit)}
        ticket = self.state.ticket(ticket_id)
        return {"ticket": render.ticket(self.state, request, ticket),
                **render.side_loads(self.state, request, [ticket])}

    def _ticket_tags(self, request: Request, user: dict, ticket_id: int) -> dict:
        if request.method == "GET":
            return {"tags": list(self.state.ticket(ticket_id)["tags"])}
        mode = {"PUT": "add", "POST": "set", "DELETE": "remove"}[request.method]
        return {"tags": self.state.change_tags(ticket_id, render.body_arg(request, "tags"), mode, user)}

    def _ticket_comments(self, request: Request, user: dict, ticket_id: int) -> dict:
        self.state.ticket(ticket_id)
        comments = list(self.state.comments[ticket_id])
        descending = request.args.get("sort_order") == "desc"
        if descending:
            comments.reverse()
        if render.wants_cursor(request):
            sign = -1 if descending else 1
            return render.cursor_page(request, comments, lambda c: [sign * c["id"]], "comments", render.comment)
        return render.offset_page(request, comments, "comments", render.comment)

    def _ticket_audits(self, request: Request, user: dict, ticket_id: int) -> dict:
        self.state.ticket(ticket_id)
        audits = self.state.audits_by_ticket.get(ticket_id, [])
        to_wire = lambda a: render.audit(self.state, a)  # noqa: E731
        if render.wants_cursor(request):
            return render.cursor_page(request, audits, lambda a: [a["id"]], "audits", to_wire)
        return render.offset_page(request, audits, "audits", to_wire)

    def _ticket_metric_of(self, request: Request, user: dict, ticket_id: int) -> dict:
        return {"ticket_metric": render.ticket_metric(self.state, request, self.state.ticket(ticket_id))}

    def _ticket_metrics(self, request: Request, user: dict) -> dict:
        tickets = sorted(self.state.tickets.values(), key=lambda t: t["id"])
        to_wire = lambda t: render.ticket_metric(self.state, request, t)  # noqa: E731
        if render.wants_cursor(request):
            return render.cursor_page(request, tickets, lambda t: [t["id"]], "ticket_metrics", to_wire)
        return render.offset_page(request, tickets, "ticket_metrics", to_wire)

    def _ticket_metric(self, request: Request, user: dict, metric_id: int) -> dict:
        ticket = self.state.tickets.get(metric_id - 700_000_000)
        if ticket is None:
            raise not_found()
        return {"ticket_metric": render.ticket_metric(self.state, request, ticket)}

    def _organization_tickets(self, request: Request, user: dict, org_id: int) -> dict:
        if org_id not in self.state.organizations:
            raise not_found()
        tickets = sorted((t for t in self.state.tickets.values() if t["organization_id"] == org_id),
                         key=lambda t: t["id"])
        return render.ticket_list(self.state, request, tickets)

    # -- incremental exports ----------------------------------------------------------------
    def _incremental_tickets(self, request: Request, user: dict) -> dict:
        return incremental_tickets(self.state, request)

    def _ticket_events(self, request: Request, user: dict) -> dict:
        return ticket_events(self.state, request)

    # -- views --------------------------------------------------------------------------
    def _views(self, request: Request, user: dict) -> dict:
        return views.list_views(self.state, request)

    def _view(self, request: Request, user: dict, view_id: int) -> dict:
        return views.show_view(self.state, request, view_id)

    def _view_tickets(self, request: Request, user: dict, view_id: int) -> dict:
        return views.view_tickets(self.state, request, view_id)

    def _view_count(self, request: Request, user: dict, view_id: int) -> dict:
        return views.view_count(self.state, request, view_id)

    # -- people and places ------------------------------------------------------------------
    def _users(self, request: Request, user: dict) -> dict:
        roles = set(request.args.getlist("role[]") + request.args.getlist("role"))
        users = sorted((u for u in self.state.users.values() if not roles or u["role"] in roles),
                       key=lambda u: u["id"])
        return self._listing(request, users, "users", lambda u: render.user(request, u))

    def _me(self, request: Request, user: dict) -> dict:
        return {"user": render.user(request, user)}

    def _users_show_many(self, request: Request, user: dict) -> dict:
        return {"users": [render.user(request, u) for u in self._many(request, self.state.users)]}

    def _user(self, request: Request, user: dict, user_id: int) -> dict:
        return {"user": render.user(request, self._one(self.state.users, user_id))}

    def _organizations(self, request: Request, user: dict) -> dict:
        orgs = sorted(self.state.organizations.values(), key=lambda o: o["id"])
        return self._listing(request, orgs, "organizations", lambda o: render.organization(request, o))

    def _organizations_show_many(self, request: Request, user: dict) -> dict:
        return {"organizations": [render.organization(request, o)
                                  for o in self._many(request, self.state.organizations)]}

    def _organizations_search(self, request: Request, user: dict) -> dict:
        external_id, name = request.args.get("external_id"), request.args.get("name")
        if external_id is None and name is None:
            raise ZendeskError(400, "InvalidValue", "external_id or name is required")
        found = [o for o in sorted(self.state.organizations.values(), key=lambda o: o["id"])
                 if (external_id is not None and o["external_id"] == external_id)
                 or (name is not None and o["name"].lower() == name.lower())]
        return {"organizations": [render.organization(request, o) for o in found],
                "next_page": None, "previous_page": None, "count": len(found)}

    def _organization(self, request: Request, user: dict, org_id: int) -> dict:
        return {"organization": render.organization(request, self._one(self.state.organizations, org_id))}

    def _groups(self, request: Request, user: dict) -> dict:
        groups = sorted(self.state.groups.values(), key=lambda g: g["id"])
        return self._listing(request, groups, "groups", lambda g: render.group(request, g))

    def _group(self, request: Request, user: dict, group_id: int) -> dict:
        return {"group": render.group(request, self._one(self.state.groups, group_id))}

    def _ticket_fields(self, request: Request, user: dict) -> dict:
        fields = sorted(self.state.ticket_fields.values(), key=lambda f: f["position"])
        return self._listing(request, fields, "ticket_fields", dict)

    def _ticket_field(self, request: Request, user: dict, field_id: int) -> dict:
        return {"ticket_field": dict(self._one(self.state.ticket_fields, field_id))}

    # -- helpers ------------------------------------------------------------------------
    @staticmethod
    def _one(table: dict[int, dict], record_id: int) -> dict:
        if record_id not in table:
            raise not_found()
        return table[record_id]

    @staticmethod
    def _many(request: Request, table: dict[int, dict]) -> list[dict]:
        if "external_ids" in request.args:
            wanted = render.ids_arg(request, "external_ids", numeric=False)
            by_external = {r.get("external_id"): r for r in table.values()}
            return [by_external[e] for e in wanted if e in by_external]
        return [table[i] for i in render.ids_arg(request) if i in table]

    @staticmethod
    def _listing(request: Request, items: list, plural: str, to_wire: Callable[[Any], dict]) -> dict:
        if render.wants_cursor(request):
            return render.cursor_page(request, items, lambda r: [r["id"]], plural, to_wire)
        return render.offset_page(request, items, plural, to_wire)

    @staticmethod
    def _via(request: Request) -> dict:
        return {"channel": "api", "source": {"from": {}, "to": {}, "rel": None}}

    @staticmethod
    def _system(request: Request) -> dict:
        return {"client": request.user_agent.string, "ip_address": request.remote_addr,
                "location": "Sandbox", "latitude": 0, "longitude": 0}


class _Unauthorized(ZendeskError):
    def __init__(self) -> None:
        super().__init__(401, "", "")
        self.body = dict(_AUTH_FAILED)
        self.headers = {"WWW-Authenticate": 'Basic realm="Web Password"'}
