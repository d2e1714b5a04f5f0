"""The whole-repository commands read each document once, in worker processes when there
are many (tracking.scan): what they print and write is byte for byte what the one-process
path gives, and what the library's build_index gives from the parsed documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.core import NOW, NOW_TEXT, esc, example_text, make_desk, roster_config, BRIGHTPATH

import escalation_desk.tracking.scan as scan
from escalation_desk.tracking import store
from escalation_desk.tracking.index import build_index, dumps


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    root = make_desk(tmp_path / "desk")
    docs = root / "escalations"
    (docs / "ESC-1-broken.md").write_text("---\nid: ESC-1\n", encoding="utf-8")
    for number in range(70001, 70007):   # non-ASCII text too: status --json escapes it, the index does not
        text = example_text(BRIGHTPATH).replace("ESC-50342", f"ESC-{number}").replace("Brightpath Learning", "Zürich AG")
        (docs / f"ESC-{number}-copy.md").write_text(text, encoding="utf-8")
    return root


def run(root: Path, *args: str, code: int = 0) -> str:
    result = esc("--repo", root, "--now", NOW_TEXT, *args)
    assert result.code == code, result
    return result.out


@pytest.mark.parametrize("args", [("index", "--out", "-"), ("status", "--json"), ("overdue", "--json")])
def test_workers_give_the_same_bytes_as_one_process(desk: Path, monkeypatch: pytest.MonkeyPatch, args) -> None:
    code = 2 if args[0] == "overdue" else 0    # the desk has a document that does not parse: a red job
    alone = run(desk, *args, code=code)
    monkeypatch.setattr(scan, "PARALLEL_FROM", 2)
    monkeypatch.setattr(scan, "CHUNK", 3)
    monkeypatch.setattr(scan, "workers_for", lambda count: 2)
    assert run(desk, *args, code=code) == alone


def test_the_index_is_what_build_index_gives(desk: Path) -> None:
    expected = dumps(build_index(store.load_all(desk), roster_config(), NOW))
    assert run(desk, "index", "--out", "-") == expected
    assert "Zürich AG" in expected
    status = json.loads(run(desk, "status", "--json"))
    assert status == json.loads(expected)["escalations"]
    assert "Z\\u00fcrich AG" in run(desk, "status", "--json")


def test_an_empty_folder_gives_an_empty_index(tmp_path: Path) -> None:
    root = make_desk(tmp_path / "empty", names=())
    assert json.loads(run(root, "index", "--out", "-"))["escalations"] == []
    assert run(root, "status", "--json") == "[]\n"


@pytest.mark.parametrize("now", [NOW_TEXT, "2026-12-20T12:00:00Z"])
@pytest.mark.parametrize("window", [None, "0m", "3d"])
def test_the_streamed_overdue_list_is_the_whole_list(desk: Path, window: str | None, now: str) -> None:
    """What `esc overdue` streams is what the whole list (load_overdue, for issues and the job summary) renders."""
    from escalation_desk.overdue.items import as_dict, as_lines, load_overdue
    from escalation_desk.playbook.durations import parse_duration
    from escalation_desk.playbook.timefmt import parse_iso

    config = roster_config()
    whole = load_overdue(desk, config, parse_iso(now), parse_duration(window) if window else None)
    within = ("--due-within", window) if window else ()
    for args, expected in ((("overdue", "--json", *within), json.dumps(as_dict(whole, config), indent=2, ensure_ascii=False) + "\n"),
                           (("overdue", *within), "".join(line + "\n" for line in as_lines(whole)))):
        result = esc("--repo", desk, "--now", now, *args)
        assert (result.code, result.out) == (2, expected)    # listed in full, then red: a document does not parse
    assert whole.broken and (whole.escalations or now == NOW_TEXT)
