"""What the Post-Escalation Actions section records, read line by line: a post-mortem held,
and whether the team was thanked.

Both are lines a person writes (the section is prose); the only line the product writes
there is the "thank the team" reminder, appended once by ``esc resolve`` and never changed
afterwards (a person ticks it):

    - Post-mortem: 2026-12-03 — https://wiki.example.com/pm/integration-sync   (held on that day)
    - [ ] Thank the team: recognise the people who dropped everything to fix it
    - [x] Thank the team: …   (or any line saying the team was thanked, e.g. "Thanked the team in #eng")

A post-mortem counts when a line of the section starts with "Post-mortem" (or "Postmortem",
"Post mortem", "Retrospective"), carries its date (YYYY-MM-DD, not after now: a date ahead
is one scheduled, not held) and is not an unticked checkbox (``- [ ] Post-mortem …`` is a to-do).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from .model import POST_ACTIONS, Document

THANK_REMINDER = "- [ ] Thank the team: recognise the people who dropped everything to fix it"

_BULLET = r"^\s*(?:[-*+]\s+)?(?P<box>\[(?P<mark>[ xX])\]\s+)?"
_POST_MORTEM = re.compile(_BULLET + r"(?:\*\*)?(?:post[- ]?mortem|retrospective)s?\b(?P<rest>.*)$", re.I)
_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_THANK = re.compile(_BULLET + r"(?P<rest>.*\bthank(?:s|ed|ing)?\b.*)$", re.I)
_WHO = re.compile(r"\b(team|everyone|people|engineers?|all)\b", re.I)


def _lines(doc: Document) -> list[tuple[int, str]]:
    """(1-based line, text) of the section's body."""
    section = doc.sections.get(POST_ACTIONS)
    if section is None:
        return []
    return [(i + 1, doc.lines[i].rstrip("\r\n")) for i in range(section.body_start, min(section.body_end, len(doc.lines)))]


def post_mortem_dates(doc: Document) -> tuple[date, ...]:
    """Every date of a post-mortem line of the section (see the module docstring), in order."""
    section = doc.sections.get(POST_ACTIONS)   # its text: the lean read (tracking.lean) keeps this one
    found = set()
    for text in (section.text if section else "").splitlines():
        match = _POST_MORTEM.match(text)
        if not match or match["mark"] == " ":
            continue
        for year, month, day in _DATE.findall(match["rest"]):
            try:
                found.add(date(int(year), int(month), int(day)))
            except ValueError:
                continue
    return tuple(sorted(found))


def post_mortem_date(doc: Document, now: datetime) -> date | None:
    """The latest post-mortem the section records as held by `now`."""
    return max((d for d in post_mortem_dates(doc) if d <= now.date()), default=None)


def thank_lines(doc: Document) -> list[tuple[int, bool]]:
    """(line, done) of every line about thanking the team; an unticked box is not done."""
    return [(number, _THANK.match(text)["mark"] != " ") for number, text in _lines(doc) if is_thank_line(text)]


def is_thank_line(text: str) -> bool:
    """A line about thanking the team (ticked or not)."""
    match = _THANK.match(text)
    return bool(match and _WHO.search(match["rest"]))


def with_thank_reminder(doc: Document) -> Document:
    """The document with the reminder appended to Post-Escalation Actions, unless the section
    already says anything about thanking the team (or is missing: nothing is invented)."""
    from .edit import append_line   # the editor (and YAML) only when a document is written

    if POST_ACTIONS not in doc.sections or thank_lines(doc):
        return doc
    return append_line(doc, POST_ACTIONS, THANK_REMINDER)
