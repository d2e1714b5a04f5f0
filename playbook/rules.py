"""The playbook's judgements as small pure functions over plain values.

- :func:`classify_severity`: business impact → SEV level (never emotion).
- :func:`detect_triggers`: the auto-escalation triggers and the tier each sets.
- :func:`executive_engagement`: engage the executive sponsor now, within 24 h, or not.
- :func:`recovery_schedule`: the dated post-resolution milestones.
- :func:`owner_meets_level`: is this owner senior enough for this severity?

Inputs are the core's own records (below), never a vendor SDK's objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Iterable, Sequence

from .durations import format_duration

if TYPE_CHECKING:   # the models load pydantic: `esc check FILE` runs on the defaults without it
    from .config import Playbook


# --------------------------------------------------------------------------- severity
# By business impact: :mod:`playbook.severity` (re-exported here for callers of the rules; imported
# on first use, so the checks that need only the triggers and levels do not load the impact model).
def __getattr__(name: str) -> object:
    if name in ("Classification", "classify_severity"):
        from . import severity

        return getattr(severity, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --------------------------------------------------------------------------- triggers

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


def tier_of_code(config: Playbook, code: str) -> int | None:
    """The tier a recorded trigger code implies (None for a code the playbook does not know)."""
    rules = config.triggers
    family, _, detail = code.partition(":")
    fixed = {
        "exec-to-ceo": rules.exec_to_ceo_tier, "health-drop": rules.health_drop_tier,
        "arr-share": rules.arr_share_tier, "top-account-at-risk": rules.top_account_at_risk_tier,
        "legal-compliance": rules.legal_compliance_tier, "legal-action": rules.legal_action_media_breach_tier,
        "public-exposure": rules.public_exposure_tier, "breach": rules.legal_action_media_breach_tier,
        "repeat": rules.repeat_tier, "social": rules.social_tier,
    }
    if family == "keyword":
        return rules.keywords.get(detail)
    return fixed.get(family)


def tier_for(triggers: Iterable[Trigger], base: int = 1) -> int:
    return max([base, *(t.tier for t in triggers)])


# --------------------------------------------------------------------------- executive sponsor

CHURN_SIGNALS = frozenset({"keyword:cancel", "health-drop", "top-account-at-risk", "repeat:3-in-7d"})

@dataclass(frozen=True)
class Engagement:
    when: str                 # "now", "within 24h" or "not needed"
    reasons: tuple[str, ...]
    due: datetime | None      # by when the sponsor must be engaged


def executive_engagement(
    config: Playbook,
    *,
    severity: str,
    opened: datetime,
    now: datetime,
    arr: float | None,
    renewal_date: date | None,
    triggers: Iterable[str],
    resolved: bool,
    target_resolution: datetime | None,
    second_escalation: bool = False,
    ack_window: timedelta = timedelta(0),
    acknowledged: datetime | None = None,
    has_plan: bool = True,
    earlier: str | None = None,
) -> Engagement:
    """When the playbook says to bring in the executive sponsor, and why.

    Within 24 h for a SEV-1/2 past its initial SLA: the acknowledgement missed (late, or
    still missing once due), no action plan once it was due (``has_plan``), open longer than
    ``executive.open_without_target`` with no ``target_resolution``, or the target passed;
    for a second escalation (``earlier``: the one it follows) and a renewal in the window."""
    rules = config.executive
    codes = set(triggers)
    now_reasons: list[str] = []
    if "exec-to-ceo" in codes:
        now_reasons.append("the customer's executive is already involved")
    # Revenue is "at risk" when the escalation threatens the relationship: a SEV-1/2 or a
    # churn signal. A $150K customer's cosmetic SEV-4 does not need the executive sponsor.
    revenue_at_risk = severity in ("SEV-1", "SEV-2") or bool(codes & CHURN_SIGNALS)
    if revenue_at_risk and arr is not None and arr > rules.arr_at_risk:
        now_reasons.append(f"ARR at risk ${arr:,.0f} exceeds ${rules.arr_at_risk:,.0f}")
    if codes & {"breach", "legal-compliance", "legal-action", "keyword:legal", "keyword:breach"}:
        now_reasons.append("data security, compliance or legal is involved")
    if codes & {"public-exposure"} or any(c.startswith("social:") for c in codes):
        now_reasons.append("the customer threatens to go public")
    if now_reasons:
        return Engagement("now", tuple(now_reasons), opened + ack_window)

    later: list[tuple[str, datetime]] = []
    if severity in ("SEV-1", "SEV-2") and not resolved:
        later += [(why, at + rules.followup_within) for why, at in initial_sla_missed(
            config, severity, opened, now, acknowledged, has_plan, target_resolution)]
    if second_escalation or earlier:
        why = f"a second escalation (follows {earlier})" if earlier else "the customer escalated twice on the same issue"
        later.append((why, opened + rules.followup_within))
    if renewal_date is not None:
        days = (renewal_date - opened.date()).days
        if 0 <= days <= rules.renewal_window_days:
            later.append((f"renewal in {days} days", opened + rules.followup_within))
    if later:
        return Engagement("within 24h", tuple(r for r, _ in later), min(d for _, d in later))
    return Engagement("not needed", (), None)


def initial_sla_missed(config: Playbook, severity: str, opened: datetime, now: datetime,
                       acknowledged: datetime | None, has_plan: bool,
                       target_resolution: datetime | None) -> list[tuple[str, datetime]]:
    """How a SEV-1/2 went past its initial SLA, each with when it did (the 24 h start then)."""
    rule, rules = config.severity(severity), config.executive
    missed: list[tuple[str, datetime]] = []
    ack_due = opened + rule.ack
    if (acknowledged is None and now > ack_due) or (acknowledged is not None and acknowledged > ack_due):
        missed.append((f"{severity} not acknowledged within its initial SLA ({_span(rule.ack)})", ack_due))
    plan_due = opened + rule.action_plan
    if not has_plan and now > plan_due:
        missed.append((f"{severity} has no action plan within its initial SLA ({_span(rule.action_plan)})", plan_due))
    if target_resolution is None and now > opened + rules.open_without_target:
        missed.append((f"{severity} open over {_span(rules.open_without_target)} with no target resolution",
                       opened + rules.open_without_target))
    if target_resolution is not None and now > target_resolution:
        missed.append(("not resolved within its target", target_resolution))
    return missed


def _span(value: timedelta) -> str:
    return format_duration(value)


# --------------------------------------------------------------------------- recovery

@dataclass(frozen=True)
class MilestoneDue:
    key: str
    name: str
    due: date


def recovery_schedule(config: Playbook, resolved: datetime) -> list[MilestoneDue]:
    start = resolved.date()
    return [MilestoneDue(m.key, m.name, start + m.after) for m in config.recovery]


# --------------------------------------------------------------------------- owners

def owner_meets_level(config: Playbook, role: str, severity: str) -> bool | None:
    """True/False when both roles are known to the role ladder; None when we cannot tell."""
    have = config.roles.level(role)
    need = config.roles.level(config.severity(severity).owner_at_least)
    if have is None or need is None:
        return None
    return have >= need
