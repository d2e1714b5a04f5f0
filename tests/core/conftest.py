from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))   # core_support, whatever the import mode

from core_support import make_desk  # noqa: E402


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """A documents repository with the three examples and the roster (no git)."""
    return make_desk(tmp_path / "desk")
