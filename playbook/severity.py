"""Severity by business impact (revised SPEC §4): the impact model over what the customer
wrote, the impact tags an agent set, never emotion and never the priority the customer chose.

A machine severity is a *proposal* until a person confirms it (``severity_set_by`` in the
document). When the evidence points at different levels the higher one is proposed: a
false alarm costs less than a missed SEV-1.

The rules decide; the linear text model (:mod:`playbook.impact_linear`, emotion-blind by
construction) gives a second reading that may only *raise* the level — by at most
``[impact.text_model] max_raise`` levels, when its probability reaches ``raise_at`` — and a
raised level is always a proposal marked for confirmation. The reason names the model's
strongest words next to the rules' signals and rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable

from .config import SEVERITIES, ImpactRule, Playbook
from .impact import PREFER_HIGHER, ImpactAssessment, assess_impact
from .impact_config import TextModelSettings
from .impact_linear import LinearModel, TextReading, shipped


_EVIDENCE = re.compile(r" \((answers: [^()]*; signals: .*?)\)(?=; |$)")


@dataclass(frozen=True)
class Classification:
    severity: str
    impact: str                 # the rule that decided, in the playbook's words
    reason: str                 # the signals found and the deciding rule (for the Timeline)
    disagree: bool = False      # signals pointed at different levels: the higher one is proposed
    assessment: ImpactAssessment | None = None
    rules_severity: str = ""    # what the rules alone decided
    reading: TextReading | None = None   # the text model's second reading (None when disabled)


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


# Fewer distinct words that say something than this and the text model does not raise: with two
# or three words its reading is the training tickets' average, not evidence.
MIN_CONTENT_WORDS = 3


def raised(rules: str, reading: TextReading | None, settings: TextModelSettings) -> str:
    """The rules' level after the text model's reading: only ever higher, by at most
    ``max_raise`` levels, only when the model is at least ``raise_at`` sure, and only on a text
    that says something (``Please look at this.`` is no evidence of any level)."""
    if reading is None or reading.probability < settings.raise_at or reading.content < MIN_CONTENT_WORDS:
        return rules
    mine, its = SEVERITIES.index(rules), SEVERITIES.index(reading.severity)
    return SEVERITIES[max(its, mine - settings.max_raise)] if its < mine else rules


def _by_rules(config: Playbook, text: str, tags: Iterable[str], title: str) -> Classification:
    """The rules' decision: the impact model and the configured impact rules; the most severe wins."""
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
    return Classification(severity, impact, reason, disagree, model, severity)


def _parts(reason: str) -> tuple[str, str]:
    """(the rule that decided, the answers and signals after it): the short part goes first, so a
    Timeline line cut at its length limit still names the rule and the text model's words."""
    found = _EVIDENCE.search(reason)
    if not found:
        return reason, ""
    return reason[:found.start()], found.group(1) + reason[found.end():]


def _second_reading(rules: Classification, reading: TextReading, settings: TextModelSettings) -> Classification:
    severity = raised(rules.severity, reading, settings)
    head, evidence = _parts(rules.reason)
    if severity == rules.severity:
        return replace(rules, reading=reading, reason="; ".join(filter(None, (head, reading.explain(), evidence))))
    reason = "; ".join(filter(None, (f"{severity} proposed by the {reading.explain()}, {PREFER_HIGHER}",
                                     f"the rules say {head}", evidence.replace(PREFER_HIGHER, "their signals disagree too"))))
    return replace(rules, severity=severity, impact=f"text model reading ({rules.impact} by the rules)",
                   reason=reason, disagree=True, reading=reading)


def classify_severity(config: Playbook, text: str, tags: Iterable[str] = (), priority: str | None = None,
                      title: str = "", model: LinearModel | None = None) -> Classification:
    """The rules' level, raised (never lowered) by the text model's reading; never the priority.
    ``model`` defaults to the shipped one; ``[impact.text_model] enabled = false`` turns it off."""
    result = _by_rules(config, text, tags, title)
    settings = config.impact.text_model
    if settings.enabled:
        result = _second_reading(result, (model or shipped()).read(text, title), settings)
    if priority:
        result = replace(result, reason=f"{result.reason}; priority {priority} ignored")
    return result
