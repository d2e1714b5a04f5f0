"""A three-way merge of line sequences finer than diff3: it looks at each line and each
gap between lines on its own, so only the same line changed two ways can conflict.

The inputs are sequences of :class:`Unit` — a line (or a small block of lines, such as a
multi-line front-matter key) with an *identity*:

- ``t:<text>`` — a plain line, identified by its text;
- any other prefix (``k:<key>``, ``m:<marker>``) — a unit whose place is merged here but
  whose content the caller merges (a front-matter key, a marked entry): this module only
  decides where it goes, never what it says.

For each side, :mod:`difflib` aligns the side with the base. Every base line is then kept,
deleted or replaced by that side, and every gap (before base line *k*) receives the lines
the side inserted there. A replaced run of lines is paired with its replacement by
similarity, so "line reworded, new line added next to it" is one rewording plus one
insertion — not the overlapping hunk that makes git conflict. Both sides inserting into
the same gap is a union (in the caller's order, e.g. by time), never a conflict.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Callable, Sequence


@dataclass(frozen=True)
class Unit:
    ident: str
    lines: tuple[str, ...]
    region: str = ""          # where the unit sits (front matter, a section's name)

    @property
    def text(self) -> str:
        return "".join(self.lines)

    @property
    def plain(self) -> bool:
        return self.ident.startswith("t:")


@dataclass
class Conflict:
    ours: list[Unit] = field(default_factory=list)
    theirs: list[Unit] = field(default_factory=list)
    base: list[Unit] = field(default_factory=list)


Piece = Unit | Conflict
GapOrder = Callable[[list[Unit], list[Unit]], list[Unit]]

SIMILAR = 0.5          # a replaced line and its replacement this similar are one line reworded
_PAIR_LIMIT = 60       # beyond this many lines a replaced run is paired by position (cheap)

_KEEP, _DELETE = "keep", "delete"


@dataclass
class _Side:
    """What one side did to each base line and gap."""
    lines: list[object]                 # _KEEP, _DELETE, or the Unit that replaced it
    gaps: list[list[Unit]]              # gaps[k]: units inserted before base line k (k == len: at the end)


def _pairs(base: Sequence[Unit], new: Sequence[Unit]) -> list[tuple[int, int]]:
    """Monotone pairs (i, j) of similar plain lines, maximising total similarity."""
    n, m = len(base), len(new)
    if n > _PAIR_LIMIT or m > _PAIR_LIMIT:
        return [(i, i) for i in range(min(n, m)) if base[i].plain and new[i].plain]

    def score(i: int, j: int) -> float:
        if not (base[i].plain and new[j].plain):
            return 0.0
        matcher = difflib.SequenceMatcher(None, base[i].text, new[j].text, autojunk=False)
        if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
            return 0.0
        ratio = matcher.ratio()
        return ratio if ratio >= SIMILAR else 0.0

    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            paired = score(i, j)
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + paired if paired else 0.0)
    out, i, j = [], 0, 0
    while i < n and j < m:
        paired = score(i, j)
        if paired and best[i][j] == best[i + 1][j + 1] + paired:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return out


def _positional(pairs: list[tuple[int, int]], base: Sequence[Unit], new: Sequence[Unit]) -> list[tuple[int, int]]:
    """The similar pairs, plus, between them, the rest paired by position: a plain line
    replaced by a different one is still that line changed (and conflicts with another
    change to it), while what is left over is a deletion or an insertion."""
    out: list[tuple[int, int]] = []
    bounds = [(-1, -1), *pairs, (len(base), len(new))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
        out.extend((i, j) for i, j in zip(range(i0 + 1, i1), range(j0 + 1, j1)) if base[i].plain and new[j].plain)
        if i1 < len(base):
            out.append((i1, j1))
    return out


def _side(base: Sequence[Unit], side: Sequence[Unit]) -> _Side:
    result = _Side(lines=[_KEEP] * len(base), gaps=[[] for _ in range(len(base) + 1)])
    matcher = difflib.SequenceMatcher(None, [u.ident for u in base], [u.ident for u in side], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "insert":
            result.gaps[i1].extend(side[j1:j2])
            continue
        for i in range(i1, i2):
            result.lines[i] = _DELETE
        if tag == "replace":
            _pair_replacement(base, side, i1, i2, j1, j2, result)
    return result


def _pair_replacement(base: Sequence[Unit], side: Sequence[Unit], i1: int, i2: int, j1: int, j2: int,
                      result: _Side) -> None:
    paired = dict((j1 + j, i1 + i) for i, j in _positional(_pairs(base[i1:i2], side[j1:j2]), base[i1:i2], side[j1:j2]))
    gap = i1
    for j in range(j1, j2):
        if j in paired:
            result.lines[paired[j]] = side[j]
            gap = paired[j] + 1
        else:
            result.gaps[gap].append(side[j])


def _union(ours: list[Unit], theirs: list[Unit], order: GapOrder) -> list[Unit]:
    if not ours or not theirs:
        return ours or theirs
    seen = {u.ident for u in ours}
    extra = [u for u in theirs if u.ident not in seen]
    return order(ours, extra) if extra else list(ours)


def _outcome(base: Unit, action: object) -> Unit | None:
    if action is _KEEP:
        return base
    return None if action is _DELETE else action   # type: ignore[return-value]


def merge_units(base: Sequence[Unit], ours: Sequence[Unit], theirs: Sequence[Unit],
                order: GapOrder = lambda a, b: a + b) -> list[Piece]:
    """The merged sequence: units, and a Conflict wherever the same base line was changed
    two different ways (adjacent conflicting lines are one Conflict)."""
    mine, yours = _side(base, ours), _side(base, theirs)
    pieces: list[Piece] = []
    for k in range(len(base) + 1):
        pieces.extend(_union(mine.gaps[k], yours.gaps[k], order))
        if k == len(base):
            break
        a, b = mine.lines[k], yours.lines[k]
        if a is _KEEP or a == b:
            kept = _outcome(base[k], b)
        elif b is _KEEP:
            kept = _outcome(base[k], a)
        else:
            _add_conflict(pieces, base[k], _outcome(base[k], a), _outcome(base[k], b))
            continue
        if kept is not None:
            pieces.append(kept)
    return pieces


def _add_conflict(pieces: list[Piece], base: Unit, ours: Unit | None, theirs: Unit | None) -> None:
    if pieces and isinstance(pieces[-1], Conflict):
        last = pieces[-1]
    else:
        last = Conflict()
        pieces.append(last)
    last.base.append(base)
    if ours is not None:
        last.ours.append(ours)
    if theirs is not None:
        last.theirs.append(theirs)
