"""Three tickets from one organization on the same failing export, in an account with no
category field: one Tier-2 escalation, its Timeline naming the tickets and the evidence."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from escalation_desk.sandbox import Sandbox
from escalation_desk.tracking.parse import parse_document
from support.sync import esc

NOW = datetime(2026, 11, 26, 12, tzinfo=timezone.utc)
GRANITE = 1017     # Granite Construction Co: no other escalation in the dataset


def _customer(sandbox: Sandbox, org_id: int) -> dict:
    return next(u for u in sandbox.zendesk.users.values() if u.get("organization_id") == org_id
                and u["role"] == "end-user")


def _file(sandbox: Sandbox, at: datetime, subject: str, body: str, **fields) -> int:
    sandbox.zendesk.now = at
    person = _customer(sandbox, GRANITE)
    ticket, _ = sandbox.zendesk.create_ticket({"subject": subject, "comment": {"body": body},
                                               "requester_id": person["id"], **fields}, person)
    return ticket["id"]


def _documents(repo: Path) -> list:
    return [parse_document(p.name, p.read_text(encoding="utf-8")) for p in sorted((repo / "escalations").glob("ESC-*.md"))]


def test_three_tickets_sharing_an_error_code_become_one_tier_2_escalation(repo: Path, sandbox: Sandbox) -> None:
    sandbox.zendesk.ticket_fields.clear()           # an account without the "Category" field
    ids = [_file(sandbox, NOW - timedelta(days=3), "Nightly export failed",
                 "The scheduled cost report export stopped with EXP-5012 at 02:00."),
           _file(sandbox, NOW - timedelta(days=2), "Cost report missing this morning",
                 "No file arrived again. The job log says error EXP-5012."),
           _file(sandbox, NOW - timedelta(hours=3), "Third day without the cost report",
                 "Same EXP-5012 failure. Our project managers are blocked.")]
    sandbox.zendesk.now = NOW
    run = esc(repo, "sync")
    assert run.code == 0, run.text
    ours = [d for d in _documents(repo) if set(ids) & set(d.front.zendesk_tickets)]
    assert len(ours) == 1, [d.front.zendesk_tickets for d in ours]
    doc = ours[0]
    assert tuple(sorted(doc.front.zendesk_tickets)) == tuple(ids)
    assert "repeat:3-in-7d" in doc.front.triggers and doc.front.tier >= 2
    line = next(e.text for e in doc.timeline if e.marker == "esc:trigger:repeat:3-in-7d")
    assert all(f"#{i}" in line for i in ids) and "shared error code EXP-5012" in line, line


def test_unrelated_tickets_of_the_same_organization_stay_apart(repo: Path, sandbox: Sandbox) -> None:
    sandbox.zendesk.ticket_fields.clear()
    ids = [_file(sandbox, NOW - timedelta(days=3), "Export to CSV times out", "The nightly export times out."),
           _file(sandbox, NOW - timedelta(days=2), "Export to PDF has wrong fonts", "Fonts are replaced in PDFs."),
           _file(sandbox, NOW - timedelta(hours=3), "Cannot upload avatar", "Uploading gives HTTP 500.")]
    sandbox.zendesk.now = NOW
    assert esc(repo, "sync").code == 0
    assert not [d for d in _documents(repo) if set(ids) & set(d.front.zendesk_tickets)]


def test_incidents_of_one_problem_ticket_are_the_same_issue(repo: Path, sandbox: Sandbox) -> None:
    problem = _file(sandbox, NOW - timedelta(days=3), "Reports API outage", "Tracking the outage.", type="problem")
    incidents = [_file(sandbox, NOW - timedelta(days=2, hours=n), f"Something else is broken {n}",
                       f"Nothing works for us ({n}).", type="incident") for n in range(2)]
    for ticket_id in incidents:
        sandbox.zendesk.tickets[ticket_id]["problem_id"] = problem
    sandbox.zendesk.now = NOW
    assert esc(repo, "sync").code == 0
    ours = [d for d in _documents(repo) if problem in d.front.zendesk_tickets]
    assert len(ours) == 1 and set(ours[0].front.zendesk_tickets) == {problem, *incidents}
    line = next(e.text for e in ours[0].timeline if e.marker == "esc:trigger:repeat:3-in-7d")
    assert f"linked to problem ticket #{problem}" in line
