"""A lean read of a tracking document: only as deep as the clocks, the index and the lists need.

:func:`lean_document` gives the :class:`~tracking.model.Document` that
:func:`tracking.parse.parse_document` gives — the same front matter (model, raw values, key
lines), title, sections (names, heading lines, body ranges) and entries — without what only
`esc check` and the editors use: the section texts (but Post-Escalation Actions', which the
index reads), the structure and prose checks, the text
and lines themselves (``text`` is ``""`` and ``lines`` ``[]`` unless ``keep_text``). The front
matter is read line by line when it is written as flat ``key: value`` lines (tracking.flatyaml),
with the YAML loader otherwise.

A good document is all the lean read handles. As soon as anything is off — the bytes, the
front matter, an entry, a section named twice, a fence never closed — it returns the full
parse instead, so a bad document has exactly the findings (one line naming file, line and
field) and the model it always had. tests/core/test_core_lean.py holds the two reads equal.
"""

from __future__ import annotations

from .entries import ENTRY_SECTIONS, EntryError, parse_entry
from .findings import Finding
from .flatyaml import read_flat
from .frontmatter import read_yaml
from .model import POST_ACTIONS, Document, FrontMatter, Section
from .parse import _FENCE, _FENCE_START, MAX_BYTES, _validate, parse_document, split_lines


class _Off(Exception):
    """The document is not plainly good: read it fully (its findings say why)."""


def lean_document(path: str, data: bytes, keep_text: bool = False) -> Document:
    """The document at `path` (display path) with contents `data`, read as deep as the
    clocks need; the full :func:`parse_document` whenever anything in it is off."""
    try:
        if len(data) > MAX_BYTES or not data.strip():
            raise _Off
        text = data.decode("utf-8")
        pieces = text.split("\n")
        count = len(pieces) - 1 if text.endswith("\n") else len(pieces)   # as split_lines counts them
        close = _close(pieces, count)
        raw, key_lines, front = _front(path, pieces, close)
        doc = Document(path=path, text=text if keep_text else "", lines=split_lines(text) if keep_text else [],
                       front=front, raw_front=raw, key_lines=key_lines, front_close=close, title="", title_line=0,
                       sections={}, section_order=[], problems=[])
        _read_body(doc, pieces, count)
        return doc
    except (_Off, UnicodeDecodeError):
        return parse_document(path, data)


def _close(pieces: list[str], count: int) -> int:
    """The index of the closing '---' (or '...') of the front matter."""
    if pieces[0].rstrip().removeprefix("\ufeff") != "---":
        raise _Off
    for index in range(1, count):
        if pieces[index].rstrip() in ("---", "..."):
            return index
    raise _Off


def _front(path: str, pieces: list[str], close: int) -> tuple[dict, dict[str, tuple[int, int]], FrontMatter]:
    problems: list[Finding] = []
    flat = read_flat(pieces[1:close])
    if flat is None:
        raw, key_lines = read_yaml(path, "\n".join(pieces[1:close]) + "\n" if close > 1 else "", problems)
        front = _validate(path, raw, key_lines, close, problems) if raw is not None else None
    else:
        raw, key_lines = flat
        front = _validate(path, raw, key_lines, close, problems, trusted=True)
    if front is None or problems:
        raise _Off
    return raw, key_lines, front


def _read_body(doc: Document, pieces: list[str], count: int) -> None:
    """Headings (outside code fences), the title, and the entries of the entry sections."""
    in_fence = False
    section: Section | None = None
    entries = False
    sections = doc.sections
    for index in range(doc.front_close + 1, count):
        raw = pieces[index]
        first = raw[:1]
        if first in _FENCE_START:
            if _FENCE.match(raw.rstrip("\r")):
                in_fence = not in_fence
                continue
        if in_fence:
            continue
        if first == "#":
            line = raw.rstrip("\r")
            if line.startswith("## ") or line == "##":
                name = line[2:].strip()
                if name in sections:
                    raise _Off   # a section named twice: the full parse says which
                if section is not None:
                    section.body_end = index
                section = Section(name=name, heading_line=index + 1, body_start=index + 1, body_end=count)
                sections[name] = section
                doc.section_order.append(name)
                entries = name in ENTRY_SECTIONS
            elif section is None and not doc.title_line and line.startswith("# "):
                doc.title, doc.title_line = line[2:].strip(), index + 1
        elif entries and (first == "-" or first == "*") and raw[1:2] == " ":
            try:
                section.entries.append(parse_entry(section.name, index + 1, "- " + raw.rstrip("\r")[2:]))  # type: ignore[union-attr]
            except EntryError:
                raise _Off from None
    if in_fence:
        raise _Off
    post = sections.get(POST_ACTIONS)   # the index's post-mortems (tracking.postactions) read its text
    if post is not None:
        post.text = "\n".join(pieces[post.body_start:post.body_end]).strip()
