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
