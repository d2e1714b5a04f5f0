"""The report's JSON text: ``json.dumps(value, indent=2, ensure_ascii=False)``, written by the
one fast indented-JSON writer the whole-repository commands share (:mod:`tracking.jsontext`:
the standard library renders indented JSON with its pure-Python encoder, most of what the
report's JSON cost at 10,000 escalations). tests/report/test_report_jsontext.py holds the
text equal to json.dumps for every value it can generate."""

from __future__ import annotations

from escalation_desk.tracking.jsontext import dumps_indented


def dumps(value: object, depth: int = 0) -> str:
    """With `depth`, as an item `depth` levels deep in a bigger text (every line indented 2 × depth)."""
    return dumps_indented(value, ensure_ascii=False, depth=depth)
