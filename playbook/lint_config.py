"""The lint settings (``[lints]`` in ``escalations.toml``): which lint codes are errors or
off, and the thresholds of the cross-document lints (owner load, systemic categories)."""

from __future__ import annotations

from pydantic import Field, field_validator

from .levels import SEVERITIES
from .lint_codes import cannot_be_off, unknown_lint
from .strict import StrictModel


def _default_owner_weights() -> dict[str, float]:
    """What one open escalation weighs in its owner's load (``owner-overload``), from the
    playbook's demands per severity: a SEV-1 (team assembled within the hour, hourly updates
    around the clock) is a full day's work; a SEV-2 (a plan in 4 h, updates every 4 business
    hours) half of that; a SEV-3 (daily updates) is the unit; a SEV-4 (twice weekly) half a unit."""
    return {"SEV-1": 4.0, "SEV-2": 2.0, "SEV-3": 1.0, "SEV-4": 0.5}


class LintRules(StrictModel):
    as_errors: tuple[str, ...] = ()
    off: tuple[str, ...] = ()          # lint codes not to report at all (e.g. "heard-blame")
    # The most load one owner should carry, in SEV-3 equivalents (each open escalation counts
    # its severity's weight in owner_weights): more is `owner-overload` (escalation fatigue).
    owner_max_open: int = Field(default=5, ge=1)
    owner_weights: dict[str, float] = Field(default_factory=_default_owner_weights)
    systemic_count: int = Field(default=3, ge=2)      # one escalation is not a pattern
    systemic_window_days: int = Field(default=90, ge=1)
    credit_words: tuple[str, ...] = ("credit", "discount", "refund", "free month", "waive")

    @field_validator("as_errors", "off")
    @classmethod
    def _known_codes(cls, value: tuple[str, ...], info) -> tuple[str, ...]:  # noqa: ANN001
        """A code that does not exist, or one `off` cannot silence, would silently do nothing
        (a team believing blame wording fails the pull-request check when it never does)."""
        problem = next(filter(None, map(cannot_be_off if info.field_name == "off" else unknown_lint, value)), None)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("owner_weights", mode="before")
    @classmethod
    def _merge_owner_weights(cls, value: object) -> object:
        """A partial table (``[lints.owner_weights] SEV-1 = 3``) overrides only what it names."""
        if not isinstance(value, dict):
            return value
        unknown = [name for name in value if name not in SEVERITIES]
        if unknown:
            raise ValueError(f"unknown severity {unknown[0]!r}; the levels are {', '.join(SEVERITIES)}")
        return {**_default_owner_weights(), **value}

    @field_validator("owner_weights")
    @classmethod
    def _weights_not_negative(cls, value: dict[str, float]) -> dict[str, float]:
        bad = [name for name, weight in value.items() if not 0 <= weight < float("inf")]
        if bad:
            raise ValueError(f"{bad[0]}: a weight is a number of 0 or more")
        return value
