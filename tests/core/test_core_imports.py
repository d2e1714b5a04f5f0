"""The core knows no vendor: playbook/ and tracking/ never import a vendor SDK or git.

Checked twice: by importing every core module in a fresh interpreter and looking at
sys.modules (catches indirect imports), and by reading every import statement
(catches imports hidden inside functions that a plain import would not run).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys

from core_support import REPO_ROOT

CORE_PACKAGES = ("playbook", "tracking")
FORBIDDEN = ("zenpy", "simple_salesforce", "github", "git", "requests", "connectors", "sync", "sandbox", "urllib3")
# What the core may import besides the standard library and itself.
ALLOWED_THIRD_PARTY = {"pydantic", "yaml", "holidays", "jinja2", "rich", "templates"}


def core_modules() -> list[str]:
    return sorted(f"{package}.{path.stem}" if path.stem != "__init__" else package
                  for package in CORE_PACKAGES for path in (REPO_ROOT / package).glob("*.py"))


def test_importing_the_core_loads_no_vendor_sdk() -> None:
    modules = core_modules()
    assert "tracking.parse" in modules and "playbook.rules" in modules
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_ROOT, timeout=60,
                         check=True)
    loaded = json.loads(run.stdout)
    leaked = sorted(m for m in loaded if m.split(".")[0] in FORBIDDEN)
    assert leaked == []


def test_no_core_source_imports_a_vendor_sdk() -> None:
    stdlib = set(sys.stdlib_module_names)
    problems = []
    for package in CORE_PACKAGES:
        for path in sorted((REPO_ROOT / package).glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue   # relative imports stay inside the package
                for name in names:
                    top = name.split(".")[0]
                    if top in stdlib or top in CORE_PACKAGES or top in ALLOWED_THIRD_PARTY or top == "__future__":
                        continue
                    problems.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno}: import {name}")
    assert problems == []


def test_the_playbook_does_not_depend_on_the_document_model() -> None:
    """playbook/ is the lowest layer: it imports nothing else of ours."""
    for path in sorted((REPO_ROOT / "playbook").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        ours = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 0 and n.module
                and n.module.split(".")[0] in ("tracking", "templates", "sync", "connectors", "cli")]
        assert ours == [], path.name
