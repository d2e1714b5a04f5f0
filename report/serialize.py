"""The report as JSON (``esc report --format json``): stable keys, ISO times, derived rates included."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from typing import Iterator

from . import jsontext
from .model import Funnel, Rate, Report
from .records import OpenEscalation
from escalation_desk.playbook.timefmt import iso


def _plain(value: object) -> object:
    if isinstance(value, OpenEscalation):
        return _plain(value.record())
    if isinstance(value, Rate):
        return {"met": value.met, "missed": value.missed, "pending": value.pending, "unknown": value.unknown,
                "percent": _plain(value.percent)}
    if isinstance(value, Funnel):
        fields = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {**fields, "advocacy_percent": _plain(value.advocacy_percent)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
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
                text = element.text if isinstance(element, OpenEscalation) else _text(_plain(element))
                yield ("\n" if at == 0 else ",\n") + _PAD + text.replace("\n", "\n" + _PAD)
            yield "\n  ]"
        else:
            plain = _plain(value)
            if item.name == "window":
                plain["days"] = report.window.days
            yield _text(plain).replace("\n", "\n  ")
    yield "\n}"


def _text(plain: object) -> str:
    return jsontext.dumps(plain)   # json.dumps(plain, indent=2, ensure_ascii=False), faster


_PAD = "    "   # an item of a list two levels deep (indent 2)
_BATCH = 1 << 16
