"""A person sets or confirms an escalation's severity (``esc confirm``).

The document then records who and when (``severity_set_by`` / ``severity_set_at``, in the
human group of the front matter) and a Timeline line; the sync never changes it back.
"""

from __future__ import annotations

from datetime import datetime

from escalation_desk.errors import DeskError
from escalation_desk.playbook.config import SEVERITIES

from . import entries
from .edit import EditError, add_entry, set_fields
from .model import TIMELINE, Document


def confirm_severity(doc: Document, now: datetime, by: str, severity: str | None = None) -> Document:
    """Confirm the current severity (or set another) as a person's decision, stamped at `now`."""
    if doc.front is None:
        raise DeskError(f"{doc.path} has errors; fix them first (`esc check {doc.path}`)")
    by = " ".join(by.split())
    if not by:
        raise DeskError("say who decides: esc confirm ID --by \"Dana Whitfield\"")
    old = doc.front.severity
    new = severity or old
    if new not in SEVERITIES:
        raise DeskError(f"severity {new!r} is not one of {', '.join(SEVERITIES)}")
    what = f"Severity {new} confirmed by {by}" if new == old else f"Severity changed from {old} to {new} by {by}"
    try:
        updated = set_fields(doc, {"severity": new, "severity_set_by": by, "severity_set_at": now})
        return add_entry(updated, TIMELINE, entries.timeline_line(now, what), at=now)
    except EditError as exc:
        raise DeskError(str(exc)) from None
