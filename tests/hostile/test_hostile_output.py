"""Issue #14 (3): no line esc prints can be read as a workflow command by the Actions
runner, and no raw control character reaches a terminal, whatever the documents hold."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from escalation_desk.playbook.text import terminal_safe
from support.sync import esc, git

SECTIONS = ("Issue Summary", "Timeline of Events", "Root Cause", "Resolution Plan", "Customer Communication Log",
            "Internal Stakeholders Notified", "Resolution Summary", "Post-Escalation Actions", "Recovery Plan")
# A document a person (or an attacker with a pull request) wrote: every value is one line
# (so it loads), but many start with `::`, and the prose holds commands and raw escapes.
HOSTILE_DOC = (
    '---\nid: ESC-1\ncustomer: "::add-mask::acme"\nseverity: SEV-1\nstatus: Open\n'
    'owner: "::stop-commands::tok"\nexec_sponsor: "##[error]sponsor"\nopened: 2026-11-20T14:05:00Z\n'
    'category: "::error title=Fake::cat"\n---\n'
    "# ESC-1 — ::add-mask::acme — ::warning::title\n\n"
    "## Issue Summary\n::stop-commands::tok\n  ::error title=Fake::pwned\n##[set-output name=a]b\n"
    "Escape \x1b[2J\x1b]0;owned\x07 here \u202eevil\n\n"
    + "".join(f"## {s}\n\n" for s in SECTIONS[1:])
)
COMMANDS = [
    ("check",), ("check", "--format", "github"), ("check", "--format", "json"),
    ("status",), ("status", "ESC-1"), ("status", "--json"), ("status", "ESC-1", "--json"),
    ("brief", "ESC-1"), ("overdue",), ("overdue", "--json"), ("report",), ("index",),
]
ANNOTATION = re.compile(r"^::(error|warning|notice) file=[^:,]+(,line=\d+)?,title=[^:,]+::[^\n]*$")


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    (tmp_path / "escalations").mkdir()
    (tmp_path / "escalations" / "ESC-1-acme.md").write_text(HOSTILE_DOC, encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    return tmp_path


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_printed_line_is_a_workflow_command(docs: Path, args: tuple[str, ...], monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("CI", "true")
    run = esc(docs, *args, now="2026-11-26T12:00:00Z")
    assert "Traceback" not in run.text and "unexpected error" not in run.text, run.text
    for line in run.text.splitlines():
        if args[1:] == ("--format", "github") and ANNOTATION.match(line):
            continue                                   # the product's own, percent-encoded annotations
        assert not line.lstrip().startswith("::"), (args, line)
        assert "##[" not in line, (args, line)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", run.text), (args, run.text)


def test_annotations_are_percent_encoded_per_the_docs() -> None:
    from escalation_desk.tracking.findings import Finding
    from escalation_desk.tracking.formats import as_github

    line = as_github(Finding("escalations/a,b:c.md", 3, "error", "bad-value", "50% off\r\nnext::line \x1b"))
    assert line == ("::error file=escalations/a%2Cb%3Ac.md,line=3,title=esc check%3A bad-value::"
                    "50%25 off%0Anext::line \\x1b")


@pytest.mark.parametrize("text,expected", [
    ("::add-mask::x", ":\u200b:add-mask::x"),
    ("ok\n   ::stop-commands::t", "ok\n   :\u200b:stop-commands::t"),
    ("a ##[error]b", "a #\u200b#[error]b"),
    ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
    ("bidi \u202e", "bidi \\u202e"),
    ("tab\tand\nnewline", "tab\tand\nnewline"),
])
def test_terminal_safe(text: str, expected: str) -> None:
    assert terminal_safe(text) == expected


def test_only_the_output_module_prints() -> None:
    """One output-escaping function for every command: nothing in cli.py or commands/
    prints around it."""
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in [root / "cli.py", *sorted((root / "commands").glob("*.py"))]:
        if path.name == "output.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"click\.(echo|secho)\(|(?<![.\w])print\(|sys\.std(out|err)\.write|Console\(", line):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert offenders == []
