"""GROUP BY and aggregate functions (COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX) as Salesforce runs them.

``ev`` is the query's evaluator (:class:`salesforce_soql._Evaluator`): it resolves field
references against the object's schema.
"""

from __future__ import annotations

import functools
from typing import Any, Mapping

from .salesforce_values import NUMBER_TYPES, normalize, serialize, sort_rows
from .soql import Aggregate, FieldRef, Query, located

Rows = list[Mapping[str, Any]]


def aggregate(query: Query, ev: Any, rows: Rows) -> list[dict]:
    grouped = _grouping(query, ev)
    columns = _columns(query, ev, grouped)
    groups = _groups(rows, grouped)
    keys = _order_keys(query, ev, grouped)
    groups = sort_rows(groups, keys)[query.offset or 0:]
    if query.limit is not None:
        groups = groups[:query.limit]
    return [_record(members, columns, ev) for members in groups]


def _grouping(query: Query, ev: Any) -> list:
    grouped = [ev.resolve(ref) for ref in query.group_by]
    for ref, resolved in zip(query.group_by, grouped):
        if resolved.type in ("double", "currency", "percent", "textarea"):
            raise located(query.text, ref.pos, f"field '{resolved.path[-1]}' can not be grouped in a query call",
                          "INVALID_FIELD")
    return grouped


def _columns(query: Query, ev: Any, grouped: list) -> list[tuple[str, Any]]:
    """(output key, FieldRef or Aggregate) per selected item, as Salesforce names them (expr0, …)."""
    text = query.text
    columns: list[tuple[str, Any]] = []
    unnamed = 0
    for item in query.select:
        if isinstance(item, FieldRef):
            if ev.resolve(item) not in grouped:
                raise located(text, item.pos, f"Field must be grouped or aggregated: {item.dotted}")
            columns.append((ev.resolve(item).path[-1], item))
            continue
        if item.field is None:
            raise located(text, item.pos, "COUNT() cannot be used with GROUP BY or other aggregates")
        resolved = ev.resolve(item.field)
        if item.function in ("SUM", "AVG") and resolved.type not in NUMBER_TYPES:
            raise located(text, item.pos, f"field {resolved.path[-1]} does not support aggregate "
                                          f"operator {item.function}", "INVALID_FIELD")
        if item.alias:
            name = item.alias
        else:
            name, unnamed = f"expr{unnamed}", unnamed + 1
        columns.append((name, item))
    return columns


def _value(item: Aggregate, members: Rows, ev: Any) -> Any:
    assert item.field is not None
    resolved = ev.resolve(item.field)
    values = [v for v in (resolved.value(m) for m in members) if v is not None]
    if item.function == "COUNT":
        return len(values)
    if item.function == "COUNT_DISTINCT":
        return len({normalize(v, resolved.type) for v in values})
    if not values:
        return None
    if item.function == "SUM":
        return float(sum(float(v) for v in values))
    if item.function == "AVG":
        return sum(float(v) for v in values) / len(values)
    pick = min if item.function == "MIN" else max
    return serialize(pick(values, key=lambda v: normalize(v, resolved.type)), resolved.type)


def _groups(rows: Rows, grouped: list) -> list[Rows]:
    if not grouped:
        return [rows]
    groups: dict[tuple, Rows] = {}
    for row in rows:
        groups.setdefault(tuple(normalize(g.value(row), g.type) for g in grouped), []).append(row)
    return list(groups.values())


def _order_keys(query: Query, ev: Any, grouped: list) -> list:
    keys = []
    for order in query.order_by:
        target = order.target
        if isinstance(target, FieldRef):
            resolved = ev.resolve(target)
            if resolved not in grouped:
                raise located(query.text, target.pos, f"Ordered field must be grouped or aggregated: {target.dotted}")
            key = functools.partial(lambda res, members: normalize(res.value(members[0]), res.type), resolved)
        else:
            if target.field is None:
                raise located(query.text, target.pos, "COUNT() cannot be used in ORDER BY")
            ev.resolve(target.field)
            key = functools.partial(lambda agg, members: _value(agg, members, ev), target)
        keys.append((key, order.descending,
                     order.nulls_first if order.nulls_first is not None else not order.descending))
    return keys


def _record(members: Rows, columns: list[tuple[str, Any]], ev: Any) -> dict:
    record: dict[str, Any] = {"attributes": {"type": "AggregateResult"}}
    for name, item in columns:
        if isinstance(item, FieldRef):
            resolved = ev.resolve(item)
            record[name] = serialize(resolved.value(members[0]) if members else None, resolved.type)
        else:
            record[name] = _value(item, members, ev)
    return record
