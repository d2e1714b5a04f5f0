"""The playbook's judgements (playbook.rules): severity by business impact, never by
emotion; the auto-escalation triggers and their tiers; owner seniority; recovery dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from support.core import utc
from escalation_desk.config import Config
from escalation_desk.playbook.rules import (
    AccountFacts, TicketFacts, TriggerInput, classify_severity, detect_triggers, owner_meets_level,
    recovery_schedule, tier_for, tier_of_code,
)

CONFIG = Config()
OPENED = utc(2026, 11, 20, 14, 0)


@pytest.mark.parametrize("text, tags, priority, severity, impact", [
    ("Our production site is down for all users.", (), None, "SEV-1", "complete service outage or business-stopping"),
    ("Quick note: we think there was unauthorized access to our workspace.", (), "low", "SEV-1",
     "data loss or breach"),
    ("The Salesforce sync stopped working yesterday.", (), None, "SEV-2", "significant workflow blocked"),
    ("Exports fail intermittently; the manual workaround is painful.", (), None, "SEV-3",
     "functionality partially impacted"),
    ("The button label has a typo.", (), None, "SEV-4", "minor, cosmetic or feature gap"),
    ("Please look at this.", ("outage",), None, "SEV-1", "outage"),
    ("Please look at this.", (), "urgent", "SEV-4", "minor, cosmetic or feature gap"),   # priority is never impact
    ("Please look at this.", (), None, "SEV-4", "minor, cosmetic or feature gap"),
])
def test_severity_by_business_impact(text, tags, priority, severity, impact) -> None:
    result = classify_severity(CONFIG, text, tags, priority)
    assert (result.severity, result.impact) == (severity, impact)


def test_a_calm_breach_outranks_an_angry_button() -> None:
    calm = classify_severity(CONFIG, "Hi team, when you have a moment: a data breach may have exposed PII.")
    angry = classify_severity(CONFIG, "THIS BUTTON COLOR IS UNACCEPTABLE!!! FIX IT NOW!!! WORST PRODUCT EVER!!!",
                              priority="urgent")
    assert calm.severity == "SEV-1"
    assert angry.severity == "SEV-4"
    # Shouting the same words changes nothing.
    assert classify_severity(CONFIG, "OUR PRODUCTION SITE IS DOWN!!!").severity == \
        classify_severity(CONFIG, "our production site is down").severity


def ticket(number: int = 1, at=OPENED, text: str = "", **more) -> TicketFacts:
    return TicketFacts(number, at, more.pop("subject", "Sync issue"), text, **more)


def codes(facts: TriggerInput) -> dict[str, int]:
    return {t.code: t.tier for t in detect_triggers(CONFIG, facts)}


def test_keyword_triggers_and_their_evidence() -> None:
    found = detect_triggers(CONFIG, TriggerInput(ticket(48213, text="We are considering cancelling at renewal.")))
    assert [(t.code, t.tier) for t in found] == [("keyword:cancel", 2)]
    assert found[0].evidence == "Customer wrote “cancelling” in ticket #48213"
    assert found[0].at == OPENED


def test_three_tickets_in_seven_days() -> None:
    related = [ticket(2, OPENED - timedelta(days=3)), ticket(3, OPENED - timedelta(days=6))]
    assert codes(TriggerInput(ticket(1), related=related)) == {"repeat:3-in-7d": 2}
    # Twelve days apart is not "3 tickets in 7 days", even if each is within 7 days of this one.
    spread = [ticket(2, OPENED - timedelta(days=6)), ticket(3, OPENED + timedelta(days=6))]
    assert codes(TriggerInput(ticket(1), related=spread)) == {}


def test_executive_to_our_ceo_social_and_health_triggers() -> None:
    assert codes(TriggerInput(ticket(requester_title="Chief Financial Officer", recipients=("ceo@ourco.com",)))) == \
        {"exec-to-ceo": 3}
    assert codes(TriggerInput(ticket(requester_title="Office Manager", recipients=("ceo@ourco.com",)))) == {}
    assert codes(TriggerInput(ticket(channel="twitter"), account=AccountFacts(name="Acme"))) == {"social:twitter": 2}
    assert codes(TriggerInput(ticket(), account=AccountFacts(health_score=40, health_score_prior_week=71))) == \
        {"health-drop": 2}
    assert codes(TriggerInput(ticket(), account=AccountFacts(health_score=50, health_score_prior_week=71))) == {}


def test_tier_3_and_4_triggers() -> None:
    big = AccountFacts(name="Globex", arr=2_000_000, total_arr=100_000_000, arr_rank=4)
    found = codes(TriggerInput(ticket(text="Our lawyer says this data breach is a GDPR matter; cancel."), account=big))
    assert found == {"arr-share": 4, "breach": 4, "keyword:breach": 2, "keyword:cancel": 2, "legal-action": 4,
                     "legal-compliance": 3, "top-account-at-risk": 4}
    assert tier_for(detect_triggers(CONFIG, TriggerInput(ticket(text="a security breach"), account=big))) == 4
    # A top-10 account with nothing wrong is not "at risk".
    assert codes(TriggerInput(ticket(text="How do I export?"), account=AccountFacts(arr_rank=1))) == {}


def test_the_ladder_starts_at_tier_1_and_rises_on_its_conditions() -> None:
    big = AccountFacts(name="Globex", arr=2_000_000, total_arr=100_000_000, arr_rank=4)
    # A typo from a top-10 account over 1% of ARR: Tier 1, not Tier 4 "engage now".
    typo = detect_triggers(CONFIG, TriggerInput(ticket(text="There is a typo on the invoice page."), account=big,
                                                severity="SEV-4"))
    assert typo == [] and tier_for(typo) == 1
    # The same account with a SEV-2: a top-10 account at risk.
    assert codes(TriggerInput(ticket(text="Invoices are not sending."), account=big, severity="SEV-2")) == \
        {"top-account-at-risk": 4}
    # A churn signal puts it at risk too; over 1% of ARR only lifts an escalation already at Tier 3.
    assert codes(TriggerInput(ticket(text="We will cancel."), account=big)) == {"keyword:cancel": 2,
                                                                             "top-account-at-risk": 4}
    mid = AccountFacts(name="Initech", arr=2_000_000, total_arr=100_000_000, arr_rank=40)
    assert codes(TriggerInput(ticket(text="We will cancel."), account=mid)) == {"keyword:cancel": 2}
    assert codes(TriggerInput(ticket(text="This is a GDPR compliance problem."), account=mid)) == \
        {"legal-compliance": 3, "arr-share": 4}


@pytest.mark.parametrize("text", ["Our attorneys will be in touch.", "We are considering legal action.",
                                  "Expect a lawsuit.", "We will terminate the contract.",
                                  "Our lawyers are reviewing this."])
def test_legal_action_wording_is_detected(text: str) -> None:
    assert codes(TriggerInput(ticket(text=text)))["legal-action"] == 4


def test_recorded_trigger_codes_map_back_to_tiers() -> None:
    assert tier_of_code(CONFIG, "keyword:cancel") == 2
    assert tier_of_code(CONFIG, "social:linkedin") == 2
    assert tier_of_code(CONFIG, "top-account-at-risk") == 4
    assert tier_of_code(CONFIG, "mood:angry") is None


@pytest.mark.parametrize("role, severity, expected", [
    ("Director", "SEV-1", True), ("CS Director", "SEV-1", True), ("VP CS", "SEV-1", True),
    ("Senior CSM", "SEV-1", False), ("Senior CSM", "SEV-2", True), ("CS Manager", "SEV-2", True),
    ("CSM", "SEV-2", False), ("CSM", "SEV-3", True), ("Support Agent", "SEV-4", True),
    ("Wizard", "SEV-2", None),
])
def test_owner_seniority(role: str, severity: str, expected: bool | None) -> None:
    assert owner_meets_level(CONFIG, role, severity) is expected


def test_recovery_schedule_dates() -> None:
    schedule = recovery_schedule(CONFIG, utc(2026, 11, 26, 12, 30))
    assert [(m.key, m.due) for m in schedule] == [
        ("week_1", date(2026, 12, 3)), ("weeks_2_4", date(2026, 12, 24)), ("month_2", date(2027, 1, 25)),
        ("month_3", date(2027, 2, 24)), ("month_6", date(2027, 5, 27))]


def _engagement(severity: str, arr: float | None, triggers=(), renewal: date | None = None, target=None):
    from escalation_desk.playbook.rules import executive_engagement

    return executive_engagement(CONFIG, severity=severity, opened=OPENED, now=OPENED + timedelta(days=2),
                                arr=arr, renewal_date=renewal, triggers=triggers, resolved=False,
                                target_resolution=target, ack_window=timedelta(hours=1),
                                acknowledged=OPENED + timedelta(minutes=5))


def test_executive_sponsor_engaged_now_when_big_revenue_is_at_risk() -> None:
    engagement = _engagement("SEV-2", 250_000)
    assert engagement.when == "now"
    assert engagement.due == OPENED + timedelta(hours=1)
    assert "ARR at risk $250,000" in engagement.reasons[0]


def test_a_big_customers_cosmetic_issue_does_not_need_the_executive() -> None:
    assert _engagement("SEV-4", 250_000).when == "not needed"
    # ...unless there is a churn signal: then the revenue really is at risk.
    assert _engagement("SEV-4", 250_000, triggers=("keyword:cancel",)).when == "now"


def test_executive_sponsor_within_24h_for_renewal_window_and_missed_target() -> None:
    renewal = _engagement("SEV-3", 50_000, renewal=OPENED.date() + timedelta(days=60))
    assert renewal.when == "within 24h" and renewal.due == OPENED + timedelta(hours=24)
    missed = _engagement("SEV-1", 50_000, target=OPENED + timedelta(hours=6))
    assert missed.when == "within 24h" and missed.due == OPENED + timedelta(hours=30)
    assert _engagement("SEV-3", 50_000).when == "not needed"
