"""The business-hours clock: exact instants across weekends, holidays, DST changes and zones.

All instants are written in UTC; the comment beside each gives the local wall clock.
Default configuration: America/New_York, Mon–Fri 09:00–17:00, US public holidays.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from support.core import utc
from escalation_desk.playbook.businesshours import BusinessClock, CalendarClock
from escalation_desk.playbook.config import BusinessHours

H = timedelta(hours=1)
NEW_YORK = BusinessClock(BusinessHours())
BERLIN = BusinessClock(BusinessHours(timezone="Europe/Berlin", holidays="DE"))
TOKYO = BusinessClock(BusinessHours(timezone="Asia/Tokyo", holidays="JP"))


@pytest.mark.parametrize("clock, start, duration, expected", [
    # Fri 16:00 EST + 4 h: 1 h on Friday, 3 h on Monday → Mon 12:00 EST.
    (NEW_YORK, utc(2026, 11, 20, 21, 0), 4 * H, utc(2026, 11, 23, 17, 0)),
    # Wed 15:00 EST + 4 h: Thanksgiving (Thu 26th) is skipped → Fri 11:00 EST.
    (NEW_YORK, utc(2026, 11, 25, 20, 0), 4 * H, utc(2026, 11, 27, 16, 0)),
    # Fri 30 Oct 15:00 EDT (UTC-4) + 4 h: DST ends Sun 1 Nov → Mon 11:00 EST (UTC-5).
    (NEW_YORK, utc(2026, 10, 30, 19, 0), 4 * H, utc(2026, 11, 2, 16, 0)),
    # Fri 23 Oct 15:00 CEST (UTC+2) + 4 h: EU DST ends Sun 25 Oct → Mon 11:00 CET (UTC+1).
    (BERLIN, utc(2026, 10, 23, 13, 0), 4 * H, utc(2026, 10, 26, 10, 0)),
    # Fri 20 Nov 16:00 JST + 4 h: Mon 23 Nov is Labour Thanksgiving Day → Tue 12:00 JST.
    (TOKYO, utc(2026, 11, 20, 7, 0), 4 * H, utc(2026, 11, 24, 3, 0)),
    # Mon 06:00 EST, before opening + 1 h → Mon 10:00 EST.
    (NEW_YORK, utc(2026, 11, 23, 11, 0), H, utc(2026, 11, 23, 15, 0)),
    # Mon 18:00 EST, after closing + 1 h → Tue 10:00 EST.
    (NEW_YORK, utc(2026, 11, 23, 23, 0), H, utc(2026, 11, 24, 15, 0)),
    # Saturday + 1 h → Mon 10:00 EST.
    (NEW_YORK, utc(2026, 11, 21, 15, 0), H, utc(2026, 11, 23, 15, 0)),
    # Exactly a working day from opening ends at closing, the same day.
    (NEW_YORK, utc(2026, 11, 23, 14, 0), 8 * H, utc(2026, 11, 23, 22, 0)),
    # Two working days from Wed 09:00 EST: Christmas Eve is a working day, Christmas is not.
    (NEW_YORK, utc(2026, 12, 23, 14, 0), 16 * H, utc(2026, 12, 24, 22, 0)),
    (NEW_YORK, utc(2026, 12, 24, 21, 0), 2 * H, utc(2026, 12, 28, 15, 0)),
    # Minutes matter: Fri 16:45 EST + 30 min → Mon 09:15 EST.
    (NEW_YORK, utc(2026, 11, 20, 21, 45), timedelta(minutes=30), utc(2026, 11, 23, 14, 15)),
], ids=["weekend", "thanksgiving", "us-dst-end", "eu-dst-end-berlin", "tokyo-holiday", "before-opening",
        "after-closing", "saturday", "full-day", "christmas-eve-works", "christmas-skipped", "minutes"])
def test_add_business_time(clock: BusinessClock, start: datetime, duration: timedelta, expected: datetime) -> None:
    assert clock.add(start, duration) == expected


def test_the_holidays_come_from_the_holidays_package() -> None:
    assert holidays.country_holidays("US", years=2026).get("2026-11-26") == "Thanksgiving Day"
    assert not NEW_YORK.is_working_day(datetime(2026, 11, 26).date())
    assert NEW_YORK.is_working_day(datetime(2026, 11, 27).date())
    assert not TOKYO.is_working_day(datetime(2026, 11, 23).date())
    assert not BERLIN.is_working_day(date(2025, 10, 3))   # a Friday: German Unity Day


def test_an_extra_holiday_from_the_configuration() -> None:
    clock = BusinessClock(BusinessHours(extra_holidays=("2026-11-27",)))
    # Wed 15:00 EST + 4 h: Thanksgiving and the configured Friday off → Mon 11:00 EST.
    assert clock.add(utc(2026, 11, 25, 20, 0), 4 * H) == utc(2026, 11, 30, 16, 0)


def test_a_subdivision_holiday() -> None:
    # Monday 2026-04-20 is Patriots' Day in Massachusetts only.
    boston = BusinessClock(BusinessHours(subdivision="MA"))
    assert not boston.is_working_day(datetime(2026, 4, 20).date())
    assert NEW_YORK.is_working_day(datetime(2026, 4, 20).date())
    # Fri 16:00 EDT + 2 h → Tue 10:00 EDT in Boston, Mon 10:00 EDT in New York.
    assert boston.add(utc(2026, 4, 17, 20, 0), 2 * H) == utc(2026, 4, 21, 14, 0)
    assert NEW_YORK.add(utc(2026, 4, 17, 20, 0), 2 * H) == utc(2026, 4, 20, 14, 0)


def test_custom_days_and_hours() -> None:
    clock = BusinessClock(BusinessHours(timezone="UTC", holidays="", days=("sun", "mon", "tue", "wed", "thu"),
                                        open="08:00", close="12:00"))
    # Thu 11:00 + 2 h: 1 h on Thursday; Friday and Saturday are off → Sun 09:00.
    assert clock.add(utc(2026, 11, 19, 11, 0), 2 * H) == utc(2026, 11, 22, 9, 0)


@pytest.mark.parametrize("clock, start, end, expected", [
    (NEW_YORK, utc(2026, 11, 20, 21, 0), utc(2026, 11, 23, 15, 0), 2 * H),          # Fri 16:00 → Mon 10:00 EST
    (NEW_YORK, utc(2026, 11, 25, 20, 0), utc(2026, 11, 27, 16, 0), 4 * H),          # over Thanksgiving
    (NEW_YORK, utc(2026, 10, 30, 19, 0), utc(2026, 11, 2, 16, 0), 4 * H),           # over the DST change
    (BERLIN, utc(2026, 10, 23, 13, 0), utc(2026, 10, 26, 10, 0), 4 * H),
    (NEW_YORK, utc(2026, 11, 21, 12, 0), utc(2026, 11, 22, 12, 0), timedelta(0)),   # a weekend
    (NEW_YORK, utc(2026, 11, 23, 15, 0), utc(2026, 11, 23, 15, 0), timedelta(0)),   # no time
    (NEW_YORK, utc(2026, 11, 23, 16, 0), utc(2026, 11, 23, 15, 0), timedelta(0)),   # end before start
    (NEW_YORK, utc(2026, 11, 16, 0, 0), utc(2026, 11, 21, 0, 0), 40 * H),           # a full working week
    (NEW_YORK, utc(2026, 11, 23, 0, 0), utc(2026, 11, 28, 0, 0), 32 * H),           # Thanksgiving week
])
def test_elapsed_business_time(clock: BusinessClock, start: datetime, end: datetime, expected: timedelta) -> None:
    assert clock.elapsed(start, end) == expected


@settings(max_examples=100, deadline=None, database=None)
@given(start=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31)).map(
           lambda d: d.replace(tzinfo=utc(2000, 1, 1).tzinfo, microsecond=0)),
       minutes=st.integers(1, 60 * 8 * 15))
def test_elapsed_undoes_add(start: datetime, minutes: int) -> None:
    duration = timedelta(minutes=minutes)
    due = NEW_YORK.add(start, duration)
    assert due > start
    assert NEW_YORK.elapsed(start, due) == duration
    assert NEW_YORK.is_working_day(due.astimezone(NEW_YORK.zone).date())


def test_the_calendar_clock_is_plain_arithmetic() -> None:
    clock = CalendarClock()
    assert clock.add(utc(2026, 11, 26, 23, 30), H) == utc(2026, 11, 27, 0, 30)   # Thanksgiving night too
    assert clock.elapsed(utc(2026, 11, 26), utc(2026, 11, 27)) == 24 * H


def test_a_calendar_with_no_working_day_fails_clearly() -> None:
    clock = BusinessClock(BusinessHours(days=("sat",), holidays="", extra_holidays=tuple(
        (datetime(2026, 1, 3) + timedelta(weeks=w)).date().isoformat() for w in range(160))))
    with pytest.raises(ValueError, match="no working day within three years"):
        clock.add(utc(2026, 1, 1), H)
