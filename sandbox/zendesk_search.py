"""The part of Zendesk's search query language a sync needs, parsed properly.

A query is space-separated terms, all of which must hold (AND), except that repeated
``field:value`` terms on the same field are alternatives (``status:open status:pending``),
as in Zendesk. Supported:

- ``type:ticket|user|organization`` (none: all three)
- ``field:value``, ``field>value``, ``field>=value``, ``field<value``, ``field<=value``;
  a leading ``-`` negates a term; values may be "double quoted"
- tickets: ``status`` and ``priority`` (ordered: ``status<solved``), ``ticket_type``,
  ``tags``/``tag``, ``via``, ``organization``/``requester``/``assignee``/``submitter``/
  ``group`` (id, name, email, ``none``; ``me``), ``subject``/``description``/``comment``
  (words), ``custom_field_<id>``, ``fieldvalue``, ``created``/``updated``/``solved``/``due_date``
- users: ``role``, ``email``, ``name``, ``organization``, ``tags``; organizations: ``name``,
  ``tags``, ``external_id``; both: ``created``/``updated``
- times: ``2026-11-20`` (a UTC day), ``2026-11-20T10:00:00Z`` (an instant), or relative
  ``4hours``/``2days``/``30minutes``/``1week``/``3months``/``1year`` ago
- plain words match whole words of the subject, description and comments (``word*`` is a
  prefix); ``"a phrase"`` matches the phrase
- ``order_by:created_at|updated_at|priority|status|ticket_type`` and ``sort:asc|desc``
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Iterable

from escalation_desk.sandbox.zendesk_state import PRIORITIES, STATUSES, ZendeskState, tokenize

TYPES = ("ticket", "user", "organization")
_TERM = re.compile(r'(-?)(?:([A-Za-z_][A-Za-z0-9_]*)(>=|<=|:|>|<))?("[^"]*"?|\S+)')
_RELATIVE = re.compile(r"^(\d+)(minute|hour|day|week|month|year)s?$")
_UNIT_SECONDS = {"minute": 60, "hour": 3600, "day": 86400, "week": 7 * 86400,
                 "month": 30 * 86400, "year": 365 * 86400}
_TIME_FIELDS = {"created": "created_at", "updated": "updated_at", "due_date": "due_at", "solved": None}
_WORD_FIELDS = ("subject", "description", "comment")  # several of these must all match
_ORDER_FIELDS = ("created_at", "updated_at", "priority", "status", "ticket_type")


class QueryError(ValueError):
    """A query Zendesk would refuse (answered as 400 ``invalid``)."""


@dataclass(frozen=True)
class Term:
    field: str | None  # None: free text
    op: str  # ":" "<" "<=" ">" ">="
    value: str
    negated: bool = False
    quoted: bool = False


@dataclass
class Query:
    types: tuple[str, ...]
    terms: list[Term] = field(default_factory=list)
    order_by: str | None = None
    sort: str | None = None


def parse(query: str) -> Query:
    terms: list[Term] = []
    types: list[str] = []
    order_by = sort = None
    for match in _TERM.finditer(query):
        negated, name, op, raw = match.group(1) == "-", match.group(2), match.group(3) or ":", match.group(4)
        quoted = raw.startswith('"')
        value = raw.strip('"')
        if name is None:
            if value:
                terms.append(Term(None, ":", value.lower(), negated, quoted))
            continue
        name = name.lower()
        if name == "type" and not negated:
            if value.lower() not in TYPES:
                raise QueryError(f"unsupported type {value!r}")
            types.append(value.lower())
        elif name in ("order_by", "sort"):
            if name == "order_by":
                if value not in _ORDER_FIELDS:
                    raise QueryError(f"cannot order by {value!r}")
                order_by = value
            else:
                if value not in ("asc", "desc"):
                    raise QueryError("sort must be asc or desc")
                sort = value
        else:
            terms.append(Term(name, op, value, negated, quoted))
    return Query(tuple(types) or TYPES, terms, order_by, sort)


def _time_bounds(value: str, now: datetime) -> tuple[datetime, datetime]:
    """[start, end) an operand denotes: a relative age, an instant or a whole UTC day."""
    relative = _RELATIVE.match(value.lower())
    if relative:
        moment = now - timedelta(seconds=int(relative.group(1)) * _UNIT_SECONDS[relative.group(2)])
        return moment, moment
    try:
        if "T" in value:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
            return moment, moment
        day = datetime.fromisoformat(value).replace(tzinfo=timezone.utc)
    except ValueError:
        raise QueryError(f"not a date or time: {value!r}") from None
    return day, day + timedelta(days=1)


def _parse_time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text.replace("Z", "+00:00"))


def _compare_time(actual: datetime | None, op: str, bounds: tuple[datetime, datetime], relative: bool) -> bool:
    if actual is None:
        return False
    start, end = bounds
    if relative:  # "created>4hours": created less than 4 hours ago
        return {">": actual > start, ">=": actual >= start, "<": actual < start,
                "<=": actual <= start, ":": actual >= start}[op]
    if op == ":":
        return start <= actual < end if start != end else actual == start
    return {">": actual >= end if start != end else actual > start, ">=": actual >= start,
            "<": actual < start, "<=": actual < end if start != end else actual <= start}[op]


def _compare_ordinal(actual: int | None, op: str, wanted: int) -> bool:
    if actual is None:
        return False
    return {":": actual == wanted, ">": actual > wanted, ">=": actual >= wanted,
            "<": actual < wanted, "<=": actual <= wanted}[op]


class Matcher:
    """Evaluates a parsed query against the state's records (the caller holds the lock)."""

    def __init__(self, state: ZendeskState, query: Query, me: dict | None) -> None:
        self.state = state
        self.query = query
        self.me = me
        self.now = state.clock()
        # Equal-field ":" terms are alternatives; everything else must hold.
        self.groups: dict[str, list[Term]] = {}
        self.others: list[Term] = []
        for term in query.terms:
            if term.field and term.op == ":" and not term.negated and term.field not in _WORD_FIELDS:
                self.groups.setdefault(term.field, []).append(term)
            else:
                self.others.append(term)
        for term in query.terms:  # refuse what Zendesk would refuse, before matching anything
            if term.field in _TIME_FIELDS:
                _time_bounds(term.value, self.now)
            elif term.field in ("status", "priority"):
                scale = STATUSES if term.field == "status" else PRIORITIES
                if term.value.lower() not in scale and not (term.value.lower() == "none" and term.op == ":"):
                    raise QueryError(f"unknown {term.field} {term.value!r}")
            elif term.field is not None and term.op != ":":
                raise QueryError(f"{term.field} cannot be compared with {term.op}")

    def results(self) -> list[tuple[str, dict]]:
        found: list[tuple[str, dict]] = []
        for kind, records in (("ticket", self.state.tickets), ("user", self.state.users),
                              ("organization", self.state.organizations)):
            if kind in self.query.types:
                found += [(kind, r) for r in records.values() if self.matches(kind, r)]
        return self._ordered(found)

    def matches(self, kind: str, record: dict) -> bool:
        for terms in self.groups.values():
            if not any(self._term(kind, record, t) for t in terms):
                return False
        return all(self._term(kind, record, t) != t.negated for t in self.others)

    def _ordered(self, found: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
        order_by, descending = self.query.order_by, self.query.sort != "asc"  # Zendesk: desc
        if order_by is None:  # "relevance": newest activity first, stable
            return sorted(found, key=lambda kr: (kr[1].get("updated_at") or "", kr[1]["id"]), reverse=True)
        key: Callable[[dict], Any] = {
            "created_at": lambda r: r.get("created_at") or "",
            "updated_at": lambda r: r.get("updated_at") or "",
            "priority": lambda r: _ordinal(PRIORITIES, r.get("priority")) or -1,
            "status": lambda r: _ordinal(STATUSES, r.get("status")) or -1,
            "ticket_type": lambda r: r.get("type") or "",
        }[order_by]
        return sorted(found, key=lambda kr: (key(kr[1]), kr[1]["id"]), reverse=descending)

    # -- one term -----------------------------------------------------------------------
    def _term(self, kind: str, record: dict, term: Term) -> bool:
        if term.field is None:
            return self._text(kind, record, term.value, term.quoted, None)
        name, value, op = term.field, term.value, term.op
        if name in _TIME_FIELDS:
            actual = self._solved_at(record) if name == "solved" else _parse_time(record.get(_TIME_FIELDS[name]))
            return _compare_time(actual, op, _time_bounds(value, self.now), bool(_RELATIVE.match(value.lower())))
        if name in ("status", "priority"):
            if kind != "ticket":
                return False
            scale = STATUSES if name == "status" else PRIORITIES
            if value.lower() == "none":
                return record.get(name) is None
            return _compare_ordinal(_ordinal(scale, record.get(name)), op, scale.index(value.lower()))
        lowered = value.lower()
        if name in ("tags", "tag"):
            return lowered in record.get("tags", []) or (lowered == "none" and not record.get("tags"))
        if kind == "ticket":
            return self._ticket_field(record, name, lowered, term.quoted)
        if name in ("name", "email", "role", "external_id"):
            return _equal(record.get(name), lowered) or (
                name == "name" and self._text(kind, record, lowered, True, name))
        if name == "organization" and kind == "user":
            return self._reference(record.get("organization_id"), lowered, self.state.organizations)
        return False

    def _ticket_field(self, ticket: dict, name: str, value: str, quoted: bool) -> bool:
        if name == "ticket_type":
            return _equal(ticket.get("type"), value)
        if name == "via":
            channel = ticket["via"]["channel"]
            return channel == value or (value in ("mail", "email") and channel == "email")
        if name in ("organization", "requester", "assignee", "submitter", "group"):
            table = self.state.groups if name == "group" else (
                self.state.organizations if name == "organization" else self.state.users)
            return self._reference(ticket.get(f"{name}_id"), value, table)
        if name in ("subject", "description", "comment"):
            return self._text("ticket", ticket, value, quoted, name)
        if name.startswith("custom_field_"):
            wanted = name.removeprefix("custom_field_")
            return any(str(f["id"]) == wanted and _equal(f["value"], value) for f in ticket["custom_fields"])
        if name == "fieldvalue":
            return any(_equal(f["value"], value) for f in ticket["custom_fields"])
        return self._text("ticket", ticket, f"{name}:{value}", True, None)  # unknown keyword: literal text

    def _reference(self, actual_id: int | None, value: str, table: dict[int, dict]) -> bool:
        if value == "none":
            return actual_id is None
        if actual_id is None:
            return False
        if value == "me" and self.me is not None:
            return actual_id == self.me["id"]
        if value.isdigit():
            return actual_id == int(value)
        record = table.get(actual_id, {})
        return value in (str(record.get("name", "")).lower(), str(record.get("email", "")).lower())

    def _text(self, kind: str, record: dict, value: str, phrase: bool, only: str | None) -> bool:
        if kind == "ticket" and only is None:
            blob, words = self.state.words(record["id"])
        else:
            if kind == "ticket":
                parts: Iterable[str] = ([record.get("subject") or ""] if only == "subject" else
                                        [record.get("description") or ""] if only == "description" else
                                        [c["body"] for c in self.state.comments[record["id"]]])
            else:
                parts = [str(record.get(k) or "") for k in ("name", "email", "notes", "details")]
                parts = list(parts) + list(record.get("domain_names", []))
            blob = "\n".join(parts).lower()
            words = frozenset(tokenize(blob))
        if phrase:
            return " ".join(tokenize(value)) in " ".join(tokenize(blob))
        wanted = tokenize(value)
        if value.endswith("*") and wanted:
            *whole, prefix = wanted
            return all(w in words for w in whole) and any(w.startswith(prefix) for w in words)
        return bool(wanted) and all(w in words for w in wanted)

    def _solved_at(self, ticket: dict) -> datetime | None:
        solved = [a["created_at"] for a in self.state.audits_by_ticket.get(ticket["id"], [])
                  for e in a["events"] if e["type"] == "Change" and e["field_name"] == "status"
                  and e["value"] == "solved"]
        return _parse_time(solved[-1]) if solved else None


def _ordinal(scale: tuple[str, ...], value: Any) -> int | None:
    return scale.index(value) if value in scale else None


def _equal(actual: Any, value: str) -> bool:
    if actual is None:
        return value == "none"
    if isinstance(actual, bool):
        return str(actual).lower() == value
    return str(actual).lower() == value


def search(state: ZendeskState, query_text: str, me: dict | None = None, filter_type: str | None = None,
           sort_by: str | None = None, sort_order: str | None = None) -> list[tuple[str, dict]]:
    """(result_type, record) pairs matching the query, in result order. ``sort_by`` and
    ``sort_order`` are the URL parameters (the query's own order_by/sort win)."""
    query = parse(query_text)
    if sort_by and query.order_by is None:
        if sort_by not in _ORDER_FIELDS:
            raise QueryError(f"cannot sort by {sort_by!r}")
        query.order_by = sort_by
        query.sort = query.sort or ("asc" if sort_order == "asc" else "desc")
    if filter_type:
        if filter_type not in TYPES:
            raise QueryError(f"unsupported filter[type] {filter_type!r}")
        query.types = tuple(t for t in query.types if t == filter_type)
    return Matcher(state, query, me).results()
