"""Patterns across escalations: who carries too many, and which problems keep coming back.

Both use the same thresholds and rules as ``esc check``'s collection lints
(:func:`tracking.check_rules.check_collection`), so the dashboard warns about exactly what
the pull-request check warns about:
- escalation fatigue: an owner whose open escalations weigh more than ``lints.owner_max_open``
  (SEV-3 equivalents, ``lints.owner_weights``);
- systemic problem: ``lints.systemic_count`` or more escalations of one category opened in
  the last ``lints.systemic_window_days`` days — a post-mortem is due. A post-mortem recorded
  in Post-Escalation Actions (``- Post-mortem: YYYY-MM-DD — notes``) clears it: only the
  escalations opened after the last one held count towards a new pattern.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from escalation_desk.playbook.config import Playbook
from escalation_desk.tracking.model import Document

from .model import CategoryCount, OwnerLoad, Window

if TYPE_CHECKING:
    from .facts import Facts


def owner_loads(facts: list[Facts], config: Playbook) -> tuple[OwnerLoad, ...]:
    """Each owner's open escalations and their load, weighed by severity as `esc check`'s
    owner-overload weighs them (``lints.owner_weights``, the limit in SEV-3 equivalents)."""
    groups: dict[str, list[Facts]] = {}
    for f in sorted(facts, key=lambda f: f.id):
        if f.is_open:
            groups.setdefault(f.owner.strip().lower(), []).append(f)
    limit, weights = config.lints.owner_max_open, config.lints.owner_weights
    loads = []
    for same in groups.values():
        load = sum(weights.get(f.severity, 1.0) for f in same)
        loads.append(OwnerLoad(owner=same[0].owner.strip(), open=len(same), ids=tuple(f.id for f in same),
                               over_limit=load > limit, load=load))
    return tuple(sorted(loads, key=lambda o: (-o.load, -o.open, o.owner.lower())))


def section_text(doc: Document, name: str) -> str:
    """A section's body, stripped, as the full parse gives it, also from a lean read that kept the
    document's lines (tracking.lean fills no prose section's text)."""
    section = doc.sections[name]
    return section.text or "".join(doc.lines[section.body_start:section.body_end]).strip()


def categories(facts: list[Facts], config: Playbook, now: datetime, window: Window) -> tuple[CategoryCount, ...]:
    since_systemic = now - timedelta(days=config.lints.systemic_window_days)
    groups: dict[str, list[Facts]] = {}
    for f in sorted(facts, key=lambda f: f.id):
        if f.category:
            groups.setdefault(f.category.strip().lower(), []).append(f)
    found = []
    for same in groups.values():
        in_window = [f for f in same if f.opened in window]
        # As esc check counts (tracking.collection): a recorded post-mortem clears the pattern;
        # only escalations opened after the last one held count towards a new one.
        held = max((d for f in same for d in f.post_mortems if d <= now.date()), default=None)
        recent = [f for f in same if f.opened >= since_systemic and (held is None or f.opened.date() > held)]
        systemic = len(recent) >= config.lints.systemic_count
        if not in_window and not systemic:
            continue
        found.append(CategoryCount(
            category=same[0].category.strip(), in_window=len(in_window), in_systemic_window=len(recent),
            systemic=systemic, post_mortem_noted=held is not None,
            ids=tuple(f.id for f in (recent if systemic else in_window)),
        ))
    return tuple(sorted(found, key=lambda c: (not c.systemic, -c.in_window, c.category.lower())))


def uncategorised(facts: list[Facts], window: Window) -> int:
    return sum(1 for f in facts if not f.category and f.opened in window)
