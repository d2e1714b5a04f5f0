"""The numbers, on ten hand-built escalations whose answers are worked out in report_fixtures.py."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from escalation_desk.config import Config
from escalation_desk.errors import DeskError
from escalation_desk.report import stats
from escalation_desk.report.model import Rate
from escalation_desk.report.recovery import says_reference
from escalation_desk.report.window import window_since

import report_fixtures as fx
from report_fixtures import report_of


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def rate(r: Rate) -> tuple[int, int, int, int]:
    return (r.met, r.missed, r.pending, r.unknown)


# ---- open now ------------------------------------------------------------------------


def test_open_escalations_by_severity_tier_and_arr(git_report):
    r = git_report
    assert r.documents == 10 and r.skipped == ()
    assert r.open_total == 4
    assert r.open_by_severity == {"SEV-1": 1, "SEV-2": 0, "SEV-3": 2, "SEV-4": 1}
    assert r.open_by_tier == {"1": 1, "2": 1, "3": 0, "4": 1, "unset": 1}
    assert r.open_matrix["SEV-3"] == {"1": 0, "2": 1, "3": 0, "4": 0, "unset": 1}
    assert r.arr_open_total == 275000
    assert r.arr_open_by_severity == {"SEV-1": 250000, "SEV-2": 0, "SEV-3": 20000, "SEV-4": 5000}
    assert r.arr_open_unknown == 1
    # Most urgent first: overdue before not overdue, then by severity (tracking.views.by_urgency).
    assert [e["id"] for e in r.open_escalations] == ["ESC-102", "ESC-302", "ESC-303", "ESC-401"]


def test_overdue_now_comes_from_the_clock(git_report):
    found = [(o.id, o.kind, o.due, o.late_minutes) for o in git_report.overdue]
    assert found == [
        # A sponsor (Jordan Ellis) was engaged: their check at resolution was due 48 h after it.
        ("ESC-101", "sponsor_check", utc("2026-06-03T16:00:00Z"), 38640),
        ("ESC-101", "recovery_weeks_2_4", utc("2026-06-29T23:59:00Z"), 721),
        ("ESC-102", "acknowledgement", utc("2026-06-30T10:15:00Z"), 105),
        ("ESC-102", "leaders_notified", utc("2026-06-30T10:15:00Z"), 105),
        ("ESC-102", "tier_leaders", utc("2026-06-30T10:30:00Z"), 90),      # Tier 4: CRO / CEO + CTO in 30 min
        ("ESC-102", "action_plan", utc("2026-06-30T11:00:00Z"), 60),
        ("ESC-102", "customer_update", utc("2026-06-30T11:00:00Z"), 60),
        ("ESC-302", "tier_leaders", utc("2026-06-20T12:00:00Z"), 10 * 24 * 60),   # Tier 2, nobody told
        ("ESC-302", "customer_update", utc("2026-06-23T12:00:00Z"), 7 * 24 * 60),
    ]


# ---- response times ------------------------------------------------------------------


def test_time_to_acknowledge_per_severity_against_the_sla(git_report):
    times = {t.severity: t for t in git_report.times}
    assert {s: t.ack_sla_minutes for s, t in times.items()} == {"SEV-1": 15, "SEV-2": 60, "SEV-3": 240, "SEV-4": 1440}
    assert (times["SEV-1"].ack.count, times["SEV-1"].ack.median_minutes, times["SEV-1"].ack.p90_minutes) == (1, 10, 10)
    # SEV-3: 30, 90, 200, 300 minutes → median (90 + 200) / 2, p90 = 4th of 4 (nearest rank).
    assert (times["SEV-3"].ack.count, times["SEV-3"].ack.median_minutes, times["SEV-3"].ack.p90_minutes) == (4, 145, 300)
    assert times["SEV-4"].ack.median_minutes == 660
    assert rate(times["SEV-1"].ack_within_sla) == (1, 1, 0, 0)      # ESC-102 never acknowledged, past due
    assert rate(times["SEV-3"].ack_within_sla) == (3, 1, 0, 0)      # 300 > 240
    assert times["SEV-3"].ack_within_sla.percent == 75.0


def test_time_to_resolve_per_severity_against_the_target(git_report):
    times = {t.severity: t for t in git_report.times}
    assert (times["SEV-1"].resolve.count, times["SEV-1"].resolve.median_minutes) == (1, 360)
    assert (times["SEV-2"].resolve.count, times["SEV-2"].resolve.median_minutes) == (1, 1500)
    assert rate(times["SEV-2"].resolve_on_target) == (0, 0, 0, 0)     # no target set: not counted
    # SEV-3: 720 and 3060 minutes → median 1890, p90 = 2nd of 2.
    assert (times["SEV-3"].resolve.count, times["SEV-3"].resolve.median_minutes,
            times["SEV-3"].resolve.p90_minutes) == (2, 1890, 3060)
    assert rate(times["SEV-3"].resolve_on_target) == (1, 1, 0, 0)
    assert times["SEV-4"].resolve.count == 0 and times["SEV-4"].resolve.median_minutes is None


# ---- SLA attainment -------------------------------------------------------------------


def test_acknowledgement_attainment(git_report):
    ack = git_report.attainment_of("acknowledgement")
    assert rate(ack.rate) == (6, 2, 0, 0) and ack.rate.percent == 75.0


def test_action_plan_attainment_from_git_history(git_report):
    plan = git_report.attainment_of("action_plan")
    # met: ESC-101 (10:45 ≤ 11:00), ESC-301, ESC-401; missed: ESC-102 (none, open), ESC-250 (19:30 > 18:00);
    # pending: ESC-303 (due exactly now); unknown: ESC-302 (plan never committed); ESC-304 not counted.
    assert rate(plan.rate) == (3, 2, 1, 1) and plan.rate.percent == 60.0
    assert rate(plan.by_severity["SEV-2"]) == (0, 1, 0, 0)
    assert rate(plan.by_severity["SEV-3"]) == (1, 0, 1, 1)


def test_update_cadence_attainment_from_update_gaps(git_report):
    updates = git_report.attainment_of("customer_update")
    assert rate(updates.rate) == (15, 6, 2, 0) and updates.rate.percent == 71.4
    assert rate(updates.by_severity["SEV-1"]) == (4, 3, 0, 0)
    assert rate(updates.by_severity["SEV-2"]) == (3, 0, 0, 0)       # the overnight gap is within 4 business hours
    assert rate(updates.by_severity["SEV-3"]) == (6, 3, 1, 0)
    assert rate(updates.by_severity["SEV-4"]) == (2, 0, 1, 0)


# ---- people, patterns, recovery ----------------------------------------------------------


def test_owner_load_against_the_configured_fatigue_limit(git_report):
    assert git_report.owner_limit == 1
    # Weighed by severity as `esc check`'s owner-overload weighs it (SEV-1 4, SEV-3 1, SEV-4 0.5).
    assert [(o.owner, o.open, o.ids, o.load, o.over_limit) for o in git_report.owners] == [
        ("Ana Souza", 1, ("ESC-102",), 4.0, True),
        ("Kim Lee", 2, ("ESC-302", "ESC-303"), 2.0, True),
        ("Raj Patel", 1, ("ESC-401",), 0.5, False),
    ]
    assert [o.owner for o in git_report.overloaded] == ["Ana Souza", "Kim Lee"]


def test_recurring_categories_are_systemic_at_three(git_report):
    assert [(c.category, c.in_window, c.in_systemic_window, c.systemic, c.post_mortem_noted, c.ids)
            for c in git_report.categories] == [
        ("billing", 3, 3, True, False, ("ESC-250", "ESC-304", "ESC-401")),
        # ESC-301 records its post-mortem (06-05): only the two opened after it count, as in `esc check`.
        ("exports", 3, 2, False, True, ("ESC-301", "ESC-302", "ESC-303")),
        ("outage", 1, 1, False, False, ("ESC-101",)),
    ]
    assert git_report.uncategorised_in_window == 1          # ESC-102


def test_recovery_funnel_to_advocacy(git_report):
    f = git_report.funnel
    assert (f.resolved, f.recovery_planned, f.final_check_due, f.final_check_done, f.reference_willing) == (6, 4, 2, 2, 1)
    assert f.reference_ids == ("ESC-201",) and f.advocacy_percent == 50.0
    assert f.final_milestone == "Month 6: Full recovery check"


@pytest.mark.parametrize("line, willing", [
    ("Month 6: Full recovery check — reference: yes", True),
    ("- Reference: agreed to speak with two prospects", True),
    ("- They are referenceable for the new connector", True),
    ("- Customer declined to be a reference for now", False),
    ("- Not willing to be a reference", False),
    ("- No reference yet", False),
    ("- Sent the handwritten note", False),
])
def test_what_counts_as_reference_willing(line, willing):
    assert says_reference(line) is willing


def test_arr_and_counts_in_the_window(git_report):
    assert (git_report.opened_in_window, git_report.resolved_in_window) == (8, 4)
    active = [(w.week_start.isoformat(), w.opened, w.resolved) for w in git_report.weeks if w.opened or w.resolved]
    assert active == [("2026-05-04", 1, 1), ("2026-06-01", 2, 2), ("2026-06-15", 1, 0), ("2026-06-22", 2, 1),
                      ("2026-06-29", 2, 0)]
    assert len(git_report.weeks) == 14
    assert git_report.weeks[0].week_start.isoformat() == "2026-03-30"   # the Monday of 2026-04-01


# ---- history ----------------------------------------------------------------------


def test_severity_and_owner_changes_come_from_git(git_report):
    assert git_report.history_available
    found = {c.id: c for c in git_report.changes}
    assert sorted(found) == ["ESC-101", "ESC-401"]        # ESC-303's later owner change is after NOW
    assert (found["ESC-101"].severity_changes, found["ESC-101"].owner_changes) == (1, 1)
    assert [(c.field, c.before, c.after, c.at) for c in found["ESC-101"].changes] == [
        ("severity", "SEV-2", "SEV-1", utc("2026-06-01T10:45:00Z")),
        ("owner", "Kim Lee", "Ana Souza", utc("2026-06-01T10:45:00Z")),
    ]
    assert [(c.field, c.before, c.after) for c in found["ESC-401"].changes] == [("owner", "Kim Lee", "Raj Patel")]


def test_without_git_the_history_parts_degrade(plain_report, git_report):
    r = plain_report
    assert not r.history_available and r.changes == ()
    # Every plan that exists is now of unknown time; the ones without a plan judge the same as with git.
    assert rate(r.attainment_of("action_plan").rate) == (0, 1, 1, 5)
    # Nothing else depends on history.
    for name in ("open_by_severity", "times", "overdue", "owners", "categories", "funnel", "weeks"):
        assert getattr(r, name) == getattr(git_report, name), name
    assert r.attainment_of("customer_update") == git_report.attainment_of("customer_update")


# ---- the window -------------------------------------------------------------------


def test_since_a_date_narrows_the_window(git_repo):
    r = report_of(git_repo, "2026-06-15")
    assert r.window.start == utc("2026-06-15T00:00:00Z") and r.window.days == 16   # 15.5 days, rounded
    assert (r.opened_in_window, r.resolved_in_window) == (5, 1)
    sev3 = next(t for t in r.times if t.severity == "SEV-3")
    assert (sev3.ack.count, sev3.ack.median_minutes, sev3.ack.p90_minutes) == (2, 145, 200)
    assert sev3.resolve.count == 0
    assert rate(r.attainment_of("acknowledgement").rate) == (4, 1, 0, 0)
    # Categories count the window; the systemic rule keeps its own 90 days, like `esc check`.
    assert [(c.category, c.in_window, c.in_systemic_window, c.systemic) for c in r.categories] == [
        ("billing", 2, 3, True), ("exports", 2, 2, False)]
    # Open now does not depend on the window.
    assert r.open_total == 4
    assert [w.week_start.isoformat() for w in r.weeks] == ["2026-06-15", "2026-06-22", "2026-06-29"]


def test_since_a_span(git_repo):
    r = report_of(git_repo, "30d")
    assert r.window.start == fx.NOW - timedelta(days=30)
    assert (r.opened_in_window, r.resolved_in_window) == (7, 3)    # all but ESC-304 (May 10)
    wide = report_of(git_repo, "52w")
    assert (wide.opened_in_window, wide.resolved_in_window) == (10, 6)


@pytest.mark.parametrize("text", ["yesterday", "2026-13-01", "2026-06-01T00:00:00", "2026-07-05"])
def test_bad_since_is_one_clear_error(text):
    with pytest.raises(DeskError):
        window_since(text, fx.NOW)


# ---- edge cases -------------------------------------------------------------------


def test_no_documents_gives_an_empty_report():
    from escalation_desk.report.metrics import compute

    r = compute([], Config(), fx.NOW, window_since(None, fx.NOW), None)
    assert r.open_total == 0 and r.overdue == () and r.owners == () and r.categories == ()
    assert all(a.rate.percent is None for a in r.attainment)
    assert r.funnel.advocacy_percent is None and len(r.weeks) == 14


def test_a_document_that_does_not_parse_is_skipped_not_counted(tmp_path):
    repo = fx.write_plain(tmp_path / "repo")
    (repo / "escalations" / "ESC-999.md").write_text("---\nid: ESC-999\nseverity: SEV-9\n---\n", encoding="utf-8")
    r = report_of(repo)
    assert r.skipped == ("escalations/ESC-999.md",) and r.documents == 11 and r.open_total == 4


def test_median_and_nearest_rank_p90():
    assert stats.median([]) is None and stats.p90([]) is None
    assert stats.median([5.0]) == 5.0 and stats.p90([5.0]) == 5.0
    assert stats.median([1.0, 2.0, 3.0, 10.0]) == 2.5
    ten = [float(n) for n in range(1, 11)]
    assert stats.p90(ten) == 9.0                      # ceil(0.9 × 10) = 9th
    assert stats.p90(ten + [11.0]) == 10.0            # ceil(9.9) = 10th


def test_a_reopened_escalation_counts_as_open_not_resolved(tmp_path):
    repo = fx.write_plain(tmp_path / "repo")
    path = repo / "escalations" / "ESC-304.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: Resolved", "status: In Progress"), encoding="utf-8")
    r = report_of(repo)
    assert r.open_total == 5 and r.resolved_in_window == 3
    assert next(t for t in r.times if t.severity == "SEV-3").resolve.count == 1


def test_a_final_check_past_due_but_not_done_is_due_not_done(tmp_path):
    repo = fx.write_plain(tmp_path / "repo")
    path = repo / "escalations" / "ESC-202.md"          # Closed; its Month 6 check was due 2026-06-10
    text = path.read_text(encoding="utf-8").replace("- [x] Month 6", "- [ ] Month 6")
    path.write_text(text, encoding="utf-8")
    f = report_of(repo).funnel
    assert (f.resolved, f.recovery_planned, f.final_check_due, f.final_check_done, f.reference_willing) == (6, 4, 2, 1, 1)
    assert f.advocacy_percent == 100.0
