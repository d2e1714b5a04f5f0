from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))   # sync_support, whatever the import mode

from escalation_desk.sandbox import Sandbox  # noqa: E402
from sync_support import make_repo  # noqa: E402


@pytest.fixture
def repo(tmp_path: Path, sandbox: Sandbox, sandbox_env: dict) -> Path:
    """A fresh documents repository, with the sandbox's environment set."""
    return make_repo(tmp_path / "docs", sandbox)
