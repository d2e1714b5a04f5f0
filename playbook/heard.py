"""The HEARD framework's "never say" phrases and blame wording, with the playbook's better words.

Checked on what we wrote to the customer (Customer Communication Log entries) when
they are new — as ``esc log … comm`` writes one, in a pull request's check (``esc check
--base``), and as the sync imports an agent's public reply (its summary and commit
message) — so an old entry is never raised again. Each is a warning (``lints.as_errors`` can make it an error,
``lints.off`` silence it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Wording:
    code: str            # the lint code
    pattern: re.Pattern[str]
    said: str            # what the phrase is
    better: str          # the playbook's wording instead


def _w(code: str, pattern: str, said: str, better: str) -> Wording:
    return Wording(code, re.compile(pattern, re.I), said, better)


NEVER_SAY: tuple[Wording, ...] = (
    _w("heard-never-say", r"\bcalm down\b", "“calm down”",
       "acknowledge the emotion and move to resolution: “I understand this has been incredibly frustrating, "
       "and I appreciate you taking the time to explain the full impact.”"),
    _w("heard-never-say", r"\bI understand how you feel\b", "“I understand how you feel”",
       "“If I were in your position, I would feel the same way.”"),
    _w("heard-never-say", r"\b(I'?m|I am|we'?re|we are) sorry (that )?you feel (that way|this way)\b",
       "“I'm sorry you feel that way” (a non-apology)",
       "apologize for the specific impact: “I'm sorry that the integration failure caused your team to miss the "
       "deadline. That should not have happened.”"),
    _w("heard-never-say", r"\b(we'?ll|we will|I'?ll|I will) look into (it|this)( and get back to you)?\b",
       "“we'll look into it and get back to you” (vague, dismissive)",
       "a plan with names, dates and a cadence: “Here's what we are going to do: [Step 1] by [date]. I will "
       "personally own this and update you every [cadence].”"),
    _w("heard-never-say", r"\b(that'?s|that is) not my (department|team|job|area)\b", "“that's not my department”",
       "own the problem completely: the person receiving the escalation owns it until it is resolved"),
    _w("heard-never-say", r"\bI'?ll need to check with someone\b", "“I'll need to check with someone”",
       "own it: say what you will do and by when"),
    _w("heard-blame", r"\b(your|the customer'?s?) (team|admin|administrator|users?|staff|configuration|setup|mistake|error)"
                      r"\b[^.]{0,40}\b(caused|broke|misconfigured|did not|didn'?t|failed to)\b",
       "blame on the customer", "no blame during an escalation: focus entirely on resolution; root cause belongs in the post-mortem"),
    _w("heard-blame", r"\b(our|the) (engineering|dev|development|product|ops|support|billing) team"
                      r"\b[^.]{0,30}\b(messed up|screwed up|dropped the ball|caused|broke|is to blame|'?s fault)",
       "blame on a team", "no blame during an escalation, not to a team nor a person: focus on the fix"),
    _w("heard-blame", r"\b(it'?s|it is|that'?s|that is|was) (not )?(our|your|their|his|her) fault\b",
       "talk of fault", "no blame during an escalation: say what happens next"),
)


def wording_findings(text: str) -> list[Wording]:
    """Every never-say phrase and blame wording in one message (one per code and phrase)."""
    return [w for w in NEVER_SAY if w.pattern.search(text)]
