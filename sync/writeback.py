"""Writing the escalation status back onto the Zendesk tickets.

Each linked ticket carries exactly one severity tag and one status tag
(``esc_sev1``…``esc_sev4``, ``esc_open``, ``esc_in_progress``, ``esc_resolved``,
``esc_closed`` with the default prefix) and, once, a private note linking the document.
The document decides (a severity a person changed is written back too); the state file
remembers what was written, so a run writes only what differs.
"""

from __future__ import annotations

import threading
from contextlib import closing
from dataclasses import dataclass

from escalation_desk.connectors.records import Comment, Ticket
from escalation_desk.config import Config
from escalation_desk.errors import DeskError
from escalation_desk.playbook.config import SEVERITIES, STATUSES
from escalation_desk.templates import render
from escalation_desk.tracking.model import Document

from .classify import own_note
from escalation_desk.progress import Progress
from .state import SyncState, WrittenBack


def all_tags(prefix: str) -> frozenset[str]:
    return frozenset([f"{prefix}sev{s[-1]}" for s in SEVERITIES] + [status_tag(prefix, s) for s in STATUSES])


def status_tag(prefix: str, status: str) -> str:
    return f"{prefix}{status.lower().replace(' ', '_')}"


def wanted_tags(prefix: str, severity: str, status: str) -> tuple[str, ...]:
    return tuple(sorted((f"{prefix}sev{severity[-1]}", status_tag(prefix, status))))


@dataclass(frozen=True)
class Plan:
    ticket_id: int
    ident: str
    path: str
    tags: tuple[str, ...]          # the severity and status tags the ticket must carry
    add: tuple[str, ...]
    remove: tuple[str, ...]
    note: bool                     # a note still has to be written (unless one turns up)
    comments_known: bool           # we hold the ticket's comments (no need to look for a note)
    writable: bool = True          # False: closed in Zendesk, read-only
    replies: tuple[str, ...] = ()  # answers to agents' #esc notes that could not be applied


def plan(config: Config, docs: list[Document], state: SyncState, fetched: dict[int, Ticket],
         comments: dict[int, list[Comment]], replies: dict[int, tuple[str, ...]] | None = None) -> list[Plan]:
    """What each linked ticket still needs; a ticket in two documents follows the open one."""
    if not config.zendesk.write_back:
        return []
    prefix = config.zendesk.severity_tag_prefix
    every = all_tags(prefix)
    owners: dict[int, Document] = {}
    for doc in sorted((d for d in docs if d.front is not None), key=lambda d: d.path):
        for ticket_id in doc.front.zendesk_tickets:
            current = owners.get(ticket_id)
            if current is None or (not current.front.is_open and doc.front.is_open):
                owners[ticket_id] = doc
    plans = []
    for ticket_id, doc in sorted(owners.items()):
        front = doc.front
        tags = wanted_tags(prefix, front.severity, front.status)
        known = state.written_back.get(ticket_id)
        ticket = fetched.get(ticket_id)
        thread = comments.get(ticket_id)
        noted = bool(known and known.note) or bool(thread and any(own_note(c) for c in thread))
        if ticket is not None:
            have: set[str] | None = {t for t in ticket.tags if t in every}
        else:
            have = set(known.tags) if known else None
        answers = (replies or {}).get(ticket_id, ())
        if have is not None and have == set(tags) and noted and not answers:
            continue
        add = tuple(sorted(set(tags) - (have or set())))
        remove = tuple(sorted((every - set(tags)) if have is None else (have - set(tags))))
        writable = ticket is None or ticket.status != "closed"
        plans.append(Plan(ticket_id, front.id, doc.path, tags, add, remove, not noted, thread is not None, writable,
                          answers))
    return plans


def document_url(config: Config, path: str, branch: str | None) -> str:
    return config.github.document_url(path, branch)


def _note(item: Plan, docs: dict[str, Document], url_of) -> str | None:  # noqa: ANN001
    """One private note: the document's link (once) and any answers to #esc notes."""
    if not item.writable:
        return None
    parts = ([note_text(docs[item.path], url_of(item.path))] if item.note else []) + list(item.replies)
    return "\n".join(parts) if parts else None


def command_reply(body: str, error: str, example: str) -> str:
    quoted = "“" + " ".join(body.split())[:120] + "”"
    return render("command_reply.md.j2", quoted=quoted, error=error, example=example).strip() + "\n"


def note_text(doc: Document, url: str) -> str:
    front = doc.front
    return render("note.md.j2", id=front.id, severity=front.severity, status=front.status, owner=front.owner,
                  url=url).strip() + "\n"


class Tally:
    """Write-back requests since the last commit: answered, failed, and so still on their way
    (Zendesk may apply a request whose answer never came back: an interrupted run must say so)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.sent = self.done = self.failed = 0

    def sending(self) -> None:
        with self._lock:
            self.sent += 1

    def answered(self) -> None:
        with self._lock:
            self.done += 1

    def refused(self) -> None:
        with self._lock:
            self.failed += 1

    @property
    def on_their_way(self) -> int:
        return self.sent - self.done - self.failed

    def __bool__(self) -> bool:
        return bool(self.done or self.on_their_way)


def _carry_out(source, item: Plan, note: str | None, tally: Tally) -> tuple[bool, str | None]:  # noqa: ANN001
    """One ticket's write-back: (written?, updated_at afterwards)."""
    if note is not None and not item.comments_known and any(own_note(c) for c in source.comments(item.ticket_id)):
        note = None  # a note from an earlier run whose commit never landed
    if not (item.writable and (item.add or item.remove or note)):
        return False, None
    tally.sending()
    try:
        updated_at = source.write_back(item.ticket_id, list(item.add), list(item.remove), note)
    except Exception:
        tally.refused()             # refused after its retries: Zendesk did not take it
        raise
    tally.answered()
    return True, updated_at


def apply(source, plans: list[Plan], docs: dict[str, Document], state: SyncState, url_of,  # noqa: ANN001
          progress: Progress, tally: Tally | None = None) -> int:
    """Carry out the plans through the Zendesk connector (several tickets at a time);
    record each in `state`, and each request in `tally` as it goes. Returns how many
    tickets were written to."""
    notes = {p.ticket_id: _note(p, docs, url_of) for p in plans}
    tally = tally if tally is not None else Tally()
    written = 0
    progress.phase("Zendesk: write-back", total=len(plans))
    results = source.each(plans, lambda worker, p: _carry_out(worker, p, notes[p.ticket_id], tally), progress.advance)
    # closing(): if this loop is interrupted, the worker pool is shut down now, not whenever the
    # generator is collected — no write-back request goes out after the run has given up.
    with closing(results):
        for item, (wrote, updated_at) in results:
            known = state.written_back.get(item.ticket_id)
            if not wrote:
                updated_at = known.updated_at if known else None
            written += wrote
            state.written_back[item.ticket_id] = WrittenBack(item.tags, item.ident, updated_at)
    progress.done()
    return written


def ahead_of_git(exc: BaseException, tally: Tally) -> BaseException:
    """The run failed (or was interrupted) after writing to Zendesk but before its commit:
    the same failure, saying that those tickets already carry (or, for a request whose answer
    never came, may carry) tags and notes linking documents git does not hold yet (the next
    run commits them and writes nothing twice)."""
    parts = [f"Zendesk was already updated for {tally.done} ticket(s)"] if tally.done else []
    if tally.on_their_way:
        parts.append(f"{'and ' if parts else 'Zendesk '}may have been updated for {tally.on_their_way} "
                     f"{'more ' if parts else ''}ticket(s) (the request was on its way)")
    ahead = " ".join(parts) + " (tags, notes linking their documents), git was not"
    if isinstance(exc, DeskError):
        return DeskError(f"{exc.message}; {ahead}", hint=exc.hint or "run the sync again: it commits them")
    return KeyboardInterrupt(f"{ahead}; run the sync again: it commits them")
