"""The report folds per-document facts computed in worker processes (tracking.scan) and reads
git history in one batched pass, skipping the committed versions equal to the files on disk:
every artefact is byte for byte what the one-process path over parsed documents gives
(report.metrics.compute over every document, with every committed version parsed).

The repository: three generations of the hand-built documents (report_fixtures, each with
its own IDs), committed step by step at known author times (severity, owner and plan changes,
uncommitted edits, a commit after NOW), plus a document that does not parse, at every stage.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import report_fixtures as fx
from prerequisites import missing
import escalation_desk.tracking.scan as scan
from escalation_desk.config import load_config
from escalation_desk.report.dashboard import render_dashboard
from escalation_desk.report.html import render_html
from escalation_desk.report.run import build_report
from escalation_desk.report.serialize import dumps
from support.cli import esc

GENERATIONS = 3
BROKEN = "ESC-999-broken.md"


def _renamed(text: str, generation: int) -> str:
    for number in ("101", "102", "201", "202", "250", "301", "302", "303", "304", "401"):
        text = text.replace(f"ESC-{number}", f"ESC-{generation}{number}")
    return text


def _name(name: str, generation: int) -> str:
    return _renamed(name, generation)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        missing("git is not installed")
    root = tmp_path_factory.mktemp("workers") / "repo"
    folder = root / "escalations"
    folder.mkdir(parents=True)
    fx.git(root, "init", "-q", "-b", "main")
    (root / "escalations.toml").write_text(fx.CONFIG_TOML, encoding="utf-8")
    for step, (when, files) in enumerate(fx.git_steps()):
        for generation in range(1, GENERATIONS + 1):
            for name, text in files.items():
                (folder / _name(name, generation)).write_text(_renamed(text, generation), encoding="utf-8")
        (folder / BROKEN).write_text(f"---\nid: ESC-999\nseverity: SEV-{step}\n", encoding="utf-8")
        fx.git(root, "add", "-A")
        fx.git(root, "commit", "-q", "-m", f"step {step}", when=when)
    for generation in range(1, GENERATIONS + 1):
        for name, text in fx.final_documents().items():
            (folder / _name(name, generation)).write_text(_renamed(text, generation), encoding="utf-8")
    for name, text in _recurring().items():   # not committed: their facts come from the files only
        (folder / name).write_text(text, encoding="utf-8")
    return root


def _recurring() -> dict[str, str]:
    """A systemic category whose post-mortem only the Timeline of one document mentions."""
    docs = {f"ESC-80{n}.md": fx.document(f"ESC-80{n}", severity="SEV-3", status="In Progress", owner="Kim Lee",
                                         opened=f"2026-06-2{n}T10:00:00Z", category="sso") for n in range(1, 4)}
    docs["ESC-802.md"] = docs["ESC-802.md"].replace("UTC — Opened", "UTC — Opened; retrospective booked")
    return docs


def _artefacts(report, config) -> tuple[str, str, str]:
    return dumps(report), render_dashboard(report, config), render_html(report, config)


@pytest.fixture(scope="module")
def expected(repo: Path) -> tuple[str, str, str]:
    """One process, every document parsed, every committed version parsed (no blob skipped)."""
    return _artefacts(fx.report_of(repo), load_config(repo / "escalations.toml"))


def _workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan, "PARALLEL_FROM", 2)
    monkeypatch.setattr(scan, "CHUNK", 4)
    monkeypatch.setattr(scan, "workers_for", lambda count: 2)


def test_the_repository_has_history_the_report_reads(expected: tuple[str, str, str]) -> None:
    report_json = expected[0]
    assert '"history_available": true' in report_json
    for generation in range(1, GENERATIONS + 1):   # changes come from parsed committed versions
        assert f'"id": "ESC-{generation}101",\n      "severity_changes": 1' in report_json
    assert "ESC-999-broken.md" in report_json       # skipped, never counted
    sso = report_json.index('"category": "sso"')
    # A Timeline line mentioning a post-mortem is not a recorded one (Post-Escalation Actions), as in esc check.
    assert '"post_mortem_noted": false' in report_json[sso:sso + 200]


@pytest.mark.parametrize("parallel", [False, True], ids=["one-process", "workers"])
def test_build_report_gives_the_same_bytes(repo: Path, expected, monkeypatch: pytest.MonkeyPatch,
                                           parallel: bool) -> None:
    if parallel:
        _workers(monkeypatch)
    config = load_config(repo / "escalations.toml")
    assert _artefacts(build_report(repo, config, fx.NOW), config) == expected


def test_the_command_prints_the_same_json_and_markdown(repo: Path, expected, monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    _workers(monkeypatch)
    now = fx.NOW.strftime("%Y-%m-%dT%H:%M:%SZ")
    as_json = esc("--repo", repo, "--now", now, "report", "--format", "json", "--html", tmp_path / "site")
    assert as_json.code == 0, as_json
    assert as_json.out == expected[0]
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == expected[2]
    markdown = esc("--repo", repo, "--now", now, "report", "--format", "markdown")
    assert markdown.code == 0, markdown
    assert markdown.out == expected[1]


def test_without_the_records_json_the_pages_are_the_same(repo: Path, expected, monkeypatch: pytest.MonkeyPatch) -> None:
    """`esc report` (the README), --format markdown and --html without --format json do not
    render the open escalations' JSON in the workers; the pages do not change."""
    _workers(monkeypatch)
    config = load_config(repo / "escalations.toml")
    lean = build_report(repo, config, fx.NOW, records=False)
    assert (render_dashboard(lean, config), render_html(lean, config)) == expected[1:]
    with pytest.raises(LookupError, match="without the records' JSON"):
        lean.open_escalations[0].record()


def test_the_shown_part_of_a_record_is_the_record_s(repo: Path) -> None:
    from escalation_desk.report.facts import shown_record
    from escalation_desk.report.records import SHOWN
    from escalation_desk.tracking.clocks import obligations
    from escalation_desk.tracking.index import record
    from escalation_desk.tracking.lean import lean_document
    from escalation_desk.tracking.views import urgency_key

    config = load_config(repo / "escalations.toml")
    for now in (fx.NOW, fx.NOW.replace(year=2027), fx.NOW.replace(month=1)):
        for path in sorted((repo / "escalations").glob("*.md")):
            doc = lean_document(path.name, path.read_bytes())
            if doc.front is None:
                continue
            items = obligations(doc, config, now)
            full, shown = record(doc, config, now, items), shown_record(doc, config, now, items)
            assert {k: shown[k] for k in SHOWN if k != "overdue"} == {k: full[k] for k in SHOWN if k != "overdue"}
            assert urgency_key(shown) == urgency_key(full)
