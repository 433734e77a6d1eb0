"""Parsing the condition language: text to :class:`~inspectcore._model.conditions.Condition`.

The grammar is in :mod:`inspectcore._model.conditions`.
"""

from __future__ import annotations

import re

import attrs

from .._errors import ConditionSyntaxError
from .._model.conditions import (
    MAX_DEPTH,
    AllOf,
    Answered,
    AnyOf,
    Compare,
    Condition,
    Const,
    Node,
    Not,
    Operand,
    Operator,
    Ref,
    Today,
    Truth,
)

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
_KEYWORDS = {
    "and",
    "or",
    "not",
    "in",
    "true",
    "false",
    "answer",
    "fact",
    "answered",
    "unanswered",
    "today",
}


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
        if token.kind == "today":
            self.index += 1
            self.take("(", "'(' after today")
            self.take(")", "')': today() takes nothing")
            return Today()
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
            try:
                return int(token.text)
            except ValueError:  # longer than Python converts (4,300 digits)
                raise ConditionSyntaxError(
                    self.source, token.pos, "a number of at most 4300 digits"
                ) from None
        raise ConditionSyntaxError(
            self.source,
            token.pos,
            'answer("…"), fact("…"), today(), a quoted text, a number or a list',
        )


def parse_condition(source: str) -> Condition:
    """Parse a condition; raise :class:`ConditionSyntaxError` saying what was expected where."""
    return Condition(source, _Parser(source).parse())
