"""The tracking document: its front matter (validated with pydantic: :mod:`.frontmodel`), its sections
and their entries, each remembering the line it came from.

A :class:`Document` keeps the exact text it was parsed from. Nothing here renders a
whole document from the model: edits (see :mod:`tracking.edit`) splice single lines
into that text, which is how a person's lines survive every machine change
untouched and how an unchanged document round-trips byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .frontmodel import FrontMatter

SECTIONS: tuple[str, ...] = (
    "Issue Summary",
    "Timeline of Events",
    "Root Cause",
    "Resolution Plan",
    "Customer Communication Log",
    "Internal Stakeholders Notified",
    "Resolution Summary",
    "Post-Escalation Actions",
    "Recovery Plan",
)
TIMELINE, ROOT_CAUSE, PLAN, COMMS, STAKEHOLDERS = SECTIONS[1], SECTIONS[2], SECTIONS[3], SECTIONS[4], SECTIONS[5]
SUMMARY, RESOLUTION, POST_ACTIONS, RECOVERY = SECTIONS[0], SECTIONS[6], SECTIONS[7], SECTIONS[8]

# Front-matter keys in the order documents carry them (and new keys are inserted): the keys
# people own first, then — together, after them — the ones the sync owns, so a change the sync
# makes and a change a person makes are never in one hunk (SPEC §3). A new key goes in its group.
HUMAN_FIELD_ORDER: tuple[str, ...] = (
    "id", "severity", "severity_set_by", "severity_set_at", "tier", "status", "owner", "exec_sponsor",
    "sponsor_engaged_at", "cadence", "cadence_agreed_by", "cadence_reason", "snoozed_until", "snooze_reason", "opened",
    "acknowledged", "target_resolution", "resolved", "closed", "triggers", "category", "follows",
)
# The only fields a sync may change; everything else belongs to people.
MACHINE_FIELD_ORDER: tuple[str, ...] = (
    "customer", "account_id", "arr", "renewal_date", "health_score", "zendesk_tickets", "organization_id",
)
FIELD_ORDER: tuple[str, ...] = HUMAN_FIELD_ORDER + MACHINE_FIELD_ORDER
MACHINE_FIELDS: frozenset[str] = frozenset(MACHINE_FIELD_ORDER)
REQUIRED_FIELDS: tuple[str, ...] = ("id", "customer", "severity", "status", "owner", "opened")

SYNC_SEVERITY_MARKER = "esc:severity"    # the sync's one Timeline line on why it proposed the severity
ID_PATTERN = r"^[A-Z][A-Z0-9]*-[0-9]+$"
YEARS = range(1970, 3000)   # times outside this are typos (and would overflow deadline arithmetic)


def __getattr__(name: str) -> object:
    # FrontMatter is a pydantic model (tracking.frontmodel): loaded when first named, so a
    # command that never validates through it (`esc check FILE`) does not load pydantic.
    if name == "FrontMatter":
        from .frontmodel import FrontMatter

        return FrontMatter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --------------------------------------------------------------------------- entries

@dataclass(frozen=True)
class Entry:
    line: int                 # 1-based line number in the file
    marker: str | None        # the sync's source marker (e.g. "zd:comment:9911"), if any


@dataclass(frozen=True)
class TimelineEntry(Entry):
    at: datetime
    text: str


@dataclass(frozen=True)
class CommEntry(Entry):
    at: datetime
    channel: str
    summary: str


@dataclass(frozen=True)
class PlanStep(Entry):
    number: int
    action: str
    owner: str
    due: date | None
    done: bool


@dataclass(frozen=True)
class StakeholderEntry(Entry):
    name: str
    role: str
    at: datetime | date
    note: str = ""            # after the time: "notified via Slack by Escalation Desk"


@dataclass(frozen=True)
class RecoveryItem(Entry):
    name: str
    due: date
    done: bool


@dataclass
class Section:
    name: str
    heading_line: int            # 1-based
    body_start: int              # 0-based index of the first body line
    body_end: int                # 0-based index one past the last body line
    entries: list[Entry] = field(default_factory=list)
    text: str = ""               # the body, stripped (for prose sections)

    @property
    def has_content(self) -> bool:
        meaningful = [ln for ln in self.text.splitlines() if ln.strip() and not ln.strip().startswith("<!--")]
        return bool(meaningful) or bool(self.entries)


@dataclass
class Document:
    path: str
    text: str
    lines: list[str]                         # with their line endings
    front: FrontMatter | None
    raw_front: dict
    key_lines: dict[str, tuple[int, int]]    # key → (first line, last line), 1-based, inclusive
    front_close: int                         # 0-based index of the closing '---' (-1 when absent)
    title: str
    title_line: int
    sections: dict[str, Section]
    section_order: list[str]
    problems: list = field(default_factory=list)   # Findings from parsing

    @property
    def headline(self) -> str:
        """What happened: the part of ``# ID — Customer — What happened`` after the customer."""
        parts = [p.strip() for p in self.title.replace("–", "—").split("—")]
        return parts[-1] if len(parts) >= 3 else self.title.lstrip("# ").strip()

    @property
    def id(self) -> str | None:
        return self.front.id if self.front else self.raw_front.get("id") if isinstance(self.raw_front.get("id"), str) else None

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, (1, 1))[0]

    def entries(self, section: str) -> list:
        found = self.sections.get(section)
        return list(found.entries) if found else []

    def markers(self) -> set[str]:
        return {e.marker for s in self.sections.values() for e in s.entries if e.marker}

    @property
    def severity_state(self) -> str:
        """"proposed" while the severity is the sync's (its marked Timeline line says why) and no
        person has confirmed it (``severity_set_by``); a person's own document is "confirmed"."""
        if self.front is None or self.front.severity_set_by or SYNC_SEVERITY_MARKER not in self.markers():
            return "confirmed"
        return "proposed"

    @property
    def comms(self) -> list[CommEntry]:
        return self.entries(COMMS)

    @property
    def timeline(self) -> list[TimelineEntry]:
        return self.entries(TIMELINE)

    @property
    def plan(self) -> list[PlanStep]:
        return self.entries(PLAN)

    @property
    def stakeholders(self) -> list[StakeholderEntry]:
        return self.entries(STAKEHOLDERS)

    @property
    def recovery(self) -> list[RecoveryItem]:
        return self.entries(RECOVERY)

    def last_customer_update(self) -> datetime | None:
        times = [e.at for e in self.comms]
        return max(times) if times else None
