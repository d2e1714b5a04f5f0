"""The seeded dataset: deterministic, quick at scale, and holding the scenarios the
playbook's rules are tested against."""

from __future__ import annotations

import re
import time
from collections import Counter
from datetime import date, datetime, timedelta

import pytest

from escalation_desk.sandbox.dataset import (ACCOUNT_GROUPS, ACCOUNT_IDS, ACCOUNT_SCENARIOS, DEFAULT_NOW, SCENARIO_GROUPS,
                             SCENARIOS, Dataset, build_dataset, salesforce_id)


@pytest.fixture(scope="module")
def data() -> Dataset:
    return build_dataset()


def texts(data: Dataset, ticket: dict) -> str:
    return "\n".join([ticket["subject"]] + [c["body"] for c in data.zendesk.comments[ticket["id"]]])


def when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


# -- determinism and scale -----------------------------------------------------------------
def test_same_seed_same_bytes(data: Dataset) -> None:
    assert build_dataset(seed=7).to_json() == data.to_json()
    assert build_dataset(seed=8).fingerprint() != data.fingerprint()
    assert build_dataset(seed=7, now=DEFAULT_NOW + timedelta(days=1)).fingerprint() != data.fingerprint()


def test_ten_thousand_tickets_are_quick() -> None:
    started = time.process_time()  # CPU time: not inflated by other processes on the machine
    big = build_dataset(tickets=10_000)
    assert time.process_time() - started < 6  # ~2.5 s
    assert len(big.zendesk.tickets) == 10_000 and len({t["id"] for t in big.zendesk.tickets}) == 10_000
    assert big.ticket("calm_breach")["id"] == SCENARIOS["calm_breach"]


def test_too_few_tickets_for_the_scenarios() -> None:
    with pytest.raises(ValueError, match="at least"):
        build_dataset(tickets=5)


# -- shape -----------------------------------------------------------------------------------
def test_counts_and_variety(data: Dataset) -> None:
    zd = data.zendesk
    assert len(zd.tickets) == 240 and len(zd.organizations) >= 20
    assert Counter(t["via"]["channel"] for t in zd.tickets).keys() == {"email", "web", "voice", "twitter", "facebook"}
    assert {t["priority"] for t in zd.tickets} == {"urgent", "high", "normal", "low", None}
    assert {"new", "open", "pending", "solved", "closed"} <= {t["status"] for t in zd.tickets}
    roles = Counter(u["role"] for u in zd.users)
    assert roles["agent"] >= 6 and roles["end-user"] >= 60
    executives = [u for u in zd.users if u["user_fields"].get("executive")]
    assert "CFO" in {u["user_fields"]["title"] for u in executives}


def test_times_and_threads(data: Dataset) -> None:
    now = data.now
    comment_ids: list[tuple[str, int]] = []
    for ticket in data.zendesk.tickets:
        comments = data.zendesk.comments[ticket["id"]]
        assert comments[0]["body"] == ticket["description"]
        assert now - timedelta(days=30) <= when(ticket["created_at"]) <= when(ticket["updated_at"]) <= now
        assert all(ticket["created_at"] <= c["created_at"] <= ticket["updated_at"] for c in comments)
        comment_ids += [(c["created_at"], c["id"]) for c in comments]
    assert sorted(comment_ids) == sorted(comment_ids, key=lambda pair: pair[1])  # ids grow with time
    kinds = Counter((c["public"], c["author_id"] < 7000) for cs in data.zendesk.comments.values() for c in cs)
    assert kinds[(True, True)] and kinds[(False, True)] and kinds[(True, False)]  # replies, notes, customers


def test_organizations_map_to_salesforce_accounts(data: Dataset) -> None:
    accounts = {a["Id"]: a for a in data.salesforce_accounts}
    assert {o["external_id"] for o in data.zendesk.organizations} == set(accounts)
    for org in data.zendesk.organizations:
        assert accounts[org["external_id"]]["Name"] == org["name"] and org["domain_names"]
    agents = {u["email"]: u for u in data.zendesk.users if u["role"] in ("agent", "admin")}
    for account in accounts.values():
        assert re.fullmatch(r"001[A-Za-z0-9]{15}", account["Id"]) and salesforce_id(account["Id"][:15]) == account["Id"]
        assert agents[account["Owner"]["Email"]]["name"] == account["Owner"]["Name"]
        date.fromisoformat(account["Renewal_Date__c"])
        assert set(account) == {"Id", "Name", "ARR__c", "Renewal_Date__c", "Health_Score__c",
                                "Industry", "OwnerId", "Owner"}   # only SPEC §6's documented custom fields


def test_account_scenarios(data: Dataset) -> None:
    accounts = {a["Id"]: a for a in data.salesforce_accounts}
    by_arr = sorted(accounts.values(), key=lambda a: a["ARR__c"], reverse=True)
    total = sum(a["ARR__c"] for a in by_arr)
    top = accounts[ACCOUNT_SCENARIOS["top_arr"]]
    assert by_arr[0] is top and top["ARR__c"] > 1.5 * by_arr[1]["ARR__c"] and top["ARR__c"] > 0.01 * total
    drops = {h["AccountId"] for h in data.salesforce_history
             if h["Field"] == "Health_Score__c" and h["OldValue"] - h["NewValue"] >= 30}
    assert all(accounts[h["AccountId"]]["Health_Score__c"] == h["NewValue"] for h in data.salesforce_history)
    assert drops == {ACCOUNT_SCENARIOS["health_drop"]}
    soon = {a["Id"] for a in by_arr if date.fromisoformat(a["Renewal_Date__c"]) <= data.now.date() + timedelta(days=90)}
    assert soon == set(ACCOUNT_GROUPS["renewal_within_90_days"]) and len(soon) >= 3


def test_github_seed_and_roster(data: Dataset) -> None:
    assert data.github["full_name"] == "acme-cs/escalations" and data.github["default_branch"] == "main"
    assert "overdue-update" in {label["name"] for label in data.github["labels"]}
    logins = {c["login"] for c in data.github["collaborators"]}
    assert {p["github"] for p in data.roster} == logins
    owners = {a["Owner"]["Name"] for a in data.salesforce_accounts}
    assert owners <= {p["name"] for p in data.roster if p["salesforce_user_id"]}


# -- scenarios ---------------------------------------------------------------------------------
def test_every_scenario_ticket_exists_with_its_id(data: Dataset) -> None:
    ids = {t["id"] for t in data.zendesk.tickets}
    assert set(SCENARIOS.values()) <= ids
    assert all(set(group) <= ids for group in SCENARIO_GROUPS.values())


def test_keyword_triggers(data: Dataset) -> None:
    assert "we will cancel our subscription" in texts(data, data.ticket("keyword_cancel"))
    assert "Our legal team" in texts(data, data.ticket("keyword_legal"))
    assert "breach of the 500 ms" in texts(data, data.ticket("keyword_breach_sla"))


def test_calm_breach_and_angry_button(data: Dataset) -> None:
    calm, angry = data.ticket("calm_breach"), data.ticket("angry_button")
    assert "data breach" in calm["description"] and calm["priority"] == "low"
    assert "!" not in calm["description"] and not re.search(r"\b[A-Z]{5,}\b", calm["description"])
    assert angry["priority"] == "urgent" and angry["description"] == angry["description"].upper()
    assert "BUTTON" in angry["description"]
    assert not re.search(r"cancel|legal|breach", texts(data, angry), re.IGNORECASE)


def test_three_related_tickets_in_seven_days(data: Dataset) -> None:
    group = [next(t for t in data.zendesk.tickets if t["id"] == i) for i in SCENARIO_GROUPS["three_related"]]
    assert len({t["organization_id"] for t in group}) == 1 and all("export_timeout" in t["tags"] for t in group)
    created = sorted(when(t["created_at"]) for t in group)
    assert created[-1] - created[0] <= timedelta(days=7)


def test_social_and_executive_scenarios(data: Dataset) -> None:
    users = {u["id"]: u for u in data.zendesk.users}
    social = data.ticket("social_named_account")
    assert social["via"]["channel"] == "twitter" and social["organization_id"] is not None
    assert data.ticket("social_anonymous")["organization_id"] is None
    exec_mail = data.ticket("exec_to_ceo")
    ceo = next(u for u in data.zendesk.users if u["user_fields"].get("title") == "CEO" and u["role"] != "end-user")
    assert exec_mail["recipient"] == ceo["email"] == exec_mail["via"]["source"]["to"]["address"]
    assert users[exec_mail["requester_id"]]["user_fields"]["title"] == "CFO"


def test_hostile_texts(data: Dataset) -> None:
    bodies = {name: data.ticket(name)["description"] for name in SCENARIOS if name.startswith("hostile_")}
    assert bodies["hostile_front_matter"].startswith("---\n")
    assert "{{" in bodies["hostile_template"] and "{%" in bodies["hostile_template"]
    assert "<script>" in bodies["hostile_html"] and "<!-- zd:comment:" in bodies["hostile_html"]
    assert max(len(line) for line in bodies["hostile_long_line"].splitlines()) == 5000
    assert "\n## " in bodies["hostile_markdown"] and "::set-output" in bodies["hostile_workflow_command"]
    assert {data.ticket(n)["id"] for n in bodies} <= set(SCENARIO_GROUPS["tagged_escalation"])


def test_spec_example_timing(data: Dataset) -> None:
    sync = data.ticket("escalated_sync")
    assert sync["created_at"] == "2026-11-20T14:05:00Z" and sync["organization_id"] == 1001
    first_reply = data.zendesk.comments[sync["id"]][1]
    assert first_reply["created_at"] == "2026-11-20T14:40:00Z" and first_reply["public"]
    assert data.ticket("acme_followup")["organization_id"] == 1001


def test_fillers_trip_no_trigger(data: Dataset) -> None:
    scenario_ids = set(SCENARIOS.values())
    fillers = [t for t in data.zendesk.tickets if t["id"] not in scenario_ids]
    for ticket in fillers:
        assert not re.search(r"\b(cancel|legal|breach)", texts(data, ticket), re.IGNORECASE), ticket["id"]
        assert "escalation" not in ticket["tags"]
        assert ticket["recipient"] in (None, "support@northbeam.example")
    by_issue: dict[tuple, list[datetime]] = {}
    for ticket in data.zendesk.tickets:
        if ticket["organization_id"] is not None:
            by_issue.setdefault((ticket["organization_id"], ticket["custom_fields"][0]["value"]), []).append(
                when(ticket["created_at"]))
    clusters = {key for key, times in by_issue.items()
                if any(b - a <= timedelta(days=7) for a, b in zip(sorted(times), sorted(times)[2:]))}
    assert clusters == {(1005, "reporting")}  # only Meridian's export timeouts


def test_account_ids_are_seed_independent() -> None:
    assert ACCOUNT_IDS["acme"] == "001Dn00000AbCdEIAV"
    other = build_dataset(seed=99)
    assert {a["Id"] for a in other.salesforce_accounts} == set(ACCOUNT_IDS.values())
    assert other.ticket("escalated_sync")["subject"] == "Salesforce sync stopped"
