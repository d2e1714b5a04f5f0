"""Changing a document without touching what people wrote.

Two operations, both line splices on the original text:

- :func:`set_fields` rewrites the lines of the front-matter keys it is given (and only
  when the value really changes), or inserts a missing key in its canonical place.
- :func:`add_entry` inserts one entry line into a section, in time order, after the
  lines already there; it never moves or rewrites an existing line.

After each splice the document is parsed again, so the returned Document is always
what a fresh read of the new text would give.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime

import yaml

from escalation_desk.playbook.text import single_line

from .entries import ENTRY_SECTIONS
from .model import FIELD_ORDER, MACHINE_FIELDS, Document
from .parse import parse_document
from escalation_desk.playbook.timefmt import iso


class EditError(ValueError):
    """The document cannot take this edit (it is broken, or the section is missing)."""


_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9À-ɏ][\w À-ɏ&'().,/@+-]*$")


def yaml_scalar(value: object) -> str:
    """One YAML value, formatted the way the documents write it, guaranteed to read back equal."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        text = repr(value)   # YAML 1.1 reads 1e-05 as a string: its floats need a dot
        return text.replace("e", ".0e") if "e" in text and "." not in text else text
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, (list, tuple)):
        # Inside [ ] a plain comma or bracket would split or end the item.
        return "[" + ", ".join(_quoted(v) if isinstance(v, str) and _FLOW.search(v) else yaml_scalar(v)
                               for v in value) + "]"
    text = str(value)
    if _PLAIN_SAFE.match(text) and not text.endswith(":"):
        try:
            if yaml.safe_load(text) == text:
                return text
        except yaml.YAMLError:
            pass
    return _quoted(text)


def _quoted(text: str) -> str:
    # A JSON string is a valid double-quoted YAML scalar, once the characters YAML refuses
    # raw (DEL, C1 controls, U+FFFE/FFFF) or reads as line breaks are escaped; a lone
    # surrogate (from a broken JSON escape upstream) cannot be stored in UTF-8 at all.
    text = _SURROGATE.sub("\ufffd", text)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


_FLOW = re.compile(r"[,\[\]{}]")
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def one_line_value(value: object) -> object:
    """A front-matter value as the product writes it: text on one line (`esc check`
    refuses a newline or control character in any front-matter value)."""
    if isinstance(value, str):
        return single_line(value)
    if isinstance(value, (list, tuple)):
        return type(value)(single_line(v) if isinstance(v, str) else v for v in value)
    return value


def _same(old: object, new: object) -> bool:
    if isinstance(old, (list, tuple)) and isinstance(new, (list, tuple)):
        return list(old) == list(new)
    if isinstance(old, (int, float)) and isinstance(new, (int, float)) and not isinstance(old, bool):
        return float(old) == float(new)
    return old == new


def _eol(doc: Document) -> str:
    return "\r\n" if doc.lines and doc.lines[0].endswith("\r\n") else "\n"


def _reparse(doc: Document, lines: list[str]) -> Document:
    return parse_document(doc.path, "".join(lines))


def set_fields(doc: Document, changes: dict[str, object]) -> Document:
    """Set front-matter keys; a value of None removes nothing (absent stays absent)."""
    if doc.front_close < 0 or not doc.raw_front and doc.front is None:
        raise EditError(f"{doc.path}: cannot edit a document whose front matter does not parse")
    for key in changes:
        if key not in FIELD_ORDER:
            raise EditError(f"{key!r} is not a tracking-document field")
    eol = _eol(doc)
    current = doc
    for key in sorted(changes, key=FIELD_ORDER.index):
        value = one_line_value(changes[key])
        if key in current.raw_front:
            if _same(current.raw_front[key], value):
                continue
            first, last = current.key_lines[key]
            lines = list(current.lines)
            old_lines = lines[first - 1:last]
            # The value is the sync's, but a comment a person wrote on or inside it is theirs.
            kept = [line for line in old_lines[1:] if line.lstrip().startswith("#")]
            comment = _inline_comment(old_lines[0], key, current.raw_front[key] if first == last else None)
            lines[first - 1:last] = [f"{key}: {yaml_scalar(value)}{comment}{eol}", *kept]
        else:
            if value is None or value == () or value == []:
                continue
            lines = list(current.lines)
            lines.insert(_insert_at(current, key), f"{key}: {yaml_scalar(value)}{eol}")
        current = _reparse(current, lines)
    if current.text != doc.text and set(changes) <= MACHINE_FIELDS:
        current = group_machine_keys(current)   # a machine write: the document takes the current layout
    return current


def group_machine_keys(doc: Document) -> Document:
    """The machine-owned keys moved, lines as they are, to sit together after the human ones.

    Only the sync's own key lines move (with a comment a person wrote on them); a person's
    line — a key they own, a comment on a line of its own, a blank line — stays where it is.
    """
    blocks = sorted((first, _with_own_comments(doc, last), key) for key, (first, last) in doc.key_lines.items())
    machine = [b for b in blocks if b[2] in MACHINE_FIELDS]
    if not machine or blocks[-len(machine):] == machine:
        return doc
    lines = list(doc.lines)
    moved = [lines[first - 1:last] for first, last, _ in sorted(machine, key=lambda b: FIELD_ORDER.index(b[2]))]
    for first, last, _ in reversed(machine):
        del lines[first - 1:last]
    close = doc.front_close - sum(last - first + 1 for first, last, _ in machine)
    lines[close:close] = [line for block in moved for line in block]
    return _reparse(doc, lines)


def _with_own_comments(doc: Document, last: int) -> int:
    """A key's last line, counting the indented comment lines right under it (they annotate it)."""
    while last < doc.front_close and doc.lines[last][:1] in (" ", "\t") and doc.lines[last].lstrip().startswith("#"):
        last += 1
    return last


def _inline_comment(line: str, key: str, value: object) -> str:
    """The `  # …` that ends a key's line (with its spacing), or "" — only where YAML itself
    reads a comment, so a '#' inside a quoted value is never taken for one."""
    text = line.rstrip("\r\n")
    for match in re.finditer(r"[ \t]+#", text):
        try:
            loaded = yaml.safe_load(text[:match.start()])
        except yaml.YAMLError:
            continue
        if isinstance(loaded, dict) and list(loaded) == [key] and _same(loaded[key], value):
            return text[match.start():]
    return ""


def _insert_at(doc: Document, key: str) -> int:
    """0-based index for a new key: after the nearest earlier canonical key, else before '---'."""
    position = FIELD_ORDER.index(key)
    for earlier in reversed(FIELD_ORDER[:position]):
        if earlier in doc.key_lines:
            return doc.key_lines[earlier][1]
    return doc.front_close


def add_entry(doc: Document, section: str, line: str, at: datetime | None = None) -> Document:
    """Insert one entry line into a section.

    With a time, the line goes after the last entry not later than it (so the
    section stays chronological); otherwise after the section's last entry. Blank
    lines and prose after the entries stay where they are.
    """
    if section not in doc.sections:
        raise EditError(f"{doc.path}: section '## {section}' is missing; add it, then try again")
    if section not in ENTRY_SECTIONS:
        raise EditError(f"'## {section}' is a prose section, not a list of entries")
    target = doc.sections[section]
    entries = target.entries
    if at is not None and entries and hasattr(entries[0], "at"):
        earlier = [e for e in entries if isinstance(getattr(e, "at", None), datetime) and e.at <= at]
        later = [e for e in entries if isinstance(getattr(e, "at", None), datetime) and e.at > at]
        if later and not earlier:
            index = min(e.line for e in later) - 1
        elif earlier:
            index = _after_entry(doc, max(e.line for e in earlier))
        else:
            index = _after_entry(doc, entries[-1].line)
    elif entries:
        index = _after_entry(doc, entries[-1].line)
    else:
        index = _after_heading(doc, target.heading_line, target.body_end)
    return _insert_line(doc, index, line)


def _insert_line(doc: Document, index: int, line: str) -> Document:
    """`line` inserted before 0-based `index`, with the document's line ending."""
    eol = _eol(doc)
    lines = list(doc.lines)
    if index > 0 and not lines[index - 1].endswith(("\n", "\r")):
        lines[index - 1] += eol
    lines.insert(index, line.rstrip("\r\n") + eol)
    return _reparse(doc, lines)


def _after_entry(doc: Document, entry_line: int) -> int:
    """Index just after an entry and its indented continuation lines."""
    index = entry_line  # 0-based index of the line after the entry
    while index < len(doc.lines) and doc.lines[index].startswith(("  ", "\t")) and doc.lines[index].strip():
        index += 1
    return index


def _after_heading(doc: Document, heading_line: int, body_end: int) -> int:
    """Where the first entry of an empty section goes: after placeholder comments, before the blank tail."""
    index = heading_line  # the line after the heading
    while index < body_end and doc.lines[index].strip().startswith("<!--") and doc.lines[index].strip().endswith("-->"):
        index += 1
    return index


def append_line(doc: Document, section: str, line: str) -> Document:
    """Append one line to a prose section: after its last written line (placeholder
    comments and the blank tail stay where they are); nothing already there changes."""
    if section not in doc.sections:
        raise EditError(f"{doc.path}: section '## {section}' is missing; add it, then try again")
    target = doc.sections[section]
    written = [i for i in range(target.body_start, min(target.body_end, len(doc.lines))) if doc.lines[i].strip()]
    index = written[-1] + 1 if written else _after_heading(doc, target.heading_line, target.body_end)
    return _insert_line(doc, index, line)
