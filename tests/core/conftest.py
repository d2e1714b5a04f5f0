from __future__ import annotations

from pathlib import Path

import pytest


from support.core import make_desk  # noqa: E402


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """A documents repository with the three examples and the roster (no git)."""
    return make_desk(tmp_path / "desk")
