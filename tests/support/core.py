"""Helpers shared by the core tests: the example documents, a fixed clock, `esc` run
in-process exactly as the console script runs it, and real git repositories in tmp.
"""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

from escalation_desk.config import Config, load_config
from support.cli import Run, esc  # noqa: F401 - the one CLI runner, re-used by the core tests

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES_DIR = REPO_ROOT / "escalations"
EXAMPLES = sorted(EXAMPLES_DIR.glob("ESC-*.md"))
ROSTER = REPO_ROOT / "escalations.toml"
GOLDEN_DIR = REPO_ROOT / "tests" / "core" / "golden"

ACME = "ESC-48213-acme-corp-salesforce-sync-stopped.md"
BRIGHTPATH = "ESC-50342-brightpath-learning-csv-export-formatting.md"
NORTHWIND = "ESC-51877-northwind-logistics-production-outage.md"

NOW_TEXT = "2026-11-26T12:30:00Z"
NOW = datetime(2026, 11, 26, 12, 30, tzinfo=timezone.utc)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


def roster_config() -> Config:
    """The example repository's configuration: all defaults plus its roster."""
    return load_config(ROSTER)


def example_text(name: str) -> str:
    return (EXAMPLES_DIR / name).read_text(encoding="utf-8")


EscResult = Run   # the shared runner's result


def make_desk(root: Path, names: list[str] | tuple[str, ...] = (ACME, BRIGHTPATH, NORTHWIND),
              roster: bool = True) -> Path:
    """A documents repository in `root`: escalations/ with some examples, and the roster."""
    docs = root / "escalations"
    docs.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copyfile(EXAMPLES_DIR / name, docs / name)
    if roster:
        shutil.copyfile(ROSTER, root / "escalations.toml")
    return root

