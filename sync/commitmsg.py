"""What a sync says it did: its commit's message (what changed, per escalation, and who it
records) and, for `--dry-run`, the diff it would have committed."""

from __future__ import annotations

import difflib

from escalation_desk.templates import render
from escalation_desk.templates.github_text import co_author_trailer
from escalation_desk.tracking.entries import clean_inline

from .plan import Outcome


def commit_message(outcome: Outcome, written: int, cursor_moved: bool, incomplete: bool) -> str:
    created = [c for c in outcome.changes if c.created]
    updated = [c for c in outcome.changes if not c.created]
    if outcome.changes:
        subject = f"sync: {len(created)} created, {len(updated)} updated from Zendesk and Salesforce"
    elif written:
        subject = f"sync: write-back to {written} Zendesk ticket(s)"
    elif not cursor_moved:
        subject = "sync: record account health scores"
    elif incomplete:
        subject = "sync: first sync continues (cursor committed; the next run resumes)"
    else:
        subject = "sync: advance the cursor past unrelated ticket updates"
    lines = [f"{c.ident} {clean_inline(c.customer, 80)}: {'; '.join(c.notes)}" for c in created + updated]
    if written:
        lines.append(f"Zendesk write-back: {written} ticket(s) tagged" + (" and noted" if created else ""))
    lines += outcome.notes
    # Agents whose #esc notes this commit records are its co-authors (GitHub attributes them).
    authors = sorted({a for c in outcome.changes for a in c.authors if "<" in a})
    message = render("commit.txt.j2", subject=subject, lines=lines)
    if authors:
        trailers = [t for t in map(co_author_trailer, authors) if t]
        if trailers:
            message = message.rstrip("\n") + "\n\n" + "".join(f"{t}\n" for t in trailers)
    return message


def dry_run_diff(outcome: Outcome) -> str:
    chunks = []
    for change in outcome.changes:
        before = (change.before or "").splitlines(keepends=True)
        chunks += difflib.unified_diff(before, change.after.splitlines(keepends=True),
                                       "/dev/null" if change.created else f"a/{change.path}", f"b/{change.path}")
    if outcome.writebacks:
        chunks.append(f"# Zendesk write-back for {len(outcome.writebacks)} ticket(s) (not sent in a dry run)\n")
    return "".join(chunks)
