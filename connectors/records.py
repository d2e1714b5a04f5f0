"""The core's own records of what the connectors fetch. No SDK type gets past a connector.

Plain frozen dataclasses: times are aware UTC datetimes, ids are ints (Zendesk) or
strings (Salesforce). Every text is normalised as a record is made, whichever connector
makes it (SPEC §3): valid Unicode, no control characters but newline and tab, no
bidirectional overrides, and one-line fields (names, subjects, tags) on one line. It is
still untrusted: each writer escapes it for its own medium.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime

from escalation_desk.playbook.text import normalise, single_line


def _normalised(record: object, multi_line: tuple[str, ...] = ()) -> None:
    """Normalise a frozen record's text fields in place, as it is created."""
    for f in fields(record):
        value = getattr(record, f.name)
        if isinstance(value, str):
            object.__setattr__(record, f.name, normalise(value) if f.name in multi_line else single_line(value))
        elif isinstance(value, tuple) and any(isinstance(v, str) for v in value):
            object.__setattr__(record, f.name, tuple(single_line(v) if isinstance(v, str) else v for v in value))


@dataclass(frozen=True)
class User:
    id: int
    name: str
    email: str = ""
    role: str = "end-user"          # end-user, agent, admin
    organization_id: int | None = None
    title: str = ""                 # job title, e.g. "CFO" (a user field)

    def __post_init__(self) -> None:
        _normalised(self)

    @property
    def is_staff(self) -> bool:
        return self.role in ("agent", "admin")


@dataclass(frozen=True)
class Organization:
    id: int
    name: str
    external_id: str | None = None
    fields: dict = field(default_factory=dict, hash=False, compare=False)

    def __post_init__(self) -> None:
        _normalised(self)
        object.__setattr__(self, "fields", {k: normalise(v) if isinstance(v, str) else v
                                              for k, v in self.fields.items()})


@dataclass(frozen=True)
class Comment:
    id: int
    ticket_id: int
    author_id: int
    body: str
    public: bool
    created_at: datetime
    channel: str = ""               # how it arrived (via.channel): email, web, voice, twitter…

    def __post_init__(self) -> None:
        _normalised(self, multi_line=("body",))


@dataclass(frozen=True)
class Ticket:
    id: int
    subject: str
    description: str
    status: str                     # new, open, pending, hold, solved, closed
    priority: str | None
    created_at: datetime
    updated_at: datetime
    requester_id: int | None = None
    assignee_id: int | None = None
    organization_id: int | None = None
    channel: str = ""
    tags: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()   # addresses the customer wrote to
    custom_fields: tuple[tuple[int, object], ...] = ()
    agent_url: str = ""                # the ticket in Zendesk's agent interface, for links
    type: str | None = None            # question, incident, problem, task
    problem_id: int | None = None      # an incident's problem ticket (Zendesk's "same issue" link)

    def __post_init__(self) -> None:
        _normalised(self, multi_line=("description",))
        object.__setattr__(self, "custom_fields", tuple((key, single_line(value) if isinstance(value, str) else value)
                                                        for key, value in self.custom_fields))

    def field_value(self, field_id: int | None) -> object:
        if field_id is None:
            return None
        return next((value for key, value in self.custom_fields if key == field_id), None)


@dataclass(frozen=True)
class TicketChanges:
    """One incremental pull: the tickets changed since a cursor, with the people and
    organizations they refer to (side-loaded), and the cursor to resume from."""

    tickets: tuple[Ticket, ...]
    users: dict[int, User]
    organizations: dict[int, Organization]
    cursor: str | None
    requests: int = 0
    complete: bool = True       # False: the run's export budget ended first; resume from `cursor`


@dataclass(frozen=True)
class Account:
    """A Salesforce Account's facts, as configured (ARR, renewal, health, owner)."""

    id: str
    name: str
    arr: float | None = None
    renewal_date: date | None = None
    health_score: float | None = None
    health_score_prior_week: float | None = None
    owner_name: str | None = None

    def __post_init__(self) -> None:
        _normalised(self)


@dataclass(frozen=True)
class AccountTotals:
    total_arr: float | None
    top_account_ids: tuple[str, ...] = ()   # the largest accounts by ARR, biggest first


def id15(account_id: str) -> str:
    """Salesforce Ids compare on their first 15 characters (the 18-character form adds a checksum)."""
    return account_id[:15]
