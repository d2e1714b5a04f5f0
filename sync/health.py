"""The weekly health-score drop without a custom "prior week" field.

Two sources of past scores, used together:

- Salesforce field history (AccountHistory), when the org tracks the health field: every
  change with its old and new value;
- the sync's own record, kept in the sync state (committed with the documents): each
  account's score whenever a run saw it change, pruned to the last week plus the value
  the week started with.

The score "a week ago" is the highest score the account held at any moment of the last
seven days (a fall from 78 to 41 on Tuesday counts on Friday); None when nothing is known.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from typing import Iterable, Mapping

from escalation_desk.connectors.records import Account, id15
from escalation_desk.playbook.timefmt import iso, parse_iso

WEEK = timedelta(days=7)

Record = list[tuple[str, float]]                                     # (ISO time, score), oldest first
Changes = list[tuple[datetime, float | None, float | None]]          # (when, old, new), oldest first


def _week_values(points: Iterable[tuple[datetime, float]], start: datetime) -> list[float]:
    """Scores held during [start, now]: those set within it, and the one in force at its start."""
    points = sorted(points)
    before = [score for moment, score in points if moment < start]
    return ([before[-1]] if before else []) + [score for moment, score in points if moment >= start]


def _from_history(changes: Changes, start: datetime) -> list[float]:
    points: list[tuple[datetime, float]] = []
    for moment, old, new in sorted(changes, key=lambda c: c[0]):
        if old is not None and moment >= start:
            points.append((moment - timedelta(microseconds=1), old))
        if new is not None:
            points.append((moment, new))
    return _week_values(points, start)


def prior_week(current: float | None, record: Record, changes: Changes, now: datetime) -> float | None:
    start = now - WEEK
    own = [(parse_iso(moment), score) for moment, score in record]
    values = _week_values(own, start) + _from_history(changes, start)
    values = [v for v in values if v is not None]
    if current is None or not values:
        return None
    return max(values)


def with_prior_week(accounts: Mapping[str, Account], records: Mapping[str, Record],
                    history: Mapping[str, Changes], now: datetime) -> dict[str, Account]:
    """The accounts with ``health_score_prior_week`` filled in where the past is known
    (a value a configured prior-week field already gave is kept)."""
    out = {}
    for key, account in accounts.items():
        if account.health_score_prior_week is None:
            prior = prior_week(account.health_score, records.get(id15(account.id), []),
                               history.get(id15(account.id), []), now)
            account = dataclasses.replace(account, health_score_prior_week=prior)
        out[key] = account
    return out


def remember(records: Mapping[str, Record], accounts: Iterable[Account], now: datetime) -> dict[str, Record]:
    """The record after this run: a new point when an account's score changed (or was not
    known), pruned to the week plus the point in force at its start."""
    start = now - WEEK
    out = {k: list(v) for k, v in records.items()}
    for account in accounts:
        if account.health_score is None:
            continue
        points = out.setdefault(id15(account.id), [])
        if not points or points[-1][1] != account.health_score:
            points.append((iso(now), float(account.health_score)))
    for key, points in list(out.items()):
        earlier = [p for p in points if parse_iso(p[0]) < start]
        kept = earlier[-1:] + [p for p in points if parse_iso(p[0]) >= start]
        if kept:
            out[key] = kept
        else:
            del out[key]
    return out
