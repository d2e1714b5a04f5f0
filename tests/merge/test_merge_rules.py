"""The semantic merge as a pure function: what merges cleanly, what conflicts, what is refused."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from escalation_desk.config import Config
from escalation_desk.tracking.merge import checker, merge_documents
from escalation_desk.tracking.parse import parse_document

BASE = (Path(__file__).parent / "data" / "ESC-7001-base.md").read_text(encoding="utf-8")
PATH = "escalations/ESC-7001-acme.md"
NOW = datetime(2026, 11, 26, 12, tzinfo=timezone.utc)
CHECK = checker(Config(), NOW)

SYNC_REPLY = "- 2026-11-21 09:00 UTC: email — Customer asked for an ETA <!-- zd:comment:9950 -->\n"
CSM_CALL = "- 2026-11-21 10:30 UTC: phone — Called their CFO with the plan\n"
EARLY_CALL = "- 2026-11-21 08:15 UTC: phone — Early call with RevOps\n"


def edit(text: str, *steps: tuple[str, str]) -> str:
    for old, new in steps:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def after(line_start: str, added: str, text: str = BASE) -> str:
    """`added` inserted after the (first) line starting with `line_start`."""
    lines = text.splitlines(keepends=True)
    index = next(i for i, ln in enumerate(lines) if ln.startswith(line_start))
    return "".join(lines[:index + 1] + [added] + lines[index + 1:])


def merged(ours: str, theirs: str, base: str = BASE):
    return merge_documents(PATH, base, ours, theirs, validate=CHECK)


LAST_COMM = "- 2026-11-20 18:30 UTC: phone"


def test_both_append_to_the_communication_log_in_time_order():
    result = merged(after(LAST_COMM, CSM_CALL), after(LAST_COMM, EARLY_CALL + SYNC_REPLY))
    assert result.clean, result.conflicts
    comms = [e.summary for e in parse_document(PATH, result.text).comms]
    assert comms[-3:] == ["Early call with RevOps", "Customer asked for an ETA", "Called their CFO with the plan"]
    times = [e.at for e in parse_document(PATH, result.text).comms]
    assert times == sorted(times)


def test_the_same_entry_added_on_both_sides_is_kept_once():
    result = merged(after(LAST_COMM, SYNC_REPLY), after(LAST_COMM, SYNC_REPLY))
    assert result.clean and result.text.count("zd:comment:9950") == 1


def test_severity_change_next_to_a_machine_key_change():
    ours = edit(BASE, ("severity: SEV-2", "severity: SEV-1"), ("tier: 2", "tier: 1"))
    theirs = edit(BASE, ("arr: 250000", "arr: 260000"), ("health_score: 54", "health_score: 41"))
    result = merged(ours, theirs)
    assert result.clean
    front = parse_document(PATH, result.text).front
    assert (front.severity, front.tier, front.arr, front.health_score) == ("SEV-1", 1, 260000, 41)


def test_machine_key_changed_both_ways_takes_the_sync_value_and_keeps_the_comment():
    ours = edit(BASE, ("health_score: 54  # dropped after the outage (Dana)",
                       "health_score: 50  # dropped after the outage; QBR next week (Dana)"))
    theirs = edit(BASE, ("health_score: 54", "health_score: 38"))
    result = merged(ours, theirs)
    assert result.clean
    assert "health_score: 38  # dropped after the outage; QBR next week (Dana)\n" in result.text


def test_lists_are_unioned():
    ours = edit(BASE, ("zendesk_tickets: [48213, 48220]", "zendesk_tickets: [48213, 48220, 48300]"),
                ("triggers: [keyword:cancel]", "triggers: [keyword:cancel, exec-request]"))
    theirs = edit(BASE, ("zendesk_tickets: [48213, 48220]", "zendesk_tickets: [48213, 48220, 48311]"),
                  ("triggers: [keyword:cancel]", "triggers: [keyword:cancel, renewal-90d]"))
    front = parse_document(PATH, merged(ours, theirs).text).front
    assert front.zendesk_tickets == (48213, 48220, 48300, 48311)
    assert front.triggers == ("keyword:cancel", "exec-request", "renewal-90d")


def test_reworded_line_and_a_neighbouring_insertion_combine():
    step1 = "- Step 1: Restore the sync job — Owner: Lee Park — Due: 2026-11-21"
    ours = edit(BASE, (step1, step1.replace("Restore the sync job", "Restore the sync job on API v59")))
    theirs = after(step1, "- Step 1b: Alert on sync gaps — Owner: Ana Souza — Due: 2026-11-23\n".replace("1b", "3"))
    result = merged(ours, theirs)
    assert result.clean
    plan = [s.action for s in parse_document(PATH, result.text).plan]
    assert plan == ["Restore the sync job on API v59", "Alert on sync gaps", "Backfill opportunities"]


def test_a_key_added_on_one_side_and_a_new_key_on_the_other():
    ours = edit(BASE, ("category: integration\n", "category: integration\nexec_sponsor: Jordan Ellis\n"))
    theirs = edit(BASE, ("status: In Progress", "status: Resolved"),
                  ("target_resolution: 2026-11-24T17:00:00Z\n",
                   "target_resolution: 2026-11-24T17:00:00Z\nresolved: 2026-11-23T10:00:00Z\n"))
    front = parse_document(PATH, merged(ours, theirs).text).front
    assert front.exec_sponsor == "Jordan Ellis" and front.status == "Resolved" and front.resolved is not None


@pytest.mark.parametrize("ours_new, theirs_new, where", [
    ("severity: SEV-1", "severity: SEV-3", "severity"),
    ("owner: Lee Park", "owner: Ana Souza", "owner"),
])
def test_the_same_human_key_changed_two_ways_conflicts(ours_new, theirs_new, where):
    key = ours_new.split(":")[0]
    old = next(ln for ln in BASE.splitlines() if ln.startswith(key + ":"))
    result = merged(edit(BASE, (old, ours_new)), edit(BASE, (old, theirs_new)))
    assert not result.clean and where in result.conflicts[0][1]
    assert f"<<<<<<< ours\n{ours_new}\n=======\n{theirs_new}\n>>>>>>> theirs\n" in result.text
    assert any(f.code == "conflict-marker" for f in parse_document(PATH, result.text).problems)


def test_the_same_human_line_reworded_two_ways_conflicts_only_there():
    line = "Not known yet."
    ours = edit(BASE, (line, "Token refresh pinned to API v52."), ("severity: SEV-2", "severity: SEV-1"))
    theirs = after(LAST_COMM, SYNC_REPLY, edit(BASE, (line, "Salesforce retired API v52.")))
    result = merged(ours, theirs)
    assert len(result.conflicts) == 1 and "Root Cause" in result.conflicts[0][1]
    assert "severity: SEV-1" in result.text and "zd:comment:9950" in result.text


def test_a_merge_that_would_fail_esc_check_is_refused():
    ours = edit(BASE, ("acknowledged: 2026-11-20T14:40:00Z", "acknowledged: 2026-11-20T14:20:00Z"))
    theirs = edit(BASE, ("opened: 2026-11-20T14:05:00Z", "opened: 2026-11-20T14:30:00Z"))
    result = merged(ours, theirs)
    assert not result.conflicts and not result.clean
    assert [f.code for f in result.refused] == ["time-order"]


def test_nothing_changed_round_trips_byte_for_byte():
    assert merged(BASE, BASE).text == BASE
    ours = after(LAST_COMM, CSM_CALL)
    assert merged(ours, BASE).text == ours and merged(BASE, ours).text == ours


def test_a_file_that_is_not_a_document_merges_as_lines():
    base = "# Dashboard\n\na\nb\nc\n"
    result = merge_documents("escalations/README.md", base, base.replace("a\n", "A\n"), base.replace("c\n", "C\n"))
    assert result.clean and result.text == "# Dashboard\n\nA\nb\nC\n"


@pytest.mark.parametrize("gone", ["", "health_score: 11\n", "# ESC-7001 notes\n\nsomething else entirely\n",
                                  BASE.replace("owner: ", "owner: [Dana ", 1)],
                         ids=["emptied", "one-line", "front-matter-removed", "front-matter-not-parsing"])
@pytest.mark.parametrize("side", ["ours", "theirs"])
def test_a_side_that_is_no_longer_a_document_conflicts_as_a_whole_file(gone: str, side: str):
    """Review F24: ours emptied + theirs changing one key merged to that one line — the rest of
    theirs was dropped and the driver said the merge was clean."""
    changed = edit(BASE, ("severity: SEV-2", "severity: SEV-1"))
    ours, theirs = (gone, changed) if side == "ours" else (changed, gone)
    result = merged(ours, theirs)
    assert not result.clean and len(result.conflicts) == 1 and "no longer a readable document" in result.conflicts[0][1]
    assert result.text.startswith("<<<<<<< ours\n") and result.text.endswith(">>>>>>> theirs\n")
    assert changed in result.text and gone in result.text            # both sides kept, whole, for a person


def test_a_file_that_never_was_a_document_still_merges_as_lines():
    base = "notes\n"
    result = merge_documents(PATH, base, "", "notes\nmore\n", validate=CHECK)
    assert not any("no longer a readable document" in what for _, what in result.conflicts)
