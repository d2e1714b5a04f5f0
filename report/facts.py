"""What the report needs from one document, computed where the document was parsed.

:func:`facts_of` reads one parsed document once (one call to the clock) and keeps only
the small values the metrics fold: front-matter fields, the outcomes of its SLA promises,
what is overdue, its index record when it is open, whether it notes a post-mortem and
how far its recovery got. In a worker process (see :func:`tracking.scan.scan`) only these
facts travel back, never the document, so the report holds no parsed document and its
memory grows with what it outputs.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from escalation_desk.gitrepo.reader import blob_sha
from escalation_desk.playbook.config import Playbook
from escalation_desk.playbook.timefmt import iso
from escalation_desk.tracking.clocks import milestone_due, obligations
from escalation_desk.tracking.deadline import Obligation
from escalation_desk.tracking.postactions import post_mortem_dates
from escalation_desk.tracking.index import json_number, open_deadlines, record
from escalation_desk.tracking.model import Document

from .model import OverdueItem, Window
from .records import OpenEscalation
from .recovery import reference_willing
from .sla import ack_outcome, update_outcomes


class Recovery(NamedTuple):
    """The final item of the Recovery Plan checklist."""

    done: bool
    due: datetime          # when it falls due (end of its day)
    reference: bool        # done, and the customer is willing to be a reference


class Facts(NamedTuple):
    """One document as the report sees it. ``id`` is None when the document does not parse."""

    path: str
    id: str | None
    blob: str = ""                     # git's blob id of the document's bytes
    severity: str = ""
    tier: int | None = None
    arr: float | None = None
    status: str = ""
    is_open: bool = False
    owner: str = ""
    category: str | None = None
    opened: datetime | None = None
    acknowledged: datetime | None = None
    target_resolution: datetime | None = None
    ended: datetime | None = None      # resolved (or closed); None while open
    plan_steps: int = 0
    ack: str | None = None             # the acknowledgement's outcome (sla.ack_outcome)
    plan_due: datetime | None = None   # when the action plan is due; None: no such promise
    updates: tuple[str, ...] = ()      # the customer updates' outcomes in the window
    overdue: tuple[OverdueItem, ...] = ()
    record: OpenEscalation | None = None   # the index record, for open escalations
    post_mortems: tuple = ()           # the post-mortems its Post-Escalation Actions record (dates), as esc check reads them
    recovery: Recovery | None = None   # None: no Recovery Plan checklist


def facts_of(config: Playbook, now: datetime, window: Window, doc: Document, records: bool = True) -> Facts:
    """The facts of one document (a picklable work function for :func:`tracking.scan.scan`
    with ``functools.partial(facts_of, config, now, window)``). `records` False: an open
    escalation's record keeps only what the pages show, not its JSON text (the README, the
    Markdown and the HTML page do not print it)."""
    front = doc.front
    if front is None:
        return Facts(path=doc.path, id=None)
    items = obligations(doc, config, now)
    overdue = _overdue(doc, items, now)
    plan = next((o for o in items if o.kind == "action_plan"), None)
    final = doc.recovery[-1] if doc.recovery else None
    return Facts(
        path=doc.path, id=front.id, blob=blob_sha(doc.text.encode("utf-8")) if doc.text else "",
        severity=front.severity, tier=front.tier, arr=front.arr, status=front.status, is_open=front.is_open,
        owner=front.owner, category=front.category, opened=front.opened, acknowledged=front.acknowledged,
        target_resolution=front.target_resolution,
        ended=None if front.is_open else (front.resolved or front.closed),
        plan_steps=len(doc.plan), ack=ack_outcome(items, front.is_open, now),
        plan_due=plan.due if plan is not None else None,
        updates=tuple(update_outcomes(doc, items, config, now, window)),
        overdue=overdue,
        record=_open_record(doc, config, now, items, overdue, records) if front.is_open else None,
        post_mortems=post_mortem_dates(doc),
        recovery=Recovery(final.done, milestone_due(final.due), final.done and reference_willing(doc))
        if final is not None else None,
    )


def _open_record(doc: Document, config: Playbook, now: datetime, items: list[Obligation],
                 overdue: tuple[OverdueItem, ...], records: bool) -> OpenEscalation:
    """The index record (:func:`tracking.index.record`), or without `records` only its part the pages show."""
    found = record(doc, config, now, items) if records else shown_record(doc, config, now, items)
    return OpenEscalation(found, overdue, records)


def shown_record(doc: Document, config: Playbook, now: datetime, items: list[Obligation]) -> dict:
    """The values of :func:`tracking.index.record` that the pages show (:data:`report.records.SHOWN`)
    and the urgency order reads (:func:`tracking.views.urgency_key`), without the rest of it."""
    front = doc.front
    unmet, update = open_deadlines(doc, config, now, items)
    return {
        "id": front.id, "title": doc.headline, "path": doc.path, "severity": front.severity,
        "severity_state": doc.severity_state, "tier": front.tier, "status": front.status,
        "customer": front.customer, "owner": front.owner,
        "arr": json_number(front.arr),
        "next_update_due": iso(update.due) if update else None,
        "deadlines": [{"due": iso(unmet[0].due)}] if unmet else [],
        "overdue": [o for o in unmet if o.overdue(now)],
    }


def _overdue(doc: Document, items: list[Obligation], now: datetime) -> tuple[OverdueItem, ...]:
    """Everything past due right now, straight from the clock (the same list `esc overdue` raises)."""
    front = doc.front
    return tuple(OverdueItem(id=front.id, customer=front.customer, severity=front.severity, owner=front.owner,
                             kind=o.kind, label=o.label, due=o.due,
                             late_minutes=int((now - o.due).total_seconds() // 60), path=doc.path)
                 for o in items if o.overdue(now))
