"""A committed document that does not parse (a Latin-1 paste, a broken front matter) is left
exactly as it is, named in the run's summary, and never blocks the other escalations' sync."""

from __future__ import annotations

from pathlib import Path

from escalation_desk.sandbox import Sandbox
from escalation_desk.sandbox.dataset import SCENARIOS
from support.sync import doc_path, esc, git, head, upstream_later

ACME = SCENARIOS["escalated_sync"]


def test_a_document_that_does_not_parse_is_left_alone_and_the_rest_sync(repo: Path, sandbox: Sandbox) -> None:
    assert esc(repo, "sync").code == 0
    broken = doc_path(repo, f"ESC-{ACME}")
    broken.write_bytes(broken.read_bytes() + b"- [ ] Week 1: caf\xe9 call\n")
    git(repo, "commit", "-qam", "a Latin-1 paste")
    before, others = broken.read_bytes(), sorted(p for p in (repo / "escalations").glob("ESC-*.md") if p != broken)
    upstream_later(sandbox)
    sandbox.zendesk.add_comment(ACME, "Any news?", sandbox.zendesk.tickets[ACME]["requester_id"])
    other = SCENARIOS["escalated_outage"]
    sandbox.zendesk.add_comment(other, "Also waiting here.", sandbox.zendesk.tickets[other]["requester_id"])
    start = head(repo)
    run = esc(repo, "sync")
    assert "keeps changing" not in run.text and "Traceback" not in run.text
    assert broken.read_bytes() == before
    assert f"{broken.name} does not parse; not updated" in run.text
    assert sorted(p for p in (repo / "escalations").glob("ESC-*.md") if p != broken) == others   # no second document
    assert run.code == 0, run.text
    assert head(repo) != start                                     # the other escalation was synced
