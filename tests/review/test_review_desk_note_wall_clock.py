"""`#esc target` reads a local time by the business clock's own rule (review F11): a time the
spring-forward gap skips is the first minute that exists, a repeated fall-back time its first
occurrence — the same instants business hours use, so a target and the clocks agree."""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

import pytest

from escalation_desk.playbook.wallclock import first_instant_at
from escalation_desk.tracking.desk_commands import parse_command

UTC = timezone.utc


@pytest.mark.parametrize("words,expected", [
    ("target 2027-03-14 02:30", datetime(2027, 3, 14, 7, 0, tzinfo=UTC)),    # gap: 03:00 EDT (was 03:30)
    ("target 2027-03-14 02:00", datetime(2027, 3, 14, 7, 0, tzinfo=UTC)),
    ("target 2027-03-14 03:00", datetime(2027, 3, 14, 7, 0, tzinfo=UTC)),    # the first real minute itself
    ("target 2027-03-14 01:59", datetime(2027, 3, 14, 6, 59, tzinfo=UTC)),   # still EST
    ("target 2027-11-07 01:30", datetime(2027, 11, 7, 5, 30, tzinfo=UTC)),   # repeated: the first (EDT)
    ("target 2027-06-01 17:00", datetime(2027, 6, 1, 21, 0, tzinfo=UTC)),
    ("target 2027-03-14 02:30 UTC", datetime(2027, 3, 14, 2, 30, tzinfo=UTC)),   # a zone written wins
    ("target 2027-03-14 02:30 +01:00", datetime(2027, 3, 14, 1, 30, tzinfo=UTC)),
])
def test_a_target_in_new_york_on_the_days_the_clock_jumps(words: str, expected: datetime) -> None:
    assert parse_command(words, "America/New_York").values[0] == expected


@pytest.mark.parametrize("zone", ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Tehran"])
def test_the_note_parser_and_the_business_clock_share_one_rule(zone: str) -> None:
    """Every quarter hour of the days around each transition of 2027: the target the note
    sets is the instant the business clock's rule gives, and it is a real local time."""
    tz = ZoneInfo(zone)
    day = date(2027, 1, 1)
    for _ in range(365):
        if tz.utcoffset(datetime.combine(day, time(0))) != tz.utcoffset(datetime.combine(day, time(23, 59))):
            for minutes in range(0, 24 * 60, 15):
                wall = time(minutes // 60, minutes % 60)
                due = parse_command(f"target {day.isoformat()} {wall.strftime('%H:%M')}", zone).values[0]
                assert due == first_instant_at(day, wall, tz)
                assert due.astimezone(tz).replace(tzinfo=None) >= datetime.combine(day, wall)
        day = day.fromordinal(day.toordinal() + 1)
