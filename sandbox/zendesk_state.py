"""The Zendesk emulator's data: tickets, comments, users, organizations, groups and the
tickets' history (audits), with the writes Zendesk allows through its API.

Thread-safe: every read and write holds ``state.lock`` (an RLock, so a handler may hold it
across several calls). Writes stamp ``updated_at`` with :meth:`ZendeskState.clock` — the
real UTC time unless a test sets ``state.now`` — and append an audit, which is what the
audits endpoint and the incremental ticket events export read.
"""

from __future__ import annotations

import marshal
import re
import threading
from datetime import datetime, timezone
from typing import Any

from escalation_desk.sandbox.dataset_audits import iso

STATUSES = ("new", "open", "pending", "hold", "solved", "closed")
PRIORITIES = ("low", "normal", "high", "urgent")
TYPES = ("question", "incident", "problem", "task")
MAX_COMMENTS = 5000
API_VIA = {"channel": "api", "source": {"from": {}, "to": {}, "rel": None}}
_ID_FIELDS = ("assignee_id", "group_id", "organization_id", "requester_id", "problem_id")
_SETTABLE = ("subject", "status", "priority", "type", "due_at", "external_id") + _ID_FIELDS
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def tokenize(text: str) -> list[str]:
    """Lower-case words, as search matches them."""
    return _WORD.findall(text.lower())


class ZendeskError(Exception):
    """An error answer in Zendesk's shape."""

    def __init__(self, status: int, error: str, description: str, details: dict | None = None) -> None:
        super().__init__(f"{status} {error}: {description}")
        self.status = status
        self.headers: dict[str, str] = {}
        self.body: dict[str, Any] = {"error": error, "description": description}
        if details:
            self.body["details"] = details


def not_found() -> ZendeskError:
    return ZendeskError(404, "RecordNotFound", "Not found")


def invalid(field: str, message: str) -> ZendeskError:
    return ZendeskError(422, "RecordInvalid", "Record validation errors",
                        {field: [{"description": message, "error": "InvalidValue"}]})


def normalize_tags(tags: Any) -> list[str]:
    """Zendesk tags are lower-case single words: a string with spaces is several tags."""
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise invalid("tags", "Tags must be a list of strings")
    return [word for tag in tags for word in tag.lower().split()]


def freeze(data: Any) -> bytes:
    """A ``dataset.ZendeskData`` as bytes for :meth:`ZendeskState.load`. The records are
    plain dicts, lists and scalars, and marshal copies those several times faster than
    JSON or deepcopy (which matters: the sandbox reloads them before every test)."""
    return marshal.dumps(vars(data))


class ZendeskState:
    """All the data of one emulated Zendesk account."""

    def __init__(self, data: Any = None, *, api_token: str = "sandbox-zendesk-api-token",
                 oauth_token: str = "sandbox-zendesk-oauth-token", now: datetime | None = None) -> None:
        self.lock = threading.RLock()
        self.now: datetime | None = now
        self.api_token = api_token
        self.oauth_token = oauth_token
        self.expired_tokens: set[str] = set()
        # Incremental exports (Zendesk's documented limits): 10 requests per minute per
        # account (None: unlimited), and items changed within the last minute left out
        # (opt-in: most tests change a ticket and sync at once; sandbox/FIDELITY.md).
        self.incremental_per_minute: int | None = 10
        self.exclude_last_minute: bool = False
        self.incremental_calls: list[float] = []
        self.load(data)

    # -- loading ----------------------------------------------------------------------
    def load(self, data: Any) -> None:
        """Replace everything with a private copy of a ``dataset.ZendeskData`` (or of
        :func:`freeze`'s bytes of one, cheaper when loading the same data again and again)."""
        if data is None:
            raw: dict[str, Any] = {"organizations": [], "users": [], "groups": [], "ticket_fields": [],
                                   "tickets": [], "comments": {}, "audits": [], "views": [],
                                   "api_user_email": ""}
        else:
            raw = marshal.loads(data if isinstance(data, bytes) else freeze(data))
        with self.lock:
            self.api_user_email: str = raw.get("api_user_email", "")
            self.organizations = {o["id"]: o for o in raw["organizations"]}
            self.users = {u["id"]: u for u in raw["users"]}
            self.groups = {g["id"]: g for g in raw["groups"]}
            self.ticket_fields = {f["id"]: f for f in raw["ticket_fields"]}
            self.views = {v["id"]: v for v in raw.get("views", [])}
            self.tickets = {t["id"]: t for t in raw["tickets"]}
            self.comments: dict[int, list[dict]] = {int(k): v for k, v in raw["comments"].items()}
            for ticket_id in self.tickets:
                self.comments.setdefault(ticket_id, [])
            self.comment_index = {c["id"]: c for cs in self.comments.values() for c in cs}
            self.audits: list[dict] = raw["audits"]
            self.audits_by_ticket: dict[int, list[dict]] = {}
            for audit in self.audits:
                self.audits_by_ticket.setdefault(audit["ticket_id"], []).append(audit)
            self._next_ticket = max(self.tickets, default=0) + 1
            self._next_audit = max((a["id"] for a in self.audits), default=0) + 1
            event_ids = [e["id"] for a in self.audits for e in a["events"]]
            self._next_event = max(event_ids + list(self.comment_index), default=0) + 1
            self._words: dict[int, tuple[str, frozenset[str]]] = {}
            self.expired_tokens.clear()

    # -- time and identity ------------------------------------------------------------
    def clock(self) -> datetime:
        """Now, to the second: ``state.now`` when a test set it, else the real UTC time."""
        now = self.now or datetime.now(timezone.utc)
        return now.astimezone(timezone.utc).replace(microsecond=0)

    def user_by_email(self, email: str) -> dict | None:
        email = email.lower()
        with self.lock:
            return next((u for u in self.users.values() if u["email"].lower() == email), None)

    def authenticate(self, email: str | None, secret: str) -> dict | None:
        """The agent a credential belongs to: API token with the agent's email, or the
        OAuth token (issued to the API user). Expired credentials fail."""
        with self.lock:
            if secret in self.expired_tokens:
                return None
            if email is None:
                return self.user_by_email(self.api_user_email) if secret == self.oauth_token else None
            if secret != self.api_token:
                return None
            user = self.user_by_email(email)
            return user if user and user["role"] in ("agent", "admin") and user["active"] else None

    def expire(self, secret: str) -> None:
        """The "expire" fault: this credential stops working (until ``rotate_tokens``)."""
        with self.lock:
            self.expired_tokens.add(secret)

    def rotate_tokens(self, api_token: str, oauth_token: str | None = None) -> None:
        with self.lock:
            self.api_token = api_token
            self.oauth_token = oauth_token or self.oauth_token

    # -- reads ------------------------------------------------------------------------
    def ticket(self, ticket_id: int) -> dict:
        ticket = self.tickets.get(ticket_id)
        if ticket is None:
            raise not_found()
        return ticket

    def words(self, ticket_id: int) -> tuple[str, frozenset[str]]:
        """(lower-case text, word set) of a ticket's subject, description, tags and comments
        (what a plain search word is matched against)."""
        cached = self._words.get(ticket_id)
        if cached is None:
            ticket = self.tickets[ticket_id]
            blob = "\n".join([ticket["subject"] or "", ticket["description"] or "", " ".join(ticket["tags"])]
                             + [c["body"] for c in self.comments[ticket_id]]).lower()
            cached = self._words[ticket_id] = (blob, frozenset(tokenize(blob)))
        return cached

    # -- writes -----------------------------------------------------------------------
    def update_ticket(self, ticket_id: int, changes: dict, author: dict,
                      via: dict | None = None, system: dict | None = None) -> tuple[dict, dict]:
        """Apply a ``PUT /tickets/{id}.json`` body's ``ticket`` object; return
        (ticket, audit). Zendesk semantics: ``tags``/``custom_fields`` replace (custom
        fields merge by id), ``additional_tags``/``remove_tags`` edit, ``comment`` appends."""
        with self.lock:
            ticket = self.ticket(ticket_id)
            if ticket["status"] == "closed":
                raise invalid("status", "closed prevents ticket update")
            if changes.get("safe_update") and changes.get("updated_stamp") not in (None, ticket["updated_at"]):
                raise ZendeskError(409, "UpdateConflict",
                                   "Safe Update prevented the update due to outdated ticket data. "
                                   "Please fetch the latest ticket data and try again.")
            events: list[dict] = []
            comment = changes.get("comment")
            if comment is not None:
                if len(self.comments[ticket_id]) >= MAX_COMMENTS:
                    raise invalid("comment", f"a ticket can have at most {MAX_COMMENTS} comments")
                events.append(self._comment_event(comment, author))
            for field in _SETTABLE:
                if field in changes and changes[field] != ticket.get(field):
                    value = self._validated(field, changes[field])
                    if value != ticket.get(field):
                        events.append(self._change(field, value, ticket.get(field)))
            tags = list(ticket["tags"])
            if "tags" in changes:
                tags = normalize_tags(changes["tags"])
            tags += [t for t in normalize_tags(changes.get("additional_tags", [])) if t not in tags]
            removed = set(normalize_tags(changes.get("remove_tags", [])))
            tags = sorted(set(t for t in tags if t not in removed))
            if tags != ticket["tags"]:
                events.append(self._change("tags", tags, ticket["tags"]))
            if "custom_fields" in changes:
                merged = self._merge_custom_fields(ticket["custom_fields"], changes["custom_fields"])
                if merged != ticket["custom_fields"]:
                    events.append(self._change("custom_fields", merged, ticket["custom_fields"]))
            return ticket, self._commit(ticket, events, author, via, system)

    def change_tags(self, ticket_id: int, tags: Any, mode: str, author: dict) -> list[str]:
        """The tags endpoint: ``mode`` "add" (PUT), "set" (POST) or "remove" (DELETE)."""
        with self.lock:
            ticket = self.ticket(ticket_id)
            if ticket["status"] == "closed":
                raise invalid("status", "closed prevents ticket update")
            given = normalize_tags(tags)
            if mode == "set":
                new = sorted(set(given))
            elif mode == "add":
                new = sorted(set(ticket["tags"]) | set(given))
            else:
                new = sorted(set(ticket["tags"]) - set(given))
            if new != ticket["tags"]:
                self._commit(ticket, [self._change("tags", new, ticket["tags"])], author, None, None)
            return list(ticket["tags"])

    def add_comment(self, ticket_id: int, body: str, author_id: int, public: bool = True) -> dict:
        """Test helper: a comment by anyone (a customer reply, say), as if by email."""
        author = self.users[author_id]
        via = {"channel": "email", "source": {"from": {"address": author["email"], "name": author["name"]},
                                              "to": {}, "rel": None}}
        status = {"status": "open"} if author["role"] == "end-user" else {}
        with self.lock:
            _ticket, audit = self.update_ticket(ticket_id, {"comment": {"body": body, "public": public}, **status},
                                                author, via=via)
            return self.comment_index[audit["events"][0]["id"]]

    def create_ticket(self, fields: dict, author: dict, via: dict | None = None) -> tuple[dict, dict]:
        """``POST /tickets.json``: a new ticket; its ``comment`` becomes the description."""
        comment = fields.get("comment") or {}
        body = comment.get("body") or comment.get("html_body") or fields.get("description")
        if not body:
            raise invalid("description", "cannot be blank")
        with self.lock:
            now = iso(self.clock())
            ticket_id = self._next_ticket
            self._next_ticket += 1
            requester_id = fields.get("requester_id") or author["id"]
            requester = self.users.get(requester_id)
            if requester is None:
                raise invalid("requester_id", "is not a user")
            custom = self._merge_custom_fields([], fields.get("custom_fields", []))
            ticket = {
                "id": ticket_id, "external_id": fields.get("external_id"),
                "type": self._validated("type", fields.get("type")),
                "subject": fields.get("subject") or body.splitlines()[0][:80], "raw_subject": None,
                "description": body, "priority": self._validated("priority", fields.get("priority")),
                "status": self._validated("status", fields.get("status") or "new"), "recipient": None,
                "requester_id": requester_id, "submitter_id": author["id"],
                "assignee_id": fields.get("assignee_id"), "organization_id": requester["organization_id"],
                "group_id": fields.get("group_id"), "collaborator_ids": [], "follower_ids": [],
                "email_cc_ids": [], "forum_topic_id": None, "problem_id": None, "has_incidents": False,
                "is_public": comment.get("public", True), "due_at": None,
                "tags": sorted(set(normalize_tags(fields.get("tags", [])))), "custom_fields": custom,
                "satisfaction_rating": None, "sharing_agreement_ids": [], "followup_ids": [], "brand_id": 1,
                "allow_channelback": False, "allow_attachments": True, "from_messaging_channel": False,
                "via": via or API_VIA, "created_at": now, "updated_at": now,
            }
            ticket["raw_subject"] = ticket["subject"]
            self.tickets[ticket_id] = ticket
            self.comments[ticket_id] = []
            events = [self._comment_event({"body": body, "public": comment.get("public", True)}, author)]
            events += [{"id": None, "type": "Create", "field_name": f, "value": v} for f, v in (
                ("subject", ticket["subject"]), ("status", ticket["status"]), ("priority", ticket["priority"]),
                ("type", ticket["type"]), ("requester_id", str(requester_id)), ("tags", ticket["tags"]))]
            audit = self._commit(ticket, events, author, via, None)
            return ticket, audit

    # -- internals --------------------------------------------------------------------
    def _validated(self, field: str, value: Any) -> Any:
        allowed = {"status": STATUSES, "priority": PRIORITIES, "type": TYPES}.get(field)
        if allowed is not None and value is not None and value not in allowed:
            raise invalid(field, f"{value!r} is not one of {', '.join(allowed)}")
        if field == "status" and value is None:
            raise invalid("status", "cannot be blank")
        if field in _ID_FIELDS and value is not None:
            if not isinstance(value, int):
                raise invalid(field, "must be an integer")
            table = {"assignee_id": self.users, "requester_id": self.users, "group_id": self.groups,
                     "organization_id": self.organizations, "problem_id": self.tickets}[field]
            if value not in table:
                raise invalid(field, "does not exist")
            if field == "assignee_id" and table[value]["role"] == "end-user":
                raise invalid(field, "must be an agent")
        return value

    def _merge_custom_fields(self, current: list[dict], given: Any) -> list[dict]:
        if not isinstance(given, list) or not all(isinstance(f, dict) and "id" in f for f in given):
            raise invalid("custom_fields", "must be a list of {id, value}")
        merged = {f["id"]: f["value"] for f in current}
        for item in given:
            merged[item["id"]] = item.get("value")
        return [{"id": field_id, "value": merged[field_id]} for field_id in sorted(merged)]

    def _comment_event(self, comment: Any, author: dict) -> dict:
        if not isinstance(comment, dict):
            comment = {"body": str(comment)}
        body = comment.get("body") or comment.get("html_body")
        if not body or not str(body).strip():
            raise invalid("comment", "cannot be blank")
        author_id = comment.get("author_id") or author["id"]
        if author_id not in self.users:
            raise invalid("comment", "author_id does not exist")
        return {"id": None, "type": "Comment", "author_id": author_id, "body": str(body),
                "public": bool(comment.get("public", True))}

    @staticmethod
    def _change(field: str, value: Any, previous: Any) -> dict:
        return {"id": None, "type": "Change", "field_name": field, "value": value, "previous_value": previous}

    def _commit(self, ticket: dict, events: list[dict], author: dict, via: dict | None,
                system: dict | None) -> dict:
        """Apply events to the ticket, bump updated_at, record the audit (if anything changed)."""
        now = iso(self.clock())
        audit = {"id": None, "ticket_id": ticket["id"], "created_at": now, "author_id": author["id"],
                 "via": via or API_VIA, "metadata": {"system": system or {}, "custom": {}}, "events": events}
        if not events:
            return audit
        audit["id"] = self._next_audit
        self._next_audit += 1
        for event in events:
            event["id"] = self._next_event
            self._next_event += 1
            if event["type"] == "Comment":
                stored = {"id": event["id"], "type": "Comment", "author_id": event.pop("author_id"),
                          "body": event.pop("body"), "public": event.pop("public"), "attachments": [],
                          "audit_id": audit["id"], "via": audit["via"], "created_at": now,
                          "metadata": {"system": system or {}, "custom": {}}}
                self.comments[ticket["id"]].append(stored)
                self.comment_index[stored["id"]] = stored
                if stored["public"]:
                    ticket["is_public"] = True
            elif event["type"] == "Change":
                ticket[event["field_name"]] = event["value"]
        ticket["updated_at"] = now
        self._words.pop(ticket["id"], None)
        self.audits.append(audit)
        self.audits_by_ticket.setdefault(ticket["id"], []).append(audit)
        return audit
