"""The layout that keeps machine and human changes out of one hunk: machine keys together after
the human ones, reached on the next machine write without rewriting a person's line."""

from __future__ import annotations

from pathlib import Path

from escalation_desk.tracking.edit import set_fields
from escalation_desk.tracking.model import FIELD_ORDER, HUMAN_FIELD_ORDER, MACHINE_FIELDS
from escalation_desk.tracking.parse import parse_document

OLD = (Path(__file__).parent / "data" / "ESC-48213-old-layout.md").read_text(encoding="utf-8")
PATH = "escalations/ESC-48213-acme.md"


def front_keys(text: str) -> list[str]:
    doc = parse_document(PATH, text)
    return sorted(doc.key_lines, key=lambda k: doc.key_lines[k][0])


def test_machine_keys_come_after_every_human_key_in_the_canonical_order():
    assert FIELD_ORDER[:len(HUMAN_FIELD_ORDER)] == HUMAN_FIELD_ORDER
    assert set(FIELD_ORDER[len(HUMAN_FIELD_ORDER):]) == MACHINE_FIELDS


def test_the_next_machine_write_groups_the_machine_keys_and_moves_no_human_line():
    new = set_fields(parse_document(PATH, OLD), {"health_score": 41})
    keys = front_keys(new.text)
    machine = [k for k in keys if k in MACHINE_FIELDS]
    assert keys[-len(machine):] == machine
    assert "health_score: 41  # dropped after the outage (Dana)\n" in new.text
    human = [ln for ln in OLD.splitlines(keepends=True) if ln.split(":")[0] not in MACHINE_FIELDS]
    rest = [ln for ln in new.text.splitlines(keepends=True) if ln.split(":")[0] not in MACHINE_FIELDS]
    assert rest == human      # every other line, the person's own comment line included, as it was


def test_a_person_s_edit_does_not_move_anything():
    new = set_fields(parse_document(PATH, OLD), {"status": "Closed", "closed": "2026-11-20T18:00:00Z"})
    assert front_keys(new.text)[:3] == front_keys(OLD)[:3]


def test_grouping_happens_once():
    once = set_fields(parse_document(PATH, OLD), {"health_score": 41})
    twice = set_fields(once, {"health_score": 40})
    assert twice.text == once.text.replace("health_score: 41", "health_score: 40")
