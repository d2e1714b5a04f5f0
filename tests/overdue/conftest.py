"""Fixtures for the overdue tests (helpers live in overdue_support.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from support.overdue import GitHubSandbox, github_sandbox, write_config


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A documents folder with the test roster (New York business hours, US holidays)."""
    (tmp_path / "escalations").mkdir()
    write_config(tmp_path)
    return tmp_path


@pytest.fixture
def github() -> Iterator[GitHubSandbox]:
    with github_sandbox() as box:
        yield box
