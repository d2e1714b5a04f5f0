"""The incremental pull-request check (`esc check --base REF` with an index committed at the
base), on real git repositories in tmp: it reads only the changed documents, takes the
rest from the base's index.json, gives exactly the findings a full check gives for the
changed documents, and checks everything, saying why, when the index cannot be trusted.
"""

from __future__ import annotations

import json
from pathlib import Path

import git
import pytest

from support.core import BRIGHTPATH, NOW_TEXT, ROSTER, esc, example_text

import escalation_desk.commands.prcheck as prcheck

ACTOR = git.Actor("Test Person", "test@example.com")
TEMPLATE = example_text(BRIGHTPATH)   # ESC-50342, Lee Park, open, category reporting, ticket 50342


def document(number: int, *, owner: str = "Dana Whitfield", category: str = "reporting", ticket: int | None = None,
             ident: int | None = None, severity: str = "SEV-4") -> tuple[str, str]:
    """(file name, text) of an open escalation made from the Brightpath example (a SEV-4)."""
    ident = ident or number
    text = (TEMPLATE.replace("id: ESC-50342", f"id: ESC-{ident}").replace("severity: SEV-4", f"severity: {severity}")
            .replace("# ESC-50342 —", f"# ESC-{ident} —")
            .replace("owner: Lee Park", f"owner: {owner}")
            .replace("category: reporting", f"category: {category}")
            .replace("zendesk_tickets: [50342]", f"zendesk_tickets: [{ticket or number}]"))
    return f"ESC-{ident}-case-{number}.md", text


def commit(repo: git.Repo, message: str) -> None:
    repo.git.add(A=True)
    repo.index.commit(message, author=ACTOR, committer=ACTOR)


@pytest.fixture
def desk(tmp_path: Path):
    """Twelve documents and their index committed on main; a `feature` branch checked out."""
    root = tmp_path / "desk"
    (root / "escalations").mkdir(parents=True)
    (root / "escalations.toml").write_text(ROSTER.read_text(encoding="utf-8"), encoding="utf-8")
    for number in range(60001, 60013):
        name, text = document(number, owner="Lee Park" if number <= 60005 else "Dana Whitfield",
                              category="reporting" if number <= 60002 else f"area-{number}")
        (root / "escalations" / name).write_text(text, encoding="utf-8")
    assert esc("--repo", root, "--now", NOW_TEXT, "index").code == 0
    repo = git.Repo.init(root, initial_branch="main")
    commit(repo, "Twelve escalations and their index")
    repo.git.checkout("-b", "feature")
    yield root, repo
    repo.close()


def add(root: Path, number: int, **kwargs) -> str:
    name, text = document(number, **kwargs)
    (root / "escalations" / name).write_text(text, encoding="utf-8")
    return f"escalations/{name}"


def check_json(root: Path, *args: str) -> tuple[int, dict, list[str]]:
    result = esc("--repo", root, "--now", NOW_TEXT, "check", "--base", "main", "--format", "json", *args)
    assert result.code in (0, 1), result
    return result.code, json.loads(result.out), result.err_lines


def check(root: Path, *args: str) -> tuple[int, list[dict], list[str]]:
    code, report, notes = check_json(root, *args)
    return code, report["findings"], notes


def overloads(report: dict) -> list[str]:
    """The owner-overload messages of the check's summary (about no one file)."""
    return [f["message"] for f in report["summary"] if f["code"] == "owner-overload"]


def full_check(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[dict], list[str]]:
    with monkeypatch.context() as patched:
        patched.setattr(prcheck, "summaries_from_index", lambda data: None)
        return check(root)


def test_a_new_document_is_checked_alone_with_the_collection_rules_from_the_index(desk, monkeypatch) -> None:
    root, repo = desk
    # Lee Park's sixth open escalation (five SEV-4s weigh 2.5; a SEV-1 adds 4, over the limit of 5),
    # the third "reporting" one, ESC-60007's ticket, ESC-60009's ID.
    new = add(root, 60100, owner="Lee Park", ticket=60007, severity="SEV-1")
    clash = add(root, 60101, ident=60009)
    commit(repo, "Two new escalations")

    code, report, notes = check_json(root)
    findings = report["findings"]
    assert notes == ["esc check: checked the 2 document(s) changed since "
                     f"{repo.git.rev_parse('main', short=7)}; the other 12 from escalations/index.json at "
                     f"{repo.git.rev_parse('main', short=7)}"]
    assert {f["path"] for f in findings} == {new, clash}
    assert {f["code"] for f in findings if f["path"] == new} >= {"systemic-category", "ticket-in-two-escalations"}
    # The owner's load is said once, in the summary, weighed by severity (from the index's severities).
    assert "owner-overload" not in {f["code"] for f in findings}
    assert overloads(report) == [
        "Lee Park carries a load of 6.5 (limit 5; SEV-1 4, SEV-2 2, SEV-3 1, SEV-4 0.5) in 6 open escalations: "
        "ESC-60100 (SEV-1), ESC-60001 (SEV-4), ESC-60002 (SEV-4), ESC-60003 (SEV-4), ESC-60004 (SEV-4), "
        "ESC-60005 (SEV-4); redistribute before escalation fatigue sets in"]
    assert any(f["code"] == "duplicate-id" and "escalations/ESC-60009-case-60009.md" in f["message"]
               for f in findings if f["path"] == clash)
    assert code == 1   # a duplicate ID is an error

    full_code, everything, full_notes = full_check(root, monkeypatch)
    assert full_notes[0].startswith("esc check: checked every document: no readable escalations/index.json")
    assert [f for f in everything if f["path"] in (new, clash)] == findings
    assert full_code == code
    with monkeypatch.context() as patched:
        patched.setattr(prcheck, "summaries_from_index", lambda data: None)
        assert check_json(root)[1]["summary"] == report["summary"]


def test_an_edit_is_compared_with_its_base_version(desk) -> None:
    root, repo = desk
    path = root / "escalations" / "ESC-60003-case-60003.md"
    path.write_text(path.read_text(encoding="utf-8").replace("owner: Lee Park", "owner: Marcus Chen"), encoding="utf-8")
    code, findings, notes = check(root)   # not even committed: the work tree is the head
    assert "checked the 1 document(s) changed" in notes[0]
    assert [(f["path"], f["code"]) for f in findings] == [("escalations/ESC-60003-case-60003.md", "owner-changed")]


def test_documents_changed_after_the_index_was_written_are_read_from_git(desk, monkeypatch) -> None:
    root, repo = desk
    repo.git.checkout("main")
    for number in (60006, 60007, 60008):   # three more "reporting" escalations, index not rewritten
        path = root / "escalations" / document(number)[0]
        path.write_text(path.read_text(encoding="utf-8").replace(f"category: area-{number}", "category: reporting"),
                        encoding="utf-8")
    commit(repo, "Recategorised without `esc index`")
    repo.git.checkout("-B", "feature")
    new = add(root, 60100)
    commit(repo, "One more")

    code, findings, notes = check(root)
    assert notes[0].endswith("and 3 read from git")
    systemic = [f["message"] for f in findings if f["code"] == "systemic-category"]
    assert systemic and "escalated 6 times" in systemic[0]
    assert [f for f in full_check(root, monkeypatch)[1] if f["path"] == new] == findings

    monkeypatch.setattr(prcheck, "BEHIND_LIMIT", 2)
    code, everything, notes = check(root)
    assert notes == [f"esc check: checked every document: escalations/index.json at "
                     f"{repo.git.rev_parse('main', short=7)} is 3 document(s) behind"]
    assert {f["path"] for f in everything} > {new}


def test_a_configuration_change_checks_everything(desk) -> None:
    root, repo = desk
    config = root / "escalations.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[lints]\nowner_max_open = 3\n", encoding="utf-8")
    commit(repo, "Stricter owner limit")
    code, findings, notes = check(root)
    assert notes[0] == f"esc check: checked every document: the configuration changed since {repo.git.rev_parse('main', short=7)}"
    # Dana Whitfield's seven SEV-4s (3.5) are over the new limit, Lee Park's five (2.5) are not: once each.
    messages = overloads(check_json(root)[1])
    assert len(messages) == 1 and messages[0].startswith("Dana Whitfield carries a load of 3.5 (limit 3;")
    assert "owner-overload" not in {f["code"] for f in findings}


def test_a_deleted_or_renamed_document_leaves_the_collection(desk) -> None:
    root, repo = desk
    (root / "escalations" / "ESC-60009-case-60009.md").unlink()
    clash = add(root, 60101, ident=60009)   # takes over the ID of the one deleted: no clash
    commit(repo, "Replace ESC-60009")
    code, findings, _ = check(root)
    assert clash in {f["path"] for f in findings}
    assert "duplicate-id" not in {f["code"] for f in findings}


def test_nothing_changed_checks_nothing(desk) -> None:
    root, _ = desk
    code, findings, notes = check(root)
    assert (code, findings) == (0, [])
    assert "checked the 0 document(s) changed" in notes[0]


def test_named_files_are_checked_with_the_rest_from_the_index(desk) -> None:
    root, repo = desk
    new = add(root, 60100, owner="Lee Park", severity="SEV-2")   # 2.5 + 2: not over the limit of 5
    code, report, notes = check_json(root, str(root / new))
    assert {f["code"] for f in report["findings"]} >= {"systemic-category"} and overloads(report) == []
    add(root, 60101, owner="Lee Park", severity="SEV-2", category="other")   # 6.5
    code, report, notes = check_json(root, str(root / new))
    assert [m.split(" (limit")[0] for m in overloads(report)] == ["Lee Park carries a load of 6.5"]
    assert "the other 13 from escalations/index.json" in notes[0]   # 12 from the index, the other new one read


def test_documents_that_do_not_parse_are_not_called_behind(desk, monkeypatch) -> None:
    """Review3 M5: an index written a second ago was "N document(s) behind" when N documents at
    the base do not parse (the index leaves them out, and so would a fresh one)."""
    root, repo = desk
    repo.git.checkout("main")
    for number in (60006, 60007, 60008):
        path = root / "escalations" / document(number)[0]
        path.write_text(path.read_text(encoding="utf-8").replace("\nstatus:", "\nstatus: [Open\n", 1),
                        encoding="utf-8")
    commit(repo, "Three broken documents")
    assert esc("--repo", root, "--now", NOW_TEXT, "index").code == 0
    commit(repo, "esc index")
    repo.git.checkout("-B", "feature")
    add(root, 60100)
    commit(repo, "One more")
    monkeypatch.setattr(prcheck, "BEHIND_LIMIT", 2)
    code, everything, notes = check(root)
    short = repo.git.rev_parse("main", short=7)
    assert notes == [f"esc check: checked every document: 3 document(s) at {short} do not parse, so "
                     "escalations/index.json leaves them out (`esc check` on the base names them)"]
    assert "behind" not in notes[0]
