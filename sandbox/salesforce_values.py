"""SOQL's value semantics: how Salesforce compares, sorts and serialises each field type."""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timezone
from typing import Any, Callable

STRING_TYPES = frozenset({"string", "picklist", "email", "textarea", "url", "phone", "combobox"})
ID_TYPES = frozenset({"id", "reference"})
NUMBER_TYPES = frozenset({"double", "currency", "int", "percent"})

def normalize(value: Any, ftype: str) -> Any:
    """A record value as compared and sorted: case-folded strings, 15-char Ids, dates…"""
    if value is None:
        return None
    if ftype in ID_TYPES:
        text = str(value)
        return text[:15] if len(text) in (15, 18) else text
    if ftype in STRING_TYPES:
        return str(value).casefold()
    if ftype in NUMBER_TYPES:
        return float(value)
    if ftype == "date":
        return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    if ftype == "datetime":
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return datetime.fromisoformat(str(value).replace("Z", "+00:00").replace("+0000", "+00:00"))
    return value


def serialize(value: Any, ftype: str) -> Any:
    """A record value as Salesforce's JSON carries it."""
    if value is None:
        return None
    if ftype in ("double", "currency", "percent"):
        return float(value)
    if ftype == "int":
        return int(value)
    if ftype == "date":
        return value.isoformat() if isinstance(value, date) else str(value)
    if ftype == "datetime":
        moment = normalize(value, ftype).astimezone(timezone.utc)
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}+0000"
    if ftype == "boolean":
        return bool(value)
    if ftype == "anyType":   # AccountHistory.OldValue/NewValue keep the tracked field's JSON type
        return value
    return str(value)


def like_pattern(pattern: str) -> re.Pattern[str]:
    out = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and pattern[i + 1: i + 2] in ("%", "_"):
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        out.append(".*" if ch == "%" else "." if ch == "_" else re.escape(ch))
        i += 1
    return re.compile("".join(out), re.IGNORECASE | re.DOTALL)


def compare(op: str, left: Any, right: Any) -> bool:
    if op == "=":
        return left == right
    if op == "!=":
        return left != right
    if left is None or right is None:
        return False
    return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[op]


def sort_rows(rows: list[Any], keys: list[tuple[Callable[[Any], Any], bool, bool]]) -> list[Any]:
    def cmp(a: Any, b: Any) -> int:
        for key, descending, nulls_first in keys:
            x, y = key(a), key(b)
            if x == y:
                continue
            if x is None or y is None:
                return (-1 if x is None else 1) * (1 if nulls_first else -1)
            result = -1 if x < y else 1
            return -result if descending else result
        return 0
    return sorted(rows, key=functools.cmp_to_key(cmp))
