"""``json.dumps(value, indent=2, ensure_ascii=False)``, faster: the standard library renders
indented JSON with its pure-Python encoder, which is most of what the report's JSON costs at
10,000 escalations. Strings go through the same C escaping the standard library uses; any
value this does not know (or a float that is not finite) is handed to ``json.dumps``.
tests/report/test_report_jsontext.py holds the two equal.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring   # the C escaping json.dumps(ensure_ascii=False) uses
from math import isfinite


def dumps(value: object) -> str:
    parts: list[str] = []
    _write(value, "\n", parts)
    return "".join(parts)


def _write(value: object, newline: str, parts: list[str]) -> None:
    if isinstance(value, str):
        parts.append(encode_basestring(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif type(value) is int or (type(value) is float and isfinite(value)):
        parts.append(repr(value))
    elif isinstance(value, dict) and all(type(key) is str for key in value):
        _object(value, newline, parts)
    elif isinstance(value, (list, tuple)):
        _array(value, newline, parts)
    else:
        parts.append(json.dumps(value, indent=2, ensure_ascii=False).replace("\n", newline))


def _object(value: dict, newline: str, parts: list[str]) -> None:
    if not value:
        parts.append("{}")
        return
    inner = newline + "  "
    separator = "{" + inner
    for key, item in value.items():
        parts.append(separator + encode_basestring(key) + ": ")
        _write(item, inner, parts)
        separator = "," + inner
    parts.append(newline + "}")


def _array(value: list | tuple, newline: str, parts: list[str]) -> None:
    if not value:
        parts.append("[]")
        return
    inner = newline + "  "
    separator = "[" + inner
    for item in value:
        parts.append(separator)
        _write(item, inner, parts)
        separator = "," + inner
    parts.append(newline + "]")
