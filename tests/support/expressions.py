"""GitHub Actions expressions (``${{ … }}``), evaluated the way the runner does, for the local
workflow runner in :mod:`support.workflows`.

Follows https://docs.github.com/en/actions/learn-github-actions/expressions: literals (null,
booleans, numbers, 'single-quoted' strings with '' as the escape), context property access
(``github.event.pull_request.base.sha``, ``secrets['NAME']``), the operators ``( ) [ ] . ! < <= >
>= == != && ||`` (``&&``/``||`` return an operand, not a boolean; string comparison ignores case),
and the functions contains, startsWith, endsWith, format, join, toJSON, fromJSON and the status
functions success, always, failure, cancelled. A missing property is null, shown as ''.
Anything else raises ExpressionError, so a workflow using more than this fails loudly.
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable

__all__ = ["ExpressionError", "evaluate", "substitute", "truthy", "as_text"]


class ExpressionError(ValueError):
    pass


_TOKEN = re.compile(r"""\s*(?:
    (?P<num>-?\d+(?:\.\d+)?) |
    (?P<str>'(?:[^']|'')*') |
    (?P<op>&&|\|\||==|!=|<=|>=|[()\[\].!<>,*]) |
    (?P<name>[A-Za-z_][A-Za-z0-9_-]*)
)""", re.X)


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise ExpressionError(f"cannot read the expression {text!r} at {text[pos:]!r}")
        kind = match.lastgroup
        out.append((kind, match.group(kind)))
        pos = match.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return out


def as_text(value: Any) -> str:
    """How a value appears when substituted into a string."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list)):
        return json.dumps(value, indent=2)
    return str(value)


def truthy(value: Any) -> bool:
    return value not in (None, False, 0, "", 0.0)


def _equal_form(value: Any) -> Any:
    if isinstance(value, str):
        return value.lower()
    if value is None or isinstance(value, bool):
        return value
    return value


def _contains(haystack: Any, needle: Any) -> bool:
    if isinstance(haystack, list):
        return any(_equal_form(item) == _equal_form(needle) for item in haystack)
    return as_text(needle).lower() in as_text(haystack).lower()


def _format(template: Any, *args: Any) -> str:
    def fill(match: re.Match) -> str:
        return as_text(args[int(match.group(1))])
    return re.sub(r"\{(\d+)\}", fill, as_text(template)).replace("{{", "{").replace("}}", "}")


class _Parser:
    def __init__(self, text: str, contexts: dict[str, Any], status: str) -> None:
        self.tokens = _tokens(text)
        self.pos = 0
        self.contexts = contexts
        self.status = status
        self.text = text

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or (value is not None and token[1] != value):
            raise ExpressionError(f"expected {value or 'more'} in {self.text!r}")
        self.pos += 1
        return token

    def parse(self) -> Any:
        value = self.either()
        if self.peek() is not None:
            raise ExpressionError(f"unexpected {self.peek()[1]!r} in {self.text!r}")
        return value

    def either(self) -> Any:
        value = self.both()
        while self.peek() == ("op", "||"):
            self.take()
            right = self.both()
            value = value if truthy(value) else right
        return value

    def both(self) -> Any:
        value = self.compare()
        while self.peek() == ("op", "&&"):
            self.take()
            right = self.compare()
            value = right if truthy(value) else value
        return value

    def compare(self) -> Any:
        value = self.unary()
        token = self.peek()
        if token and token[1] in ("==", "!=", "<", "<=", ">", ">="):
            self.take()
            right = self.unary()
            a, b = _equal_form(value), _equal_form(right)
            ops: dict[str, Callable[[Any, Any], bool]] = {
                "==": lambda x, y: x == y, "!=": lambda x, y: x != y, "<": lambda x, y: x < y,
                "<=": lambda x, y: x <= y, ">": lambda x, y: x > y, ">=": lambda x, y: x >= y}
            try:
                return ops[token[1]](a, b)
            except TypeError:
                return False
        return value

    def unary(self) -> Any:
        if self.peek() == ("op", "!"):
            self.take()
            return not truthy(self.unary())
        return self.postfix(self.primary())

    def primary(self) -> Any:
        kind, value = self.take()
        if kind == "num":
            return float(value) if "." in value else int(value)
        if kind == "str":
            return value[1:-1].replace("''", "'")
        if value == "(":
            inner = self.either()
            self.take(")")
            return inner
        if kind != "name":
            raise ExpressionError(f"unexpected {value!r} in {self.text!r}")
        if value in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[value]
        if self.peek() == ("op", "("):
            return self.call(value)
        if value not in self.contexts:
            raise ExpressionError(f"unknown context {value!r} in {self.text!r}")
        return self.contexts[value]

    def call(self, name: str) -> Any:
        self.take("(")
        args = []
        while self.peek() != ("op", ")"):
            args.append(self.either())
            if self.peek() == ("op", ","):
                self.take()
        self.take(")")
        functions: dict[str, Callable[..., Any]] = {
            "contains": _contains,
            "startswith": lambda a, b: as_text(a).lower().startswith(as_text(b).lower()),
            "endswith": lambda a, b: as_text(a).lower().endswith(as_text(b).lower()),
            "format": _format,
            "join": lambda items, sep=",": as_text(sep).join(as_text(i) for i in (items or [])),
            "tojson": lambda v: json.dumps(v, indent=2),
            "fromjson": lambda v: json.loads(v),
            "success": lambda: self.status == "success",
            "failure": lambda: self.status == "failure",
            "always": lambda: True,
            "cancelled": lambda: False,
        }
        if name.lower() not in functions:
            raise ExpressionError(f"the function {name}() is not supported by the local runner")
        return functions[name.lower()](*args)

    def postfix(self, value: Any) -> Any:
        while self.peek() in (("op", "."), ("op", "[")):
            if self.take()[1] == ".":
                kind, name = self.take()
                if name == "*":
                    raise ExpressionError("object filters (.*) are not supported by the local runner")
                value = value.get(name) if isinstance(value, dict) else None
            else:
                key = self.either()
                self.take("]")
                if isinstance(value, dict):
                    value = value.get(key)
                elif isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
                    value = value[key]
                else:
                    value = None
        return value


def evaluate(text: str, contexts: dict[str, Any], status: str = "success") -> Any:
    """The value of one expression (without the ``${{ }}``)."""
    return _Parser(text, contexts, status).parse()


_EMBEDDED = re.compile(r"\$\{\{(.*?)\}\}", re.S)


def substitute(text: Any, contexts: dict[str, Any], status: str = "success") -> Any:
    """A workflow value with every ``${{ … }}`` replaced; a value that is exactly one
    expression keeps its type (like the runner does for ``with:`` inputs)."""
    if not isinstance(text, str):
        return text
    whole = _EMBEDDED.fullmatch(text.strip())
    if whole and text.strip() == text:
        return evaluate(whole.group(1), contexts, status)
    return _EMBEDDED.sub(lambda m: as_text(evaluate(m.group(1), contexts, status)), text)


def condition(text: Any, contexts: dict[str, Any], status: str) -> bool:
    """A step's or job's ``if:``: the ``${{ }}`` is optional; without a status function the
    condition is ``success() && (…)``."""
    if text is None or text == "":
        return status == "success"
    if isinstance(text, bool):
        return text and status == "success"
    source = str(text).strip()
    whole = _EMBEDDED.fullmatch(source)
    if whole:
        source = whole.group(1)
    if not re.search(r"\b(success|failure|always|cancelled)\s*\(", source):
        source = f"success() && ({source})"
    return truthy(evaluate(source, contexts, status))
