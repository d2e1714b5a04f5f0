"""The report window (``--since``) and the weeks it is cut into for the charts."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from escalation_desk.playbook.durations import parse_duration
from escalation_desk.errors import DeskError

from .model import Window

DEFAULT_DAYS = 90


def window_since(since: str | None, now: datetime) -> Window:
    """``--since``: a span back from now (``90d``, ``12w``), a date (``2026-09-01``) or an ISO time."""
    text = (since or f"{DEFAULT_DAYS}d").strip()
    try:
        start = now - parse_duration(text)
    except ValueError:
        start = _moment(text)
    except OverflowError:
        raise DeskError(f"--since {text} reaches back before the year 1", hint="pick a shorter span") from None
    if start > now:
        raise DeskError(f"--since {text} is after --now ({now:%Y-%m-%d %H:%M} UTC)", hint="pick an earlier start")
    return Window(start=start, end=now)


def _moment(text: str) -> datetime:
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time(0), tzinfo=timezone.utc)
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise DeskError(f"--since {text!r} is neither a span (90d, 12w) nor a date (2026-09-01) "
                        "nor an ISO time") from None
    if parsed.tzinfo is None:
        raise DeskError(f"--since {text!r} has no time zone; add Z or an offset such as +01:00")
    return parsed.astimezone(timezone.utc)


def week_of(moment: datetime) -> date:
    """The Monday (UTC) of the week a moment falls in."""
    day = moment.astimezone(timezone.utc).date()
    return day - timedelta(days=day.weekday())


def weeks(window: Window) -> list[date]:
    """Every week (by its Monday) that the window touches, oldest first."""
    first, last = week_of(window.start), week_of(window.end)
    count = (last - first).days // 7 + 1
    return [first + timedelta(weeks=n) for n in range(count)]
