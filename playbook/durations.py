"""Durations as people write them in the configuration: ``15m``, ``4h``, ``1d``, ``1w``.

Kept tiny on purpose: the playbook only ever speaks in minutes, hours, days and
weeks, and a config author should be able to read every value at a glance.
"""

from __future__ import annotations

import re
from datetime import timedelta

_UNITS = {"s": 1 / 60, "m": 1, "min": 1, "h": 60, "d": 24 * 60, "w": 7 * 24 * 60}
_PATTERN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(min|m|s|h|d|w)\s*$")


def parse_duration(text: str) -> timedelta:
    """``"4h"`` → 4 hours (``s`` for the sync's network timeouts). Raises ValueError with the accepted forms."""
    match = _PATTERN.match(str(text))
    if not match:
        raise ValueError(f"{text!r} is not a duration; write a number and a unit, e.g. 15m, 4h, 1d, 1w")
    amount, unit = float(match.group(1)), match.group(2)
    minutes = amount * _UNITS[unit]
    if minutes > MAX_MINUTES:   # past this, adding it to a date overflows the calendar
        raise ValueError(f"{text!r} is too long a duration; the most is 100 years (36500d)")
    return timedelta(minutes=minutes)


MAX_MINUTES = 36500 * 24 * 60


def format_duration(delta: timedelta) -> str:
    """A short human form: ``2 h 15 min``, ``3 d 4 h``, ``45 min``."""
    minutes = int(abs(delta.total_seconds()) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} d")
    if hours:
        parts.append(f"{hours} h")
    if mins and not days:
        parts.append(f"{mins} min")
    return " ".join(parts) or "0 min"
