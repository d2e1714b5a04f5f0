"""Repeat escalations against the sandbox: a reopened ticket of a resolved escalation, and a
second escalation for the same customer and category, each become a new document linked to
the earlier one (`follows`, and a Timeline line saying so), and bring the executive sponsor
within 24 hours."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from escalation_desk.sandbox import Sandbox
from escalation_desk.sandbox.dataset_text import FIELD_CATEGORY
from escalation_desk.tracking.parse import parse_document
from support.sync import doc_path, esc, git, make_repo, upstream_later

SOLVED = 48215      # Willow: gradebook import, solved in Zendesk (the sandbox's resolved escalation)
ACME = 48213        # Acme: Salesforce sync, category "integration"


def docs(repo: Path) -> dict[str, object]:
    found = {}
    for path in sorted((repo / "escalations").glob("ESC-*.md")):
        doc = parse_document(str(path.relative_to(repo)), path.read_text(encoding="utf-8"))
        found[doc.id] = doc
    return found


def later(sandbox: Sandbox, minutes: int = 30) -> str:
    return (sandbox.zendesk.now + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def overdue_items(repo: Path, now: str, ident: str) -> dict[str, dict]:
    result = esc(repo, "overdue", "--json", now=now)
    assert result.code == 0, result.text
    for escalation in json.loads(result.out)["escalations"]:
        if escalation["id"] == ident:
            return {i["kind"]: i for i in escalation["items"]}
    return {}


def test_a_reopened_ticket_is_a_new_escalation_that_follows_the_resolved_one(tmp_path: Path, sandbox: Sandbox,
                                                                             sandbox_env: dict) -> None:
    # Willow's $120K ARR would call for the sponsor at once; this team's threshold is higher.
    repo = make_repo(tmp_path / "docs", sandbox, extra="[executive]\narr_at_risk = 250000\n")
    assert esc(repo, "sync").code == 0
    before = doc_path(repo, f"ESC-{SOLVED}").read_text(encoding="utf-8")
    assert "status: Resolved" in before

    upstream_later(sandbox)
    requester = sandbox.zendesk.users[sandbox.zendesk.tickets[SOLVED]["requester_id"]]
    sandbox.zendesk.update_ticket(SOLVED, {"status": "open", "comment": {
        "body": "Hi team,\n\nThe duplicates are back after last night's import.\n\nThanks,\nHannah", "public": True}},
        requester)
    now = later(sandbox)
    run = esc(repo, "sync", now=now)
    assert run.code == 0, run.text

    found = docs(repo)
    new = [d for d in found.values() if d.front.follows == f"ESC-{SOLVED}"]
    assert len(new) == 1, sorted(found)
    doc = new[0]
    assert doc.id != f"ESC-{SOLVED}" and doc.front.zendesk_tickets == (SOLVED,) and doc.front.is_open
    line = next(e for e in doc.timeline if e.marker == f"esc:follows:ESC-{SOLVED}")
    assert line.text.startswith(f"Ticket #{SOLVED} reopened after ESC-{SOLVED} was resolved (")
    assert doc.front.opened.replace(second=0) == line.at    # it opened when the ticket was reopened
    # The finished record is left as it was.
    assert doc_path(repo, f"ESC-{SOLVED}").read_text(encoding="utf-8") == before

    # A repeat brings the sponsor within 24 hours of the new escalation, and the sync's Timeline says why.
    engage = overdue_items(repo, (doc.front.opened + timedelta(hours=25)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                           doc.id)["exec_followup"]
    assert f"a second escalation (follows ESC-{SOLVED})" in engage["rule"]
    assert engage["due"] == (doc.front.opened + timedelta(hours=24)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert any(e.marker == "esc:exec-sponsor" and f"follows ESC-{SOLVED}" in e.text for e in doc.timeline)
    brief = esc(repo, "brief", doc.id, now=now)
    assert f"This escalation follows ESC-{SOLVED}." in brief.out

    # The next sync updates the new escalation; it does not open a third.
    upstream_later(sandbox)
    sandbox.zendesk.add_comment(SOLVED, "Any news?", requester["id"], public=True)
    assert esc(repo, "sync", now=later(sandbox)).code == 0
    again = docs(repo)
    assert len(again) == len(found)
    assert any("Any news?" in e.text for e in again[doc.id].timeline)


def test_a_second_escalation_for_the_same_customer_and_category_follows_the_first(tmp_path: Path, sandbox: Sandbox,
                                                                               sandbox_env: dict) -> None:
    repo = make_repo(tmp_path / "docs", sandbox)
    assert esc(repo, "sync").code == 0
    assert docs(repo)[f"ESC-{ACME}"].front.category == "integration"
    assert esc(repo, "resolve", f"ESC-{ACME}").code == 0
    git(repo, "commit", "-qam", "resolved")

    upstream_later(sandbox)
    requester = sandbox.zendesk.users[sandbox.zendesk.tickets[ACME]["requester_id"]]
    ticket, _ = sandbox.zendesk.create_ticket({
        "subject": "Opportunities not syncing again", "tags": ["escalation"], "priority": "high",
        "custom_fields": [{"id": FIELD_CATEGORY, "value": "integration"}],
        "comment": {"body": "Hello,\n\nOpportunity updates stopped reaching Salesforce again this morning."}},
        requester)
    run = esc(repo, "sync", now=later(sandbox))
    assert run.code == 0, run.text
    doc = docs(repo)[f"ESC-{ticket['id']}"]
    assert doc.front.follows == f"ESC-{ACME}"
    line = next(e for e in doc.timeline if e.marker == f"esc:follows:ESC-{ACME}")
    assert line.text.startswith(f"Second escalation for Acme Corp (integration) within 30 d: follows ESC-{ACME} (")
    # The brief quotes the customer without the salutation.
    brief = esc(repo, "brief", doc.id, now=later(sandbox))
    assert "Acme Corp wrote: “Opportunity updates stopped reaching Salesforce again this morning.”" in brief.out
    assert "Hello," not in brief.out
    # Another customer's ticket of the same category follows nothing.
    assert all(d.front.follows in (None, f"ESC-{ACME}") for d in docs(repo).values())
