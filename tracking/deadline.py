"""What one deadline is: :class:`Obligation`, the clocks it runs on, and its warning.

Every deadline warns before it is due (pre-breach, as Salesforce milestones and Zendesk
SLAs do): by default when a quarter of its time is left, at least 15 minutes ahead for
SEV-1 (``warn_fraction`` / ``warn_at_least`` / a fixed ``warn_before`` per severity in
``escalations.toml``). The warning is measured on the deadline's own clock, so a
4-business-hour update warns after 3 business hours, not on Sunday evening.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from typing import Literal, TYPE_CHECKING
from zoneinfo import ZoneInfo

from escalation_desk.playbook.businesshours import BusinessClock, CalendarClock, Clock

if TYPE_CHECKING:   # the models load pydantic: `esc check FILE` runs on the defaults without it
    from escalation_desk.playbook.config import BusinessHours, Playbook

State = Literal["met", "on_track", "due_soon", "overdue"]


@dataclass(frozen=True)
class Obligation:
    kind: str
    label: str
    due: datetime
    met_at: datetime | None      # None: not met yet
    met: bool                    # met (with or without a known time)
    advice: str                  # the playbook's words for it
    start: datetime | None = None    # when its clock started (for the warning); None: the due time
    clock: str = "calendar"          # "calendar" or "business"
    warn_at: datetime | None = None  # when it becomes "due soon" (set by :func:`with_warning`)
    line: int | None = None          # the document line it comes from, when one entry made it

    def late_by(self, now: datetime) -> timedelta | None:
        """How late it is (unmet, past due) or was (met after due); None when on time."""
        if self.met:
            if self.met_at is not None and self.met_at > self.due:
                return self.met_at - self.due
            return None
        return now - self.due if now > self.due else None

    def overdue(self, now: datetime) -> bool:
        return not self.met and now > self.due

    def due_soon(self, now: datetime) -> bool:
        return self.state(now) == "due_soon"

    def state(self, now: datetime) -> State:
        if self.met:
            return "met"
        if now > self.due:
            return "overdue"
        if self.warn_at is not None and now >= self.warn_at:
            return "due_soon"
        return "on_track"


@lru_cache(maxsize=16)
def _business_clock(hours: BusinessHours) -> BusinessClock:
    return BusinessClock(hours)


_CALENDAR = CalendarClock()


def clock_for(config: Playbook, name: str) -> Clock:
    return _business_clock(config.business_hours) if name == "business" else _CALENDAR


def end_of_day(day: date) -> datetime:
    """The end of a dated UTC day (recovery milestones)."""
    return datetime.combine(day, time(23, 59), tzinfo=timezone.utc)


def local_end_of_day(day: date, config: Playbook) -> datetime:
    """The end of a dated day on the business-hours time zone's wall clock (plan steps' Due dates)."""
    return datetime.combine(day, time(23, 59), tzinfo=ZoneInfo(config.business_hours.timezone)).astimezone(timezone.utc)


def warning_lead(config: Playbook, severity: str, span: timedelta) -> timedelta:
    """How long before its due time a deadline of `span` warns, for this severity."""
    rule = config.severity(severity)
    if rule.warn_before is not None:
        return rule.warn_before
    return max(span * rule.warn_fraction, rule.warn_at_least)


def with_warning(item: Obligation, config: Playbook, severity: str) -> Obligation:
    """The obligation with its `warn_at`, measured on its own clock from its start."""
    start = item.start if item.start is not None and item.start < item.due else item.due
    clock = clock_for(config, item.clock)
    span = clock.elapsed(start, item.due)
    lead = warning_lead(config, severity, span)
    warn = start if lead >= span else min(clock.add(start, span - lead), item.due)
    return _replaced(item, warn_at=warn)


def _replaced(item: Obligation, **changes: object) -> Obligation:
    """``dataclasses.replace(item, **changes)`` at a fifth of its cost (every document's
    deadlines pass here in the whole-repository commands). Obligation has no __post_init__,
    no slots and no init=False fields, so copying its fields is what replace does."""
    new = object.__new__(type(item))
    new.__dict__.update(item.__dict__, **changes)
    return new
