"""The base of every settings model."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """Frozen, and a key it does not know is an error (a typo must not pass)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
