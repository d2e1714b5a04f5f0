"""The report as JSON (``esc report --format json``): stable keys, ISO times, derived rates included."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime

from .model import Funnel, Rate, Report
from escalation_desk.playbook.timefmt import iso


def _plain(value: object) -> object:
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
    return json.dumps(as_dict(report), indent=2, ensure_ascii=False) + "\n"
