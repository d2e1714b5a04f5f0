"""A small SOQL parser for the Salesforce emulator.

It covers the SOQL the product sends, and rejects the rest the way Salesforce does
(``MALFORMED_QUERY`` with Salesforce's "ERROR at Row:1:Column:N" message shape)::

    SELECT Id, Name, Owner.Name, SUM(ARR__c) total, COUNT(), COUNT(Id)
    FROM Account
    WHERE Id IN ('001…', '001…') AND (ARR__c > 5 OR NOT Name LIKE 'Ac%')
    GROUP BY … ORDER BY Name DESC NULLS LAST LIMIT 10 OFFSET 20

Literals: strings with SOQL escapes, numbers, NULL, TRUE/FALSE, dates (2027-01-31),
datetimes (2026-11-20T14:05:00Z), and the relative date literals TODAY, YESTERDAY,
TOMORROW, LAST_N_DAYS:n, NEXT_N_DAYS:n, LAST_90_DAYS, NEXT_90_DAYS. As in SOQL, AND and
OR cannot be mixed at one level without parentheses. Evaluation against in-memory
records lives in :mod:`sandbox.salesforce_soql` (reached through :func:`execute`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Mapping, Sequence, Union

from .salesforce_soql_lexer import SoqlError, Token, located, tokenize

if TYPE_CHECKING:
    from .salesforce_soql import QueryResult, SObjectSchema

__all__ = [
    "SoqlError", "Query", "FieldRef", "Aggregate", "Literal", "Comparison", "BoolOp", "Not",
    "OrderItem", "Token", "parse", "tokenize", "located", "execute",
]


# --------------------------------------------------------------------------- AST

@dataclass(frozen=True)
class FieldRef:
    path: tuple[str, ...]
    pos: int

    @property
    def dotted(self) -> str:
        return ".".join(self.path)


AGGREGATE_FUNCTIONS = ("COUNT", "COUNT_DISTINCT", "SUM", "AVG", "MIN", "MAX")
DATE_LITERALS = ("TODAY", "YESTERDAY", "TOMORROW", "LAST_N_DAYS", "NEXT_N_DAYS",
                 "LAST_90_DAYS", "NEXT_90_DAYS")


@dataclass(frozen=True)
class Aggregate:
    function: str  # one of AGGREGATE_FUNCTIONS
    field: FieldRef | None  # None only for COUNT()
    alias: str | None
    pos: int


@dataclass(frozen=True)
class Literal:
    kind: str  # string number null boolean date datetime date_literal
    value: Any  # for date_literal: (NAME, n or None)
    pos: int
    text: str


@dataclass(frozen=True)
class Comparison:
    field: FieldRef
    op: str  # = != < <= > >= LIKE IN NOT IN
    value: Union[Literal, tuple[Literal, ...]]
    pos: int


@dataclass(frozen=True)
class Not:
    operand: "Condition"


@dataclass(frozen=True)
class BoolOp:
    op: str  # AND / OR
    operands: tuple["Condition", ...]


Condition = Union[Comparison, Not, BoolOp]


@dataclass(frozen=True)
class OrderItem:
    target: Union[FieldRef, Aggregate]
    descending: bool = False
    nulls_first: bool | None = None  # None: Salesforce's default (first when ascending)


@dataclass
class Query:
    text: str
    select: list[Union[FieldRef, Aggregate]]
    sobject: str
    sobject_pos: int
    where: Condition | None = None
    group_by: list[FieldRef] = field(default_factory=list)
    order_by: list[OrderItem] = field(default_factory=list)
    limit: int | None = None
    offset: int | None = None

    @property
    def count_only(self) -> bool:
        """`SELECT COUNT() FROM …`: the answer is totalSize, with no records."""
        return len(self.select) == 1 and isinstance(self.select[0], Aggregate) \
            and self.select[0].function == "COUNT" and self.select[0].field is None

    @property
    def is_aggregate(self) -> bool:
        return bool(self.group_by) or (not self.count_only and any(
            isinstance(item, Aggregate) for item in self.select))


# --------------------------------------------------------------------------- parser

class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0

    # helpers
    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def peek(self, ahead: int = 1) -> Token:
        return self.tokens[min(self.i + ahead, len(self.tokens) - 1)]

    def advance(self) -> Token:
        token = self.tokens[self.i]
        if token.kind != "eof":
            self.i += 1
        return token

    def error(self, token: Token | None = None, message: str | None = None) -> SoqlError:
        token = token or self.tok
        return located(self.text, token.pos, message or f"unexpected token: '{token.text}'")

    def expect_kw(self, *words: str) -> Token:
        if not self.tok.is_kw(*words):
            raise self.error()
        return self.advance()

    def expect_punct(self, char: str) -> Token:
        if not (self.tok.kind == "punct" and self.tok.value == char):
            raise self.error()
        return self.advance()

    def at_punct(self, char: str) -> bool:
        return self.tok.kind == "punct" and self.tok.value == char

    def ident(self) -> Token:
        if self.tok.kind != "ident":
            raise self.error()
        return self.advance()

    # grammar
    def query(self) -> Query:
        self.expect_kw("SELECT")
        select = [self.select_item()]
        while self.at_punct(","):
            self.advance()
            select.append(self.select_item())
        self.expect_kw("FROM")
        sobject = self.ident()
        query = Query(self.text, select, sobject.value, sobject.pos)
        if self.tok.kind == "ident":  # an alias for the object: `FROM Account a` is not supported
            raise self.error(message=f"unexpected token: '{self.tok.text}' (object aliases are not "
                                     "supported by the sandbox)")
        if self.tok.is_kw("WHERE"):
            self.advance()
            query.where = self.condition()
        if self.tok.is_kw("GROUP"):
            self.advance()
            self.expect_kw("BY")
            query.group_by.append(self.field_ref())
            while self.at_punct(","):
                self.advance()
                query.group_by.append(self.field_ref())
        if self.tok.is_kw("ORDER"):
            self.advance()
            self.expect_kw("BY")
            query.order_by.append(self.order_item())
            while self.at_punct(","):
                self.advance()
                query.order_by.append(self.order_item())
        if self.tok.is_kw("LIMIT"):
            self.advance()
            query.limit = self.non_negative_int()
        if self.tok.is_kw("OFFSET"):
            self.advance()
            query.offset = self.non_negative_int()
        if self.tok.kind != "eof":
            raise self.error()
        if len(select) > 1 and any(isinstance(s, Aggregate) and s.function == "COUNT"
                                   and s.field is None for s in select):
            raise located(self.text, select[0].pos if isinstance(select[0], FieldRef) else 7,
                          "COUNT() and other fields cannot be selected together")
        return query

    def non_negative_int(self) -> int:
        token = self.advance()
        if token.kind != "number" or not isinstance(token.value, int) or token.value < 0:
            raise self.error(token)
        return token.value

    def field_ref(self) -> FieldRef:
        first = self.ident()
        path = [first.value]
        while self.at_punct("."):
            self.advance()
            path.append(self.ident().value)
        return FieldRef(tuple(path), first.pos)

    def select_item(self) -> Union[FieldRef, Aggregate]:
        if self.at_punct("("):
            raise self.error(message="unexpected token: '(' (sub-queries are not supported by the sandbox)")
        if self.tok.kind == "keyword":
            raise self.error()
        start = self.tok
        if self.peek().kind == "punct" and self.peek().value == "(":
            name = self.ident().value.upper()
            if name not in AGGREGATE_FUNCTIONS:
                raise self.error(start, f"unknown or unsupported function: {start.text}")
            self.expect_punct("(")
            argument = None
            if not (name == "COUNT" and self.at_punct(")")):
                argument = self.field_ref()
            self.expect_punct(")")
            alias = self.ident().value if self.tok.kind == "ident" else None
            return Aggregate(name, argument, alias, start.pos)
        return self.field_ref()

    def order_item(self) -> OrderItem:
        target: Union[FieldRef, Aggregate]
        nxt = self.peek()
        if self.tok.kind == "ident" and nxt.kind == "punct" and nxt.value == "(":
            item = self.select_item()
            assert isinstance(item, Aggregate)
            if item.alias:
                raise self.error(message=f"unexpected token: '{item.alias}'")
            target = item
        else:
            target = self.field_ref()
        descending = False
        if self.tok.is_kw("ASC", "DESC"):
            descending = self.advance().value == "DESC"
        nulls_first = None
        if self.tok.is_kw("NULLS"):
            self.advance()
            nulls_first = self.expect_kw("FIRST", "LAST").value == "FIRST"
        return OrderItem(target, descending, nulls_first)

    def condition(self) -> Condition:
        """A run of terms joined by one operator; mixing AND and OR needs parentheses."""
        first = self.term()
        if not self.tok.is_kw("AND", "OR"):
            return first
        op = self.tok.value
        operands = [first]
        while self.tok.is_kw("AND", "OR"):
            if self.tok.value != op:
                raise self.error()
            self.advance()
            operands.append(self.term())
        return BoolOp(op, tuple(operands))

    def term(self) -> Condition:
        if self.tok.is_kw("NOT"):
            self.advance()
            return Not(self.term())
        if self.at_punct("("):
            self.advance()
            inner = self.condition()
            self.expect_punct(")")
            return inner
        return self.comparison()

    def comparison(self) -> Comparison:
        if self.tok.kind != "ident":
            raise self.error()
        ref = self.field_ref()
        token = self.tok
        if token.kind == "op":
            self.advance()
            op = "!=" if token.value == "<>" else token.value
            return Comparison(ref, op, self.literal(), token.pos)
        if token.is_kw("LIKE"):
            self.advance()
            return Comparison(ref, "LIKE", self.literal(), token.pos)
        if token.is_kw("NOT"):
            self.advance()
            self.expect_kw("IN")
            return Comparison(ref, "NOT IN", self.literal_list(), token.pos)
        if token.is_kw("IN"):
            self.advance()
            return Comparison(ref, "IN", self.literal_list(), token.pos)
        if token.is_kw("INCLUDES", "EXCLUDES"):
            raise self.error(message=f"{token.value} (multi-select picklists) is not supported by the sandbox")
        raise self.error()

    def literal_list(self) -> tuple[Literal, ...]:
        self.expect_punct("(")
        if self.tok.is_kw("SELECT"):
            raise self.error(message="unexpected token: 'SELECT' (semi-joins are not supported by the sandbox)")
        values = [self.literal()]
        while self.at_punct(","):
            self.advance()
            values.append(self.literal())
        self.expect_punct(")")
        return tuple(values)

    def literal(self) -> Literal:
        token = self.advance()
        if token.kind in ("string", "number", "date", "datetime"):
            return Literal(token.kind, token.value, token.pos, token.text)
        if token.is_kw("NULL"):
            return Literal("null", None, token.pos, token.text)
        if token.is_kw("TRUE", "FALSE"):
            return Literal("boolean", token.value == "TRUE", token.pos, token.text)
        if token.kind == "ident" and token.value.upper() in DATE_LITERALS:
            name = token.value.upper()
            n = None
            if name in ("LAST_N_DAYS", "NEXT_N_DAYS"):
                self.expect_punct(":")
                count = self.advance()
                if count.kind != "number" or not isinstance(count.value, int) or count.value < 0:
                    raise self.error(count)
                n = count.value
            elif name in ("LAST_90_DAYS", "NEXT_90_DAYS"):
                name, n = name.replace("90", "N"), 90
            return Literal("date_literal", (name, n), token.pos, token.text)
        raise self.error(token)


def parse(text: str) -> Query:
    """Parse one SOQL statement, or raise :class:`SoqlError` (MALFORMED_QUERY)."""
    if not text or not text.strip():
        raise SoqlError("A query string has to be specified", "MALFORMED_QUERY")
    return _Parser(text).query()


def execute(query: "Query | str", catalog: "Mapping[str, SObjectSchema]",
            tables: "Mapping[str, Sequence[Mapping[str, Any]]]", *, today: date,
            api_version: str = "59.0") -> "QueryResult":
    """Run a query against in-memory records (the evaluator lives in
    :mod:`sandbox.salesforce_soql`, with :class:`SObjectSchema` and :class:`QueryResult`)."""
    from .salesforce_soql import execute as _execute

    return _execute(query, catalog, tables, today=today, api_version=api_version)
