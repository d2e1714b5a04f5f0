"""The playbook's entry-line shapes: reading them (any dash) and writing them (always —).

    Timeline:      - 2026-11-20 14:05 UTC — Ticket #48213 opened via email
    Communication: - 2026-11-20 14:40 UTC: email — Acknowledged, engineers assigned
    Plan step:     - Step 1: Restore the sync job — Owner: Lee Park — Due: 2026-11-21
    Stakeholder:   - Priya Raman, CS Director, 2026-11-20 15:10 UTC [— how, e.g. notified via Slack by …]
    Recovery:      - [ ] Week 1: Immediate stabilization — Due: 2026-11-28

Any line may end with the sync's invisible source marker ``<!-- zd:comment:9911 -->``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from escalation_desk.playbook.text import single_line
from escalation_desk.playbook.timefmt import utc_text

from .model import (
    COMMS, PLAN, RECOVERY, STAKEHOLDERS, TIMELINE, YEARS,
    CommEntry, Entry, PlanStep, RecoveryItem, StakeholderEntry, TimelineEntry,
)

DASH = r"\s+[—–-]\s+"
_TS = r"(?P<ts>\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?)(?:\s*(?P<tz>UTC|GMT|Z|[+-]\d{2}:?\d{2}))?"
_MARKER = re.compile(r"\s*<!--\s*(?P<marker>[a-z]+:[A-Za-z0-9_.:/-]+)\s*-->\s*$")

_TIMELINE = re.compile(rf"^-\s+{_TS}(?:{DASH}|:\s+)(?P<text>\S.*)$")
_COMM = re.compile(rf"^-\s+{_TS}:\s+(?P<channel>[A-Za-z][\w /&+.-]*?){DASH}(?P<summary>\S.*)$")
_PLAN = re.compile(
    rf"^-\s+(?:\[(?P<done>[ xX])\]\s+)?Step\s+(?P<num>\d+):\s+(?P<action>\S.*?){DASH}"
    rf"Owner:\s*(?P<owner>\S.*?){DASH}Due:\s*(?P<due>\S.*?)\s*$"
)
_STAKEHOLDER = re.compile(r"^-\s+(?P<name>[^,]+?),\s+(?P<role>[^,]+?),\s+(?P<when>\d{4}-\d{2}-\d{2}.*?)\s*$")
# The time (or date) of a stakeholder entry, then optionally "— how": "— notified via Slack by …"
_STAKEHOLDER_WHEN = re.compile(rf"^(?P<when>\d{{4}}-\d{{2}}-\d{{2}}(?:[ T]\d{{2}}:\d{{2}}(?::\d{{2}})?)?"
                               rf"(?:\s*(?:UTC|GMT|Z|[+-]\d{{2}}:?\d{{2}}))?)(?:{DASH}(?P<note>\S.*))?$")
_RECOVERY = re.compile(rf"^-\s+\[(?P<done>[ xX])\]\s+(?P<name>\S.*?){DASH}Due:\s*(?P<due>\d{{4}}-\d{{2}}-\d{{2}})\s*$")

SHAPES = {
    TIMELINE: "- 2026-11-20 14:05 UTC — what happened",
    COMMS: "- 2026-11-20 14:40 UTC: email — what was said",
    PLAN: "- Step 1: action — Owner: Name — Due: 2026-11-21",
    STAKEHOLDERS: "- Name, Role, 2026-11-20 15:10 UTC",
    RECOVERY: "- [ ] Week 1: Immediate stabilization — Due: 2026-11-28",
}
ENTRY_SECTIONS = frozenset(SHAPES)


class EntryError(ValueError):
    """A bullet in an entry section that does not have the section's shape."""


def parse_timestamp(ts: str, tz: str | None) -> datetime:
    if tz is None:
        raise EntryError(f"time {ts!r} has no zone; write it as '{ts} UTC'")
    try:
        naive = datetime.fromisoformat(ts.replace(" ", "T"))
    except ValueError:
        raise EntryError(f"{ts!r} is not a valid time") from None
    if naive.year not in YEARS:
        raise EntryError(f"{ts!r}: year {naive.year} is out of range; a typo?")
    if tz in ("UTC", "GMT", "Z"):
        return naive.replace(tzinfo=timezone.utc)
    sign = 1 if tz[0] == "+" else -1
    digits = tz[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    try:
        return naive.replace(tzinfo=timezone(sign * offset)).astimezone(timezone.utc)
    except (ValueError, OverflowError):   # an offset of 24 h or more, or a time that leaves the calendar
        raise EntryError(f"'{ts} {tz}' is not a valid time; write it in UTC, e.g. '{ts} UTC'") from None


def _date(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise EntryError(f"{what} {text!r} is not a date; write YYYY-MM-DD") from None


def split_marker(text: str) -> tuple[str, str | None]:
    match = _MARKER.search(text)
    if not match:
        return text, None
    return text[: match.start()], match.group("marker")


def parse_entry(section: str, line_no: int, raw: str) -> Entry:
    """Parse one bullet line of an entry section (without its line ending)."""
    body, marker = split_marker(raw.rstrip())
    body = body.rstrip()
    if section == TIMELINE:
        m = _TIMELINE.match(body)
        if m:
            return TimelineEntry(line_no, marker, parse_timestamp(m["ts"], m["tz"]), m["text"].strip())
    elif section == COMMS:
        m = _COMM.match(body)
        if m:
            return CommEntry(line_no, marker, parse_timestamp(m["ts"], m["tz"]), m["channel"].strip().lower(), m["summary"].strip())
    elif section == PLAN:
        m = _PLAN.match(body)
        if m:
            due_text = m["due"].strip()
            due = None if due_text.lower() in ("tbd", "-", "n/a") else _date(due_text, "Due")
            return PlanStep(line_no, marker, int(m["num"]), m["action"].strip(), m["owner"].strip(), due,
                            (m["done"] or " ").lower() == "x")
    elif section == STAKEHOLDERS:
        m = _STAKEHOLDER.match(body)
        if m:
            when, note = m["when"], ""
            ts = _STAKEHOLDER_WHEN.match(when)
            if ts:
                when, note = when[:ts.end("when")], (ts["note"] or "").strip()
            plain = re.match(_TS + r"$", when)
            at: datetime | date = parse_timestamp(plain["ts"], plain["tz"]) if plain else _date(when, "Date")
            return StakeholderEntry(line_no, marker, m["name"].strip(), m["role"].strip(), at, note)
    elif section == RECOVERY:
        m = _RECOVERY.match(body)
        if m:
            return RecoveryItem(line_no, marker, m["name"].strip(), _date(m["due"], "Due"), m["done"].lower() == "x")
    raise EntryError(f"not a {section} entry; write it as: {SHAPES[section]}")


# --------------------------------------------------------------------------- writing

def clean_inline(text: str, limit: int = 240) -> str:
    """Untrusted text made safe for one entry line: one line, no fake markers, bounded."""
    flat = single_line(text)
    flat = flat.replace("<!--", "&lt;!--").replace("-->", "--&gt;")
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat


def _with_marker(line: str, marker: str | None) -> str:
    return f"{line} <!-- {marker} -->" if marker else line


def _field(text: str, limit: int = 240) -> str:
    """One field of an entry line: cleaned, never empty (an empty field would not parse back)."""
    return clean_inline(text, limit) or "(none given)"


_LOOSE_HYPHEN = re.compile(r"(?<![A-Za-z0-9_])-|-(?![A-Za-z0-9_])")   # "a - b" would end the channel
_FIELD_LABEL = re.compile(r"(\s[—–-]\s+)(Owner|Due):")


def channel_word(channel: str) -> str:
    """A channel name the Communication Log shape reads back unchanged: a letter first, no loose dash."""
    word = _LOOSE_HYPHEN.sub(" ", re.sub(r"[^A-Za-z0-9_ /&+.-]", "", str(channel)))
    return re.sub(r"^[^A-Za-z]+", "", " ".join(word.split())) or "note"


def timeline_line(at: datetime, text: str, marker: str | None = None, limit: int = 240) -> str:
    return _with_marker(f"- {utc_text(at)} — {_field(text, limit)}", marker)


def comm_line(at: datetime, channel: str, summary: str, marker: str | None = None, limit: int = 240) -> str:
    return _with_marker(f"- {utc_text(at)}: {channel_word(channel)} — {_field(summary, limit)}", marker)


def plan_line(number: int, action: str, owner: str, due: date | None, marker: str | None = None,
              limit: int = 240) -> str:
    due_text = due.isoformat() if due else "TBD"
    # "— Owner:" / "— Due:" inside a field would be read as the next field's label.
    unlabel = lambda s: _FIELD_LABEL.sub(r"\1\2 :", s)  # noqa: E731
    return _with_marker(f"- Step {number}: {unlabel(_field(action, limit))} — Owner: {unlabel(_field(owner, 80))} "
                        f"— Due: {due_text}", marker)


def stakeholder_line(name: str, role: str, at: datetime, marker: str | None = None, note: str = "") -> str:
    safe = lambda s: _field(" ".join(str(s).replace(",", " ").split()), 80)  # noqa: E731 - commas separate the fields
    how = f" — {_field(note, 160)}" if note.strip() else ""
    return _with_marker(f"- {safe(name)}, {safe(role)}, {utc_text(at)}{how}", marker)


def recovery_line(name: str, due: date, done: bool = False, marker: str | None = None) -> str:
    return _with_marker(f"- [{'x' if done else ' '}] {name} — Due: {due.isoformat()}", marker)
