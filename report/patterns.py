"""Patterns across escalations: who carries too many, and which problems keep coming back.

Both use the same thresholds and rules as ``esc check``'s collection lints
(:func:`tracking.check_rules.check_collection`), so the dashboard warns about exactly what
the pull-request check warns about:
- escalation fatigue: an owner with more than ``lints.owner_max_open`` open escalations;
- systemic problem: ``lints.systemic_count`` or more escalations of one category opened in
  the last ``lints.systemic_window_days`` days — a post-mortem is due. A document of that
  category that mentions a post-mortem (Root Cause, Timeline or Post-Escalation Actions)
  marks it as noted.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from escalation_desk.playbook.config import Playbook
from escalation_desk.tracking.model import POST_ACTIONS, ROOT_CAUSE, TIMELINE, Document

from .model import CategoryCount, OwnerLoad, Window

if TYPE_CHECKING:
    from .facts import Facts

_POST_MORTEM = re.compile(r"\bpost[- ]?mortems?\b|\bretrospective\b", re.IGNORECASE)


def owner_loads(facts: list[Facts], config: Playbook) -> tuple[OwnerLoad, ...]:
    groups: dict[str, list[Facts]] = {}
    for f in sorted(facts, key=lambda f: f.id):
        if f.is_open:
            groups.setdefault(f.owner.strip().lower(), []).append(f)
    limit = config.lints.owner_max_open
    loads = [OwnerLoad(owner=same[0].owner.strip(), open=len(same), ids=tuple(f.id for f in same),
                       over_limit=len(same) > limit) for same in groups.values()]
    return tuple(sorted(loads, key=lambda o: (-o.open, o.owner.lower())))


def mentions_post_mortem(doc: Document) -> bool:
    return any(_POST_MORTEM.search(section_text(doc, name)) for name in (ROOT_CAUSE, TIMELINE, POST_ACTIONS)
               if name in doc.sections)


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
        recent = [f for f in same if f.opened >= since_systemic]
        systemic = len(recent) >= config.lints.systemic_count
        if not in_window and not systemic:
            continue
        found.append(CategoryCount(
            category=same[0].category.strip(), in_window=len(in_window), in_systemic_window=len(recent),
            systemic=systemic, post_mortem_noted=systemic and any(f.post_mortem for f in recent),
            ids=tuple(f.id for f in (recent if systemic else in_window)),
        ))
    return tuple(sorted(found, key=lambda c: (not c.systemic, -c.in_window, c.category.lower())))


def uncategorised(facts: list[Facts], window: Window) -> int:
    return sum(1 for f in facts if not f.category and f.opened in window)
