"""Duties a tier brings: each escalation tier above 1 obliges us to notify its leaders.

The playbook's path: Tier 2 brings in a CS Manager or Senior CSM and an Engineering
Lead, Tier 3 a Director or VP of CS and the VP Engineering, Tier 4 the CRO or CEO and
the CTO (``[tiers.N]`` in ``escalations.toml``). The tier is the document's ``tier``, or
the one its recorded triggers imply. An entry in Internal Stakeholders Notified with
the role (or a roster name holding it) meets it; the obligation names the people in
the roster who hold each role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from escalation_desk.playbook.durations import format_duration
from escalation_desk.playbook.rules import tier_of_code

from .deadline import Obligation
from .model import Document

if TYPE_CHECKING:   # the models load pydantic: `esc check FILE` runs on the defaults without it
    from escalation_desk.playbook.config import Playbook


def effective_tier(doc: Document, config: Playbook) -> int:
    front = doc.front
    assert front is not None
    implied = max([1, *(t for t in (tier_of_code(config, c) for c in front.triggers) if t)])
    return front.tier if front.tier is not None else implied


def tier_duties(doc: Document, config: Playbook, notified: dict[str, object]) -> list[Obligation]:
    """The leaders-notified obligation of the escalation's tier (none at Tier 1)."""
    front = doc.front
    assert front is not None
    tier = effective_tier(doc, config)
    duty = config.tiers.get(tier)
    if duty is None:
        return []
    missing, times = [], []
    for group in duty.groups():
        roles = {config.roles.canonical(r).lower() for r in group}
        told = [notified[r] for r in roles if r in notified]
        if told:
            times.extend(t for t in told if t is not None)
        else:
            missing.append(_who(group, config))
    met = not missing or not front.is_open
    advice = (f"Tier {tier}: notify {', '.join(_who(g, config) for g in duty.groups())} within "
              f"{format_duration(duty.within)}" + (f" (missing: {'; '.join(missing)})" if missing and front.is_open else ""))
    return [Obligation("tier_leaders", f"Tier {tier} leaders notified", front.opened + duty.within,
                       max(times) if not missing and times else None, met, advice, start=front.opened)]  # type: ignore[type-var]


def _who(group: tuple[str, ...], config: Playbook) -> str:
    """"CS Manager or Senior CSM (Dana Whitfield)": the roles, and who holds them in the roster."""
    wanted = {config.roles.canonical(r).lower() for r in group}
    people = [p.name for p in config.people if config.roles.canonical(p.role).lower() in wanted]
    return " or ".join(group) + (f" ({', '.join(people)})" if people else "")
