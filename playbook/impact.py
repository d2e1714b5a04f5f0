"""The impact model: severity by business impact, explained, never by emotion or priority.

Signals (:mod:`playbook.impact_signals`) answer the playbook's impact questions; the
configured matrix (:mod:`playbook.impact_config`) turns the answers into a level — the same
questions and matrix a person answers in the sidebar's Escalate form. When signals point at
different levels the higher one is proposed and marked for a person to confirm: a missed
SEV-1 costs far more than a false alarm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .impact_config import ImpactSettings
from .impact_signals import Signal, extract

# Failures of something that should arrive: a delay in a flow (SEV-2's "sync delayed"), not an outage.
_FLOW = re.compile(r"\b(reach\w*|upload\w*|sync\w*|publish\w*|arriv\w*|push\w*|import\w*|export\w*|transfer\w*|flow\w*|"
                   r"come through|coming through|deliver\w*|receiv\w*|sent|send\w*|post\w*)\b")
_LATE = re.compile(r"\b(behind|late|last successful|delay\w*|lag\w*|old|stale|out of date)\b")
PREFER_HIGHER = "signals disagree: proposing the higher level for a person to confirm (a false alarm costs less than a missed SEV-1)"


@dataclass(frozen=True)
class ImpactAssessment:
    severity: str
    rule: str                              # the matrix row that decided, in the playbook's words
    answers: dict[str, bool]
    signals: tuple[Signal, ...]
    suggested: tuple[str, ...]             # every level some signal points at, most severe first
    disagree: bool

    def explain(self) -> str:
        """One line for the Timeline: the signals found and the rule that decided."""
        shown = "; ".join(str(s) for s in _distinct(self.signals)[:8]) or "none"
        yes = ", ".join(q for q, a in self.answers.items() if a) or "none"
        text = f"{self.severity} by the rule “{self.rule}” (answers: {yes}; signals: {shown})"
        return f"{text}; {PREFER_HIGHER}, others: {', '.join(self.suggested[1:])}" if self.disagree else text


def _distinct(signals: tuple[Signal, ...]) -> list[Signal]:
    seen: dict[str, Signal] = {}
    for signal in signals:
        seen.setdefault(signal.kind, signal)
    return list(seen.values())


def _kinds(signals: list[Signal]) -> set[str]:
    return {s.kind for s in signals} | {s.kind.split(":")[0] for s in signals}


def _clauses(signals: list[Signal], *kinds: str) -> set[int]:
    return {s.clause for s in signals if s.kind in kinds or s.kind.split(":")[0] in kinds}


def _real_failures(signals: list[Signal]) -> list[Signal]:
    """Failures outside a clause that is about looks or a question ("I can't find the option")."""
    aside = _clauses(signals, "cosmetic", "feature", "minor")
    return [s for s in signals if s.kind in ("failure", "defect") and s.clause not in aside]


def _stopping(signals: list[Signal], failing: set[int]) -> bool:
    """A business-stopping function (or the whole service) failing: named in a failing clause
    that is not about a secondary function (an integration, a report...)."""
    secondary = _clauses(signals, "key")
    return any(s.clause in failing and s.clause not in secondary for s in signals
               if s.kind.startswith("critical:") or s.kind == "whole_service")


def _together(signals: list[Signal], *groups: tuple[str, ...]) -> set[int]:
    """Clauses holding a signal of every group (e.g. a scope, a function and a failure together)."""
    found = [_clauses(signals, *group) for group in groups]
    return set.intersection(*found) if found else set()


def _contained(signals: list[Signal], k: set[str]) -> bool:
    """Part of the customer is hit: the rest of the service works, or one region or department
    (even "everyone in our sales department": a scope said of the region only)."""
    regional = _clauses(signals, "region")
    return "partial_service" in k or (bool(regional) and not (_clauses(signals, "scope_all") - regional))


def _whole_customer_stopped(signals: list[Signal]) -> bool:
    """Said in one breath: everyone, a business-stopping function (or the whole service), failing
    ("nobody can log in", "all four production lines are stopped")."""
    secondary = _clauses(signals, "key") - _clauses(signals, "critical")
    return bool(_together(signals, ("scope_all",), ("critical", "whole_service"), ("failure",))
                - _clauses(signals, "region", "scope_few") - secondary)


def _wrong_for_everyone(signals: list[Signal], *functions: str) -> bool:
    """A function giving wrong results for everyone at once ("charged every member twice")."""
    return bool(_together(signals, ("scope_all",), functions, ("defect",)) - _clauses(signals, "region", "scope_few"))


def _flowing(signals: list[Signal], kind: str, *evidence: str) -> bool:
    """A delay said of something that should flow or arrive (not "the logo has been wrong for weeks",
    not "the tutorials are out of date")."""
    flowing = _clauses(signals, *evidence) - _clauses(signals, "cosmetic", "feature")
    return any(s.kind == kind and s.clause in flowing for s in signals)


def _long_delay(signals: list[Signal]) -> bool:
    """12+ hours behind."""
    slow = _clauses(signals, "slow")
    said_late = any(s.kind == "delay_long" and _LATE.search(s.evidence) for s in signals)
    return (said_late or _flowing(signals, "delay_long", "failure", "late", "delay_short")) and \
        any(s.kind == "delay_long" and s.clause not in slow for s in signals)


def _late(signals: list[Signal]) -> bool:
    """Late or out of date, with no amount named: partly impacted."""
    return _flowing(signals, "late", "failure", "key", "critical", "whole_service")


def _aside(signals: list[Signal]) -> list[Signal]:
    """Failures in a clause about looks or a question, and breaches in a question about policy
    ("how do you notify customers of a data breach?"), are no evidence of impact."""
    policy = _clauses(signals, "inquiry")
    signals = [s for s in signals if s.kind not in ("failure", "defect")] + _real_failures(signals)
    return [s for s in signals if not (s.kind in ("exposure", "data_lost") and s.clause in policy)]


def _partly(signals: list[Signal], k: set[str]) -> bool:
    """Something works only sometimes, or people work around it: partly impacted."""
    named = _clauses(signals, "critical", "key", "whole_service", "failure")
    sometimes = any(s.kind == "intermittent" and s.clause in named for s in signals)
    return not k & {"cosmetic", "feature", "minor"} and (sometimes or "workaround" in k)


def _possible_stop(k: set[str]) -> bool:
    """Safety net: everyone, a business-stopping function and a failure are all in the ticket but the
    clause rules did not tie them together, and nothing says it is partial: never below SEV-2 (a person
    confirms; a missed SEV-1 costs more than a false alarm)."""
    return "scope_all" in k and bool(k & {"critical", "whole_service"}) and bool(k & {"failure", "defect", "outage"}) \
        and not k & {"intermittent", "scope_few", "slow", "partial_service", "region", "workaround"}


def answer(signals: list[Signal]) -> dict[str, bool]:
    """The impact questions answered from the signals (each a small named rule)."""
    signals = _aside(signals)
    k = _kinds(signals)
    stops = [s for s in signals if not (s.kind == "failure" and _FLOW.search(s.evidence))]
    failure = "failure" in k
    weak = bool(k & {"intermittent", "scope_few", "slow", "delay_short"})
    stopping = _stopping(stops, _clauses(stops, "failure", "outage")) or \
        ("scope_all" in k and bool(k & {"critical"}) and not _clauses(signals, "key"))
    whole_outage = "outage" in k and "whole_service" in k
    down = not weak and not _contained(signals, k) and (
        (failure and (("scope_all" in k and stopping) or whole_outage)) or _whole_customer_stopped(stops)
        or _wrong_for_everyone(signals, "critical:payments", "critical:payroll"))
    long_delay = _long_delay(signals)
    blocked = (failure and not weak) or long_delay or (failure and "no_workaround" in k) or \
        (not weak and _wrong_for_everyone(signals, "critical")) or _possible_stop(k)
    workaround = "workaround" in k and "no_workaround" not in k
    partial = bool(k & {"slow", "delay_short", "defect"}) or long_delay or _late(signals) or _partly(signals, k) or \
        (failure and (weak or workaround))
    return {
        "down_for_everyone": down,
        "data_lost_or_exposed": bool(k & {"data_lost", "exposure"}),
        "workflow_blocked": blocked,
        "workaround": workaround,
        "partially_impacted": partial,
        "customer_executive": "executive" in k,
    }


def _suggested(settings: ImpactSettings, answers: dict[str, bool], signals: list[Signal]) -> tuple[str, ...]:
    """Each level one answer (or the SEV-4 wording) would give on its own; an answer another
    one implies (down for everyone is also a blocked workflow) is not a second opinion."""
    implied = {"workaround"} | ({"workflow_blocked"} if answers["down_for_everyone"] else set())
    levels = set()
    for question, yes in answers.items():
        if yes and question not in implied:
            alone = {question: True, "workaround": answers["workaround"]} if question == "workflow_blocked" else {question: True}
            levels.add(settings.decide(alone).severity)
    if _kinds(signals) & {"cosmetic", "feature", "minor"}:
        levels.add(settings.matrix[-1].severity)
    return tuple(sorted(levels))


def assess_impact(settings: ImpactSettings, text: str, title: str = "") -> ImpactAssessment:
    signals = extract(text, title)
    answers = answer(signals)
    row = settings.decide(answers)
    suggested = _suggested(settings, answers, signals) or (row.severity,)
    return ImpactAssessment(row.severity, row.rule or row.severity, answers, tuple(signals), suggested,
                            disagree=len(suggested) > 1 and row.severity == suggested[0])
