"""Signals of business impact found in what a customer wrote, each with its evidence.

Pure functions over plain strings. The text is lower-cased first (shouting changes nothing)
and read clause by clause, so "no data was lost" does not count as data lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from . import impact_words as W


@dataclass(frozen=True)
class Signal:
    kind: str        # scope_all, scope_few, partial_service, region, whole_service, critical:<fn>, key:<fn>,
                     # failure, intermittent, slow, delay_long, delay_short, late, workaround, no_workaround,
                     # data_lost, exposure, cosmetic, feature, minor, executive
    evidence: str    # the customer's words that showed it
    clause: int = -1  # which clause of the text (signals in one clause go together)

    def __str__(self) -> str:
        return f"{self.kind} “{self.evidence}”"


_CLAUSE = re.compile(r"[.!?;]+(?=\s|$)|\n+|\s+-\s+|,\s*(?=(?:but|and|so|which|while|though)\b)|\bbut\b")
_NEGATION_WINDOW = 40      # characters before a match that may negate it


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# Contractions typed without the apostrophe ("cant", "doesnt"): the same words.
_CONTRACTION = re.compile(r"\b(can|don|doesn|didn|won|isn|aren|wasn|weren|hasn|haven|hadn|couldn|wouldn|shouldn)(t)\b")
_QUOTED = re.compile(r'"[^"\n]{1,160}"|(?<![\w\'])\'[^\'\n]{2,120}\'(?![\w\'])')


def _neutral(match: re.Match[str]) -> str:
    """An error message keeps its meaning (something failed), not its nouns ("authentication failed")."""
    words = match.group(0).lower()
    failed = any(_compiled(p).search(words) for p in (*W.HARD_FAILURE, W.OUTAGE, W.ERROR_MESSAGE))
    return " an error message " if failed else " quoted "


# Idioms that borrow a failure word and mean none ("could someone crash-course me on the dashboard?").
_IDIOM = re.compile(r"\bcrash[- ]course", re.I)


def normalise(text: str) -> str:
    """Lower case, plain quotes and dashes, and quoted text (an error message, a button's
    name) reduced to one neutral word: its words are not the customer's account of impact."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2014", " - ").replace("\u2013", " - ")
    text = _QUOTED.sub(_neutral, text.replace("\u201c", '"').replace("\u201d", '"'))
    text = _IDIOM.sub("introduction", text)
    lowered = "\n".join(" ".join(line.lower().split()) for line in text.splitlines())
    return _CONTRACTION.sub(lambda m: m.group(1) + "'" + m.group(2), lowered)


def clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSE.split(text) if c and c.strip()]


def _negated(clause: str, start: int, negators: str = W.NEGATORS, window: int = _NEGATION_WINDOW) -> bool:
    before = clause[max(0, start - window):start]
    return bool(_compiled(negators).search(before))


def find(kind: str, patterns: Iterable[str], parts: list[str], negatable: bool = False,
         negators: str = W.NEGATORS, window: int = _NEGATION_WINDOW) -> list[Signal]:
    """The first match of any pattern in each clause (skipping negated ones when asked)."""
    found: list[Signal] = []
    for number, clause in enumerate(parts):
        for pattern in patterns:
            match = next((m for m in _compiled(pattern).finditer(clause)
                          if not (negatable and _negated(clause, m.start(), negators, window))), None)
            if match:
                found.append(Signal(kind, match.group(0).strip(), number))
                break
    return found


def functions(parts: list[str]) -> list[Signal]:
    found = []
    for group, table in (("critical", W.CRITICAL_FUNCTION), ("key", W.KEY_FUNCTION)):
        for name, pattern in table.items():
            found += [Signal(f"{group}:{name}", m.group(0), number)
                      for number, clause in enumerate(parts) for m in [_compiled(pattern).search(clause)] if m]
    return found


def _hours(amount: str, unit: str) -> float:
    words = {"a": 1, "one": 1, "two": 2, "three": 3, "several": 3, "few": 3, "couple of": 2}
    number = float(amount) if amount.isdigit() else words.get(amount, 1)
    return number * (24 if unit.startswith("day") else 1 / 60 if unit.startswith("min") else 1)


def delays(parts: list[str]) -> list[Signal]:
    found = []
    for number, clause in enumerate(parts):
        for pattern in W.DELAY:
            for match in _compiled(pattern).finditer(clause):
                long = _hours(match.group("n"), match.group("u")) >= 12
                found.append(Signal("delay_long" if long else "delay_short", match.group(0), number))
    return found


def workarounds(parts: list[str]) -> list[Signal]:
    """Workarounds, less those the customer cannot use or that fail too ("the refresh button just spins")."""
    found = find("workaround", W.WORKAROUND, parts, negatable=True, negators=W.WORKAROUND_NEGATORS, window=60)
    return [s for s in found if not _fails_after(parts[s.clause], s.evidence)
            and not _compiled(W.PARTIAL_WORKAROUND).search(parts[s.clause])]


def _fails_after(clause: str, evidence: str) -> bool:
    rest = clause[clause.find(evidence) + len(evidence):]
    return any(_compiled(p).search(rest) for p in W.HARD_FAILURE + W.NO_WORKAROUND)


def executive(text: str, title: str) -> list[Signal]:
    """A customer executive: the requester's title, a signature line, or 'I am the CFO'."""
    found = []
    if title and _is_exec_title(title.lower()):
        found.append(Signal("executive", f"requester title {title}"))
    lines = [line for line in text.splitlines() if line.strip()][1:]     # the first line is the subject
    for line in lines[-3:] if len(lines) > 1 else []:
        if _signature_line(line) and _is_exec_title(line):
            found.append(Signal("executive", line.strip(" -|")))
    found += find("executive", W.EXEC_CLAIM[:2], clauses(text))
    return found


def _signature_line(line: str) -> bool:
    """A short line that names its writer's role, not a sentence about someone else's ("our CEO asked")."""
    return len(line) <= 80 and not _compiled(W.THIRD_PERSON).search(line)


def _is_exec_title(line: str) -> bool:
    return bool(_compiled(W.EXEC_TITLE).search(line)) and not _compiled(W.NOT_EXEC_TITLE).search(line)


def extract(text: str, title: str = "") -> list[Signal]:
    """Every signal in the text (subject and messages) and the requester's title."""
    norm = normalise(text)
    parts = clauses(norm)
    groups = [
        find("scope_all", W.SCOPE_ALL, parts, negatable=True, negators=W.SCOPE_NEGATOR),
        find("outage", (W.OUTAGE,), parts, negatable=True), find("scope_few", W.SCOPE_FEW, parts, negatable=True, negators=W.SCOPE_NEGATOR),
        find("partial_service", W.PARTIAL_SERVICE, parts), find("region", W.REGION_OR_PART, parts),
        find("whole_service", W.WHOLE_SERVICE, parts), functions(parts),
        find("failure", W.HARD_FAILURE, parts, negatable=True), find("defect", W.DEFECT, parts, negatable=True), find("intermittent", W.INTERMITTENT, parts),
        find("slow", W.SLOW, parts), delays(parts), find("delay_long", W.DELAY_LONG, parts),
        find("late", W.DELAY_SHORT, parts, negatable=True),
        workarounds(parts),
        find("no_workaround", W.NO_WORKAROUND, parts), find("data_lost", W.DATA_LOST, parts, negatable=True),
        find("exposure", W.EXPOSURE, parts, negatable=True), find("cosmetic", W.COSMETIC, parts),
        find("feature", W.FEATURE_OR_QUESTION, parts), find("minor", W.MINOR, parts), executive(norm, title),
        find("inquiry", W.INQUIRY, parts),
    ]
    return [signal for group in groups for signal in group]
