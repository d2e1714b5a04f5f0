"""Commitments are deadlines, and every deadline warns first — through the CLI.

Plan steps' Due dates, `target_resolution` and the next update a reply promised the
customer show in `esc overdue`, `esc status --json` / index.json (with `state` and
`warn_at`), and `esc new` sets the target, ARR and renewal.
"""

from __future__ import annotations

import json

import pytest

from support.overdue import esc, items_of, overdue_json, utc, write_config, write_doc


def deadlines(repo, now: str, ident: str) -> dict[str, dict]:
    result = esc("--repo", str(repo), "--now", now, "status", ident, "--json")
    assert result.code == 0, result.err
    record = json.loads(result.out)
    record = record[0] if isinstance(record, list) else record
    return {d["kind"]: d for d in record["deadlines"]}


def log_comm(repo, ident: str, now: str, text: str) -> None:
    result = esc("--repo", str(repo), "--now", now, "log", ident, "comm", text, "--channel", "email")
    assert result.code == 0, result.err


def test_a_plan_step_past_its_due_date_is_overdue(repo):
    write_config(repo)
    # The default plan step is due 2026-11-30: the end of that day in New York is 05:00 UTC on 1 Dec.
    write_doc(repo, "ESC-5001", opened="2026-11-23T14:00:00Z", comms=("2026-12-01T14:00:00Z",))
    on_time = items_of(overdue_json(repo, "2026-12-01T04:58:00Z"), "ESC-5001")
    assert on_time["plan_step"]["state"] == "due_soon"
    late = items_of(overdue_json(repo, "2026-12-01T06:00:00Z"), "ESC-5001")["plan_step"]
    assert late["state"] == "overdue" and late["label"] == "Plan step 1: Restore the sync job"
    assert late["due"] == "2026-12-01T04:59:00Z" and late["late_minutes"] == 61
    assert "tick the step" in late["fix"]


def test_target_resolution_passing_quietly_is_overdue(repo):
    write_config(repo)
    write_doc(repo, "ESC-5002", opened="2026-11-23T14:00:00Z", comms=("2026-11-26T14:00:00Z",),
              target_resolution=utc("2026-11-26T17:00:00Z"))
    assert deadlines(repo, "2026-11-24T12:00:00Z", "ESC-5002")["target_resolution"]["state"] == "on_track"
    # A quarter of its 75 hours left (18 h 45 min): due soon from 2026-11-25 22:15 UTC.
    soon = deadlines(repo, "2026-11-26T01:00:00Z", "ESC-5002")["target_resolution"]
    assert soon == {"kind": "target_resolution", "label": "Target resolution", "due": "2026-11-26T17:00:00Z",
                    "warn_at": "2026-11-25T22:15:00Z", "state": "due_soon"}
    item = items_of(overdue_json(repo, "2026-11-26T18:00:00Z"), "ESC-5002")["target_resolution"]
    assert item["state"] == "overdue" and item["late_minutes"] == 60


@pytest.mark.parametrize("reply, written, due", [
    ("Engineers are on it. Next update within the hour.", "2026-11-24T15:00:00Z", "2026-11-24T16:00:00Z"),
    ("We will update you by 3pm.", "2026-11-24T15:00:00Z", "2026-11-24T20:00:00Z"),          # 10:00 EST → 15:00 EST
    ("You will hear from us by end of day.", "2026-11-24T15:00:00Z", "2026-11-24T22:00:00Z"),  # closing, 17:00 EST
    ("We'll send you an update tomorrow morning.", "2026-11-24T15:00:00Z", "2026-11-25T17:00:00Z"),  # noon EST
])
def test_a_promised_update_is_tracked_until_the_next_reply(repo, reply, written, due):
    write_config(repo)
    write_doc(repo, "ESC-5003", severity="SEV-3", owner="Lee Park", opened="2026-11-24T14:00:00Z")
    log_comm(repo, "ESC-5003", written, reply)
    promised = deadlines(repo, written, "ESC-5003")["promised_update"]
    assert promised["due"] == due and promised["state"] == "on_track"
    late = items_of(overdue_json(repo, due.replace(":00:00Z", ":01:00Z")), "ESC-5003")["promised_update"]
    assert late["state"] == "overdue" and late["late_minutes"] == 1
    assert "do not promise a timeline you cannot keep" in late["rule"].lower()
    # The next reply keeps the promise: nothing is owed any more.
    log_comm(repo, "ESC-5003", due.replace(":00:00Z", ":02:00Z"), "Here is the update we promised.")
    assert "promised_update" not in deadlines(repo, due.replace(":00:00Z", ":03:00Z"), "ESC-5003")


def test_words_about_the_past_promise_nothing(repo):
    write_config(repo)
    write_doc(repo, "ESC-5004", severity="SEV-3", owner="Lee Park", opened="2026-11-24T14:00:00Z")
    log_comm(repo, "ESC-5004", "2026-11-24T15:00:00Z", "The exports began failing at 3pm yesterday.")
    assert "promised_update" not in deadlines(repo, "2026-11-24T15:00:00Z", "ESC-5004")


def test_every_deadline_warns_before_it_is_due(repo):
    write_config(repo)
    # SEV-2, update every 4 business hours from Mon 09:30 EST: due 13:30 EST, warned 1 business hour ahead.
    write_doc(repo, "ESC-5005", opened="2026-11-23T14:00:00Z", comms=("2026-11-23T14:30:00Z",))
    update = deadlines(repo, "2026-11-23T17:00:00Z", "ESC-5005")["customer_update"]
    assert update["warn_at"] == "2026-11-23T17:30:00Z" and update["state"] == "on_track"
    assert deadlines(repo, "2026-11-23T17:30:00Z", "ESC-5005")["customer_update"]["state"] == "due_soon"
    listed = esc("--repo", str(repo), "--now", "2026-11-23T17:40:00Z", "overdue")
    assert "Next customer update: due 2026-11-23 18:30 UTC, due soon: in 50 min" in listed.out
    assert "0 overdue item(s), 1 due soon" in listed.out
    assert esc("--repo", str(repo), "--now", "2026-11-23T17:40:00Z", "overdue", "--fail-on-overdue").code == 0


def test_sev1_warns_at_least_fifteen_minutes_ahead(repo):
    write_config(repo)
    write_doc(repo, "ESC-5006", severity="SEV-1", owner="Marcus Chen", opened="2026-11-23T14:00:00Z",
              comms=("2026-11-23T14:10:00Z",))
    update = deadlines(repo, "2026-11-23T14:20:00Z", "ESC-5006")["customer_update"]
    assert update["due"] == "2026-11-23T15:10:00Z" and update["warn_at"] == "2026-11-23T14:55:00Z"


def test_the_warning_is_configurable_per_severity(repo):
    write_config(repo, extra='[severities.SEV-2]\nwarn_before = "2h"')
    write_doc(repo, "ESC-5007", opened="2026-11-23T14:00:00Z", comms=("2026-11-23T14:30:00Z",))
    assert deadlines(repo, "2026-11-23T15:00:00Z", "ESC-5007")["customer_update"]["warn_at"] == "2026-11-23T16:30:00Z"


def test_due_within_lists_what_falls_due_in_that_window(repo):
    write_config(repo)
    write_doc(repo, "ESC-5008", opened="2026-11-23T14:00:00Z", comms=("2026-11-23T14:30:00Z",))
    now = "2026-11-23T15:00:00Z"   # the update is due at 18:30 UTC, its warning at 17:30
    assert overdue_json(repo, now)["escalations"] == []
    wide = esc("--repo", str(repo), "--now", now, "overdue", "--due-within", "4h", "--json")
    assert wide.code == 0, wide.err
    assert items_of(json.loads(wide.out), "ESC-5008")["customer_update"]["due_in_minutes"] == 210
    narrow = esc("--repo", str(repo), "--now", "2026-11-23T17:45:00Z", "overdue", "--due-within", "0m", "--json")
    assert json.loads(narrow.out)["escalations"] == []
    bad = esc("--repo", str(repo), "overdue", "--due-within", "soon")
    assert bad.code == 2 and "--due-within" in bad.err and "Traceback" not in bad.err


def test_new_takes_target_arr_and_renewal(repo):
    write_config(repo)
    result = esc("--repo", str(repo), "--now", "2026-11-23T14:00:00Z", "new", "--customer", "Acme Corp",
                 "--severity", "SEV-2", "--owner", "Dana Whitfield", "--title", "Sync stopped", "--id", "ESC-5009",
                 "--target", "2026-11-25", "--arr", "250000", "--renewal", "2027-01-31")
    assert result.code == 0, result.err
    text = next((repo / "escalations").glob("ESC-5009-*.md")).read_text(encoding="utf-8")
    assert "arr: 250000\n" in text and "renewal_date: 2027-01-31\n" in text
    assert "target_resolution: 2026-11-25T22:00:00Z\n" in text     # the date's closing time in New York
    assert deadlines(repo, "2026-11-23T14:00:00Z", "ESC-5009")["target_resolution"]["due"] == "2026-11-25T22:00:00Z"
    bad = esc("--repo", str(repo), "new", "--customer", "B", "--severity", "SEV-3", "--owner", "Lee Park",
              "--title", "t", "--target", "next week")
    assert bad.code == 2 and "--target" in bad.err
