"""What esc prints survives the streams people really have: a reader that stops early
(`esc status | head` under `set -o pipefail`) and a stdout that is not UTF-8 (LC_ALL=C,
PYTHONIOENCODING=latin-1) — review3 C2 and C1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from support.core import EXAMPLES, NOW_TEXT

ENV = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "ESC_"))}


def _desk(root: Path, count: int, name: str) -> Path:
    (root / "escalations").mkdir()
    text = EXAMPLES[0].read_text(encoding="utf-8")
    ident = text.split("\nid: ", 1)[1].split("\n", 1)[0]
    customer = text.split("\ncustomer: ", 1)[1].split("\n", 1)[0]
    for i in range(count):
        new = f"ESC-{70000 + i}"
        body = text.replace(ident, new).replace(f"customer: {customer}", f"customer: {name} {i}")
        (root / "escalations" / f"{new}-foods.md").write_text(body, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def big_desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """600 documents: the table (drawn by the plain writer) is well over a pipe's 64 KiB."""
    return _desk(tmp_path_factory.mktemp("big"), 600, "Tokyo Foods")


@pytest.fixture(scope="module")
def wide_desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Customers with CJK and emoji, which a Latin-1 stdout cannot hold."""
    return _desk(tmp_path_factory.mktemp("wide"), 5, "東京 Foods 🚚")


def _esc(desk: Path, *args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "escalation_desk", "--repo", str(desk), "--now", NOW_TEXT, *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**ENV, **env})


def test_a_reader_that_stops_early_is_no_failure(big_desk: Path) -> None:
    process = _esc(big_desk, "status")
    first = process.stdout.readline()
    process.stdout.close()                      # `| head -1`: the reader is gone
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0, err
    assert first.startswith(b"Escalations as of") and "Traceback" not in err and "unexpected error" not in err


@pytest.mark.parametrize("command", [("status",), ("overdue",), ("status", "--json"), ("check",)])
def test_a_stdout_that_is_not_utf8_gets_question_marks_not_a_crash(wide_desk: Path, command: tuple[str, ...]) -> None:
    process = _esc(wide_desk, *command, PYTHONIOENCODING="latin-1")
    out, err = process.communicate(timeout=120)
    assert process.returncode in (0, 1), err.decode()          # check: 1 when it finds errors
    assert b"unexpected error" not in err and b"Traceback" not in err
    if command == ("status",):
        assert "? Foods".encode("latin-1") in out or b"Foods" in out
