"""A command never writes a document its own parser would refuse: a --now outside the
documents' years, a change that takes a document over the size limit, a target that is
already past. Each is refused in one line, and the file stays as it was."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from escalation_desk.tracking.desk_commands import CommandError, parse_command
from escalation_desk.tracking.parse import MAX_BYTES
from support.cli import esc
from support.core import ACME, NOW_TEXT, make_desk


def one_line_error(run) -> str:
    assert run.code == 2, run.text
    assert len(run.err_lines) == 1 and run.err_lines[0].startswith("esc: error: "), run.err
    assert "Traceback" not in run.text
    return run.err_lines[0]


@pytest.mark.parametrize("now", ["1900-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59-05:00",
                                 "0001-01-01T00:00:00+00:00"])
@pytest.mark.parametrize("command", [("log", "ESC-48213", "comm", "hello"), ("confirm", "ESC-48213", "--by", "X"),
                                     ("resolve", "ESC-48213"), ("check",)])
def test_a_now_outside_the_documents_years_is_refused(tmp_path: Path, now: str, command: tuple) -> None:
    desk = make_desk(tmp_path / "desk", names=[ACME])
    before = (desk / "escalations" / ACME).read_bytes()
    line = one_line_error(esc("--repo", desk, "--now", now, *command))
    assert "--now" in line and "outside 1970–2999" in line
    assert (desk / "escalations" / ACME).read_bytes() == before


def test_an_entry_that_would_take_a_document_over_the_limit_is_refused(tmp_path: Path) -> None:
    desk = make_desk(tmp_path / "desk", names=[ACME])
    path = desk / "escalations" / ACME
    text = path.read_text(encoding="utf-8")
    line = "- 2026-11-20 10:00 UTC — email: a routine note to the customer, kept for the record " + "x" * 40 + "\n"
    count = (MAX_BYTES - len(text.encode("utf-8")) - 300) // len(line.encode("utf-8"))
    head, tail = text.split("## Customer Communication Log\n", 1)
    padded = head + "## Customer Communication Log\n" + line * count + tail
    assert MAX_BYTES - 400 < len(padded.encode("utf-8")) < MAX_BYTES
    path.write_text(padded, encoding="utf-8")
    assert esc("--repo", desk, "--now", NOW_TEXT, "check", path).code != 2          # readable as it stands
    before = path.read_bytes()
    line = one_line_error(esc("--repo", desk, "--now", NOW_TEXT, "log", "ESC-48213", "comm", "y" * 1000))
    assert "over the 1 MiB limit" in line and "nothing was written" in line
    assert path.read_bytes() == before


@pytest.mark.parametrize("target", ["2020-01-01", "0h", "2026-11-26T11:00:00Z", NOW_TEXT])
def test_esc_new_refuses_a_target_that_is_not_after_now(tmp_path: Path, target: str) -> None:
    desk = make_desk(tmp_path / "desk", names=[])
    line = one_line_error(esc("--repo", desk, "--now", NOW_TEXT, "new", "--customer", "Z", "--severity", "SEV-2",
                              "--owner", "Dana Whitfield", "--title", "t", "--target", target))
    assert "--target" in line and "not after now" in line
    assert list((desk / "escalations").glob("*.md")) == []


def test_a_desk_command_target_already_past_when_written_is_refused() -> None:
    written = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)
    with pytest.raises(CommandError, match="not after the time this was written"):
        parse_command("target 2020-01-01 17:00 UTC", "UTC", written)
    assert parse_command("target 2026-11-27 17:00 UTC", "UTC", written).values[0] > written
    with pytest.raises(CommandError, match="at least 15 minutes"):
        parse_command("snooze 0h nothing to do", "UTC", written)


def test_a_severity_a_person_wrote_is_shown_as_theirs(tmp_path: Path) -> None:
    desk = make_desk(tmp_path / "desk", names=[])
    assert esc("--repo", desk, "--now", NOW_TEXT, "new", "--customer", "Acme", "--severity", "SEV-1", "--owner",
               "Dana Whitfield", "--title", "x", "--id", "ESC-1").code == 0
    shown = esc("--repo", desk, "--now", NOW_TEXT, "status", "ESC-1")
    assert shown.code == 0 and "None" not in shown.out and "SEV-1 (set by a person in the document)" in shown.out


def test_a_long_summary_a_person_logs_is_kept_whole_or_refused(tmp_path: Path) -> None:
    desk = make_desk(tmp_path / "desk", names=[ACME])
    path = desk / "escalations" / ACME
    summary = "Walked their admin through the workaround; " + "they asked about the backfill again. " * 14
    assert esc("--repo", desk, "--now", NOW_TEXT, "log", "ESC-48213", "comm", summary).code == 0
    assert " ".join(summary.split()) in path.read_text(encoding="utf-8")          # not cut at 240 characters
    before = path.read_bytes()
    line = one_line_error(esc("--repo", desk, "--now", NOW_TEXT, "log", "ESC-48213", "event", "z" * 2001))
    assert "at most 2,000" in line and path.read_bytes() == before
