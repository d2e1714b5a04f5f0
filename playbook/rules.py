"""The playbook's judgements as small pure functions over plain values.

- :func:`classify_severity`: business impact → SEV level (never emotion).
- :func:`detect_triggers`: the auto-escalation triggers and the tier each sets.
- :func:`executive_engagement`: engage the executive sponsor now, within 24 h, or not.
- :func:`recovery_schedule`: the dated post-resolution milestones.
- :func:`owner_meets_level`: is this owner senior enough for this severity?

Inputs are the core's own records (below), never a vendor SDK's objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Iterable

from .durations import format_duration

if TYPE_CHECKING:   # the models load pydantic: `esc check FILE` runs on the defaults without it
    from .config import Playbook
    from .triggers import Trigger


# --------------------------------------------------------------------------- severity
# By business impact: :mod:`playbook.severity` (re-exported here for callers of the rules; imported
# on first use, so the checks that need only the levels and clocks do not load the impact model).
def __getattr__(name: str) -> object:
    if name in ("Classification", "classify_severity"):
        from . import severity

        return getattr(severity, name)
    if name in _TRIGGER_NAMES:
        from . import triggers

        return getattr(triggers, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_TRIGGER_NAMES = frozenset({"Trigger", "TicketFacts", "AccountFacts", "TriggerInput", "detect_triggers", "Fired",
                            "AT_RISK_SIGNALS"})


# --------------------------------------------------------------------------- triggers
# Detecting them in a ticket: :mod:`playbook.triggers` (re-exported here, loaded on first use).

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
