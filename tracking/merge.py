"""The semantic merge of two versions of a tracking document (behind `esc merge-driver`).

A pure function of three texts. Each version is cut into units (see
:mod:`tracking.linemerge`): every front-matter key is one unit named by its key, every
entry the sync wrote is one unit named by its source marker, every other line is itself.
Their places are merged line by line and gap by gap; their contents by these rules:

- a front-matter key changed on one side takes that side's change; changed on both:
  a list (``zendesk_tickets``, ``triggers``) is the union, a machine-owned key
  (:data:`~tracking.model.MACHINE_FIELDS`) takes the incoming side's value (the sync's,
  when main is merged into a pull request) and keeps a comment a person wrote on it, and
  a person's key set two different ways is a conflict;
- entries both sides added to one place are all kept, in time order, each once;
- only the same human line (or key) changed two different ways conflicts.

The result is checked: a merge whose document has an error neither side had is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

import yaml

from .check_rules import check_document
from .edit import _inline_comment, _same, yaml_scalar
from .entries import ENTRY_SECTIONS, EntryError, parse_entry
from .findings import Finding
from .linemerge import Conflict, Piece, Unit, merge_units
from .model import MACHINE_FIELDS, Document
from .parse import parse_document

FRONT = "\x00front"
OURS_LABEL, THEIRS_LABEL = "ours", "theirs"


@dataclass
class MergeResult:
    text: str
    conflicts: list[tuple[int, str]] = field(default_factory=list)   # (line in `text`, what)
    refused: list[Finding] = field(default_factory=list)             # errors the merge would introduce

    @property
    def clean(self) -> bool:
        return not self.conflicts and not self.refused


# --------------------------------------------------------------------------- cutting into units

def units_of(path: str, text: str) -> tuple[list[Unit], Document]:
    """A version as units; a file that is not a readable document is plain lines."""
    doc = parse_document(path, text)
    lines = doc.lines
    if doc.front_close < 0 or not doc.key_lines:
        return [Unit("t:" + line, (line,)) for line in lines], doc
    units: list[Unit] = [Unit("t:" + lines[0], (lines[0],), FRONT)]
    by_start = {first: (key, last) for key, (first, last) in doc.key_lines.items()}
    number = 2
    while number <= doc.front_close:
        if number in by_start:
            key, last = by_start[number]
            units.append(Unit("k:" + key, tuple(lines[number - 1:last]), FRONT))
            number = last + 1
        else:
            units.append(Unit("t:" + lines[number - 1], (lines[number - 1],), FRONT))
            number += 1
    markers = {e.line: e.marker for s in doc.sections.values() for e in s.entries if e.marker}
    region = ""
    for index in range(doc.front_close, len(lines)):
        line = lines[index]
        if index > doc.front_close and line.startswith("## "):
            region = line[3:].strip()
        ident = "m:" + markers[index + 1] if index + 1 in markers else "t:" + line
        units.append(Unit(ident, (line,), FRONT if index == doc.front_close else region))
    return units, doc


def _time_of(unit: Unit) -> datetime | None:
    if unit.region not in ENTRY_SECTIONS or not unit.lines[0].lstrip().startswith(("- ", "* ")):
        return None
    try:
        at = getattr(parse_entry(unit.region, 0, "- " + unit.lines[0].strip()[2:]), "at", None)
    except EntryError:
        return None
    return at if isinstance(at, datetime) else None


def time_order(ours: list[Unit], theirs: list[Unit]) -> list[Unit]:
    """Two runs of lines added to one place, as one run in time order (each run keeps its
    own order; lines without a time keep theirs after ours)."""
    times = [_time_of(u) for u in ours], [_time_of(u) for u in theirs]
    if None in times[0] or None in times[1]:
        return ours + theirs
    out, i, j = [], 0, 0
    while i < len(ours) and j < len(theirs):
        if times[1][j] < times[0][i]:
            out.append(theirs[j])
            j += 1
        else:
            out.append(ours[i])
            i += 1
    return out + ours[i:] + theirs[j:]


# --------------------------------------------------------------------------- contents

def _split(key: str, line: str) -> tuple[str, object, str, str] | None:
    """`key: value  # comment` → (value text, value, comment, line ending)."""
    text = line.rstrip("\r\n")
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    if not isinstance(loaded, dict) or list(loaded) != [key]:
        return None
    comment = _inline_comment(line, key, loaded[key])
    value_text = text[len(key) + 1:len(text) - len(comment)].strip()
    return value_text, loaded[key], comment, line[len(text):]


def _three(base: object, ours: object, theirs: object, same: Callable[[object, object], bool]) -> tuple[bool, object]:
    """(resolved, value) of a three-way choice; unresolved when both sides changed it apart."""
    if same(ours, theirs) or same(theirs, base):
        return True, ours
    if same(ours, base):
        return True, theirs
    return False, None


def _union(base: list, ours: list, theirs: list) -> list:
    removed = [x for x in base if x not in ours or x not in theirs]
    merged = [x for x in ours if x not in removed]
    return merged + [x for x in theirs if x not in merged and x not in removed]


def _key_line(key: str, base: str | None, ours: str, theirs: str) -> str | None:
    o, t = _split(key, ours), _split(key, theirs)
    b = _split(key, base) if base is not None else ("", None, "", "")
    if o is None or t is None or b is None:
        return None
    done, value = _three(b, o, t, lambda x, y: _same(x[1], y[1]))
    if done:
        value_text = value[0]
    elif all(isinstance(v[1], list) for v in (o, t)):
        value_text = yaml_scalar(_union(b[1] if isinstance(b[1], list) else [], o[1], t[1]))
    elif key in MACHINE_FIELDS:
        value_text = t[0]
    else:
        return None
    done, comment = _three(b[2], o[2], t[2], lambda x, y: x == y)
    if not done:
        return None
    return f"{key}: {value_text}{comment}{o[3] or t[3]}"


def merge_key(key: str, base: Unit | None, ours: Unit | None, theirs: Unit | None) -> Unit | Conflict | None:
    """One front-matter key's block in the merge (None: the key is absent)."""
    text = lambda u: None if u is None else u.text  # noqa: E731
    done, chosen = _three(text(base), text(ours), text(theirs), lambda x, y: x == y)
    if done:
        return ours if chosen == text(ours) else theirs
    machine = key in MACHINE_FIELDS
    if ours is None or theirs is None:
        return (ours or theirs) if machine else Conflict([ours or theirs] if ours else [], [theirs] if theirs else [])
    if len(ours.lines) == 1 == len(theirs.lines):
        old = base.lines[0] if base is not None and len(base.lines) == 1 else None
        line = _key_line(key, old, ours.lines[0], theirs.lines[0])
        if line is not None:
            return Unit(ours.ident, (line,), ours.region)
    return theirs if machine else Conflict([ours], [theirs], [base] if base else [])


def merge_marked(base: Unit | None, ours: Unit | None, theirs: Unit | None) -> Unit | Conflict | None:
    done, chosen = _three(base, ours, theirs, lambda x, y: (x and x.text) == (y and y.text))
    if done:
        return chosen   # type: ignore[return-value]
    if ours is None or theirs is None:   # reworded on one side, deleted on the other
        return ours or theirs
    return Conflict([ours], [theirs], [base] if base else [])


# --------------------------------------------------------------------------- assembling

def _contents(versions: tuple[list[Unit], list[Unit], list[Unit]]) -> dict[str, Unit | Conflict | None]:
    maps = [{u.ident: u for u in units if not u.plain} for units in versions]
    out: dict[str, Unit | Conflict | None] = {}
    for ident in {i for m in maps for i in m}:
        b, o, t = (m.get(ident) for m in maps)
        if ident.startswith("k:"):
            out[ident] = merge_key(ident[2:], b, o, t)
        else:
            out[ident] = merge_marked(b, o, t)
    return out


def _placed(pieces: list[Piece], contents: dict[str, Unit | Conflict | None]) -> list[Piece]:
    out: list[Piece] = []
    seen: set[str] = set()
    for piece in pieces:
        if isinstance(piece, Conflict) or piece.plain:
            out.append(piece)
            continue
        if piece.ident in seen:
            continue
        seen.add(piece.ident)
        content = contents.get(piece.ident)
        if content is not None:
            out.append(content)
    missing = [c for ident, c in contents.items() if c is not None and ident not in seen and ident.startswith("k:")]
    if missing:   # a key both sides moved out of sight: before the closing '---'
        close = next((i for i, p in enumerate(out) if i and isinstance(p, Unit) and p.region == FRONT
                      and p.lines[0].rstrip() in ("---", "...")), len(out))
        out[close:close] = sorted(missing, key=lambda c: c.ident if isinstance(c, Unit) else "")
    return out


def _render(pieces: list[Piece]) -> tuple[str, list[tuple[int, str]]]:
    lines: list[str] = []
    conflicts: list[tuple[int, str]] = []

    def put(text: str) -> None:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        lines.append(text)

    for piece in pieces:
        if isinstance(piece, Unit):
            for line in piece.lines:
                put(line)
            continue
        conflicts.append((len(lines) + 1, _describe(piece)))
        put(f"<<<<<<< {OURS_LABEL}\n")
        for line in (ln for u in piece.ours for ln in u.lines):
            put(line)
        put("=======\n")
        for line in (ln for u in piece.theirs for ln in u.lines):
            put(line)
        put(f">>>>>>> {THEIRS_LABEL}\n")
    return "".join(lines), conflicts


def _describe(conflict: Conflict) -> str:
    first = (conflict.ours or conflict.theirs or conflict.base or [Unit("t:", ("",))])[0]
    if first.ident.startswith("k:"):
        return f"front-matter key {first.ident[2:]!r} changed on both sides"
    where = "the front matter" if first.region == FRONT else f"'## {first.region}'" if first.region else "the title"
    return f"the same line in {where} changed on both sides"


def merge_documents(path: str, base: str, ours: str, theirs: str,
                    validate: Callable[[Document], list[Finding]] | None = None) -> MergeResult:
    """Merge `theirs` into `ours` (both descended from `base`)."""
    versions = tuple(units_of(path, text) for text in (base, ours, theirs))
    if versions[0][1].front is not None and any(v[1].front is None for v in versions[1:]):
        return _whole_file_conflict(ours, theirs)
    units = tuple(v[0] for v in versions)
    pieces = merge_units(units[0], units[1], units[2], order=time_order)
    text, conflicts = _render(_placed(pieces, _contents(units)))
    result = MergeResult(text, conflicts)
    if conflicts or validate is None or versions[1][1].front_close < 0:
        return result
    had = {f.code for doc in (versions[1][1], versions[2][1]) for f in validate(doc) if f.level == "error"}
    merged = parse_document(path, text)
    result.refused = [f for f in validate(merged) if f.level == "error" and f.code not in had]
    return result


def _whole_file_conflict(ours: str, theirs: str) -> MergeResult:
    """One side is no longer a readable document (emptied, its front matter gone or not
    parsing) while the base was one: merging line by line would keep only the other side's
    changed lines and drop the rest of its text (review F24), or add the other side's key as
    a second one (review3 M2), so the whole file conflicts, marked as git marks it."""
    def block(text: str) -> str:
        return text if not text or text.endswith("\n") else text + "\n"

    text = f"<<<<<<< {OURS_LABEL}\n{block(ours)}=======\n{block(theirs)}>>>>>>> {THEIRS_LABEL}\n"
    return MergeResult(text, [(1, "one side is no longer a readable document (its front matter is gone or does not parse): merge the whole file by hand")])


def checker(config, now: datetime) -> Callable[[Document], list[Finding]]:
    """`esc check`'s rules for one document, as the merge's validation."""
    return lambda doc: check_document(doc, config, now)
