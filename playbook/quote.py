"""Quoting the customer: their words without the letter around them.

A ticket description or reply opens with a salutation ("Hi team,", "Dear Dana,", "Hello,",
"Morgan," on a line of its own) and may close with a sign-off and a signature ("Kind regards,
Ruth Abernathy, Privacy Officer"). The executive brief quotes what they said, not how
they addressed us: :func:`customer_words` drops both, and nothing else.
"""

from __future__ import annotations

import re

_GREETING = r"(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening)|to whom it may concern)"
# A whole first line that only greets: "Hello," "Hi team," "Dear Ms. Kim," "Hi all!"
_GREETING_LINE = re.compile(rf"^\s*{_GREETING}\b[^.?\n]{{0,40}}[,!:]\s*$", re.IGNORECASE)
# ...or only names us: "Morgan," "Dana Whitfield,"
_NAME_ONLY = re.compile(r"^\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}\s*,\s*$")
# A greeting that starts the first sentence: "Hi team, our sync stopped…"
_GREETING_LEAD = re.compile(rf"^\s*{_GREETING}\b[^,!.?\n]{{0,40}}[,!]\s+", re.IGNORECASE)
_SIGN_OFF = re.compile(r"^\s*(?:(?:kind|best|warm|many)\s+)?(?:regards|thanks|thank you|cheers|sincerely|best|"
                       r"all the best|yours(?: truly| sincerely)?)\s*[,.!]?\s*$", re.IGNORECASE)


def customer_words(text: str) -> str:
    """The text without its opening salutation and its closing sign-off and signature."""
    lines = text.strip().splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and _is_greeting_line(lines[0]):
        lines.pop(0)
    elif lines:
        lines[0] = _GREETING_LEAD.sub("", lines[0], count=1)
        lines[0] = lines[0][:1].upper() + lines[0][1:]
    for index in range(len(lines) - 1, max(-1, len(lines) - 6), -1):
        if _SIGN_OFF.match(lines[index]):
            del lines[index:]   # the sign-off and the signature under it
            break
    return "\n".join(lines).strip()


def _is_greeting_line(line: str) -> bool:
    return bool(_GREETING_LINE.match(line) or _NAME_ONLY.match(line))
