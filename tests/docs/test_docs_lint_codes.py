"""Every lint code the product can emit is in the README's lint table, with an example of what
triggers it and how to satisfy it.

The codes are collected from the product's source, not listed here: every function, method
or dataclass with a parameter (or field) named ``code`` is found, and every string passed in
that place at a call is a code; module constants named ``*_CODES`` hold codes passed through
a variable; the late-deadline codes come from the product's own :func:`late_code` over every
deadline kind it knows. A code computed any other way fails the test, so it cannot hide.
"""

from __future__ import annotations

import ast
import functools
import os
import re
from pathlib import Path

from escalation_desk.playbook.lint_codes import ALWAYS_ERRORS, KNOWN_LINTS
from escalation_desk.tracking.check_rules import late_code
from escalation_desk.tracking.clocks import KIND_LABELS

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SKIP = {"tests", "sandbox", "bench", ".venv", "node_modules", "sidebar", "docs", "scripts", "build"}
CODE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@functools.cache
def _sources() -> tuple[tuple[Path, ast.Module], ...]:
    found = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d not in SKIP and not d.startswith(".") and not d.endswith(".egg-info"))
        for name in sorted(files):
            if name.endswith(".py"):
                path = Path(folder) / name
                found.append((path.relative_to(ROOT), ast.parse(path.read_text(encoding="utf-8"))))
    return tuple(found)


def _code_positions(modules) -> tuple[dict[str, int], dict[str, int]]:  # noqa: ANN001
    """name → index of its `code` argument, for functions/classes (called by name) and methods (by attribute)."""
    functions: dict[str, int] = {}
    methods: dict[str, int] = {}
    for _, tree in modules:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                fields = [s.target.id for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)]
                if "code" in fields:
                    functions[node.name] = fields.index("code")
                for item in node.body:
                    if isinstance(item, ast.FunctionDef):
                        names = [a.arg for a in item.args.args][1:]   # without self
                        if "code" in names:
                            methods[item.name] = names.index("code")
            elif isinstance(node, ast.FunctionDef):
                names = [a.arg for a in node.args.args]
                if "code" in names and names[:1] != ["self"]:
                    functions[node.name] = names.index("code")
    return functions, methods


def _passed_code(call: ast.Call, functions: dict[str, int], methods: dict[str, int]) -> ast.expr | None:
    if isinstance(call.func, ast.Name) and call.func.id in functions:
        index = functions[call.func.id]
    elif isinstance(call.func, ast.Attribute) and call.func.attr in methods:
        index = methods[call.func.attr]
    else:
        return None
    keyword = next((k.value for k in call.keywords if k.arg == "code"), None)
    return keyword if keyword is not None else (call.args[index] if index < len(call.args) else None)


def product_codes() -> dict[str, str]:
    """code → where it was found."""
    modules = _sources()
    functions, methods = _code_positions(modules)
    codes: dict[str, str] = {late_code(kind): "tracking/check_rules.py late_code" for kind in KIND_LABELS}
    codes[late_code("recovery_week_1")] = "tracking/check_rules.py late_code"
    dynamic = []
    for path, tree in modules:
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id.endswith("_CODES")
                                                    for t in node.targets):
                for constant in ast.walk(node.value):
                    if isinstance(constant, ast.Constant) and isinstance(constant.value, str) \
                            and CODE.match(constant.value) and "-" in constant.value:
                        codes.setdefault(constant.value, str(path))
            if not isinstance(node, ast.Call):
                continue
            passed = _passed_code(node, functions, methods)
            for choice in (passed.body, passed.orelse) if isinstance(passed, ast.IfExp) else (passed,):
                if isinstance(choice, ast.Constant) and isinstance(choice.value, str):
                    codes.setdefault(choice.value, f"{path}:{node.lineno}")
                elif isinstance(choice, (ast.JoinedStr, ast.BinOp)) or (
                        isinstance(choice, ast.Call) and getattr(choice.func, "id", "") != "late_code"):
                    dynamic.append(f"{path}:{node.lineno}")
    assert not dynamic, f"lint codes computed where this test cannot collect them: {dynamic}"
    return codes


def readme_table() -> dict[str, list[str]]:
    """code → the row's cells, from the README's lint table."""
    section = README.split("### Lint codes", 1)[1].split("\n#", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        match = re.fullmatch(r"`([a-z0-9-]+)`", cells[0]) if line.startswith("| `") else None
        if match:
            rows[match[1]] = cells[1:]
    return rows


def test_the_collector_finds_codes_of_every_kind() -> None:
    codes = product_codes()
    for known in ("yaml-syntax", "unknown-key", "duplicate-id", "owner-overload", "heard-blame", "late-acknowledgement",
                  "resolved-without-post-actions", "owner-changed", "conflict-marker"):
        assert known in codes, known


def test_every_lint_code_is_in_the_readme_table() -> None:
    table = readme_table()
    missing = sorted(set(product_codes()) - set(table))
    assert not missing, f"add a row to the README's lint table for: {', '.join(missing)}"


def test_every_row_has_an_example_and_a_fix_and_names_a_real_code() -> None:
    codes = product_codes()
    for code, cells in readme_table().items():
        assert code in codes, f"the README's lint table lists {code!r}, which the product never emits"
        assert len(cells) == 3 and all(cells), f"{code}: want | level | example that triggers it | how to satisfy it |"


def test_the_codes_a_config_may_name_are_exactly_the_codes_the_product_emits() -> None:
    """`[lints] as_errors` / `off` are checked against playbook/lint_codes.py: a code missing
    there could not be configured; a code only there would accept a setting that does nothing."""
    emitted = set(product_codes())
    assert not emitted - KNOWN_LINTS, f"add to playbook/lint_codes.py: {sorted(emitted - KNOWN_LINTS)}"
    assert not KNOWN_LINTS - emitted, f"no longer emitted, remove: {sorted(KNOWN_LINTS - emitted)}"


def test_the_codes_off_cannot_silence_are_never_reported_through_the_configurable_path() -> None:
    """`lint(...)` is where `[lints] off` / `as_errors` apply; a code in ALWAYS_ERRORS passed
    there could be silenced after all, and a constant code passed there is not always an error."""
    codes = set(product_codes())
    through_lint = set()
    for _, tree in _sources():
        for node in ast.walk(tree):
            called = getattr(node, "func", None)
            if isinstance(node, ast.Call) and (getattr(called, "attr", None) or getattr(called, "id", None)) == "lint":
                through_lint |= {c.value for c in ast.walk(node) if isinstance(c, ast.Constant) and c.value in codes}
    assert ALWAYS_ERRORS <= KNOWN_LINTS
    assert not through_lint & ALWAYS_ERRORS, sorted(through_lint & ALWAYS_ERRORS)
    assert "duplicate-id" in ALWAYS_ERRORS and "heard-blame" not in ALWAYS_ERRORS
