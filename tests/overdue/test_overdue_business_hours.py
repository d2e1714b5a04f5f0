"""The customer-update clock through `esc overdue --now … --json`, across weekends, a
public holiday, both DST changes of autumn 2026 and time zones other than UTC.

SEV-2 updates run on business hours (every 4 business hours); each case gives the last
Communication Log entry and the instant the next update falls due. One minute before it
nothing is overdue; one minute after it the update is, by exactly one minute.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from support.overdue import items_of, overdue_json, utc, write_config, write_doc

CASES = [
    # id, zone, holidays, last update (UTC), next update due (UTC)
    ("weekend-new-york", "America/New_York", "US",
     "2026-11-20T20:00:00Z",    # Fri 15:00 EST: 2 h left that day
     "2026-11-23T16:00:00Z"),   # Mon 09:00 EST + 2 h = 11:00 EST
    ("update-sent-on-saturday", "America/New_York", "US",
     "2026-11-21T15:00:00Z",    # Sat: the clock starts Mon 09:00 EST
     "2026-11-23T18:00:00Z"),   # Mon 13:00 EST
    ("thanksgiving-2026", "America/New_York", "US",
     "2026-11-25T20:00:00Z",    # Wed 15:00 EST: 2 h; Thu 26 Nov is Thanksgiving
     "2026-11-27T16:00:00Z"),   # Fri 11:00 EST
    ("us-dst-ends-2026-11-01", "America/New_York", "US",
     "2026-10-30T19:00:00Z",    # Fri 15:00 EDT (UTC-4): 2 h
     "2026-11-02T16:00:00Z"),   # Mon 11:00 EST (UTC-5), not 15:00 UTC
    ("eu-dst-ends-2026-10-25-berlin", "Europe/Berlin", "DE",
     "2026-10-23T14:00:00Z",    # Fri 16:00 CEST (UTC+2): 1 h
     "2026-10-26T11:00:00Z"),   # Mon 09:00 CET (UTC+1) + 3 h = 12:00 CET
    ("tokyo-culture-day", "Asia/Tokyo", "JP",
     "2026-11-02T06:00:00Z",    # Mon 15:00 JST: 2 h; Tue 3 Nov is Culture Day
     "2026-11-04T02:00:00Z"),   # Wed 11:00 JST
    ("tokyo-long-weekend", "Asia/Tokyo", "JP",
     "2026-11-20T07:00:00Z",    # Fri 16:00 JST: 1 h; Mon 23 Nov is Labour Thanksgiving Day
     "2026-11-24T03:00:00Z"),   # Tue 12:00 JST
    ("update-before-opening", "Europe/Berlin", "DE",
     "2026-11-17T05:30:00Z",    # Tue 06:30 CET, before opening: counts from 09:00
     "2026-11-17T12:00:00Z"),   # Tue 13:00 CET
]


@pytest.mark.parametrize("zone,holidays,last,due", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_sev2_update_due_on_business_hours(repo, zone, holidays, last, due):
    write_config(repo, zone, holidays)
    opened = (utc(last) - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    # Open three days with no target: past its initial SLA, so the sponsor is engaged (not this test's clock).
    write_doc(repo, "ESC-2001", severity="SEV-2", opened=opened, acknowledged=opened, comms=(last,),
              exec_sponsor="Jordan Ellis")
    due_at = utc(due)

    before = overdue_json(repo, (due_at - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert before["overdue_items"] == 0, before   # a minute before: due soon (its warning), not overdue
    assert {k: i["state"] for k, i in items_of(before, "ESC-2001").items()} == {"customer_update": "due_soon"}

    after = overdue_json(repo, (due_at + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    items = items_of(after, "ESC-2001")
    assert set(items) == {"customer_update"}
    update = items["customer_update"]
    assert update["due"] == due
    assert update["late_minutes"] == 1
    assert zone in update["sla"] and "every 4 business hours" in update["sla"]
    assert update["due_local"].endswith(zone)


def test_lateness_counts_calendar_time_once_past_due(repo):
    """Late is wall-clock time since the deadline, even over a weekend (what the customer felt)."""
    write_doc(repo, "ESC-2002", opened="2026-11-16T14:00:00Z", comms=("2026-11-20T20:00:00Z",))
    report = overdue_json(repo, "2026-11-24T16:00:00Z")
    assert items_of(report, "ESC-2002")["customer_update"]["late_minutes"] == 24 * 60


@pytest.mark.parametrize("severity,last,due", [
    ("SEV-1", "2026-11-21T03:00:00Z", "2026-11-21T04:00:00Z"),    # hourly, around the clock, on a Saturday
    ("SEV-1", "2026-11-26T16:30:00Z", "2026-11-26T17:30:00Z"),    # … and on Thanksgiving
    ("SEV-3", "2026-11-22T10:00:00Z", "2026-11-23T10:00:00Z"),    # daily, Sunday to Monday
    ("SEV-4", "2026-11-26T00:00:00Z", "2026-11-29T12:00:00Z"),    # twice weekly: every 3.5 days
    ("SEV-1", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z"),    # across the US DST change: real hours
])
def test_calendar_clock_severities_ignore_business_hours(repo, severity, last, due):
    opened = (utc(last) - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    owner = "Marcus Chen" if severity == "SEV-1" else "Lee Park"
    write_doc(repo, "ESC-2003", severity=severity, owner=owner, opened=opened, acknowledged=opened, comms=(last,))
    due_at = utc(due)
    assert overdue_json(repo, (due_at - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ"))["overdue_items"] == 0
    items = items_of(overdue_json(repo, (due_at + timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")), "ESC-2003")
    assert items["customer_update"]["due"] == due
    assert items["customer_update"]["late_minutes"] == 5


def test_extra_holiday_from_the_configuration(repo):
    """A company holiday (the day after Thanksgiving) is skipped like a public one."""
    write_config(repo, extra='extra_holidays = ["2026-11-27"]')
    write_doc(repo, "ESC-2004", opened="2026-11-20T14:00:00Z", comms=("2026-11-25T20:00:00Z",))
    report = overdue_json(repo, "2026-12-01T00:00:00Z")
    # Wed 2 h, Thu Thanksgiving, Fri company holiday, weekend → Mon 30 Nov 11:00 EST.
    assert items_of(report, "ESC-2004")["customer_update"]["due"] == "2026-11-30T16:00:00Z"


@pytest.mark.parametrize("cadence, due", [
    # Business minutes, whatever the unit: Wed 15:00 EST + 23 h 59 min / 24 h / 30 h of business time
    # (Wed 2 h, Thanksgiving, Fri 8 h, Mon 8 h, Tue …).
    ("1439m", "2026-12-01T19:59:00Z"),
    ("1440m", "2026-12-01T20:00:00Z"),
    ("20h", "2026-12-01T16:00:00Z"),    # 18 h by Mon close + 2 h → Tue 11:00 EST
    ("30h", "2026-12-02T18:00:00Z"),    # 26 h by Tue close + 4 h → Wed 13:00 EST (later than 20h, always)
    # Business days are their own unit: the same wall time on the next working day(s).
    ("1bd", "2026-11-27T20:00:00Z"),
    ("3bd", "2026-12-01T20:00:00Z"),
])
def test_business_cadences_never_jump(repo, cadence, due):
    write_config(repo, extra=f'[severities.SEV-2]\nupdate_every = "{cadence}"')
    write_doc(repo, "ESC-2005", opened="2026-11-20T14:00:00Z", comms=("2026-11-25T20:00:00Z",))
    report = overdue_json(repo, "2026-12-10T00:00:00Z")
    assert items_of(report, "ESC-2005")["customer_update"]["due"] == due
