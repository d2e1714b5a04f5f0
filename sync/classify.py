"""What the playbook says about one group of tickets: severity, triggers, tier, owner,
executive engagement, status — from the tickets, their comments and the account.

Pure: the inputs are the connectors' records; the rules are :mod:`playbook.rules`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from escalation_desk.connectors.records import Account, AccountTotals, Comment, Ticket, User
from escalation_desk.config import Config
from escalation_desk.playbook.config import SEVERITIES
from escalation_desk.playbook.rules import (
    AccountFacts, Engagement, Trigger, TriggerInput, classify_severity, detect_triggers, executive_engagement, tier_for,
)

from .detect import customer_comments, is_staff, related_facts, remembered, signature_of, ticket_facts
from .state import RecentTicket

_PRIORITY_ORDER = {"urgent": 0, "high": 1, "normal": 2, "low": 3}
# Channels where Zendesk sends a public reply back the way the customer came (not by email).
REPLIES_IN_CHANNEL = {"twitter", "facebook", "instagram", "whatsapp", "chat", "native_messaging", "messaging",
                   "line", "wechat", "sms", "any_channel"}
NOTE_MARK = "Escalation Desk is tracking this ticket as"


@dataclass(frozen=True)
class Assessment:
    severity: str
    severity_reason: str
    severity_set_by: str | None
    severity_set_at: datetime | None
    triggers: tuple[Trigger, ...]
    tier: int
    owner: str
    engagement: Engagement
    status: str
    acknowledged: datetime | None
    resolved: datetime | None


def account_facts(account: Account | None, totals: AccountTotals | None, name: str) -> AccountFacts:
    if account is None:
        return AccountFacts(name=name)
    rank = None
    if totals and totals.top_account_ids:
        ids = [i[:15] for i in totals.top_account_ids]
        rank = ids.index(account.id[:15]) + 1 if account.id[:15] in ids else None
    return AccountFacts(name=account.name or name, arr=account.arr, total_arr=totals.total_arr if totals else None,
                        arr_rank=rank, renewal_date=account.renewal_date, health_score=account.health_score,
                        health_score_prior_week=account.health_score_prior_week)


REPLY_MARK = "Escalation Desk could not apply this note"


def own_note(comment: Comment) -> bool:
    """The sync's own note, recognised only where the product writes it: a private note
    that starts with the note's first words (a customer quoting them writes in public,
    and quoting is not starting)."""
    return not comment.public and comment.body.lstrip().startswith((NOTE_MARK, REPLY_MARK))


def agent_replies(comments: list[Comment], users: dict[int, User]) -> list[Comment]:
    """Public replies by our staff (not the sync's own notes)."""
    return [c for c in comments if c.public and is_staff(c.author_id, users) and not own_note(c)]


def triggers_for(config: Config, tickets: list[Ticket], comments: dict[int, list[Comment]], users: dict[int, User],
                 facts: AccountFacts, pool: list[RecentTicket], issue_field_id: int | None,
                 severity: str | None = None) -> tuple[Trigger, ...]:
    """Every trigger any ticket of the group trips, one per code (highest tier, earliest time)."""
    window = timedelta(days=config.triggers.repeat_window_days)
    group_pool = pool + [remembered(t, issue_field_id) for t in tickets]
    found: dict[str, Trigger] = {}
    for ticket in tickets:
        related = related_facts(ticket, signature_of(ticket, issue_field_id), group_pool, window)
        for trigger in detect_triggers(config, TriggerInput(ticket_facts(ticket, users, comments.get(ticket.id, [])),
                                                            related, facts, severity)):
            best = found.get(trigger.code)
            if best is None or trigger.tier > best.tier or (trigger.tier == best.tier and (trigger.at or ticket.created_at)
                                                              < (best.at or ticket.created_at)):
                found[trigger.code] = trigger
    return tuple(sorted(found.values(), key=lambda t: t.code))


@dataclass(frozen=True)
class SeverityChoice:
    severity: str
    reason: str
    set_by: str | None = None          # a person chose it (the Escalate form's esc_sevN tag)
    set_at: datetime | None = None


def _requester_title(tickets: list[Ticket], users: dict[int, User]) -> str:
    return next((users[t.requester_id].title for t in tickets
                 if t.requester_id in users and users[t.requester_id].title), "")


def severity_for(config: Config, tickets: list[Ticket], comments: dict[int, list[Comment]], users: dict[int, User],
                 triggers: tuple[Trigger, ...]) -> SeverityChoice:
    """Business impact across all tickets (what the customer said, the impact tags, the
    requester's title), never the priority; a customer executive writing to our CEO makes it
    at least SEV-2 (playbook). An agent's esc_sevN tag is a person's choice: it wins, confirmed."""
    texts, tags = [], []
    for ticket in tickets:
        said = customer_comments(ticket, comments.get(ticket.id, []), users)
        texts.append(ticket.subject)
        texts += [c.body for c in said] or [ticket.description]
        tags += list(ticket.tags)
    priority = min((t.priority for t in tickets if t.priority in _PRIORITY_ORDER),
                   key=lambda p: _PRIORITY_ORDER[p], default=None)
    result = classify_severity(config, "\n".join(texts), tags, priority, _requester_title(tickets, users))
    severity, reason = result.severity, result.reason
    if any(t.code == "exec-to-ceo" for t in triggers) and SEVERITIES.index(severity) > 1:
        severity, reason = "SEV-2", f"customer executive escalated to our CEO (playbook: at least SEV-2); {reason}"
    chosen = chosen_severity(config, tags)
    if chosen is None:
        return SeverityChoice(severity, reason)
    # A person chose it (the sidebar's Escalate, or a tag set by hand) before any document
    # existed: people decide severity; the classification is kept as information.
    tagged = [t for t in tickets if _severity_tag(config, chosen) in {x.lower() for x in t.tags}]
    agent = next((users[t.assignee_id].name for t in tagged if t.assignee_id in users), None)
    return SeverityChoice(chosen, f"chosen by the agent who escalated it (tag {_severity_tag(config, chosen)}); "
                                  f"business impact alone suggested {reason}",
                          agent or f"agent (tag {_severity_tag(config, chosen)})", max(t.updated_at for t in tagged))


def _severity_tag(config: Config, severity: str) -> str:
    return f"{config.zendesk.severity_tag_prefix}sev{severity[-1]}"


def chosen_severity(config: Config, tags: list[str]) -> str | None:
    """The most severe `esc_sevN` tag on tickets that have no document yet (only a person puts
    one there: the sync writes these tags back only for documents that exist)."""
    present = {tag.lower() for tag in tags}
    return next((s for s in SEVERITIES if _severity_tag(config, s) in present), None)


def status_for(tickets: list[Ticket], replied: bool) -> str:
    states = {t.status for t in tickets}
    if states <= {"closed"}:
        return "Closed"
    if states <= {"solved", "closed"}:
        return "Resolved"
    return "In Progress" if replied else "Open"


def owner_for(config: Config, account: Account | None, tickets: list[Ticket], users: dict[int, User]) -> str:
    assignee = next((users[t.assignee_id].name for t in tickets if t.assignee_id in users), None)
    account_owner = account.owner_name if account else None
    order = (account_owner, assignee) if config.sync.owner_from == "account_owner" else (assignee, account_owner)
    return next((name.strip() for name in order if name and name.strip()), "Unassigned")


def assess(config: Config, tickets: list[Ticket], comments: dict[int, list[Comment]], users: dict[int, User],
           account: Account | None, totals: AccountTotals | None, customer: str, pool: list[RecentTicket],
           issue_field_id: int | None, now: datetime, opened: datetime | None = None,
           earlier: str | None = None) -> Assessment:
    facts = account_facts(account, totals, customer)
    triggers = triggers_for(config, tickets, comments, users, facts, pool, issue_field_id)
    choice = severity_for(config, tickets, comments, users, triggers)
    severity = choice.severity
    if severity in ("SEV-1", "SEV-2"):   # a SEV-1/2 puts a top-10 account at risk (the ladder's Tier 4)
        triggers = triggers_for(config, tickets, comments, users, facts, pool, issue_field_id, severity)
    replies = sorted(c.created_at for t in tickets for c in agent_replies(comments.get(t.id, []), users))
    status = status_for(tickets, bool(replies))
    opened = opened or min(t.created_at for t in tickets)
    resolved = max(t.updated_at for t in tickets) if status in ("Resolved", "Closed") else None
    rule = config.severity(severity)
    renewal: date | None = account.renewal_date if account else None
    engagement = executive_engagement(
        config, severity=severity, opened=opened, now=now, arr=account.arr if account else None,
        renewal_date=renewal, triggers=[t.code for t in triggers], resolved=resolved is not None,
        target_resolution=None, ack_window=rule.ack, acknowledged=replies[0] if replies else None,
        earlier=earlier,
    )
    return Assessment(severity, choice.reason, choice.set_by, choice.set_at, triggers, tier_for(triggers), owner_for(config, account, tickets, users),
                      engagement, status, replies[0] if replies else None, resolved)


def comm_channel(ticket: Ticket, comment: Comment) -> str:
    """How a public reply reached the customer: the social channel it went out on, else email
    (Zendesk mails public replies to the requester, whatever the ticket's channel)."""
    for channel in (comment.channel, ticket.channel):
        if channel and channel.lower() in REPLIES_IN_CHANNEL:
            return channel.lower()
    return "email"
