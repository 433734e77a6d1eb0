"""The applicability condition language: parsed once at load time, never ``eval``-ed.

Grammar::

    expr       := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | "(" expr ")" | predicate | comparison
    predicate  := ("answered" | "unanswered") "(" STRING ")"
    comparison := operand [("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in") operand]
    operand    := "answer" "(" STRING ")" | "fact" "(" STRING ")" | literal | "[" literal,* "]"
    literal    := STRING | INTEGER | "true" | "false"

A comparison that involves an unanswered question or unset fact is false. ``not`` and
parentheses nest at most :data:`MAX_DEPTH` levels deep.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Literal, TypeAlias

import attrs

from ._domains import Value
from ._errors import ConditionSyntaxError

MAX_DEPTH = 100
"""How deeply ``not`` and parentheses may nest in one condition.

The parser, the evaluator and the lint all recurse once per level; a fixed limit, far
below Python's recursion limit and far above what guidance needs, keeps data from
crashing any of them.
"""

LiteralValue: TypeAlias = str | int | bool | tuple[str | int, ...]
Operator: TypeAlias = Literal["==", "!=", "<", "<=", ">", ">=", "in", "not in"]


class _Missing:
    """The value of an unanswered question or unset fact."""

    def __repr__(self) -> str:
        return "unanswered"


MISSING = _Missing()
Lookup: TypeAlias = Callable[[str], "Value | _Missing"]


@attrs.frozen
class Ref:
    """``answer("id")`` or ``fact("id")``."""

    source: Literal["answer", "fact"]
    id: str

    def __str__(self) -> str:
        return f'{self.source}("{self.id}")'


@attrs.frozen
class Const:
    """A literal value."""

    value: LiteralValue

    def __str__(self) -> str:
        return _show(self.value)


Operand: TypeAlias = Ref | Const


@attrs.frozen
class Compare:
    """``left OP right``."""

    op: Operator
    left: Operand
    right: Operand


@attrs.frozen
class Answered:
    """``answered("id")``, or ``unanswered("id")`` when ``negated``."""

    id: str
    negated: bool = False


@attrs.frozen
class Truth:
    """A bare ``true`` or ``false``."""

    value: bool


@attrs.frozen
class Not:
    """``not item``."""

    item: Node


@attrs.frozen
class AllOf:
    """``a and b and …``."""

    items: tuple[Node, ...]


@attrs.frozen
class AnyOf:
    """``a or b or …``."""

    items: tuple[Node, ...]


Node: TypeAlias = Compare | Answered | Truth | Not | AllOf | AnyOf


@attrs.frozen
class Condition:
    """A parsed condition with its source text."""

    source: str
    root: Node

    def holds(self, answer: Lookup, fact: Lookup) -> bool:
        """Evaluate with lookups that return a value or ``MISSING``."""
        return _evaluate(self.root, answer, fact)

    def refs(self) -> Iterator[Ref]:
        """Every ``answer(…)`` and ``fact(…)`` in the condition, answered() included."""
        yield from _refs(self.root)

    def comparisons(self) -> Iterator[Compare]:
        """Every comparison, for linting values against domains."""
        yield from (node for node in _walk(self.root) if isinstance(node, Compare))

    def __str__(self) -> str:
        return self.source


_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>"[^"]*"|'[^']*')
      | (?P<int>-?\d+)
      | (?P<op>==|!=|<=|>=|<|>)
      | (?P<punct>[()\[\],])
      | (?P<name>[A-Za-z_]+)
    )""",
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "in", "true", "false", "answer", "fact", "answered", "unanswered"}


@attrs.frozen
class _Token:
    kind: str
    text: str
    pos: int


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    end = len(source.rstrip())  # not a slice per token: a long condition stays linear
    while pos < end:
        match = _TOKEN.match(source, pos)
        if match is None or match.lastgroup is None:
            start = len(source) - len(source[pos:].lstrip())
            raise ConditionSyntaxError(source, start, "a value, a name or an operator")
        kind = match.lastgroup
        text = match.group(kind)
        start = match.start(kind)
        if kind == "name" and text not in _KEYWORDS:
            raise ConditionSyntaxError(
                source, start, f"one of {', '.join(sorted(_KEYWORDS))}, not {text!r}"
            )
        tokens.append(_Token(kind if kind != "name" else text, text, start))
        pos = match.end()
    tokens.append(_Token("end", "", len(source)))
    return tokens


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = _tokenize(source)
        self.index = 0
        self.depth = 0

    @property
    def peek(self) -> _Token:
        return self.tokens[self.index]

    def take(self, kind: str, expected: str | None = None) -> _Token:
        token = self.peek
        if token.kind != kind and token.text != kind:
            raise ConditionSyntaxError(self.source, token.pos, expected or repr(kind))
        self.index += 1
        return token

    def accept(self, kind: str) -> bool:
        if self.peek.kind == kind or (self.peek.kind == "punct" and self.peek.text == kind):
            self.index += 1
            return True
        return False

    def parse(self) -> Node:
        node = self.expr()
        if self.peek.kind != "end":
            raise ConditionSyntaxError(self.source, self.peek.pos, "'and', 'or' or the end")
        return node

    def expr(self) -> Node:
        items = [self.and_expr()]
        while self.accept("or"):
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else AnyOf(tuple(items))

    def and_expr(self) -> Node:
        items = [self.not_expr()]
        while self.accept("and"):
            items.append(self.not_expr())
        return items[0] if len(items) == 1 else AllOf(tuple(items))

    def not_expr(self) -> Node:
        if self.peek.kind == "not" or (self.peek.kind == "punct" and self.peek.text == "("):
            return self.nested()
        if self.peek.kind in ("answered", "unanswered"):
            negated = self.peek.kind == "unanswered"
            self.index += 1
            return Answered(self.call_argument(), negated)
        return self.comparison()

    def nested(self) -> Node:
        """``not …`` or ``( … )``: one level deeper, refused beyond :data:`MAX_DEPTH`."""
        if self.depth == MAX_DEPTH:
            raise ConditionSyntaxError(
                self.source,
                self.peek.pos,
                f"at most {MAX_DEPTH} levels of 'not' and parentheses (nested too deeply)",
            )
        self.depth += 1
        if self.accept("not"):
            node: Node = Not(self.not_expr())
        else:
            self.take("(")
            node = self.expr()
            self.take(")", "')'")
        self.depth -= 1
        return node

    def call_argument(self) -> str:
        self.take("(", "'(' after the function name")
        text = self.take("string", 'a quoted id, e.g. "1.6.1"').text[1:-1]
        self.take(")", "')'")
        return text

    def comparison(self) -> Node:
        left = self.operand()
        op: Operator
        if self.peek.kind == "op":
            op = self.peek.text  # type: ignore[assignment]
            self.index += 1
        elif self.accept("in"):
            op = "in"
        elif self.peek.kind == "not" and self.tokens[self.index + 1].kind == "in":
            self.index += 2
            op = "not in"
        else:
            if isinstance(left, Const) and isinstance(left.value, bool):
                return Truth(left.value)
            raise ConditionSyntaxError(
                self.source, self.peek.pos, "a comparison (==, !=, <, <=, >, >=, in, not in)"
            )
        return Compare(op, left, self.operand())

    def operand(self) -> Operand:
        token = self.peek
        if token.kind in ("answer", "fact"):
            self.index += 1
            return Ref(token.kind, self.call_argument())  # type: ignore[arg-type]
        if self.accept("["):
            items: list[str | int] = []
            while not self.accept("]"):
                if items:
                    self.take(",", "',' or ']'")
                items.append(self.scalar())
            return Const(tuple(items))
        if token.kind in ("true", "false"):
            self.index += 1
            return Const(token.kind == "true")
        return Const(self.scalar())

    def scalar(self) -> str | int:
        token = self.peek
        if token.kind == "string":
            self.index += 1
            return token.text[1:-1]
        if token.kind == "int":
            self.index += 1
            return int(token.text)
        raise ConditionSyntaxError(
            self.source, token.pos, 'answer("…"), fact("…"), a quoted text, a number or a list'
        )


def parse_condition(source: str) -> Condition:
    """Parse a condition; raise :class:`ConditionSyntaxError` saying what was expected where."""
    return Condition(source, _Parser(source).parse())


def _walk(node: Node) -> Iterator[Node]:
    yield node
    if isinstance(node, Not):
        yield from _walk(node.item)
    elif isinstance(node, AllOf | AnyOf):
        for item in node.items:
            yield from _walk(item)


def _refs(node: Node) -> Iterator[Ref]:
    for item in _walk(node):
        if isinstance(item, Compare):
            yield from (side for side in (item.left, item.right) if isinstance(side, Ref))
        elif isinstance(item, Answered):
            yield Ref("answer", item.id)


def _value(operand: Operand, answer: Lookup, fact: Lookup) -> object:
    if isinstance(operand, Const):
        return operand.value
    return (answer if operand.source == "answer" else fact)(operand.id)


def _compare(op: Operator, left: object, right: object) -> bool:
    if left is MISSING or right is MISSING:
        return False
    if op in ("in", "not in"):
        if not isinstance(right, tuple):
            return False
        # A multiple-choice answer on the left is "in" a list when any choice is.
        found = any(x in right for x in left) if isinstance(left, tuple) else left in right
        return found if op == "in" else not found
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    if not (
        (isinstance(left, int) and isinstance(right, int))
        or (isinstance(left, str) and isinstance(right, str))
    ):
        return False
    ordered: dict[str, Callable[[object, object], bool]] = {
        "<": lambda a, b: a < b,  # type: ignore[operator]
        "<=": lambda a, b: a <= b,  # type: ignore[operator]
        ">": lambda a, b: a > b,  # type: ignore[operator]
        ">=": lambda a, b: a >= b,  # type: ignore[operator]
    }
    return ordered[op](left, right)


def _evaluate(node: Node, answer: Lookup, fact: Lookup) -> bool:
    if isinstance(node, Compare):
        return _compare(node.op, _value(node.left, answer, fact), _value(node.right, answer, fact))
    if isinstance(node, Answered):
        return (answer(node.id) is MISSING) == node.negated
    if isinstance(node, Truth):
        return node.value
    if isinstance(node, Not):
        return not _evaluate(node.item, answer, fact)
    if isinstance(node, AllOf):
        return all(_evaluate(item, answer, fact) for item in node.items)
    return any(_evaluate(item, answer, fact) for item in node.items)


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, tuple):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return str(value)


def show_value(value: object) -> str:
    """Render a value as the condition language writes it (``unanswered`` for none)."""
    return "unanswered" if value is MISSING else _show(value)
