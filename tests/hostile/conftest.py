from __future__ import annotations

from pathlib import Path

import pytest

from escalation_desk.sandbox import Sandbox
from support.sync import make_repo


@pytest.fixture
def repo(tmp_path: Path, sandbox: Sandbox, sandbox_env: dict) -> Path:
    """A fresh documents repository, with the sandbox's environment set."""
    return make_repo(tmp_path / "docs", sandbox)


@pytest.fixture
def fast_github(monkeypatch) -> None:
    """PyGithub without its pauses between requests and retries (the sandbox needs neither)."""
    monkeypatch.setenv("ESC_GITHUB_THROTTLE", "0")
    monkeypatch.setenv("ESC_GITHUB_RETRIES", "0")
