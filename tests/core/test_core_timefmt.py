"""playbook.timefmt.utc_text writes what strftime("%Y-%m-%d %H:%M UTC") of the UTC moment wrote,
for any moment, in any zone, in any year (strftime does not pad years before 1000). iso's own
test: tests/core/test_core_hot_paths.py."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings, strategies as st

from escalation_desk.playbook.timefmt import utc_text

ZONES = st.none() | st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda minutes: timezone(timedelta(minutes=minutes)))


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 30), timezones=ZONES))
def test_the_same_text_as_strftime(moment: datetime) -> None:
    assert utc_text(moment) == moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def test_edges() -> None:
    for moment in (datetime(999, 12, 31, 23, 59, 59, tzinfo=timezone.utc), datetime(1000, 1, 1, tzinfo=timezone.utc),
                   datetime(2026, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=1)))):
        assert utc_text(moment) == moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
