"""Putting hostile text where a customer can: a new escalated ticket, a reply, a name."""

from __future__ import annotations

from escalation_desk.sandbox import Sandbox
from escalation_desk.sandbox.dataset import SCENARIOS

ACME = SCENARIOS["escalated_sync"]


def hostile_ticket(sandbox: Sandbox, subject: str, description: str = "It broke.",
                   requester_name: str | None = None, replies: list[str] = ()) -> int:
    """A new ticket tagged `escalation` by Acme's requester, with customer replies."""
    zd = sandbox.zendesk
    requester = zd.users[zd.tickets[ACME]["requester_id"]]
    if requester_name is not None:
        requester["name"] = requester_name              # people name themselves
    ticket, _ = zd.create_ticket({"subject": subject, "comment": {"body": description}, "tags": ["escalation"],
                                  "priority": "urgent"}, requester)
    for body in replies:
        zd.add_comment(ticket["id"], body, requester["id"], public=True)
    return ticket["id"]
