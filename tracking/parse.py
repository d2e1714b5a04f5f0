"""Reading a tracking document into a :class:`~tracking.model.Document`.

Parsing never raises for a bad document: every problem becomes a
:class:`~tracking.findings.Finding` with the file and line, so `esc check` can report
all of them at once. Only the caller decides whether an error stops the work.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from typing import TYPE_CHECKING

from escalation_desk.playbook.text import excerpt, unsafe_single_line

from .entries import ENTRY_SECTIONS, EntryError, parse_entry
from .findings import Finding
from .frontmatter import TIME_FIELDS as _TIME_FIELDS, read_yaml
from .model import FIELD_ORDER, REQUIRED_FIELDS, SECTIONS, Document, Section
from .plainfront import PlainFront, plain_front

if TYPE_CHECKING:
    from .frontmodel import FrontMatter

MAX_BYTES = 1024 * 1024  # a tracking document is prose, not a data dump

_FENCE_START = frozenset(" \t`~")   # a fence line starts with one of these (up to 3 spaces of indent)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def _err(path: str, line: int, code: str, message: str) -> Finding:
    return Finding(path, line, "error", code, message)


def _warn(path: str, line: int, code: str, message: str) -> Finding:
    return Finding(path, line, "warning", code, message)


def decode(path: str, data: bytes) -> tuple[str | None, list[Finding]]:
    """Bytes → text, or the one finding that says why not."""
    if len(data) > MAX_BYTES:
        return None, [_err(path, 1, "too-large",
                           f"file is over the {MAX_BYTES // 1048576} MB limit for a tracking document; "
                           "move attachments and logs out of it")]
    if not data.strip():
        return None, [_err(path, 1, "empty", "file is empty; start from `esc new` or a copy of an example")]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [_err(path, line, "not-utf8",
                           f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8")]


def parse_document(path: str, data: bytes | str, plain: bool = False) -> Document:
    """The document at `path` (display path) with contents `data`. `plain`: a front matter that is
    plainly valid is a :class:`~tracking.plainfront.PlainFront` (no pydantic; `esc check`), any
    other is validated by the model as always."""
    if isinstance(data, bytes):
        text, problems = decode(path, data)
        if text is None:
            return _empty(path, "", problems)
    else:
        text, problems = data, []
    lines = split_lines(text)
    problems.extend(conflict_markers(path, lines))
    close = _front_matter_close(lines)
    if not lines or lines[0].rstrip("\r\n").rstrip().removeprefix("\ufeff") != "---":  # a BOM is allowed
        problems.append(_err(path, 1, "no-front-matter",
                             "no front matter: the file must start with a '---' line, then the YAML keys, then '---'"))
        return _empty(path, text, problems, lines)
    if close < 0:
        problems.append(_err(path, 1, "unclosed-front-matter",
                             "front matter is never closed: add a '---' line after the last key"))
        return _empty(path, text, problems, lines)

    _find_control_characters(path, text, lines, problems)
    raw, key_lines = read_yaml(path, "".join(lines[1:close]), problems)
    front = _validate(path, raw, key_lines, close, problems, plain=plain) if raw is not None else None
    doc = Document(path=path, text=text, lines=lines, front=front, raw_front=raw or {}, key_lines=key_lines,
                   front_close=close, title="", title_line=0, sections={}, section_order=[], problems=problems)
    _read_body(doc)
    return doc


def split_lines(text: str) -> list[str]:
    """Lines ending at '\\n' only, with their endings, as git and GitHub count them.

    ``str.splitlines`` also breaks at U+2028, U+0085, form feeds and more, which would
    shift every line number after one and let pasted text start a fake '## ' heading.
    """
    return _LINE.findall(text)


_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")

_OPEN, _CLOSE, _MIDDLE = re.compile(r"<{7}(?:\s|$)"), re.compile(r">{7}(?:\s|$)"), re.compile(r"(?:={7}|\|{7})(?:\s|$)")


def conflict_markers(path: str, lines: list[str]) -> list[Finding]:
    """A merge conflict left in the file, anywhere (code fences included): one error per marker line.
    `=======` alone is a Markdown heading underline, so it counts only inside a `<<<<<<<` block."""
    found, inside = [], False
    for number, raw in enumerate(lines, 1):
        if raw[:1] not in "<>=|":
            continue
        line = raw.rstrip("\r\n")
        if _OPEN.match(line) or _CLOSE.match(line) or (inside and _MIDDLE.match(line)):
            inside = bool(_OPEN.match(line)) or (inside and not _CLOSE.match(line))
            found.append(_err(path, number, "conflict-marker",
                              f"merge conflict marker {line[:7]!r} left in the document; keep the lines that are "
                              "right, delete the markers, and run `esc check` again"))
    return found


# Raw control characters (but tab, and CR ending a line) make git treat a document as
# binary and reach terminals as escape sequences; bidi overrides make it read in another
# order than it is stored.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")


def _find_control_characters(path: str, text: str, lines: list[str], problems: list[Finding]) -> None:
    if not _CONTROL.search(text):
        return
    reported = 0
    for number, line in enumerate(lines, 1):
        found = _CONTROL.search(line.removesuffix("\r\n").removesuffix("\n"))
        if found:
            problems.append(_err(path, number, "control-character",
                                 f"line holds the control character U+{ord(found.group()):04X}; "
                                 "delete it (it hides text or makes git treat the file as binary)"))
            reported += 1
            if reported == 20:
                break


def _empty(path: str, text: str, problems: list[Finding], lines: list[str] | None = None) -> Document:
    return Document(path=path, text=text, lines=lines or [], front=None, raw_front={}, key_lines={},
                    front_close=-1, title="", title_line=0, sections={}, section_order=[], problems=problems)


def _front_matter_close(lines: list[str]) -> int:
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() in ("---", "..."):
            return index
    return -1


# --------------------------------------------------------------------------- front matter

def _validate(path: str, raw: dict, key_lines: dict[str, tuple[int, int]], close: int,
              problems: list[Finding], trusted: bool = False, plain: bool = False) -> FrontMatter | PlainFront | None:
    """The front matter as a model, or None with the problems found. `trusted`: the keys are
    known and every value is one line of plain text already (tracking.flatyaml read them).
    `plain`: a PlainFront when it is plainly valid (the model otherwise)."""
    before = len(problems)
    if not trusted:
        _unknown_keys(path, raw, key_lines, problems)
        _check_single_line(path, raw, key_lines, problems)
    for key in REQUIRED_FIELDS:
        if raw.get(key) in (None, ""):
            problems.append(_err(path, key_lines.get(key, (close + 1, 0))[0], "missing-field",
                                 f"required key {key!r} is missing or empty"))
    _check_times(path, raw, key_lines, problems)
    if len(problems) > before:
        return None
    found = plain_front(raw) if plain else None
    if found is not None:
        return found
    from pydantic import ValidationError

    from .frontmodel import FrontMatter

    try:
        return FrontMatter.model_validate({k: v for k, v in raw.items() if v is not None})
    except ValidationError as exc:
        for error in exc.errors():
            key = str(error["loc"][0]) if error["loc"] else ""
            problems.append(_err(path, key_lines.get(key, (2, 2))[0], "bad-value", f"{key}: {_explain(error)}"))
        return None


def _unknown_keys(path: str, raw: dict, key_lines: dict[str, tuple[int, int]], problems: list[Finding]) -> None:
    for key in raw:
        if key not in FIELD_ORDER:
            guess = difflib.get_close_matches(key, FIELD_ORDER, n=1)
            hint = f"did you mean {guess[0]!r}?" if guess else "remove it"
            problems.append(_err(path, key_lines.get(key, (2, 2))[0], "unknown-key", f"unknown key {excerpt(key)}; {hint}"))


def _check_times(path: str, raw: dict, key_lines: dict[str, tuple[int, int]], problems: list[Finding]) -> None:
    for key in _TIME_FIELDS & raw.keys():
        value = raw[key]
        line = key_lines[key][0]
        if isinstance(value, datetime) and value.tzinfo is None:
            problems.append(_err(path, line, "naive-time",
                                 f"{key}: time has no zone; add one, e.g. {value.isoformat()}Z"))
        elif isinstance(value, date) and not isinstance(value, datetime):
            problems.append(_err(path, line, "date-not-time",
                                 f"{key}: needs a time with a zone, e.g. {value.isoformat()}T09:00:00Z"))
        elif value is not None and not isinstance(value, datetime):
            problems.append(_err(path, line, "bad-time",
                                 f"{key}: {excerpt(value)} is not an ISO 8601 time; write e.g. 2026-11-20T14:05:00Z"))


def _check_single_line(path: str, raw: dict, key_lines: dict[str, tuple[int, int]],
                       problems: list[Finding]) -> None:
    """Every front-matter value is one line of text: a newline or control character in a
    name would start a new line wherever it is shown (a terminal, an Actions log, an issue)."""
    for key, value in raw.items():
        items = value if isinstance(value, list) else [value]
        for item in items:
            why = unsafe_single_line(item) if isinstance(item, str) else None
            if why:
                problems.append(_err(path, key_lines.get(key, (2, 2))[0], "multi-line-value",
                                     f"{key}: holds {why}; front-matter values are one line of plain text"))
                break


def _explain(error: dict) -> str:
    kind = error["type"]
    given = error.get("input")
    if kind == "literal_error":
        allowed = error.get("ctx", {}).get("expected", "")
        return f"{excerpt(given)} is not allowed; use one of {allowed}"
    if kind == "string_pattern_mismatch":
        return f"{excerpt(given)} does not look like an escalation ID; use PREFIX-NUMBER such as ESC-48213"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{excerpt(given)} is out of range ({error['msg'].lower()})"
    return error["msg"].removeprefix("Value error, ")[:200]


# --------------------------------------------------------------------------- body

def _read_body(doc: Document) -> None:
    path, lines = doc.path, doc.lines
    in_fence = False
    fence_line = 0
    current: Section | None = None
    seen_first_section = False
    for index in range(doc.front_close + 1, len(lines)):
        line = lines[index].rstrip("\r\n")
        number = index + 1
        if line[:1] in _FENCE_START and _FENCE.match(line):
            in_fence, fence_line = not in_fence, number
            continue
        if in_fence:
            continue
        if line.startswith("## ") or line == "##":
            name = line[2:].strip()
            if current is not None:
                current.body_end = index
            if name in doc.sections:
                doc.problems.append(_err(path, number, "duplicate-section",
                                         f"section '## {name}' appears twice; merge the two"))
                current = None
                continue
            current = Section(name=name, heading_line=number, body_start=index + 1, body_end=len(lines))
            doc.sections[name] = current
            doc.section_order.append(name)
            seen_first_section = True
            continue
        if line.startswith("# ") and not seen_first_section and not doc.title_line:
            doc.title, doc.title_line = line[2:].strip(), number
    if current is not None:
        current.body_end = len(lines)
    if in_fence:
        doc.problems.append(_err(path, fence_line, "unclosed-fence",
                                 "code fence opened here is never closed, so it hides every line after it; "
                                 "close it with a line of ```"))
    for section in doc.sections.values():
        _read_section(doc, section)
    _check_structure(doc)


def _read_section(doc: Document, section: Section) -> None:
    body = doc.lines[section.body_start:section.body_end]
    section.text = "".join(body).strip()
    if section.name not in ENTRY_SECTIONS:
        return
    in_fence = False
    for offset, raw in enumerate(body):
        line = raw.rstrip("\r\n")
        if line[:1] in _FENCE_START and _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or not line.startswith(("- ", "* ")):
            continue
        number = section.body_start + offset + 1
        normalised = "- " + line[2:]
        try:
            section.entries.append(parse_entry(section.name, number, normalised))
        except EntryError as exc:
            doc.problems.append(_err(doc.path, number, "malformed-entry", str(exc)))


def _check_structure(doc: Document) -> None:
    path = doc.path
    if not doc.title_line and doc.front is not None:
        doc.problems.append(_warn(path, doc.front_close + 2, "no-title",
                                  f"no '# {doc.front.id} — {doc.front.customer} — <what happened>' title line"))
    known = [name for name in doc.section_order if name in SECTIONS]
    for name in doc.section_order:
        if name not in SECTIONS:
            guess = difflib.get_close_matches(name, SECTIONS, n=1, cutoff=0.75)
            if guess and guess[0] not in doc.sections:
                doc.problems.append(_err(path, doc.sections[name].heading_line, "unknown-section",
                                         f"section '## {name}' is not a playbook section; did you mean '## {guess[0]}'?"))
    for name in SECTIONS:
        if name not in doc.sections:
            before = SECTIONS[SECTIONS.index(name) - 1] if SECTIONS.index(name) else None
            present = [s for s in SECTIONS[:SECTIONS.index(name)] if s in doc.sections]
            where = doc.sections[present[-1]].heading_line if present else doc.front_close + 1
            doc.problems.append(_err(path, where, "missing-section",
                                     f"section '## {name}' is missing; add it"
                                     + (f" after '## {before}'" if before else "")))
    expected = [name for name in SECTIONS if name in doc.sections]
    if known != expected:
        for position, name in enumerate(known):
            if name != expected[position]:
                doc.problems.append(_err(path, doc.sections[name].heading_line, "section-order",
                                         f"section '## {name}' is out of order; the playbook order is: "
                                         + ", ".join(SECTIONS)))
                break
