"""`esc status`'s plain table (tracking.plaintable) is rich's own output, byte for byte.

rich draws the table on a terminal; when the output is plain text the product draws it
itself (rich costs about a millisecond a row). Each test prints the same rows both ways and
compares the text: hostile cell text (long words, CJK, emoji and joiners, combining marks,
control characters, tabs, line breaks, markup-looking brackets) at many console widths,
the status table's own shapes at the width esc prints at when piped (160), and `esc status`
end to end against rich printing the same records through the product's console.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from support.core import NOW, esc, make_desk
from support.hostile_text import ALL
from escalation_desk.commands import output
from escalation_desk.tracking import plaintable
from escalation_desk.tracking.statusrows import HEADERS, NO_WRAP, title
from escalation_desk.tracking.views import status_table

TITLE = title(NOW)
# Pieces of cell text, each a kind that once broke a table writer (test data).
PIECES = ["a", "Zz", " ", "  ", "word", "x" * 37, "—", "…", "é", "Müller", "Ωμέγα", "Дмитрий", "(2 h 5 min)", ",",
          "漢字", "株式会社", "😀", "👩\u200d💻", "❤\ufe0f", "e\u0301", "\u0301", "\t", "\n", "\r", "\x07", "\x1b[31m",
          "\x00", "\x7f", "\x85", "\xa0", "\xad", "\u200b", "\u2028", "\u202e", "[bold]", "[/bold]", "[link=x]", ":smile:",
          "$1,000", "\u3000", "ｱ", "\U0001f1eb\U0001f1f7"]
cell_text = st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=7).map("".join)
SHAPED = {  # what the no-wrap columns hold in the status table
    "ID": st.from_regex(r"ESC-[0-9]{1,9}", fullmatch=True),
    "Sev": st.sampled_from(["SEV-1", "SEV-2 proposed", "SEV-4"]),
    "Next update": st.sampled_from(["—", "in 35 min", "OVERDUE 23 d 19 h", "in 1 h 5 min"]),
}


def rich_text(rows: list[tuple[str, ...]], width: int, heading: str = TITLE, headers: tuple = HEADERS,
              no_wraps: tuple = NO_WRAP) -> str:
    """rich's table, printed as commands.output.console prints it when not on a terminal."""
    out = io.StringIO()
    console = Console(file=out, width=width, no_color=True, highlight=False, markup=False, emoji=False)
    table = Table(title=heading, title_justify="left", expand=False)
    for column, no_wrap in zip(headers, no_wraps):
        table.add_column(column, no_wrap=no_wrap)
    for row in rows:
        table.add_row(*row)
    console.print(table)
    return out.getvalue()


def plain_text(rows: list[tuple[str, ...]], width: int, heading: str = TITLE) -> str | None:
    lines = plaintable.table_lines(heading, HEADERS, NO_WRAP, rows, width)
    return None if lines is None else "".join(line + "\n" for line in lines)


def both(rows: list[tuple[str, ...]], width: int) -> tuple[str, str | None]:
    try:
        want = rich_text(rows, width)
    except IndexError:   # rich's own bug cutting some joiner sequences in a no-wrap cell: nothing to match
        assume(False)
    return want, plain_text(rows, width)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.tuples(*[cell_text] * len(HEADERS)), min_size=1, max_size=5),
       width=st.integers(min_value=24, max_value=230))
def test_hostile_cells_at_any_width_are_rich_s_bytes(rows: list[tuple[str, ...]], width: int) -> None:
    want, got = both(rows, width)
    if got is not None:   # None: left to rich (a column narrower than its padding)
        assert got == want


status_row = st.tuples(*[SHAPED.get(name, cell_text) for name in HEADERS])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(status_row, min_size=1, max_size=8))
def test_status_shaped_rows_at_the_piped_width_are_drawn_here_and_match(rows: list[tuple[str, ...]]) -> None:
    want, got = both(rows, output.PLAIN_WIDTH)
    assert got is not None      # the fast writer covers what esc status prints
    assert got == want


@pytest.mark.parametrize("hostile", ALL, ids=range(len(ALL)))
def test_each_hostile_string_in_every_free_column(hostile: str) -> None:
    shaped = {"ID": "ESC-48213", "Sev": "SEV-2", "Next update": "in 35 min"}
    rows = [tuple(shaped.get(name, hostile) for name in HEADERS),
            tuple(shaped.get(name, f"{name} plain") for name in HEADERS)]
    want, got = both(rows, output.PLAIN_WIDTH)
    assert got == want


@pytest.mark.parametrize("width", [24, 40, 79, 80, 120, 160, 230])
def test_plain_long_words_and_wrapping(width: int) -> None:
    words = "Leaders notified (23 d 21 h), Next customer update (23 d 19 h), Plan step 1: Restore the sync job"
    rows = [("ESC-1", "SEV-1", "1", "In Progress", "Northwind Logistics International Holdings", "Owner " + "x" * 40,
             "$1,250,000", "OVERDUE 23 d 19 h", words),
            ("ESC-22", "SEV-3", "—", "Open", "Acme", "Lee Park", "—", "—", "—")]
    want, got = both(rows, width)
    if got is not None:
        assert got == want
    if width >= 80:
        assert got is not None


@pytest.mark.parametrize("width", [26, 30, 34, 40, 60])
def test_a_header_that_wraps_sits_at_the_bottom_of_its_row(width: int) -> None:
    headers, no_wraps = ("ID", "Next customer update due", "Overdue items and more"), (True, False, False)
    rows = [("ESC-1", "in 3 h", "Leaders notified (23 d 21 h), Next customer update (23 d 19 h)")]
    lines = plaintable.table_lines("Due", headers, no_wraps, rows, width)
    assert lines is not None
    assert "".join(line + "\n" for line in lines) == rich_text(rows, width, "Due", headers, no_wraps)


def test_the_simple_characters_are_one_cell_each_to_rich() -> None:
    chars = sorted(plaintable._SIMPLE)
    assert len(chars) > 900
    assert all(cell_len(c) == 1 and not c.isspace() and len(c.splitlines()) == 1 for c in chars)
    assert cell_len("".join(chars)) == len(chars)
    for text in ["\t", "\n", "a\u0301", "漢", "😀", "\xa0", "\x1b", "\u200d", "a\ufe0f", ""]:
        assert plaintable.simple(text) is (text == "")


# --------------------------------------------------------------------------- esc status end to end

HOSTILE_NAMES = {"customer": '"株式会社 Ünïcødé 😀 [bold]Corp[/bold] ' + "x" * 45 + '"',
                 "owner": '"Zoë 👩\u200d💻 O\'Brien-Łukasiewicz e\u0301 :smile:"'}


def _hostile_desk(tmp_path: Path) -> Path:
    desk = make_desk(tmp_path)
    for path in sorted((desk / "escalations").glob("*.md"))[:2]:
        text = path.read_text(encoding="utf-8")
        for key, value in HOSTILE_NAMES.items():
            text = re.sub(rf"(?m)^{key}: .*$", lambda _m, k=key, v=value: f"{k}: {v}", text, count=1)
        path.write_text(text, encoding="utf-8")
    return desk


def _rich_status(desk: Path, env: dict | None = None) -> str:
    records = json.loads(esc("--repo", desk, "--now", "2026-11-26T12:30:00Z", "status", "--json").out)
    out = io.StringIO()
    output.console(out).print(status_table(records, NOW))
    return out.getvalue()


def test_esc_status_piped_prints_what_rich_prints(tmp_path: Path) -> None:
    desk = _hostile_desk(tmp_path)
    result = esc("--repo", desk, "--now", "2026-11-26T12:30:00Z", "status")
    assert result.code == 0 and "株式会社" in result.out
    assert result.out == _rich_status(desk)


def test_forced_colour_is_left_to_rich(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    desk = _hostile_desk(tmp_path)
    calls: list[int] = []
    real = plaintable.table_lines
    monkeypatch.setattr(plaintable, "table_lines", lambda *a, **k: calls.append(1) or real(*a, **k))
    esc("--repo", desk, "--now", "2026-11-26T12:30:00Z", "status")
    assert calls == [1]
    forced = esc("--repo", desk, "--now", "2026-11-26T12:30:00Z", "status", env={"FORCE_COLOR": "1"})
    assert forced.code == 0 and calls == [1]      # rich drew it


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_only_plain_utf8_output_is_drawn_here(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    assert output._prints_plain(io.StringIO())
    assert not output._prints_plain(_Terminal())
    latin = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
    assert not output._prints_plain(latin)      # rich draws ASCII boxes there
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    assert not output._prints_plain(io.StringIO())
    monkeypatch.setenv("TTY_COMPATIBLE", "")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert not output._prints_plain(io.StringIO())
