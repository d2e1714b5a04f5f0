"""The front matter as a pydantic model: what every document's YAML header must hold.

Apart from :mod:`.model` so that only what validates through it loads pydantic; the
constants (field order, the ID pattern, the years) stay there.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from escalation_desk.playbook.levels import OPEN_STATUSES

from .model import ID_PATTERN, YEARS


class FrontMatter(BaseModel):
    """The YAML header. Unknown keys are errors: a typo must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(pattern=ID_PATTERN)
    customer: str = Field(min_length=1)
    account_id: str | None = None
    arr: float | None = Field(default=None, ge=0, allow_inf_nan=False)   # .inf would break index.json
    renewal_date: date | None = None
    health_score: float | None = Field(default=None, ge=0, le=100)
    severity: Literal["SEV-1", "SEV-2", "SEV-3", "SEV-4"]
    # Who set or confirmed the severity, and when; absent = the sync's proposal, unconfirmed.
    severity_set_by: str | None = None
    severity_set_at: AwareDatetime | None = None
    tier: int | None = Field(default=None, ge=1, le=4)
    status: Literal["Open", "In Progress", "Resolved", "Closed"]
    owner: str = Field(min_length=1)
    exec_sponsor: str | None = None
    sponsor_engaged_at: AwareDatetime | None = None   # when the executive sponsor was engaged (the call)
    # An update cadence agreed with the customer, replacing the severity's (see tracking.cadence).
    cadence: str | None = None
    cadence_agreed_by: str | None = None
    cadence_reason: str | None = None
    # What is due waits until then, agreed with the customer (`/esc snooze 2h why`).
    snoozed_until: AwareDatetime | None = None
    snooze_reason: str | None = None
    opened: AwareDatetime
    acknowledged: AwareDatetime | None = None
    target_resolution: AwareDatetime | None = None
    resolved: AwareDatetime | None = None
    closed: AwareDatetime | None = None
    zendesk_tickets: tuple[int, ...] = ()
    organization_id: int | None = None      # the Zendesk organization (the sidebar's banner)
    triggers: tuple[str, ...] = ()
    category: str | None = None
    # The earlier escalation this one repeats (same customer and category within the window,
    # or a ticket of a resolved escalation escalated again): the sync links it at creation.
    follows: str | None = Field(default=None, pattern=ID_PATTERN)

    @field_validator("renewal_date", mode="before")
    @classmethod
    def _date_not_datetime(cls, value: object) -> object:
        if isinstance(value, datetime):
            raise ValueError("write a date (YYYY-MM-DD), not a time")
        return value

    @field_validator("renewal_date", "severity_set_at", "opened", "acknowledged", "target_resolution", "resolved",
                     "closed", "snoozed_until", "sponsor_engaged_at")
    @classmethod
    def _plausible_year(cls, value: date | None) -> date | None:
        # Year 9999 is a typo, and deadlines computed from it would overflow the calendar.
        if value is not None and value.year not in YEARS:
            raise ValueError(f"year {value.year} is out of range ({YEARS.start}–{YEARS.stop - 1}); a typo?")
        return value

    @field_validator("cadence", mode="after")
    @classmethod
    def _cadence(cls, value: str | None) -> str | None:
        from .cadence import parse_cadence   # one parser for documents, notes and comments

        if value is not None:
            parse_cadence(value)
        return value

    @field_validator("account_id", "category", "exec_sponsor", "cadence_agreed_by", "cadence_reason",
                     "snooze_reason", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        # YAML turns `account_id: 12345` into an int; these are names, not numbers.
        return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
