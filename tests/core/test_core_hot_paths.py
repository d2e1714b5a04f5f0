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


def _terminal_safe_before(text: str, keep_colours: bool) -> str:
    """playbook.text.terminal_safe as it was before its fast return (the reference)."""
    from escalation_desk.playbook import text as t

    value = t._SURROGATE.sub(t.REPLACEMENT, str(text)).replace("\r\n", "\n")
    if keep_colours:
        parts, codes = t._SGR.split(value), t._SGR.findall(value)
        value = "".join(t._escape_controls(p) + (codes[i] if i < len(codes) else "") for i, p in enumerate(parts))
    else:
        value = t._escape_controls(value)
    value = t._WORKFLOW_COMMAND.sub(lambda m: m.group(1) + ":" + t._ZWSP, value)
    return t._OLD_COMMAND.sub("#" + t._ZWSP, value)


SAFE_PIECES = ["a", " ", "\n", "\t", ":", "::", "#", "##[", "[", "\r", "\r\n", "\x1b[31m", "\x1b", "\x00", "\x7f", "\x85",
               "\x9b", "\u2028", "\u202e", "\u2066", "\ud800", "—", "漢", "😀", '  "key": "value",\n', "  ::error::x"]


@settings(max_examples=1500, deadline=None)
@given(text=st.lists(st.sampled_from(SAFE_PIECES) | st.text(max_size=5), max_size=12).map("".join),
       keep_colours=st.booleans())
def test_terminal_safe_is_what_it_was(text: str, keep_colours: bool) -> None:
    from escalation_desk.playbook.text import terminal_safe

    assert terminal_safe(text, keep_colours=keep_colours) == _terminal_safe_before(text, keep_colours)
