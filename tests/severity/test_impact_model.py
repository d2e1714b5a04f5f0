"""The impact model against the labelled corpus (tests/severity/corpus, written apart from it)
and its invariants: emotion and the customer's priority never change a level; negation counts."""

from __future__ import annotations

import pytest

from escalation_desk.playbook.config import Playbook
from escalation_desk.playbook.impact_config import ImpactSettings
from escalation_desk.playbook.severity import classify_severity
from support.severity_corpus import load, parts

PLAYBOOK = Playbook()
TICKETS = load()
TUNE, HELD = parts(TICKETS)


def level(text: str, priority: str | None = None, title: str = "") -> str:
    return classify_severity(PLAYBOOK, text, (), priority, title).severity


def test_the_corpus_is_big_enough_and_split_one_in_five() -> None:
    assert len(TICKETS) >= 300
    assert 0.15 <= len(HELD) / len(TICKETS) <= 0.25
    assert {t.expected for t in HELD} == {"SEV-1", "SEV-2", "SEV-3", "SEV-4"}


def test_tuning_part_meets_the_targets() -> None:
    got = [(t.expected, level(f"{t.subject}\n{t.body}", t.priority, t.title)) for t in TUNE]
    exact = sum(a == b for a, b in got) / len(got)
    assert exact >= 0.90
    assert not [g for g in got if g[0] == "SEV-1" and g[1] in ("SEV-3", "SEV-4")]
    assert not [g for g in got if g[0] == "SEV-4" and g[1] in ("SEV-1", "SEV-2")]


@pytest.mark.parametrize("ticket", TICKETS[::7], ids=lambda t: t.id)
def test_shouting_and_priority_change_nothing(ticket) -> None:
    calm = level(f"{ticket.subject}\n{ticket.body}", None, ticket.title)
    shouted = f"{ticket.subject.upper()}!!!\n{ticket.body.upper()} THIS IS UNACCEPTABLE!!! FIX IT NOW!!!"
    assert level(shouted, "urgent", ticket.title) == calm
    assert level(f"{ticket.subject}\n{ticket.body}", "low", ticket.title) == calm


@pytest.mark.parametrize("text, severity", [
    ("We think there was a data breach: a customer saw our records.", "SEV-1"),
    ("No data was lost and nothing was exposed; the report title has a typo.", "SEV-4"),
    ("It is not down for everyone, it is just slow for us in the afternoon.", "SEV-3"),
    ("Your slow reply is a breach of our SLA. How do I change the font?", "SEV-4"),
    ("Nobody in the company can log in since 8am.", "SEV-1"),
    ("Three users can't log in; they use the mobile app in the meantime.", "SEV-3"),
    # written for the generalisation work (not corpus tickets): meaning, not one author's phrasing
    ("You have breached our contract: the reports page takes 30 seconds to open. It does open.", "SEV-3"),
    ("Nobody is answering our emails about the typo in the footer.", "SEV-4"),
    ("Since 7am none of our 300 staff can sign in (\"Invalid assertion\"), at every site.", "SEV-1"),
    ("Our nightly import failed; the retry button just spins and gives an error again.", "SEV-2"),
    ("The CRM sync has been 20 hours behind since yesterday; leads are not arriving.", "SEV-2"),
    ("How do you notify customers of a data breach? It is for our vendor questionnaire.", "SEV-4"),
    ("Last night's run charged every one of our members twice.", "SEV-1"),
    ("Could somebody give our new admins a crash course on the rota screen?", "SEV-4"),
    ("If we switch to the monthly plan, would our archived records be lost? Nothing is broken.", "SEV-4"),
    ("Since the upgrade our archived records were lost for every clinic.", "SEV-1"),
    ("A former employee still logs in and downloads our client list.", "SEV-1"),
    ("Exports fail sometimes; we cant fix them by hand, there are thousands.", "SEV-3"),
])
def test_negation_scope_and_sla_wording(text, severity) -> None:
    assert level(text) == severity


def test_an_executive_title_in_the_signature_or_profile_means_at_least_sev2() -> None:
    text = "Exports fail now and then; we redo them by hand."
    assert level(text) == "SEV-3"
    assert level(text, title="Chief Financial Officer") == "SEV-2"
    assert level(text + "\n\nMaria Lopez\nCOO, Norland Freight") == "SEV-2"
    assert level(text, title="Executive Assistant") == "SEV-3"


def test_disagreeing_signals_propose_the_higher_level_and_say_so() -> None:
    result = classify_severity(PLAYBOOK, "The logo colour is off. Also every payment is declined for all customers.")
    assert result.severity == "SEV-1" and result.disagree
    assert "proposing the higher level" in result.reason and "SEV-4" in result.reason


def test_the_matrix_is_configurable_data() -> None:
    settings = ImpactSettings.model_validate({"matrix": [
        {"when": {"data_lost_or_exposed": True}, "severity": "SEV-1"}, {"when": {}, "severity": "SEV-3"}]})
    assert settings.decide({"data_lost_or_exposed": True}).severity == "SEV-1"
    assert settings.decide({"workflow_blocked": True}).severity == "SEV-3"
    with pytest.raises(ValueError, match="unknown question"):
        ImpactSettings.model_validate({"matrix": [{"when": {"nope": True}, "severity": "SEV-1"}, {"severity": "SEV-4"}]})
    with pytest.raises(ValueError, match="last row"):
        ImpactSettings.model_validate({"matrix": [{"when": {"workaround": True}, "severity": "SEV-1"}]})
