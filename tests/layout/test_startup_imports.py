"""Start-up: a command imports what it uses. `esc check FILE` and `esc --version` load no
vendor SDK, no rich, jinja2 or GitPython (issue #17: the gain in bench_startup.py must not
silently regress). Checked in a fresh process through sys.modules, not timed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from escalation_desk import cli
from support.core import ACME, BRIGHTPATH, NORTHWIND, make_desk

ROOT = Path(__file__).resolve().parents[2]

RUN_ESC = """
import json, runpy, sys
sys.argv = ["esc", *json.loads(sys.argv[1])]
code = 0
try:
    runpy.run_module("escalation_desk", run_name="__main__")
except SystemExit as exc:
    code = exc.code
with open({out!r}, "w") as out:
    json.dump({{"code": code, "modules": sorted(sys.modules)}}, out)
"""
NEVER = ("zenpy", "simple_salesforce", "github", "git", "requests", "urllib3", "rich", "jinja2", "apprise",
         "vaderSentiment", "rapidfuzz", "dateparser", "werkzeug", "escalation_desk.connectors.zendesk",
         "escalation_desk.sync", "escalation_desk.sandbox", "escalation_desk.report", "escalation_desk.gitrepo")


def _loaded(tmp_path: Path, *args: str) -> tuple[int, list[str]]:
    out = tmp_path / "modules.json"
    code = RUN_ESC.format(out=str(out))
    subprocess.run([sys.executable, "-c", code, json.dumps(list(args))], capture_output=True, text=True,
                   timeout=120, check=True, cwd=tmp_path, env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")})
    found = json.loads(out.read_text(encoding="utf-8"))
    return found["code"], found["modules"]


def _heavy(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return sorted({m for m in modules for n in names if m == n or m.startswith(n + ".")})


def test_checking_one_file_imports_no_sdk_rich_jinja2_or_git(tmp_path: Path) -> None:
    repo = make_desk(tmp_path / "desk")
    one = next((repo / "escalations").glob("ESC-*.md"))
    args = ("--repo", str(repo), "--now", "2026-11-26T12:00:00Z", "check", str(one))
    code, modules = _loaded(tmp_path, *args)
    assert code == 0 and "escalation_desk.tracking.check_files" in modules   # it did check
    assert _heavy(modules, NEVER) == []
    assert _heavy(modules, ("escalation_desk.commands.integrations", "escalation_desk.commands.merging",
                            "escalation_desk.commands.working")) == []        # only the invoked command's module
    code, modules = _loaded(tmp_path, *args)                                  # holiday dates now in the cache
    assert code == 0 and _heavy(modules, ("holidays",)) == []


@pytest.mark.parametrize("names, roster", [((ACME,), False), ((ACME, BRIGHTPATH, NORTHWIND), False),
                                           ((ACME,), True), ((ACME, BRIGHTPATH, NORTHWIND), True)])
def test_checking_with_no_or_a_simple_config_file_loads_no_pydantic(tmp_path: Path, names: tuple[str, ...],
                                                                     roster: bool) -> None:
    """No escalations.toml (or the example roster's) and plainly valid documents: the playbook's
    records and the plain front matter (issue #17: pydantic's import and model building were
    most of start-up)."""
    repo = make_desk(tmp_path / "desk", names, roster=roster)
    one = next((repo / "escalations").glob("ESC-*.md"))
    for args in (("check", str(one)), ("check",)):
        code, modules = _loaded(tmp_path, "--repo", str(repo), "--now", "2026-11-26T12:00:00Z", *args)
        assert code in (0, 1) and "escalation_desk.tracking.check_files" in modules   # it did check
        assert _heavy(modules, NEVER + ("pydantic", "pydantic_core", "platformdirs", "escalation_desk.playbook.config",
                                        "escalation_desk.config", "escalation_desk.tracking.frontmodel")) == []


def test_a_document_the_plain_reader_declines_is_checked_by_the_model(tmp_path: Path) -> None:
    """The fast path declines, pydantic validates: the model's one-line finding, as always."""
    repo = make_desk(tmp_path / "desk", (ACME,), roster=False)
    one = next((repo / "escalations").glob("ESC-*.md"))
    text = one.read_text(encoding="utf-8")
    assert "\ntier: 2\n" in text
    one.write_text(text.replace("\ntier: 2\n", "\ntier: '2'\n"), encoding="utf-8")   # text: the model reads it as 2
    code, modules = _loaded(tmp_path, "--repo", str(repo), "--now", "2026-11-26T12:00:00Z", "check", str(one))
    assert code == 0 and "pydantic" in modules and "escalation_desk.playbook.config" not in modules


def test_a_config_file_the_plain_reader_declines_is_loaded_by_the_models(tmp_path: Path) -> None:
    repo = make_desk(tmp_path / "desk", (ACME,))
    with (repo / "escalations.toml").open("a", encoding="utf-8") as out:
        out.write('\n[lints]\noff = ["heard-blame"]\n')
    one = next((repo / "escalations").glob("ESC-*.md"))
    code, modules = _loaded(tmp_path, "--repo", str(repo), "--now", "2026-11-26T12:00:00Z", "check", str(one))
    assert code == 0 and "escalation_desk.config" in modules and "pydantic" in modules


def test_the_version_imports_no_model_and_no_command(tmp_path: Path) -> None:
    code, modules = _loaded(tmp_path, "--version")
    assert code == 0
    assert _heavy(modules, NEVER + ("pydantic", "holidays", "yaml", "importlib.metadata", "escalation_desk.tracking",
                                    "escalation_desk.commands.documents", "escalation_desk.playbook.config")) == []


def test_every_command_in_commands_is_in_the_lazy_table() -> None:
    """A command written in commands/ but missing from cli.COMMANDS would silently vanish."""
    import importlib

    found = {}
    for module_name in sorted(p.stem for p in (ROOT / "commands").glob("*.py") if p.stem != "__init__"):
        module = importlib.import_module(f"escalation_desk.commands.{module_name}")
        objects = {name: value for name, value in vars(module).items() if isinstance(value, click.Command)}
        nested = {id(c) for value in objects.values() if isinstance(value, click.Group)
                  for c in value.commands.values()}
        found.update({value.name: (module_name, name) for name, value in objects.items() if id(value) not in nested})
    assert found == cli.COMMANDS


@pytest.mark.parametrize("name", sorted(cli.COMMANDS))
def test_each_lazy_command_loads_under_its_name(name: str) -> None:
    context = click.Context(cli.cli)
    assert cli.cli.get_command(context, name).name == name


def test_the_version_printed_is_the_installed_packages(tmp_path: Path) -> None:
    from importlib.metadata import version

    run = subprocess.run([sys.executable, "-m", "escalation_desk", "--version"], capture_output=True, text=True,
                         timeout=60, check=True, cwd=tmp_path)
    assert run.stdout == f"esc, version {version('escalation-desk')}\n"
