"""The SOQL tokenizer and error type behind :mod:`sandbox.soql` (import them from there).

Errors carry Salesforce's message shape: the query line, a caret under the offending
column, ``ERROR at Row:R:Column:C`` and the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


class SoqlError(Exception):
    """A query Salesforce would reject; becomes HTTP 400 ``[{"message","errorCode"}]``."""

    def __init__(self, message: str, error_code: str = "MALFORMED_QUERY") -> None:
        super().__init__(message)
        self.message = message
        self.error_code = error_code

    def as_body(self) -> list[dict[str, str]]:
        return [{"message": self.message, "errorCode": self.error_code}]


def located(text: str, pos: int, message: str, error_code: str = "MALFORMED_QUERY") -> SoqlError:
    """A SoqlError whose message points at `pos` in `text`, like Salesforce's."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start: None if line_end < 0 else line_end]
    row = text.count("\n", 0, pos) + 1
    column = pos - line_start + 1
    caret = " " * (column - 1) + "^"
    return SoqlError(f"\n{line}\n{caret}\nERROR at Row:{row}:Column:{column}\n{message}", error_code)


KEYWORDS = frozenset("""
SELECT FROM WHERE AND OR NOT IN LIKE NULL TRUE FALSE ORDER GROUP BY ASC DESC NULLS FIRST
LAST LIMIT OFFSET HAVING INCLUDES EXCLUDES WITH FOR USING SCOPE TYPEOF
""".split())

_DATETIME = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})"
_TOKEN_RE = re.compile(
    rf"""(?P<ws>\s+)
      | (?P<datetime>{_DATETIME})
      | (?P<date>\d{{4}}-\d{{2}}-\d{{2}})(?![\w:])
      | (?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+))(?![\w.])
      | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<op>!=|<>|<=|>=|=|<|>)
      | (?P<punct>[(),.:])
      | (?P<string>')""",
    re.VERBOSE,
)
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


@dataclass(frozen=True)
class Token:
    kind: str  # ident keyword string number date datetime op punct eof
    value: Any
    pos: int
    text: str

    def is_kw(self, *words: str) -> bool:
        return self.kind == "keyword" and self.value in words


def _read_string(text: str, start: int) -> tuple[str, int]:
    """The value of the string literal opening at `start` and the index after it."""
    out: list[str] = []
    i = start + 1
    while i < len(text):
        ch = text[i]
        if ch == "'":
            return "".join(out), i + 1
        if ch == "\\":
            nxt = text[i + 1: i + 2]
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                i += 2
            elif nxt in ("%", "_"):  # only meaningful to LIKE, which sees them escaped
                out.append("\\" + nxt)
                i += 2
            elif nxt == "u" and re.fullmatch(r"[0-9A-Fa-f]{4}", text[i + 2: i + 6]):
                out.append(chr(int(text[i + 2: i + 6], 16)))
                i += 6
            else:
                raise located(text, start, f"Invalid string literal '{text[start + 1: i + 2]}'. "
                                           f"Illegal character sequence '\\{nxt}' in string literal.")
        else:
            out.append(ch)
            i += 1
    raise located(text, start, "unexpected token: '<EOF>' (unterminated string literal)")


def _parse_datetime(raw: str) -> datetime:
    value = raw.replace("Z", "+00:00")
    if re.search(r"[+-]\d{4}$", value):
        value = value[:-2] + ":" + value[-2:]
    return datetime.fromisoformat(value)


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN_RE.match(text, pos)
        if match is None:
            raise located(text, pos, f"unexpected token: '{text[pos]}'")
        kind = match.lastgroup or ""
        raw = match.group(0)
        if kind == "ws":
            pos = match.end()
            continue
        if kind == "string":
            value, end = _read_string(text, pos)
            tokens.append(Token("string", value, pos, text[pos:end]))
            pos = end
            continue
        value: Any = raw
        try:
            if kind == "datetime":
                value = _parse_datetime(raw)
            elif kind == "date":
                value = date.fromisoformat(raw)
        except ValueError:
            raise located(text, pos, f"line 1:{pos} no viable alternative at character '{raw}'") from None
        if kind == "number":
            value = float(raw) if any(c in raw for c in ".") else int(raw)
        elif kind == "ident" and raw.upper() in KEYWORDS:
            kind, value = "keyword", raw.upper()
        tokens.append(Token(kind, value, pos, raw))
        pos = match.end()
    tokens.append(Token("eof", None, len(text), "<EOF>"))
    return tokens
