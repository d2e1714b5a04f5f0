"""The one clock: every deadline the product shows comes from :func:`obligations`.

An obligation is something the playbook demands by a certain time (acknowledge,
present an action plan, notify leaders, update the customer, engage the executive
sponsor, reach a recovery milestone) together with when it was met, if it was.
`esc check` uses the met-but-late ones (SLA breaches in the record), `esc overdue`,
the index, the sidebar and the dashboard use the unmet-and-past-due ones. Because
they all call this function, their numbers always agree.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from escalation_desk.playbook.businesshours import BusinessClock, CalendarClock, Clock
from escalation_desk.playbook.durations import format_duration as _fmt

from .cadence import parse_cadence
from .commitments import LABELS, commitments
from .duties import tier_duties
from .engagement import AFTER_RESOLUTION, LABELS as SPONSOR_LABELS, sponsor_obligations
from .deadline import Obligation, clock_for, end_of_day, with_warning
from .model import Document

if TYPE_CHECKING:   # the models load pydantic: `esc check FILE` runs on the defaults without it
    from escalation_desk.playbook.config import Playbook
    from .model import FrontMatter

KIND_LABELS = {
    "acknowledgement": "Acknowledgement",
    "action_plan": "Action plan",
    "leaders_notified": "Leaders notified",
    "customer_update": "Next customer update",
    "tier_leaders": "Tier leaders notified",
    **SPONSOR_LABELS,
    **LABELS,
}
_end_of_day = end_of_day


def obligations(doc: Document, config: Playbook, now: datetime) -> list[Obligation]:
    """Every deadline of one escalation, met or not, in due order, each with its warning time.

    Acknowledgement, action plan and leader notification run on the calendar clock
    (the playbook gives them in plain minutes and hours); customer updates run on
    the severity's own clock; recovery milestones are due at the end of their day;
    commitments (plan steps, target resolution, promised updates) at their own times.
    """
    front = doc.front
    if front is None:
        return []
    result = [*_playbook_slas(doc, config), *tier_duties(doc, config, _notified_roles(doc, config)),
              *commitments(doc, config), *sponsor_obligations(doc, config, now)]
    if front.is_open:
        result.append(next_update(doc, config))
    result.extend(_recovery(doc, config))
    return sorted((with_warning(o, config, front.severity) for o in _snoozed(front, result)),
                  key=lambda o: (o.due, o.kind))


def _snoozed(front: FrontMatter, items: list[Obligation]) -> list[Obligation]:
    """A snooze agreed with the customer moves what is due before it to its end."""
    until = front.snoozed_until
    if until is None or not front.is_open:
        return items
    why = f": {front.snooze_reason}" if front.snooze_reason else ""
    return [replace(o, due=until, advice=f"{o.advice} — snoozed until {until:%Y-%m-%d %H:%M} UTC{why}")
            if not o.met and o.due < until else o for o in items]


def _playbook_slas(doc: Document, config: Playbook) -> list[Obligation]:
    """Acknowledge, present a plan, notify the severity's leaders."""
    front: FrontMatter = doc.front  # type: ignore[assignment]
    rule = config.severity(front.severity)
    calendar = CalendarClock()
    is_open = front.is_open
    # Past due only while open (SPEC §4): a resolved record without the time is not "overdue".
    result = [
        Obligation("acknowledgement", KIND_LABELS["acknowledgement"], calendar.add(front.opened, rule.ack),
                   front.acknowledged, front.acknowledged is not None or not is_open,
                   f"{front.severity}: acknowledge within {_fmt(rule.ack)} of opening — "
                   "“we understand and we are on it”", start=front.opened),
        Obligation("action_plan", KIND_LABELS["action_plan"], calendar.add(front.opened, rule.action_plan), None,
                   bool(doc.plan) or not is_open,
                   f"{front.severity}: an action plan with names, dates and accountability within "
                   f"{_fmt(rule.action_plan)} (Resolution Plan steps)", start=front.opened),
    ]
    if rule.leaders:
        notified = _notified_roles(doc, config)
        missing = [role for role in rule.leaders if role.lower() not in notified]
        last = max((notified[r.lower()] for r in rule.leaders if r.lower() in notified), default=None)
        result.append(Obligation("leaders_notified", KIND_LABELS["leaders_notified"],
                                 calendar.add(front.opened, rule.leaders_within),
                                 last if not missing else None, not missing or not is_open,
                                 f"{front.severity}: notify {', '.join(rule.leaders)} within {_fmt(rule.leaders_within)}"
                                 + (f" (missing: {', '.join(missing)})" if missing and is_open else ""),
                                 start=front.opened))
    return result


def _recovery(doc: Document, config: Playbook) -> list[Obligation]:
    """Recovery runs once the escalation is Resolved, and closing it does not end it: a Closed
    document's unticked milestones stay tracked (due soon, overdue) until ticked (``- [x]``)."""
    front: FrontMatter = doc.front  # type: ignore[assignment]
    if front.status not in ("Resolved", "Closed"):
        return []
    closed = " (Closed with it unticked: tick it when done)" if front.status == "Closed" else ""
    result = []
    for number, item in enumerate(doc.recovery):
        key = config.recovery[number].key if number < len(config.recovery) else f"item_{number + 1}"
        result.append(Obligation(f"recovery_{key}", item.name, _end_of_day(item.due), None, item.done,
                                 f"Recovery milestone “{item.name}” due {item.due.isoformat()}{closed}",
                                 start=front.resolved, line=item.line))
    return result


def next_update(doc: Document, config: Playbook) -> Obligation:
    """Next customer update due: the last Communication Log entry (or opening) + cadence."""
    front: FrontMatter = doc.front  # type: ignore[assignment]
    last = doc.last_customer_update()
    start = max(last, front.opened) if last else front.opened
    clock, span, words = update_cadence(front, config)
    due = clock.add(start, span)
    return Obligation("customer_update", KIND_LABELS["customer_update"], due, None, False,
                      f"{words} — “we're still working on this” is better than silence",
                      start=start, clock="business" if isinstance(clock, BusinessClock) else "calendar")


def update_cadence(front: FrontMatter, config: Playbook) -> tuple[Clock, timedelta, str]:
    """The clock, span and words of the customer-update cadence: an agreed one (the
    document's `cadence`) replaces the severity's."""
    rule = config.severity(front.severity)
    if front.cadence:
        agreed = parse_cadence(front.cadence)
        who = f", agreed by {front.cadence_agreed_by}" if front.cadence_agreed_by else ""
        why = f" ({front.cadence_reason})" if front.cadence_reason else ""
        clock_name, every = agreed.clock, agreed.every
        words = f"update the customer {agreed.text} (agreed cadence{who}{why})"
    else:
        clock_name, every = rule.update_clock, rule.update_every
        words = f"{front.severity}: update the customer {rule.update_cadence_text}"
    return clock_for(config, clock_name), every, words


def milestone_due(day: date) -> datetime:
    """When a recovery milestone dated `day` falls due: the end of that day, as in :func:`obligations`."""
    return _end_of_day(day)


def after_resolution(kind: str) -> bool:
    """Deadlines that still run once the escalation is Resolved (recovery, the sponsor's check)."""
    return kind.startswith("recovery_") or kind in AFTER_RESOLUTION


def overdue_items(doc: Document, config: Playbook, now: datetime) -> list[Obligation]:
    return [o for o in obligations(doc, config, now) if o.overdue(now)]


def update_gaps(doc: Document, config: Playbook, until: datetime) -> list[tuple[datetime, datetime, bool]]:
    """For SLA attainment: each update interval (from, to, on time?) up to `until` or resolution."""
    front = doc.front
    if front is None:
        return []
    clock, span, _ = update_cadence(front, config)
    end = front.resolved or front.closed or until
    points = sorted(e.at for e in doc.comms if front.opened <= e.at <= end)
    gaps = []
    previous = front.opened
    for at in points:
        gaps.append((previous, at, at <= clock.add(previous, span)))
        previous = at
    return gaps


def notified_roles(doc: Document, config: Playbook) -> dict[str, datetime | None]:
    """Roles told so far, lower-cased → when (what notifications and the leaders clock both read)."""
    return _notified_roles(doc, config)


def _notified_roles(doc: Document, config: Playbook) -> dict[str, datetime | None]:
    """Roles told, lower-cased → when (from the entry's role, or the roster for that name)."""
    found: dict[str, datetime | None] = {}
    for entry in doc.stakeholders:
        at = entry.at if isinstance(entry.at, datetime) else _end_of_day(entry.at)
        roles = {config.roles.canonical(entry.role).lower()}
        person = config.person(entry.name)
        if person:
            roles.add(config.roles.canonical(person.role).lower())
        for role in roles:
            if role not in found or (found[role] and at < found[role]):
                found[role] = at
    return found
