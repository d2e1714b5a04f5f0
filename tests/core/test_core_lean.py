"""The lean read (tracking.lean, behind `esc index`, `status`, `overdue`) gives what the full
parse gives: the same front matter, key lines, title, sections and entries for every good
document, and for a bad one the full parse itself (its findings, one line each). The flat
front-matter reader (tracking.flatyaml) gives what the YAML loader gives, or steps aside.

The documents here are the examples, the golden ones (good and bad) and documents made
from them by inserting lines that break Markdown, YAML and the entry shapes.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from support.core import EXAMPLES, GOLDEN_DIR

from escalation_desk.tracking.flatyaml import read_flat
from escalation_desk.tracking.frontmatter import read_yaml
from escalation_desk.tracking.lean import lean_document
from escalation_desk.tracking.model import FIELD_ORDER, Document
from escalation_desk.tracking.parse import parse_document

GOLDEN = sorted(GOLDEN_DIR.glob("*.md"))

# Values a person might type after a key, biased towards what YAML reads as something else.
VALUES = [
    "Owner 1", "x  y", "Zürich AG", "001Dn0000", "10137", "0", "0123", "1_000", "1.5", "1.", ".5", "1e3", "-5",
    "+5", "on", "off", "yes", "No", "NULL", "~", "null", "true", "y", "2026-11-02T14:37:00Z", "2026-11-02",
    "2026-13-02", "2026-11-02T14:37:00+01:00", "2026-11-02T14:37:00-05:30", "2026-11-02T14:37:00",
    "2026-11-02 14:37:00Z", "2026-11-02T14:37:00.5Z", "2026-02-30", "2026-11-02T14:37:00+24:00", "0000-01-01",
    "[100001]", "[1, 2]", "[]", "[ ]", "[1, ]", "[1,2]", "[keyword:cancel]", "[a: b]", "[x:]", "[[1]]", "{a: 1}",
    '["a", 2]', "['a', 'b c']", '["x,y"]', "keyword:cancel", "x:", "a:b:c", "a:/b", "http://x.y/z", "1:20",
    "12:30:00", "0x1F", "0o17", '"quoted"', '"q \\" x"', "'single'", "'it''s'", '"a # b"', "a # b", "a#b", "#x",
    "&a x", "*a", "!tag x", "|", ">", "- x", "? x", "@x", "`x", "%x", "it's", "a, b", "\u202ex", "a\u2028b",
    "a\x85b", "tab\tx", "日本", "😀", "a\\b", ".inf", ".NaN", "=", "<<", "\ufeffx", "x ", "  ", "", "-", "07",
    "08", "1__0", "_1", "a\rb", "SEV-2", "In Progress", "ESC-1", "Open ", "1 2",
]
KEYS = [*FIELD_ORDER, "bogus", "on", "Id", "y"]


def _check_flat(text: str) -> bool:
    """read_flat of `text` equals read_yaml's, value for value and type for type; True if it read it."""
    flat = read_flat(text.split("\n"))
    if flat is None:
        return False
    problems: list = []
    values, key_lines = read_yaml("doc.md", text + "\n", problems)
    assert problems == [] and values is not None, text
    assert flat[1] == key_lines, text
    assert list(flat[0]) == list(values), text
    for mine, theirs in zip(flat[0].values(), values.values()):
        assert (mine, type(mine)) == (theirs, type(theirs)), text
        if isinstance(mine, list):
            assert [type(item) for item in mine] == [type(item) for item in theirs], text
        if hasattr(mine, "utcoffset"):
            assert mine.utcoffset() == theirs.utcoffset(), text
    return True


def test_flat_front_matter_reads_as_yaml_or_steps_aside() -> None:
    read = sum(_check_flat(f"{key}:{gap}{value}{after}")
               for key in ("id", "owner", "bogus", "on") for value in VALUES
               for gap in (" ", "", "  ") for after in ("", "  ", "\nstatus: Open", " # note"))
    assert read > 100   # the common forms are read here, not by the loader


def test_flat_front_matter_mixed_lines() -> None:
    rng = random.Random(17)
    read = 0
    for _ in range(3000):
        lines = []
        for key in rng.sample(KEYS, rng.randint(1, 6)):
            roll = rng.random()
            lines.append(f"{key}:" if roll < 0.05 else "" if roll < 0.08 else "# note" if roll < 0.1
                         else f"  {key}: x" if roll < 0.12 else f"{key}: {rng.choice(VALUES)}")
        read += _check_flat("\n".join(lines))
    assert read > 300


def _shape(doc: Document) -> tuple:
    sections = {name: (s.heading_line, s.body_start, s.body_end, s.entries) for name, s in doc.sections.items()}
    post = doc.sections.get("Post-Escalation Actions")   # its text too: the index reads its post-mortems
    return (doc.path, doc.front, doc.raw_front, doc.key_lines, doc.front_close, doc.title, doc.title_line,
            doc.section_order, sections, doc.id, doc.severity_state, doc.headline, post.text if post else None)


def _same(data: bytes) -> Document:
    full, lean = parse_document("escalations/doc.md", data), lean_document("escalations/doc.md", data)
    assert _shape(lean) == _shape(full)
    if full.front is None or lean.text:   # anything off: the full parse itself, findings and all
        assert lean.problems == full.problems and (lean.text, lean.lines) == (full.text, full.lines)
    else:
        assert lean.lines == [] and lean.problems == []
        kept = lean_document("escalations/doc.md", data, keep_text=True)
        assert (kept.text, kept.lines) == (full.text, full.lines)
    return lean


@pytest.mark.parametrize("path", [*EXAMPLES, *GOLDEN], ids=lambda p: Path(p).name)
def test_lean_read_equals_the_full_parse(path: Path) -> None:
    _same(path.read_bytes())


def test_the_examples_are_read_lean() -> None:
    """The examples take the lean road (no full parse behind the scenes): no text kept."""
    for path in EXAMPLES:
        assert lean_document(path.name, path.read_bytes()).text == ""


# Lines that break Markdown, YAML and the entry shapes, inserted anywhere.
NASTY = [
    "```", "~~~", "   ```python", "    ```", "## Root Cause", "## Timeline of Events", "##", "## ", "# Another title",
    "#", "- not an entry", "* 2026-11-20 14:05 UTC — starred entry", "- 2026-11-20 14:05 — no zone", "-",
    "- Step 1: x — Owner: y — Due: 2026-11-40", "- Step 2: x — Owner: y — Due: 2026-11-21", "<<<<<<< HEAD",
    "=======", ">>>>>>> branch", "\x0b", "\u2028## Root Cause", "\ufeff---", "...", "---", "key: value", "",
    "  ", "- [x] Week 1: done — Due: 2026-11-28", "- Priya Raman, CS Director, 2026-11-20 15:10 UTC",
    "- 2026-11-20 14:40 UTC: email — said things <!-- zd:comment:1 -->", "\t```", "~~~~", "## Recovery Plan",
]


def _mutations(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        roll = rng.random()
        where = rng.randrange(len(lines) + 1)
        if roll < 0.6:
            lines.insert(where, rng.choice(NASTY))
        elif roll < 0.8 and lines[1:]:
            close = lines.index("---", 1) if "---" in lines[1:] else len(lines)
            if close > 1:
                row = rng.randrange(1, close)
                key = lines[row].split(":", 1)[0]
                lines[row] = f"{key}: {rng.choice(VALUES)}"
        elif roll < 0.9 and where < len(lines):
            del lines[where]
        else:
            lines[where - 1 if where else 0] += "\r"
    joined = "\n".join(lines)
    return joined.replace("\n", "\r\n") if rng.random() < 0.05 else joined


def test_lean_read_equals_the_full_parse_on_made_documents() -> None:
    rng = random.Random(2026)
    sources = [path.read_bytes().decode("utf-8", "replace") for path in [*EXAMPLES, *GOLDEN] if path.stat().st_size]
    good = 0
    for _ in range(1500):
        doc = _same(_mutations(rng.choice(sources), rng).encode("utf-8"))
        good += doc.text == ""
    assert good > 100   # enough of them stay good to test the lean road itself


def test_bad_bytes_are_the_full_parse() -> None:
    for data in (b"", b"  \n", b"\xff\xfe---\n", b"---\nid: ESC-1\n", b"# no front matter\n", b"x" * (1024 * 1024 + 1)):
        _same(data)


@pytest.mark.parametrize("digits", [4000, 4001, 4301, 50_000])
def test_a_number_too_long_for_python_steps_aside_and_the_document_is_one_finding(digits: int) -> None:
    """Review3 P1: int() refuses over 4,300 digits (ValueError), which crashed esc status,
    overdue, index and report (even after the document was deleted: history is read)."""
    line = f"arr: {'9' * digits}"
    flat = read_flat([line])
    assert (flat is None) == (digits > 4000)
    example = EXAMPLES[0]
    text = example.read_text(encoding="utf-8").replace("\nstatus:", f"\n{line}\nstatus:", 1)
    assert line in text
    doc = _same(text.encode("utf-8"))                          # lean and full read agree, no exception
    assert doc.front is not None or doc.problems
