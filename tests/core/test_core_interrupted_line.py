"""Ctrl-C inside a command ends in one line; when the interrupted work says what it had
already done (the sync: "Zendesk was already updated for N ticket(s) …"), that line says it."""

from __future__ import annotations

import click
import pytest

from escalation_desk import cli


@pytest.fixture
def interrupting_command():  # noqa: ANN201
    said = {"text": ""}

    @click.command("press-ctrl-c")
    def press() -> None:
        raise KeyboardInterrupt(said["text"])

    cli.cli.add_command(press)
    yield said
    cli.cli.commands.pop("press-ctrl-c", None)


@pytest.mark.parametrize("text,line", [
    ("", "esc: interrupted"),
    ("Zendesk was already updated for 2 ticket(s), git was not; run the sync again",
     "esc: interrupted: Zendesk was already updated for 2 ticket(s), git was not; run the sync again"),
])
def test_the_interrupted_line_says_what_the_work_had_done(interrupting_command: dict, text: str, line: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    interrupting_command["text"] = text
    with pytest.raises(SystemExit) as ended:
        cli.main(["press-ctrl-c"])
    assert ended.value.code == 130
    lines = [x for x in capsys.readouterr().err.splitlines() if x.strip()]
    assert lines == [line]
