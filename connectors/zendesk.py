"""Zendesk through zenpy: changed tickets, comments, people, and the write-back.

Reads (each returns the core's records, see :mod:`connectors.records`):

- :meth:`ZendeskSource.changed_tickets` — the cursor-based incremental ticket export with
  users and organizations side-loaded (1,000 tickets per request);
- :meth:`ZendeskSource.users` / :meth:`organizations` — from the side-loads already held
  in zenpy's object cache, else ``show_many`` in batches of 100;
- :meth:`ZendeskSource.comments` — one ticket's comments (100 per request);
- :meth:`ZendeskSource.ticket_ids_in_view` / :meth:`ticket_ids_matching` — optional
  selectors configured as ``zendesk.view_id`` / ``zendesk.search``.

Write: :meth:`ZendeskSource.write_back` — tags added/removed and an optional private
note, in one ticket update.

zenpy builds every URL from ``ZENPY_FORCE_SCHEME`` / ``ZENPY_FORCE_NETLOC`` when they are
set (read on each request), which is how any ``ZENDESK_URL`` — ``http://127.0.0.1:PORT``
included — is honoured without patching zenpy. They are set when a source is created.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import datetime
from typing import Callable, Iterable, Iterator, TypeVar

import requests
from zenpy import Zenpy
from zenpy.lib.api_objects import Comment as ZenpyComment
from zenpy.lib.api_objects import Ticket as ZenpyTicket
from zenpy.lib.exception import APIException, RatelimitBudgetExceeded, RecordNotFoundException, ZenpyException

from escalation_desk.connectors.zendesk_settings import ZendeskSettings

from .env import ZendeskCredentials, redact
from .errors import SourceError, not_json, raised_in
from .records import Comment, Organization, Ticket, TicketChanges, User
from .transport import CallStats, RateGate, RetryPolicy, session_for
from escalation_desk.playbook.timefmt import parse_iso

SERVICE = "Zendesk"
SHOW_MANY = 100
SIDE_LOADS = ["users", "organizations"]
T = TypeVar("T")
R = TypeVar("R")


def parse_time(text: object) -> datetime:
    return parse_iso(text)


class ZendeskSource:
    def __init__(self, creds: ZendeskCredentials, settings: ZendeskSettings, policy: RetryPolicy,
                 stats: CallStats, workers: int = 1, *, _worker: bool = False) -> None:
        if not _worker:
            os.environ["ZENPY_FORCE_SCHEME"] = creds.scheme
            os.environ["ZENPY_FORCE_NETLOC"] = creds.netloc
        self.creds = creds
        self.settings = settings
        self.policy = policy
        self.stats = stats
        self.workers = max(1, workers)
        self._local = threading.local()
        auth = ({"oauth_token": creds.oauth_token} if creds.oauth_token
                else {"email": creds.email, "token": creds.api_token})
        try:
            # ratelimit_budget=1: our transport already waited what Retry-After asked within
            # the run's budget; a 429 that reaches zenpy must fail, not sleep without limit.
            self.export_gate = RateGate(settings.export_requests_per_minute, 60.0, policy.clock, policy.sleep)
            session = session_for(SERVICE, policy, stats, gates=(("/incremental/", self.export_gate),))
            self.client = Zenpy(subdomain=creds.subdomain, session=session,
                                timeout=policy.timeout_seconds, ratelimit_budget=1, **auth)
        except ZenpyException:
            raise SourceError(SERVICE, "incomplete credentials",
                              hint="set ZENDESK_EMAIL and ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN") from None

    # ------------------------------------------------------------------ errors

    def _call(self, what: str, action: Callable[[], T]) -> T:
        """Run one SDK call; every way it can fail becomes one clear SourceError."""
        try:
            return action()
        except RatelimitBudgetExceeded:
            raise SourceError(SERVICE, f"{what}: still rate limited after the retry budget",
                              hint="try again later, or raise sync.retry_budget") from None
        except APIException as exc:
            status = exc.response.status_code if exc.response is not None else 0
            raise self._http_error(what, status) from None
        except requests.HTTPError as exc:
            status = exc.response.status_code if exc.response is not None else 0
            raise self._http_error(what, status) from None
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise SourceError(SERVICE, f"{what}: unreachable ({type(exc).__name__} after retries)",
                              hint=f"is {self.creds.base_url} up?") from None
        except ValueError as exc:   # requests' JSONDecodeError: a 2xx whose body is not JSON
            if isinstance(exc, requests.exceptions.JSONDecodeError) or raised_in(exc, "zenpy"):
                raise not_json(SERVICE, what) from None
            raise
        except (AttributeError, TypeError, KeyError) as exc:
            if raised_in(exc, "zenpy"):   # zenpy read an answer that was not the API's JSON
                raise not_json(SERVICE, what) from None
            raise

    def _http_error(self, what: str, status: int) -> SourceError:
        if status == 401:
            return SourceError(SERVICE, f"{what}: authentication failed (HTTP 401)",
                               hint="check ZENDESK_EMAIL and ZENDESK_API_TOKEN (or ZENDESK_OAUTH_TOKEN)")
        if status == 403:
            return SourceError(SERVICE, f"{what}: permission denied (HTTP 403)",
                               hint="the API user must be an agent or admin")
        if status == 429:
            return SourceError(SERVICE, f"{what}: still rate limited after the retry budget (HTTP 429)",
                               hint="try again later")
        if status >= 500:
            return SourceError(SERVICE, f"{what}: unavailable (HTTP {status} after retries)")
        return SourceError(SERVICE, f"{what}: request refused (HTTP {status})")

    def safe(self, text: str) -> str:
        return redact(text, self.creds.secrets())

    # ------------------------------------------------------------------ reads

    def changed_tickets(self, cursor: str | None, start: datetime, max_requests: int | None = None) -> TicketChanges:
        """Tickets updated since the cursor (or since `start` on a first run), oldest first;
        at most `max_requests` export pages (then ``complete`` is False: resume from the cursor)."""
        budget = max_requests or self.settings.export_requests_per_run

        def pull() -> tuple[list[dict], str | None, bool]:
            first = self.export_gate.sent
            if cursor:
                pages = self.client.tickets.incremental(cursor=cursor, include=SIDE_LOADS)
            else:
                pages = self.client.tickets.incremental(start_time=start, include=SIDE_LOADS)
            found = []
            for ticket in pages:
                found.append(ticket.to_dict())
                # zenpy reads the next page when this one is used up: stop at a page's end
                if _page_done(pages) and self.export_gate.sent - first >= budget \
                        and not getattr(pages, "end_of_stream", True):
                    return found, getattr(pages, "after_cursor", None), False
            return found, getattr(pages, "after_cursor", None), True

        before = self.stats.requests[SERVICE]
        raw, after, complete = self._call("reading changed tickets", pull)
        tickets = tuple(ticket_record(t) for t in raw)
        user_ids = {i for t in tickets for i in (t.requester_id, t.assignee_id) if i}
        org_ids = {t.organization_id for t in tickets if t.organization_id}
        users = self.users(user_ids)
        organizations = self.organizations(org_ids)
        return TicketChanges(tickets, users, organizations, after or cursor,
                             self.stats.requests[SERVICE] - before, complete)

    def me(self) -> dict:
        """The API user (``GET /users/me``): email and role, for `esc doctor`."""
        raw = self._call("reading the API user", lambda: self.client.users.me().to_dict())
        return {"email": raw.get("email"), "role": raw.get("role")}

    def tickets(self, ids: Iterable[int]) -> dict[int, Ticket]:
        found: dict[int, Ticket] = {}
        for batch in _batches(sorted(set(ids)), SHOW_MANY):
            records = self._call("reading tickets", lambda b=batch: [t.to_dict() for t in self.client.tickets(ids=b)])
            found.update({r["id"]: ticket_record(r) for r in records})
        return found

    def users(self, ids: Iterable[int]) -> dict[int, User]:
        """Users by id: answered from the side-loads zenpy cached, else in batches of 100."""
        found: dict[int, User] = {}
        for batch in _batches(sorted(i for i in set(ids) if i and i > 0), SHOW_MANY):
            records = self._call("reading users", lambda b=batch: [u.to_dict() for u in self.client.users(ids=b)])
            found.update({r["id"]: self._user(r) for r in records})
        return found

    def organizations(self, ids: Iterable[int]) -> dict[int, Organization]:
        found: dict[int, Organization] = {}
        for batch in _batches(sorted(i for i in set(ids) if i), SHOW_MANY):
            records = self._call("reading organizations",
                                 lambda b=batch: [o.to_dict() for o in self.client.organizations(ids=b)])
            found.update({r["id"]: organization_record(r) for r in records})
        return found

    def comments(self, ticket_id: int) -> list[Comment]:
        return self._call(f"reading the comments of ticket #{ticket_id}",
                          lambda: [_comment(ticket_id, c) for c in self.client.tickets.comments(ticket=ticket_id)])

    def comments_of(self, ticket_ids: Iterable[int], on_each: Callable[[], None] = lambda: None
                    ) -> dict[int, list[Comment]]:
        """The comments of many tickets, `workers` requests at a time."""
        return dict(self.each(sorted(set(ticket_ids)), lambda source, i: source.comments(i), on_each))

    # ------------------------------------------------------------------ concurrency

    def _worker(self) -> "ZendeskSource":
        """This thread's own client (zenpy objects are not shared between threads); the
        call count and the retry budget are shared."""
        source = getattr(self._local, "source", None)
        if source is None:
            source = self._local.source = ZendeskSource(self.creds, self.settings, self.policy, self.stats,
                                                        _worker=True)
        return source

    def each(self, items: list[T], work: Callable[["ZendeskSource", T], R],
             on_each: Callable[[], None] = lambda: None) -> Iterator[tuple[T, R]]:
        """Run `work(source, item)` for every item, up to `workers` at once; yields
        (item, result) as they finish. The first failure stops the rest and is raised."""
        if self.workers == 1 or len(items) < 4:
            for item in items:
                result = work(self, item)
                on_each()
                yield item, result
            return
        pool = ThreadPoolExecutor(self.workers, thread_name_prefix="zendesk")
        pending: dict[Future, T] = {}
        queue = iter(items)
        try:
            for item in queue:
                pending[pool.submit(lambda i=item: work(self._worker(), i))] = item
                if len(pending) >= self.workers * 2:
                    break
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    item = pending.pop(future)
                    yield item, future.result()
                    on_each()
                    following = next(queue, None)
                    if following is not None:
                        pending[pool.submit(lambda i=following: work(self._worker(), i))] = following
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def issue_field_id(self, title: str | None) -> int | None:
        """The id of the ticket field titled `title` (the "same issue" field), if any."""
        if not title:
            return None
        wanted = title.strip().lower()
        fields = self._call("reading ticket fields", lambda: [f.to_dict() for f in self.client.ticket_fields()])
        return next((int(f["id"]) for f in fields if str(f.get("title") or "").strip().lower() == wanted), None)

    def ticket_ids_in_view(self, view_id: int) -> set[int]:
        return self._call(f"reading view {view_id}", lambda: {t.id for t in self.client.views.tickets(view=view_id)})

    def ticket_ids_matching(self, query: str) -> set[int]:
        return self._call("searching tickets",
                          lambda: {t.id for t in self.client.search_export(query, type="ticket")})

    def _user(self, raw: dict) -> User:
        fields = raw.get("user_fields") or {}
        title = fields.get(self.settings.user_title_field) if isinstance(fields, dict) else None
        return User(id=int(raw["id"]), name=str(raw.get("name") or ""), email=str(raw.get("email") or ""),
                    role=str(raw.get("role") or "end-user"), organization_id=raw.get("organization_id"),
                    title=str(title or ""))

    # ------------------------------------------------------------------ write

    def write_back(self, ticket_id: int, add: list[str], remove: list[str], note: str | None) -> str | None:
        """Add and remove tags and post a private note in one update.

        Returns the ticket's ``updated_at`` afterwards, or None when Zendesk will not take
        updates for it any more (deleted, or closed: a closed ticket is read-only).
        """
        ticket = ZenpyTicket(id=ticket_id)
        if add:
            ticket.additional_tags = list(add)
        if remove:
            ticket.remove_tags = list(remove)
        if note:
            ticket.comment = ZenpyComment(body=note, public=False)

        def update() -> str | None:
            try:
                audit = self.client.tickets.update(ticket)
            except RecordNotFoundException:
                return None
            except APIException as exc:
                if exc.response is not None and exc.response.status_code == 422:
                    return None
                raise
            updated = getattr(getattr(audit, "ticket", None), "updated_at", None)
            return str(updated) if updated else None

        return self._call(f"updating ticket #{ticket_id}", update)


# ---------------------------------------------------------------------- records

def _batches(items: list[T], size: int) -> Iterable[list[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def ticket_record(raw: dict) -> Ticket:
    via = raw.get("via") or {}
    source = via.get("source") or {}
    recipients = []
    to = source.get("to") or {}
    if isinstance(to, dict) and to.get("address"):
        recipients.append(str(to["address"]))
    if raw.get("recipient"):
        recipients.append(str(raw["recipient"]))
    custom = tuple((int(f["id"]), f.get("value")) for f in raw.get("custom_fields") or () if isinstance(f, dict))
    return Ticket(
        id=int(raw["id"]),
        subject=str(raw.get("subject") or raw.get("raw_subject") or ""),
        description=str(raw.get("description") or ""),
        status=str(raw.get("status") or "new"),
        priority=raw.get("priority"),
        created_at=parse_time(raw["created_at"]),
        updated_at=parse_time(raw.get("updated_at") or raw["created_at"]),
        requester_id=raw.get("requester_id"),
        assignee_id=raw.get("assignee_id"),
        organization_id=raw.get("organization_id"),
        channel=str(via.get("channel") or ""),
        tags=tuple(str(t) for t in raw.get("tags") or ()),
        recipients=tuple(dict.fromkeys(recipients)),
        custom_fields=custom,
        agent_url=_agent_url(raw),
        type=str(raw["type"]) if raw.get("type") else None,
        problem_id=int(raw["problem_id"]) if isinstance(raw.get("problem_id"), int) else None,
    )


def _agent_url(raw: dict) -> str:
    """``https://acme.zendesk.com/agent/tickets/5`` from the API's own ``url`` of the ticket."""
    api = str(raw.get("url") or "")
    base, found, _ = api.partition("/api/v2/")
    return f"{base}/agent/tickets/{int(raw['id'])}" if found and base.startswith(("http://", "https://")) else ""


def _page_done(pages: object) -> bool:
    """Whether zenpy's result generator has handed out every ticket of the page it holds."""
    values = getattr(pages, "values", None)
    return values is not None and getattr(pages, "position", 0) >= len(values)


def organization_record(raw: dict) -> Organization:
    fields = raw.get("organization_fields") or {}
    return Organization(id=int(raw["id"]), name=str(raw.get("name") or ""),
                        external_id=str(raw["external_id"]) if raw.get("external_id") else None,
                        fields=dict(fields) if isinstance(fields, dict) else {})


def _comment(ticket_id: int, comment) -> Comment:  # noqa: ANN001 - a zenpy Comment, read without a JSON round trip
    via = getattr(comment, "via", None)
    channel = getattr(via, "channel", None) if via is not None and not isinstance(via, dict) else \
        (via or {}).get("channel")
    body = getattr(comment, "plain_body", None) or getattr(comment, "body", None) or ""
    return Comment(id=int(comment.id), ticket_id=ticket_id, author_id=int(getattr(comment, "author_id", 0) or 0),
                   body=str(body), public=bool(getattr(comment, "public", True)),
                   created_at=parse_time(comment.created_at), channel=str(channel or ""))


def comment_record(ticket_id: int, raw: dict) -> Comment:
    via = raw.get("via") or {}
    body = raw.get("plain_body") or raw.get("body") or ""
    return Comment(id=int(raw["id"]), ticket_id=ticket_id, author_id=int(raw.get("author_id") or 0),
                   body=str(body), public=bool(raw.get("public", True)), created_at=parse_time(raw["created_at"]),
                   channel=str(via.get("channel") or "") if isinstance(via, dict) else "")
