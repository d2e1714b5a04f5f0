"""`esc sync` through the CLI against the sandbox: documents from both systems, idempotent
re-sync, people's edits kept, write-back, dry run, hostile text, no secrets anywhere."""

from __future__ import annotations

import json
from pathlib import Path

from escalation_desk.sandbox import Sandbox
from escalation_desk.sandbox.dataset import ACCOUNT_IDS, SCENARIOS
from support.sync import doc_path, esc, git, head, status, upstream_later, zendesk_calls
from escalation_desk.tracking.parse import parse_document

ACME = SCENARIOS["escalated_sync"]


def test_first_sync_creates_documents_from_zendesk_and_salesforce(repo: Path, sandbox: Sandbox) -> None:
    run = esc(repo, "sync")
    assert run.code == 0, run.text
    assert "created" in run.out and "API calls: Zendesk" in run.out
    doc = parse_document("acme.md", doc_path(repo, "ESC-48213").read_text())
    front = doc.front
    assert front.customer == "Acme Corp" and front.zendesk_tickets == (48213, 48220)   # related ticket joined
    assert front.account_id[:15] == ACCOUNT_IDS["acme"][:15] and front.arr == 2_400_000   # from Salesforce
    assert front.owner == "Dana Whitfield" and front.severity == "SEV-2" and front.status == "In Progress"
    assert front.acknowledged.isoformat().startswith("2026-11-20T14:40")           # first public agent reply
    assert "top-account-at-risk" in front.triggers and front.tier == 4
    assert {"zd:ticket:48213", "zd:ticket:48220", "esc:trigger:top-account-at-risk"} <= doc.markers()
    assert [e.channel for e in doc.comms] == ["email"] * 4
    assert not [p for p in doc.problems if p.level == "error"]
    # the three Meridian tickets are one escalation; the calm breach is one, at SEV-1
    meridian = parse_document("m.md", doc_path(repo, "ESC-48201").read_text()).front
    assert meridian.zendesk_tickets == (48201, 48202, 48203) and "repeat:3-in-7d" in meridian.triggers
    calm_breach = parse_document("p.md", doc_path(repo, "ESC-48211").read_text())
    assert calm_breach.front.severity == "SEV-1"
    why = [e.text for e in calm_breach.timeline if e.marker == "esc:severity"]
    assert len(why) == 1 and why[0].startswith("Proposed, to confirm (esc confirm): SEV-1 by the rule “data loss or breach”")
    assert "exposure “another organisation”" in why[0]
    assert calm_breach.severity_state == "proposed" and calm_breach.front.severity_set_by is None
    # one commit with the documents, the index and the state; nothing left over
    assert status(repo) == ""
    files = git(repo, "show", "--name-only", "--format=", "HEAD").split()
    assert "escalations/index.json" in files and "escalations/.sync-state.json" in files
    # the dashboard GitHub shows on the folder is regenerated in the same commit
    assert "escalations/README.md" in files
    dashboard = (repo / "escalations/README.md").read_text()
    assert "# Escalation dashboard" in dashboard and "[ESC-48213](" in dashboard
    message = git(repo, "log", "-1", "--format=%B")
    assert message.startswith("sync: ") and "ESC-48213 Acme Corp: created" in message
    index = json.loads((repo / "escalations/index.json").read_text())
    assert index["tickets"][str(ACME)] == "ESC-48213"
    assert esc(repo, "check").code == 0


def test_resync_with_nothing_new_writes_and_commits_nothing(repo: Path, sandbox: Sandbox) -> None:
    assert esc(repo, "sync").code == 0
    before = head(repo)
    sandbox.log.clear()
    run = esc(repo, "sync")
    assert run.code == 0, run.text
    assert "nothing to commit" in run.out and "0 created, 0 updated" in run.out
    assert head(repo) == before and status(repo) == ""
    calls = zendesk_calls(sandbox)
    assert len(calls) <= 3 and all(c.startswith("GET") for c in calls), calls


def test_people_edits_survive_a_sync_that_appends_new_comments(repo: Path, sandbox: Sandbox) -> None:
    assert esc(repo, "sync").code == 0
    path = doc_path(repo, "ESC-48213")
    text = path.read_text()
    text = text.replace("severity: SEV-2", "severity: SEV-1").replace("owner: Dana Whitfield", "owner: Marcus Obi")
    text = text.replace("## Root Cause\n", "## Root Cause\nExpired OAuth refresh token on the sync worker.\n")
    text = text.replace("## Resolution Plan\n", "## Resolution Plan\n- Step 1: Rotate tokens — Owner: Lee Park — Due: 2026-11-27\n")
    deleted = next(line for line in text.splitlines(keepends=True) if "Internal note on #48213" in line)
    text = text.replace(deleted, "")        # a person drops a line the sync wrote: it stays dropped
    path.write_text(text)
    git(repo, "commit", "-qam", "Raise Acme to SEV-1")
    dana = next(u["id"] for u in sandbox.zendesk.users.values() if u["name"] == "Dana Whitfield")
    jordan = sandbox.zendesk.tickets[ACME]["requester_id"]
    upstream_later(sandbox)
    reply = sandbox.zendesk.add_comment(ACME, "Backfill finished; all records are back.", dana, public=True)
    answer = sandbox.zendesk.add_comment(ACME, "Confirmed, thank you!", jordan, public=True)

    run = esc(repo, "sync")
    assert run.code == 0, run.text
    after = path.read_text()
    for kept in ("severity: SEV-1", "owner: Marcus Obi", "Expired OAuth refresh token on the sync worker.",
                 "- Step 1: Rotate tokens — Owner: Lee Park — Due: 2026-11-27"):
        assert kept in after
    assert f"zd:comment:{reply['id']}" in after and f"zd:comment:{answer['id']}" in after
    assert after.count(f"zd:comment:{reply['id']}") == 1
    assert deleted not in after
    # every line that was there is still there, in the same order
    old_lines = text.splitlines()
    new_lines = after.splitlines()
    position = 0
    for line in old_lines:
        position = new_lines.index(line, position) + 1
    # the person's severity goes to Zendesk too
    assert "esc_sev1" in sandbox.zendesk.tickets[ACME]["tags"]
    assert "esc_sev2" not in sandbox.zendesk.tickets[ACME]["tags"]


def test_write_back_tags_and_a_single_note(repo: Path, sandbox: Sandbox) -> None:
    assert esc(repo, "sync").code == 0
    for ticket_id, severity in ((ACME, "esc_sev2"), (48220, "esc_sev2"), (SCENARIOS["calm_breach"], "esc_sev1")):
        tags = sandbox.zendesk.tickets[ticket_id]["tags"]
        assert severity in tags
        assert len([t for t in tags if t.startswith("esc_sev")]) == 1
        assert len([t for t in tags if t in ("esc_open", "esc_in_progress", "esc_resolved", "esc_closed")]) == 1
    notes = [c for c in sandbox.zendesk.comments[ACME] if "Escalation Desk is tracking" in c["body"]]
    assert len(notes) == 1 and not notes[0]["public"] and "ESC-48213" in notes[0]["body"]
    assert "escalations/ESC-48213-" in notes[0]["body"]
    # a new comment makes the ticket change upstream; the sync must not note it again
    jordan = sandbox.zendesk.tickets[ACME]["requester_id"]
    upstream_later(sandbox)
    sandbox.zendesk.add_comment(ACME, "Any news?", jordan, public=True)
    assert esc(repo, "sync").code == 0
    assert len([c for c in sandbox.zendesk.comments[ACME] if "Escalation Desk is tracking" in c["body"]]) == 1


def test_dry_run_shows_the_diff_and_changes_nothing(repo: Path, sandbox: Sandbox) -> None:
    before = head(repo)
    run = esc(repo, "sync", "--dry-run")
    assert run.code == 0, run.text
    assert "+++ b/escalations/ESC-48213-" in run.out and "would be written" in run.out
    assert head(repo) == before and status(repo) == ""
    assert not any(c.startswith("PUT") for c in zendesk_calls(sandbox))
    assert "esc_sev2" not in sandbox.zendesk.tickets[ACME]["tags"]


def test_hostile_ticket_text_never_breaks_a_document(repo: Path, sandbox: Sandbox) -> None:
    assert esc(repo, "sync").code == 0
    for name in ("hostile_markdown", "hostile_front_matter", "hostile_template", "hostile_html",
                 "hostile_long_line", "hostile_workflow_command"):
        ticket_id = SCENARIOS[name]
        path = doc_path(repo, f"ESC-{ticket_id}")
        text = path.read_text()
        doc = parse_document(str(path), text)
        assert doc.front is not None and doc.front.id == f"ESC-{ticket_id}", name
        assert not [p for p in doc.problems if p.level == "error"], (name, doc.problems)
        assert list(doc.sections) == [s for s in doc.section_order], name
        assert all(m.startswith(("zd:", "esc:")) for m in doc.markers())
        assert "<!-- zd:comment:1 -->" not in text and "<!-- zd:comment:99999 -->" not in text   # fakes defused
        assert max(len(line) for line in text.splitlines()) < 4500, name
    template = doc_path(repo, f"ESC-{SCENARIOS['hostile_template']}").read_text()
    assert "{{ ''.__class__" in template                                          # literal, never evaluated
    markdown = parse_document("m.md", doc_path(repo, f"ESC-{SCENARIOS['hostile_markdown']}").read_text())
    assert not markdown.sections["Root Cause"].has_content and not markdown.comms
    assert esc(repo, "check").code == 0


def test_tokens_are_never_printed_logged_or_written(repo: Path, sandbox: Sandbox, sandbox_env: dict) -> None:
    secrets = [sandbox_env[k] for k in ("ZENDESK_API_TOKEN", "SF_ACCESS_TOKEN", "SF_PASSWORD", "SF_SECURITY_TOKEN")]
    runs = [esc(repo, "sync"), esc(repo, "sync", "--dry-run")]
    sandbox.faults["zendesk"].add(__import__("escalation_desk.sandbox.core", fromlist=["Fault"]).Fault("503", times=None))
    runs.append(esc(repo, "sync"))
    assert runs[-1].code == 2
    history = git(repo, "log", "-p", "--all")
    files = "".join(p.read_text(errors="replace") for p in Path(repo).rglob("*") if p.is_file() and ".git" not in p.parts)
    for secret in secrets:
        assert secret and all(secret not in r.text for r in runs)
        assert secret not in history and secret not in files


def test_which_tickets_is_configurable(tmp_path: Path, sandbox: Sandbox, sandbox_env: dict) -> None:
    from support.sync import make_repo

    repo = make_repo(tmp_path / "docs", sandbox, extra='[zendesk]\nescalation_tag = ""\nauto_triggers = false\n'
                                                      'search = "type:ticket tags:export_timeout"\n')
    run = esc(repo, "sync")
    assert run.code == 0, run.text
    assert sorted(p.name[:9] for p in (repo / "escalations").glob("ESC-*.md")) == ["ESC-48201"]


def test_a_severity_the_agent_chose_when_escalating_is_kept(repo: Path, sandbox: Sandbox) -> None:
    """The sidebar's Escalate tags the ticket `escalation` + `esc_sevN`: a person's choice, which
    the new document takes, with the impact classification kept as information."""
    button = SCENARIOS["angry_button"]                 # SEV-4 by business impact
    upstream_later(sandbox)
    sandbox.zendesk.change_tags(button, ["escalation", "esc_sev3"], "add", {"id": 1, "role": "agent"})
    assert esc(repo, "sync").code == 0
    doc = parse_document("b.md", doc_path(repo, f"ESC-{button}").read_text())
    assert doc.front.severity == "SEV-3"
    why = [e.text for e in doc.timeline if e.marker == "esc:severity"]
    assert len(why) == 1 and "chosen by the agent who escalated it (tag esc_sev3)" in why[0]
    assert "business impact alone suggested SEV-4" in why[0]
    # the agent's choice is a person's: recorded as confirmed, by whom and when
    assert doc.severity_state == "confirmed" and doc.front.severity_set_by and doc.front.severity_set_at
