"""`esc status`'s rows, built in the workers from only the fields they show, are the rows of
the documents' index records (tracking.index.record), for every example and golden document
at several moments (before, during and long after their deadlines)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from support.core import EXAMPLES_DIR, roster_config
from escalation_desk.tracking.index import record
from escalation_desk.tracking.lean import lean_document
from escalation_desk.tracking.parse import parse_document
from escalation_desk.tracking.statusrows import by_urgency, sorted_rows, status_part, status_row

DOCUMENTS = sorted(EXAMPLES_DIR.glob("*.md")) + sorted((Path(__file__).parent / "golden").glob("*.md"))
MOMENTS = [datetime(2026, 11, 20, 14, 30, tzinfo=timezone.utc) + timedelta(hours=h) for h in (0, 3, 30, 24 * 9, 24 * 400)]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_a_document_s_row_is_its_record_s_row(path: Path) -> None:
    config = roster_config()
    data = path.read_bytes()
    for read in (lean_document, parse_document):
        doc = read(path.name, data)
        for now in MOMENTS:
            row = status_part(config, now, doc)
            if doc.front is None:
                assert row == path.name
            else:
                assert row == status_row(record(doc, config, now), now)


def test_rows_are_in_the_order_the_records_had() -> None:
    """Before: records sorted by ID (ties in the order read), then by urgency (tracking.views.by_urgency)."""
    config, now = roster_config(), MOMENTS[2]
    docs = [lean_document(p.name, p.read_bytes()) for p in DOCUMENTS]
    docs += docs[::-1]    # every ID at least twice: ties
    rows, skipped = sorted_rows(status_part(config, now, d) for d in docs)
    records = sorted((record(d, config, now) for d in docs if d.front is not None), key=lambda r: r["id"])
    assert rows == [status_row(r, now) for r in by_urgency(records)]
    assert len(skipped) == sum(d.front is None for d in docs) > 0
