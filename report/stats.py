"""Median and 90th percentile, defined so a person can check them by hand.

- median: the middle value of the sorted sample, or the mean of the two middle values;
- p90: nearest rank — the value at position ceil(0.9 × n) of the sorted sample (1-based),
  always one of the observed values (with 10 samples, the 9th smallest).
"""

from __future__ import annotations

import math
import statistics
from datetime import timedelta
from typing import Iterable

from .model import Durations


def minutes(delta: timedelta) -> float:
    return round(delta.total_seconds() / 60, 2)


def median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def p90(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def summarise(deltas: Iterable[timedelta]) -> Durations:
    values = sorted(minutes(d) for d in deltas)
    return Durations(count=len(values), median_minutes=median(values), p90_minutes=p90(values))
