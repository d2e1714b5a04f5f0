"""What an interrupted write-back says: a request whose answer never came back may still have
been applied by Zendesk (review3 M3), so it is counted from the moment it is sent."""

from __future__ import annotations

import pytest

from escalation_desk.errors import DeskError
from escalation_desk.sync import writeback
from escalation_desk.sync.writeback import Plan, Tally


class Zendesk:
    """A connector stand-in: writes answered, refused, or cut off by a Ctrl-C mid-request."""

    def __init__(self, outcome: str) -> None:
        self.outcome = outcome

    def write_back(self, ticket_id: int, add: list, remove: list, note: str | None) -> str:
        if self.outcome == "refused":
            raise DeskError("Zendesk: updating ticket #1: unavailable (HTTP 500 after retries)")
        if self.outcome == "ctrl-c":
            raise KeyboardInterrupt
        return "2026-11-26T12:00:00Z"


PLAN = Plan(1, "ESC-1", "escalations/ESC-1-x.md", ("esc_open", "esc_sev2"), ("esc_open", "esc_sev2"), (), False, True)


@pytest.mark.parametrize("outcome,error,counts", [
    ("answered", None, (1, 1, 0, 0)),
    ("refused", DeskError, (1, 0, 1, 0)),
    ("ctrl-c", KeyboardInterrupt, (1, 0, 0, 1)),       # sent, never answered: on its way
])
def test_each_request_is_counted_when_sent_and_when_answered(outcome: str, error, counts) -> None:  # noqa: ANN001
    tally = Tally()
    if error is None:
        writeback._carry_out(Zendesk(outcome), PLAN, None, tally)
    else:
        with pytest.raises(error):
            writeback._carry_out(Zendesk(outcome), PLAN, None, tally)
    assert (tally.sent, tally.done, tally.failed, tally.on_their_way) == counts
    assert bool(tally) == (outcome != "refused")


def _tally(done: int, on_their_way: int, failed: int = 0) -> Tally:
    tally = Tally()
    tally.sent, tally.done, tally.failed = done + on_their_way + failed, done, failed
    return tally


def test_an_interrupt_with_a_request_on_its_way_says_zendesk_may_carry_it() -> None:
    said = str(writeback.ahead_of_git(KeyboardInterrupt(), _tally(0, 1)))
    assert said.startswith("Zendesk may have been updated for 1 ticket(s) (the request was on its way)")
    assert said.endswith("git was not; run the sync again: it commits them")
    said = str(writeback.ahead_of_git(KeyboardInterrupt(), _tally(3, 2)))
    assert said.startswith("Zendesk was already updated for 3 ticket(s) and may have been updated for 2 more "
                           "ticket(s) (the request was on its way)")


def test_a_failure_keeps_its_own_words_and_hint() -> None:
    error = writeback.ahead_of_git(DeskError("Zendesk: updating ticket #9: refused", hint="check the token"),
                                   _tally(2, 0, failed=1))
    assert isinstance(error, DeskError)
    assert str(error) == ("Zendesk: updating ticket #9: refused; Zendesk was already updated for 2 ticket(s) (tags, "
                          "notes linking their documents), git was not; check the token")
