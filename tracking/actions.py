"""What a person does to an escalation from the command line: log, resolve, brief, new.

Each function takes a parsed document and returns the new text (or a brief); the
caller writes it. Every change is a splice (see :mod:`tracking.edit`), so lines
people wrote stay exactly as they were.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from escalation_desk.playbook.config import Playbook
from escalation_desk.playbook.durations import format_duration
from escalation_desk.errors import DeskError
from escalation_desk.playbook.quote import customer_words
from escalation_desk.playbook.rules import recovery_schedule
from escalation_desk.templates import render

from . import entries
from .clocks import overdue_items
from .engagement import engagement_of
from .edit import EditError, add_entry, set_fields
from .postactions import with_thank_reminder
from .model import COMMS, PLAN, RECOVERY, ROOT_CAUSE, STAKEHOLDERS, SUMMARY, TIMELINE, Document

LOG_KINDS = ("comm", "event", "stakeholder", "step")


def _require(doc: Document) -> None:
    if doc.front is None:
        raise DeskError(f"{doc.path} has errors; fix them first (`esc check {doc.path}`)")


PERSON_TEXT_LIMIT = 2000   # what a person types into `esc log`; imported text is bounded tighter (entries.py)


def log(doc: Document, kind: str, now: datetime, *, text: str = "", channel: str = "email",
        name: str = "", role: str = "", owner: str = "", due=None) -> Document:
    """Append one entry stamped at `now` (stakeholders and steps as given)."""
    _require(doc)
    text, name, role, owner = (" ".join(str(v).split()) for v in (text, name, role, owner))  # "  " is no text
    if len(text) > PERSON_TEXT_LIMIT:   # kept whole or refused: never cut short like imported text
        raise DeskError(f"the text is {len(text):,} characters; one entry holds at most {PERSON_TEXT_LIMIT:,}",
                        hint="log a shorter line and put the detail in the Issue Summary or Resolution Summary")
    try:
        if kind == "comm":
            if not text:
                raise DeskError("a communication needs a summary: esc log ID comm --channel phone \"what was said\"")
            line = entries.comm_line(now, channel, text, limit=PERSON_TEXT_LIMIT)
            updated = add_entry(doc, COMMS, line, at=now)
            if updated.front and updated.front.acknowledged is None:
                updated = set_fields(updated, {"acknowledged": now})
            if updated.front and updated.front.status == "Open":
                updated = set_fields(updated, {"status": "In Progress"})
            return updated
        if kind == "event":
            if not text:
                raise DeskError("an event needs a description: esc log ID event \"what happened\"")
            return add_entry(doc, TIMELINE, entries.timeline_line(now, text, limit=PERSON_TEXT_LIMIT), at=now)
        if kind == "stakeholder":
            if not name or not role:
                raise DeskError("a stakeholder needs --name and --role: esc log ID stakeholder --name 'Priya Raman' --role 'CS Director'")
            return add_entry(doc, STAKEHOLDERS, entries.stakeholder_line(name, role, now))
        if kind == "step":
            if not text or not owner:
                raise DeskError("a plan step needs an action and --owner (and --due YYYY-MM-DD)")
            number = max((s.number for s in doc.plan), default=0) + 1
            return add_entry(doc, PLAN, entries.plan_line(number, text, owner, due, limit=PERSON_TEXT_LIMIT))
    except EditError as exc:
        raise DeskError(str(exc)) from None
    raise DeskError(f"unknown entry kind {kind!r}; use one of {', '.join(LOG_KINDS)}")


def sponsor(doc: Document, now: datetime, *, name: str = "", at: datetime | None = None, followup: str = "",
            check: str = "", channel: str = "email") -> Document:
    """Executive engagement: engage the sponsor (``exec_sponsor`` and ``sponsor_engaged_at``, at
    `at` or now), and/or log their written follow-up or their check at resolution as a
    Communication Log entry naming them (what meets those deadlines, see tracking.engagement)."""
    _require(doc)
    name, followup, check = (" ".join(str(v).split()) for v in (name, followup, check))
    if not (name or followup or check):
        raise DeskError('say who was engaged, or what they wrote: esc sponsor ID "Rachel Kim" '
                        '(or --followup "…" / --check "…")')
    try:
        updated = doc
        if name:
            updated = set_fields(updated, {"exec_sponsor": entries.clean_inline(name, 80),
                                           "sponsor_engaged_at": at or now})
        who = updated.front.exec_sponsor if updated.front else None
        if (followup or check) and not who:
            raise DeskError(f"{doc.front.id} has no executive sponsor yet",
                            hint=f'engage one first: esc sponsor {doc.front.id} "Name"')
        for words, text in (("Written follow-up from", followup), ("Resolution check by", check)):
            if text:
                line = entries.comm_line(now, channel, f"{words} {who} (executive sponsor): {text}")
                updated = add_entry(updated, COMMS, line, at=now)
        return updated
    except EditError as exc:
        raise DeskError(str(exc)) from None


def resolve(doc: Document, config: Playbook, now: datetime, *, close: bool = False) -> Document:
    """Resolved (or Closed): set the status and time, write the dated recovery checklist once,
    and append the "thank the team" reminder to Post-Escalation Actions once."""
    _require(doc)
    front = doc.front
    if front.status == "Closed" and not close:
        raise DeskError(f"{front.id} is already Closed; `esc resolve` would move it back to Resolved",
                        hint="edit status in the document if it really has to be reopened")
    changes: dict[str, object] = {"status": "Closed" if close else "Resolved"}
    if front.resolved is None:
        changes["resolved"] = now
    if close and front.closed is None:
        changes["closed"] = now
    try:
        updated = set_fields(doc, changes)
        if not updated.recovery:
            resolved_at = updated.front.resolved if updated.front else now
            for milestone in recovery_schedule(config, resolved_at):
                updated = add_entry(updated, RECOVERY, entries.recovery_line(milestone.name, milestone.due))
        updated = with_thank_reminder(updated)   # the playbook: thank the team (once; a person ticks it)
    except EditError as exc:   # e.g. no '## Recovery Plan' section: nothing has been written yet
        raise DeskError(str(exc)) from None
    return updated


def brief(doc: Document, config: Playbook, now: datetime) -> str:
    """The executive's 5-minute written brief, from the document alone."""
    _require(doc)
    f = doc.front
    rule = config.severity(f.severity)
    root = doc.sections.get(ROOT_CAUSE)
    root_text = " ".join((root.text if root else "").split())
    open_steps = [s for s in doc.plan if not s.done]
    next_step = f"{open_steps[0].action} ({open_steps[0].owner}, due {open_steps[0].due or 'TBD'})" if open_steps else ""
    path_steps = [f"{s.action} — {s.owner}, due {s.due or 'TBD'}" for s in open_steps] or (
        ["Confirm the fix with the customer, then run the recovery plan (Week 1 → Month 6)."]
        if not f.is_open else ["Agree an action plan with named owners and dates, and share it with the customer."])
    if f.is_open:
        path_steps.append(f"Keep customer updates {rule.update_cadence_text} until resolved.")
    renewal_days = (f.renewal_date - now.date()).days if f.renewal_date else None
    return render(
        "brief.md.j2", f=f, path=doc.path, now=now.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        what_happened=_what_happened(doc),
        arr=f"${f.arr:,.0f}" if f.arr is not None else "unknown", renewal_days=renewal_days,
        severity_rule=rule, open_for=format_duration((f.resolved or now) - f.opened),
        trigger_notes=[e.text.removeprefix("Trigger ") for e in doc.timeline if e.marker and e.marker.startswith("esc:trigger:")] or list(f.triggers),
        overdue=overdue_items(doc, config, now), done=_done(doc), comms=_comms(doc), stakeholders=_stakeholders(doc),
        root_cause=root_text[:300].rstrip("."), next_step=next_step, path_steps=path_steps,
        engagement_line=_engagement_line(doc, config, now),
        followup=format_duration(config.executive.written_followup_within),
    )


def _what_happened(doc: Document) -> str:
    """The Issue Summary; when it is the customer's own words (the quoted ticket description the
    sync writes), quoted without their salutation and sign-off."""
    summary = doc.sections.get(SUMMARY)
    lines = [line.strip() for line in (summary.text if summary else "").splitlines()
             if line.strip() and not line.strip().startswith("<!--")]
    if not lines:
        return "(The Issue Summary is empty: write one paragraph there first.)"
    if all(line.startswith(">") for line in lines):
        said = customer_words("\n".join(line.lstrip(">").strip() for line in lines))
        return f"{doc.front.customer} wrote: “{' '.join(said.split())}”"
    return " ".join(line.lstrip("> ").strip() for line in lines)


_CUSTOMER_REPLY = re.compile(r"^(Customer reply on #\d+ from [^:]+: )(.*)$", re.S)


def _done(doc: Document) -> list[str]:
    """The Timeline (the last 8 events; a customer's reply without its salutation) and the plan."""
    done = []
    for e in doc.timeline[-8:]:
        reply = _CUSTOMER_REPLY.match(e.text)
        text = reply.group(1) + "“" + " ".join(customer_words(reply.group(2)).split()) + "”" if reply else e.text
        done.append(f"{e.at:%b %d %H:%M} — {text}")
    done += [f"Plan step {s.number} ({'done' if s.done else 'open'}): {s.action} — {s.owner}" for s in doc.plan]
    return done


def _comms(doc: Document) -> list[str]:
    """What we told the customer, and how (the last 8 Communication Log entries)."""
    entries_ = sorted(doc.comms, key=lambda e: (e.at, e.line))[-8:]
    return [f"{e.at:%b %d %H:%M} — {e.channel}: {e.summary}" for e in entries_]


def _stakeholders(doc: Document) -> list[str]:
    """Who inside was told, and when (Internal Stakeholders Notified)."""
    found = []
    for e in doc.stakeholders:
        when = f"{e.at:%b %d %H:%M}" if isinstance(e.at, datetime) else f"{e.at:%b %d}"
        found.append(f"{e.name} ({e.role}), {when}" + (f" — {e.note}" if e.note else ""))
    return found


def _engagement_line(doc: Document, config: Playbook, now: datetime) -> str:
    f = doc.front
    engagement = engagement_of(doc, config, now)
    line = {
        "now": "Engage now — " + "; ".join(engagement.reasons) + ".",
        "within 24h": "Engage within 24 hours — " + "; ".join(engagement.reasons) + ".",
    }.get(engagement.when, "The playbook does not require executive engagement yet.")
    if f.exec_sponsor:
        line += f" Executive sponsor: {f.exec_sponsor}"
        line += f", engaged {f.sponsor_engaged_at:%Y-%m-%d %H:%M} UTC." if f.sponsor_engaged_at else "."
    if f.follows:
        line += f" This escalation follows {f.follows}."
    return line
