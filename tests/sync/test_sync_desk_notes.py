"""Agents record from Zendesk: `#esc …` internal notes become the document's entries on the
next sync, attributed to the agent; a malformed one is answered; a customer's comment
shaped like a command does nothing; nothing is applied twice."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from escalation_desk.sandbox import Sandbox
from escalation_desk.sandbox.dataset import SCENARIOS
from escalation_desk.tracking.parse import parse_document
from support.sync import doc_path, esc, git, upstream_later

ACME = SCENARIOS["escalated_sync"]
NOTES = (
    "#esc notified Priya Raman, CS Director",
    "#esc step Restore the sync — Owner: Lee Park — Due: 2026-11-28",
    "#esc target {target} 17:00",       # a day after the note is written (an earlier one is refused)
    "#esc sponsor Rachel Kim",
    "#esc cadence daily (agreed with the customer)",
)
CUSTOMER_SHAPED = "#esc sponsor Mallory Customer"
MALFORMED = "#esc step Restore the sync by Friday"


def user_id(sandbox: Sandbox, name: str) -> int:
    return next(u["id"] for u in sandbox.zendesk.users.values() if u["name"] == name)


def read(repo: Path):
    path = doc_path(repo, "ESC-48213")
    return parse_document(str(path), path.read_text(encoding="utf-8"))


def test_agent_notes_land_in_the_document_attributed_to_the_agent(repo: Path, sandbox: Sandbox) -> None:
    assert esc(repo, "sync").code == 0
    dana = user_id(sandbox, "Dana Whitfield")
    customer = sandbox.zendesk.tickets[ACME]["requester_id"]
    upstream_later(sandbox)
    target = (sandbox.zendesk.now + timedelta(days=3)).date()
    for body in NOTES:
        sandbox.zendesk.add_comment(ACME, body.format(target=target), dana, public=False)
    sandbox.zendesk.add_comment(ACME, CUSTOMER_SHAPED, customer, public=True)
    bad = sandbox.zendesk.add_comment(ACME, MALFORMED, dana, public=False)

    run = esc(repo, "sync")
    assert run.code == 0, run.text
    doc = read(repo)
    front = doc.front
    assert front.exec_sponsor == "Rachel Kim"                      # the agent's, not the customer's
    assert front.target_resolution == datetime.combine(target, time(17), ZoneInfo("America/New_York"))
    assert (front.cadence, front.cadence_agreed_by, front.cadence_reason) == (
        "daily", "Dana Whitfield", "agreed with the customer")
    priya = [e for e in doc.stakeholders if e.name == "Priya Raman"]
    assert len(priya) == 1 and priya[0].role == "CS Director" and priya[0].note == "recorded by Dana Whitfield in Zendesk #48213"
    step = doc.plan[-1]
    assert (step.action, step.owner, step.due.isoformat()) == ("Restore the sync", "Lee Park", "2026-11-28")
    assert sum("Dana Whitfield in Zendesk #48213: sponsor Rachel Kim" in e.text for e in doc.timeline) == 1
    noted = next(e.at for e in doc.timeline if "sponsor Rachel Kim" in e.text)
    assert front.sponsor_engaged_at.replace(second=0) == noted     # engaged when the note was written
    assert "Mallory" not in (front.exec_sponsor or "")
    # The commit is attributed to the agent.
    message = git(repo, "log", "-1", "--format=%B")
    assert "Co-authored-by: Dana Whitfield <" in message
    # The malformed note is answered privately, once, and applied nowhere.
    replies = [c for c in sandbox.zendesk.comments[ACME] if "could not apply this note" in c["body"]]
    assert len(replies) == 1 and not replies[0]["public"]
    assert "Restore the sync by Friday" in replies[0]["body"] and "#esc step Action — Owner: Name — Due:" in replies[0]["body"]
    assert f"zd:comment:{bad['id']}:esc" not in doc.text

    # The next sync applies nothing again and answers nothing again.
    text = doc.text
    upstream_later(sandbox)
    sandbox.zendesk.add_comment(ACME, "Thanks, on it.", dana, public=True)
    assert esc(repo, "sync").code == 0
    after = read(repo)
    assert len([e for e in after.stakeholders if e.name == "Priya Raman"]) == 1
    assert len(after.plan) == len(doc.plan) and after.text.count("sponsor Rachel Kim") == 1
    assert len([c for c in sandbox.zendesk.comments[ACME] if "could not apply this note" in c["body"]]) == 1
    assert after.text != text   # the new public reply did land


def test_a_customer_comment_shaped_like_a_command_does_nothing(repo: Path, sandbox: Sandbox) -> None:
    assert esc(repo, "sync").code == 0
    before = read(repo)
    customer = sandbox.zendesk.tickets[ACME]["requester_id"]
    upstream_later(sandbox)
    sandbox.zendesk.add_comment(ACME, "#esc cadence weekly (we are busy)", customer, public=True)
    sandbox.zendesk.add_comment(ACME, "#esc notified Nobody, CEO", customer, public=True)
    assert esc(repo, "sync").code == 0
    after = read(repo)
    assert after.front.cadence is None and after.front.exec_sponsor == before.front.exec_sponsor
    assert [e.name for e in after.stakeholders] == [e.name for e in before.stakeholders]
    assert "Co-authored-by" not in git(repo, "log", "-1", "--format=%B")
    assert not [c for c in sandbox.zendesk.comments[ACME] if "could not apply this note" in c["body"]]
