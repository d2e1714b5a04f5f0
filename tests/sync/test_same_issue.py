""""Same issue" without a custom field, measured on a hand-written corpus of related and
unrelated ticket pairs (tests/sync/data/same_issue_pairs.yaml, written apart from the code)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from escalation_desk.connectors.records import Ticket
from escalation_desk.sync.sameissue import Signature, identifiers, same_issue, signature

CORPUS = yaml.safe_load((Path(__file__).parent / "data" / "same_issue_pairs.yaml").read_text(encoding="utf-8"))
WHEN = datetime(2026, 11, 20, 12, tzinfo=timezone.utc)


def ticket(spec: dict, default_id: int) -> Ticket:
    return Ticket(id=spec.get("id", default_id), subject=spec["subject"], description=spec["description"],
                  status="open", priority="normal", created_at=WHEN, updated_at=WHEN, organization_id=1,
                  type=spec.get("type"), problem_id=spec.get("problem_id"))


def judged() -> list[tuple[dict, str | None]]:
    out = []
    for n, pair in enumerate(CORPUS):
        a, b = ticket(pair["a"], 1000 + 2 * n), ticket(pair["b"], 1001 + 2 * n)
        out.append((pair, same_issue(signature(a), signature(b))))
    return out


def test_the_corpus_has_both_kinds_in_numbers() -> None:
    related = sum(1 for p in CORPUS if p["related"])
    assert related >= 12 and len(CORPUS) - related >= 15


def test_no_unrelated_pair_is_grouped() -> None:
    false = [(p["why"], evidence) for p, evidence in judged() if not p["related"] and evidence]
    assert false == [], false


def test_related_pairs_are_found_with_their_evidence() -> None:
    results = [(p, evidence) for p, evidence in judged() if p["related"]]
    missed = [p["why"] for p, evidence in results if not evidence]
    recall = 1 - len(missed) / len(results)
    assert recall >= 0.9, missed
    evidence = {p["why"]: e for p, e in results}
    assert evidence["same error code, different wording"] == "shared error code EXP-5012"
    assert evidence["same invoice number"] == "shared invoice number INV-20931"
    assert evidence["problem ticket and its incident"] == "linked to problem ticket #9001"
    assert evidence["near-identical subjects"] == "near-identical wording"


def test_the_configured_field_decides_when_both_tickets_carry_it() -> None:
    a = Signature(1, field="reporting", identifiers=("code:EXP-5012",))
    b = Signature(2, field="billing", identifiers=("code:EXP-5012",))
    assert same_issue(a, b) is None
    assert same_issue(a, Signature(3, field="reporting")) == "same issue field value “reporting”"
    assert same_issue(a, Signature(4, identifiers=("code:EXP-5012",))) == "shared error code EXP-5012"


@pytest.mark.parametrize("text, found", [
    ("failed with EXP-5012 and HTTP-500", ("code:EXP-5012",)),
    ("invoice no. INV-20931, PO# 4500012345", ("invoice:INV-20931", "po:4500012345")),
    ("order 12 of 2026-11-20, version 4.2.1, call +1 555 0100", ()),
    ("see ESC-48213", ()),
])
def test_identifiers(text: str, found: tuple[str, ...]) -> None:
    assert identifiers(text) == found
