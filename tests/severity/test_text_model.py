"""The linear text model (playbook/impact_linear.py) and its combination with the rules: pure
Python at run time, emotion-blind by construction, explained, only ever raising the rules'
level, and its shipped weights exactly what training on the corpus's tuning part gives."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from escalation_desk.playbook.config import Playbook
from escalation_desk.playbook.impact import PREFER_HIGHER
from escalation_desk.playbook.impact_config import ImpactSettings, TextModelSettings
from escalation_desk.playbook.impact_linear import MODEL_FILE, TextReading, features, shipped
from escalation_desk.playbook.severity import classify_severity, raised
from support.severity_corpus import load

ROOT = Path(__file__).resolve().parents[2]
PLAYBOOK = Playbook()
RULES_ONLY = Playbook(impact=ImpactSettings(text_model=TextModelSettings(enabled=False)))


def reading(severity: str, probability: float, content: int = 12) -> TextReading:
    return TextReading(severity, probability, (("word", 0.5),), content)


def test_the_shipped_model_is_small_and_scored_without_numpy_or_scikit_learn() -> None:
    assert MODEL_FILE.stat().st_size < 300_000
    code = ("import sys, json\nfrom escalation_desk.playbook.config import Playbook\n"
            "from escalation_desk.playbook.severity import classify_severity\n"
            "r = classify_severity(Playbook(), 'Nobody at any of our stores can take card payments.')\n"
            "print(json.dumps([r.reading.severity, sorted(m for m in sys.modules if m.split('.')[0] in "
            "('numpy', 'scipy', 'sklearn'))]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    level, heavy = json.loads(out.stdout)
    assert level in ("SEV-1", "SEV-2", "SEV-3", "SEV-4") and heavy == []


def test_the_model_may_only_raise_by_at_most_max_raise_when_sure_enough() -> None:
    settings = TextModelSettings(raise_at=0.4, max_raise=1)
    assert raised("SEV-2", reading("SEV-4", 0.99), settings) == "SEV-2"        # never lowers
    assert raised("SEV-4", reading("SEV-1", 0.39), settings) == "SEV-4"        # not sure enough
    assert raised("SEV-4", reading("SEV-1", 0.9), settings) == "SEV-3"         # one level at most
    assert raised("SEV-4", reading("SEV-1", 0.9), TextModelSettings(raise_at=0.4, max_raise=3)) == "SEV-1"
    assert raised("SEV-3", None, settings) == "SEV-3"
    assert raised("SEV-4", reading("SEV-1", 0.9, content=2), settings) == "SEV-4"   # too few words to say


def test_a_raise_is_a_proposal_that_names_the_models_words_and_the_rules_verdict() -> None:
    text = "Nobody at any of our stores can take card payments since nine this morning."
    rules = classify_severity(RULES_ONLY, text)
    result = classify_severity(PLAYBOOK, text)
    assert result.rules_severity == rules.severity == "SEV-4"      # the rules miss it ...
    assert result.severity == "SEV-1" and result.disagree           # ... the text model's reading proposes SEV-1
    assert result.reason.startswith(f"SEV-1 proposed by the text model SEV-1 at ") and PREFER_HIGHER in result.reason
    assert f"the rules say {rules.severity} by the rule" in result.reason
    assert any(f"“{word}”" in result.reason for word, _ in result.reading.words[:4])
    assert rules.reason.split(" (answers")[0] in result.reason        # the rules' rule stays named


def test_the_model_off_gives_the_rules_alone() -> None:
    result = classify_severity(RULES_ONLY, "The logo colour is off.")
    assert result.reading is None and "text model" not in result.reason


def test_the_text_model_is_configured_under_impact_text_model() -> None:
    playbook = Playbook.model_validate({"impact": {"text_model": {"enabled": False, "raise_at": 0.9, "max_raise": 1}}})
    assert playbook.impact.text_model == TextModelSettings(enabled=False, raise_at=0.9, max_raise=1)
    for wrong in ({"raise_at": 1.5}, {"max_raise": -1}, {"enable": True}):
        with pytest.raises(ValueError):
            Playbook.model_validate({"impact": {"text_model": wrong}})


CALM = ("Since 9:00 nobody in the company can sign in: every login ends on an error page.",
        "The invoice PDF shows our logo slightly blurred. Everything else is fine.",
        "Exports to our data warehouse fail about one run in five; a retry usually works.",
        "A user from another company could open our customer list in his dashboard.")

# Shouted in several ways (written apart from the word lists: how angry customers write).
SHOUTS = (
    lambda t: t.upper(),
    lambda t: re.sub(r"[.:](\s|$)", r"!!!\1", t).replace(", ", "?!?! "),
    lambda t: "I am absolutely furious. " + t + "\nThis is completely unacceptable!!!",
    lambda t: t + "\nHonestly, this is the worst service we have ever had. Fix it NOW!!!",
    lambda t: "URGENT!!! " + t + "\nIf this is not fixed by Friday we will cancel our contract and move to a competitor.",
    lambda t: t + "\nOur lawyers are copied. I will post about this on LinkedIn.",
    lambda t: "WTF?! " + t.upper() + "\nWe are sick and tired of this. ASAP!!!",
    lambda t: "Hi team, " + t + "\nThanks so much for looking into this when you have a moment. Kind regards",
)


@pytest.mark.parametrize("shout", range(len(SHOUTS)))
@pytest.mark.parametrize("text", CALM, ids=lambda t: t[:24])
def test_shouting_changes_no_level_of_rules_model_or_combination(text: str, shout: int) -> None:
    loud = SHOUTS[shout](text)
    assert features(loud) == features(text)
    calm, angry = classify_severity(PLAYBOOK, text), classify_severity(PLAYBOOK, loud, (), "urgent")
    assert (angry.rules_severity, angry.reading.severity, angry.severity) == \
        (calm.rules_severity, calm.reading.severity, calm.severity)


@pytest.mark.parametrize("ticket", load()[3::11], ids=lambda t: t.id)
def test_corpus_tickets_read_the_same_whatever_the_shouting(ticket) -> None:
    """Emotion-blind by construction: the model's features (so its scores) do not move, nor the
    rules' level, nor the product's."""
    text = f"{ticket.subject}\n{ticket.body}"
    calm = classify_severity(PLAYBOOK, text, (), None, ticket.title)
    for shout in SHOUTS:
        loud = classify_severity(PLAYBOOK, shout(text), (), "urgent", ticket.title)
        assert loud.reading == calm.reading
        assert (loud.rules_severity, loud.severity) == (calm.rules_severity, calm.severity)


def test_the_priority_is_never_an_input() -> None:
    text = "Exports to our data warehouse fail about one run in five; a retry usually works."
    levels = {classify_severity(PLAYBOOK, text, (), p).severity for p in (None, "low", "normal", "high", "urgent")}
    assert len(levels) == 1


def test_the_shipped_weights_are_what_training_on_the_tuning_part_gives() -> None:
    """Retrains (a few seconds with scikit-learn): the weights never drift from the corpus or the normaliser."""
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "train_severity_linear.py"), "--check"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.parametrize("text", ["Please look at this.", "Help!", "hi there", "See attached please"])
def test_a_text_that_says_nothing_is_never_raised(text: str) -> None:
    """With two or three words the model's reading is the training tickets' average, not
    evidence (the retrained model read "Please look at this." as SEV-2 at 43%)."""
    result = classify_severity(Playbook(), text, (), None, "")
    assert result.severity == "SEV-4" and "proposed by the text model" not in result.reason
