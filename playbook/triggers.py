"""The playbook's auto-escalation triggers, detected in a ticket: each with the tier it sets
and one sentence of evidence (re-exported by :mod:`playbook.rules`, whose
:func:`~playbook.rules.tier_of_code` reads the codes recorded in a document).

Inputs are the core's own records (below), never a vendor SDK's objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    from .config import Playbook


@dataclass(frozen=True)
class Trigger:
    """An auto-escalation trigger that fired, the tier it implies, and why."""

    code: str          # e.g. "keyword:cancel", "repeat:3-in-7d", "social:twitter"
    tier: int
    evidence: str      # one human sentence for the timeline
    at: datetime | None = None


@dataclass(frozen=True)
class TicketFacts:
    """What the trigger rules need to know about one ticket."""

    ticket_id: int
    created_at: datetime
    subject: str
    customer_text: str              # everything the customer wrote (not agents)
    channel: str = ""
    organization_id: int | None = None
    tags: tuple[str, ...] = ()
    requester_title: str = ""       # e.g. "CFO" from the requester's profile
    recipients: tuple[str, ...] = ()  # addresses the customer wrote to (to + cc)
    same_issue: str = ""            # for a related ticket: why it is the same issue (the evidence)


@dataclass(frozen=True)
class AccountFacts:
    """What the trigger and executive rules need to know about the customer account."""

    name: str = ""
    arr: float | None = None
    total_arr: float | None = None
    arr_rank: int | None = None        # 1 = largest account
    renewal_date: date | None = None
    health_score: float | None = None
    health_score_prior_week: float | None = None


@dataclass
class TriggerInput:
    ticket: TicketFacts
    related: Sequence[TicketFacts] = field(default_factory=tuple)   # same org, same issue
    account: AccountFacts = field(default_factory=AccountFacts)
    severity: str | None = None      # when known: a SEV-1/2 puts a top-10 account at risk


# Potential legal action: "our attorneys will be in touch", "legal action", "terminate the contract".
_LEGAL_ACTION = re.compile(r"\b(lawsuit|lawsuits|sue|suing|attorneys?|lawyers?|litigation|legal action|legal counsel|counsel|"
                           r"legal team|(terminate|terminating|termination of|cancel|cancelling|canceling) (the|our|this) "
                           r"(contract|agreement|msa)|breach of contract|small claims)\b")
_COMPLIANCE = re.compile(r"\b(gdpr|hipaa|soc ?2|compliance|regulator|regulatory|compliance audit|audit finding)\b")
# "media" alone is a product word ("media uploads"); the press is "the media", "media coverage"…
_PUBLIC = re.compile(r"\b(press|journalist|reporter|the media|social media|media coverage|news outlets?|twitter|linkedin|review sites?|g2|go public|publicly|blog post)\b")
# A data or security breach, not "a breach of our SLA" (that is the keyword trigger's business).
_BREACH = re.compile(r"\b((data|security|privacy) breach|breach of (our |your )?(data|security|privacy)|"
                     r"unauthori[sz]ed access|data exposed|leaked|security incident|compromised)\b")


def _word_family(word: str) -> re.Pattern[str]:
    # "cancel" also catches cancelling / cancellation; "legal" not "illegally"? keep the stem strict.
    return re.compile(r"\b" + re.escape(word.lower()) + r"\w*", re.IGNORECASE)


def detect_triggers(config: Playbook, facts: TriggerInput) -> list[Trigger]:
    """Every trigger the playbook names, each with its tier and evidence, in a stable order.

    An escalation starts at Tier 1 and rises on the ladder's conditions; the conditions that
    only apply at a tier (an account over 1% of total ARR takes a Tier-3 escalation to 4) are
    judged after the others, and a top-10 account is *at risk* only with a SEV-1/2 or a churn
    or legal signal, not because it filed a ticket.
    """
    ticket = facts.ticket
    text = f"{ticket.subject}\n{ticket.customer_text}".lower()
    found: dict[str, Trigger] = {}
    for rule in (_keywords, _repeats, _exec_to_ceo, _social, _health_drop, _wording):
        for code, tier, evidence in rule(config, facts, text):
            if code not in found or found[code].tier < tier:
                found[code] = Trigger(code, tier, evidence, ticket.created_at)
    for code, tier, evidence in _account_ladder(config, facts, found):
        found[code] = Trigger(code, tier, evidence, ticket.created_at)
    return sorted(found.values(), key=lambda t: t.code)


Fired = Iterable[tuple[str, int, str]]
# Signals that put an account at risk (with a SEV-1/2): churn, legal, security, an executive.
AT_RISK_SIGNALS = ("keyword:cancel", "keyword:legal", "keyword:breach", "legal-action", "legal-compliance", "breach",
                   "health-drop", "repeat:", "exec-to-ceo", "public-exposure", "social:")


def _keywords(config: Playbook, facts: TriggerInput, text: str) -> Fired:
    for word, tier in sorted(config.triggers.keywords.items()):
        match = _word_family(word).search(text)
        if match:
            yield f"keyword:{word}", tier, f"Customer wrote “{match.group(0)}” in ticket #{facts.ticket.ticket_id}"


def _repeats(config: Playbook, facts: TriggerInput, text: str) -> Fired:
    rules, ticket = config.triggers, facts.ticket
    window = timedelta(days=rules.repeat_window_days)
    # N tickets inside one window that includes this ticket (not N within a window either
    # side of it: tickets 12 days apart are not "3 tickets in 7 days").
    times = {ticket.ticket_id: ticket.created_at}
    times.update({t.ticket_id: t.created_at for t in facts.related if abs(t.created_at - ticket.created_at) <= window})
    ordered = sorted(times.items(), key=lambda kv: (kv[1], kv[0]))
    ids: list[int] = []
    for start, (_, began) in enumerate(ordered):
        inside = [i for i, at in ordered[start:] if at - began <= window]
        if ticket.ticket_id in inside and len(inside) > len(ids):
            ids = sorted(inside)
    if len(ids) >= rules.repeat_tickets:
        why = {t.ticket_id: t.same_issue for t in facts.related if t.same_issue}
        evidence = "; ".join(f"#{i} {why[i]}" for i in ids if i in why)
        yield (f"repeat:{rules.repeat_tickets}-in-{rules.repeat_window_days}d", rules.repeat_tier,
               f"{len(ids)} tickets on the same issue within {rules.repeat_window_days} days: "
               + ", ".join(f"#{i}" for i in ids) + (f" ({evidence})" if evidence else ""))


def _exec_to_ceo(config: Playbook, facts: TriggerInput, text: str) -> Fired:
    rules, ticket = config.triggers, facts.ticket
    title = ticket.requester_title.lower()
    is_customer_exec = any(re.search(rf"\b{re.escape(t.lower())}\b", title) for t in rules.customer_exec_titles)
    # Our CEO is known by the configured address markers and by the roster (a person whose role is CEO).
    ceo_markers = [m.lower() for m in rules.ceo_addresses]
    ceo_markers += [p.email.lower() for p in config.people if p.email and p.role.strip().upper() == "CEO"]
    wrote_to_ceo = any(any(marker in r.lower() for marker in ceo_markers) for r in ticket.recipients)
    if is_customer_exec and wrote_to_ceo:
        yield ("exec-to-ceo", rules.exec_to_ceo_tier,
               f"Customer executive ({ticket.requester_title}) wrote to our CEO in ticket #{ticket.ticket_id}")


def _social(config: Playbook, facts: TriggerInput, text: str) -> Fired:
    channel = facts.ticket.channel.lower()
    if channel in config.triggers.social_channels and facts.account.name:
        yield (f"social:{channel}", config.triggers.social_tier,
               f"Public {facts.ticket.channel} complaint from named account {facts.account.name} "
               f"(ticket #{facts.ticket.ticket_id})")


def _health_drop(config: Playbook, facts: TriggerInput, text: str) -> Fired:
    account, rules = facts.account, config.triggers
    if account.health_score is not None and account.health_score_prior_week is not None:
        drop = account.health_score_prior_week - account.health_score
        if drop >= rules.health_drop_points:
            yield ("health-drop", rules.health_drop_tier,
                   f"Health score fell {drop:g} points in a week ({account.health_score_prior_week:g} → {account.health_score:g})")


def _wording(config: Playbook, facts: TriggerInput, text: str) -> Fired:
    rules, ticket = config.triggers, facts.ticket
    if _COMPLIANCE.search(text):
        yield "legal-compliance", rules.legal_compliance_tier, f"Compliance or regulatory implications in ticket #{ticket.ticket_id}"
    legal = _LEGAL_ACTION.search(text)
    if legal:
        yield ("legal-action", rules.legal_action_media_breach_tier,
               f"Potential legal action (“{legal.group(0)}”) in ticket #{ticket.ticket_id}")
    if _PUBLIC.search(text) and ticket.channel.lower() not in rules.social_channels:
        yield "public-exposure", rules.public_exposure_tier, f"Threat of public or media exposure in ticket #{ticket.ticket_id}"
    if _BREACH.search(text):
        yield "breach", rules.legal_action_media_breach_tier, f"Data breach or security incident reported in ticket #{ticket.ticket_id}"


def _account_ladder(config: Playbook, facts: TriggerInput, found: dict[str, Trigger]) -> Fired:
    """The account conditions of the ladder, judged on what the other triggers found."""
    rules, account = config.triggers, facts.account
    reached = max((t.tier for t in found.values()), default=1)
    if account.arr and account.total_arr:
        share = 100.0 * account.arr / account.total_arr
        # ">1% of ARR" is the ladder's Tier 3 → 4 condition, not a reason to escalate a typo.
        if share > rules.arr_share_percent and reached >= rules.arr_share_tier - 1:
            yield ("arr-share", rules.arr_share_tier,
                   f"Account is {share:.1f}% of total ARR (over {rules.arr_share_percent:g}%) at Tier {reached}")
    signals = [c for c in found if c.startswith(AT_RISK_SIGNALS)]
    severe = facts.severity in ("SEV-1", "SEV-2")
    if account.arr_rank is not None and account.arr_rank <= rules.top_accounts and (signals or severe):
        why = f"{facts.severity}" if severe else ", ".join(sorted(signals))
        yield ("top-account-at-risk", rules.top_account_at_risk_tier,
               f"Top-{rules.top_accounts} account (rank {account.arr_rank} by ARR) at risk: {why}")
