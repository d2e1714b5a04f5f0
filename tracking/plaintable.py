"""`esc status`'s table as plain text: byte for byte what rich prints when it writes no colours.

rich's Table costs about a millisecond a row (every cell measured, wrapped and drawn as
styled segments); at 10,000 escalations that was ten times the cost of reading them. Piped,
in CI, or redirected to a file, rich writes no colour codes, so the table is only its text:
this module draws that text the way rich 13–15 draws it for the status table's shape (the
HEAVY_HEAD box with its edge, padding of one cell each side, left-justified columns, the
ID / Sev / Next update columns cut with "…", the others word-wrapped without folding long
words, which are cut with "…" as rich does, and a left-justified title): widths measured as
rich measures them (``Table._calculate_column_widths``, ``_collapse_widths`` and
``rich._ratio.ratio_reduce``, which is used here itself, as are rich's ``divide_line`` and box).

Only cells whose every character is one terminal cell wide and printable (ASCII, Latin,
Greek, Cyrillic, common punctuation: :func:`simple`) are measured and cut here; any other
cell (wide CJK, emoji, combining marks, control characters, tabs, line breaks) is measured
and rendered by rich itself, cell by cell. Anything else this writer does not cover (no rows,
a table too narrow to pad its cells, a title wider than the table) returns None: the caller
prints with rich. tests/core/test_core_plaintable.py holds the output to rich's, byte for byte.
"""

from __future__ import annotations

import io
import sys
from typing import Iterator, Sequence

from rich._ratio import ratio_reduce
from rich._wrap import divide_line
from rich.box import HEAVY_HEAD
from rich.cells import get_character_cell_size

_RANGES = ((0x21, 0x7E), (0xA1, 0x2FF), (0x370, 0x482), (0x2010, 0x2027), (0x2030, 0x205E), (0x20A0, 0x20C0))
_SIMPLE = frozenset(c for start, end in _RANGES for c in map(chr, range(start, end + 1))
                    if c.isprintable() and not c.isspace() and get_character_cell_size(c) == 1)


def simple(text: str) -> bool:
    """Every character printable, not a blank other than the space, and one cell wide to rich."""
    return (text.isascii() and text.isprintable()) or _SIMPLE.issuperset(text.replace(" ", ""))


class RichCells:
    """rich itself, for the cells :func:`simple` does not cover (imported only when one comes)."""

    def __init__(self, width: int) -> None:
        from rich.console import Console

        self.console = Console(file=io.StringIO(), width=width, force_terminal=False, no_color=True,
                               highlight=False, markup=False, emoji=False)

    def measure(self, text: str, max_width: int) -> int:
        """The widest the cell is (its padding included), as Table._measure_column measures it."""
        from rich.measure import Measurement
        from rich.padding import Padding

        options = self.console.options.update_width(max_width)
        return Measurement.get(self.console, options, Padding(text, (0, 1, 0, 1))).maximum

    def lines(self, text: str, width: int, no_wrap: bool, table_width: int) -> list[str]:
        """The cell's lines at its column's width, as Table._render renders them."""
        from rich.padding import Padding
        from rich.segment import Segment

        options = self.console.options.update(width=table_width, highlight=False, height=None).update(
            width=width, justify="left", no_wrap=no_wrap, overflow="ellipsis", height=None, highlight=False)
        rendered = self.console.render_lines(Padding(text, (0, 1, 0, 1)), options)
        return ["".join(segment.text for segment in line) for line in Segment.set_shape(rendered, width)]


class _Fallback:
    """A :class:`RichCells` made on first use."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.cells: RichCells | None = None

    def __call__(self) -> RichCells:
        if self.cells is None:
            self.cells = RichCells(self.width)
        return self.cells


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    """rich.table.Table._collapse_widths: shrink the widest wrapable columns until the table fits."""
    total = sum(widths)
    excess = total - max_width
    if any(wrapable):
        while total and excess > 0:
            widest = max(width for width, allow in zip(widths, wrapable) if allow)
            second = max(width if allow and width != widest else 0 for width, allow in zip(widths, wrapable))
            difference = widest - second
            ratios = [1 if (width == widest and allow) else 0 for width, allow in zip(widths, wrapable)]
            if not any(ratios) or not difference:
                break
            widths = ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
            total = sum(widths)
            excess = total - max_width
    return widths


def _maxima(grid: Sequence[Sequence[str]], max_width: int, fallback: _Fallback) -> list[int]:
    """Each column's widest cell with its padding (Table._measure_column's maximum)."""
    widest = [0] * len(grid[0])       # simple cells: their length
    measured = [0] * len(grid[0])     # other cells: as rich measures them, padding included
    for row in grid:
        for column, text in enumerate(row):
            if simple(text):
                if len(text) > widest[column]:
                    widest[column] = len(text)
            else:
                measured[column] = max(measured[column], fallback().measure(text, max_width))
    return [min(max(min(size, max_width) + 2, other), max_width) for size, other in zip(widest, measured)]


def column_widths(grid: Sequence[Sequence[str]], no_wrap: Sequence[bool], max_width: int,
                  fallback: _Fallback) -> list[int]:
    """Table._calculate_column_widths for a table that does not expand (`max_width`: without the borders)."""
    widths = [size or 1 for size in _maxima(grid, max_width, fallback)]
    if sum(widths) > max_width:
        widths = _collapse(widths, [not flag for flag in no_wrap], max_width)
        if sum(widths) > max_width:
            widths = ratio_reduce(sum(widths) - max_width, [1] * len(widths), widths, widths)
        # rich measures the columns again at these widths: for widths of 3 or more (the only
        # ones drawn here) that gives the same widths back.
    return widths


def _rstrip_end(text: str, size: int) -> str:
    """Text.rstrip_end: drop the trailing blanks beyond `size`."""
    blanks = len(text) - len(text.rstrip())
    return text[:len(text) - min(blanks, len(text) - size)] if blanks else text


def _wrapped(text: str, width: int) -> list[str]:
    """Text.wrap of a simple text, left-justified, long words cut with "…" (overflow "ellipsis")."""
    offsets = divide_line(text, width, fold=False)
    lines = []
    for start, end in zip([0, *offsets], [*offsets, len(text)]):
        line = text[start:end]
        if len(line) > width:
            line = _rstrip_end(line, width)
        lines.append(line[:width - 1] + "…" if len(line) > width else line + " " * (width - len(line)))
    return lines


def cell_lines(text: str, width: int, no_wrap: bool, table_width: int, fallback: _Fallback) -> list[str]:
    """A cell's lines, padded, each `width` cells wide."""
    if not simple(text):
        return fallback().lines(text, width, no_wrap, table_width)
    if len(text) <= width - 2:
        return [" " + text + " " * (width - 1 - len(text))]
    if no_wrap:
        return [" " + text[:width - 3] + "… "]
    return [" " + line + " " for line in _wrapped(text, width - 2)]


def _row(cells: Sequence[str], widths: list[int], no_wrap: Sequence[bool], table_width: int,
         edges: tuple[str, str, str], fallback: _Fallback, header: bool = False) -> list[str]:
    columns = [cell_lines(text, width, flag, table_width, fallback) for text, width, flag in zip(cells, widths, no_wrap)]
    height = max(len(lines) for lines in columns)
    if height > 1:
        for lines, width in zip(columns, widths):
            blank = [" " * width] * (height - len(lines))
            if header:     # the header row sits at the bottom, the others at the top
                lines[:0] = blank
            else:
                lines += blank
    left, divider, right = edges
    return [left + divider.join(parts) + right for parts in zip(*columns)]


def table_lines(title: str, headers: Sequence[str], no_wrap: Sequence[bool], rows: Sequence[Sequence[str]],
                width: int, fallback: _Fallback | None = None) -> Iterator[str] | None:
    """The lines rich prints for the table at a console `width` (made as they are read), or None
    where rich must draw it."""
    fallback = fallback or _Fallback(width)
    extra = len(headers) + 1
    if not rows or width - extra < 3:
        return None
    widths = column_widths([headers, *rows], no_wrap, width - extra, fallback)
    table_width = sum(widths) + extra
    if min(widths) < 3 or not simple(title) or len(title) > table_width:
        return None
    return _lines(title, headers, no_wrap, rows, widths, fallback)


def _lines(title: str, headers: Sequence[str], no_wrap: Sequence[bool], rows: Sequence[Sequence[str]],
           widths: list[int], fallback: _Fallback) -> Iterator[str]:
    box = HEAVY_HEAD
    table_width = sum(widths) + len(widths) + 1
    yield title + " " * (table_width - len(title))
    yield box.get_top(widths)
    yield from _row(headers, widths, no_wrap, table_width, (box.head_left, box.head_vertical, box.head_right),
                    fallback, header=True)
    yield box.get_row(widths, "head", edge=True)
    last = len(rows) - 1
    middle = (box.mid_left, box.mid_vertical, box.mid_right)
    for index, cells in enumerate(rows):
        edges = (box.foot_left, box.foot_vertical, box.foot_right) if index == last else middle
        yield from _row(cells, widths, no_wrap, table_width, edges, fallback)
    yield box.get_bottom(widths)


def plain_supported() -> bool:
    """rich draws boxes differently on legacy Windows consoles: leave those to it."""
    return sys.platform != "win32"
