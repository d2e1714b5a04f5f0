"""Issue #14 (5): the sync never writes a document its own check rejects — tested with
10,000 comments on one escalation (two related tickets at Zendesk's 5,000 each)."""

from __future__ import annotations

import re
from pathlib import Path

from escalation_desk.sandbox.dataset import SCENARIOS
from escalation_desk.sandbox.zendesk_state import MAX_COMMENTS
from escalation_desk.tracking.parse import MAX_BYTES, parse_document
from support.sync import doc_path, esc, git, upstream_later

TICKETS = (SCENARIOS["escalated_sync"], 48220)          # Acme's escalation and its related ticket
REPLY = ("We are still seeing the sync fail for the EMEA sales team; the export log shows the same timeout "
         "as yesterday and the day before, and the revenue dashboard is now three days behind. ") * 2


def test_ten_thousand_comments_give_a_document_that_passes_check(repo: Path, sandbox) -> None:
    upstream_later(sandbox)
    zd = sandbox.zendesk
    for ticket in TICKETS:
        requester = zd.tickets[ticket]["requester_id"]
        for n in range(MAX_COMMENTS - len(zd.comments[ticket])):
            zd.add_comment(ticket, f"{REPLY} (#{n})", requester, public=True)
    assert sum(len(zd.comments[t]) for t in TICKETS) == 2 * MAX_COMMENTS == 10_000
    config = repo / "escalations.toml"     # 100 pages of comments: a loaded machine needs more than 2 s a page
    config.write_text(config.read_text().replace('request_timeout = "2s"', 'request_timeout = "60s"'))
    git(repo, "commit", "-qam", "patient timeouts")
    run = esc(repo, "sync")
    assert run.code == 0, run.text
    path = doc_path(repo, "ESC-48213")
    data = path.read_bytes()
    assert len(data) <= MAX_BYTES // 2 + 8192
    doc = parse_document(str(path), data)
    assert not [p for p in doc.problems if p.level == "error"]
    closing = [e for e in doc.timeline if (e.marker or "").startswith("esc:left-in-zendesk:")]
    assert {e.marker.split(":")[2] for e in closing} <= {str(t) for t in TICKETS} and closing
    for entry in closing:
        ticket = entry.marker.split(":")[2]
        count = int(re.match(r"(\d+) more comments", entry.text).group(1))
        assert count > 1000 and f"/agent/tickets/{ticket}" in entry.text
    assert esc(repo, "check").code == 0
    assert "ESC-48213" in esc(repo, "status").out                       # still listed, not vanished
