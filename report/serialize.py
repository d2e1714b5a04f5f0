"""The report as JSON (``esc report --format json``): stable keys, ISO times, derived rates included."""

from __future__ import annotations

import dataclasses
import json
from json.encoder import encode_basestring
from datetime import date, datetime
from functools import partial
from typing import Callable, Iterator

from . import jsontext
from .model import Funnel, Rate, Report
from .records import OpenEscalation
from escalation_desk.playbook.timefmt import iso


def _plain(value: object) -> object:
    """`value` as plain JSON values (dicts, lists, str, int, float, bool, None)."""
    kind = type(value)
    if kind in _AS_IS:
        return value
    rule = _RULES.get(kind)
    if rule is not None:
        return rule(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        _RULES[kind] = rule = partial(_fields, tuple(f.name for f in dataclasses.fields(value)))
        return rule(value)
    return _other(value)


def _other(value: object) -> object:
    """The rules of :func:`_plain` for subclasses of the plain types."""
    if isinstance(value, OpenEscalation):
        return _plain(value.record())
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _fields(names: tuple[str, ...], value: object) -> dict:
    return {name: _plain(getattr(value, name)) for name in names}


def _rate(value: Rate) -> dict:
    return {"met": value.met, "missed": value.missed, "pending": value.pending, "unknown": value.unknown,
            "percent": _plain(value.percent)}


def _funnel(value: Funnel) -> dict:
    fields = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return {**fields, "advocacy_percent": _plain(value.advocacy_percent)}


def _float(value: float) -> float | int:
    return int(value) if value.is_integer() else value


_AS_IS = frozenset({str, int, bool, type(None)})
_RULES: dict[type, Callable[[object], object]] = {
    OpenEscalation: lambda value: _plain(value.record()), Rate: _rate, Funnel: _funnel, float: _float,
    datetime: iso, date: date.isoformat,
    dict: lambda value: {str(k): _plain(v) for k, v in value.items()},
    list: lambda value: [_plain(v) for v in value], tuple: lambda value: [_plain(v) for v in value],
}


def as_dict(report: Report) -> dict:
    data = _plain(report)
    data["window"]["days"] = report.window.days
    return data


def dumps(report: Report) -> str:
    return "".join(chunks(report))


def chunks(report: Report) -> Iterator[str]:
    """``json.dumps(as_dict(report), indent=2, ensure_ascii=False) + "\\n"``, in pieces of about
    64 KB: each field, and each item of the long lists, is rendered on its own (an open
    escalation's record comes as rendered where its document was parsed), so the whole text,
    or a plain copy of the whole report, is never held."""
    batch: list[str] = []
    size = 0
    for text in _pieces(report):
        batch.append(text)
        size += len(text)
        if size >= _BATCH:
            yield "".join(batch)
            batch, size = [], 0
    yield "".join(batch) + "\n"


def _pieces(report: Report) -> Iterator[str]:
    for number, item in enumerate(dataclasses.fields(report)):
        value = getattr(report, item.name)
        yield ("{\n" if number == 0 else ",\n") + f"  {json.dumps(item.name, ensure_ascii=False)}: "
        if isinstance(value, tuple) and value:
            yield "["
            for at, element in enumerate(value):
                yield ("\n" if at == 0 else ",\n") + _item_text(element)
            yield "\n  ]"
        else:
            plain = _plain(value)
            if item.name == "window":
                plain["days"] = report.window.days
            yield _text(plain).replace("\n", "\n  ")
    yield "\n}"


def _item_text(element: object) -> str:
    """An item of one of the report's lists, as the whole text has it (two levels deep)."""
    if isinstance(element, OpenEscalation):
        return element.text   # rendered at that depth where its document was parsed
    flat = _FLAT.get(type(element))
    if flat is None and dataclasses.is_dataclass(element) and type(element) not in _RULES:
        names = tuple(f.name for f in dataclasses.fields(element))
        _FLAT[type(element)] = flat = (names, tuple(f"{_PAD}  {json.dumps(n, ensure_ascii=False)}: " for n in names))
    text = _flat_text(element, *flat) if flat is not None else None
    return text if text is not None else jsontext.dumps(_plain(element), depth=2)


def _flat_text(element: object, names: tuple[str, ...], heads: tuple[str, ...]) -> str | None:
    """A dataclass whose fields are all scalars (or tuples of strings), as
    ``jsontext.dumps(_plain(element), depth=2)`` writes it, without the plain copy; None when a
    field is not one."""
    parts = []
    if not names:
        return None
    for name, head in zip(names, heads):
        value = getattr(element, name)
        kind = type(value)
        if kind is str:
            parts.append(head + _STRING(value))
        elif kind is datetime:
            parts.append(head + _STRING(iso(value)))
        elif kind is int:
            parts.append(head + int.__repr__(value))
        elif value is None:
            parts.append(head + "null")
        elif value is True or value is False:
            parts.append(head + ("true" if value else "false"))
        elif kind is tuple and all(type(v) is str for v in value):
            parts.append(head + (_LIST_HEAD + _LIST_SEP.join(map(_STRING, value)) + _LIST_END if value else "[]"))
        else:
            return None
    return _PAD + "{\n" + ",\n".join(parts) + "\n" + _PAD + "}"


def _text(plain: object) -> str:
    return jsontext.dumps(plain)   # json.dumps(plain, indent=2, ensure_ascii=False), faster


_PAD = "    "   # an item of a list two levels deep (indent 2)
_BATCH = 1 << 16
_FLAT: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {}
_STRING = encode_basestring
_LIST_HEAD, _LIST_SEP, _LIST_END = "[\n" + _PAD + "    ", ",\n" + _PAD + "    ", "\n" + _PAD + "  ]"
