"""Playbook rules that need more than one line of one file: across documents (systemic
category, owner load, a ticket in two escalations), the file name, configured errors."""

from __future__ import annotations

from pathlib import Path

from support.core import BRIGHTPATH, NOW, NOW_TEXT, esc, example_text, make_desk, roster_config
from escalation_desk.tracking.check_rules import check_collection, check_document, owner_overload
from escalation_desk.tracking.parse import parse_document

BASE = example_text(BRIGHTPATH)


def variant(number: int, **replacements: str):
    text = BASE.replace("ESC-50342", f"ESC-{number}").replace("zendesk_tickets: [50342]",
                                                              f"zendesk_tickets: [{number}]")
    for old, new in replacements.items():
        text = text.replace(old, new)
    return parse_document(f"escalations/ESC-{number}-x.md", text)


def codes(findings) -> list[tuple[str, int, str, str]]:
    return sorted((f.path, f.line, f.level, f.code) for f in findings)


def test_the_same_category_three_times_is_systemic() -> None:
    docs = [variant(n) for n in (1, 2, 3)]                       # category: reporting, opened 2026-11-24
    assert codes(check_collection(docs, roster_config(), NOW)) == [
        (f"escalations/ESC-{n}-x.md", 15, "warning", "systemic-category") for n in (1, 2, 3)]
    assert check_collection(docs[:2], roster_config(), NOW) == []
    old = variant(4, **{"opened: 2026-11-24T16:30:00Z": "opened: 2026-06-01T16:30:00Z"})   # outside 90 days
    assert check_collection([*docs[:2], old], roster_config(), NOW) == []


def test_one_owner_carrying_too_much_is_said_once_weighed_by_severity() -> None:
    sev2 = {"severity: SEV-4": "severity: SEV-2"}
    docs = [variant(n, **{"category: reporting": f"category: c{n}"}, **sev2) for n in range(1, 4)]   # 3 × 2
    assert check_collection(docs, roster_config(), NOW) == []           # nothing on the documents themselves
    (found,) = owner_overload(docs, roster_config())
    assert (found.path, found.line, found.level, found.code) == ("", 0, "warning", "owner-overload")
    assert found.message.startswith("Lee Park carries a load of 6 (limit 5; SEV-1 4, SEV-2 2, SEV-3 1, SEV-4 0.5) "
                                    "in 3 open escalations: ESC-1 (SEV-2), ESC-2 (SEV-2), ESC-3 (SEV-2)")
    closed = variant(7, **{"status: In Progress": "status: Closed", "category: reporting": "category: c7"}, **sev2)
    assert owner_overload([*docs[:2], closed], roster_config()) == []   # 4: a closed one weighs nothing
    sev4 = [variant(n, **{"category: reporting": f"category: c{n}"}) for n in range(1, 11)]   # ten SEV-4s: 5
    assert owner_overload(sev4, roster_config()) == []
    assert owner_overload(sev4, roster_config(), concerning={"escalations/ESC-99-x.md"}) == []


def test_a_ticket_in_two_escalations() -> None:
    a = variant(1, **{"category: reporting": "category: a"})
    b = variant(2, **{"zendesk_tickets: [2]": "zendesk_tickets: [2, 1]", "category: reporting": "category: b"})
    assert codes(check_collection([a, b], roster_config(), NOW)) == [
        ("escalations/ESC-1-x.md", 14, "warning", "ticket-in-two-escalations"),
        ("escalations/ESC-2-x.md", 14, "warning", "ticket-in-two-escalations")]


def test_the_file_name_must_start_with_the_id() -> None:
    config = roster_config()
    assert check_document(parse_document(f"escalations/{BRIGHTPATH}", BASE), config, NOW) == []
    assert check_document(parse_document("escalations/ESC-50342.md", BASE), config, NOW) == []
    for wrong in ("escalations/acme.md", "escalations/ESC-5034-x.md", "escalations/ESC-503421.md"):
        assert codes(check_document(parse_document(wrong, BASE), config, NOW)) == [(wrong, 2, "warning", "file-name")]
    short = BASE.replace("id: ESC-50342", "id: ESC-5")   # ESC-5 in ESC-50342-….md is a different escalation
    assert [f.code for f in check_document(parse_document(f"escalations/{BRIGHTPATH}", short), config, NOW)] == \
        ["file-name"]


def test_status_and_times_disagree() -> None:
    config = roster_config()
    doc = parse_document(f"escalations/{BRIGHTPATH}", BASE.replace(
        "acknowledged: 2026-11-25T10:00:00Z", "acknowledged: 2026-11-25T10:00:00Z\nresolved: 2026-11-25T12:00:00Z"))
    assert codes(check_document(doc, config, NOW)) == [(f"escalations/{BRIGHTPATH}", 10, "warning", "status-times")]
    doc = parse_document(f"escalations/{BRIGHTPATH}", BASE.replace("status: In Progress", "status: Closed").replace(
        "acknowledged: 2026-11-25T10:00:00Z", "acknowledged: 2026-11-25T10:00:00Z\nresolved: 2026-11-25T12:00:00Z"))
    found = codes(check_document(doc, config, NOW))
    assert (f"escalations/{BRIGHTPATH}", 10, "error", "missing-closed-time") in found


def test_lints_configured_as_errors_fail_the_check(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, names=[])
    (desk / "escalations" / BRIGHTPATH).write_text(BASE.replace("owner: Lee Park", "owner: Somebody New"),
                                                   encoding="utf-8")
    assert esc("--repo", desk, "--now", NOW_TEXT, "check").code == 0
    with (desk / "escalations.toml").open("a", encoding="utf-8") as out:
        out.write("\n[lints]\nas_errors = ['owner-not-in-roster']\n")
    result = esc("--repo", desk, "--now", NOW_TEXT, "check")
    assert result.code == 1
    assert f"escalations/{BRIGHTPATH}:11: error: owner 'Somebody New' is not in the roster" in result.out
