"""The whole configuration: the playbook's rules plus the product's own settings.

``escalations.toml`` in the documents repository overrides any default. A bad file fails
with one line that names the file, the key and what is expected.
"""

from __future__ import annotations

import tomllib
from datetime import timedelta
from pathlib import Path
from typing import Literal

from pydantic import Field, PrivateAttr, ValidationError, field_validator

from escalation_desk.connectors.github_settings import GitHubSettings
from escalation_desk.connectors.notify_settings import NotifySettings
from escalation_desk.connectors.salesforce_settings import SalesforceSettings
from escalation_desk.connectors.zendesk_settings import ZendeskSettings
from escalation_desk.errors import DeskError
from escalation_desk.playbook.businesshours import validate_holidays
from escalation_desk.playbook.config import Duration, Playbook, StrictModel, default_tiers, as_duration


class SyncSettings(StrictModel):
    owner_from: Literal["account_owner", "assignee"] = "account_owner"
    push: bool = False
    pull_request: bool = False
    branch: str = "esc-sync"
    related_window_days: int = 7
    id_prefix: str = "ESC-"
    # Talking to the sources: each request times out after request_timeout; 429s, 5xx and
    # timeouts are retried (backing off from retry_backoff, doubling) while the total wait
    # stays within retry_budget.
    request_timeout: Duration = timedelta(seconds=30)
    retry_backoff: Duration = timedelta(seconds=1)
    retry_budget: Duration = timedelta(seconds=120)
    # Requests in flight at once per source (comments, write-back); Zendesk allows ~700/min.
    workers: int = Field(default=6, ge=1, le=32)
    # A push rejected because someone pushed meanwhile: re-sync on top and try again.
    push_attempts: int = 3
    # When only unrelated tickets changed, the cursor still moves (in a commit of its own)
    # once this many of them would otherwise be read again on every run.
    max_replay_tickets: int = 1000
    commit_author: str = "Escalation Desk <escalation-desk@users.noreply.github.com>"

    _durations = field_validator("request_timeout", "retry_backoff", "retry_budget", mode="before")(
        lambda cls, v: as_duration(v)
    )


class Config(Playbook):
    """Everything the playbook and the product can be told; all of it has a default."""

    zendesk: ZendeskSettings = Field(default_factory=ZendeskSettings)
    salesforce: SalesforceSettings = Field(default_factory=SalesforceSettings)
    github: GitHubSettings = Field(default_factory=GitHubSettings)
    sync: SyncSettings = Field(default_factory=SyncSettings)
    notify: NotifySettings = Field(default_factory=NotifySettings)
    # One line per deprecated key the file still uses (read, and said once by the command line).
    _deprecations: list[str] = PrivateAttr(default_factory=list)

    @property
    def deprecations(self) -> list[str]:
        return list(self._deprecations)


def upgrade_tier_roles(raw: dict) -> list[str]:
    """Read the old ``tier_roles`` key (``esc notify``'s own list of roles per tier) into
    ``tiers``: one setting says who a tier engages. Returns the deprecation note, if any."""
    old = raw.pop("tier_roles", None)
    if old is None:
        return []
    tiers = raw.setdefault("tiers", {})
    defaults = default_tiers()
    if isinstance(old, dict) and isinstance(tiers, dict):
        for key, roles in old.items():
            if str(key) in tiers or (str(key).isdigit() and int(key) in tiers):
                continue   # the new key wins
            number = int(key) if str(key).isdigit() else key
            within = defaults[number].within if number in defaults else timedelta(hours=2)
            tiers[str(key)] = {"notify": list(roles), "within": within}
    return ["tier_roles is deprecated: write [tiers.N] notify = [...] (who a tier engages, and esc notify "
            "tells) instead; read as tiers this time"]


def upgrade(raw: dict) -> list[str]:
    """Old keys a user's file may still have, read into today's settings; the notes say how to write them."""
    notes = upgrade_tier_roles(raw)
    notify = raw.get("notify")
    if isinstance(notify, dict) and notify.pop("due_soon_within", None) is not None:
        notes.append("notify.due_soon_within is no longer used: esc notify says \"due soon\" at each deadline's own "
                     "warning time ([severities.SEV-n] warn_fraction / warn_at_least / warn_before); delete it")
    return notes


from escalation_desk.names import DEFAULT_CONFIG_NAME  # noqa: E402 - re-exported


def load_config(path: Path | None, *, required: bool = False) -> Config:
    """Read ``escalations.toml``; a missing optional file means all defaults."""
    if path is None or not path.exists():
        if required and path is not None:
            raise DeskError(f"{path}: config file not found", hint="check --config")
        return Config()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise DeskError(f"{path}: not UTF-8 text", hint="save the file as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise DeskError(f"{path}: TOML syntax error: {exc}") from None
    notes = upgrade(raw)
    try:
        config = Config.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or "(top level)"
        message = first["msg"].removeprefix("Value error, ")
        if first["type"] == "extra_forbidden":
            message = "unknown key (a typo?); see `esc init` for every key and its default"
        raise DeskError(f"{path}: {key}: {message}") from None
    try:  # an unknown holiday country must fail here, not as a crash in the first clock computation
        validate_holidays(config.business_hours)
    except ValueError as exc:
        raise DeskError(f"{path}: {exc}") from None
    config._deprecations = [f"{path.name}: {note}" for note in notes]
    return config
