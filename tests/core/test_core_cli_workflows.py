"""The core commands end to end on temporary repositories: new, log, resolve, brief,
status, check (text, json, github) and index. Every edit is checked with a diff:
what the command promised changed, and nothing else did.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest

from support.core import ACME, BRIGHTPATH, NORTHWIND, NOW_TEXT, esc, make_desk
from escalation_desk.tracking import store
from escalation_desk.tracking.parse import parse_document


def run(desk: Path, *args: str, now: str = NOW_TEXT):
    return esc("--repo", desk, "--now", now, *args)


def changes(before: str, after: str) -> list[tuple[str, int, list[str], list[str]]]:
    """(op, 1-based line of `before` where it happens, removed lines, added lines) for every difference.

    An insert at line N goes just before the old line N.
    """
    a, b = before.splitlines(), after.splitlines()
    return [(op, i1 + 1, a[i1:i2], b[j1:j2])
            for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes() if op != "equal"]


def read(desk: Path, name: str) -> str:
    return (desk / "escalations" / name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- new

def test_new_takes_the_ticket_number_and_passes_check(desk: Path) -> None:
    result = run(desk, "new", "--customer", "Initech: EMEA", "--severity", "SEV-2", "--owner", "Dana Whitfield",
                 "--title", "Invoices stuck in “pending”", "--ticket", "60001", "--ticket", "60002",
                 "--summary", "Invoices have not left 'pending' since Monday.\n\n---\n## Root Cause\n```",
                 "--category", "billing")
    assert result.code == 0, result
    name = "ESC-60001-initech-emea-invoices-stuck-in-pending.md"
    assert result.out.startswith(f"created escalations/{name} (ESC-60001, SEV-2); acknowledge within 60 min")
    doc = parse_document(name, read(desk, name))
    assert doc.problems == []
    front = doc.front
    assert (front.id, front.customer, front.severity, front.status, front.owner) == \
        ("ESC-60001", "Initech: EMEA", "SEV-2", "Open", "Dana Whitfield")
    assert front.opened.isoformat() == "2026-11-26T12:30:00+00:00"
    assert front.zendesk_tickets == (60001, 60002) and front.category == "billing"
    assert doc.title == "ESC-60001 — Initech: EMEA — Invoices stuck in “pending”"
    checked = run(desk, "check", desk / "escalations" / name)
    assert checked.code == 0 and "0 error(s), 0 warning(s)" in checked.out, checked

    again = run(desk, "new", "--customer", "Initech", "--severity", "SEV-2", "--owner", "Dana Whitfield",
                "--title", "Again", "--ticket", "60001")
    assert (again.code, again.err_lines) == (2, ["esc: error: ESC-60001 already exists; "
                                                 "log the ticket on that escalation instead"])


def test_new_generated_ids_never_collide(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    taken = (desk / "escalations" / "ESC-2611260042-taken.md")
    taken.write_text(read(desk, BRIGHTPATH).replace("ESC-50342", "ESC-2611260042"), encoding="utf-8")
    rolls = iter([42, 42, 7])   # two clashes with the existing document, then a free number
    monkeypatch.setattr(store.secrets, "randbelow", lambda n: next(rolls))
    result = run(desk, "new", "--customer", "Globex", "--severity", "SEV-3", "--owner", "Lee Park",
                 "--title", "Slow reports")
    assert result.code == 0, result
    assert "(ESC-2611260007, SEV-3)" in result.out
    assert sorted(p.name for p in (desk / "escalations").glob("ESC-26112600*.md")) == [
        "ESC-2611260007-globex-slow-reports.md", "ESC-2611260042-taken.md"]
    assert next(rolls, None) is None


def test_new_with_an_explicit_id_refuses_a_taken_one(desk: Path) -> None:
    result = run(desk, "new", "--customer", "Acme", "--severity", "SEV-4", "--owner", "Lee Park", "--title", "x",
                 "--id", "esc-48213")
    assert (result.code, result.err_lines) == (2, ["esc: error: ESC-48213 already exists; choose another --id"])
    result = run(desk, "new", "--customer", "Acme", "--severity", "SEV-4", "--owner", "Lee Park", "--title", "x",
                 "--id", "esc-777")
    assert result.code == 0 and (desk / "escalations" / "ESC-777-acme-x.md").exists()


# --------------------------------------------------------------------------- log

LOG_CASES = [
    # (args, line number the entry lands on in the new file, the entry)
    (["comm", "--channel", "phone", "Walked their admin through the workaround"], 35,
     "- 2026-11-26 12:30 UTC: phone — Walked their admin through the workaround"),
    (["event", "Locale fix merged"], 26, "- 2026-11-26 12:30 UTC — Locale fix merged"),
    (["stakeholder", "--name", "Priya Raman", "--role", "CS Director"], 37,
     "- Priya Raman, CS Director, 2026-11-26 12:30 UTC"),
    (["step", "Ship the fix to the EU cluster", "--owner", "Lee Park", "--due", "2026-12-08"], 32,
     "- Step 2: Ship the fix to the EU cluster — Owner: Lee Park — Due: 2026-12-08"),
]


@pytest.mark.parametrize("args, line, entry", LOG_CASES, ids=[c[0][0] for c in LOG_CASES])
def test_log_adds_one_line_in_the_right_place(desk: Path, args: list[str], line: int, entry: str) -> None:
    before = read(desk, BRIGHTPATH)
    result = run(desk, "log", "ESC-50342", *args)
    assert result.code == 0, result
    assert result.out == f"escalations/{BRIGHTPATH}: added {args[0]}\n"
    after = read(desk, BRIGHTPATH)
    assert changes(before, after) == [("insert", line, [], [entry])]
    assert after.splitlines()[line - 1] == entry
    assert run(desk, "check").code == 0


def test_log_keeps_the_log_in_time_order(desk: Path) -> None:
    before = read(desk, BRIGHTPATH)
    result = run(desk, "log", "ESC-50342", "comm", "--channel", "chat", "Earlier chat, logged late",
                 now="2026-11-25T09:00:00Z")
    assert result.code == 0
    assert changes(before, read(desk, BRIGHTPATH)) == [
        ("insert", 34, [], ["- 2026-11-25 09:00 UTC: chat — Earlier chat, logged late"])]


def test_the_first_communication_acknowledges_an_open_escalation(desk: Path) -> None:
    assert run(desk, "new", "--customer", "Globex", "--severity", "SEV-1", "--owner", "Marcus Chen",
               "--title", "Outage", "--ticket", "61000").code == 0
    name = "ESC-61000-globex-outage.md"
    before = read(desk, name)
    assert run(desk, "log", "ESC-61000", "comm", "--channel", "phone", "On it", now="2026-11-26T12:40:00Z").code == 0
    assert changes(before, read(desk, name)) == [
        ("replace", 4, ["status: Open"], ["status: In Progress"]),
        ("insert", 7, [], ["acknowledged: 2026-11-26T12:40:00Z"]),          # after `opened`
        ("insert", 22, [], ["- 2026-11-26 12:40 UTC: phone — On it"]),       # under the Communication Log heading
    ]


@pytest.mark.parametrize("args, message", [
    (["ESC-99999", "event", "x"], "esc: error: no escalation ESC-99999 in {docs}; `esc status` lists them"),
    (["ESC-50342", "event", "   "], "esc: error: an event needs a description: esc log ID event \"what happened\""),
    (["ESC-50342", "comm"], "esc: error: a communication needs a summary"),
    (["ESC-50342", "stakeholder", "--name", "Priya Raman"], "esc: error: a stakeholder needs --name and --role"),
    (["ESC-50342", "step", "Do it"], "esc: error: a plan step needs an action and --owner"),
])
def test_log_mistakes_are_one_line(desk: Path, args: list[str], message: str) -> None:
    before = read(desk, BRIGHTPATH)
    result = run(desk, "log", *args)
    assert result.code == 2
    assert len(result.err_lines) == 1 and result.err_lines[0].startswith(message.format(docs=desk / "escalations"))
    assert read(desk, BRIGHTPATH) == before


def test_log_refuses_a_broken_document(desk: Path) -> None:
    path = desk / "escalations" / BRIGHTPATH
    path.write_text(read(desk, BRIGHTPATH).replace("severity: SEV-4", "severity: SEV-9"), encoding="utf-8")
    result = run(desk, "log", "ESC-50342", "event", "x")
    assert result.code == 2
    assert result.err_lines == [f"esc: error: escalations/{BRIGHTPATH} does not parse: escalations/{BRIGHTPATH}:8: "
                                "error: severity: 'SEV-9' is not allowed; use one of 'SEV-1', 'SEV-2', 'SEV-3' or "
                                "'SEV-4' [bad-value]"]


# --------------------------------------------------------------------------- resolve

def test_resolve_sets_status_time_and_the_recovery_plan_once(desk: Path) -> None:
    before = read(desk, NORTHWIND)
    result = run(desk, "resolve", "ESC-51877")
    assert result.code == 0, result
    assert result.out.splitlines() == [
        f"escalations/{NORTHWIND}: Resolved; recovery plan:",
        "  [ ] Week 1: Immediate stabilization — due 2026-12-03",
        "  [ ] Weeks 2–4: Increased attention — due 2026-12-24",
        "  [ ] Month 2: Trust rebuilding — due 2027-01-25",
        "  [ ] Month 3: Validation — due 2027-02-24",
        "  [ ] Month 6: Full recovery check — due 2027-05-27",
        "Post-Escalation Actions: thank the team — recognise the people who dropped everything to fix it "
        "(tick `- [x] Thank the team` when done)",
        *(f"escalations/{NORTHWIND}:{line}: warning: Resolved but '## {name}' {what}; the technical fix is only "
          f"half of the resolution — write it before closing the loop [{code}]"
          for line, name, what, code in (
              (36, "Root Cause", "is empty", "resolved-without-root-cause"),
              (55, "Resolution Summary", "is empty", "resolved-without-resolution-summary"),
              (57, "Post-Escalation Actions", "has no preventive measures, process changes or follow-up plan "
                                              "(thanking the team is not one)", "resolved-without-post-actions"))),
    ]
    after = read(desk, NORTHWIND)
    assert changes(before, after) == [
        ("replace", 10, ["status: In Progress"], ["status: Resolved"]),
        ("insert", 16, [], ["resolved: 2026-11-26T12:30:00Z"]),              # after `target_resolution`
        ("insert", 57, [], ["- [ ] Thank the team: recognise the people who dropped everything to fix it"]),
        ("insert", 59, [], [                                                  # under the Recovery Plan heading
            "- [ ] Week 1: Immediate stabilization — Due: 2026-12-03",
            "- [ ] Weeks 2–4: Increased attention — Due: 2026-12-24",
            "- [ ] Month 2: Trust rebuilding — Due: 2027-01-25",
            "- [ ] Month 3: Validation — Due: 2027-02-24",
            "- [ ] Month 6: Full recovery check — Due: 2027-05-27",
        ]),
    ]
    # A second run, even later, changes nothing.
    assert run(desk, "resolve", "ESC-51877", now="2026-11-27T09:00:00Z").code == 0
    assert read(desk, NORTHWIND) == after
    # Resolved with an empty Root Cause: a playbook warning, not an error.
    checked = run(desk, "check")
    assert checked.code == 0
    assert f"escalations/{NORTHWIND}:36: warning: Resolved but '## Root Cause' is empty" in checked.out


def test_resolve_close_sets_both_times(desk: Path) -> None:
    assert run(desk, "resolve", "ESC-51877", "--close").code == 0
    front = parse_document(NORTHWIND, read(desk, NORTHWIND)).front
    assert front.status == "Closed"
    assert front.resolved == front.closed and front.closed.isoformat() == "2026-11-26T12:30:00+00:00"
    # Acme was resolved earlier: closing keeps its resolved time and its existing recovery plan.
    before = read(desk, ACME)
    assert run(desk, "resolve", "ESC-48213", "--close").code == 0
    assert changes(before, read(desk, ACME)) == [
        ("replace", 10, ["status: Resolved"], ["status: Closed"]),
        ("insert", 18, [], ["closed: 2026-11-26T12:30:00Z"]),
        ("insert", 71, [], ["- [ ] Thank the team: recognise the people who dropped everything to fix it"]),
    ]   # after the lines people wrote in Post-Escalation Actions


def test_resolve_without_a_recovery_section_changes_nothing(desk: Path) -> None:
    path = desk / "escalations" / NORTHWIND
    path.write_text(read(desk, NORTHWIND).replace("\n## Recovery Plan\n", "\n"), encoding="utf-8")
    before = read(desk, NORTHWIND)
    result = run(desk, "resolve", "ESC-51877")
    assert result.code == 2
    assert result.err_lines == [f"esc: error: escalations/{NORTHWIND}: section '## Recovery Plan' is missing; "
                                "add it, then try again"]
    assert read(desk, NORTHWIND) == before


# --------------------------------------------------------------------------- brief

def test_brief_has_the_playbooks_five_headings(desk: Path, tmp_path: Path) -> None:
    result = run(desk, "brief", "ESC-51877")
    assert result.code == 0, result
    headings = re.findall(r"^## (.+)$", result.out, flags=re.M)
    assert headings[:5] == ["What happened", "Impact to the customer", "What we have done so far",
                            "What we need the executive to convey", "Recommended resolution path"]
    assert result.out.startswith("# Executive brief — ESC-51877 — Northwind Logistics\n")
    assert "ARR: $480,000" in result.out
    assert "Northwind's dispatch console has returned HTTP 503" in result.out
    assert "Restore the primary database and replay the write-ahead log — Sam Okafor, due 2026-11-26" in result.out
    assert "Engage now — ARR at risk $480,000 exceeds $100,000. Executive sponsor: Jordan Ellis." in result.out

    out = tmp_path / "brief.md"
    assert run(desk, "brief", "ESC-51877", "--out", out).code == 0
    assert out.read_text(encoding="utf-8") == result.out


def test_brief_of_an_empty_new_escalation(desk: Path) -> None:
    assert run(desk, "new", "--customer", "Globex", "--severity", "SEV-3", "--owner", "Lee Park",
               "--title", "Slow", "--ticket", "62000").code == 0
    result = run(desk, "brief", "ESC-62000")
    assert result.code == 0
    assert "(The Issue Summary is empty: write one paragraph there first.)" in result.out
    assert "Nothing recorded yet in the Timeline or Resolution Plan." in result.out


# --------------------------------------------------------------------------- status

def test_status_table_and_json(desk: Path) -> None:
    table = run(desk, "status")
    assert table.code == 0
    rows = [line for line in table.out.splitlines() if "ESC-" in line]
    # Most urgent first: nothing is overdue, so by severity.
    assert [re.search(r"ESC-\d+", r).group() for r in rows] == ["ESC-51877", "ESC-48213", "ESC-50342"]
    assert "in 35 min" in table.out

    records = json.loads(run(desk, "status", "--json").out)
    assert [r["id"] for r in records] == ["ESC-48213", "ESC-50342", "ESC-51877"]

    one = run(desk, "status", "esc-51877", "--json")
    record = json.loads(one.out)
    assert record["id"] == "ESC-51877" and record["next_update_due"] == "2026-11-26T13:05:00Z"
    detail = run(desk, "status", "ESC-51877")
    assert detail.code == 0 and "Northwind Logistics" in detail.out and "Next customer update" in detail.out


def test_status_overdue_and_broken_documents(desk: Path) -> None:
    (desk / "escalations" / "ESC-1-broken.md").write_text("not a document\n", encoding="utf-8")
    result = run(desk, "status", now="2026-11-26T14:10:00Z")
    assert result.code == 0
    assert "OVERDUE 1 h 5 min" in result.out
    assert result.err_lines == ["1 document(s) skipped because they do not parse; run `esc check`."]
    unknown = run(desk, "status", "ESC-2")
    assert unknown.code == 2 and unknown.err_lines[0].startswith("esc: error: no escalation ESC-2 in ")


# --------------------------------------------------------------------------- check output formats

def _broken_desk(tmp_path: Path) -> Path:
    desk = make_desk(tmp_path, names=[ACME, BRIGHTPATH])
    odd = desk / "escalations" / "ESC-50342-a,b:c%d.md"
    (desk / "escalations" / BRIGHTPATH).rename(odd)
    odd.write_text(odd.read_text(encoding="utf-8").replace("owner: Lee Park\n", "owner: Lee Park\n50%off: yes\n"),
                   encoding="utf-8")
    return desk


def test_check_json(tmp_path: Path) -> None:
    desk = _broken_desk(tmp_path)
    result = run(desk, "check", "--format", "json")
    assert result.code == 1
    report = json.loads(result.out)
    assert (report["files"], report["errors"], report["warnings"]) == (2, 1, 0)
    assert report["findings"] == [{"path": "escalations/ESC-50342-a,b:c%d.md", "line": 12, "level": "error",
                                   "code": "unknown-key", "message": "unknown key '50%off'; remove it"}]


def test_check_github_annotations_are_escaped(tmp_path: Path) -> None:
    desk = _broken_desk(tmp_path)
    result = run(desk, "check", "--format", "github")
    assert result.code == 1
    assert result.out.splitlines() == [
        "::error file=escalations/ESC-50342-a%2Cb%3Ac%25d.md,line=12,title=esc check%3A unknown-key::"
        "unknown key '50%25off'; remove it"]
    assert result.err_lines == ["2 document(s) checked: 1 error(s), 0 warning(s)"]


def test_check_github_writes_a_job_summary(tmp_path: Path) -> None:
    desk = _broken_desk(tmp_path)
    summary = tmp_path / "summary.md"
    result = esc("--repo", desk, "--now", NOW_TEXT, "check", "--format", "github",
                 env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### esc check: 2 document(s), 1 error(s), 0 warning(s)")
    assert "| ❌ | `escalations/ESC-50342-a,b:c%d.md` | 12 | `unknown-key` |" in text


def test_check_the_real_examples_are_clean(tmp_path: Path) -> None:
    desk = make_desk(tmp_path)
    result = run(desk, "check")
    assert (result.code, result.out) == (0, "3 document(s) checked: 0 error(s), 0 warning(s)\n")


# --------------------------------------------------------------------------- index

RECORD_KEYS = {
    "id", "title", "customer", "account_id", "arr", "renewal_date", "health_score", "severity", "severity_state",
    "severity_set_by", "severity_set_at", "tier", "status",
    "owner", "exec_sponsor", "sponsor_engaged_at", "follows", "opened", "acknowledged", "target_resolution",
    "resolved", "closed", "next_update_due",
    "deadlines", "overdue", "triggers", "category", "post_mortems", "recovery", "path", "zendesk_tickets",
    "organization_id", "organization", "cadence",
}
ISO_Z = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def test_index_matches_the_documented_schema(desk: Path) -> None:
    (desk / "escalations" / "ESC-1-broken.md").write_text("---\nid: ESC-1\n", encoding="utf-8")
    result = run(desk, "index")
    assert result.code == 0
    assert result.out == (f"wrote {desk / 'escalations' / 'index.json'} (3 escalations; "
                          "1 skipped: run `esc check`)\n")
    text = (desk / "escalations" / "index.json").read_text(encoding="utf-8")
    index = json.loads(text)
    assert list(index) == ["schema", "as_of", "escalations", "tickets", "escalation_tag", "severity_tags",
                           "business_timezone", "impact_questions", "impact_matrix", "severity_definitions"]
    assert [q["id"] for q in index["impact_questions"]][:3] == ["down_for_everyone", "data_lost_or_exposed",
                                                              "workflow_blocked"]
    assert index["impact_matrix"][0] == {"when": {"down_for_everyone": True}, "severity": "SEV-1"}
    assert index["impact_matrix"][-1] == {"when": {}, "severity": "SEV-4"}
    assert set(index["severity_definitions"]) == {"SEV-1", "SEV-2", "SEV-3", "SEV-4"}
    assert {r["severity_state"] for r in index["escalations"]} == {"confirmed"}   # people wrote these
    assert index["escalation_tag"] == "escalation"
    assert index["severity_tags"] == {f"SEV-{n}": f"esc_sev{n}" for n in range(1, 5)}
    assert index["schema"] == "escalation-desk/index@1"
    assert index["as_of"] == "2026-11-26T12:30:00Z"
    assert [r["id"] for r in index["escalations"]] == ["ESC-48213", "ESC-50342", "ESC-51877"]
    assert index["tickets"] == {"48213": "ESC-48213", "48220": "ESC-48213", "50342": "ESC-50342",
                                "51877": "ESC-51877", "51880": "ESC-51877", "51883": "ESC-51877"}
    for record in index["escalations"]:
        assert set(record) == RECORD_KEYS
        for key in ("opened", "acknowledged", "target_resolution", "resolved", "closed", "next_update_due"):
            assert record[key] is None or ISO_Z.match(record[key]), (key, record[key])
        for item in record["deadlines"]:
            assert set(item) == {"kind", "label", "due", "warn_at", "state"} and ISO_Z.match(item["due"])
            assert ISO_Z.match(item["warn_at"]) and item["warn_at"] <= item["due"]
            assert item["state"] in ("on_track", "due_soon", "overdue")
        for item in record["overdue"]:
            assert set(item) == {"kind", "label", "due", "late_minutes"} and item["late_minutes"] >= 0
        for item in record["recovery"]:
            assert set(item) == {"milestone", "due", "done"}
        assert record["path"].startswith("escalations/") and record["path"].endswith(".md")
    northwind = index["escalations"][2]
    assert northwind["next_update_due"] == "2026-11-26T13:05:00Z"
    # The SEV-1 hourly update warns 15 minutes ahead; the target and the plan steps are commitments.
    assert northwind["deadlines"][0] == {"kind": "customer_update", "label": "Next customer update",
                                         "due": "2026-11-26T13:05:00Z", "warn_at": "2026-11-26T12:50:00Z",
                                         "state": "on_track"}
    assert [(d["kind"], d["due"]) for d in northwind["deadlines"][1:]] == [
        ("target_resolution", "2026-11-26T21:00:00Z"), ("plan_step", "2026-11-27T04:59:00Z"),
        ("plan_step", "2026-11-27T04:59:00Z"), ("plan_step", "2026-11-28T04:59:00Z")]
    assert northwind["arr"] == 480000 and isinstance(northwind["arr"], int)
    assert northwind["title"] == "Production dispatch console down"
    acme = index["escalations"][0]
    assert acme["next_update_due"] is None and acme["recovery"][0] == {
        "milestone": "Week 1: Immediate stabilization", "due": "2026-11-12", "done": True}

    # Deterministic: the same input gives the same bytes.
    assert run(desk, "index").code == 0
    assert (desk / "escalations" / "index.json").read_text(encoding="utf-8") == text
    assert run(desk, "index", "--out", "-").out == text


def test_index_reports_overdue_minutes(desk: Path) -> None:
    index = json.loads(run(desk, "index", "--out", "-", now="2026-11-26T14:10:00Z").out)
    northwind = next(r for r in index["escalations"] if r["id"] == "ESC-51877")
    assert northwind["overdue"] == [{"kind": "customer_update", "label": "Next customer update",
                                     "due": "2026-11-26T13:05:00Z", "late_minutes": 65}]


def test_index_carries_the_configured_zendesk_tags(desk: Path) -> None:
    # The sidebar applies the sync's own rule: the configured tag as Zendesk stores it
    # (lower case), the severity tags from the configured prefix, and null for "no tag".
    (desk / "escalations.toml").write_text('[zendesk]\nescalation_tag = " Needs-Escalation "\n'
                                           'severity_tag_prefix = "cs_"\n', encoding="utf-8")
    index = json.loads(run(desk, "index", "--out", "-").out)
    assert index["escalation_tag"] == "needs-escalation"
    assert index["severity_tags"]["SEV-2"] == "cs_sev2"
    assert index["business_timezone"] == "America/New_York"
    (desk / "escalations.toml").write_text('[zendesk]\nescalation_tag = ""\n', encoding="utf-8")
    assert json.loads(run(desk, "index", "--out", "-").out)["escalation_tag"] is None
