"""The `#esc …` / `/esc …` vocabulary: what people record from Zendesk and GitHub.

One command per note or comment, on its first line (Zendesk internal notes start with
``#esc``, GitHub comments with ``/esc``; the words after are the same):

    notified Priya Raman, CS Director           → Internal Stakeholders Notified
    step Restore the sync — Owner: Lee Park — Due: 2026-11-28   → Resolution Plan (next step number)
    target 2026-11-29 17:00                     → target_resolution (business-hours time zone unless UTC / +hh:mm)
    sponsor Rachel Kim                          → exec_sponsor, sponsor_engaged_at (the note's time)
    cadence daily (agreed with the customer)    → cadence, cadence_agreed_by, cadence_reason
    snooze 2h customer asked for a call at 3    → snoozed_until, snooze_reason (what is due waits until then)

Each applied command also leaves a Timeline line saying who recorded what, and where.
Pure: parsing gives a :class:`Command` or a :class:`CommandError` whose message says what
was wrong and how to write it; :func:`apply_command` edits a document (line splices).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from escalation_desk.playbook.durations import parse_duration
from escalation_desk.playbook.wallclock import first_instant_at

from .cadence import parse_cadence
from .edit import add_entry, set_fields
from .entries import clean_inline, plan_line, stakeholder_line, timeline_line
from .model import PLAN, STAKEHOLDERS, TIMELINE, YEARS, Document

VERBS = ("notified", "step", "target", "sponsor", "cadence", "snooze")
USAGE = {
    "notified": "notified Name, Role",
    "step": "step Action — Owner: Name — Due: YYYY-MM-DD",
    "target": "target YYYY-MM-DD HH:MM",
    "sponsor": "sponsor Name",
    "cadence": "cadence daily (why)",
    "snooze": "snooze 2h reason",
}
_STEP = re.compile(r"^(?P<action>\S.*?)\s+[—–-]\s+Owner:\s*(?P<owner>\S.*?)\s+[—–-]\s+Due:\s*(?P<due>\S+)\s*$")
_TARGET = re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2})(?:[ T](?P<hm>\d{2}:\d{2}))?\s*(?P<zone>UTC|Z|[+-]\d{2}:?\d{2})?$")
_CADENCE = re.compile(r"^(?P<every>[^()]+?)\s*(?:\((?P<why>[^()]*)\))?$")
_SNOOZE = re.compile(r"^(?P<span>\d+(?:\.\d+)?\s*(?:m|min|h|d|w))\s+(?P<why>\S.*)$")


class CommandError(ValueError):
    """A command that cannot be read; the message says what was wrong and how to write it."""


@dataclass(frozen=True)
class Command:
    verb: str
    text: str                       # as written after the verb (one line)
    values: tuple                   # the parsed arguments, by verb


def command_line(body: str, prefix: str) -> str | None:
    """The command a note or comment carries (after `prefix`, "#esc" or "/esc"), or None."""
    first = next((line.strip() for line in str(body).splitlines() if line.strip()), "")
    if first == prefix or first.lower().startswith(prefix + " "):
        return first[len(prefix):].strip()
    return None


MIN_SNOOZE = timedelta(minutes=15)


def parse_command(words: str, zone: str = "UTC", written_at: datetime | None = None) -> Command:
    """The command in `words`; `written_at` (when the note or comment was written) refuses a
    target already past then — a typo that would make every clock of the document late."""
    verb, _, rest = words.strip().partition(" ")
    verb, rest = verb.lower(), " ".join(rest.split())
    if verb not in VERBS:
        raise CommandError((f"unknown command {verb!r}" if verb else "no command after the prefix")
                           + "; the commands are " + ", ".join(USAGE.values()))
    if not rest:
        raise CommandError(f"'{verb}' needs more: write it as {USAGE[verb]}")
    try:
        values = _PARSERS[verb](rest, zone)
    except CommandError:
        raise
    except ValueError as exc:
        raise CommandError(f"{exc}; write it as {USAGE[verb]}") from None
    if verb == "target" and written_at is not None and values[0] <= written_at:
        raise CommandError(f"the target {values[0]:%Y-%m-%d %H:%M} UTC is not after the time this was written "
                           f"({written_at:%Y-%m-%d %H:%M} UTC); a typo? write it as {USAGE[verb]}")
    return Command(verb, rest, values)


def _notified(rest: str, zone: str) -> tuple:
    name, _, role = rest.partition(",")
    if not name.strip() or not role.strip():
        raise ValueError("name and role are separated by a comma")
    return clean_inline(name, 80), clean_inline(role.strip().rstrip(","), 80)


def _step(rest: str, zone: str) -> tuple:
    match = _STEP.match(rest)
    if not match:
        raise ValueError("a step has an action, an owner and a due date")
    due_text = match["due"]
    due = None if due_text.upper() == "TBD" else _day(due_text)
    return match["action"], match["owner"], due


def _day(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD)") from None
    if day.year not in YEARS:   # esc check refuses it, and the UTC conversion could overflow
        raise ValueError(f"year {day.year} is out of range ({YEARS[0]}–{YEARS[-1]}); a typo?")
    return day


def _target(rest: str, zone: str) -> tuple:
    match = _TARGET.match(rest)
    if not match:
        raise ValueError(f"{rest!r} is not a date and time")
    day = _day(match["day"])
    clock = time.fromisoformat(match["hm"]) if match["hm"] else time(17, 0)
    written = match["zone"]
    if written in (None, ""):
        tz = ZoneInfo(zone)
    elif written in ("UTC", "Z"):
        tz = timezone.utc
    else:
        digits = written[1:].replace(":", "")
        tz = timezone((1 if written[0] == "+" else -1) * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    due = first_instant_at(day, clock, tz)   # a time in the spring-forward gap: the first minute that exists
    if due.year not in YEARS:   # 2999-12-31 evening west of UTC is already year 3000
        raise ValueError(f"year {due.year} in UTC is out of range ({YEARS[0]}–{YEARS[-1]}); a typo?")
    return (due,)


def _sponsor(rest: str, zone: str) -> tuple:
    return (clean_inline(rest, 80),)


def _cadence(rest: str, zone: str) -> tuple:
    match = _CADENCE.match(rest)
    if not match:
        raise ValueError("write the reason in one pair of brackets")
    cadence = parse_cadence(match["every"])
    return cadence.text, clean_inline(match["why"], 160) if match["why"] and match["why"].strip() else None


def _snooze(rest: str, zone: str) -> tuple:
    match = _SNOOZE.match(rest)
    if not match:
        raise ValueError("a snooze needs how long and why")
    span = parse_duration(match["span"].replace(" ", ""))
    if span < MIN_SNOOZE:
        raise ValueError(f"a snooze lasts at least {MIN_SNOOZE.seconds // 60} minutes")
    if span > timedelta(days=7):
        raise ValueError("a snooze lasts at most 7 days; agree a new target or cadence instead")
    return span, clean_inline(match["why"], 160)


_PARSERS = {"notified": _notified, "step": _step, "target": _target, "sponsor": _sponsor, "cadence": _cadence,
            "snooze": _snooze}


def apply_command(doc: Document, command: Command, who: str, at: datetime, where: str, marker: str) -> Document:
    """The document with the command's entries and fields, and a Timeline line saying
    who recorded it where (`where`: "Zendesk #48213", "GitHub #12"). `marker` is the
    source's ("zd:comment:9911"): the effect line carries it with ":esc" appended."""
    effect = f"{marker}:esc"
    values = command.values
    if command.verb == "notified":
        doc = add_entry(doc, STAKEHOLDERS, stakeholder_line(values[0], values[1], at, effect,
                                                            note=f"recorded by {who} in {where}"), at=at)
    elif command.verb == "step":
        number = max((s.number for s in doc.plan), default=0) + 1
        doc = add_entry(doc, PLAN, plan_line(number, values[0], values[1], values[2], effect))
    elif command.verb == "target":
        doc = set_fields(doc, {"target_resolution": values[0]})
    elif command.verb == "sponsor":
        doc = set_fields(doc, {"exec_sponsor": values[0], "sponsor_engaged_at": at})
    elif command.verb == "cadence":
        doc = set_fields(doc, {"cadence": values[0], "cadence_agreed_by": who, "cadence_reason": values[1]})
    elif command.verb == "snooze":
        doc = set_fields(doc, {"snoozed_until": at + values[0], "snooze_reason": values[1]})
    summary = f"{who} in {where}: {command.verb} {command.text}"
    return add_entry(doc, TIMELINE, timeline_line(at, summary, marker), at=at)
