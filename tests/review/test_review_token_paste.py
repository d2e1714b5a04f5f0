"""A token pasted in two pieces (a line break or space inside it) is one line naming the
variable — not an "unexpected error" whose crash log holds the token; and whatever does crash,
the log on disk never holds a secret from the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from escalation_desk.sandbox import Sandbox
from support.sync import esc, git, make_repo

BROKEN = "gho_FIRSTHALF\nSECONDHALF0123"
PIECES = ("gho_FIRSTHALF", "SECONDHALF0123")


@pytest.mark.parametrize("name", ["ZENDESK_OAUTH_TOKEN", "ZENDESK_API_TOKEN", "SF_ACCESS_TOKEN"])
def test_a_token_with_a_line_break_is_one_line_naming_it(tmp_path: Path, sandbox: Sandbox, sandbox_env: dict,
                                                         monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    repo = make_repo(tmp_path / "docs", sandbox)
    before = git(repo, "rev-parse", "HEAD")
    monkeypatch.setenv(name, BROKEN)
    run = esc(repo, "sync")
    assert run.code == 2, run.text
    assert f"esc: error: {name} contains a space, tab or line break" in run.err
    assert "unexpected error" not in run.text and not any(piece in run.text for piece in PIECES)
    assert git(repo, "rev-parse", "HEAD") == before


def test_github_token_with_a_line_break_is_one_line(tmp_path: Path, sandbox: Sandbox, sandbox_env: dict,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "docs", sandbox)
    monkeypatch.setenv("GITHUB_TOKEN", BROKEN)
    run = esc(repo, "overdue", "--raise-issues")
    assert run.code == 2, run.text
    assert "GITHUB_TOKEN contains a space, tab or line break" in run.err
    assert not any(piece in run.text for piece in PIECES)


def test_a_crash_log_holds_no_secret_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture) -> None:
    from escalation_desk import cli

    monkeypatch.setenv("ESC_NOTIFY_SLACK", "slack://TokenA/TokenB/TokenC")
    monkeypatch.setenv("SF_PASSWORD", "hunter2 with spaces")
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    with pytest.raises(SystemExit) as exited:
        try:
            raise RuntimeError("slack://TokenA/TokenB/TokenC refused 'hunter2\\nwith spaces'")
        except RuntimeError as exc:
            cli._crash(exc)
    assert exited.value.code == 3
    (log,) = tmp_path.glob("esc-crash-*.log")
    text = log.read_text()
    assert "RuntimeError" in text and "TokenA" not in text and "hunter2" not in text
