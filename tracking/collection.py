"""The cross-document lints: duplicate IDs, systemic categories, a ticket in two
escalations (each on the documents it concerns), and one owner carrying too much (once per
owner, in the check's summary: a finding about no one file).

They read a :class:`Summary` of each document — the little they need, so checking N files
keeps memory flat; the pull-request check takes the summaries of the documents it does not
read from the base's ``index.json`` (:mod:`tracking.summaries`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Iterable, TYPE_CHECKING


from .findings import Finding
from .model import Document
from .postactions import post_mortem_dates

if TYPE_CHECKING:   # the models load pydantic: `esc check FILE` runs on the defaults without it
    from escalation_desk.playbook.config import Playbook


@dataclass(frozen=True, slots=True)
class Summary:
    """The little a cross-document check needs, so checking N files keeps memory flat."""

    path: str
    id: str
    category: str | None
    owner: str
    is_open: bool
    opened: datetime
    tickets: tuple[int, ...]
    lines: dict[str, int]
    severity: str = "SEV-3"
    post_mortems: tuple[date, ...] = ()     # the post-mortems its Post-Escalation Actions record

    @classmethod
    def of(cls, doc: Document) -> "Summary":
        f = doc.front
        assert f is not None
        return cls(doc.path, f.id, f.category, f.owner, f.is_open, f.opened, f.zendesk_tickets,
                   {k: doc.line_of(k) for k in ("id", "category", "owner", "zendesk_tickets")},
                   f.severity, post_mortem_dates(doc))


def summaries_of(docs: Iterable[Document | Summary]) -> list[Summary]:
    return [d if isinstance(d, Summary) else Summary.of(d) for d in docs
            if isinstance(d, Summary) or d.front is not None]


def check_collection(docs: Iterable[Document | Summary], config: Playbook, now: datetime) -> list[Finding]:
    """Findings on the documents themselves (the owner's load is :func:`owner_overload`)."""
    items = summaries_of(docs)
    errors_for = config.error_lints()
    off = frozenset(config.lints.off)
    findings: list[Finding] = []

    def lint(item: Summary, key: str, code: str, message: str) -> None:
        if code not in off:
            findings.append(Finding(item.path, item.lines[key], "error" if code in errors_for else "warning",
                                    code, message))

    _duplicate_ids(items, findings)
    _systemic(items, config, now, lint)
    _shared_tickets(items, lint)
    return findings


def _duplicate_ids(items: list[Summary], findings: list[Finding]) -> None:
    by_id: dict[str, list[Summary]] = defaultdict(list)
    for item in items:
        by_id[item.id].append(item)
    for ident, same in by_id.items():
        if len(same) > 1:
            for item in same:
                others = ", ".join(d.path for d in same if d is not item)
                findings.append(Finding(item.path, item.lines["id"], "error", "duplicate-id",
                                        f"ID {ident} is also used by {others}; give one of them a new ID (`esc new` picks a free one)"))


def last_post_mortem(same: Iterable[Summary], now: datetime) -> date | None:
    """The latest post-mortem held (dated today or before) recorded on any of these documents."""
    return max((d for item in same for d in item.post_mortems if d <= now.date()), default=None)


def _systemic(items: list[Summary], config: Playbook, now: datetime, lint) -> None:  # noqa: ANN001
    """The same category escalated `systemic_count` times in the window — counting only the
    escalations opened after the category's last recorded post-mortem (it clears the warning;
    as many again after it are a new pattern)."""
    window = timedelta(days=config.lints.systemic_window_days)
    by_category: dict[str, list[Summary]] = defaultdict(list)
    for item in items:
        if item.category:
            by_category[item.category.lower()].append(item)
    for every in by_category.values():
        held = last_post_mortem(every, now)
        same = [i for i in every if i.opened >= now - window and (held is None or i.opened.date() > held)]
        if len(same) < config.lints.systemic_count:
            continue
        since = f" since its post-mortem of {held.isoformat()}" if held else ""
        for item in same:
            lint(item, "category", "systemic-category",
                 f"category {item.category!r} escalated {len(same)} times in {window.days} days{since}: a systemic "
                 "problem; hold a post-mortem and fix the system, not just the symptom — then record it in "
                 "Post-Escalation Actions as `- Post-mortem: YYYY-MM-DD — notes`")


def _shared_tickets(items: list[Summary], lint) -> None:  # noqa: ANN001
    by_ticket: dict[int, list[Summary]] = defaultdict(list)
    for item in items:
        for ticket in item.tickets:
            by_ticket[ticket].append(item)
    for ticket, same in by_ticket.items():
        if len(same) > 1:
            for item in same:
                lint(item, "zendesk_tickets", "ticket-in-two-escalations",
                     f"Zendesk ticket #{ticket} is also in " + ", ".join(d.id for d in same if d is not item))


# --------------------------------------------------------------------------- owner load

@dataclass(frozen=True)
class OwnerLoad:
    owner: str
    load: float                          # the open escalations' severity weights, summed
    items: tuple[Summary, ...]           # the open escalations, heaviest first


def owner_loads(docs: Iterable[Document | Summary], config: Playbook) -> list[OwnerLoad]:
    """Each owner's open escalations, weighed by severity (``lints.owner_weights``)."""
    weights = config.lints.owner_weights
    by_owner: dict[str, list[Summary]] = defaultdict(list)
    for item in summaries_of(docs):
        if item.is_open:
            by_owner[item.owner.strip().lower()].append(item)
    loads = []
    for same in by_owner.values():
        same.sort(key=lambda s: (-weights.get(s.severity, 1.0), s.id))
        loads.append(OwnerLoad(same[0].owner.strip(), sum(weights.get(s.severity, 1.0) for s in same), tuple(same)))
    return sorted(loads, key=lambda o: (-o.load, o.owner.lower()))


def _number(value: float) -> str:
    return f"{value:g}"


def owner_overload(docs: Iterable[Document | Summary], config: Playbook,
                   concerning: set[str] | None = None) -> list[Finding]:
    """One finding per owner over ``lints.owner_max_open`` (in SEV-3 equivalents), about no
    one file: it goes in the check's summary. With `concerning` (paths), only owners with an
    open escalation among them (a pull request hears about the owners it touches)."""
    if "owner-overload" in config.lints.off:
        return []
    limit, weights = config.lints.owner_max_open, config.lints.owner_weights
    level = "error" if "owner-overload" in config.error_lints() else "warning"
    found = []
    for load in owner_loads(docs, config):
        if load.load <= limit or (concerning is not None and not any(i.path in concerning for i in load.items)):
            continue
        listed = ", ".join(f"{i.id} ({i.severity})" for i in load.items)
        scale = ", ".join(f"{name} {_number(w)}" for name, w in weights.items())
        found.append(Finding("", 0, level, "owner-overload",
                             f"{load.owner} carries a load of {_number(load.load)} (limit {limit}; {scale}) in "
                             f"{len(load.items)} open escalations: {listed}; redistribute before escalation "
                             "fatigue sets in"))
    return found
