"""The playbook as typed rules: severities and SLAs, business hours, roster, triggers,
executive engagement, recovery schedule, impact rules and lints.

Every number has the seed playbook's value as its default; ``escalations.toml`` overrides
any of it (read by :func:`escalation_desk.config.load_config`). Connector settings live
beside their connectors.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from typing import Literal

from pydantic import Field, field_validator, model_validator

from .durations import WorkingDays, parse_duration
from .impact_config import ImpactSettings
from .lint_config import LintRules
from .lookups import PlaybookLookups, RolesLookups, TierDutyLookups
from .strict import StrictModel  # noqa: F401 - re-exported (connectors' settings)
from .levels import OPEN_STATUSES, SEVERITIES, STATUSES, WEEKDAYS  # noqa: F401 - re-exported

Duration = timedelta


def as_duration(value: object) -> timedelta | None:
    if value is None or isinstance(value, timedelta):
        return value
    return parse_duration(str(value))


class SeverityRule(StrictModel):
    """What the playbook demands of one severity level."""

    name: str
    definition: str
    ack: Duration
    action_plan: Duration
    update_every: Duration
    update_clock: Literal["calendar", "business"]
    update_cadence_text: str
    leaders: tuple[str, ...] = ()
    leaders_within: Duration = timedelta(0)
    owner_at_least: str
    example: str = ""
    # Pre-breach warnings: a deadline is "due soon" when this share of its time is left,
    # but never later than `warn_at_least` before it; `warn_before` fixes the lead instead.
    warn_fraction: float = Field(default=0.25, ge=0, le=1)
    warn_at_least: Duration = timedelta(0)
    warn_before: Duration | None = None

    _durations = field_validator("ack", "action_plan", "leaders_within", "warn_at_least", "warn_before", mode="before")(
        lambda cls, v: as_duration(v)
    )
    # A cadence may be in business days (``1bd``): the same wall time on the next working day.
    _cadence = field_validator("update_every", mode="before")(
        lambda cls, v: v if isinstance(v, timedelta) else parse_duration(str(v), working_days=True)
    )

    @model_validator(mode="after")
    def _clocks_that_can_be_met(self) -> "SeverityRule":
        """A zero acknowledgement clock makes every escalation late the moment it opens, and a
        cadence under 15 minutes is not a customer update (documents refuse one too)."""
        for name in ("ack", "action_plan", "leaders_within") if self.leaders else ("ack", "action_plan"):
            if getattr(self, name) <= timedelta(0):
                raise ValueError(f"{name} must be longer than 0 minutes")
        if isinstance(self.update_every, timedelta) and self.update_every < timedelta(minutes=15):
            raise ValueError("update_every must be at least 15 minutes (a cadence is how often to update the customer)")
        return self

    @model_validator(mode="after")
    def _working_days_need_the_business_clock(self) -> "SeverityRule":
        if isinstance(self.update_every, WorkingDays) and self.update_clock != "business":
            raise ValueError(f"update_every = \"{self.update_every.count}bd\" counts business days; set "
                             "update_clock = \"business\" or write the cadence in hours")
        return self


def _default_severities() -> dict[str, SeverityRule]:
    return {
        "SEV-1": SeverityRule(
            name="Critical",
            definition="Complete service outage, data loss/breach, or business-stopping issue",
            ack="15m", action_plan="1h", update_every="1h", update_clock="calendar",
            update_cadence_text="hourly, around the clock",
            leaders=("VP CS", "VP Engineering", "CTO"), leaders_within="15m",
            owner_at_least="Director", warn_at_least="15m",
            example="Customer's production environment is down, their end-users are affected",
        ),
        "SEV-2": SeverityRule(
            name="High",
            definition="Major functionality degraded, significant workflow blocked, or customer executive escalated",
            ack="1h", action_plan="4h", update_every="4h", update_clock="business",
            update_cadence_text="every 4 business hours",
            leaders=("CS Director", "Engineering Manager"), leaders_within="2h",
            owner_at_least="Senior CSM",
            example="Key integration broken, data sync delayed by 12+ hours",
        ),
        "SEV-3": SeverityRule(
            name="Medium",
            definition="Functionality partially impacted, workaround available but painful",
            ack="4h", action_plan="24h", update_every="1d", update_clock="calendar",
            update_cadence_text="daily",
            leaders=("CSM Manager",), leaders_within="24h",
            owner_at_least="CSM",
            example="Report exports failing intermittently, manual workaround exists",
        ),
        "SEV-4": SeverityRule(
            name="Low",
            definition="Minor issue, cosmetic problem, or feature gap; no significant business impact",
            ack="24h", action_plan="1w", update_every="3.5d", update_clock="calendar",
            update_cadence_text="twice weekly",
            leaders=(), leaders_within="0m",
            owner_at_least="Support Agent",
            example="UI bug in non-critical workflow, minor data formatting issue",
        ),
    }


class BusinessHours(StrictModel):
    """When the business clock runs: local opening hours on working days, minus holidays."""

    timezone: str = "America/New_York"
    days: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri")
    open: time = time(9, 0)
    close: time = time(17, 0)
    holidays: str = "US"
    subdivision: str | None = None
    extra_holidays: tuple[str, ...] = ()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}; use an IANA name such as Europe/Berlin") from None
        return value

    @field_validator("days")
    @classmethod
    def _weekdays(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        bad = [d for d in value if d.lower()[:3] not in WEEKDAYS]
        if bad or not value:
            raise ValueError(f"days must be weekday names from {', '.join(WEEKDAYS)}")
        return tuple(d.lower()[:3] for d in value)

    @field_validator("extra_holidays")
    @classmethod
    def _iso_dates(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            try:
                valid = re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(item)) and date.fromisoformat(str(item))
            except ValueError:       # shaped like a date, not one: 2026-13-01, 2026-02-30
                valid = None
            if not valid:
                raise ValueError(f"{item!r} is not a date; write YYYY-MM-DD")
        return tuple(str(v) for v in value)

    @model_validator(mode="after")
    def _open_before_close(self) -> "BusinessHours":
        if self.open >= self.close:
            raise ValueError("open must be earlier than close")
        return self


class Person(StrictModel):
    name: str
    role: str
    github: str | None = None
    email: str | None = None


class Roles(RolesLookups, StrictModel):
    """Roles from the most junior to the most senior; the owner-level rule compares positions."""

    levels: tuple[str, ...] = ("Support Agent", "CSM", "Senior CSM", "CS Manager", "Director", "VP", "C-level")
    # A role at the same level as another (for "at least" comparisons).
    same_as: dict[str, str] = Field(default_factory=lambda: {
        "CSM Manager": "CS Manager", "Engineering Manager": "CS Manager",
        "CS Director": "Director", "Director CS": "Director",
        "VP CS": "VP", "VP Engineering": "VP", "CTO": "C-level", "CRO": "C-level", "CEO": "C-level",
    })

    # Other ways people write the leader roles the playbook names (lower-case → canonical).
    aliases: dict[str, str] = Field(default_factory=lambda: {
        "vp customer success": "VP CS", "vp, customer success": "VP CS", "vp of customer success": "VP CS",
        "vp eng": "VP Engineering", "vp of engineering": "VP Engineering", "vp, engineering": "VP Engineering",
        "chief technology officer": "CTO", "director cs": "CS Director", "director of customer success": "CS Director",
        "customer success director": "CS Director", "eng manager": "Engineering Manager",
        "engineering lead": "Engineering Manager", "cs manager": "CSM Manager", "customer success manager lead": "CSM Manager",
    })

    # canonical(role), level(role): playbook.lookups.RolesLookups


class TriggerRules(StrictModel):
    """The playbook's auto-escalation triggers and the tier each one sets."""

    keywords: dict[str, int] = Field(default_factory=lambda: {"cancel": 2, "legal": 2, "breach": 2})
    repeat_tickets: int = 3
    repeat_window_days: int = 7
    repeat_tier: int = 2
    exec_to_ceo_tier: int = 3
    ceo_addresses: tuple[str, ...] = ("ceo@",)
    customer_exec_titles: tuple[str, ...] = ("CEO", "CFO", "CTO", "COO", "CIO", "CRO", "VP", "Chief", "President", "Founder")
    social_channels: tuple[str, ...] = ("twitter", "facebook", "instagram", "linkedin", "any_channel")
    social_tier: int = 2
    health_drop_points: int = 30
    health_drop_tier: int = 2
    arr_share_percent: float = 1.0
    arr_share_tier: int = 4          # the ladder's Tier 3 → 4 condition (only from Tier 3)
    legal_compliance_tier: int = 3
    public_exposure_tier: int = 3
    top_accounts: int = 10
    top_account_at_risk_tier: int = 4
    legal_action_media_breach_tier: int = 4


class TierDuty(TierDutyLookups, StrictModel):
    """Who a tier brings in: each entry is one role to notify ("A / B": either will do), within a time."""

    notify: tuple[str, ...]
    within: Duration

    _within = field_validator("within", mode="before")(lambda cls, v: as_duration(v))
    # groups(), roles(): playbook.lookups.TierDutyLookups


def default_tiers() -> dict[int, TierDuty]:
    # The playbook's escalation path: Tier 2 CS Manager / Senior CSM + Engineering Lead,
    # Tier 3 Director CS / VP CS + VP Engineering, Tier 4 CRO / CEO + CTO.
    return {
        2: TierDuty(notify=("CS Manager / Senior CSM", "Engineering Lead"), within="2h"),
        3: TierDuty(notify=("Director CS / VP CS", "VP Engineering"), within="1h"),
        4: TierDuty(notify=("CRO / CEO", "CTO"), within="30m"),
    }


class ExecutiveRules(StrictModel):
    arr_at_risk: float = 100_000
    renewal_window_days: int = 90
    followup_within: Duration = timedelta(hours=24)
    written_followup_within: Duration = timedelta(hours=4)
    # A SEV-1/2 open this long with no target_resolution is past its initial SLA (engage within 24 h).
    open_without_target: Duration = timedelta(hours=48)
    # A second escalation for the same customer and category within this window follows the earlier one.
    repeat_window: Duration = timedelta(days=30)
    # The sponsor's one follow-up check with the customer, due this long after resolution.
    check_within: Duration = timedelta(hours=48)

    _durations = field_validator("followup_within", "written_followup_within", "open_without_target",
                                 "repeat_window", "check_within", mode="before")(
        lambda cls, v: as_duration(v)
    )


class Milestone(StrictModel):
    key: str
    name: str
    after: Duration

    _after = field_validator("after", mode="before")(lambda cls, v: as_duration(v))


def _default_milestones() -> tuple[Milestone, ...]:
    return (
        Milestone(key="week_1", name="Week 1: Immediate stabilization", after="7d"),
        Milestone(key="weeks_2_4", name="Weeks 2–4: Increased attention", after="28d"),
        Milestone(key="month_2", name="Month 2: Trust rebuilding", after="60d"),
        Milestone(key="month_3", name="Month 3: Validation", after="90d"),
        Milestone(key="month_6", name="Month 6: Full recovery check", after="182d"),
    )


class ImpactRule(StrictModel):
    """One business-impact class: the words or tags that show it, and the severity it means.

    Rules are tried from the most severe; the first that matches wins. Emotion
    (capitals, exclamation marks, angry words) is deliberately not an input.
    """

    impact: str
    severity: Literal["SEV-1", "SEV-2", "SEV-3", "SEV-4"]
    phrases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


def _default_impact_rules() -> tuple[ImpactRule, ...]:
    """Tags an agent (or a Zendesk trigger) put on a ticket. What the customer wrote is read by
    the impact model (:mod:`playbook.impact`); configured phrases still count as evidence."""
    return (
        ImpactRule(impact="outage", severity="SEV-1", tags=("outage", "sev1", "production_down")),
        ImpactRule(impact="data loss or breach", severity="SEV-1", tags=("data_loss", "security", "breach", "security_incident")),
        ImpactRule(impact="blocked workflow", severity="SEV-2", tags=("blocker", "integration_down")),
        ImpactRule(impact="degraded", severity="SEV-3", tags=("degraded", "performance")),
        ImpactRule(impact="cosmetic", severity="SEV-4", tags=("cosmetic", "feature_request", "how_to")),
    )


class Playbook(PlaybookLookups, StrictModel):
    """The playbook's rules; every number has the seed's default (the product's own
    settings are added by :class:`escalation_desk.config.Config`)."""

    severities: dict[str, SeverityRule] = Field(default_factory=_default_severities)
    business_hours: BusinessHours = Field(default_factory=BusinessHours)
    roles: Roles = Field(default_factory=Roles)
    people: tuple[Person, ...] = ()
    triggers: TriggerRules = Field(default_factory=TriggerRules)
    tiers: dict[int, TierDuty] = Field(default_factory=default_tiers)
    executive: ExecutiveRules = Field(default_factory=ExecutiveRules)
    recovery: tuple[Milestone, ...] = Field(default_factory=_default_milestones)
    impact_rules: tuple[ImpactRule, ...] = Field(default_factory=_default_impact_rules)
    impact: ImpactSettings = Field(default_factory=ImpactSettings)
    lints: LintRules = Field(default_factory=LintRules)

    @field_validator("tiers", mode="before")
    @classmethod
    def _merge_tiers(cls, value: object) -> object:
        """``[tiers.3]`` changes Tier 3 only; the other tiers keep the playbook's defaults."""
        if not isinstance(value, dict):
            return value
        merged: dict[object, object] = dict(default_tiers())
        for key, duty in value.items():
            merged[int(key) if str(key).isdigit() else key] = duty
        return merged

    @field_validator("severities", mode="before")
    @classmethod
    def _merge_severities(cls, value: object) -> object:
        """A partial table (``[severities.SEV-2] ack = "30m"``) overrides only what it names."""
        if not isinstance(value, dict):
            return value
        merged = {name: rule.model_dump() for name, rule in _default_severities().items()}
        for name, override in value.items():
            if name not in merged:
                raise ValueError(f"unknown severity {name!r}; the levels are {', '.join(SEVERITIES)}")
            if isinstance(override, SeverityRule):
                override = override.model_dump()
            if not isinstance(override, dict):
                raise ValueError(f"severities.{name} must be a table")
            merged[name].update(override)
        return merged

    # severity(name), person(name), people_in(role), error_lints(): playbook.lookups.PlaybookLookups


