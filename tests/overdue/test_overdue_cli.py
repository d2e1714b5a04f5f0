"""`esc overdue`: what is past due, how late, who owns it; exit codes; one-line errors."""

from __future__ import annotations

from support.overdue import esc, items_of, overdue_json, utc, write_doc


def test_every_kind_of_item_on_a_silent_sev1(repo):
    """Opened, then nothing: acknowledgement, leaders, action plan, update and sponsor are all late."""
    write_doc(repo, "ESC-3001", severity="SEV-1", owner="Marcus Chen", opened="2026-11-23T10:00:00Z",
              acknowledged=None, plan=False, leaders=False, arr=250000)
    report = overdue_json(repo, "2026-11-23T12:00:00Z")
    (escalation,) = report["escalations"]
    assert escalation["owner"] == "Marcus Chen" and escalation["owner_github"] == "mchen"
    assert escalation["severity"] == "SEV-1" and escalation["path"].startswith("escalations/ESC-3001")
    items = items_of(report, "ESC-3001")
    assert set(items) == {"acknowledgement", "leaders_notified", "action_plan", "customer_update", "exec_followup"}
    assert items["acknowledgement"]["due"] == "2026-11-23T10:15:00Z"
    assert items["acknowledgement"]["late_minutes"] == 105
    assert items["action_plan"]["late_minutes"] == 60
    assert items["customer_update"]["late_minutes"] == 60
    assert "VP CS, VP Engineering, CTO" in items["leaders_notified"]["sla"]
    assert "ARR at risk" in items["exec_followup"]["rule"]
    assert "we are on it" in items["acknowledgement"]["advice"]
    assert items["customer_update"]["fix"].startswith("`esc log ESC-3001 comm")
    assert report["overdue_items"] == 5 and report["considered"] == 1


def test_text_output_and_exit_codes(repo):
    write_doc(repo, "ESC-3002", opened="2026-11-23T14:00:00Z", comms=("2026-11-23T14:30:00Z",))
    quiet = esc("--repo", str(repo), "--now", "2026-11-23T15:00:00Z", "overdue", "--fail-on-overdue")
    assert quiet.code == 0
    assert "Nothing overdue across 1 escalation(s)" in quiet.out

    late = esc("--repo", str(repo), "--now", "2026-11-23T20:00:00Z", "overdue")
    assert late.code == 0, "overdue items are not a failure unless asked"
    assert "ESC-3002 SEV-2 In Progress — Acme Corp — owner Dana Whitfield (@dwhitfield)" in late.out
    # 09:30 EST + 4 business hours = 13:30 EST = 18:30 UTC.
    assert "Next customer update: due 2026-11-23 18:30 UTC, 1 h 30 min late" in late.out
    assert "every 4 business hours (09:00–17:00 America/New_York, Mon, Tue, Wed, Thu, Fri" in late.out

    red = esc("--repo", str(repo), "--now", "2026-11-23T20:00:00Z", "overdue", "--fail-on-overdue")
    assert red.code == 1


def test_resolved_escalations_only_owe_recovery_milestones(repo):
    write_doc(repo, "ESC-3003", status="Resolved", opened="2026-11-02T14:00:00Z", acknowledged=None,
              resolved=utc("2026-11-05T19:30:00Z"),
              recovery=(("Week 1: Immediate stabilization", "2026-11-12", False),
                        ("Weeks 2–4: Increased attention", "2026-12-03", False)))
    assert overdue_json(repo, "2026-11-12T23:58:00Z")["overdue_items"] == 0
    items = items_of(overdue_json(repo, "2026-11-13T10:00:00Z"), "ESC-3003")
    assert set(items) == {"recovery_week_1"}
    assert items["recovery_week_1"]["label"] == "Week 1: Immediate stabilization"
    assert "not just patched" in items["recovery_week_1"]["advice"]


def test_done_milestones_are_not_overdue_and_closing_does_not_end_the_recovery(repo):
    write_doc(repo, "ESC-3004", status="Resolved", opened="2026-11-02T14:00:00Z",
              recovery=(("Week 1: Immediate stabilization", "2026-11-12", True),))
    write_doc(repo, "ESC-3005", status="Closed", opened="2026-11-02T14:00:00Z", customer="Globex",
              recovery=(("Week 1: Immediate stabilization", "2026-11-12", False),))
    write_doc(repo, "ESC-3008", status="Closed", opened="2026-11-02T14:00:00Z", customer="Initech",
              recovery=(("Week 1: Immediate stabilization", "2026-11-12", True),))
    report = overdue_json(repo, "2026-11-20T10:00:00Z")
    # The Closed one with its milestone unticked still owes it; the ticked ones owe nothing.
    assert [e["id"] for e in report["escalations"]] == ["ESC-3005"]
    items = items_of(report, "ESC-3005")
    assert set(items) == {"recovery_week_1"} and "Closed with it unticked" in items["recovery_week_1"]["rule"]
    assert report["considered"] == 2   # the Closed one with nothing unticked is not counted


def test_a_broken_document_is_reported_and_turns_the_job_red(repo):
    write_doc(repo, "ESC-3006", opened="2026-11-23T14:00:00Z", comms=("2026-11-23T14:30:00Z",))
    (repo / "escalations" / "ESC-3007-broken.md").write_text("---\nid: ESC-3007\nseverity: SEV-9\n---\n# x\n")
    result = esc("--repo", str(repo), "--now", "2026-11-23T15:00:00Z", "overdue")
    assert result.code == 2 and len(result.err_lines) == 1      # the others still listed; nobody watches this one
    assert "1 document(s) skipped because they do not parse" in result.out
    listed = esc("--repo", str(repo), "--now", "2026-11-23T15:00:00Z", "overdue", "--json")
    assert listed.code == 2 and listed.json()["skipped"] == ["escalations/ESC-3007-broken.md"]


def test_missing_documents_folder_is_one_line(tmp_path):
    result = esc("--repo", str(tmp_path), "overdue")
    assert result.code == 2
    assert result.err.strip().count("\n") == 0
    assert "escalations does not exist" in result.err and "esc init" in result.err


def test_job_summary_in_github_actions(repo, tmp_path):
    write_doc(repo, "ESC-3008", opened="2026-11-23T14:00:00Z", comms=("2026-11-23T14:30:00Z",))
    summary = tmp_path / "summary.md"
    esc("--repo", str(repo), "--now", "2026-11-24T20:00:00Z", "overdue",
        env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text()
    assert text.startswith("### esc overdue: 1 overdue item(s) in 1 escalation(s)")
    assert "| ESC-3008 — Acme Corp | SEV-2 | Dana Whitfield | Next customer update |" in text
