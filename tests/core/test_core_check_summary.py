"""The pull-request check's summary, ``escalations/check-summary.json``: `esc index` writes it
from the index it wrote; `esc check --base` reads it instead of the index when it names the
index at the base, and otherwise reads the whole index (the same findings) and says why in
one line; a pull request that edits it changes nothing; and the check over the documents
related to the changed ones gives, byte for byte, what the check over every summary gives.
Real git repositories in tmp (the `desk` fixture of test_core_check_incremental)."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from test_core_check_incremental import add, commit, desk, document  # noqa: F401 - the shared fixture

from support.core import NOW_TEXT, esc

import escalation_desk.commands.prcheck as prcheck
from escalation_desk.tracking import checksummary
from escalation_desk.tracking.summaries import Keys, RowTable, summary_of_row

SUMMARY = "escalations/check-summary.json"
INDEX = "escalations/index.json"
FIELDS = ["path", "id", "category", "owner", "status", "opened", "zendesk_tickets", "severity", "post_mortems"]


def run_check(root: Path, *args: str):  # noqa: ANN201 - the Run
    result = esc("--repo", root, "--now", NOW_TEXT, "check", "--base", "main", "--format", "json", *args)
    assert result.code in (0, 1), result
    return result


def hash_object(root: Path, relative: str) -> str:
    return subprocess.run(["git", "hash-object", relative], cwd=root, capture_output=True, text=True,
                          check=True).stdout.strip()


def on_main(root: Path, repo, message: str, change) -> None:  # noqa: ANN001 - git.Repo, a function of root
    """Commit `change` on main (the base), then put `feature` back on top of it."""
    repo.git.checkout("main")
    change(root)
    commit(repo, message)
    repo.git.checkout("feature")
    repo.git.rebase("main")


def pull_request(root: Path, repo) -> list[str]:  # noqa: ANN001
    """Three changed documents touching every cross-document rule: Lee Park's sixth, a third
    "reporting" one, ESC-60007's ticket, ESC-60009's ID."""
    paths = [add(root, 60100, owner="Lee Park", ticket=60007, severity="SEV-1"), add(root, 60101, ident=60009),
             add(root, 60102, category="area-60011")]
    commit(repo, "Three escalations")
    return paths


def whole_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every summary of the index taken into the cross-document rules (as before they were
    narrowed to the related ones)."""
    monkeypatch.setattr(Keys, "shared_by", lambda self, summary: True)
    monkeypatch.setattr(RowTable, "related", lambda self, keys, paths: [
        summary_of_row(row) for path, row in self.entries.items() if path in paths])


def test_esc_index_writes_the_summary_of_the_index_it_wrote(desk) -> None:
    root, _ = desk
    summary = json.loads((root / SUMMARY).read_text(encoding="utf-8"))
    index = json.loads((root / INDEX).read_text(encoding="utf-8"))
    assert summary["schema"] == "escalation-desk/check-summary@1" and summary["fields"] == FIELDS
    assert summary["index_blob"] == hash_object(root, INDEX)
    assert summary["rows"] == [[record[f] for f in FIELDS] for record in index["escalations"]]
    assert len(summary["rows"]) == 12 and summary["rows"][0][:2] == ["escalations/ESC-60001-case-60001.md", "ESC-60001"]
    assert (root / SUMMARY).read_text(encoding="utf-8").count("\n") == 12 + 2      # a row a line
    before = (root / SUMMARY).read_bytes()
    assert esc("--repo", root, "--now", "2026-11-27T09:00:00Z", "index", "--out", root / "elsewhere.json").code == 0
    assert (root / SUMMARY).read_bytes() == before      # only beside the committed index


def test_the_check_reads_the_summary_and_not_the_index(desk) -> None:
    root, repo = desk
    paths = pull_request(root, repo)
    expected = run_check(root)
    assert expected.err_lines[0].endswith(f"the other 12 from {INDEX} at {repo.git.rev_parse('main', short=7)}")

    def unreadable_index(root: Path) -> None:     # the summary is all there is to read
        (root / INDEX).write_text("not the index", encoding="utf-8")
        summary = json.loads((root / SUMMARY).read_text(encoding="utf-8"))   # as the writer writes it
        rows = [checksummary.row_text(dict(zip(FIELDS, row))) for row in summary["rows"]]
        (root / SUMMARY).write_text(checksummary.summary_text(rows, hash_object(root, INDEX)), encoding="utf-8")

    on_main(root, repo, "An index only the summary describes", unreadable_index)
    found = run_check(root)
    assert found.out == expected.out and {f["path"] for f in found.json()["findings"]} == set(paths[:2])
    assert found.err_lines[0].endswith(f"from {INDEX} at {repo.git.rev_parse('main', short=7)}")   # no aside


def test_a_summary_not_made_from_the_base_index_reads_the_whole_index(desk) -> None:
    root, repo = desk
    pull_request(root, repo)
    expected = run_check(root).out

    def index_alone(root: Path) -> None:     # `esc index` rerun; only index.json added
        assert esc("--repo", root, "--now", "2026-11-27T09:00:00Z", "index").code == 0
        repo.git.checkout("--", SUMMARY)

    on_main(root, repo, "Index rewritten, summary left behind", index_alone)
    found = run_check(root)
    short = repo.git.rev_parse("main", short=7)
    assert found.err_lines == [f"esc check: checked the 3 document(s) changed since {short}; the other 12 from "
                               f"{INDEX} at {short} ({SUMMARY} at {short} is made from another index.json: the "
                               "whole index was read; `esc index` rewrites it)"]
    assert found.out == expected


def test_no_summary_at_the_base_reads_the_whole_index(desk) -> None:
    root, repo = desk
    pull_request(root, repo)
    expected = run_check(root).out
    on_main(root, repo, "No summary", lambda root: (root / SUMMARY).unlink())
    found = run_check(root)
    assert found.err_lines[0].endswith(f"({SUMMARY} at {repo.git.rev_parse('main', short=7)} is missing: the whole "
                                       "index was read; `esc index` writes it)")
    assert found.out == expected


def _rows(root: Path) -> dict:
    return json.loads((root / SUMMARY).read_text(encoding="utf-8"))


def _signed(text: str) -> str:
    """A summary's JSON laid out as the writer lays it out, with the digest of its rows' bytes
    (so a hostile file is refused for what it says, not only for bytes changed under a header)."""
    found = json.loads(text)
    if not isinstance(found, dict) or type(found.get("rows")) is not list or type(found.get("rows_sha256")) is not str:
        return text
    rows = found.pop("rows")
    body = ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + ("\n" if rows else "") + "]}\n"
    found["rows_sha256"] = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return json.dumps(found, ensure_ascii=False)[:-1] + ', "rows": [\n' + body


def _replace(change):  # noqa: ANN001, ANN202 - a function of the summary's JSON → its new text or bytes
    def write(root: Path) -> None:
        text = change(_rows(root))
        try:
            text = _signed(text) if isinstance(text, str) else text
        except (ValueError, RecursionError):      # not JSON at all
            pass
        (root / SUMMARY).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return write


def _padded(summary: dict) -> str:   # well formed, 200 rows of 1 KiB: over 64 KiB + 4 KiB × 12
    pad = [[f"escalations/ESC-7{i:04d}-pad.md", f"ESC-7{i:04d}", "x" * 1000, "Nobody", "Closed",
            "2026-11-01T00:00:00Z", [], "SEV-4", []] for i in range(200)]
    return json.dumps({**summary, "rows": summary["rows"] + pad})


def _row_changed(index: int, value) -> object:  # noqa: ANN001
    def change(summary: dict) -> str:
        summary["rows"][3][index] = value
        return json.dumps(summary)
    return change


HOSTILE = {
    "bad bytes": (lambda s: b"\xff\xfe\x00\x9c not json", "unreadable"),
    "Latin-1 inside": (lambda s: json.dumps(s).replace("ESC-60004", "ESC-6000\xe9").encode("latin-1"), "unreadable"),
    "another version": (lambda s: json.dumps({**s, "schema": "escalation-desk/check-summary@2"}), "unreadable"),
    "other fields": (lambda s: json.dumps({**s, "fields": FIELDS[:-1]}), "unreadable"),
    "short row": (lambda s: json.dumps({**s, "rows": s["rows"] + [["escalations/x.md", "ESC-1"]]}), "unreadable"),
    "owner a number": (_row_changed(3, 5), "unreadable"),
    "ticket a string": (_row_changed(6, ["60004"]), "unreadable"),
    "ticket true": (_row_changed(6, [True]), "unreadable"),
    "opened not a time": (_row_changed(5, "yesterday"), "unreadable"),
    "post-mortem not a date": (_row_changed(8, ["2026-13-01"]), "unreadable"),
    "blob not a sha": (lambda s: json.dumps({**s, "index_blob": s["index_blob"].upper()}), "unreadable"),
    "a list": (lambda s: json.dumps(s["rows"]), "unreadable"),
    "deep": (lambda s: "[" * 60_000, "unreadable"),
    "huge": (_padded, "over its size limit"),
    "digest missing": (lambda s: json.dumps({**s, "rows_sha256": None}), "unreadable"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_summary_at_the_base_reads_the_whole_index(desk, case: str) -> None:
    root, repo = desk
    pull_request(root, repo)
    expected = run_check(root).out
    change, why = HOSTILE[case]
    on_main(root, repo, f"Summary: {case}", _replace(change))
    found = run_check(root)
    assert len(found.err_lines) == 1
    assert found.err_lines[0].endswith(f"({SUMMARY} at {repo.git.rev_parse('main', short=7)} is {why}: the whole "
                                       "index was read; `esc index` rewrites it)"), found.err_lines
    assert found.out == expected


def test_a_pull_request_that_edits_the_summary_changes_nothing(desk) -> None:
    """... in the findings on its documents (both files are read at the base); the edit
    itself is warned about (generated-file-edited)."""
    root, repo = desk
    paths = pull_request(root, repo)
    expected = run_check(root)

    def hide(summary: dict) -> str:   # drop ESC-60009 and Lee Park's others: no clash, no load, if it were read
        summary["rows"] = [r for r in summary["rows"] if r[1] != "ESC-60009" and r[3] != "Lee Park"]
        return json.dumps(summary)

    for change in (hide, lambda s: b"\xff garbage"):
        _replace(change)(root)
        (root / INDEX).write_text("{}", encoding="utf-8")
        commit(repo, "The pull request rewrites the summary and the index")
        found = run_check(root)
        report = found.json()
        warned = [f for f in report["findings"] if f["code"] == "generated-file-edited"]
        assert [f["path"] for f in warned] == [SUMMARY]
        report["findings"].remove(warned[0])
        report["warnings"] -= 1
        assert (report, found.err_lines) == (expected.json(), expected.err_lines)
    assert {f["code"] for f in found.json()["findings"] if f["path"] == paths[1]} >= {"duplicate-id"}


def test_renames_and_deletions_with_the_summary(desk, monkeypatch) -> None:
    root, repo = desk
    renamed = "escalations/ESC-60003-moved.md"
    moved = root / renamed
    repo.git.mv("escalations/ESC-60003-case-60003.md", renamed)
    moved.write_text(moved.read_text(encoding="utf-8").replace("owner: Lee Park", "owner: Marcus Chen"),
                     encoding="utf-8")
    repo.git.rm("escalations/ESC-60004-case-60004.md")           # open: an error
    new = add(root, 60103, ident=60009, owner="Lee Park")        # ESC-60009's ID: a clash with it
    commit(repo, "Move one (and hand it over), delete one, reuse an ID")
    found = run_check(root)
    codes = {(f["path"], f["code"]) for f in found.json()["findings"]}
    assert {("escalations/ESC-60004-case-60004.md", "open-escalation-deleted"), (renamed, "owner-changed"),
            (new, "duplicate-id")} <= codes
    assert {path for path, _ in codes} == {renamed, "escalations/ESC-60004-case-60004.md", new}
    assert "the other 10 from" in found.err_lines[0]
    whole_list(monkeypatch)
    assert run_check(root).out == found.out
    monkeypatch.setattr(prcheck, "summaries_from_index", lambda data: None)
    full = run_check(root).json()
    assert [f for f in full["findings"] if f["path"] in {renamed, new}] == \
        [f for f in found.json()["findings"] if f["path"] in {renamed, new}]


def _crowd(root: Path) -> None:
    """On main: documents each sharing one key with the pull request's: ESC-60006's ID twice
    more, ESC-60008's ticket, the category area-60010 written two other ways, one more
    (heavy) escalation of Lee Park's; each with an owner of its own."""
    for number, kwargs in ((60020, {"ident": 60006, "owner": "Owner A", "category": "cat-a"}),
                           (60021, {"ident": 60006, "owner": "Owner B", "category": "cat-b"}),
                           (60022, {"ticket": 60008, "owner": "Owner C", "category": "cat-c"}),
                           (60023, {"category": "Area-60010", "owner": "Owner D"}),
                           (60024, {"category": "AREA-60010", "owner": "Owner E"}),
                           (60025, {"owner": " lee park ", "category": "cat-e", "severity": "SEV-1"})):
        add(root, number, **kwargs)
    assert esc("--repo", root, "--now", NOW_TEXT, "index").code == 0


def test_the_related_documents_give_what_the_full_check_gives(desk, monkeypatch) -> None:
    root, repo = desk
    on_main(root, repo, "A crowded desk", _crowd)
    new = add(root, 60030, ident=60006, owner="Owner T", ticket=60008, category="area-60010")
    edit = root / "escalations" / "ESC-60011-case-60011.md"
    edit.write_text(edit.read_text(encoding="utf-8").replace("owner: Dana Whitfield", "owner: Lee Park"),
                    encoding="utf-8")
    commit(repo, "One more of each, one hand-over")
    found = run_check(root)
    report = found.json()
    messages = {f["code"]: f["message"] for f in report["findings"] if f["path"] == new}
    assert messages["duplicate-id"].startswith(
        "ID ESC-60006 is also used by escalations/ESC-60006-case-60006.md, escalations/ESC-60006-case-60020.md, "
        "escalations/ESC-60006-case-60021.md;")
    assert messages["ticket-in-two-escalations"] == "Zendesk ticket #60008 is also in ESC-60008, ESC-60022"
    assert messages["systemic-category"].startswith("category 'area-60010' escalated 4 times")
    assert "owner-changed" in {f["code"] for f in report["findings"]}
    # 2.5 + 0.5 (the hand-over) + 4 (the SEV-1), named as the heaviest one writes it
    assert [f["message"].split(" (limit")[0] for f in report["summary"]] == ["lee park carries a load of 7"]
    with monkeypatch.context() as patched:
        whole_list(patched)
        assert run_check(root).out == found.out
    with monkeypatch.context() as patched:
        patched.setattr(prcheck, "summaries_from_index", lambda data: None)
        full = run_check(root).json()
    changed = {f["path"] for f in report["findings"]}
    assert [f for f in full["findings"] if f["path"] in changed] == report["findings"]
    assert full["summary"] == report["summary"]
    on_main(root, repo, "No summary", lambda root: (root / SUMMARY).unlink())
    assert run_check(root).out == found.out


def test_documents_in_folders_are_listed_in_the_full_checks_order(desk, monkeypatch) -> None:
    root, repo = desk

    def folders(root: Path) -> None:   # "2026" sorts before "2026-q4" part by part, after it as a string
        for folder, number in (("2026-q4", 60040), ("2026", 60041)):
            name, text = document(number, ident=60007, owner=f"Owner {number}")
            (root / "escalations" / folder).mkdir()
            (root / "escalations" / folder / name).write_text(text, encoding="utf-8")
        assert esc("--repo", root, "--now", NOW_TEXT, "index").code == 0

    on_main(root, repo, "Two more ESC-60007s, in folders", folders)
    new = add(root, 60042, ident=60007, owner="Owner T")
    commit(repo, "A fourth")
    found = run_check(root).json()["findings"]
    clash = [f["message"] for f in found if f["path"] == new and f["code"] == "duplicate-id"]
    assert clash[0].startswith("ID ESC-60007 is also used by escalations/2026/ESC-60007-case-60041.md, "
                               "escalations/2026-q4/ESC-60007-case-60040.md, escalations/ESC-60007-case-60007.md;")
    monkeypatch.setattr(prcheck, "summaries_from_index", lambda data: None)
    assert [f for f in run_check(root).json()["findings"] if f["path"] == new] == \
        [f for f in found if f["path"] == new]


def test_a_submodule_among_the_documents_is_read_by_the_general_listing(desk) -> None:
    root, repo = desk
    paths = pull_request(root, repo)
    expected = run_check(root)
    repo.git.checkout("main")
    repo.git.update_index("--add", "--cacheinfo", f"160000,{repo.head.commit.hexsha},escalations/vendored")
    repo.index.commit("A submodule in the folder")   # git's tree: "160000 commit <sha>\tescalations/vendored"
    repo.git.checkout("feature")
    repo.git.rebase("main")
    found = run_check(root)
    assert (found.out, found.err_lines[0].split(" since ")[0]) == (expected.out, expected.err_lines[0].split(" since ")[0])
    assert {f["path"] for f in found.json()["findings"]} <= set(paths)
