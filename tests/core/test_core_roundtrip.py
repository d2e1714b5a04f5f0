"""An untouched document round-trips byte for byte: parse → text is the input.

For every example and every golden document that decodes, with LF and CRLF line
endings, with and without a final newline; and a no-op edit changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.core import EXAMPLES, GOLDEN_DIR
from escalation_desk.tracking.edit import set_fields
from escalation_desk.tracking.parse import parse_document



def _decodes(path: Path) -> bool:
    try:
        return bool(path.read_bytes().decode("utf-8").strip())
    except UnicodeDecodeError:   # refused before parsing: see the not-utf8 golden file
        return False


SOURCES = [p for p in [*EXAMPLES, *sorted(GOLDEN_DIR.glob("*.md"))] if _decodes(p)]


def _variants(data: bytes) -> dict[str, bytes]:
    lf = data.replace(b"\r\n", b"\n")
    bare = lf.rstrip(b"\n")
    return {
        "lf": bare + b"\n",
        "lf-no-final-newline": bare,
        "crlf": (bare + b"\n").replace(b"\n", b"\r\n"),
        "crlf-no-final-newline": bare.replace(b"\n", b"\r\n"),
        "extra-blank-lines": bare + b"\n\n\n",
    }


CASES = [(path, name, data) for path in SOURCES for name, data in _variants(path.read_bytes()).items()]


@pytest.mark.parametrize("path, variant, data", CASES, ids=[f"{p.stem}-{v}" for p, v, _ in CASES])
def test_parse_keeps_every_byte(path: Path, variant: str, data: bytes) -> None:
    text = data.decode("utf-8")
    for given in (data, text):
        doc = parse_document(path.name, given)
        assert doc.text == text
        assert "".join(doc.lines).encode("utf-8") == data


@pytest.mark.parametrize("variant", ["lf", "crlf", "lf-no-final-newline", "crlf-no-final-newline"])
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_line_endings_do_not_change_what_is_read(path: Path, variant: str) -> None:
    reference = parse_document(path.name, _variants(path.read_bytes())["lf"])
    doc = parse_document(path.name, _variants(path.read_bytes())[variant])
    assert doc.problems == reference.problems
    assert doc.front == reference.front
    assert doc.key_lines == reference.key_lines
    assert {n: s.entries for n, s in doc.sections.items()} == {n: s.entries for n, s in reference.sections.items()}


@pytest.mark.parametrize("variant", ["lf", "crlf", "lf-no-final-newline"])
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_a_no_op_edit_changes_nothing(path: Path, variant: str) -> None:
    data = _variants(path.read_bytes())[variant]
    doc = parse_document(path.name, data.decode("utf-8"))
    same = {key: doc.raw_front[key] for key in ("customer", "account_id", "arr", "renewal_date", "health_score",
                                                 "zendesk_tickets", "severity", "owner", "opened")}
    assert set_fields(doc, {}).text.encode("utf-8") == data
    assert set_fields(doc, same).text.encode("utf-8") == data
