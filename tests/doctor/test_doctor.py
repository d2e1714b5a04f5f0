"""`esc doctor` against the sandbox: a healthy setup passes; each seeded misconfiguration is
reported on its own line with its fix, and a blocker exits 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from escalation_desk.sandbox import Sandbox
from support.sync import esc, make_repo


@pytest.fixture
def repo(tmp_path: Path, sandbox: Sandbox, sandbox_env: dict) -> Path:
    roster = "\n".join(f'[[people]]\nname = "{p["name"]}"\nrole = "{p["title"]}"\ngithub = "{p["github"]}"\n'
                       for p in sandbox.dataset.roster[:3] if p["github"])
    path = make_repo(tmp_path / "docs", sandbox)
    (path / "escalations.toml").write_text(roster, encoding="utf-8")
    return path


def line(run, item: str) -> str:
    found = [l for l in run.out.splitlines() if f"  {item}" in l]
    assert found, run.out
    return found[0]


def test_a_healthy_setup_passes(repo: Path) -> None:
    run = esc(repo, "doctor")
    assert run.code == 0, run.text
    assert line(run, "Zendesk permissions").startswith("ok")
    assert line(run, "Salesforce fields").startswith("ok")
    assert line(run, "GitHub access").startswith("ok")
    assert line(run, "business hours").startswith("ok")
    assert "roster login" in run.out and "checks passed" in run.out


def test_a_missing_variable(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZENDESK_API_TOKEN")
    monkeypatch.delenv("ZENDESK_OAUTH_TOKEN", raising=False)
    run = esc(repo, "doctor")
    assert run.code == 1
    assert line(run, "Zendesk variables").startswith("FAIL") and "fix:" in line(run, "Zendesk variables")


def test_a_refused_zendesk_token(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZENDESK_API_TOKEN", "wrong")
    run = esc(repo, "doctor")
    assert run.code == 1
    text = line(run, "Zendesk permissions")
    assert text.startswith("FAIL") and "401" in text and "fix: check ZENDESK_EMAIL" in text
    assert "wrong" not in run.text


def test_a_missing_arr_field_and_a_missing_optional_field(repo: Path, sandbox: Sandbox) -> None:
    sandbox.salesforce.remove_field("Renewal_Date__c")
    run = esc(repo, "doctor")
    assert run.code == 0
    assert line(run, "Salesforce optional field").startswith("warn") and "Renewal_Date__c" in run.out
    sandbox.salesforce.remove_field("ARR__c")
    run = esc(repo, "doctor")
    assert run.code == 1
    text = line(run, "Salesforce fields")
    assert "ARR__c" in text and "AnnualRevenue (Annual Revenue)" in text


def test_a_repository_the_token_cannot_see(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_REPOSITORY", "acme/nope")
    monkeypatch.setenv("ESC_GITHUB_RETRIES", "0")
    run = esc(repo, "doctor")
    assert run.code == 1
    assert "GITHUB_REPOSITORY" in line(run, "GitHub access")


def test_a_roster_login_that_cannot_be_assigned(repo: Path) -> None:
    with (repo / "escalations.toml").open("a", encoding="utf-8") as out:
        out.write('\n[[people]]\nname = "Ghost"\nrole = "CSM"\ngithub = "no-such-person"\n')
    run = esc(repo, "doctor")
    assert run.code == 0
    text = line(run, "roster login no-such-person")
    assert text.startswith("warn") and "invite no-such-person" in text


def test_the_actions_pull_request_setting_with_pr(repo: Path, sandbox: Sandbox) -> None:
    run = esc(repo, "doctor", "--pr")
    text = line(run, "Actions may open pull requests")
    assert text.startswith("FAIL") and "Allow GitHub Actions to create and approve pull requests" in text
    assert run.code == 1
    sandbox.github.actions_can_create_prs = True
    assert line(esc(repo, "doctor", "--pr"), "Actions may open pull requests").startswith("ok")


def test_bad_business_hours(repo: Path) -> None:
    with (repo / "escalations.toml").open("a", encoding="utf-8") as out:
        out.write('\n[business_hours]\ntimezone = "Mars/Olympus"\n')
    run = esc(repo, "doctor")
    assert run.code == 2 and "business_hours.timezone" in run.err


def test_an_empty_roster_says_which_rules_it_switches_off(repo: Path) -> None:
    (repo / "escalations.toml").write_text("", encoding="utf-8")
    run = esc(repo, "doctor")
    assert run.code == 0, run.text                       # a warning: the sync still works
    text = line(run, "roster")
    assert text.startswith("warn") and "owner-level" in text and "CEO" in text and "fix:" in text


def test_a_roster_without_our_ceo_says_the_trigger_is_off(repo: Path) -> None:
    config = repo / "escalations.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[triggers]\nceo_addresses = []\n", encoding="utf-8")
    run = esc(repo, "doctor")
    assert line(run, "roster").startswith("ok")
    assert line(run, "our CEO").startswith("warn") and "ceo_addresses" in line(run, "our CEO")
