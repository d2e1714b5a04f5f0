"""The layering of ARCHITECTURE.md is a contract: import-linter checks it on every run.

The contracts live in ``pyproject.toml`` (``[tool.importlinter]``) so that ``lint-imports``
on a developer's machine and this test read the same file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_import_linter_contract_is_kept() -> None:
    run = subprocess.run([str(Path(sys.executable).with_name("lint-imports")), str(ROOT / "pyproject.toml")],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "BROKEN" not in run.stdout and "5 kept, 0 broken" in run.stdout


def test_importing_the_core_loads_no_vendor_sdk_git_or_connector() -> None:
    """What import-linter reads statically, checked once at run time (lazy imports included)."""
    core = sorted(f"escalation_desk.{package}.{path.stem}".removesuffix(".__init__")
                  for package in ("playbook", "tracking") for path in (ROOT / package).glob("*.py"))
    code = ("import importlib, json, sys\n"
            f"for name in {core!r}: importlib.import_module(name)\n"
            "print(json.dumps(sorted(sys.modules)))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/", timeout=60, check=True)
    loaded = json.loads(run.stdout)
    forbidden = ("zenpy", "simple_salesforce", "github", "git", "requests", "urllib3",
                 "escalation_desk.connectors", "escalation_desk.sync", "escalation_desk.sandbox")
    assert [m for m in loaded if m.split(".")[0] in forbidden or m.startswith(forbidden[6:])] == []


ROOMS = {"cli", "commands", "playbook", "tracking", "connectors", "config", "sync", "sandbox", "templates",
         "sidebar", "report", "overdue", "bootstrap", "demo", "gitrepo", "errors", "progress"}


def test_nothing_imports_our_rooms_as_top_level_modules() -> None:
    """`from sidebar.i18n import …` works by accident when the repository root is on sys.path
    (a checkout, `python -m pytest`) and fails once installed: every import names the package."""
    import ast

    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        if ".venv" in path.parts or "node_modules" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else [])
            offenders += [f"{path.relative_to(ROOT)}:{node.lineno}: {name}" for name in names
                          if name.split(".")[0] in ROOMS]
    assert offenders == []
