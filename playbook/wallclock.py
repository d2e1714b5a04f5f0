"""Local wall-clock times to instants, with one rule for the two days a year a wall clock
repeats or skips (no imports beyond the standard library: the `#esc` note parser uses it too)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo


def first_instant_at(day: date, wall: time, zone: tzinfo) -> datetime:
    """The first instant (UTC) at which the local wall clock of `day` in `zone` reads `wall`
    or later: a repeated time (fall back) is its first occurrence, a time that does not
    exist (the spring-forward gap) is the first minute that does (02:30 → 03:00). The one
    rule for every wall-clock time the product reads (business hours, `#esc target`)."""
    local = datetime.combine(day, wall, tzinfo=zone)     # fold=0: the first of a repeated time
    instant = local.astimezone(timezone.utc)
    if instant.astimezone(zone).replace(tzinfo=None) == local.replace(tzinfo=None):
        return instant
    # `wall` falls in a spring-forward gap: find the transition, the first minute that exists.
    low = local.replace(fold=1).astimezone(timezone.utc)      # the new offset: before the jump
    high = instant                                            # the old offset: after it
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).replace(tzinfo=None) >= local.replace(tzinfo=None):
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0)
