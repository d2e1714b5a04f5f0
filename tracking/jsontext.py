"""``json.dumps(value, indent=2)`` — the same text — without the pure-Python encoder.

The standard library writes indented JSON with a generator per nesting level (its C
encoder only writes compact JSON); the whole-repository commands render one record per
document, so that cost is paid ten thousand times. :func:`dumps_indented` writes the
same characters with the C string escapers, for the values a record holds (dicts with
string keys, lists and tuples, strings, numbers, booleans, None); anything else goes to
:func:`json.dumps` itself. tests/core/test_core_jsontext.py holds the two equal.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring, encode_basestring_ascii

_FLOAT = float.__repr__
_INT = int.__repr__


class _Other(Exception):
    """A value this writer does not know: the standard library writes the whole value."""


def dumps_indented(value: object, ensure_ascii: bool = True, depth: int = 0) -> str:
    """The text of ``json.dumps(value, indent=2, ensure_ascii=ensure_ascii)``; with `depth`, as
    an item `depth` levels deep in a bigger text (every line indented by 2 × depth spaces)."""
    pad = "  " * depth
    parts: list[str] = [pad]
    try:
        _write(value, parts, "\n" + pad, encode_basestring_ascii if ensure_ascii else encode_basestring)
    except _Other:
        return pad + json.dumps(value, indent=2, ensure_ascii=ensure_ascii).replace("\n", "\n" + pad)
    return "".join(parts)


def _write(value: object, parts: list[str], newline: str, text) -> None:  # noqa: ANN001 - the escaper
    kind = type(value)
    if kind is str:
        parts.append(text(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif kind is int:
        parts.append(_INT(value))
    elif kind is float:
        if value != value or value in (float("inf"), float("-inf")):
            raise _Other
        parts.append(_FLOAT(value))
    elif kind is dict:
        _write_dict(value, parts, newline, text)  # type: ignore[arg-type]
    elif kind is list or kind is tuple:
        _write_list(value, parts, newline, text)  # type: ignore[arg-type]
    else:
        raise _Other


def _write_dict(value: dict, parts: list[str], newline: str, text) -> None:  # noqa: ANN001
    if not value:
        parts.append("{}")
        return
    inner = newline + "  "
    separator = "{" + inner
    for key, item in value.items():
        if type(key) is not str:
            raise _Other
        head = separator + text(key) + ": "
        kind = type(item)
        if kind is str:
            parts.append(head + text(item))
        elif item is None:
            parts.append(head + "null")
        elif kind is int:
            parts.append(head + _INT(item))
        else:
            parts.append(head)
            _write(item, parts, inner, text)
        separator = "," + inner
    parts.append(newline + "}")


def _write_list(value: list | tuple, parts: list[str], newline: str, text) -> None:  # noqa: ANN001
    if not value:
        parts.append("[]")
        return
    inner = newline + "  "
    separator = "[" + inner
    for item in value:
        parts.append(separator)
        _write(item, parts, inner, text)
        separator = "," + inner
    parts.append(newline + "]")
