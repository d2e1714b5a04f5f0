"""``escalations/index.json``: what the Zendesk sidebar (and other tools) read.

Schema ``escalation-desk/index@1`` is documented in the README. Every deadline comes
from :func:`tracking.clocks.obligations`; the sidebar only compares them with its
own clock, so the browser and the CLI cannot disagree.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Iterable, Iterator, NamedTuple

from escalation_desk.playbook.config import OPEN_STATUSES, Playbook

from .checksummary import blob_sha, row_text, summary_text
from .clocks import obligations
from .jsontext import dumps_indented
from .model import Document
from .postactions import post_mortem_dates
from .spill import SortedTexts
from escalation_desk.playbook.timefmt import iso

SCHEMA = "escalation-desk/index@1"


def json_number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def record(doc: Document, config: Playbook, now: datetime, items: list | None = None) -> dict:
    """`items`: the document's obligations when the caller has them already (the same list)."""
    front = doc.front
    assert front is not None
    unmet, next_update = open_deadlines(doc, config, now, items)
    return {
        "id": front.id,
        "title": doc.headline,
        "customer": front.customer,
        "account_id": front.account_id,
        "arr": json_number(front.arr),
        "renewal_date": front.renewal_date.isoformat() if front.renewal_date else None,
        "health_score": json_number(front.health_score),
        "severity": front.severity,
        "severity_state": doc.severity_state,
        "severity_set_by": front.severity_set_by,
        "severity_set_at": iso(front.severity_set_at),
        "tier": front.tier,
        "status": front.status,
        "owner": front.owner,
        "exec_sponsor": front.exec_sponsor,
        "sponsor_engaged_at": iso(front.sponsor_engaged_at),
        "follows": front.follows,
        "opened": iso(front.opened),
        "acknowledged": iso(front.acknowledged),
        "target_resolution": iso(front.target_resolution),
        "resolved": iso(front.resolved),
        "closed": iso(front.closed),
        "next_update_due": iso(next_update.due) if next_update else None,
        "deadlines": [{"kind": o.kind, "label": o.label, "due": iso(o.due), "warn_at": iso(o.warn_at),
                       "state": o.state(now)} for o in unmet],
        "overdue": [
            {"kind": o.kind, "label": o.label, "due": iso(o.due),
             "late_minutes": late_minutes(o, now)}
            for o in unmet if o.overdue(now)
        ],
        "triggers": list(front.triggers),
        "category": front.category,
        "post_mortems": [d.isoformat() for d in post_mortem_dates(doc)],
        "recovery": [{"milestone": r.name, "due": r.due.isoformat(), "done": r.done} for r in doc.recovery],
        "path": doc.path,
        "zendesk_tickets": list(front.zendesk_tickets),
        # The sidebar's banner on any ticket of the same organization ("Acme Corp has an open …").
        "organization_id": front.organization_id,
        "organization": front.customer,
        "cadence": _cadence(front),
    }


def open_deadlines(doc: Document, config: Playbook, now: datetime, items: list | None = None) -> tuple[list, object]:
    """The obligations not met yet, in order, and the next customer update among them (or None)."""
    items = obligations(doc, config, now) if items is None else items
    unmet = [o for o in items if not o.met]
    return unmet, next((o for o in unmet if o.kind == "customer_update"), None)


def late_minutes(o, now: datetime) -> int:  # noqa: ANN001 - Obligation
    return int((now - o.due).total_seconds() // 60)


def _cadence(front) -> dict | None:  # noqa: ANN001 - FrontMatter
    """The agreed update cadence that replaces the severity's, with who agreed and why."""
    if not front.cadence:
        return None
    return {"every": front.cadence, "agreed_by": front.cadence_agreed_by, "reason": front.cadence_reason}


def _tags(config: Playbook) -> dict:
    """The Zendesk tags the sync reads, as Zendesk stores them (lower case), so the sidebar
    applies the sync's own rule: ``escalation_tag`` (null when the sync watches no tag)
    and the tag of each severity. *config* is the whole configuration in practice; the
    Zendesk section is read by name because this layer imports no connector settings."""
    zendesk = getattr(config, "zendesk", None)
    tag = str(getattr(zendesk, "escalation_tag", "escalation") or "").strip().lower()
    prefix = str(getattr(zendesk, "severity_tag_prefix", "esc_")).strip().lower()
    return {
        "escalation_tag": tag or None,
        "severity_tags": {name: f"{prefix}sev{name[-1]}" for name in config.severities},
        # The zone a time written without one (`#esc target 2026-11-29 17:00`) is read in.
        "business_timezone": config.business_hours.timezone,
    }


def build_index(docs: Iterable[Document], config: Playbook, now: datetime) -> dict:
    """The index of every document that parses, sorted by ID; broken ones are left out."""
    records = sorted((record(d, config, now) for d in docs if d.front is not None), key=lambda r: r["id"])
    return _assemble(records, [IndexPart(r["id"], r["status"], r["zendesk_tickets"], "") for r in records],
                     config, now)


def index_texts(docs: Iterable[Document], config: Playbook, now: datetime,
                object_format: str = "sha1") -> tuple[str, str]:
    """The texts of ``index.json`` and of its check summary (:mod:`tracking.checksummary`), from one
    build (`object_format`: the repository's, which the summary names the index's blob in)."""
    index = build_index(docs, config, now)
    text = dumps(index)
    return text, summary_text(map(row_text, index["escalations"]), blob_sha(text.encode("utf-8"), object_format))


def _assemble(records: list, keys: list["IndexPart"], config: Playbook, now: datetime) -> dict:
    tickets: dict[str, str] = {}
    for rec in keys:
        for ticket in rec.tickets:
            # A ticket in two escalations is a check warning; the open / newer one wins here.
            current = tickets.get(str(ticket))
            if current is None or rec.status in OPEN_STATUSES:
                tickets[str(ticket)] = rec.id
    return {
        "schema": SCHEMA,
        "as_of": iso(now),
        "escalations": records,
        "tickets": dict(sorted(tickets.items(), key=lambda kv: int(kv[0]))),
        **_tags(config),
        **impact_fields(config),
    }


def impact_fields(config: Playbook) -> dict:
    """What the sidebar's Escalate form asks and how the answers give a level (the same
    questions and matrix the impact model answers from the ticket's text, playbook/impact_config.py)."""
    return {
        "impact_questions": [{"id": q.id, "text": q.text} for q in config.impact.questions],
        "impact_matrix": [{"when": dict(row.when), "severity": row.severity} for row in config.impact.matrix],
        "severity_definitions": {name: rule.definition for name, rule in config.severities.items()},
    }


class IndexPart(NamedTuple):
    """One document's record, already rendered as its JSON text (see :func:`collect`)."""

    id: str
    status: str
    tickets: list[int]
    text: str
    row: str = ""               # its check-summary row, as written (tracking.checksummary)


def index_part(config: Playbook, now: datetime, doc: Document, ensure_ascii: bool = False,
               depth: int = 0, summary_row: bool = True) -> IndexPart | str:
    """For :func:`tracking.scan.scan`: the record of one document, rendered where it was parsed
    (indented as an item `depth` levels deep), with its check-summary row unless `summary_row`
    is False (`esc status --json` writes no summary); the path of a document that does not parse."""
    if doc.front is None:
        return doc.path
    rec = record(doc, config, now)
    return IndexPart(rec["id"], rec["status"], rec["zendesk_tickets"],
                     dumps_indented(rec, ensure_ascii=ensure_ascii, depth=depth),
                     row_text(rec) if summary_row else "")


class Collected(NamedTuple):
    """The parts of every document: record texts by ID (on disk until written), what the
    ticket map needs, and the paths of the documents that do not parse."""

    records: SortedTexts
    keys: list[IndexPart]       # without their text
    skipped: list[str]


def collect(parts: Iterable[IndexPart | str]) -> Collected:
    records, keys, skipped = SortedTexts(), [], []
    for part in parts:
        if isinstance(part, str):
            skipped.append(part)
            continue
        records.add(part.id, part.text)
        keys.append(part._replace(text=""))
    keys.sort(key=lambda part: part.id)
    return Collected(records, keys, skipped)


def _items(texts: Iterator[str]) -> Iterator[str]:
    """Texts as the items of a JSON list: the first, then each after ",\n"."""
    separator = ""
    for text in texts:
        yield separator + text
        separator = ",\n"


def records_pieces(collected: Collected) -> Iterator[str]:
    """The text of ``json.dumps(records, indent=2)`` in pieces, from records rendered at depth 1."""
    if not collected.keys:
        yield "[]"
        return
    yield "[\n"
    yield from _items(collected.records.texts())
    yield "\n]"


def index_pieces(collected: Collected, config: Playbook, now: datetime) -> Iterator[str]:
    """The bytes of ``dumps(build_index(...))`` in pieces, from records rendered at depth 2."""
    if not collected.keys:
        yield dumps(_assemble([], [], config, now))
        return
    marker = "\x00records\x00"
    head, tail = dumps(_assemble([marker], collected.keys, config, now)).split(
        "    " + json.dumps(marker, ensure_ascii=False), 1)
    yield head
    yield from _items(collected.records.texts())
    yield tail


def dumps(index: dict) -> str:
    return json.dumps(index, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
