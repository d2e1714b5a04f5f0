"""Zendesk record shapes for the dataset: users, organizations, and the ticket builder that
turns scenario definitions and random everyday issues into tickets, comments and audits
(the ticket history the emulator's audits and incremental ticket events are read from).
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from escalation_desk.sandbox import dataset_text as text
from escalation_desk.sandbox.dataset_audits import build_history, iso
from escalation_desk.sandbox.dataset_scenarios import ScenarioTicket

__all__ = ["ESCALATED_VIEW_ID", "TicketBuilder", "iso", "org_record", "staff_record", "user_record",
           "view_records"]

ESCALATED_VIEW_ID = 360_100_001

_SYSTEM_USER = -1  # Zendesk's author id for automations (e.g. closing solved tickets)
_SEVEN_DAYS = timedelta(days=7)


def _phone(user_id: int) -> tuple[str, str]:
    digits = f"{user_id % 10000:04d}"
    return f"+1415555{digits}", f"+1 (415) 555-{digits}"


def staff_record(user_id: int, name: str, email: str, role: str, github: str | None, title: str,
                 group_id: int, created: datetime) -> dict:
    record = _user_base(user_id, name, email, role, None, created)
    record.update(default_group_id=group_id, moderator=True, ticket_restriction=None,
                  user_fields={"title": title, "executive": False, "github_login": github},
                  tags=["staff"])
    return record


def user_record(user_id: int, name: str, email: str, org_id: int | None, title: str | None,
                executive: bool, twitter: str | None, created: datetime) -> dict:
    record = _user_base(user_id, name, email, "end-user", org_id, created)
    record["user_fields"] = {"title": title, "executive": executive, "github_login": None}
    record["tags"] = ["executive"] if executive else []
    if executive:
        record["notes"] = f"{title}; executive sponsor on the customer side."
    if twitter:
        record["alias"] = "@" + twitter
    return record


def _user_base(user_id: int, name: str, email: str, role: str, org_id: int | None,
               created: datetime) -> dict:
    phone, _formatted = _phone(user_id)
    return {
        "id": user_id, "name": name, "email": email, "role": role, "role_type": None,
        "organization_id": org_id, "phone": phone, "time_zone": "UTC", "iana_time_zone": "Etc/UTC",
        "locale": "en-US", "locale_id": 1, "active": True, "verified": True, "suspended": False,
        "shared": False, "moderator": False, "restricted_agent": role == "end-user",
        "only_private_comments": False, "ticket_restriction": "requested", "default_group_id": None,
        "tags": [], "user_fields": {}, "notes": "", "details": "", "alias": "", "external_id": None,
        "signature": None, "photo": None, "created_at": iso(created), "updated_at": iso(created),
    }


def org_record(org_id: int, name: str, external_id: str, domain: str, segment: str,
               group_id: int, created: datetime) -> dict:
    return {
        "id": org_id, "name": name, "external_id": external_id, "domain_names": [domain],
        "tags": [segment], "organization_fields": {"segment": segment, "salesforce_account_id": external_id},
        "details": "", "notes": "", "group_id": group_id, "shared_tickets": False,
        "shared_comments": False, "created_at": iso(created), "updated_at": iso(created),
    }


def view_records(created: datetime) -> list[dict]:
    """The account's views; "Escalated tickets" is what a team would set as zendesk.view_id."""
    unsolved = {"field": "status", "operator": "less_than", "value": "solved"}
    specs = [(ESCALATED_VIEW_ID, "Escalated tickets",
              [{"field": "current_tags", "operator": "includes", "value": "escalation"}, unsolved]),
             (ESCALATED_VIEW_ID + 1, "Unsolved urgent and high",
              [{"field": "priority", "operator": "greater_than", "value": "normal"}, unsolved])]
    columns = [{"id": c, "title": c.replace("_", " ").title()}
               for c in ("subject", "requester", "updated_at", "status", "priority")]
    return [{"id": view_id, "title": title, "raw_title": title, "active": True, "position": position,
             "description": "", "default": False, "restriction": None,
             "execution": {"group_by": None, "group_order": "asc", "sort_by": "id", "sort_order": "asc",
                           "columns": columns},
             "conditions": {"all": conditions, "any": []}, "created_at": iso(created), "updated_at": iso(created)}
            for position, (view_id, title, conditions) in enumerate(specs, start=1)]


@dataclass
class _Comment:
    at: datetime
    author_id: int
    body: str
    public: bool
    via: dict


@dataclass
class _Draft:
    """A ticket under construction; turned into records by ``TicketBuilder.finish``."""

    record: dict
    created: datetime
    comments: list[_Comment]
    changes: list[tuple[datetime, int, str, object, object]] = field(default_factory=list)


class TicketBuilder:
    def __init__(self, now: datetime, organizations: list[dict], org_ids: dict[str, int],
                 staff_ids: dict[str, int], group_ids: dict[str, int], contacts: dict[str, list[dict]],
                 social: list[dict], named_contacts: dict[str, dict], users: list[dict]) -> None:
        self.now = now
        self.org_ids = org_ids
        # Organization tags are copied onto their tickets, as Zendesk does.
        self.org_tags = {o["id"]: list(o["tags"]) for o in organizations}
        self.staff_ids = staff_ids
        self.group_ids = group_ids
        self.contacts = contacts
        self.social = social
        self.named_contacts = named_contacts
        self.users = {u["id"]: u for u in users}
        self.staff_groups = {p.key: group_ids[p.group] for p in text.STAFF}
        self.drafts: list[_Draft] = []
        # (org, category) -> sorted creation times, to keep "3+ tickets on one issue in 7 days"
        # down to the scenario that is meant to trip it.
        self._clusters: dict[tuple[int, str], list[datetime]] = {}

    # -- scenarios --------------------------------------------------------------------
    def add_scenario(self, s: ScenarioTicket) -> None:
        created = self._ago(s.age_hours)
        requester = self.named_contacts[s.requester]
        org_id = self.org_ids[s.customer] if s.customer else None
        assignee = self.staff_ids[s.assignee] if s.assignee else None
        group = self.staff_groups[s.assignee] if s.assignee else self.group_ids["support"]
        ceo = self.users[self.staff_ids[text.CEO_KEY]]
        via = self._via(s.channel, requester, to=ceo if s.recipient == "ceo" else None)
        comments = []
        for msg in s.thread:
            author = self._author(msg.who, requester)
            comments.append(_Comment(created + timedelta(hours=msg.hours), author["id"], msg.body,
                                     msg.public, self._comment_via(s.channel, author, requester, via)))
        solved = created + timedelta(hours=s.solved_after_hours) if s.solved_after_hours else None
        record = self._record(s.id, s.subject, s.status, s.priority, s.type, requester, assignee, org_id,
                              group, list(s.tags), s.category, s.affected_users, via, created,
                              ceo["email"] if s.recipient == "ceo" else None)
        self._add(record, created, comments, solved)

    # -- everyday tickets -------------------------------------------------------------
    def add_fillers(self, rng: random.Random, count: int, first_id: int, until: datetime | None = None) -> None:
        """``count`` random tickets over the last 30 days, ids ending at ``first_id`` in
        creation order (the scenario ids follow them). ``until``: their world ends then
        instead of at now (the demo's morning has no everyday tickets)."""
        now, self.now = self.now, until or self.now
        try:
            self._fillers(rng, count, first_id)
        finally:
            self.now = now

    def _fillers(self, rng: random.Random, count: int, first_id: int) -> None:
        drafts_before = len(self.drafts)
        customers = list(self.org_ids)
        channels = ("email", "web", "voice", "twitter", "facebook")
        channel_weights = (50, 80, 88, 94, 100)  # cumulative: 50% email, 30% web, 8% voice, 6%, 6%
        priorities = (None, "low", "normal", "high", "urgent")
        priority_weights = (15, 35, 80, 95, 100)  # cumulative: 15% none, 20% low, 45%, 15%, 5%
        support = [self.staff_ids[k] for k in text.SUPPORT_AGENTS]
        requesters = {key: [u for u in people if not u["user_fields"]["executive"]] or people
                      for key, people in self.contacts.items()}
        # Past a few thousand tickets, same-issue clusters are unavoidable: stop trying hard.
        attempts = 12 if count <= 2000 else 2
        for _ in range(count):
            created = self.now - timedelta(seconds=rng.randrange(1800, 30 * 86400))
            channel = rng.choices(channels, cum_weights=channel_weights)[0]
            priority = rng.choices(priorities, cum_weights=priority_weights)[0]
            assignee = rng.choice(support)
            if channel in ("twitter", "facebook"):
                self._social_filler(rng, created, channel, priority, assignee)
                continue
            customer = rng.choice(customers)
            org_id = self.org_ids[customer]
            requester = rng.choice(requesters[customer])
            issue = self._pick_issue(rng, org_id, created, attempts)
            body = rng.choice(issue.descriptions)
            if channel == "voice":
                body = f"Inbound call from {_phone(requester['id'])[1]}\nCall summary: {body}"
            via = self._via(channel, requester)
            comments = [_Comment(created, requester["id"], body, True, via)]
            status, solved = self._thread(rng, comments, issue, requester, assignee, channel, via)
            record = self._record(0, rng.choice(issue.subjects), status, priority, issue.type, requester,
                                  assignee if status != "new" else None, org_id, self.group_ids["support"],
                                  [issue.key], issue.category,
                                  rng.choice((None, 1, 3, 10, 25)), via, created, None)
            self._add(record, created, comments, solved)
        fillers = sorted(self.drafts[drafts_before:], key=lambda d: d.created)
        for offset, draft in enumerate(fillers):
            draft.record["id"] = first_id - len(fillers) + 1 + offset

    def _social_filler(self, rng: random.Random, created: datetime, channel: str,
                       priority: str | None, assignee: int) -> None:
        requester = rng.choice(self.social)
        post, kind = rng.choice(text.SOCIAL_POSTS)
        body = f"@northbeam {post}" if channel == "twitter" else post
        via = self._via(channel, requester)
        subject = (f"Tweet from {requester['alias']}" if channel == "twitter"
                   else f"Facebook post from {requester['name']}")
        comments = [_Comment(created, requester["id"], body, True, via)]
        reply_at = created + timedelta(minutes=rng.randrange(10, 600))
        status, solved = "new", None
        if reply_at < self.now:
            comments.append(_Comment(reply_at, assignee, text.SOCIAL_REPLY, True, via))
            status = "solved" if reply_at < self.now - timedelta(days=1) else "pending"
            solved = reply_at + timedelta(minutes=5) if status == "solved" else None
        record = self._record(0, subject, status, priority if priority != "urgent" else "low", kind,
                              requester, assignee if status != "new" else None, None,
                              self.group_ids["support"], ["social"], "ui", None, via, created, None)
        self._add(record, created, comments, solved)

    def _pick_issue(self, rng: random.Random, org_id: int, created: datetime, attempts: int) -> text.Issue:
        for _attempt in range(attempts):
            issue = rng.choice(text.ISSUES)
            if not self._would_cluster(org_id, issue.category, created):
                return issue
        return issue  # at large ticket counts clusters are unavoidable, and fine

    def _would_cluster(self, org_id: int, category: str, at: datetime) -> bool:
        times = self._clusters.get((org_id, category), [])
        low, high = bisect.bisect_left(times, at - _SEVEN_DAYS), bisect.bisect_right(times, at + _SEVEN_DAYS)
        window = times[low:high]
        bisect.insort(window, at)
        return any(window[i + 2] - window[i] <= _SEVEN_DAYS for i in range(len(window) - 2))

    def _thread(self, rng: random.Random, comments: list[_Comment], issue: text.Issue, requester: dict,
                assignee: int, channel: str, via: dict) -> tuple[str, datetime | None]:
        """Append agent replies, customer follow-ups and internal notes; return the status."""
        first = requester["name"].split()[0]
        at = comments[0].at + timedelta(minutes=rng.randrange(15, 30 * 60))
        if at >= self.now:
            return ("new" if rng.random() < 0.6 else "open"), None
        agent_via = self._comment_via(channel, self.users[assignee], requester, via)
        customer_via = via if channel in ("email", "web") else self._via("email", requester)
        comments.append(_Comment(at, assignee, rng.choice(issue.replies).format(first=first), True, agent_via))
        if rng.random() < 0.3:
            comments.append(_Comment(at + timedelta(minutes=rng.randrange(2, 40)), assignee,
                                     rng.choice(issue.notes), False, agent_via))
        for _round in range(rng.randrange(0, 3)):
            at = comments[-1].at + timedelta(minutes=rng.randrange(30, 48 * 60))
            if at >= self.now:
                break
            followup = rng.choice(issue.followups).format(first=first)
            comments.append(_Comment(at, requester["id"], followup, True, customer_via))
            if "close this one" in followup:
                solved = at + timedelta(minutes=rng.randrange(10, 8 * 60))
                return ("solved", solved) if solved < self.now else ("open", None)
            at += timedelta(minutes=rng.randrange(20, 24 * 60))
            if at >= self.now:
                return "open", None
            comments.append(_Comment(at, assignee, rng.choice(issue.replies).format(first=first), True,
                                     agent_via))
        last = comments[-1].at
        if self.now - last > timedelta(days=3) and rng.random() < 0.8:
            return "solved", last + timedelta(hours=rng.randrange(1, 48))
        return ("hold" if rng.random() < 0.08 else "pending"), None

    # -- shared -----------------------------------------------------------------------
    def _ago(self, hours: float) -> datetime:
        return self.now - timedelta(seconds=round(hours * 3600))

    def _author(self, who: str, requester: dict) -> dict:
        if who == "requester":
            return requester
        if who in self.staff_ids:
            return self.users[self.staff_ids[who]]
        return self.named_contacts[who]

    def _via(self, channel: str, requester: dict, to: dict | None = None) -> dict:
        vendor = {"name": f"{text.VENDOR_NAME} Support", "address": text.SUPPORT_ADDRESS}
        if channel == "email":
            target = {"name": to["name"], "address": to["email"]} if to else vendor
            source = {"from": {"address": requester["email"], "name": requester["name"]},
                      "to": target, "rel": None}
        elif channel == "voice":
            phone, formatted = _phone(requester["id"])
            source = {"rel": "inbound",
                      "from": {"formatted_phone": formatted, "phone": phone, "name": requester["name"]},
                      "to": {"formatted_phone": "+1 (415) 555-0100", "phone": text.SUPPORT_PHONE,
                             "name": vendor["name"]}}
        elif channel == "twitter":
            handle = requester["alias"].lstrip("@") or text.email_local_part(requester["name"])
            source = {"rel": "mention",
                      "from": {"name": requester["name"], "username": handle,
                               "profile_url": f"https://twitter.com/{handle}", "twitter_id": str(requester["id"])},
                      "to": {"name": text.VENDOR_NAME, "username": "northbeam",
                             "profile_url": "https://twitter.com/northbeam", "twitter_id": "1000001"}}
        elif channel == "facebook":
            source = {"rel": "post",
                      "from": {"name": requester["name"], "facebook_id": str(10_000_000 + requester["id"]),
                               "profile_url": f"https://facebook.com/{10_000_000 + requester['id']}"},
                      "to": {"name": text.VENDOR_NAME, "facebook_id": "100000000001",
                             "profile_url": "https://facebook.com/northbeam"}}
        else:
            source = {"from": {}, "to": {}, "rel": None}
        return {"channel": channel, "source": source}

    def _comment_via(self, channel: str, author: dict, requester: dict, ticket_via: dict) -> dict:
        if author["id"] == requester["id"]:
            return ticket_via
        if channel in ("twitter", "facebook"):
            return ticket_via
        return {"channel": "web", "source": {"from": {}, "to": {}, "rel": None}}

    def _record(self, ticket_id: int, subject: str, status: str, priority: str | None, kind: str | None,
                requester: dict, assignee: int | None, org_id: int | None, group_id: int, tags: list[str],
                category: str, affected: int | None, via: dict, created: datetime,
                recipient: str | None) -> dict:
        org_tags = self.org_tags.get(org_id, []) if org_id is not None else []
        custom = [{"id": text.FIELD_CATEGORY, "value": category},
                  {"id": text.FIELD_AFFECTED_USERS, "value": affected},
                  {"id": text.FIELD_ENVIRONMENT, "value": "env_production"}]
        if via["channel"] == "email" and recipient is None:
            recipient = text.SUPPORT_ADDRESS
        return {
            "id": ticket_id, "external_id": None, "type": kind, "subject": subject, "raw_subject": subject,
            "description": "", "priority": priority, "status": status, "recipient": recipient,
            "requester_id": requester["id"], "submitter_id": requester["id"], "assignee_id": assignee,
            "organization_id": org_id, "group_id": group_id, "collaborator_ids": [], "follower_ids": [],
            "email_cc_ids": [], "forum_topic_id": None, "problem_id": None, "has_incidents": False,
            "is_public": True, "due_at": None,
            "tags": sorted(set(tags + [category, "env_production"] + org_tags)),
            "custom_fields": custom, "fields": [dict(f) for f in custom], "satisfaction_rating": None,
            "sharing_agreement_ids": [], "followup_ids": [], "brand_id": 1,
            "allow_channelback": via["channel"] in ("twitter", "facebook"), "allow_attachments": True,
            "from_messaging_channel": False, "via": via, "created_at": iso(created), "updated_at": iso(created),
        }

    def _add(self, record: dict, created: datetime, comments: list[_Comment], solved: datetime | None) -> None:
        record["description"] = comments[0].body
        draft = _Draft(record, created, comments)
        agent_reply = next((c for c in comments[1:] if c.author_id != record["requester_id"]), None)
        status = record["status"]
        if agent_reply is not None and status != "new":
            draft.changes.append((agent_reply.at, agent_reply.author_id, "status", "new", "open"))
        if status in ("pending", "hold"):
            draft.changes.append((comments[-1].at, record["assignee_id"] or _SYSTEM_USER, "status", "open", status))
        if solved is not None:
            solved = min(solved, self.now)
            draft.changes.append((solved, record["assignee_id"] or _SYSTEM_USER, "status", "open", "solved"))
            if self.now - solved > timedelta(days=4):
                record["status"] = "closed"
                draft.changes.append((solved + timedelta(days=4), _SYSTEM_USER, "status", "solved", "closed"))
        last = max([comments[-1].at] + [c[0] for c in draft.changes])
        record["updated_at"] = iso(last)
        if record["organization_id"] is not None:
            key = (record["organization_id"], record["custom_fields"][0]["value"])
            bisect.insort(self._clusters.setdefault(key, []), created)
        self.drafts.append(draft)

    def finish(self) -> tuple[list[dict], dict[int, list[dict]], list[dict]]:
        """Tickets (by id), comments (by ticket) and audits, with ids assigned in time order."""
        return build_history(self.drafts)
