"""The one clock (tracking.clocks.obligations): every deadline the playbook sets, exactly."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from support.core import ACME, BRIGHTPATH, EXAMPLES_DIR, NORTHWIND, NOW, roster_config, utc
from escalation_desk.config import Config
from escalation_desk.tracking import entries
from escalation_desk.tracking.clocks import next_update, obligations, overdue_items, update_gaps
from escalation_desk.tracking.parse import parse_document
from escalation_desk.tracking.render import new_document
from escalation_desk.tracking.store import load

CONFIG = roster_config()


def make(severity: str = "SEV-2", *, opened: datetime = utc(2026, 11, 23, 14, 0), status: str = "In Progress",
         comms: tuple[datetime, ...] = (), stakeholders: tuple[tuple[str, str, datetime], ...] = (),
         plan: bool = False, **front: object):
    fields = {"id": "ESC-70001", "customer": "Fabrikam", "severity": severity, "status": status,
              "owner": "Marcus Chen", "opened": opened, **front}
    text = new_document(
        fields, title="Clock test",
        comms=[entries.comm_line(at, "email", f"Update {n}") for n, at in enumerate(comms, start=1)],
        stakeholders=[entries.stakeholder_line(name, role, at) for name, role, at in stakeholders],
        plan=[entries.plan_line(1, "Fix it", "Lee Park", date(2026, 12, 1))] if plan else [],
    )
    doc = parse_document("escalations/ESC-70001-clock-test.md", text)
    assert doc.problems == []
    return doc


def due(doc, kind: str, config: Config = CONFIG, now: datetime = NOW) -> datetime:
    return next(o.due for o in obligations(doc, config, now) if o.kind == kind)


def kinds(doc, now: datetime = NOW) -> list[str]:
    return [o.kind for o in obligations(doc, CONFIG, now)]


# --------------------------------------------------------------------------- customer updates

@pytest.mark.parametrize("severity, last_update, expected", [
    # SEV-1: hourly, around the clock (Thanksgiving night included).
    ("SEV-1", utc(2026, 11, 26, 23, 30), utc(2026, 11, 27, 0, 30)),
    # SEV-2: every 4 business hours — Wed 15:00 EST → (Thanksgiving skipped) → Fri 11:00 EST.
    ("SEV-2", utc(2026, 11, 25, 20, 0), utc(2026, 11, 27, 16, 0)),
    # SEV-2 from a Friday evening: Mon 13:00 EST.
    ("SEV-2", utc(2026, 11, 20, 23, 0), utc(2026, 11, 23, 18, 0)),
    # SEV-3: daily, calendar.
    ("SEV-3", utc(2026, 11, 25, 20, 0), utc(2026, 11, 26, 20, 0)),
    # SEV-4: twice weekly = every 3.5 days.
    ("SEV-4", utc(2026, 11, 25, 10, 0), utc(2026, 11, 28, 22, 0)),
], ids=["sev1-hourly-24-7", "sev2-business-hours-thanksgiving", "sev2-weekend", "sev3-daily", "sev4-twice-weekly"])
def test_next_update_due(severity: str, last_update: datetime, expected: datetime) -> None:
    doc = make(severity, opened=utc(2026, 11, 20, 9, 0), acknowledged=utc(2026, 11, 20, 9, 5),
               comms=(utc(2026, 11, 20, 9, 5), last_update))
    assert next_update(doc, CONFIG).due == expected
    assert due(doc, "customer_update") == expected


def test_next_update_counts_from_opening_when_nobody_wrote_yet() -> None:
    doc = make("SEV-1", opened=utc(2026, 11, 21, 23, 30))   # a Saturday night
    assert due(doc, "customer_update") == utc(2026, 11, 22, 0, 30)


def test_next_update_counts_from_the_latest_entry_not_the_last_line() -> None:
    text = make("SEV-3", opened=utc(2026, 11, 20, 9, 0), comms=(utc(2026, 11, 22, 9, 0),)).text
    out_of_order = text.replace("- 2026-11-22 09:00 UTC: email — Update 1",
                                "- 2026-11-22 09:00 UTC: email — Update 1\n- 2026-11-21 09:00 UTC: phone — Earlier call")
    doc = parse_document("x.md", out_of_order)
    assert due(doc, "customer_update") == utc(2026, 11, 23, 9, 0)


@pytest.mark.parametrize("cadence, expected", [
    # 24 business hours: Wed 2 h + (Thanksgiving) + Fri 8 h + Mon 8 h + Tue 6 h → Tue 15:00 EST.
    ("1d", utc(2026, 12, 1, 20, 0)),
    ("24h", utc(2026, 12, 1, 20, 0)),
    # Business days are their own unit: the same wall time on the next working day → Fri 15:00 EST.
    ("1bd", utc(2026, 11, 27, 20, 0)),
    ("2bd", utc(2026, 11, 30, 20, 0)),
])
def test_a_business_clock_cadence_counts_business_time_or_explicit_working_days(tmp_path, cadence, expected) -> None:
    config_path = tmp_path / "escalations.toml"
    config_path.write_text(f"[severities.SEV-2]\nupdate_every = '{cadence}'\n", encoding="utf-8")
    from escalation_desk.config import load_config

    config = load_config(config_path)
    doc = make("SEV-2", comms=(utc(2026, 11, 25, 20, 0),))   # Wed 15:00 EST
    assert due(doc, "customer_update", config) == expected


def test_business_days_on_the_calendar_clock_are_refused(tmp_path) -> None:
    from escalation_desk.config import load_config
    from escalation_desk.errors import DeskError

    config_path = tmp_path / "escalations.toml"
    config_path.write_text("[severities.SEV-3]\nupdate_every = '1bd'\n", encoding="utf-8")
    with pytest.raises(DeskError, match="update_clock"):
        load_config(config_path)
    config_path.write_text("[severities.SEV-3]\nack = '1bd'\n", encoding="utf-8")
    with pytest.raises(DeskError, match="business days"):
        load_config(config_path)


# --------------------------------------------------------------------------- acknowledgement, plan, leaders

@pytest.mark.parametrize("severity, ack, plan, leaders", [
    ("SEV-1", timedelta(minutes=15), timedelta(hours=1), timedelta(minutes=15)),
    ("SEV-2", timedelta(hours=1), timedelta(hours=4), timedelta(hours=2)),
    ("SEV-3", timedelta(hours=4), timedelta(hours=24), timedelta(hours=24)),
    ("SEV-4", timedelta(hours=24), timedelta(weeks=1), None),
])
def test_ack_plan_and_leader_deadlines(severity: str, ack: timedelta, plan: timedelta, leaders: timedelta | None) -> None:
    opened = utc(2026, 11, 21, 22, 0)   # Saturday evening: these SLAs run on the calendar clock
    doc = make(severity, opened=opened)
    assert due(doc, "acknowledgement") == opened + ack
    assert due(doc, "action_plan") == opened + plan
    if leaders is None:
        assert "leaders_notified" not in kinds(doc)
    else:
        assert due(doc, "leaders_notified") == opened + leaders


def test_unmet_deadlines_become_overdue() -> None:
    opened = utc(2026, 11, 26, 9, 0)
    doc = make("SEV-1", opened=opened)
    assert [o.kind for o in overdue_items(doc, CONFIG, opened + timedelta(minutes=14))] == []
    assert [o.kind for o in overdue_items(doc, CONFIG, opened + timedelta(minutes=16))] == \
        ["acknowledgement", "leaders_notified"]
    later = [o.kind for o in overdue_items(doc, CONFIG, opened + timedelta(hours=2))]
    assert later == ["acknowledgement", "leaders_notified", "action_plan", "customer_update"]


def test_leaders_are_met_by_role_or_by_roster() -> None:
    opened = utc(2026, 11, 23, 14, 0)
    doc = make("SEV-2", opened=opened, acknowledged=opened + timedelta(minutes=20), plan=True,
               stakeholders=(("Priya Raman", "Director of CS", opened + timedelta(minutes=30)),   # roster: CS Director
                             ("Tom Becker", "Engineering Manager", opened + timedelta(minutes=50))))
    leaders = next(o for o in obligations(doc, CONFIG, NOW) if o.kind == "leaders_notified")
    assert leaders.met and leaders.met_at == opened + timedelta(minutes=50)
    assert leaders.late_by(NOW) is None


def test_missing_leaders_are_named() -> None:
    doc = make("SEV-2", stakeholders=(("Priya Raman", "CS Director", utc(2026, 11, 23, 14, 30)),))
    leaders = next(o for o in obligations(doc, CONFIG, NOW) if o.kind == "leaders_notified")
    assert not leaders.met
    assert "missing: Engineering Manager" in leaders.advice


# --------------------------------------------------------------------------- executive sponsor

def test_exec_sponsor_now_for_arr_at_risk() -> None:
    opened = utc(2026, 11, 23, 14, 0)
    doc = make("SEV-2", opened=opened, arr=250000)
    exec_due = next(o for o in obligations(doc, CONFIG, NOW) if o.kind == "exec_followup")
    assert exec_due.due == opened + timedelta(hours=1)          # at once: within the acknowledgement window
    assert "ARR at risk $250,000 exceeds $100,000" in exec_due.advice
    assert not exec_due.met
    assert next(o for o in obligations(make("SEV-2", opened=opened, arr=250000, exec_sponsor="Jordan Ellis"),
                                       CONFIG, NOW) if o.kind == "exec_followup").met


def test_exec_sponsor_within_24h_when_past_target_or_renewing() -> None:
    opened = utc(2026, 11, 23, 14, 0)
    past_target = make("SEV-1", opened=opened, target_resolution=utc(2026, 11, 24, 17, 0),
                       acknowledged=opened + timedelta(minutes=10), plan=True)
    followup = next(o for o in obligations(past_target, CONFIG, NOW) if o.kind == "exec_followup")
    assert followup.due == utc(2026, 11, 25, 17, 0)
    assert "not resolved within its target" in followup.advice

    renewing = make("SEV-3", opened=opened, renewal_date=date(2027, 1, 15))
    followup = next(o for o in obligations(renewing, CONFIG, NOW) if o.kind == "exec_followup")
    assert followup.due == opened + timedelta(hours=24)
    assert "renewal in 53 days" in followup.advice

    assert "exec_followup" not in kinds(make("SEV-3", opened=opened, renewal_date=date(2027, 9, 15)))


# --------------------------------------------------------------------------- recovery

def test_recovery_milestones_on_a_resolved_document() -> None:
    doc = load(EXAMPLES_DIR / ACME, EXAMPLES_DIR.parent)
    items = [o for o in obligations(doc, CONFIG, NOW) if o.kind.startswith("recovery_")]
    assert [(o.kind, o.due, o.met) for o in items] == [
        ("recovery_week_1", utc(2026, 11, 12, 23, 59), True),
        ("recovery_weeks_2_4", utc(2026, 12, 3, 23, 59), False),
        ("recovery_month_2", utc(2027, 1, 4, 23, 59), False),
        ("recovery_month_3", utc(2027, 2, 3, 23, 59), False),
        ("recovery_month_6", utc(2027, 5, 6, 23, 59), False),
    ]
    assert "customer_update" not in kinds(doc)   # resolved: no more update cadence
    assert [o.kind for o in overdue_items(doc, CONFIG, utc(2026, 12, 4, 0, 0))] == ["recovery_weeks_2_4"]
    assert overdue_items(doc, CONFIG, utc(2026, 12, 3, 23, 59)) == []


# --------------------------------------------------------------------------- the examples, end to end

def test_the_examples_deadlines_at_a_fixed_time() -> None:
    northwind = load(EXAMPLES_DIR / NORTHWIND, EXAMPLES_DIR.parent)
    unmet = [(o.kind, o.due) for o in obligations(northwind, CONFIG, NOW) if not o.met]
    # The playbook's clock, then the commitments: the target, and plan steps due at the end of
    # their day in New York (the business-hours zone).
    assert unmet == [("customer_update", utc(2026, 11, 26, 13, 5)), ("target_resolution", utc(2026, 11, 26, 21, 0)),
                     ("plan_step", utc(2026, 11, 27, 4, 59)), ("plan_step", utc(2026, 11, 27, 4, 59)),
                     ("plan_step", utc(2026, 11, 28, 4, 59))]
    assert [o.kind for o in overdue_items(northwind, CONFIG, utc(2026, 11, 26, 13, 6))] == ["customer_update"]

    brightpath = load(EXAMPLES_DIR / BRIGHTPATH, EXAMPLES_DIR.parent)
    unmet = [(o.kind, o.due) for o in obligations(brightpath, CONFIG, NOW) if not o.met]
    assert unmet == [("customer_update", utc(2026, 11, 28, 22, 0)), ("plan_step", utc(2026, 12, 5, 4, 59))]


def test_update_gaps_stop_at_resolution() -> None:
    doc = load(EXAMPLES_DIR / ACME, EXAMPLES_DIR.parent)
    gaps = update_gaps(doc, CONFIG, NOW)
    # The confirmation call five minutes after resolution (and the sponsor's check a day later)
    # are no longer "updates".
    assert len(gaps) == len(doc.comms) - 2
    assert gaps[-1][1] <= doc.front.resolved
    assert all(on_time for _, _, on_time in gaps)
    assert gaps[0][0] == doc.front.opened
