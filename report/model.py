"""The report as plain data: frozen dataclasses, no behaviour beyond small derived values.

Durations are minutes (floats, two decimals); times are aware UTC datetimes; counts
are ints. :mod:`report.serialize` turns a :class:`Report` into JSON, the dashboard and
the HTML page read the same object, so every artefact shows the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Mapping
from datetime import date, datetime


@dataclass(frozen=True)
class Window:
    """The period the report looks at: ``start <= t <= end`` (end is ``--now``)."""

    start: datetime
    end: datetime

    def __contains__(self, moment: datetime | None) -> bool:
        return moment is not None and self.start <= moment <= self.end

    @property
    def days(self) -> int:
        return round((self.end - self.start).total_seconds() / 86400)


@dataclass(frozen=True, slots=True)
class Rate:
    """How often a promise was kept.

    ``met`` and ``missed`` make the percentage; ``pending`` (not due yet) and
    ``unknown`` (kept, but when is not recorded) are shown beside it, never guessed.
    """

    met: int = 0
    missed: int = 0
    pending: int = 0
    unknown: int = 0

    @property
    def decided(self) -> int:
        return self.met + self.missed

    @property
    def percent(self) -> float | None:
        return round(100 * self.met / self.decided, 1) if self.decided else None

    def __add__(self, other: "Rate") -> "Rate":
        return Rate(self.met + other.met, self.missed + other.missed, self.pending + other.pending,
                    self.unknown + other.unknown)


@dataclass(frozen=True, slots=True)
class Durations:
    """A sample of elapsed times: how many, the median and the 90th percentile (minutes)."""

    count: int = 0
    median_minutes: float | None = None
    p90_minutes: float | None = None


@dataclass(frozen=True)
class SeverityTimes:
    """Time to acknowledge (against the SLA) and time to resolve (against the target) for one level."""

    severity: str
    ack_sla_minutes: float
    ack: Durations
    ack_within_sla: Rate
    resolve: Durations
    resolve_on_target: Rate


@dataclass(frozen=True)
class Attainment:
    """One kind of SLA (acknowledgement, action plan, customer updates), overall and per severity."""

    kind: str
    label: str
    rate: Rate
    by_severity: dict[str, Rate]


@dataclass(frozen=True, slots=True)
class OverdueItem:
    id: str
    customer: str
    severity: str
    owner: str
    kind: str
    label: str
    due: datetime
    late_minutes: int
    path: str


@dataclass(frozen=True, slots=True)
class OwnerLoad:
    owner: str
    open: int
    ids: tuple[str, ...]
    over_limit: bool
    load: float = 0.0      # the open escalations' severity weights (lints.owner_weights), as esc check counts


@dataclass(frozen=True, slots=True)
class CategoryCount:
    """A category's escalations: in the report window, and in the systemic-problem window."""

    category: str
    in_window: int
    in_systemic_window: int
    systemic: bool
    post_mortem_noted: bool     # a post-mortem is recorded (Post-Escalation Actions); only later ones count
    ids: tuple[str, ...]


@dataclass(frozen=True)
class Funnel:
    """Escalation → advocacy: every resolved escalation, however long ago (recovery takes six months)."""

    resolved: int
    recovery_planned: int
    final_check_due: int
    final_check_done: int
    reference_willing: int
    final_milestone: str
    reference_ids: tuple[str, ...]

    @property
    def advocacy_percent(self) -> float | None:
        done = self.final_check_done
        return round(100 * self.reference_willing / done, 1) if done else None


@dataclass(frozen=True, slots=True)
class Change:
    field: str
    before: str
    after: str
    at: datetime | None      # author time of the commit; None for an uncommitted edit
    commit: str | None


@dataclass(frozen=True, slots=True)
class EscalationChanges:
    id: str
    severity_changes: int
    owner_changes: int
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class WeekCount:
    week_start: date        # a Monday
    opened: int
    resolved: int


@dataclass(frozen=True)
class Report:
    schema: str
    now: datetime
    window: Window
    documents: int
    skipped: tuple[str, ...]                      # paths that do not parse (run `esc check`)
    open_total: int
    open_by_severity: dict[str, int]
    open_by_tier: dict[str, int]                  # "1".."4", "unset"
    open_matrix: dict[str, dict[str, int]]        # severity → tier → count
    arr_open_total: float
    arr_open_by_severity: dict[str, float]
    arr_open_unknown: int                         # open escalations without an ARR
    opened_in_window: int
    resolved_in_window: int
    times: tuple[SeverityTimes, ...]
    attainment: tuple[Attainment, ...]
    overdue: tuple[OverdueItem, ...]
    owner_limit: int
    owners: tuple[OwnerLoad, ...]
    systemic_count: int
    systemic_window_days: int
    categories: tuple[CategoryCount, ...]
    uncategorised_in_window: int
    funnel: Funnel
    weeks: tuple[WeekCount, ...]
    history_available: bool
    changes: tuple[EscalationChanges, ...]
    open_escalations: tuple[Mapping, ...] = field(default=())   # index records (report.records), most urgent first

    @property
    def systemic(self) -> tuple[CategoryCount, ...]:
        return tuple(c for c in self.categories if c.systemic)

    @property
    def overloaded(self) -> tuple[OwnerLoad, ...]:
        return tuple(o for o in self.owners if o.over_limit)

    def attainment_of(self, kind: str) -> Attainment | None:
        return next((a for a in self.attainment if a.kind == kind), None)
