"""An update cadence agreed with the customer, as people write it.

``daily``, ``hourly``, ``twice daily``, ``weekly``, ``twice weekly``, ``every 2h``,
``every 3 days``, ``4h``, ``every 4 business hours``. A cadence in business hours (or
business days) runs on the business-hours clock; every other one on the calendar.
The same parser reads the document's ``cadence:`` key, a ``#esc cadence`` note and a
``/esc cadence`` comment, so all three accept the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from escalation_desk.playbook.durations import parse_duration

_WORDS = {
    "hourly": timedelta(hours=1), "twice daily": timedelta(hours=12), "daily": timedelta(days=1),
    "every day": timedelta(days=1), "twice weekly": timedelta(days=3.5), "weekly": timedelta(days=7),
    "every week": timedelta(days=7),
}
_UNITS = {"minute": "m", "minutes": "m", "min": "m", "mins": "m", "hour": "h", "hours": "h", "day": "d",
          "days": "d", "week": "w", "weeks": "w"}
_SPELLED = re.compile(r"^(?:every\s+)?(?P<n>\d+(?:\.\d+)?)?\s*(?P<business>business\s+)?(?P<unit>[a-z]+)$")
FORMS = "daily, hourly, twice weekly, every 2h, every 3 days or every 4 business hours"


@dataclass(frozen=True)
class Cadence:
    text: str
    every: timedelta
    clock: str          # "calendar" or "business"


def parse_cadence(text: str) -> Cadence:
    """The cadence `text` names; ValueError saying the accepted forms otherwise."""
    words = " ".join(str(text).lower().split())
    if words in _WORDS:
        return Cadence(str(text).strip(), _WORDS[words], "calendar")
    spelled = _SPELLED.match(words)
    if spelled and spelled["unit"] in _UNITS:
        amount, unit = spelled["n"] or "1", _UNITS[spelled["unit"]]
        if spelled["business"] and unit == "d":   # business days are working days (``bd``), not 24 h blocks
            unit = "bd"
        every = parse_duration(f"{amount}{unit}", working_days=True)
        return _checked(Cadence(str(text).strip(), every, "business" if spelled["business"] else "calendar"))
    try:
        return _checked(Cadence(str(text).strip(), parse_duration(words.removeprefix("every ").strip()), "calendar"))
    except ValueError:
        raise ValueError(f"{str(text).strip()!r} is not a cadence; write e.g. {FORMS}") from None


def _checked(cadence: Cadence) -> Cadence:
    if cadence.every < timedelta(minutes=15):
        raise ValueError(f"{cadence.text!r} is shorter than 15 minutes; a cadence is how often to update the customer")
    return cadence
