"""`esc status --watch`: frustration building on a ticket that is not escalated, from the
sentiment trend of the customer's own messages (vaderSentiment) — reported, never a severity."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from escalation_desk.sandbox import Sandbox
from escalation_desk.playbook.timefmt import iso
from support.sync import esc, upstream_later

THREAD = (
    "Hi! Quick question about setting up our weekly digest email. Thanks so much, love the product.",
    "Hmm, the digest still hasn't arrived. Could you check?",
    "This is really frustrating. Third week without the digest and nobody has answered. Terrible experience.",
)


def test_a_souring_thread_is_on_the_watch_list_and_a_happy_one_is_not(repo: Path, sandbox: Sandbox) -> None:
    upstream_later(sandbox)
    zendesk = sandbox.zendesk
    customer = next(u for u in zendesk.users.values() if u["role"] == "end-user" and u.get("organization_id"))
    souring, _ = zendesk.create_ticket({"subject": "Weekly digest", "comment": {"body": THREAD[0]},
                                        "requester_id": customer["id"]}, customer)
    happy, _ = zendesk.create_ticket({"subject": "Thank you", "comment": {"body": "The export is slow, sadly."},
                                      "requester_id": customer["id"]}, customer)
    for body in THREAD[1:]:
        zendesk.add_comment(souring["id"], body, customer["id"])
    zendesk.add_comment(happy["id"], "All good now, thank you so much, great support!", customer["id"])
    before = {n: t["tags"] for n, t in zendesk.tickets.items()}
    run = esc(repo, "--now", iso(zendesk.now + timedelta(hours=1)), "status", "--watch", "--days", "3")
    assert run.code == 0, run.err
    assert f"#{souring['id']}  Weekly digest" in run.out
    assert f"#{happy['id']}" not in run.out                      # improving tone: nothing to watch
    assert "severity unchanged" in run.out
    assert {n: t["tags"] for n, t in zendesk.tickets.items()} == before   # reads only: no tag, no severity
    assert not list((repo / "escalations").glob("ESC-*.md"))               # and no document
