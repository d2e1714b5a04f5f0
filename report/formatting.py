"""How report numbers read to a person, shared by the Markdown dashboard and the HTML page."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from escalation_desk.playbook.durations import format_duration

from .model import Rate
from escalation_desk.playbook.timefmt import parse_iso, utc_text

NONE = "—"
SEVERITY_COLOURS = {"SEV-1": "#b42318", "SEV-2": "#dd6b20", "SEV-3": "#b7791f", "SEV-4": "#6b7785"}
OPENED_COLOUR, RESOLVED_COLOUR = "#2f6fdf", "#1b8a5a"


def duration(minutes: float | None) -> str:
    if minutes is None:
        return NONE
    return format_duration(timedelta(minutes=minutes))


def percent(value: float | None) -> str:
    if value is None:
        return NONE
    return f"{value:.0f}%" if float(value).is_integer() else f"{value:.1f}%"


def rate(value: Rate) -> str:
    """``93.3% (14 of 15)``, with what could not be judged said beside it."""
    if value.decided:
        text = f"{percent(value.percent)} ({value.met} of {value.decided})"
    else:
        text = NONE
    extra = [f"{n} {word}" for n, word in ((value.pending, "not due yet"), (value.unknown, "unknown")) if n]
    return f"{text} · {', '.join(extra)}" if extra else text


def money(amount: float | None) -> str:
    return NONE if amount is None else f"${amount:,.0f}"


def when(moment: datetime | None) -> str:
    return NONE if moment is None else utc_text(moment)


def day(value: date) -> str:
    return value.strftime("%b %d")


def late(minutes: int) -> str:
    return duration(minutes)


def due_in(text: str | None, now: datetime) -> str:
    """``2026-11-26 15:05 UTC (in 1 h 5 min)`` or ``… (overdue 55 min)`` for an index deadline."""
    if not text:
        return NONE
    due = parse_iso(text)
    gap = format_duration(abs(due - now))
    return f"{when(due)} ({'overdue ' + gap if due < now else 'in ' + gap})"
