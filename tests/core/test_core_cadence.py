"""An agreed update cadence replaces the severity's, on the one clock; stakeholder lines say how."""

from __future__ import annotations

from datetime import timedelta

import pytest

from support.core import NOW, roster_config, utc
from escalation_desk.tracking import entries
from escalation_desk.tracking.cadence import parse_cadence
from escalation_desk.tracking.clocks import next_update, notified_roles
from escalation_desk.tracking.index import build_index
from test_core_clocks import make

CONFIG = roster_config()


@pytest.mark.parametrize("text, every, clock", [
    ("daily", timedelta(days=1), "calendar"), ("Hourly", timedelta(hours=1), "calendar"),
    ("twice weekly", timedelta(days=3.5), "calendar"), ("every 2h", timedelta(hours=2), "calendar"),
    ("every 3 days", timedelta(days=3), "calendar"), ("4h", timedelta(hours=4), "calendar"),
    ("every 4 business hours", timedelta(hours=4), "business"),
])
def test_cadence_words(text: str, every: timedelta, clock: str) -> None:
    cadence = parse_cadence(text)
    assert (cadence.every, cadence.clock) == (every, clock)


@pytest.mark.parametrize("text", ["sometimes", "every 5m", "", "every blue moon"])
def test_cadence_refuses_what_it_cannot_read(text: str) -> None:
    with pytest.raises(ValueError, match="cadence"):
        parse_cadence(text)


def test_agreed_cadence_replaces_the_severity_one() -> None:
    opened = utc(2026, 11, 24, 10, 0)   # a Tuesday; SEV-1 is hourly
    default = make("SEV-1", opened=opened)
    agreed = make("SEV-1", opened=opened, cadence="daily", cadence_agreed_by="Dana Whitfield",
                  cadence_reason="agreed with the customer")
    assert next_update(default, CONFIG).due == opened + timedelta(hours=1)
    found = next_update(agreed, CONFIG)
    assert found.due == opened + timedelta(days=1)
    assert "agreed by Dana Whitfield" in found.advice and "agreed with the customer" in found.advice
    record = build_index([agreed], CONFIG, NOW)["escalations"][0]
    assert record["next_update_due"] == "2026-11-25T10:00:00Z"
    assert record["cadence"] == {"every": "daily", "agreed_by": "Dana Whitfield", "reason": "agreed with the customer"}
    assert build_index([default], CONFIG, NOW)["escalations"][0]["cadence"] is None


def test_a_bad_cadence_in_the_front_matter_is_an_error() -> None:
    from escalation_desk.tracking.render import new_document

    with pytest.raises(ValueError, match="cadence: 'whenever' is not a cadence; write e.g. daily"):
        new_document({"id": "ESC-1", "customer": "X", "severity": "SEV-2", "status": "Open", "owner": "A",
                      "opened": utc(2026, 11, 24, 10, 0), "cadence": "whenever"}, title="t")


def test_stakeholder_line_with_how_it_was_done_reads_back() -> None:
    at = utc(2026, 11, 26, 9, 2)
    line = entries.stakeholder_line("Jordan Ellis", "VP CS", at, "esc:notify:declared:jordan-ellis",
                                    note="notified via Slack by Escalation Desk")
    assert line == ("- Jordan Ellis, VP CS, 2026-11-26 09:02 UTC — notified via Slack by Escalation Desk "
                    "<!-- esc:notify:declared:jordan-ellis -->")
    entry = entries.parse_entry("Internal Stakeholders Notified", 3, line)
    assert (entry.name, entry.role, entry.at, entry.note) == ("Jordan Ellis", "VP CS", at,
                                                               "notified via Slack by Escalation Desk")
    doc = make("SEV-1", opened=utc(2026, 11, 26, 9, 0),
               stakeholders=(("Jordan Ellis", "VP CS", at),))
    assert notified_roles(doc, CONFIG)["vp cs"] == at
