"""The next update a reply promised the customer: "within the hour", "by 3pm", "by end
of day", "tomorrow morning", "by Monday", "in 30 minutes".

The playbook says: do not promise a timeline you cannot keep. A promise is only read
where the sentence speaks of coming back to the customer (an update, getting back,
hearing from us, following up, …), so "the outage began at 3pm" promises nothing.
Clock times and weekdays are resolved by the maintained ``dateparser`` package (offline,
English only) relative to the reply, on the business-hours time zone's wall clock;
the phrases people use for the end of a day or a morning are the playbook's own:

- "end of day", "EOD", "close of business", "later today": today's closing time (the
  end of the day when the reply came after closing);
- "tomorrow morning", "first thing tomorrow": noon the next day;
- "tomorrow", "by Monday" (a day without a time): that day's closing time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

_COMING_BACK = re.compile(
    r"\b(update|updates|back to you|get back|come back|hear from (us|me)|follow[- ]up|following up|report back|"
    r"let you know|touch base|check in|call you|email you|send you|ping you|circle back|reach out|next status)\b",
    re.I,
)
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10,
            "fifteen": 15, "twenty": 20, "thirty": 30, "forty-five": 45, "forty five": 45, "a couple of": 2,
            "a few": 3, "couple of": 2}
_AMOUNT = r"(?P<n>\d+(?:\.\d+)?|" + "|".join(re.escape(k) for k in sorted(_NUMBERS, key=len, reverse=True)) + ")"
# The patterns below are compiled on first use (re caches them): most replies promise nothing,
# and start-up (`esc check FILE`) should not pay for them.
_WITHIN_THE_HOUR = r"\bwithin the (next )?hour\b"
_HALF_HOUR = r"\b(within|in) (the next )?(half an hour|30 min(ute)?s?)\b"
_WITHIN = rf"\b(within|in|inside of|in the next) (the next )?{_AMOUNT}\s*(?P<unit>minutes?|mins?|hours?|hrs?|h)\b"
_END_OF_DAY = (r"\b(end of (the )?(business |working )?day|eod|cob|close of business|later today|by tonight|"
               r"before we close)\b")
_TOMORROW_MORNING = r"\b(tomorrow morning|first thing tomorrow|tomorrow first thing|tomorrow a\.?m\.?)\b"
_CLOCK = r"(?:\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|\d{1,2}:\d{2}|noon|midday)"
_DAY = r"(?:today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri)"
_AT = (rf"\b(?:by|at|before|around|no later than|until)\s+(?P<expr>(?:{_DAY}\s+(?:at\s+|by\s+)?)?{_CLOCK}"
       rf"(?:\s+(?:{_DAY}))?)")
_ON_DAY = rf"\b(?:by|on|before|until|no later than)\s+(?P<day>{_DAY})\b(?:\s+(?:at\s+)?(?P<clock>{_CLOCK}))?"
_TOMORROW_AT = rf"\btomorrow\s+(?:at|by|around|before)\s+(?P<clock>{_CLOCK})"
_TOMORROW = r"\btomorrow\b"


@dataclass(frozen=True)
class Promise:
    due: datetime       # UTC
    words: str          # the phrase that promised it


def promised_update(text: str, at: datetime, zone: str, opens: time, closes: time) -> Promise | None:
    """The next update `text` (written at `at`) promised, or None when it promised none."""
    for sentence in re.split(r"(?<=[.!?;])\s+|\n", text):
        if not _COMING_BACK.search(sentence):
            continue
        found = _in_sentence(sentence, at, ZoneInfo(zone), opens, closes)
        if found is not None and found.due > at:
            return found
    return None


def _in_sentence(sentence: str, at: datetime, zone: ZoneInfo, opens: time, closes: time) -> Promise | None:
    local = at.astimezone(zone)
    for pattern, resolve in _rules():
        match = pattern.search(sentence)
        if match:
            due = resolve(match, at, local, zone, closes)
            if due is not None:
                return Promise(due.astimezone(timezone.utc), match.group(0).strip(" .,;"))
    return None


_RULES: list | None = None


def _rules() -> list:
    """The promise patterns, compiled on first use, in the order they are tried, each with
    how it resolves (match, reply time, its local time, zone, closing time) to a due time."""
    global _RULES
    if _RULES is None:
        _RULES = [(re.compile(pattern, re.I), resolve) for pattern, resolve in (
            (_WITHIN_THE_HOUR, lambda m, at, local, zone, closes: at + timedelta(hours=1)),
            (_HALF_HOUR, lambda m, at, local, zone, closes: at + timedelta(minutes=30)),
            (_WITHIN, lambda m, at, local, zone, closes: at + _span(m)),
            (_END_OF_DAY, lambda m, at, local, zone, closes: _end_of_day(local, closes)),
            (_TOMORROW_MORNING,
             lambda m, at, local, zone, closes: _wall(local.date() + timedelta(days=1), time(12, 0), zone)),
            (_ON_DAY, lambda m, at, local, zone, closes: _on_day(m["day"], m["clock"], local, closes)),
            (_TOMORROW_AT, lambda m, at, local, zone, closes: _on_day("tomorrow", m["clock"], local, closes)),
            (_AT, lambda m, at, local, zone, closes: _clock_time(m["expr"], local)),
            (_TOMORROW, lambda m, at, local, zone, closes: _on_day("tomorrow", None, local, closes)),
        )]
    return _RULES


def _span(match: re.Match[str]) -> timedelta:
    raw = match["n"].lower()
    amount = float(raw) if raw[0].isdigit() else _NUMBERS[raw]
    unit = match["unit"].lower()
    return timedelta(minutes=amount) if unit.startswith("m") else timedelta(hours=amount)


def _wall(day: date, wall: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, wall, tzinfo=zone)


def _end_of_day(local: datetime, closes: time) -> datetime:
    if local.time() < closes:
        return local.replace(hour=closes.hour, minute=closes.minute, second=0, microsecond=0)
    return local.replace(hour=23, minute=59, second=0, microsecond=0)


def _parse(expr: str, local: datetime) -> datetime | None:
    import dateparser   # imported on first use: most replies promise nothing

    settings = {"RELATIVE_BASE": local.replace(tzinfo=None), "PREFER_DATES_FROM": "future",
                "RETURN_AS_TIMEZONE_AWARE": False}
    parsed = dateparser.parse(expr.replace(".", ""), languages=["en"], settings=settings)
    return parsed.replace(tzinfo=local.tzinfo) if parsed is not None else None


def _clock_time(expr: str, local: datetime) -> datetime | None:
    """"3pm", "15:30", "tomorrow at 10am", "noon": the next such moment after the reply."""
    expr = re.sub(r"\b(noon|midday)\b", "12:00", expr, flags=re.I)
    parsed = _parse(expr, local)
    if parsed is None:
        return None
    if not re.search(_DAY, expr, re.I) and parsed <= local:   # "by 3pm" written at 4pm: tomorrow
        parsed += timedelta(days=1)
    return parsed


def _on_day(day: str, clock: str | None, local: datetime, closes: time) -> datetime | None:
    """"by Monday", "on Friday at 2pm", "tomorrow": that day's closing time unless a time is given."""
    if clock:
        return _clock_time(f"{day} {clock}", local)
    if day.lower() == "today":
        return _end_of_day(local, closes)
    parsed = _parse(day, local)
    if parsed is None:
        return None
    return _wall(parsed.date(), closes, local.tzinfo)  # type: ignore[arg-type]
