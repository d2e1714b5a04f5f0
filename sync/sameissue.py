"""Are two tickets of one organization about the same issue? (SPEC §4, "3+ tickets on the same
issue in 7 days" and related tickets joining one escalation.)

Most accounts have no custom category field, so the evidence is, in order:

1. Zendesk's own link: a problem ticket and its incidents (``type: incident`` with
   ``problem_id``), or incidents of one problem;
2. the configured issue field (``zendesk.issue_field``) when both tickets carry a value:
   equal values are the same issue, different values are not (a person decided);
3. otherwise: a shared identifier — an error code (``ERR-5012``, ``E1047``, ``0x80070005``) or
   an order / invoice / PO number — or near-identical wording of the subjects (rapidfuzz's
   token-sort ratio, after dropping filler words and numbers), unless the two tickets name
   different identifiers of one kind (two invoices: two issues, however alike the words).

The answer is the evidence, one phrase ("shared error code EXP-5012"), or None. The
caller only ever compares tickets of one organization within the window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from escalation_desk.connectors.records import Ticket

WORDING_THRESHOLD = 90          # token-sort ratio (0-100) of the normalised subjects
MIN_WORDS = 3                   # subjects shorter than this say too little to compare

_ERROR_CODE = re.compile(r"\b(?:[A-Z]{2,8}[-_]\d{3,6}|E\d{4,6}|0x[0-9A-F]{6,8})\b")
_REFERENCE = re.compile(r"\b(order|invoice|inv|po|purchase\s+order)\s*(?:number|no\.?|num|#)?\s*[:#]?\s*"
                        r"([A-Z]{0,4}-?\d[\d-]{3,15})\b", re.I)
_REFERENCE_KIND = {"inv": "invoice", "purchase order": "po"}
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_FILLER = frozenset("""a an the and or but of to in on at for with from by is are was were be been it its this that
these those we our us you your i my me they their again still not no please help issue problem question urgent
re fw fwd hi hello thanks thank since after before when while today yesterday week time times third second first
""".split())
# Codes that name a protocol status or a standard, not a failure ("HTTP-500" in two tickets is no
# evidence), and our own escalation IDs (ESC-48213, the default sync.id_prefix).
_GENERIC_CODE = re.compile(r"^(?:HTTP|TLS|SSL|ISO|UTF|RFC|SHA|MD|TCP|UDP|IPV|ESC)[-_]?\d+$")


@dataclass(frozen=True)
class Signature:
    """What "same issue" compares, for one ticket (small enough to keep in the sync state)."""

    ticket_id: int
    problem: int | None = None              # the problem ticket this one is (or is an incident of)
    field: str | None = None                # the configured issue field's value, lower case
    identifiers: tuple[str, ...] = ()       # "code:EXP-5012", "invoice:INV-20931"
    wording: str = ""                       # the subject's informative words, lower case

    @property
    def empty(self) -> bool:
        return not (self.problem or self.field or self.identifiers or self.wording)


def identifiers(text: str) -> tuple[str, ...]:
    references = {}
    for match in _REFERENCE.finditer(text):
        kind = " ".join(match.group(1).lower().split())
        value = match.group(2).upper().lstrip("-")
        references[value] = f"{_REFERENCE_KIND.get(kind, kind)}:{value}"
    codes = {f"code:{m.group(0).upper()}" for m in _ERROR_CODE.finditer(text)
             if not _GENERIC_CODE.match(m.group(0).upper()) and m.group(0).upper() not in references}
    return tuple(sorted(codes | set(references.values())))


def wording(subject: str) -> str:
    words = [w for w in _WORD.findall(subject.lower()) if w not in _FILLER and len(w) > 1]
    return " ".join(words) if len(words) >= MIN_WORDS else ""


def signature(ticket: Ticket, field_value: object = None) -> Signature:
    problem = ticket.id if ticket.type == "problem" else (ticket.problem_id if ticket.type == "incident" else None)
    value = str(field_value).strip().lower() if field_value not in (None, "", []) else None
    return Signature(ticket.id, problem, value or None, identifiers(f"{ticket.subject}\n{ticket.description}"),
                     wording(ticket.subject))


def _label(identifier: str) -> str:
    kind, _, value = identifier.partition(":")
    return f"{'error code' if kind == 'code' else kind + ' number' if kind in ('order', 'invoice') else kind.upper()} {value}"


def same_issue(a: Signature, b: Signature) -> str | None:
    """The evidence that `a` and `b` are about the same issue, or None."""
    if a.ticket_id == b.ticket_id:
        return None
    if a.problem and b.problem:
        return f"linked to problem ticket #{a.problem}" if a.problem == b.problem else None
    if a.field and b.field:
        return f"same issue field value “{a.field}”" if a.field == b.field else None
    shared = sorted(set(a.identifiers) & set(b.identifiers))
    if shared:
        return "shared " + ", ".join(_label(s) for s in shared[:3])
    if {i.split(":")[0] for i in a.identifiers} & {i.split(":")[0] for i in b.identifiers}:
        return None     # two different invoices (error codes, orders): the same words are not the same issue
    if a.wording and b.wording and fuzz.token_sort_ratio(a.wording, b.wording) >= WORDING_THRESHOLD:
        return "near-identical wording"
    return None
