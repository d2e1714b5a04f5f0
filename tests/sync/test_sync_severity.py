"""Done-when: the playbook's four examples and the calm-breach / angry-button pair classify
right through `esc sync` against the sandbox, and the sync never changes a person's severity."""

from __future__ import annotations

from pathlib import Path

from escalation_desk.sandbox import Sandbox
from escalation_desk.sandbox.dataset import SCENARIOS
from escalation_desk.tracking.parse import parse_document
from support.sync import doc_path, esc, git, upstream_later


def document(repo: Path, ticket: int):
    return parse_document("d.md", doc_path(repo, f"ESC-{ticket}").read_text(encoding="utf-8"))


def test_the_playbook_examples_and_the_pair_classify_right(repo: Path, sandbox: Sandbox) -> None:
    # The UI bug (the angry button) is escalated with the tag alone: no severity chosen.
    upstream_later(sandbox)
    sandbox.zendesk.change_tags(SCENARIOS["angry_button"], ["escalation"], "add", {"id": 1, "role": "agent"})
    assert esc(repo, "sync").code == 0
    expected = {
        "escalated_outage": "SEV-1",     # production down, end users affected
        "escalated_sync": "SEV-2",       # key integration broken
        "three_related_1": "SEV-3",        # report exports failing intermittently, manual workaround
        "angry_button": "SEV-4",         # UI bug in a non-critical workflow, all capitals
        "calm_breach": "SEV-1",          # a polite note about another organisation's records
    }
    for name, severity in expected.items():
        doc = document(repo, SCENARIOS[name])
        why = next(e.text for e in doc.timeline if e.marker == "esc:severity")
        assert (name, doc.front.severity) == (name, severity), why
        assert doc.severity_state == "proposed" and "by the rule" in why and "signals:" in why
        assert "; text model SEV-" in why and " (“" in why        # the text model's strongest words, named


def test_the_sync_never_changes_a_persons_severity(repo: Path, sandbox: Sandbox) -> None:
    assert esc(repo, "sync").code == 0
    ticket = SCENARIOS["calm_breach"]
    assert esc(repo, "--now", "2026-11-26T12:00:00Z", "confirm", f"ESC-{ticket}", "--severity", "SEV-2",
               "--by", "Dana Whitfield").code == 0
    git(repo, "commit", "-qam", "Dana confirms the severity")
    upstream_later(sandbox)
    requester = sandbox.zendesk.ticket(ticket)["requester_id"]
    sandbox.zendesk.add_comment(ticket, "More records from the other organisation showed up today.", requester)
    assert esc(repo, "sync").code == 0
    doc = document(repo, ticket)
    assert (doc.front.severity, doc.front.severity_set_by, doc.severity_state) == ("SEV-2", "Dana Whitfield", "confirmed")
