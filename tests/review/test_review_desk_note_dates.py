"""An agent's `#esc` note with a far-off date is answered, never applied: the sync must not
write a date `esc check` refuses (years outside 1970–2999), nor crash on one that overflows."""

from __future__ import annotations

import pytest

from escalation_desk.tracking.desk_commands import CommandError, parse_command

FAR_OFF = (
    "target 9999-12-31 23:59",                              # overflowed converting to UTC
    "target 0001-01-01",                                    # accepted, then the document failed esc check
    "target 3000-01-01 09:00",
    "target 2999-12-31 23:00",                              # year 3000 in UTC from New York
    "step Restore the sync — Owner: Lee Park — Due: 0999-01-01",
    "step Restore the sync — Owner: Lee Park — Due: 9999-12-31",
)


@pytest.mark.parametrize("words", FAR_OFF)
def test_a_far_off_date_is_one_clear_answer(words: str) -> None:
    with pytest.raises(CommandError) as raised:
        parse_command(words, "America/New_York")
    message = str(raised.value)
    assert "out of range" in message and "write it as" in message and "\n" not in message


def test_dates_in_range_still_apply() -> None:
    assert parse_command("target 2999-12-30 09:00", "UTC").values[0].year == 2999
    assert parse_command("step Fix — Owner: Lee Park — Due: 1970-01-02", "UTC").values[2].year == 1970
