"""What notifications can be told (``[notify]``): channels, routes and the retry budget.

A channel is a name whose Apprise URL(s) come from an environment variable (a secret in
GitHub Actions), never from this file: ``[notify.channels.slack]`` reads
``ESC_NOTIFY_SLACK`` unless ``env`` names another variable. ``github`` is built in: it
@-mentions the recipients' GitHub logins on the escalation's declaration issue.
Routes send each roster role to channels (``"*"`` for every role not named).
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Callable

from pydantic import Field, field_validator, model_validator

from escalation_desk.playbook.config import Duration, StrictModel, as_duration

GITHUB_CHANNEL = "github"
EVENTS = ("declared", "tier_raised", "due_soon", "overdue", "resolved")
_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")


class ChannelSettings(StrictModel):
    label: str | None = None        # how the record says it: "notified via Slack" (default: the name, titled)
    env: str | None = None          # the variable holding the Apprise URL(s) (default ESC_NOTIFY_<NAME>)

    @field_validator("env")
    @classmethod
    def _variable(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^[A-Z_][A-Z0-9_]*$", value):
            raise ValueError(f"{value!r} is not an environment variable name (e.g. ESC_NOTIFY_SLACK)")
        return value


class NotifySettings(StrictModel):
    channels: dict[str, ChannelSettings] = Field(default_factory=dict)
    routes: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    events: tuple[str, ...] = EVENTS
    github_severities: tuple[str, ...] = ("SEV-1", "SEV-2")   # which get a declaration issue
    resolved_within: Duration = timedelta(days=7)    # a resolution older than this is history, not news
    attempts: int = Field(default=3, ge=1, le=10)
    retry_backoff: Duration = timedelta(seconds=2)
    recorded_by: str = "Escalation Desk"

    _durations = field_validator("resolved_within", "retry_backoff", mode="before")(
        lambda cls, v: as_duration(v)
    )

    @field_validator("events")
    @classmethod
    def _known_events(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [e for e in value if e not in EVENTS]
        if unknown:
            raise ValueError(f"unknown event {unknown[0]!r}; the events are {', '.join(EVENTS)}")
        return value

    @model_validator(mode="after")
    def _routes_name_channels(self) -> "NotifySettings":
        for name in self.channels:
            if not _NAME.match(name):
                raise ValueError(f"channel name {name!r}: use lower-case letters, digits, - and _")
        for role, names in self.routes.items():
            for name in names:
                if name != GITHUB_CHANNEL and name not in self.channels:
                    raise ValueError(f"routes.{role}: no channel {name!r}; add [notify.channels.{name}]")
        return self

    def label(self, channel: str) -> str:
        if channel == GITHUB_CHANNEL:
            return "GitHub"
        settings = self.channels.get(channel)
        return (settings.label if settings and settings.label else channel.replace("_", " ").title())

    def variable(self, channel: str) -> str:
        settings = self.channels.get(channel)
        return settings.env if settings and settings.env else "ESC_NOTIFY_" + re.sub(r"\W", "_", channel.upper())

    def channels_for(self, role: str, canonical: Callable[[str], str]) -> tuple[str, ...]:
        """The channels a role hears on: its own route (names compared as the roster's
        roles are), else the "*" route, else none."""
        wanted = canonical(role).lower()
        for name, channels in self.routes.items():
            if name != "*" and canonical(name).lower() == wanted:
                return channels
        return self.routes.get("*", ())

    @property
    def enabled(self) -> bool:
        return bool(self.routes)
