"""Faster equivalents on the whole-repository commands' hot path, each held to the code it replaced:
playbook.timefmt.iso writes exactly what strftime("%Y-%m-%dT%H:%M:%SZ") of the UTC moment writes;
tracking.deadline copies an Obligation as dataclasses.replace does."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings, strategies as st

from escalation_desk.playbook.timefmt import iso

zones = st.one_of(st.none(), st.just(timezone.utc),
                  st.integers(min_value=-1439, max_value=1439).map(lambda m: timezone(timedelta(minutes=m))),
                  st.timezones())


@settings(max_examples=500, deadline=None)
@given(moment=st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 30), timezones=zones))
def test_iso_is_strftime_of_the_utc_moment(moment: datetime) -> None:
    assert iso(moment) == moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_iso_of_nothing_and_of_a_plain_moment() -> None:
    assert iso(None) is None
    assert iso(datetime(2026, 11, 26, 14, 5, 9, 999999, tzinfo=timezone.utc)) == "2026-11-26T14:05:09Z"
    early = datetime(999, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert iso(early) == early.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_an_obligation_s_warning_copy_is_dataclasses_replace() -> None:
    """tracking.deadline copies an Obligation with a new warn_at without dataclasses.replace:
    that holds while the class has no __post_init__, no slots and only init fields."""
    from dataclasses import fields, replace

    from escalation_desk.tracking.deadline import Obligation, _replaced

    assert not hasattr(Obligation, "__post_init__") and not hasattr(Obligation, "__slots__")
    assert all(f.init for f in fields(Obligation))
    at = datetime(2026, 11, 26, 14, 5, tzinfo=timezone.utc)
    item = Obligation("customer_update", "Next customer update", at, None, False, "write", start=at, line=7)
    copied = _replaced(item, warn_at=at - timedelta(hours=1))
    assert copied == replace(item, warn_at=at - timedelta(hours=1)) and copied is not item
    assert copied.__dict__ == replace(item, warn_at=at - timedelta(hours=1)).__dict__ and item.warn_at is None
