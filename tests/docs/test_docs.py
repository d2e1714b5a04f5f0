"""Every command is documented: in its own --help (with an example) and in the README."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from escalation_desk.cli import cli

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "esc") -> list[tuple[str, click.Command]]:
    found = []
    context = click.Context(group)
    for name in sorted(group.list_commands(context)):   # the lazy group imports each command here
        command = group.get_command(context, name)
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            found += _commands(command, path)
        else:
            found.append((path, command))
    return found


COMMANDS = _commands(cli)


def test_every_spec_command_exists() -> None:
    names = {path for path, _ in COMMANDS}
    for wanted in ("init", "new", "check", "sync", "overdue", "status", "log", "brief", "report", "index",
                   "sidebar package", "demo", "resolve", "sandbox serve"):
        assert f"esc {wanted}" in names


@pytest.mark.parametrize("path, command", COMMANDS, ids=[p for p, _ in COMMANDS])
def test_command_help_has_an_example(path: str, command: click.Command) -> None:
    help_text = command.help or ""
    assert help_text.strip(), f"{path} has no help"
    assert re.search(r"Examples?:", help_text), f"{path}'s help has no example"
    assert "esc " in help_text.split("Example", 1)[1], f"{path}'s example does not show the command"


@pytest.mark.parametrize("path, command", COMMANDS, ids=[p for p, _ in COMMANDS])
def test_command_is_in_the_readme(path: str, command: click.Command) -> None:
    assert f"`{path}" in README, f"README's command table does not mention `{path}`"


def test_quickstart_has_the_two_commands_and_ci_runs_the_second() -> None:
    quickstart = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    commands = [line for line in quickstart.splitlines() if line and not line.startswith(("#", "`", " "))
                and ("esc demo" in line or "scripts/test" in line)]
    assert any("esc demo" in c for c in commands) and any("scripts/test" in c for c in commands)
    test_command = next(c for c in commands if "scripts/test" in c).strip()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines(), ".ci/run must run the README's test command verbatim"
