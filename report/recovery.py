"""The recovery funnel: resolved → final recovery check done → willing to be a reference.

The playbook's gold standard is *escalation → advocacy*: at the Month-6 full recovery
check, "is the customer willing to be a reference about how you handled the issue?".

How it is recorded (no new field; a person writes it where the playbook asks it):
- the final recovery milestone is the last item of the Recovery Plan checklist (it maps to
  the last configured milestone, Month 6 by default, exactly as :mod:`tracking.clocks`
  maps items to milestones);
- the customer is *reference-willing* when that item is checked ``[x]`` and either its own
  text or a line of Post-Escalation Actions says "reference" (or "referenceable") with no
  "not", "no", "declined", "unwilling", "won't" or "refused" on the same line, e.g.
  ``- [x] Month 6: Full recovery check — reference: yes — Due: 2027-05-06`` or, under
  Post-Escalation Actions, ``- Reference: agreed to speak with two prospects``.

Recovery runs six months after resolution, longer than a report window, so the funnel
counts every resolved escalation, however long ago.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

from escalation_desk.playbook.config import Playbook
from escalation_desk.tracking.model import POST_ACTIONS, Document

from .model import Funnel
from .patterns import section_text

if TYPE_CHECKING:
    from .facts import Facts

_REFERENCE = re.compile(r"\breference(?:able)?\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|no|never|declined?|unwilling|won't|wont|refused?|isn't)\b", re.IGNORECASE)


def says_reference(line: str) -> bool:
    return bool(_REFERENCE.search(line)) and not _NEGATION.search(line)


def reference_willing(doc: Document) -> bool:
    if not doc.recovery or not doc.recovery[-1].done:
        return False
    final = doc.recovery[-1]
    lines = [final.name] + (section_text(doc, POST_ACTIONS).splitlines() if POST_ACTIONS in doc.sections else [])
    return any(says_reference(line) for line in lines)


def funnel(facts: list[Facts], config: Playbook, now: datetime) -> Funnel:
    """`facts.recovery` is the final item of each Recovery Plan (see :mod:`report.facts`)."""
    resolved = sorted((f for f in facts if f.status in ("Resolved", "Closed")), key=lambda f: f.id)
    planned = [f for f in resolved if f.recovery is not None]
    due = done = 0
    references = []
    for f in planned:
        final = f.recovery
        # Due by its own date, whether the escalation is Resolved or already Closed.
        if final.done or final.due <= now:
            due += 1
        if final.done:
            done += 1
            if final.reference:
                references.append(f.id)
    name = config.recovery[-1].name if config.recovery else "final recovery check"
    return Funnel(resolved=len(resolved), recovery_planned=len(planned), final_check_due=due,
                  final_check_done=done, reference_willing=len(references), final_milestone=name,
                  reference_ids=tuple(references))
