"""The two clocks deadlines run on: around the clock, and business hours.

Business time is counted in the configured time zone's wall clock: each working day
opens and closes at local times, so a DST change moves the opening hour with the
city (09:00 stays 09:00) and the hours in between are real elapsed hours. Public
holidays come from the maintained ``holidays`` package (country + subdivision),
plus any extra dates in the configuration.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Protocol
from zoneinfo import ZoneInfo

import holidays as holiday_calendars

from .config import WEEKDAYS, BusinessHours


class Clock(Protocol):
    def add(self, start: datetime, duration: timedelta) -> datetime: ...

    def elapsed(self, start: datetime, end: datetime) -> timedelta: ...


class CalendarClock:
    """24/7: a deadline is simply start + duration."""

    def add(self, start: datetime, duration: timedelta) -> datetime:
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

    @property
    def day_length(self) -> timedelta:
        """A nominal working day, for durations written in days on this clock."""
        today = date(2000, 1, 3)
        return datetime.combine(today, self.hours.close) - datetime.combine(today, self.hours.open)

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
        """Opening and closing instants of a day, as aware UTC datetimes."""
        opens = datetime.combine(day, self.hours.open, tzinfo=self.zone)
        closes = datetime.combine(day, self.hours.close, tzinfo=self.zone)
        return opens.astimezone(timezone.utc), closes.astimezone(timezone.utc)

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
        """The instant when `duration` of business time has passed after `start`."""
        remaining = duration
        for opens, closes in self._windows_from(start):
            available = closes - opens
            if remaining <= available:
                return opens + remaining
            remaining -= available
        raise AssertionError("unreachable")  # _windows_from raises first

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
def _holiday_calendar(country: str, subdivision: str | None, year: int):
    if not country:
        return frozenset()
    try:
        return holiday_calendars.country_holidays(country, subdiv=subdivision, years=year)
    except NotImplementedError:
        if subdivision is not None and country in holiday_calendars.list_supported_countries():
            raise ValueError(
                f"business_hours.subdivision: {subdivision!r} is not a subdivision of {country} the holidays "
                "library knows; use its ISO 3166-2 code such as CA or BE"
            ) from None
        raise ValueError(
            f"business_hours.holidays: {country!r} is not a country the holidays library knows; "
            "use an ISO 3166 code such as US, GB or DE"
        ) from None


def validate_holidays(hours: BusinessHours) -> None:
    """Fail early (at config load) on an unknown country or subdivision."""
    _holiday_calendar(hours.holidays, hours.subdivision, 2026)
