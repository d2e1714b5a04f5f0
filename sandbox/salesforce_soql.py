"""Evaluates parsed SOQL (:mod:`sandbox.soql`) against in-memory records.

Semantics follow Salesforce where the product can notice them: field and object names
are case-insensitive; string comparisons and LIKE ignore case; 15- and 18-character Ids
compare equal; ``!=``/``NOT IN`` match NULLs; ordering puts NULLs first when ascending;
a filter value of the wrong type for its field is rejected (``INVALID_FIELD``) as is a
malformed Id (``INVALID_QUERY_FILTER_OPERATOR``); aggregate queries answer
``AggregateResult`` rows with ``expr0``… keys and ``COUNT()`` answers only ``totalSize``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date, timedelta, timezone
from typing import Any, Callable, Mapping, Sequence

from .salesforce_aggregate import aggregate
from .salesforce_values import (ID_TYPES, NUMBER_TYPES, STRING_TYPES, compare, like_pattern, normalize,
                                serialize, sort_rows)
from .soql import (Aggregate, BoolOp, Comparison, FieldRef, Literal, Not, Query, SoqlError,
                   located, parse)

_TYPE_WORD = {"currency": "double", "percent": "double"}  # as Salesforce words it
_ID_RE = re.compile(r"[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?")


@dataclass
class SObjectSchema:
    """The fields (canonical name → Salesforce field type) and relationships
    (relationship name → (target object, foreign-key field)) of one object."""

    name: str
    fields: dict[str, str]
    relationships: dict[str, tuple[str, str]] = field(default_factory=dict)

    def lookup_field(self, name: str) -> str | None:
        """The canonical spelling of a field (SOQL names are case-insensitive)."""
        wanted = name.lower()
        return next((f for f in self.fields if f.lower() == wanted), None)

    def lookup_relationship(self, name: str) -> str | None:
        wanted = name.lower()
        return next((r for r in self.relationships if r.lower() == wanted), None)


@dataclass
class QueryResult:
    """All rows of a query (after LIMIT/OFFSET), shaped as Salesforce serialises them."""

    total_size: int
    records: list[dict[str, Any]]


@dataclass(frozen=True)
class Resolved:
    """A field path checked against the schema, in canonical spelling."""

    path: tuple[str, ...]           # relationship names…, field name
    type: str
    hops: tuple[tuple[str, str], ...]  # (target object, foreign key) per relationship

    def value(self, record: Mapping[str, Any] | None) -> Any:
        for name in self.path[:-1]:
            if record is None:
                return None
            record = record.get(name)
        return None if record is None else record.get(self.path[-1])


# --------------------------------------------------------------------------- resolution

class _Context:
    def __init__(self, query: Query, catalog: Mapping[str, SObjectSchema], today: date) -> None:
        self.query = query
        self.catalog = {name.lower(): schema for name, schema in catalog.items()}
        self.today = today
        schema = self.catalog.get(query.sobject.lower())
        if schema is None:
            raise located(query.text, query.sobject_pos,
                          f"sObject type '{query.sobject}' is not supported. If you are attempting to "
                          "use a custom object, be sure to append the '__c' after the entity name. "
                          "Please reference your WSDL or the describe call for the appropriate names.",
                          "INVALID_TYPE")
        self.schema = schema

    def resolve(self, ref: FieldRef) -> Resolved:
        schema = self.schema
        path: list[str] = []
        hops: list[tuple[str, str]] = []
        *relationships, last = ref.path
        for name in relationships:
            canonical = schema.lookup_relationship(name)
            if canonical is None:
                raise located(self.query.text, ref.pos,
                              f"Didn't understand relationship '{name}' in field path. If you are "
                              "attempting to use a custom relationship, be sure to append the '__r' "
                              "after the custom relationship name. Please reference your WSDL or the "
                              "describe call for the appropriate names.", "INVALID_FIELD")
            target, foreign_key = schema.relationships[canonical]
            path.append(canonical)
            hops.append((target, foreign_key))
            schema = self.catalog[target.lower()]
        canonical = schema.lookup_field(last)
        if canonical is None:
            raise located(self.query.text, ref.pos,
                          f"No such column '{last}' on entity '{schema.name}'. If you are attempting to "
                          "use a custom field, be sure to append the '__c' after the custom field name. "
                          "Please reference your WSDL or the describe call for the appropriate names.",
                          "INVALID_FIELD")
        path.append(canonical)
        return Resolved(tuple(path), schema.fields[canonical], tuple(hops))

    # ---- filter literals
    def check_literal(self, resolved: Resolved, literal: Literal, op: str) -> None:
        kind, ftype = literal.kind, resolved.type
        if kind == "null":
            if op in ("=", "!=", "IN", "NOT IN"):
                return
            raise self.bad(literal, f"invalid operator on null: {op}")
        name = resolved.path[-1]
        if kind == "date_literal" and op == "IN":
            raise self.bad(literal, f"unexpected token: '{literal.text}' (date literals are not "
                                    "supported in IN lists by the sandbox)")
        if op == "LIKE":
            if ftype not in STRING_TYPES or kind != "string":
                raise self.bad(literal, f"invalid operator on field {name}: LIKE", "INVALID_FIELD")
            return
        expected = {"string": STRING_TYPES | ID_TYPES, "number": NUMBER_TYPES,
                    "boolean": {"boolean"}, "date": {"date"}, "datetime": {"datetime"},
                    "date_literal": {"date", "datetime"}}[kind]
        if ftype not in expected:
            quoted = ftype in STRING_TYPES | ID_TYPES
            raise self.bad(literal, f"value of filter criterion for field '{name}' must be of type "
                                    f"{'string' if quoted else _TYPE_WORD.get(ftype, ftype)} and should "
                                    f"{'' if quoted else 'not '}be enclosed in quotes", "INVALID_FIELD")
        if ftype in ID_TYPES and not _ID_RE.fullmatch(literal.value):
            raise self.bad(literal, f"invalid ID field: {literal.value}", "INVALID_QUERY_FILTER_OPERATOR")

    def bad(self, literal: Literal, message: str, code: str = "MALFORMED_QUERY") -> SoqlError:
        return located(self.query.text, literal.pos, message, code)

    def date_range(self, literal: Literal) -> tuple[date, date]:
        name, n = literal.value
        today = self.today
        return {
            "TODAY": (today, today),
            "YESTERDAY": (today - timedelta(days=1),) * 2,
            "TOMORROW": (today + timedelta(days=1),) * 2,
            "LAST_N_DAYS": (today - timedelta(days=n or 0), today),
            "NEXT_N_DAYS": (today + timedelta(days=1), today + timedelta(days=n or 0)),
        }[name]


# --------------------------------------------------------------------------- evaluation

class _Evaluator:
    def __init__(self, ctx: _Context) -> None:
        self.ctx = ctx
        self.cache: dict[FieldRef, Resolved] = {}

    def resolve(self, ref: FieldRef) -> Resolved:
        if ref not in self.cache:
            self.cache[ref] = self.ctx.resolve(ref)
        return self.cache[ref]

    def compile(self, cond: Any) -> Callable[[Mapping[str, Any]], bool]:
        """Check a WHERE clause against the schema and turn it into a predicate."""
        if isinstance(cond, BoolOp):
            parts = [self.compile(c) for c in cond.operands]
            if cond.op == "AND":
                return lambda r: all(p(r) for p in parts)
            return lambda r: any(p(r) for p in parts)
        if isinstance(cond, Not):
            inner = self.compile(cond.operand)
            return lambda r: not inner(r)
        assert isinstance(cond, Comparison)
        resolved = self.resolve(cond.field)
        ftype, op = resolved.type, cond.op
        literals = cond.value if isinstance(cond.value, tuple) else (cond.value,)
        for literal in literals:
            self.ctx.check_literal(resolved, literal, "IN" if op == "NOT IN" else op)
        if op == "LIKE":
            regex = like_pattern(cond.value.value)  # type: ignore[union-attr]
            return lambda r: (v := resolved.value(r)) is not None and bool(regex.fullmatch(str(v)))
        if op in ("IN", "NOT IN"):
            wanted = {normalize(lit.value, ftype) for lit in literals}
            if op == "IN":
                return lambda r: normalize(resolved.value(r), ftype) in wanted
            return lambda r: normalize(resolved.value(r), ftype) not in wanted
        literal = literals[0]
        if literal.kind == "date_literal":
            start, end = self.ctx.date_range(literal)
            as_date = (lambda v: None if v is None else v.astimezone(timezone.utc).date()) \
                if ftype == "datetime" else (lambda v: v)

            def in_range(r: Mapping[str, Any]) -> bool:
                value = as_date(normalize(resolved.value(r), ftype))
                if value is None:
                    return op == "!="
                return {"=": start <= value <= end, "!=": not start <= value <= end,
                        "<": value < start, "<=": value <= end, ">": value > end,
                        ">=": value >= start}[op]
            return in_range
        target = normalize(literal.value, ftype)
        return lambda r: compare(op, normalize(resolved.value(r), ftype), target)

    # ---- shaping
    def shape(self, record: Mapping[str, Any], fields: list[Resolved], api_version: str) -> dict:
        sobject = self.ctx.schema.name
        out: dict[str, Any] = {"attributes": {
            "type": sobject, "url": f"/services/data/v{api_version}/sobjects/{sobject}/{record.get('Id')}"}}
        for resolved in fields:
            node, source = out, record
            for name, (target, foreign_key) in zip(resolved.path[:-1], resolved.hops):
                related = source.get(name) if source is not None else None
                if related is None:
                    node[name] = None
                    break
                if node.get(name) is None:
                    related_id = related.get("Id") or source.get(foreign_key)
                    node[name] = {"attributes": {"type": target, "url":
                                  f"/services/data/v{api_version}/sobjects/{target}/{related_id}"}}
                node, source = node[name], related
            else:
                node[resolved.path[-1]] = serialize(source.get(resolved.path[-1]), resolved.type)
        return out


def execute(query: Query | str, catalog: Mapping[str, SObjectSchema],
            tables: Mapping[str, Sequence[Mapping[str, Any]]], *, today: date,
            api_version: str = "59.0") -> QueryResult:
    """Run one SOQL query; raise :class:`SoqlError` where Salesforce would answer 400."""
    if isinstance(query, str):
        query = parse(query)
    ctx = _Context(query, catalog, today)
    ev = _Evaluator(ctx)
    predicate = ev.compile(query.where) if query.where is not None else (lambda r: True)
    rows = [r for r in tables.get(ctx.schema.name, ()) if predicate(r)]
    if query.count_only:
        size = len(rows[query.offset or 0:])
        return QueryResult(size if query.limit is None else min(size, query.limit), [])
    if query.is_aggregate:
        records = aggregate(query, ev, rows)
    else:
        fields: list[Resolved] = []
        for item in query.select:
            resolved = ev.resolve(item)  # type: ignore[arg-type]
            if resolved not in fields:
                fields.append(resolved)
        keys = []
        for order in query.order_by:
            if isinstance(order.target, Aggregate):
                raise located(query.text, order.target.pos, "Ordered field must be grouped or aggregated")
            resolved = ev.resolve(order.target)
            keys.append((functools.partial(lambda res, r: normalize(res.value(r), res.type), resolved),
                         order.descending, order.nulls_first if order.nulls_first is not None
                         else not order.descending))
        rows = sort_rows(rows, keys)
        rows = rows[query.offset or 0:]
        rows = rows if query.limit is None else rows[:query.limit]
        records = [ev.shape(r, fields, api_version) for r in rows]
    return QueryResult(len(records), records)
