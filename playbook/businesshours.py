"""The two clocks deadlines run on: around the clock, and business hours.

Business time is counted in the configured time zone's wall clock: each working day
opens and closes at local times, so a DST change moves the opening hour with the
city (09:00 stays 09:00) and the hours in between are real elapsed hours. Public
holidays come from the maintained ``holidays`` package (country + subdivision),
plus any extra dates in the configuration.

The rules, exactly (``tests/core/test_core_clock_reference.py`` checks them against an
independent minute-stepping reference):

- A working day's window runs from the first instant its wall clock reads the opening
  time to the first instant it reads the closing time. An opening or closing time that
  does not exist that day (the spring-forward gap) is the first wall-clock minute that
  does; one that happens twice (fall-back) is its first occurrence.
- Minutes and hours on this clock are business minutes: ``add(start, d)`` is the end of
  the d-th business minute after `start`, so a longer duration is never due earlier.
- Business days (:class:`~escalation_desk.playbook.durations.WorkingDays`, ``1bd``) are
  a unit of their own: `start` moved to the next business minute if it is outside the
  hours, then the same wall-clock time N working days later (kept inside that day's window).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

from .levels import WEEKDAYS

if TYPE_CHECKING:
    from .config import BusinessHours
from .durations import WorkingDays
from .holiday_dates import holiday_dates
from .wallclock import first_instant_at


class Clock(Protocol):
    def add(self, start: datetime, duration: timedelta) -> datetime: ...

    def elapsed(self, start: datetime, end: datetime) -> timedelta: ...


class CalendarClock:
    """24/7: a deadline is simply start + duration."""

    def add(self, start: datetime, duration: timedelta) -> datetime:
        if isinstance(duration, WorkingDays):   # refused by the config; a plain day if it slips through
            return start + timedelta(days=duration.count)
        return start + duration

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        return end - start


class BusinessClock:
    """Working hours on working days in one time zone, skipping holidays."""

    def __init__(self, hours: BusinessHours) -> None:
        self.hours = hours
        self.zone = ZoneInfo(hours.timezone)
        self._weekdays = frozenset(WEEKDAYS.index(d) for d in hours.days)
        self._extra = frozenset(date.fromisoformat(d) for d in hours.extra_holidays)
        self._working: dict[date, bool] = {}
        self._windows: dict[date, tuple[datetime, datetime]] = {}

    def is_working_day(self, day: date) -> bool:
        # Memoised: a holiday look-up costs tens of microseconds and deadlines ask about the same days.
        known = self._working.get(day)
        if known is None:
            known = self._working[day] = (
                day.weekday() in self._weekdays
                and day not in self._extra
                and day not in _holiday_calendar(self.hours.holidays, self.hours.subdivision, day.year)
            )
        return known

    def _window(self, day: date) -> tuple[datetime, datetime]:
        """Opening and closing instants of a day, as aware UTC datetimes (memoised)."""
        known = self._windows.get(day)
        if known is None:
            known = self._windows[day] = (self._instant(day, self.hours.open), self._instant(day, self.hours.close))
        return known

    def _instant(self, day: date, wall: time) -> datetime:
        return first_instant_at(day, wall, self.zone)

    def _windows_from(self, start: datetime):
        """Working windows (open, close) in UTC, clipped to begin no earlier than start."""
        day = start.astimezone(self.zone).date()
        # A calendar far from any working day is a configuration mistake, not a loop.
        for _ in range(3 * 366):
            if self.is_working_day(day):
                opens, closes = self._window(day)
                if closes > start:
                    yield max(opens, start), closes
            day += timedelta(days=1)
        raise ValueError("no working day within three years; check business_hours.days and holidays")

    def add(self, start: datetime, duration: timedelta) -> datetime:
        """The instant when `duration` of business time has passed after `start`
        (N working days for a :class:`WorkingDays` duration)."""
        if isinstance(duration, WorkingDays):
            return self.add_working_days(start, duration.count)
        remaining = duration
        for opens, closes in self._windows_from(start):
            available = closes - opens
            if remaining <= available:
                return opens + remaining
            remaining -= available
        raise AssertionError("unreachable")  # _windows_from raises first

    def add_working_days(self, start: datetime, count: int) -> datetime:
        """The same wall-clock time `count` working days later (from the next business minute)."""
        begins, _ = next(self._windows_from(start))
        local = begins.astimezone(self.zone)
        day, wall = local.date(), local.time().replace(tzinfo=None)
        for _ in range(count):
            day = self._next_working_day(day)
        opens, closes = self._window(day)
        return min(max(self._instant(day, wall), opens), closes)

    def _next_working_day(self, day: date) -> date:
        for _ in range(3 * 366):
            day += timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise ValueError("no working day within three years; check business_hours.days and holidays")

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """Business time between two instants (zero if end <= start)."""
        total = timedelta(0)
        if end <= start:
            return total
        for opens, closes in self._windows_from(start):
            if opens >= end:
                break
            total += min(closes, end) - opens
        return total


@lru_cache(maxsize=64)
def _holiday_calendar(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    return holiday_dates(country, subdivision, year)   # on first use: only a business clock on a working day needs it


def validate_holidays(hours: BusinessHours) -> None:
    """Fail early (at config load) on an unknown country or subdivision."""
    _holiday_calendar(hours.holidays, hours.subdivision, 2026)

