"""Turning an assessed group of tickets into document text: a new document from the
template, or new marked entries and machine-owned fields spliced into an existing one.

Everything a person wrote stays as it was (see :mod:`tracking.edit`): an existing
document gets only the fields in ``tracking.model.MACHINE_FIELDS`` (plus
``acknowledged`` when it is still empty) and the entry lines whose source marker it
does not carry yet. Same input, same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from escalation_desk.connectors.records import Account, Comment, Ticket, User
from escalation_desk.config import Config
from escalation_desk.playbook.rules import recovery_schedule
from escalation_desk.tracking.desk_commands import Command, CommandError, apply_command, command_line, parse_command
from escalation_desk.tracking.edit import EditError, add_entry, set_fields
from escalation_desk.tracking.entries import comm_line, recovery_line, timeline_line
from escalation_desk.tracking.model import COMMS, MACHINE_FIELDS, RECOVERY, TIMELINE, Document
from escalation_desk.tracking.parse import MAX_BYTES, parse_document
from escalation_desk.tracking.render import document_filename, new_document

from .classify import Assessment, agent_replies, comm_channel, own_note
from .detect import is_staff
from .repeat import Link


@dataclass(frozen=True)
class Entry:
    section: str
    at: datetime
    order: int          # among entries at the same minute: ticket, trigger, sponsor, comment, status
    line: str
    marker: str
    ticket: int | None = None
    comment: int | None = None
    command: Command | None = None     # an agent's `#esc …` note: applied, not just logged
    who: str = ""
    who_email: str = ""


@dataclass
class DocChange:
    path: str                      # relative to the repository
    ident: str
    customer: str
    before: str | None             # None: a new document
    after: str
    notes: list[str] = field(default_factory=list)   # what changed, in words (commit message, summary)
    doc: Document | None = None    # `after`, parsed (when the merge has it at hand)
    authors: list[str] = field(default_factory=list)  # "Name <email>" of agents whose #esc notes it applies

    @property
    def created(self) -> bool:
        return self.before is None


def _name(user_id: int | None, users: dict[int, User], fallback: str = "someone") -> str:
    user = users.get(user_id) if user_id is not None else None
    return user.name if user and user.name else fallback


def agent_command(comment: Comment, users: dict[int, User], zone: str) -> Command | None:
    """The `#esc …` command of an agent's internal note, if it carries one that reads.
    Only staff's private notes count: a customer's comment shaped like one is a comment."""
    if comment.public or not is_staff(comment.author_id, users):
        return None
    words = command_line(comment.body, "#esc")
    if words is None:
        return None
    try:
        return parse_command(words, zone, comment.created_at)
    except CommandError:
        return None   # logged as the note it is; the agent gets an internal note saying why (write-back)


def entries_for(tickets: list[Ticket], comments: dict[int, list[Comment]], users: dict[int, User],
                assessment: Assessment, opened: datetime, now: datetime, zone: str = "UTC") -> list[Entry]:
    """Every marked entry the tickets and the assessment call for, in time order."""
    out: list[Entry] = []
    for ticket in tickets:
        requester = users.get(ticket.requester_id) if ticket.requester_id else None
        who = requester.name if requester else "the customer"
        if requester and requester.title:
            who += f" ({requester.title})"
        out.append(Entry(TIMELINE, ticket.created_at, 0, timeline_line(
            ticket.created_at, f"Ticket #{ticket.id} opened via {ticket.channel or 'unknown channel'} by {who}: "
                               f"{ticket.subject}", f"zd:ticket:{ticket.id}"), f"zd:ticket:{ticket.id}"))
        thread = comments.get(ticket.id, [])
        replies = {c.id for c in agent_replies(thread, users)}
        for index, comment in enumerate(thread):
            marker = f"zd:comment:{comment.id}"
            if comment.id in replies:
                text = f"{_name(comment.author_id, users, 'Support')} on #{ticket.id}: {comment.body}"
                out.append(Entry(COMMS, comment.created_at, 3, comm_line(
                    comment.created_at, comm_channel(ticket, comment), text, marker), marker, ticket.id, comment.id))
            elif index == 0 or own_note(comment):
                continue  # the description opened the ticket; our own notes are not news
            elif (command := agent_command(comment, users, zone)) is not None:
                author = users.get(comment.author_id)
                out.append(Entry(TIMELINE, comment.created_at, 3, "", marker, ticket.id, comment.id, command,
                                 _name(comment.author_id, users), author.email if author else ""))
            elif not comment.public:
                text = f"Internal note on #{ticket.id} by {_name(comment.author_id, users)}: {comment.body}"
                out.append(Entry(TIMELINE, comment.created_at, 3, timeline_line(comment.created_at, text, marker),
                                 marker, ticket.id, comment.id))
            elif not is_staff(comment.author_id, users):
                text = f"Customer reply on #{ticket.id} from {_name(comment.author_id, users)}: {comment.body}"
                out.append(Entry(TIMELINE, comment.created_at, 3, timeline_line(comment.created_at, text, marker),
                                 marker, ticket.id, comment.id))
        if ticket.status in ("solved", "closed"):
            marker = f"zd:status:{ticket.id}:{ticket.status}"
            out.append(Entry(TIMELINE, ticket.updated_at, 4, timeline_line(
                ticket.updated_at, f"Ticket #{ticket.id} {ticket.status} in Zendesk", marker), marker))
    for trigger in assessment.triggers:
        marker = f"esc:trigger:{trigger.code}"
        at = trigger.at or opened
        out.append(Entry(TIMELINE, at, 1, timeline_line(at, f"Trigger {trigger.code}: {trigger.evidence}", marker),
                         marker))
    engagement = assessment.engagement
    if engagement.when in ("now", "within 24h"):
        at = min(now, max([opened] + [t.at for t in assessment.triggers if t.at]))
        text = f"Executive sponsor: engage {engagement.when} — " + "; ".join(engagement.reasons)
        out.append(Entry(TIMELINE, at, 2, timeline_line(at, text, "esc:exec-sponsor"), "esc:exec-sponsor"))
    unique = {e.marker: e for e in sorted(out, key=lambda e: (e.at, e.order, e.marker))}
    return sorted(unique.values(), key=lambda e: (e.at, e.order, e.marker))


# The sync's entries stop at half the check's size limit, leaving the rest to people: a
# ticket with thousands of comments must not write a document `esc check` rejects.
DOCUMENT_BUDGET = MAX_BYTES // 2
CLOSING_RESERVE = 1024   # room kept per ticket for the line that says what was left out


def within_budget(items: list[Entry], tickets: list[Ticket], room: int) -> list[Entry]:
    """The entries that fit in `room` bytes, in time order. Comment entries past it are
    left in Zendesk, with one closing line per ticket saying how many, linking the ticket."""
    room -= CLOSING_RESERVE * len(tickets)
    kept: list[Entry] = []
    left: dict[int, list[Entry]] = {}
    for item in items:
        size = len(item.line.encode("utf-8")) + 1
        if item.comment is not None and item.command is None and (left or size > room):
            left.setdefault(item.ticket, []).append(item)   # once full, later entries wait too (time order)
            continue
        kept.append(item)
        room -= size
    urls = {t.id: t.agent_url for t in tickets}
    for ticket_id, dropped in left.items():
        last = dropped[-1]
        where = f": {urls[ticket_id]}" if urls.get(ticket_id) else ""
        marker = f"esc:left-in-zendesk:{ticket_id}:{last.comment}"
        text = (f"{len(dropped)} more comment{'s' if len(dropped) > 1 else ''} on ticket #{ticket_id} left in "
                f"Zendesk (this document is at its size limit); read them there{where}")
        kept.append(Entry(TIMELINE, last.at, 5, timeline_line(last.at, text, marker), marker))
    return sorted(kept, key=lambda e: (e.at, e.order, e.marker))


def machine_fields(customer: str, account: Account | None, ticket_ids: list[int],
                   organization_id: int | None = None) -> dict[str, object]:
    fields: dict[str, object] = {"customer": customer, "zendesk_tickets": sorted(set(ticket_ids))}
    if organization_id is not None:
        fields["organization_id"] = organization_id
    if account is not None:
        fields["account_id"] = account.id
        if account.arr is not None and account.arr >= 0:
            fields["arr"] = account.arr
        if account.renewal_date is not None:
            fields["renewal_date"] = account.renewal_date
        if account.health_score is not None and 0 <= account.health_score <= 100:
            fields["health_score"] = account.health_score
    assert set(fields) <= MACHINE_FIELDS
    return fields


def severity_line(assessment: Assessment) -> str:
    """Why this severity: the signals and the deciding rule, and whether a person chose it."""
    if assessment.severity_set_by:
        return f"Severity {assessment.severity} set by {assessment.severity_set_by}: {assessment.severity_reason}"
    return f"Proposed, to confirm (esc confirm): {assessment.severity_reason}"


def create(config: Config, ident: str, tickets: list[Ticket], comments: dict[int, list[Comment]],
           users: dict[int, User], customer: str, account: Account | None, stale: Account | None,
           assessment: Assessment, category: str | None, now: datetime, follows: Link | None = None) -> DocChange:
    """A new tracking document for a group of tickets (tickets[0] is the primary); `follows`: the
    earlier escalation it repeats (linked in ``follows``, and said in the Timeline)."""
    primary = tickets[0]
    # A reopened ticket's escalation opens when it was reopened, not when the ticket was first written.
    opened = follows.at if follows is not None else min(t.created_at for t in tickets)
    fields = machine_fields(customer, account or stale, [t.id for t in tickets], primary.organization_id)
    done = assessment.status in ("Resolved", "Closed")
    resolved = assessment.resolved or now
    fields.update({
        "id": ident, "severity": assessment.severity, "severity_set_by": assessment.severity_set_by,
        "severity_set_at": assessment.severity_set_at, "tier": assessment.tier, "status": assessment.status,
        "owner": assessment.owner, "opened": opened, "acknowledged": assessment.acknowledged,
        "resolved": resolved if done else None, "closed": resolved if assessment.status == "Closed" else None,
        "triggers": [t.code for t in assessment.triggers], "category": category,
        "follows": follows.ident if follows else None,
    })
    items = within_budget(entries_for(tickets, comments, users, assessment, opened, now,
                                      config.business_hours.timezone), tickets, DOCUMENT_BUDGET)
    # Why this severity, once, in a new document only: a person may change it later, and the
    # sync never argues with them (nor writes this line again).
    items.append(Entry(TIMELINE, opened, 1, timeline_line(     # room for the rule, the text model and the signals
        opened, severity_line(assessment), "esc:severity", limit=400),
        "esc:severity"))
    if follows is not None:
        marker = f"esc:follows:{follows.ident}"
        items.append(Entry(TIMELINE, follows.at, 1, timeline_line(follows.at, follows.reason, marker), marker))
    items.sort(key=lambda e: (e.at, e.order, e.marker))
    path = f"escalations/{document_filename(ident, customer, primary.subject)}"
    text = new_document(fields, title=primary.subject, summary=primary.description,
                        timeline=[e.line for e in items if e.section == TIMELINE and e.command is None],
                        comms=[e.line for e in items if e.section == COMMS], path=path)
    if done:
        # Resolved already upstream: the dated recovery checklist (as `esc resolve` writes it)
        # closes the template, whose last section it is.
        assert text.endswith(f"## {RECOVERY}\n")
        text += "".join(recovery_line(m.name, m.due) + "\n" for m in recovery_schedule(config, resolved))
    doc = parse_document(path, text)
    authors = []
    for item in commands_in(items):   # agents' #esc notes, applied in time order
        try:
            doc = _apply(doc, item, tickets)
        except EditError:
            continue
        authors.append(_author(item))
    text = doc.text
    notes = [f"created ({assessment.severity}, tier {assessment.tier}, {assessment.status}; "
             f"tickets {', '.join(f'#{t.id}' for t in tickets)})"]
    if stale is not None and account is None:
        notes.append("ARR from the last sync (Salesforce unavailable)")
    return DocChange(path, ident, customer, None, text, notes, doc, sorted(set(authors)))


def _already_offered(item: Entry, doc: Document, seen: dict[int, int]) -> bool:
    """An entry an earlier run wrote (or would have): a person may have deleted its line,
    and the sync must not write it again."""
    front = doc.front
    if item.comment is not None and item.ticket is not None:
        return item.comment <= seen.get(item.ticket, 0)
    if item.marker.startswith("zd:ticket:"):
        return int(item.marker.rsplit(":", 1)[1]) in front.zendesk_tickets
    if item.marker.startswith("esc:trigger:"):
        return item.marker.removeprefix("esc:trigger:") in front.triggers
    if item.marker == "esc:exec-sponsor":
        return bool(front.exec_sponsor)
    return False


def _apply(doc: Document, item: Entry, tickets: list[Ticket]) -> Document:
    if item.command is None:
        return add_entry(doc, item.section, item.line, at=item.at)
    return apply_command(doc, item.command, item.who, item.at, f"Zendesk #{item.ticket}", item.marker)


def _author(item: Entry) -> str:
    return f"{item.who} <{item.who_email}>" if item.who_email else item.who


def commands_in(items: list[Entry]) -> list[Entry]:
    return [e for e in items if e.command is not None]


def update(doc: Document, tickets: list[Ticket], comments: dict[int, list[Comment]], users: dict[int, User],
           customer: str, account: Account | None, assessment: Assessment, now: datetime,
           seen: dict[int, int] | None = None, zone: str = "UTC") -> DocChange | None:
    """Machine fields and new marked entries for an existing document; None if nothing changes.

    `seen`: per ticket, the newest comment earlier runs already turned into entries."""
    front = doc.front
    assert front is not None
    seen = seen or {}
    fields = machine_fields(customer, account, list(front.zendesk_tickets) + [t.id for t in tickets],
                            tickets[0].organization_id if tickets else None)
    if front.acknowledged is None and assessment.acknowledged is not None:
        fields["acknowledged"] = assessment.acknowledged
    changed_keys = [k for k, v in fields.items() if k in doc.raw_front or v not in (None, [], ())]
    current = set_fields(doc, fields)
    known = current.markers()
    added, authors = 0, []
    fresh = [item for item in entries_for(tickets, comments, users, assessment, front.opened, now, zone)
             if item.marker not in known and not _already_offered(item, doc, seen)]
    for item in within_budget(fresh, tickets, DOCUMENT_BUDGET - len(current.text.encode("utf-8"))):
        if item.marker in known:
            continue
        try:
            current = _apply(current, item, tickets)
        except EditError:
            continue  # a section a person removed: `esc check` reports it; the sync does not re-add it
        known.add(item.marker)
        added += 1
        if item.command is not None:
            authors.append(_author(item))
    if current.text == doc.text:
        return None
    before_front = doc.raw_front
    fields_changed = [k for k in changed_keys if current.raw_front.get(k) != before_front.get(k)]
    notes = []
    if added:
        notes.append(f"{added} new entr{'y' if added == 1 else 'ies'}")
    if fields_changed:
        notes.append("updated " + ", ".join(fields_changed))
    if authors:
        notes.append("#esc notes by " + ", ".join(sorted({a.split(" <")[0] for a in authors})))
    return DocChange(doc.path, front.id, customer, doc.text, current.text, notes, current, sorted(set(authors)))
