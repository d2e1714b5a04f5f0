"""Commitments are deadlines: what we promised is tracked like the playbook's clocks.

- each Resolution Plan step with a Due date and no ``[x]``: due at the end of that day
  on the business-hours time zone's wall clock;
- ``target_resolution``: met when the escalation is resolved (late if after it);
- the next update a reply promised the customer ("within the hour", "by 3pm", "by end
  of day", "tomorrow morning", …; see :mod:`escalation_desk.playbook.promises`): met by
  the next Customer Communication Log entry after that reply.

"Do not promise a timeline you cannot keep" is the playbook's rule; these are the
obligations that show it breaking.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from escalation_desk.playbook.promises import promised_update

from .deadline import Obligation, local_end_of_day
from .model import Document

if TYPE_CHECKING:   # the models load pydantic: `esc check FILE` runs on the defaults without it
    from escalation_desk.playbook.config import Playbook

LABELS = {"plan_step": "Plan step", "target_resolution": "Target resolution", "promised_update": "Promised update"}


def commitments(doc: Document, config: Playbook) -> list[Obligation]:
    front = doc.front
    if front is None:
        return []
    return [*plan_steps(doc, config), *target(doc), *promises(doc, config)]


def plan_steps(doc: Document, config: Playbook) -> list[Obligation]:
    front = doc.front
    assert front is not None
    found = []
    for step in doc.plan:
        if step.due is None:
            continue
        found.append(Obligation(
            "plan_step", f"{LABELS['plan_step']} {step.number}: {step.action}", local_end_of_day(step.due, config),
            None, step.done or not front.is_open,
            f"Step {step.number} (owner {step.owner}) was promised for {step.due.isoformat()}: do it, or tell the "
            "customer the new date before it passes and tick it (`- [x]`) when done",
            start=front.opened, line=step.line))
    return found


def target(doc: Document) -> list[Obligation]:
    front = doc.front
    assert front is not None
    if front.target_resolution is None:
        return []
    return [Obligation(
        "target_resolution", LABELS["target_resolution"], front.target_resolution, front.resolved,
        not front.is_open,
        "The target resolution we gave: resolve by then, or tell the customer before it passes and move it "
        "(never after it has slipped)", start=front.opened, line=doc.line_of("target_resolution"))]


def promises(doc: Document, config: Playbook) -> list[Obligation]:
    """One obligation per reply that promised the next update; the next entry meets it."""
    front = doc.front
    assert front is not None
    hours = config.business_hours
    comms = sorted(doc.comms, key=lambda e: (e.at, e.line))
    found = []
    for number, entry in enumerate(comms):
        promise = promised_update(entry.summary, entry.at, hours.timezone, hours.open, hours.close)
        if promise is None:
            continue
        after = next((e.at for e in comms[number + 1:] if e.at > entry.at), None)
        found.append(Obligation(
            "promised_update", LABELS["promised_update"], promise.due, after, after is not None or not front.is_open,
            f"We told the customer “{promise.words}” on {_when(entry.at)}: do not promise a timeline you cannot "
            "keep — send that update (even “we're still working on this”) by then",
            start=entry.at, line=entry.line))
    return found


def _when(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M UTC")
