from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))                 # hostile_text, hostile_support
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))    # sync_support

from escalation_desk.sandbox import Sandbox  # noqa: E402
from sync_support import make_repo  # noqa: E402


@pytest.fixture
def repo(tmp_path: Path, sandbox: Sandbox, sandbox_env: dict) -> Path:
    """A fresh documents repository, with the sandbox's environment set."""
    return make_repo(tmp_path / "docs", sandbox)
