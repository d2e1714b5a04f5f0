"""The business clock against an independent minute-stepping reference.

The reference knows nothing of the fast clock's windows: it walks UTC minute by
minute, reads the local wall clock of each minute, and counts the minute as business
time when its local date is a working day and that day's wall clock has already
reached the opening time but not yet the closing time. That is the rule the
business-hours module documents (a time missing in a spring-forward gap is the first
minute that exists; a repeated one counts from its first occurrence).

Seeded random cases across zones (whole-hour, half-hour and 45-minute offsets, DST at
02:00, at midnight and of 30 minutes), weekends, holidays and opening hours that fall
into DST gaps and folds; every case must agree.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from escalation_desk.playbook.businesshours import BusinessClock
from escalation_desk.playbook.config import BusinessHours

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
CASES = 1500   # per seed

ZONES = [
    ("America/New_York", "US"), ("Europe/Berlin", "DE"), ("Europe/London", "GB"), ("Asia/Tokyo", "JP"),
    ("Australia/Lord_Howe", "AU"), ("America/Santiago", "CL"), ("Asia/Kolkata", "IN"),
    ("Pacific/Chatham", "NZ"), ("America/St_Johns", "CA"), ("America/Havana", ""), ("Australia/Sydney", "AU"),
    ("UTC", ""),
]
HOURS = [  # (open, close): ordinary ones, and ones inside DST gaps and folds somewhere
    (time(9), time(17)), (time(8, 30), time(17, 30)), (time(2, 30), time(11)), (time(0), time(8)),
    (time(1, 15), time(2, 45)), (time(0, 30), time(23, 30)), (time(22), time(23, 59)), (time(3), time(4)),
]
DAYS = [("mon", "tue", "wed", "thu", "fri"), ("sun", "mon", "tue", "wed", "thu"), ("sat", "sun"),
        ("mon", "tue", "wed", "thu", "fri", "sat", "sun")]


_OFFSETS: dict[str, dict[int, int]] = {}   # zone → quarter hour → UTC offset in minutes


class Reference:
    """Minute stepping over the wall clock; no windows, no arithmetic on days."""

    def __init__(self, hours: BusinessHours, clock: BusinessClock) -> None:
        self.zone = ZoneInfo(hours.timezone)
        self.open = hours.open.hour * 60 + hours.open.minute
        self.close = hours.close.hour * 60 + hours.close.minute
        self.working = clock.is_working_day   # the holiday calendar is configuration, not the thing under test
        self._offsets = _OFFSETS.setdefault(hours.timezone, {})
        self._state: dict[int, tuple[bool, bool]] = {}
        self._working: dict[int, bool] = {}

    def _wall(self, minute: int) -> tuple[int, int]:
        """(local day number, minute of the local day) of a UTC minute."""
        local = minute + self._offset(minute)
        return local // 1440, local % 1440

    def _offset(self, minute: int) -> int:
        # Looked up once per quarter hour (every zone here changes offset on a quarter hour,
        # which the look-up verifies: a block whose ends disagree is read minute by minute).
        block = minute // 15
        known = self._offsets.get(block)
        if known is None:
            first, last = self._utcoffset(block * 15), self._utcoffset(block * 15 + 14)
            known = self._offsets[block] = first if first == last else -1
        return known if known != -1 else self._utcoffset(minute)

    def _utcoffset(self, minute: int) -> int:
        return int((EPOCH + timedelta(minutes=minute)).astimezone(self.zone).utcoffset().total_seconds() // 60)

    def is_business(self, minute: int) -> bool:
        day, wall = self._wall(minute)
        opened, closed = self._state.get(day, (False, False))
        # The day opens the first minute its clock reads `open` or later, and closes likewise.
        opened = opened or wall >= self.open
        closed = closed or wall >= self.close
        self._state[day] = (opened, closed)
        if not opened or closed:
            return False
        working = self._working.get(day)
        if working is None:
            working = self._working[day] = self.working(date.fromordinal(day + EPOCH_ORDINAL))
        return working

    def add(self, start: int, minutes: int) -> int:
        """Start minute (since the epoch) + `minutes` business minutes → the end of the last one."""
        self._prime(start)
        minute, counted, business = start, 0, self.is_business
        while True:
            if business(minute):
                counted += 1
                if counted == minutes:
                    return minute + 1
            minute += 1

    def _prime(self, start: int) -> None:
        """Replay the local day up to `start`, so a day that opened earlier is known to be open."""
        self._state.clear()
        day, wall = self._wall(start)
        for back in range(wall + 120, 0, -1):    # from before local midnight (a fold can add an hour)
            self.is_business(start - back)


def _cases(seed: int):
    rng = random.Random(seed)
    for _ in range(CASES):
        zone, country = rng.choice(ZONES)
        opens, closes = rng.choice(HOURS)
        hours = BusinessHours(timezone=zone, holidays=country, days=rng.choice(DAYS), open=opens, close=closes)
        # Starts near the DST changes of the southern and northern hemispheres, and anywhere.
        anchor = rng.choice([datetime(2026, 3, 8), datetime(2026, 3, 29), datetime(2026, 4, 5), datetime(2026, 9, 6),
                             datetime(2026, 9, 27), datetime(2026, 10, 25), datetime(2026, 11, 1), datetime(2026, 12, 24),
                             datetime(2026, 1, 1) + timedelta(days=rng.randrange(365))])
        start = anchor.replace(tzinfo=timezone.utc) + timedelta(minutes=rng.randrange(-3 * 1440, 2 * 1440))
        day = (closes.hour * 60 + closes.minute) - (opens.hour * 60 + opens.minute)
        # Up to a few working days; the lengths either side of an hour, a working day and a
        # calendar day (where the old clock jumped) when they are a handful of working days.
        edges = [m for m in (59, 60, 61, day - 1, day, day + 1, 1439, 1440, 1441) if 0 < m <= 4 * day]
        minutes = rng.choice([rng.randrange(1, 120), rng.randrange(1, 3 * day), rng.choice(edges)])
        yield hours, start, minutes


_CLOCKS: dict[BusinessHours, tuple[BusinessClock, Reference]] = {}


def _pair(hours: BusinessHours) -> tuple[BusinessClock, Reference]:
    if hours not in _CLOCKS:
        clock = BusinessClock(hours)
        _CLOCKS[hours] = (clock, Reference(hours, clock))
    return _CLOCKS[hours]


@pytest.mark.parametrize("seed", [15, 2026])
def test_the_fast_clock_agrees_with_minute_stepping(seed: int) -> None:
    mismatches = []
    for hours, start, minutes in _cases(seed):
        clock, reference = _pair(hours)
        fast = clock.add(start, timedelta(minutes=minutes))
        begin = int((start - EPOCH).total_seconds() // 60)
        slow = EPOCH + timedelta(minutes=reference.add(begin, minutes))
        if fast != slow:
            mismatches.append(f"{hours.timezone} {hours.open}-{hours.close} {start:%Y-%m-%d %H:%M}Z + {minutes}m: "
                              f"fast {fast:%Y-%m-%d %H:%M}Z, reference {slow:%Y-%m-%d %H:%M}Z")
        elif clock.elapsed(start, fast) != timedelta(minutes=minutes):
            mismatches.append(f"{hours.timezone} {start}: elapsed does not undo add for {minutes}m")
    assert mismatches == [], f"{len(mismatches)} mismatches, e.g.\n" + "\n".join(mismatches[:10])


def test_a_longer_duration_is_never_due_earlier() -> None:
    rng = random.Random(7)
    for hours, start, minutes in list(_cases(7))[:800]:
        clock, _ = _pair(hours)
        shorter = clock.add(start, timedelta(minutes=minutes))
        longer = clock.add(start, timedelta(minutes=minutes + rng.randrange(1, 2000)))
        assert shorter < longer, (hours.timezone, start, minutes)
