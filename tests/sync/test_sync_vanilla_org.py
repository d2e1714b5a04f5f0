"""A Salesforce org as a team really has it: the product learns the Account fields (describe)
and queries only those; the weekly health drop needs no custom field (SPEC §6)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from escalation_desk.sandbox import Sandbox
from escalation_desk.sandbox.dataset import ACCOUNT_IDS
from escalation_desk.tracking.parse import parse_document
from support.sync import NOW, doc_path, esc, git, head

LAKESHORE = "ESC-48205"      # Lakeshore Credit Union: health 78 → 41 this week (dataset)


def queries(sandbox: Sandbox) -> list[str]:
    return [e.query for e in sandbox.log.entries("salesforce") if "/query" in e.path]


def triggers(repo: Path, ident: str) -> tuple[str, ...]:
    return parse_document("d.md", doc_path(repo, ident).read_text()).front.triggers


def test_an_org_with_none_of_the_optional_fields_syncs_with_one_warning_each(repo: Path, sandbox: Sandbox) -> None:
    sandbox.salesforce.remove_field("Renewal_Date__c")
    sandbox.salesforce.remove_field("Health_Score__c")
    run = esc(repo, "sync")
    assert run.code == 0, run.text
    warnings = [line.strip() for line in run.out.splitlines() if line.strip().startswith("warning:")]
    assert len(warnings) == 2, run.out
    assert any("Renewal_Date__c" in w for w in warnings) and any("Health_Score__c" in w for w in warnings)
    assert all("Renewal_Date__c" not in q and "Health_Score__c" not in q for q in queries(sandbox))
    front = parse_document("d.md", doc_path(repo, "ESC-48213").read_text()).front
    assert front.arr == 2_400_000 and front.renewal_date is None and front.health_score is None
    assert "health-drop" not in triggers(repo, LAKESHORE)
    describes = [e for e in sandbox.log.entries("salesforce") if e.path.endswith("/describe/")]
    assert len(describes) == 1


def test_without_the_arr_field_the_sync_stops_with_one_line_naming_the_candidates(repo: Path,
                                                                                  sandbox: Sandbox) -> None:
    sandbox.salesforce.remove_field("ARR__c")
    before = head(repo)
    run = esc(repo, "sync")
    assert run.code == 2
    errors = [line for line in run.err.splitlines() if line.startswith("esc: error:")]
    assert len(errors) == 1 and run.err.endswith(errors[0] + "\n"), run.err
    assert "ARR__c" in errors[0] and "AnnualRevenue (Annual Revenue)" in errors[0]
    assert head(repo) == before


def test_the_weekly_health_drop_comes_from_field_history(repo: Path, sandbox: Sandbox) -> None:
    assert esc(repo, "sync").code == 0
    assert "health-drop" in triggers(repo, LAKESHORE)
    document = doc_path(repo, LAKESHORE).read_text()
    assert "Health score fell 37 points in a week (78 → 41)" in document
    state = json.loads((repo / "escalations/.sync-state.json").read_text())
    assert state["health_scores"][ACCOUNT_IDS["lakeshore"][:15]] == [[NOW, 41.0]]


def _moment(days_before_now: float) -> str:
    moment = datetime.fromisoformat(NOW.replace("Z", "+00:00")) - timedelta(days=days_before_now)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _no_field_history(sandbox: Sandbox) -> None:
    sandbox.salesforce.history.clear()
    sandbox.salesforce.tracked_fields.clear()


def _recorded(repo: Path, points: list[list]) -> None:
    """The state an earlier run committed: Lakeshore's health as it saw it."""
    state = {"schema": "escalation-desk/sync-state@1", "health_scores": {ACCOUNT_IDS["lakeshore"][:15]: points}}
    (repo / "escalations/.sync-state.json").write_text(json.dumps(state), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "an earlier sync")


def test_without_field_history_the_drop_comes_from_the_syncs_own_record(repo: Path, sandbox: Sandbox) -> None:
    _no_field_history(sandbox)
    _recorded(repo, [[_moment(3), 78.0]])
    run = esc(repo, "sync")
    assert run.code == 0, run.text
    assert "health-drop" in triggers(repo, LAKESHORE), run.out
    assert "Health score fell 37 points in a week (78 → 41)" in doc_path(repo, LAKESHORE).read_text()
    state = json.loads((repo / "escalations/.sync-state.json").read_text())
    assert state["health_scores"][ACCOUNT_IDS["lakeshore"][:15]] == [[_moment(3), 78.0], [NOW, 41.0]]


def test_a_score_from_before_the_week_is_not_a_weekly_drop(repo: Path, sandbox: Sandbox) -> None:
    _no_field_history(sandbox)
    _recorded(repo, [[_moment(20), 78.0], [_moment(8), 70.0]])    # a week ago it was 70: 29 points
    assert esc(repo, "sync").code == 0
    assert "health-drop" not in triggers(repo, LAKESHORE)


def test_a_score_held_into_the_week_counts(repo: Path, sandbox: Sandbox) -> None:
    _no_field_history(sandbox)
    _recorded(repo, [[_moment(20), 78.0], [_moment(6), 70.0]])    # 78 until six days ago
    assert esc(repo, "sync").code == 0
    assert "health-drop" in triggers(repo, LAKESHORE)


def test_no_history_and_no_record_is_no_drop(repo: Path, sandbox: Sandbox) -> None:
    _no_field_history(sandbox)
    assert esc(repo, "sync").code == 0
    assert "health-drop" not in triggers(repo, LAKESHORE)
