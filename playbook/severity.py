"""Severity by business impact (revised SPEC §4): the impact model over what the customer
wrote, the impact tags an agent set, never emotion and never the priority the customer chose.

A machine severity is a *proposal* until a person confirms it (``severity_set_by`` in the
document). When the evidence points at different levels the higher one is proposed: a
false alarm costs less than a missed SEV-1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .config import SEVERITIES, ImpactRule, Playbook
from .impact import PREFER_HIGHER, ImpactAssessment, assess_impact


@dataclass(frozen=True)
class Classification:
    severity: str
    impact: str                 # the rule that decided, in the playbook's words
    reason: str                 # the signals found and the deciding rule (for the Timeline)
    disagree: bool = False      # signals pointed at different levels: the higher one is proposed
    assessment: ImpactAssessment | None = None


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])" + re.escape(phrase.lower()) + r"(?![\w])")


def _configured_evidence(rules: Iterable[ImpactRule], text: str, tags: frozenset[str]) -> list[tuple[ImpactRule, str]]:
    """Impact tags (and any phrases configured in ``[[impact_rules]]``) with what matched."""
    found = []
    for rule in rules:
        hit = next((f"tag {t!r}" for t in rule.tags if t.lower() in tags), None) or \
            next((f"words {p!r}" for p in rule.phrases if _phrase_pattern(p).search(text)), None)
        if hit:
            found.append((rule, hit))
    return sorted(found, key=lambda pair: SEVERITIES.index(pair[0].severity))


def classify_severity(config: Playbook, text: str, tags: Iterable[str] = (), priority: str | None = None,
                      title: str = "") -> Classification:
    """The level the evidence supports; the most severe piece of evidence wins."""
    lowered = " ".join(text.lower().split())
    model = assess_impact(config.impact, text, title)
    configured = _configured_evidence(config.impact_rules, lowered, frozenset(t.lower() for t in tags))
    severity, impact, reason = model.severity, model.rule, model.explain()
    levels = set(model.suggested) | {rule.severity for rule, _ in configured}
    if configured and SEVERITIES.index(configured[0][0].severity) < SEVERITIES.index(severity):
        rule, hit = configured[0]
        severity, impact = rule.severity, rule.impact
        reason = f"{severity} by the configured impact rule “{rule.impact}” ({hit}); the text alone: {reason}"
    disagree = len(levels) > 1
    if disagree and PREFER_HIGHER not in reason:
        reason += f"; {PREFER_HIGHER}"
    if priority:
        reason += f"; priority {priority} ignored"
    return Classification(severity, impact, reason, disagree, model)
