"""Durations as people write them in the configuration: ``15m``, ``4h``, ``1d``, ``1w``, ``1bd``.

Kept tiny on purpose: the playbook only ever speaks in minutes, hours, days and
weeks, and a config author should be able to read every value at a glance.

``bd`` (business days) is the one unit that is not a fixed length: ``2bd`` means "the
same wall-clock time two working days later" on the business clock (see
:meth:`escalation_desk.playbook.businesshours.BusinessClock.add`). Everywhere else a
duration is exact: on the business clock ``24h`` is 24 *business* hours (three
8-hour working days), never silently a number of working days.
"""

from __future__ import annotations

import re
from datetime import timedelta

_UNITS = {"s": 1 / 60, "m": 1, "min": 1, "h": 60, "d": 24 * 60, "w": 7 * 24 * 60}
_PATTERN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(min|m|s|h|bd|d|w)\s*$")


class WorkingDays(timedelta):
    """``N bd``: N working days on the business clock. Its timedelta value is N nominal
    days (for sorting and display only); clocks look at :attr:`count`."""

    count: int

    def __new__(cls, count: int) -> "WorkingDays":
        made = super().__new__(cls, days=count)
        made.count = count
        return made

    def __reduce__(self):   # pickled into check's worker processes
        return (WorkingDays, (self.count,))


def parse_duration(text: str, working_days: bool = False) -> timedelta:
    """``"4h"`` → 4 hours (``s`` for the sync's network timeouts; ``bd`` where `working_days`).
    Raises ValueError with the accepted forms."""
    match = _PATTERN.match(str(text))
    if not match:
        raise ValueError(f"{text!r} is not a duration; write a number and a unit, e.g. 15m, 4h, 1d, 1w"
                         + (", 1bd" if working_days else ""))
    amount, unit = float(match.group(1)), match.group(2)
    if unit == "bd":
        if not working_days:
            raise ValueError(f"{text!r}: business days (bd) are only for a business-clock cadence "
                             "(severities.*.update_every with update_clock = \"business\"); write hours here")
        if not amount.is_integer() or not 1 <= amount <= 3660:
            raise ValueError(f"{text!r}: write a whole number of business days from 1 to 3660, e.g. 1bd")
        return WorkingDays(int(amount))
    minutes = amount * _UNITS[unit]
    if minutes > MAX_MINUTES:   # past this, adding it to a date overflows the calendar
        raise ValueError(f"{text!r} is too long a duration; the most is 100 years (36500d)")
    return timedelta(minutes=minutes)


MAX_MINUTES = 36500 * 24 * 60


def format_duration(delta: timedelta) -> str:
    """A short human form: ``2 h 15 min``, ``3 d 4 h``, ``45 min``, ``1 business day``."""
    if isinstance(delta, WorkingDays):
        return f"{delta.count} business day" + ("s" if delta.count != 1 else "")
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
