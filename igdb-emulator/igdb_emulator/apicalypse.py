"""Apicalypse, IGDB's query language: tokenizer, parser, and evaluator of `where` filters.

Grammar (igdb-api.md §2.2): `;`-terminated statements in any order: ``fields``/``f``,
``exclude``/``x``, ``where``/``w``, ``sort``/``s``, ``limit``/``l``, ``offset``/``o`` and
``search``. ``where`` combines comparisons with ``&`` (binds tighter) and ``|`` and
parentheses. Values: numbers, double-quoted strings (``*`` prefix/suffix wildcards),
``true``/``t``, ``false``/``f``, ``null``/``n``, and the array forms ``(a,b)`` (any of),
``!(a,b)`` (not any), ``[a,b]`` (all of), ``![a,b]`` (none of) and ``{a,b}`` (exactly).

Errors carry IGDB's exact status and body (igdb-api.md §3).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

import orjson

MAX_LIMIT: Final = 500
DEFAULT_LIMIT: Final = 10


class QueryError(Exception):
    """A query IGDB refuses: the HTTP status and the exact JSON body IGDB sends."""

    def __init__(self, status: int, body: bytes) -> None:
        super().__init__(body.decode())
        self.status = status
        self.body = body

    @classmethod
    def titled(cls, status: int, title: str, cause: str | None = None) -> QueryError:
        """IGDB's query-level error shape: ``[{"title", "status", "cause"?}]``."""
        item: dict[str, Any] = {"title": title, "status": status}
        if cause is not None:
            item["cause"] = cause
        return cls(status, orjson.dumps([item]))


def syntax_error(cause: str) -> QueryError:
    """400 Syntax Error."""
    return QueryError.titled(400, "Syntax Error", cause)


def invalid_field(name: str) -> QueryError:
    """400 Invalid Field, as IGDB words it."""
    return QueryError.titled(400, "Invalid Field", f"Invalid field name: '{name}'")


def limit_too_high(limit: int) -> QueryError:
    """403 for a limit above 500 (IGDB's spelling, "to high", kept)."""
    return QueryError.titled(
        403,
        "Request limit to high",
        f"You typed in {limit} as limit but your maximum is {MAX_LIMIT}",
    )


def too_many_subqueries(maximum: int) -> QueryError:
    """400 for a multiquery with too many blocks: an object, not an array (PROBE-A)."""
    return QueryError(
        400,
        orjson.dumps(
            {
                "title": "Too Many Concurrent queries",
                "details": f"The maximum amount of concurrent request is at {maximum} queries",
            }
        ),
    )


# --- tokens --------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<skip>\s+|//[^\n]*)
   |(?P<str>"(?:[^"\\]|\\.)*")
   |(?P<num>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
   |(?P<ident>[A-Za-z_][A-Za-z0-9_]*(?:\.(?:[A-Za-z_][A-Za-z0-9_]*|\*))*)
   |(?P<op>>=|<=|!=|[=<>~!&|(),;\[\]{}*/])
    """,
    re.VERBOSE,
)

Token = tuple[str, str, int]  # (kind, text, offset)


def tokenize(text: str) -> list[Token]:
    """Split a body into tokens; comments and whitespace are dropped."""
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            snippet = text[pos : pos + 20]
            if text[pos] == '"':
                raise syntax_error(f"Unterminated string starting at '{snippet}'")
            raise syntax_error(f"Unexpected input starting at '{snippet}'")
        kind = match.lastgroup
        assert kind is not None
        if kind != "skip":
            tokens.append((kind, match.group(), pos))
        pos = match.end()
    return tokens


# --- syntax tree ---------------------------------------------------------------------------

Scalar = int | float | str | bool | None
Op = Literal["=", "!=", ">", ">=", "<", "<=", "~"]
ListKind = Literal["any", "not_any", "all", "none", "exact"]


@dataclass(frozen=True)
class Pattern:
    """A string to match, maybe with ``*`` wildcards: prefix/suffix/infix matches."""

    text: str
    starts: bool  # "foo"*  -> value starts with text
    ends: bool  # *"foo"  -> value ends with text


@dataclass(frozen=True)
class ValueList:
    """An array value: ``(..)``, ``!(..)``, ``[..]``, ``![..]`` or ``{..}``."""

    kind: ListKind
    values: tuple[Scalar, ...]


Value = Scalar | Pattern | ValueList


@dataclass(frozen=True)
class Compare:
    """``field op value``."""

    field: str
    op: Op
    value: Value


@dataclass(frozen=True)
class And:
    """All items hold."""

    items: tuple[Expr, ...]


@dataclass(frozen=True)
class Or:
    """Any item holds."""

    items: tuple[Expr, ...]


Expr = Compare | And | Or


@dataclass(frozen=True)
class Query:
    """One parsed Apicalypse query."""

    fields: tuple[str, ...] = ()  # () = no fields statement: IGDB answers ids only
    exclude: tuple[str, ...] = ()
    where: Expr | None = None
    sort: tuple[str, bool] | None = None  # (field, descending)
    limit: int = DEFAULT_LIMIT
    offset: int = 0
    search: str | None = None
    named: tuple[str, ...] = field(default=(), compare=False)  # every field name used

    def check_fields(self, known: Collection[str]) -> None:
        """Raise IGDB's Invalid Field error for the first name the endpoint lacks."""
        for name in self.named:
            if name not in known:
                raise invalid_field(name)


@dataclass(frozen=True)
class SubQuery:
    """One block of a multiquery: ``query <endpoint>[/count] "<name>" { ... };``."""

    endpoint: str
    count: bool
    name: str
    query: Query


# --- parser --------------------------------------------------------------------------------

_STATEMENTS: Final = {
    "fields": "fields",
    "f": "fields",
    "exclude": "exclude",
    "x": "exclude",
    "where": "where",
    "w": "where",
    "sort": "sort",
    "s": "sort",
    "limit": "limit",
    "l": "limit",
    "offset": "offset",
    "o": "offset",
    "search": "search",
}
_LITERALS: Final[dict[str, Scalar]] = {
    "true": True,
    "t": True,
    "false": False,
    "f": False,
    "null": None,
    "n": None,
}
_COMPARE_OPS: Final = frozenset({"=", "!=", ">", ">=", "<", "<=", "~"})
_EXPECTING = "expecting {'{', 'f', '(', '[', 'true', 't', 'false', 'null', 'n'"


class _Parser:
    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self.pos = 0

    # helpers
    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def next(self, what: str) -> Token:
        token = self.peek()
        if token is None:
            raise syntax_error(f"Expecting {what} but the query ended")
        self.pos += 1
        return token

    def expect(self, text: str) -> None:
        token = self.next(f"'{text}'")
        if token[1] != text:
            raise syntax_error(f"Expecting '{text}' starting at '{token[1]}'")

    def at(self, text: str) -> bool:
        token = self.peek()
        return token is not None and token[0] == "op" and token[1] == text

    # statements
    def query(self, stop: str | None = None) -> Query:
        fields: tuple[str, ...] = ()
        exclude: tuple[str, ...] = ()
        where: Expr | None = None
        sort: tuple[str, bool] | None = None
        limit, offset, search = DEFAULT_LIMIT, 0, None
        named: list[str] = []
        while (token := self.peek()) is not None and not (stop and token[1] == stop):
            self.pos += 1
            statement = _STATEMENTS.get(token[1]) if token[0] == "ident" else None
            if statement is None:
                raise syntax_error(f"Unknown statement starting at '{token[1]}'")
            if statement == "fields":
                fields = self.names(allow_star=True)
                named += [f for f in fields if f != "*"]
            elif statement == "exclude":
                exclude = self.names(allow_star=False)
                named += exclude
            elif statement == "where":
                where = self.disjunction()
                named += _fields_of(where)
            elif statement == "sort":
                name = self.next("a field name")
                if name[0] != "ident":
                    raise syntax_error(f"Expecting a field name starting at '{name[1]}'")
                descending = False
                direction = self.peek()
                if direction is not None and direction[0] == "ident":
                    if direction[1] not in ("asc", "desc"):
                        raise syntax_error(f"Expecting asc or desc starting at '{direction[1]}'")
                    descending = direction[1] == "desc"
                    self.pos += 1
                sort = (name[1], descending)
                named.append(name[1])
            elif statement in ("limit", "offset"):
                number = self.next("a number")
                if number[0] != "num" or not number[1].isdigit():
                    raise syntax_error(f"Expecting a positive integer starting at '{number[1]}'")
                if statement == "limit":
                    limit = int(number[1])
                else:
                    offset = int(number[1])
            else:
                text = self.next("a string")
                if text[0] != "str":
                    raise syntax_error(
                        "Expecting a STRING as input, surround your input with quotes "
                        f"starting at '{text[1]}'"
                    )
                search = _unquote(text[1])
            self.expect(";")
        return Query(fields, exclude, where, sort, limit, offset, search, tuple(named))

    def names(self, *, allow_star: bool) -> tuple[str, ...]:
        names: list[str] = []
        while True:
            token = self.next("a field name")
            if token[0] == "ident" or (allow_star and token[1] == "*"):
                names.append(token[1])
            else:
                raise syntax_error(f"Expecting a field name starting at '{token[1]}'")
            if not self.at(","):
                return tuple(names)
            self.pos += 1

    # where
    def disjunction(self) -> Expr:
        items = [self.conjunction()]
        while self.at("|"):
            self.pos += 1
            items.append(self.conjunction())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def conjunction(self) -> Expr:
        items = [self.atom()]
        while self.at("&"):
            self.pos += 1
            items.append(self.atom())
        return items[0] if len(items) == 1 else And(tuple(items))

    def atom(self) -> Expr:
        if self.at("("):
            self.pos += 1
            inner = self.disjunction()
            self.expect(")")
            return inner
        name = self.next("a field name")
        if name[0] != "ident":
            raise syntax_error(f"Expecting a field name starting at '{name[1]}'")
        op = self.next("an operator")
        if op[0] != "op" or op[1] not in _COMPARE_OPS:
            raise syntax_error(f"Expecting an operator (= != > >= < <= ~) starting at '{op[1]}'")
        value = self.value()
        if op[1] == "~" and not isinstance(value, Pattern):
            raise syntax_error(f"Expecting a STRING after '~' for field '{name[1]}'")
        if isinstance(value, ValueList) and op[1] not in ("=", "!="):
            raise syntax_error(f"Arrays can only be compared with = or != ('{name[1]}')")
        return Compare(name[1], op[1], value)  # type: ignore[arg-type]

    def value(self) -> Value:
        token = self.next("a value")
        kind, text, _ = token
        if kind == "op":
            if text == "!":
                bracket = self.next("'(' or '['")
                if bracket[1] == "(":
                    return ValueList("not_any", self.items(")"))
                if bracket[1] == "[":
                    return ValueList("none", self.items("]"))
                raise syntax_error(f"Expecting '(' or '[' after '!' starting at '{bracket[1]}'")
            if text == "(":
                return ValueList("any", self.items(")"))
            if text == "[":
                return ValueList("all", self.items("]"))
            if text == "{":
                return ValueList("exact", self.items("}"))
            if text == "*":
                string = self.next("a string")
                if string[0] != "str":
                    raise syntax_error(f"Expecting a STRING after '*' starting at '{string[1]}'")
                return Pattern(_unquote(string[1]), starts=self._star(), ends=True)
        if kind == "str":
            return Pattern(_unquote(text), starts=self._star(), ends=False)
        if kind == "num":
            return _number(text)
        if kind == "ident" and text in _LITERALS:
            return _LITERALS[text]
        raise syntax_error(
            "Expecting a STRING as input, surround your input with quotes "
            f"starting at '{text}' {_EXPECTING}"
        )

    def _star(self) -> bool:
        if self.at("*"):
            self.pos += 1
            return True
        return False

    def items(self, close: str) -> tuple[Scalar, ...]:
        values: list[Scalar] = []
        while True:
            token = self.next("a value")
            kind, text, _ = token
            if kind == "num":
                values.append(_number(text))
            elif kind == "str":
                values.append(_unquote(text))
            elif kind == "ident" and text in _LITERALS:
                values.append(_LITERALS[text])
            else:
                raise syntax_error(f"Expecting a value starting at '{text}' {_EXPECTING}")
            separator = self.next(f"',' or '{close}'")
            if separator[1] == close:
                return tuple(values)
            if separator[1] != ",":
                raise syntax_error(f"Expecting ',' or '{close}' starting at '{separator[1]}'")


def _number(text: str) -> int | float:
    return float(text) if any(c in text for c in ".eE") else int(text)


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text[1:-1])


def _fields_of(expr: Expr) -> list[str]:
    if isinstance(expr, Compare):
        return [expr.field]
    return [name for item in expr.items for name in _fields_of(item)]


def parse(body: str) -> Query:
    """Parse one Apicalypse query body."""
    parser = _Parser(tokenize(body))
    query = parser.query()
    if query.limit > MAX_LIMIT:
        raise limit_too_high(query.limit)
    return query


def parse_multiquery(body: str, max_subqueries: int) -> list[SubQuery]:
    """Parse a ``/multiquery`` body into its blocks (at most ``max_subqueries``)."""
    parser = _Parser(tokenize(body))
    blocks: list[SubQuery] = []
    while parser.peek() is not None:
        keyword = parser.next("'query'")
        if keyword[1] != "query":
            raise syntax_error(f"Expecting 'query' starting at '{keyword[1]}'")
        endpoint = parser.next("an endpoint")
        if endpoint[0] != "ident":
            raise syntax_error(f"Expecting an endpoint starting at '{endpoint[1]}'")
        count = False
        if parser.at("/"):
            parser.pos += 1
            suffix = parser.next("'count'")
            if suffix[1] != "count":
                raise syntax_error(f"Expecting 'count' starting at '{suffix[1]}'")
            count = True
        name = parser.next("a result name")
        if name[0] != "str":
            raise syntax_error(
                "Expecting a STRING as input, surround your input with quotes "
                f"starting at '{name[1]}'"
            )
        parser.expect("{")
        query = parser.query(stop="}")
        parser.expect("}")
        if parser.at(";"):
            parser.pos += 1
        blocks.append(SubQuery(endpoint[1], count, _unquote(name[1]), query))
    if len(blocks) > max_subqueries:
        raise too_many_subqueries(max_subqueries)
    for block in blocks:
        if block.query.limit > MAX_LIMIT:
            raise limit_too_high(block.query.limit)
    return blocks


# --- evaluation ----------------------------------------------------------------------------

Record = dict[str, Any]
Predicate = Callable[[Record], bool]
_MISSING: Final = object()


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _same(a: object, b: object) -> bool:
    """Equality that keeps booleans apart from the integers 0 and 1."""
    return a == b and isinstance(a, bool) == isinstance(b, bool)


def _string_test(pattern: Pattern, insensitive: bool) -> Callable[[object], bool]:
    text = pattern.text.lower() if insensitive else pattern.text

    def test(value: object) -> bool:
        if not isinstance(value, str):
            return False
        if insensitive:
            value = value.lower()
        if pattern.starts and pattern.ends:
            return text in value
        if pattern.starts:
            return value.startswith(text)
        if pattern.ends:
            return value.endswith(text)
        return value == text

    return test


def _scalar_test(op: Op, value: Value) -> Callable[[object], bool]:
    """A test of one (non-array) value against ``op value``."""
    if isinstance(value, Pattern):
        if op not in ("=", "!=", "~"):
            return lambda _v: False  # > < on strings: "numbers only"
        test = _string_test(value, insensitive=op == "~")
        return (lambda v: not test(v)) if op == "!=" else test
    if isinstance(value, ValueList):
        values = value.values
        if value.kind in ("any", "all") and op == "=":
            if value.kind == "all":
                return lambda v: all(_same(v, x) for x in values)
            return lambda v: any(_same(v, x) for x in values)
        if value.kind == "exact":
            return lambda v: (op == "=") == (len(values) == 1 and _same(v, values[0]))
        # !(..), ![..], != (..), != [..]: the value is none of them
        return lambda v: not any(_same(v, x) for x in values)
    if op == "=":
        return lambda v: _same(v, value)
    if op == "!=":
        return lambda v: not _same(v, value)
    if not _is_number(value):
        return lambda _v: False
    number: float = value  # type: ignore[assignment]
    match op:
        case ">":
            return lambda v: _is_number(v) and v > number  # type: ignore[operator]
        case ">=":
            return lambda v: _is_number(v) and v >= number  # type: ignore[operator]
        case "<":
            return lambda v: _is_number(v) and v < number  # type: ignore[operator]
        case _:
            return lambda v: _is_number(v) and v <= number  # type: ignore[operator]


def _array_test(op: Op, value: Value) -> Callable[[list[Any]], bool]:
    """A test of an array field: ``=`` means "contains", lists per igdb-api.md §2.2."""
    if isinstance(value, ValueList):
        values = value.values
        kind = value.kind
        if op == "!=":  # != (a,b) / != [a,b]: the negated forms
            kind = {"any": "not_any", "all": "none", "exact": "exact"}.get(kind, kind)  # type: ignore[assignment]
        if kind == "any":
            return lambda arr: any(_contains(arr, x) for x in values)
        if kind == "all":
            return lambda arr: all(_contains(arr, x) for x in values)
        if kind == "none":
            return lambda arr: not any(_contains(arr, x) for x in values)
        if kind == "not_any":  # "!(V1,V2) not any (OR)": at least one value is missing
            return lambda arr: not all(_contains(arr, x) for x in values)
        exact = sorted(values, key=repr)
        if op == "!=":
            return lambda arr: sorted(arr, key=repr) != exact
        return lambda arr: sorted(arr, key=repr) == exact
    element = _scalar_test("=" if op == "!=" else op, value)
    if op == "!=":
        return lambda arr: not any(element(x) for x in arr)
    return lambda arr: any(element(x) for x in arr)


def _contains(arr: list[Any], value: Scalar) -> bool:
    return any(_same(x, value) for x in arr)


def compile_where(expr: Expr) -> Predicate:
    """A predicate on records; a comparison with an absent field is false, except ``= null``."""
    if isinstance(expr, And):
        preds = [compile_where(e) for e in expr.items]
        return lambda rec: all(p(rec) for p in preds)
    if isinstance(expr, Or):
        preds = [compile_where(e) for e in expr.items]
        return lambda rec: any(p(rec) for p in preds)
    name, op, value = expr.field, expr.op, expr.value
    if value is None:
        if op == "=":
            return lambda rec: name not in rec
        if op == "!=":
            return lambda rec: name in rec
        return lambda _rec: False
    scalar = _scalar_test(op, value)
    array = _array_test(op, value)

    def predicate(rec: Record) -> bool:
        v = rec.get(name, _MISSING)
        if v is _MISSING:
            return False
        if isinstance(v, list):
            return array(v)
        return scalar(v)

    return predicate


def search_predicate(text: str) -> Predicate:
    """``search "text"``: a case-insensitive substring of ``name``."""
    needle = text.lower()
    return lambda rec: isinstance(name := rec.get("name"), str) and needle in name.lower()
