"""The Zendesk adapter against the sandbox, through zenpy unmodified: records out, no SDK
types, side-loads instead of a request per person, paging, write-back, errors."""

from __future__ import annotations

import os
from datetime import datetime, timezone

import pytest

from escalation_desk.connectors.env import ZendeskCredentials
from escalation_desk.connectors.errors import SourceError
from escalation_desk.connectors.records import Comment, Organization, Ticket, User
from escalation_desk.connectors.transport import CallStats, RetryPolicy
from escalation_desk.connectors.zendesk import ZendeskSource
from escalation_desk.config import Config
from escalation_desk.errors import DeskError
from escalation_desk.sandbox import Sandbox
from escalation_desk.sandbox.core import Fault
from escalation_desk.sandbox.dataset import ACCOUNT_IDS, SCENARIOS

START = datetime(2026, 10, 27, 12, tzinfo=timezone.utc)
ACME = SCENARIOS["escalated_sync"]


def test_zendesk_url_decides_where_zenpy_goes(zendesk: ZendeskSource, sandbox: Sandbox) -> None:
    assert os.environ["ZENPY_FORCE_SCHEME"] == "http"
    assert os.environ["ZENPY_FORCE_NETLOC"] == sandbox.url("zendesk").split("//", 1)[1]


def test_changed_tickets_come_with_people_and_organizations(zendesk: ZendeskSource, sandbox: Sandbox) -> None:
    changes = zendesk.changed_tickets(None, START)
    assert len(changes.tickets) == len(sandbox.zendesk.tickets) and changes.cursor
    acme = next(t for t in changes.tickets if t.id == ACME)
    assert isinstance(acme, Ticket) and acme.channel == "email" and "escalation" in acme.tags
    assert acme.created_at == datetime(2026, 11, 20, 14, 5, tzinfo=timezone.utc)
    requester = changes.users[acme.requester_id]
    assert isinstance(requester, User) and requester.name == "Jordan Ellis" and requester.title == "IT Director"
    org = changes.organizations[acme.organization_id]
    assert isinstance(org, Organization) and org.external_id == ACCOUNT_IDS["acme"]
    paths = [e.path for e in sandbox.log.entries("zendesk")]
    assert all(p.startswith("/api/v2/incremental/tickets/cursor") for p in paths), paths   # side-loaded
    assert changes.requests == len(paths) == 1
    # resuming from the cursor: nothing new, one request
    sandbox.log.clear()
    again = zendesk.changed_tickets(changes.cursor, START)
    assert again.tickets == () and sandbox.log.count("zendesk") == 1


def test_comments_page_through_and_stay_plain_records(zendesk: ZendeskSource, sandbox: Sandbox) -> None:
    agent = next(u["id"] for u in sandbox.zendesk.users.values() if u["role"] == "agent")
    for n in range(120):
        sandbox.zendesk.add_comment(ACME, f"note {n}", agent, public=False)
    sandbox.log.clear()
    comments = zendesk.comments(ACME)
    assert len(comments) == len(sandbox.zendesk.comments[ACME]) > 100
    assert all(isinstance(c, Comment) and c.ticket_id == ACME for c in comments)
    assert comments[0].public and comments[-1].body == "note 119" and not comments[-1].public
    assert sandbox.log.count("zendesk") == 2


def test_people_missing_from_side_loads_come_in_batches(zendesk: ZendeskSource, sandbox: Sandbox) -> None:
    ids = sorted(sandbox.zendesk.users)[:150]
    users = zendesk.users(ids)
    assert sorted(users) == ids
    assert sandbox.log.count("zendesk", path_prefix="/api/v2/users/show_many") == 2


def test_write_back_adds_and_removes_tags_and_notes_privately(zendesk: ZendeskSource, sandbox: Sandbox) -> None:
    sandbox.zendesk.tickets[ACME]["tags"].append("esc_sev3")
    updated = zendesk.write_back(ACME, ["esc_sev2", "esc_open"], ["esc_sev3"], "Escalation Desk is tracking this")
    ticket = sandbox.zendesk.tickets[ACME]
    assert "esc_sev2" in ticket["tags"] and "esc_sev3" not in ticket["tags"] and "escalation" in ticket["tags"]
    assert updated == ticket["updated_at"]
    note = sandbox.zendesk.comments[ACME][-1]
    assert note["body"] == "Escalation Desk is tracking this" and note["public"] is False
    assert sandbox.log.count("zendesk", method="PUT") == 1


def test_closed_tickets_are_read_only(zendesk: ZendeskSource, sandbox: Sandbox) -> None:
    closed = next(t["id"] for t in sandbox.zendesk.tickets.values() if t["status"] == "closed")
    assert zendesk.write_back(closed, ["esc_sev4"], [], None) is None
    assert zendesk.write_back(999_999, ["esc_sev4"], [], None) is None


def test_oauth_token_works_too(sandbox: Sandbox, sandbox_env: dict, policy: RetryPolicy,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZENDESK_EMAIL")
    monkeypatch.delenv("ZENDESK_API_TOKEN")
    monkeypatch.setenv("ZENDESK_OAUTH_TOKEN", sandbox.zendesk.oauth_token)
    source = ZendeskSource(ZendeskCredentials.from_env(), Config().zendesk, policy, CallStats())
    assert source.issue_field_id("Category") == 360001
    assert source.issue_field_id("No such field") is None


def test_failures_are_one_clear_line(zendesk: ZendeskSource, sandbox: Sandbox, sleeps: list) -> None:
    sandbox.faults["zendesk"].add(Fault("429", times=None, retry_after=30))
    with pytest.raises(SourceError) as caught:
        zendesk.comments(ACME)
    assert str(caught.value).startswith("Zendesk: reading the comments of ticket #48213: still rate limited")
    assert sleeps == []          # 30 s is over the budget: no waiting at all
    sandbox.faults["zendesk"].clear()
    sandbox.faults["zendesk"].add(Fault("503", times=None))
    with pytest.raises(SourceError, match=r"unavailable \(HTTP 503 after retries\)"):
        zendesk.comments(ACME)
    assert sleeps == [0.5, 1.0, 2.0]


@pytest.mark.parametrize("env,message", [
    ({}, "ZENDESK_URL is not set"),
    ({"ZENDESK_URL": "ftp://x"}, "ZENDESK_URL is not an http\\(s\\) URL"),
    ({"ZENDESK_URL": "https://acme.zendesk.com/api/v2"}, "without a path"),
    ({"ZENDESK_URL": "https://me:pw@acme.zendesk.com"}, "must not contain credentials"),
    ({"ZENDESK_URL": "https://acme.zendesk.com", "ZENDESK_EMAIL": "a@b.c"}, "Zendesk credentials are not set"),
])
def test_credentials_come_from_the_environment_with_clear_errors(env: dict, message: str) -> None:
    with pytest.raises(DeskError, match=message):
        ZendeskCredentials.from_env(env)


def test_credentials_never_show_their_secrets() -> None:
    creds = ZendeskCredentials.from_env({"ZENDESK_URL": "acme.zendesk.com", "ZENDESK_EMAIL": "a@b.c",
                                         "ZENDESK_API_TOKEN": "s3cr3t-token"})
    assert creds.base_url == "https://acme.zendesk.com" and creds.subdomain == "acme"
    assert "s3cr3t" not in repr(creds) and creds.secrets() == ("s3cr3t-token",)


def test_a_configured_search_selects_tickets(zendesk: ZendeskSource) -> None:
    found = zendesk.ticket_ids_matching("type:ticket tags:export_timeout")
    assert found == {48201, 48202, 48203}
