"""Front matter written the way the product writes it — one ``key: value`` line per known key —
read without building a YAML tree.

:func:`read_flat` gives exactly what :func:`tracking.frontmatter.read_yaml` gives (the same
values, of the same types, and the same key lines), or None as soon as a line is anything
else: then the caller reads the text with the real YAML loader. It accepts only what it
can read for certain — plain, quoted and flow-list scalars on one line, with the YAML
resolver itself deciding what a plain scalar is (a string, a number, a time, a boolean,
null). Comments after a value, escapes, continuation lines, nesting, anchors, tabs, CR line
ends, duplicate or unknown keys: None. tests/core/test_core_lean.py holds it to the loader.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import yaml

from .model import FIELD_ORDER

_KEYS = frozenset(FIELD_ORDER)
_KEY_LINE = re.compile(r"([a-z_]+):(?: +(.*?))? *")
# Characters a one-line value may hold here: printable, and nothing YAML or a terminal reads
# as a line break, a control, a byte-order mark or a bidirectional override.
_CHAR = r"[^\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff\ufffe\uffff"
# A plain scalar: not starting with an indicator, no '#', a ':' only inside a word, no tab.
_PLAIN_BLOCK = re.compile(_CHAR + r"\s\-?:,\[\]{}#&*!|>'\"%@`]"
                          r"(?:" + _CHAR + r"\t#:]|:(?=[\w./-]))*")
_PLAIN_FLOW = re.compile(_CHAR + r"\s\-?:,\[\]{}#&*!|>'\"%@`]"
                         r"(?:" + _CHAR + r"\t#:,\[\]{}]|:(?=[\w./-]))*")
_DOUBLE = re.compile(r'"(' + _CHAR + r'"\\\t]*)"')
_SINGLE = re.compile(r"'(" + _CHAR + r"'\t]*)'")
_INT = re.compile(r"0|[1-9][0-9]*")
_FLOAT = re.compile(r"[0-9]+\.[0-9]+")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_TIME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})")
_STR, _NULL, _BOOL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool"
_INT_TAG, _FLOAT_TAG, _TIME_TAG = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"
_RESOLVER = yaml.resolver.Resolver()
# The first characters the resolver has implicit types for: any other plain scalar is a string.
_TYPED_FIRST = frozenset(first for first in yaml.resolver.Resolver.yaml_implicit_resolvers if first)
_NOT_FLAT = object()


def read_flat(lines: list[str]) -> tuple[dict, dict[str, tuple[int, int]]] | None:
    """`lines` are the front matter's lines (without their '\\n'), the first one being the
    file's line 2. (values, key lines) as read_yaml gives them, or None: read it with YAML."""
    values: dict = {}
    key_lines: dict[str, tuple[int, int]] = {}
    for number, line in enumerate(lines, 2):
        if not line.strip(" ") or line[0] == "#":
            continue
        found = _KEY_LINE.fullmatch(line)
        if found is None:
            return None
        key, text = found.groups()
        if key not in _KEYS or key in values:
            return None
        value = _value(text) if text else None
        if value is _NOT_FLAT:
            return None
        values[key] = value
        key_lines[key] = (number, number)
    return (values, key_lines) if values else None


def _value(text: str) -> object:
    first = text[0]
    if first == "[":
        return _flow_list(text)
    if first == '"' or first == "'":
        quoted = (_DOUBLE if first == '"' else _SINGLE).fullmatch(text)
        return quoted.group(1) if quoted else _NOT_FLAT
    return _plain(text) if _PLAIN_BLOCK.fullmatch(text) else _NOT_FLAT


def _flow_list(text: str) -> object:
    if not text.endswith("]"):
        return _NOT_FLAT
    inner = text[1:-1]
    if not inner.strip(" "):
        return []
    items = []
    for part in inner.split(","):
        item = part.strip(" ")
        if not item:
            return _NOT_FLAT
        if item[0] == '"' or item[0] == "'":
            quoted = (_DOUBLE if item[0] == '"' else _SINGLE).fullmatch(item)
            value = quoted.group(1) if quoted else _NOT_FLAT
        else:
            value = _plain(item) if _PLAIN_FLOW.fullmatch(item) else _NOT_FLAT
        if value is _NOT_FLAT:
            return _NOT_FLAT
        items.append(value)
    return items


_INT_DIGITS = 4000


def _plain(text: str) -> object:
    """A plain scalar as the YAML resolver types it; _NOT_FLAT for the forms not read here."""
    if text[0] not in _TYPED_FIRST:
        return text
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    if tag == _STR:
        return text
    if tag == _INT_TAG:
        # Python refuses to read an int of over 4,300 digits (ValueError): the YAML loader's path
        # reports such a value in one line, as `esc check` does (review3 P1).
        return int(text) if len(text) <= _INT_DIGITS and _INT.fullmatch(text) else _NOT_FLAT
    if tag == _FLOAT_TAG:
        return float(text) if _FLOAT.fullmatch(text) else _NOT_FLAT
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return text.lower() in ("yes", "true", "on")
    if tag == _TIME_TAG:
        return _time(text)
    return _NOT_FLAT


def _time(text: str) -> object:
    """A date, or a time with Z or an offset, as YAML's timestamp constructor builds it."""
    try:
        day = _DATE.fullmatch(text)
        if day:
            return date(int(day[1]), int(day[2]), int(day[3]))
        moment = _TIME.fullmatch(text)
        if moment is None:
            return _NOT_FLAT
        zone = moment[7]
        if zone == "Z":
            tzinfo = timezone.utc
        else:
            delta = timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
            tzinfo = timezone(-delta if zone[0] == "-" else delta)
        return datetime(*(int(moment[i]) for i in range(1, 7)), tzinfo=tzinfo)
    except (ValueError, OverflowError):   # 2026-13-01: the real loader says what is wrong
        return _NOT_FLAT
