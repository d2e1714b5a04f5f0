"""What a test does when a tool it needs (Chromium, npm, git) is absent."""

from __future__ import annotations

import os

import pytest


def missing(reason: str) -> None:
    """Skip on a developer's machine, fail in CI: scripts/test installs everything there,
    so a skip would only hide a broken set-up."""
    if os.environ.get("CI", "").lower() in ("1", "true"):
        pytest.fail(reason + " — CI must install it (see scripts/test)")
    pytest.skip(reason)
