"""The people's morning is written for the default sandbox; with a bigger one the sync groups
tickets otherwise (ticket #48214 joins an earlier Zephyr Airlines escalation), and the demo
used to stop at the first edit that could not apply ("no escalation ESC-48214")."""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone
from pathlib import Path

from support.cli import esc

from escalation_desk.config import load_config
from escalation_desk.demo.people import PersonEdit
from escalation_desk.demo.run import _act, prepare_repository

AT = datetime(2026, 11, 26, 10, 5, tzinfo=timezone.utc)


def _status(repo: Path) -> str:
    return subprocess.run(["git", "-C", str(repo), "status", "--porcelain"], capture_output=True, text=True).stdout


def test_an_edit_that_cannot_apply_is_skipped_saying_why_and_writes_nothing(tmp_path: Path) -> None:
    repo = prepare_repository(tmp_path / "demo", "", at=AT)
    config = load_config(repo / "escalations.toml")
    edit = PersonEdit(AT, "Priya Raman", "priya@example.com", "ESC-48214", "confirm", (), "ESC-48214: SEV-1 confirmed")
    line = _act(repo, config, edit)
    assert line.startswith("10:05 Priya Raman (git): ESC-48214: SEV-1 confirmed — skipped: no escalation ESC-48214")
    assert _status(repo) == ""


def test_the_demo_runs_to_its_end_on_a_bigger_sandbox(tmp_path: Path) -> None:
    run = esc("demo", "--tickets", "1000", "--into", str(tmp_path / "big"))   # main failed from 1,000 on
    assert run.code == 0, run.err[-2000:]
    assert "Traceback" not in run.out + run.err
    assert _status(tmp_path / "big") == ""
