"""Executive engagement with a life cycle, through the CLI: when the sponsor must be engaged
(a SEV-1/2 past its initial SLA, not only a passed target), when they were (`esc sponsor`),
their written follow-up 4 hours later and their check at resolution — each a deadline in
`esc overdue`, index.json and the overdue issue."""

from __future__ import annotations

import json

from support.overdue import esc, github_sandbox, items_of, overdue_json, utc, write_config, write_doc

ENGAGE = "2026-11-24T15:00:00Z"


def run(repo, now: str, *args: str):
    result = esc("--repo", str(repo), "--now", now, *args)
    assert result.code == 0, result.err
    return result


def index_deadlines(repo, now: str, ident: str) -> dict[str, dict]:
    run(repo, now, "index")
    records = json.loads((repo / "escalations" / "index.json").read_text(encoding="utf-8"))["escalations"]
    return {d["kind"]: d for d in next(r for r in records if r["id"] == ident)["deadlines"]}


def test_the_written_follow_up_is_due_four_hours_after_the_sponsor_is_engaged(repo):
    write_config(repo)
    write_doc(repo, "ESC-7001", opened="2026-11-24T14:00:00Z", comms=("2026-11-24T14:30:00Z",),
              target_resolution=utc("2026-11-28T17:00:00Z"))
    said = run(repo, ENGAGE, "sponsor", "ESC-7001", "Jordan Ellis").out
    assert "sponsor Jordan Ellis engaged 2026-11-24 15:00 UTC; written follow-up due within 4 h" in said
    text = next((repo / "escalations").glob("ESC-7001-*.md")).read_text(encoding="utf-8")
    assert "exec_sponsor: Jordan Ellis\nsponsor_engaged_at: 2026-11-24T15:00:00Z\n" in text

    # A quarter of its four hours ahead it warns; after it, it is overdue, with the playbook's words.
    deadline = index_deadlines(repo, "2026-11-24T18:10:00Z", "ESC-7001")["sponsor_followup"]
    assert deadline == {"kind": "sponsor_followup", "label": "Sponsor's written follow-up",
                        "due": "2026-11-24T19:00:00Z", "warn_at": "2026-11-24T18:00:00Z", "state": "due_soon"}
    late = items_of(overdue_json(repo, "2026-11-24T19:30:00Z"), "ESC-7001")["sponsor_followup"]
    assert late["state"] == "overdue" and late["late_minutes"] == 30
    assert "written follow-up within 4 h of engaging them" in late["sla"]
    assert "within 4 hours" in late["advice"] and late["fix"] == '`esc sponsor ESC-7001 --followup "What the sponsor wrote"`'

    # The entry that meets it: a Communication Log line naming the sponsor.
    run(repo, "2026-11-24T19:40:00Z", "sponsor", "ESC-7001", "--followup", "Recap of the call and the plan")
    text = next((repo / "escalations").glob("ESC-7001-*.md")).read_text(encoding="utf-8")
    assert ("- 2026-11-24 19:40 UTC: email — Written follow-up from Jordan Ellis (executive sponsor): "
            "Recap of the call and the plan\n") in text
    assert "sponsor_followup" not in items_of(overdue_json(repo, "2026-11-24T20:00:00Z"), "ESC-7001")
    assert "sponsor_followup" not in index_deadlines(repo, "2026-11-24T20:00:00Z", "ESC-7001")


def test_an_entry_that_does_not_name_the_sponsor_does_not_meet_the_follow_up(repo):
    write_config(repo)
    write_doc(repo, "ESC-7002", opened="2026-11-24T14:00:00Z", comms=("2026-11-24T14:30:00Z",),
              exec_sponsor="Jordan Ellis", sponsor_engaged_at=utc("2026-11-24T15:00:00Z"),
              target_resolution=utc("2026-11-28T17:00:00Z"))
    run(repo, "2026-11-24T16:00:00Z", "log", "ESC-7002", "comm", "Status: fix in review")
    assert items_of(overdue_json(repo, "2026-11-24T19:01:00Z"), "ESC-7002")["sponsor_followup"]["state"] == "overdue"
    # A public reply the sponsor wrote in Zendesk is logged under their name: that meets it.
    run(repo, "2026-11-24T19:05:00Z", "log", "ESC-7002", "comm", "Jordan Ellis on #48213: my personal commitment")
    assert "sponsor_followup" not in items_of(overdue_json(repo, "2026-11-24T19:06:00Z"), "ESC-7002")


def test_the_sponsors_check_at_resolution_is_a_deadline_until_closed(repo):
    write_config(repo)
    write_doc(repo, "ESC-7003", opened="2026-11-20T14:00:00Z", comms=("2026-11-20T14:30:00Z",),
              exec_sponsor="Jordan Ellis", sponsor_engaged_at=utc("2026-11-20T15:00:00Z"))
    run(repo, "2026-11-20T16:00:00Z", "sponsor", "ESC-7003", "--followup", "Recap")
    run(repo, "2026-11-23T12:00:00Z", "resolve", "ESC-7003")
    soon = index_deadlines(repo, "2026-11-25T00:00:00Z", "ESC-7003")["sponsor_check"]
    assert soon["due"] == "2026-11-25T12:00:00Z" and soon["state"] == "due_soon"
    late = items_of(overdue_json(repo, "2026-11-25T13:00:00Z"), "ESC-7003")["sponsor_check"]
    assert late["state"] == "overdue" and "check at resolution, within 2 d of resolved" in late["sla"]
    # The follow-up written before resolution does not count as the check.
    run(repo, "2026-11-25T14:00:00Z", "sponsor", "ESC-7003", "--channel", "phone", "--check", "Their CFO: all good")
    assert "sponsor_check" not in items_of(overdue_json(repo, "2026-11-25T14:01:00Z"), "ESC-7003")

    # Without a check, closing the escalation declares the engagement done.
    write_doc(repo, "ESC-7004", opened="2026-11-20T14:00:00Z", comms=("2026-11-20T14:30:00Z",),
              exec_sponsor="Jordan Ellis", status="Resolved", resolved=utc("2026-11-21T12:00:00Z"))
    assert items_of(overdue_json(repo, "2026-11-24T00:00:00Z"), "ESC-7004")["sponsor_check"]["state"] == "overdue"
    run(repo, "2026-11-24T00:00:00Z", "resolve", "ESC-7004", "--close")
    assert items_of(overdue_json(repo, "2026-11-24T00:01:00Z"), "ESC-7004") == {}


def test_a_sev2_past_its_initial_sla_needs_the_sponsor_within_24_hours(repo):
    write_config(repo, extra='[executive]\nopen_without_target = "36h"\n')
    # The acknowledgement came 2 hours into a 1-hour SLA: engage within 24 h of the missed SLA.
    write_doc(repo, "ESC-7005", opened="2026-11-24T14:00:00Z", acknowledged="2026-11-24T16:00:00Z",
              comms=("2026-11-24T16:00:00Z",), target_resolution=utc("2026-11-30T17:00:00Z"))
    item = items_of(overdue_json(repo, "2026-11-25T15:01:00Z"), "ESC-7005")["exec_followup"]
    assert item["due"] == "2026-11-25T15:00:00Z" and item["state"] == "overdue"
    assert "SEV-2 not acknowledged within its initial SLA (1 h)" in item["rule"]

    # Acknowledged on time, a plan, no target: open longer than the configured 36 h is past the SLA.
    write_doc(repo, "ESC-7006", opened="2026-11-24T14:00:00Z", comms=("2026-11-24T14:30:00Z",))
    assert "exec_followup" not in items_of(overdue_json(repo, "2026-11-26T01:59:00Z"), "ESC-7006")
    aged = index_deadlines(repo, "2026-11-26T03:00:00Z", "ESC-7006")["exec_followup"]
    assert aged["due"] == "2026-11-27T02:00:00Z"          # opened + 36 h + 24 h
    late = items_of(overdue_json(repo, "2026-11-27T02:01:00Z"), "ESC-7006")["exec_followup"]
    assert "SEV-2 open over 1 d 12 h with no target resolution" in late["rule"]
    # ...while the same escalation with a target (not passed) does not.
    write_doc(repo, "ESC-7007", opened="2026-11-24T14:00:00Z", comms=("2026-11-24T14:30:00Z",),
              target_resolution=utc("2026-11-30T17:00:00Z"))
    assert "exec_followup" not in index_deadlines(repo, "2026-11-26T03:00:00Z", "ESC-7007")

    # No action plan four hours in: past the SLA too; recording the sponsor meets it, with its time.
    write_doc(repo, "ESC-7008", opened="2026-11-24T14:00:00Z", comms=("2026-11-24T14:30:00Z",), plan=False,
              target_resolution=utc("2026-11-30T17:00:00Z"))
    assert index_deadlines(repo, "2026-11-24T18:30:00Z", "ESC-7008")["exec_followup"]["due"] == "2026-11-25T18:00:00Z"
    run(repo, "2026-11-25T10:00:00Z", "sponsor", "ESC-7008", "Jordan Ellis")
    assert "exec_followup" not in index_deadlines(repo, "2026-11-25T19:00:00Z", "ESC-7008")


def test_the_overdue_issue_names_the_sponsor_deadline_and_its_fix(repo):
    write_config(repo)
    write_doc(repo, "ESC-7009", opened="2026-11-24T14:00:00Z", comms=("2026-11-24T14:30:00Z",),
              exec_sponsor="Jordan Ellis", sponsor_engaged_at=utc("2026-11-24T15:00:00Z"),
              target_resolution=utc("2026-11-28T17:00:00Z"))
    with github_sandbox() as github:
        result = esc("--repo", str(repo), "--now", "2026-11-24T20:00:00Z", "overdue", "--raise-issues",
                     env=github.env())
        assert result.code == 0, result.err
        issue = next(i for i in github.issues() if "ESC-7009" in i.title)
        assert "Sponsor's written follow-up" in issue.body
        assert 'esc sponsor ESC-7009 --followup' in issue.body
