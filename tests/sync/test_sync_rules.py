"""The decisions, without the network: which tickets escalate, how they group, how severe
they are (by impact, never by emotion), and the sync state's round trip."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from escalation_desk.connectors.records import Account, Organization, Ticket, User
from escalation_desk.connectors.zendesk import comment_record, ticket_record
from escalation_desk.config import Config
from escalation_desk.errors import DeskError
from escalation_desk.sandbox.dataset import SCENARIOS, build_dataset
from escalation_desk.sync.classify import assess
from escalation_desk.sync.detect import group_tickets, select
from escalation_desk.sync.state import RecentTicket, SyncState, WrittenBack

NOW = datetime(2026, 11, 26, 12, tzinfo=timezone.utc)
CATEGORY = 360001


@pytest.fixture(scope="module")
def data():
    dataset = build_dataset()
    config = Config.model_validate({"people": [{"name": p["name"], "role": p["title"], "email": p["email"]}
                                               for p in dataset.roster]})
    users = {u["id"]: User(u["id"], u["name"], u["email"], u["role"], u["organization_id"],
                           (u.get("user_fields") or {}).get("title") or "") for u in dataset.zendesk.users}
    orgs = {o["id"]: Organization(o["id"], o["name"], o["external_id"], o["organization_fields"])
            for o in dataset.zendesk.organizations}
    tickets = {t["id"]: ticket_record(t) for t in dataset.zendesk.tickets}
    comments = {int(k): [comment_record(int(k), c) for c in v] for k, v in dataset.zendesk.comments.items()}
    return config, users, orgs, tickets, comments


def severity(data, name: str) -> str:
    config, users, _, tickets, comments = data
    ticket = tickets[SCENARIOS[name]]
    return assess(config, [ticket], comments, users, None, None, "x", [], CATEGORY, NOW).severity


def test_severity_is_business_impact_not_emotion(data) -> None:
    assert severity(data, "calm_breach") == "SEV-1"          # a polite note about a data breach
    assert severity(data, "angry_button") == "SEV-4"         # ALL CAPS about a button colour
    assert severity(data, "escalated_outage") == "SEV-1"
    assert severity(data, "escalated_sync") == "SEV-2"
    # "a breach of our SLA" is latency, not a data breach: the rules say SEV-3; the text model may propose
    # one level more (SEV-2, for a person to confirm), never the SEV-1 of a data breach
    config, users, _, tickets, comments = data
    sla = assess(config, [tickets[SCENARIOS["keyword_breach_sla"]]], comments, users, None, None, "x", [], CATEGORY, NOW)
    assert sla.severity in ("SEV-2", "SEV-3") and "SEV-3 by the rule “functionality partially impacted”" in sla.severity_reason
    assert severity(data, "exec_to_ceo") == "SEV-2"          # a customer executive escalated


def test_exec_to_ceo_and_social_triggers(data) -> None:
    config, users, orgs, tickets, comments = data
    codes = {t.code for t in assess(config, [tickets[SCENARIOS["exec_to_ceo"]]], comments, users, None, None,
                                    "Silverline", [], CATEGORY, NOW).triggers}
    assert "exec-to-ceo" in codes
    chosen = select(config, [tickets[SCENARIOS[n]] for n in ("social_named_account", "social_anonymous",
                                                             "calm_breach", "angry_button", "keyword_breach_sla")],
                    users, orgs, set(), {}, CATEGORY)
    assert chosen.ids == {SCENARIOS["social_named_account"], SCENARIOS["calm_breach"], SCENARIOS["keyword_breach_sla"]}
    breach = assess(config, [tickets[SCENARIOS["keyword_breach_sla"]]], comments, users, None, None, "Vertex", [],
                    CATEGORY, NOW)
    assert {t.code for t in breach.triggers} == {"keyword:breach"}   # not the Tier-4 "data breach" trigger


def test_no_everyday_ticket_escalates_on_its_own(data) -> None:
    config, users, orgs, tickets, _ = data
    fillers = [t for t in tickets.values() if t.id < min(SCENARIOS.values())]
    assert select(config, fillers, users, orgs, set(), {}, CATEGORY).ids == set()


def _ticket(ticket_id: int, days: float, org: int = 1, category: str = "reporting") -> Ticket:
    at = NOW - timedelta(days=days)
    return Ticket(ticket_id, "Export fails", "It fails.", "open", "normal", at, at, 1, None, org, "email",
                  (), (), ((CATEGORY, category),))


def test_three_tickets_must_fall_inside_one_window(data) -> None:
    config, users, orgs, *_ = data
    spread = [_ticket(1, 12), _ticket(2, 6), _ticket(3, 0)]      # 12 days end to end: no trigger
    assert select(config, spread, users, orgs, set(), {}, CATEGORY).ids == set()
    close = [_ticket(1, 6), _ticket(2, 3), _ticket(3, 0)]
    assert select(config, close, users, orgs, set(), {}, CATEGORY).ids == {1, 2, 3}
    # two came in earlier runs (remembered in the state), the third now
    recent = {i: RecentTicket(i, 1, "reporting", NOW - timedelta(days=d)) for i, d in ((1, 6), (2, 3))}
    chosen = select(config, [_ticket(3, 0)], users, orgs, set(), recent, CATEGORY)
    assert chosen.ids == {3} and chosen.related_ids == {1, 2}


def test_related_tickets_group_by_organization_issue_and_window(data) -> None:
    config, *_ = data
    tickets = [_ticket(1, 5), _ticket(2, 1), _ticket(3, 1, category="billing"), _ticket(4, 1, org=2),
               _ticket(5, 20)]
    groups = group_tickets(config, tickets, [], CATEGORY, {}, {})
    assert [[t.id for t in g.tickets] for g in groups] == [[5], [1, 2], [3], [4]]


def test_state_round_trips_and_fails_clearly() -> None:
    state = SyncState("abc", NOW, {7: RecentTicket(7, 1, "data", NOW)},
                      {5: WrittenBack(("esc_open", "esc_sev2"), "ESC-5", "2026-11-26T12:00:00Z")}, None)
    text = state.dumps()
    assert SyncState.loads(text).dumps() == text
    assert SyncState.loads(text).written_back[5].note == "ESC-5"
    with pytest.raises(DeskError, match="the sync state does not parse"):
        SyncState.loads('{"schema": "other"}')


def test_owner_follows_the_account_or_the_assignee(data) -> None:
    config, users, _, tickets, comments = data
    ticket = tickets[SCENARIOS["escalated_sync"]]
    account = Account("001", "Acme Corp", 1.0, None, None, None, "Priya Raman")
    assert assess(config, [ticket], comments, users, account, None, "Acme", [], CATEGORY, NOW).owner == "Priya Raman"
    by_assignee = Config.model_validate({"sync": {"owner_from": "assignee"}})
    assert assess(by_assignee, [ticket], comments, users, account, None, "Acme", [], CATEGORY,
                  NOW).owner == "Dana Whitfield"
