"""The demo's closing view: a team's morning — what is overdue and who must act, what is due
soon, what is on track, what is in recovery and what is closed.

Every escalation lands in exactly one group, from the one clock (``tracking.clocks``): an open
escalation is *overdue* when any deadline has passed, else *due soon* when any is past its
warning time, else *on track*; a Resolved one is *in recovery* (its milestones) unless something of it is overdue (a
milestone, the sponsor's check), a Closed one *closed*.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from escalation_desk.playbook.config import Playbook
from escalation_desk.tracking.clocks import obligations
from escalation_desk.tracking.deadline import Obligation
from escalation_desk.tracking.model import Document

GROUPS = ("overdue", "due_soon", "on_track", "recovery", "closed")


@dataclass(frozen=True)
class Standing:
    """One escalation's place in the morning."""

    ident: str
    customer: str
    severity: str              # "SEV-2" or "SEV-2 proposed"
    owner: str
    group: str                 # one of GROUPS
    items: tuple[Obligation, ...] = ()   # overdue / due soon: what; on track / recovery: the next deadline
    done: int = 0              # recovery: milestones done
    total: int = 0             # recovery: milestones in the plan


@dataclass
class Morning:
    now: datetime
    groups: dict[str, list[Standing]] = field(default_factory=lambda: {g: [] for g in GROUPS})

    def count(self, group: str) -> int:
        return len(self.groups[group])

    def items(self, group: str) -> int:
        return sum(len(s.items) for s in self.groups[group])


def standing(doc: Document, config: Playbook, now: datetime) -> Standing:
    front = doc.front
    assert front is not None
    severity = front.severity + (" proposed" if doc.severity_state == "proposed" else "")
    base = dict(ident=front.id, customer=front.customer, severity=severity, owner=front.owner)
    if front.status == "Closed":
        return Standing(**base, group="closed")
    deadlines = obligations(doc, config, now)
    late = tuple(o for o in deadlines if o.state(now) == "overdue")
    if front.status == "Resolved" and not late:
        milestones = [o for o in deadlines if o.kind.startswith("recovery_")]
        pending = [o for o in milestones if not o.met]
        return Standing(**base, group="recovery", items=tuple(pending[:1]),
                        done=len(milestones) - len(pending), total=len(milestones))
    for group in ("overdue", "due_soon"):
        hits = tuple(o for o in deadlines if o.state(now) == group)
        if hits:
            return Standing(**base, group=group, items=hits)
    upcoming = [o for o in deadlines if not o.met]
    return Standing(**base, group="on_track", items=tuple(upcoming[:1]))


def morning(docs: list[Document], config: Playbook, now: datetime) -> Morning:
    """Every readable escalation in its group; each group most urgent first."""
    result = Morning(now)
    for doc in docs:
        if doc.front is not None:
            entry = standing(doc, config, now)
            result.groups[entry.group].append(entry)
    for group, entries in result.groups.items():
        entries.sort(key=lambda s: (s.items[0].due if s.items else now, s.ident))
    return result
