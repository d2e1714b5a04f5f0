"""Severity and owner changes per escalation, read from git history.

The document only holds today's severity and owner; git holds every earlier one. A
change is counted between consecutive committed versions, and once more when the
working copy differs from the last commit (an edit not committed yet, with no time).
"""

from __future__ import annotations

from .history import Version
from .model import Change, EscalationChanges


def _same_owner(a: str, b: str) -> bool:
    return a.strip().lower() == b.strip().lower()


def changes_of(ident: str, severity: str, owner: str, versions: list[Version]) -> EscalationChanges:
    """`severity` and `owner`: the working copy's."""
    states = [(v.severity, v.owner, v.at, v.commit) for v in versions]
    current = (severity, owner, None, None)
    if not states or states[-1][:2] != current[:2]:
        states.append(current)
    found: list[Change] = []
    for (old_sev, old_owner, _, _), (sev, owner, at, commit) in zip(states, states[1:]):
        if sev != old_sev:
            found.append(Change("severity", old_sev, sev, at, commit))
        if not _same_owner(owner, old_owner):
            found.append(Change("owner", old_owner, owner, at, commit))
    return EscalationChanges(
        id=ident,
        severity_changes=sum(1 for c in found if c.field == "severity"),
        owner_changes=sum(1 for c in found if c.field == "owner"),
        changes=tuple(found),
    )
