"""Executive engagement with a life cycle (the playbook's "Executive Engagement Playbook").

Three deadlines, each with its own kind:

- ``exec_followup`` — engage the executive sponsor, at once or within 24 h, as
  :func:`playbook.rules.executive_engagement` says; met when the document names the
  sponsor (``exec_sponsor``), at ``sponsor_engaged_at`` when that is recorded;
- ``sponsor_followup`` — the sponsor's written follow-up, due
  ``executive.written_followup_within`` (4 h) after ``sponsor_engaged_at``; met by the
  first Customer Communication Log entry at or after the engagement that names the
  sponsor (``esc sponsor ID --followup "…"`` writes one; a public Zendesk reply by the
  sponsor is one too, as the sync logs it under their name);
- ``sponsor_check`` — the sponsor's one follow-up check at resolution, due
  ``executive.check_within`` (48 h) after ``resolved`` while the escalation is Resolved;
  met by another Communication Log entry naming the sponsor, at or after ``resolved``
  (``esc sponsor ID --check "…"``). Closing the escalation declares it done.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from escalation_desk.playbook.durations import format_duration
from escalation_desk.playbook.rules import executive_engagement

from .deadline import Obligation
from .model import CommEntry, Document

if TYPE_CHECKING:   # the models load pydantic: `esc check FILE` runs on the defaults without it
    from escalation_desk.playbook.config import Playbook
    from .model import FrontMatter

LABELS = {
    "exec_followup": "Executive sponsor engaged",
    "sponsor_followup": "Sponsor's written follow-up",
    "sponsor_check": "Sponsor's check at resolution",
}
AFTER_RESOLUTION = frozenset({"sponsor_check"})   # deadlines that run once the escalation is Resolved


def sponsor_obligations(doc: Document, config: Playbook, now: datetime) -> list[Obligation]:
    front = doc.front
    if front is None:
        return []
    return [*_engage(doc, config, now), *_followup(doc, config), *_check(doc, config)]


def engaged(front: FrontMatter) -> bool:
    return bool(front.exec_sponsor) or front.sponsor_engaged_at is not None


def _engage(doc: Document, config: Playbook, now: datetime) -> list[Obligation]:
    front: FrontMatter = doc.front  # type: ignore[assignment]
    if not front.is_open:
        return []
    engagement = engagement_of(doc, config, now)
    if engagement.due is None:
        return []
    return [Obligation("exec_followup", LABELS["exec_followup"], engagement.due, front.sponsor_engaged_at,
                       engaged(front),
                       f"Engage the executive sponsor {engagement.when}: " + "; ".join(engagement.reasons),
                       start=front.opened, line=doc.line_of("exec_sponsor") if front.exec_sponsor else None)]


def engagement_of(doc: Document, config: Playbook, now: datetime):  # noqa: ANN201 - rules.Engagement
    """What the playbook says about engaging the sponsor for this document, now."""
    front: FrontMatter = doc.front  # type: ignore[assignment]
    return executive_engagement(
        config, severity=front.severity, opened=front.opened, now=now, arr=front.arr,
        renewal_date=front.renewal_date, triggers=front.triggers, resolved=not front.is_open,
        target_resolution=front.target_resolution, ack_window=config.severity(front.severity).ack,
        acknowledged=front.acknowledged, has_plan=bool(doc.plan), earlier=front.follows,
    )


def _followup(doc: Document, config: Playbook) -> list[Obligation]:
    front: FrontMatter = doc.front  # type: ignore[assignment]
    start = front.sponsor_engaged_at
    if start is None:
        return []
    within = config.executive.written_followup_within
    entry = _first_naming(doc, front, start)
    who = front.exec_sponsor or "the executive sponsor"
    return [Obligation(
        "sponsor_followup", LABELS["sponsor_followup"], start + within, entry.at if entry else None,
        entry is not None or not front.is_open,
        f"{who} was engaged {start:%Y-%m-%d %H:%M} UTC: the written follow-up to the customer is due within "
        f"{format_duration(within)} of the call — log it naming {who}", start=start,
        line=doc.line_of("sponsor_engaged_at"))]


def _check(doc: Document, config: Playbook) -> list[Obligation]:
    front: FrontMatter = doc.front  # type: ignore[assignment]
    if not engaged(front) or front.resolved is None or front.status not in ("Resolved", "Closed"):
        return []
    followup = _first_naming(doc, front, front.sponsor_engaged_at) if front.sponsor_engaged_at else None
    entry = _first_naming(doc, front, front.resolved, skip=followup)
    who = front.exec_sponsor or "the executive sponsor"
    within = config.executive.check_within
    return [Obligation(
        "sponsor_check", LABELS["sponsor_check"], front.resolved + within, entry.at if entry else None,
        entry is not None or front.status == "Closed",
        f"Resolved {front.resolved:%Y-%m-%d %H:%M} UTC: {who} does one follow-up check with the customer within "
        f"{format_duration(within)} — log it naming {who}", start=front.resolved,
        line=doc.line_of("resolved"))]


def names_sponsor(entry: CommEntry, front: FrontMatter) -> bool:
    """A Communication Log entry by or about the sponsor: it names them (or "executive sponsor")."""
    text = entry.summary.lower()
    return (bool(front.exec_sponsor) and front.exec_sponsor.lower() in text) or "executive sponsor" in text


def _first_naming(doc: Document, front: FrontMatter, since: datetime, skip: CommEntry | None = None) -> CommEntry | None:
    found = sorted((e for e in doc.comms if e.at >= since and (skip is None or e.line != skip.line) and names_sponsor(e, front)),
                   key=lambda e: (e.at, e.line))
    return found[0] if found else None
