"""The applicability condition language's records: a parsed condition and its nodes.

Parsed at load time (:mod:`inspectcore._loading.conditions`), never ``eval``-ed;
evaluated by routing (:mod:`inspectcore._routing.evaluate`).

Grammar::

    expr       := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | "(" expr ")" | predicate | comparison
    predicate  := ("answered" | "unanswered") "(" STRING ")"
    comparison := operand [("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in") operand]
    operand    := "answer" "(" STRING ")" | "fact" "(" STRING ")" | "today" "(" ")"
                | literal | "[" literal,* "]"
    literal    := STRING | INTEGER | "true" | "false"

A comparison that involves an unanswered question or unset fact is false. ``today()`` is
the date validation runs on, as ISO text (so it compares with date answers); only
plausibility checks may use it, so that routing never changes from one day to the next. ``not`` and
parentheses nest at most :data:`MAX_DEPTH` levels deep.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Literal, TypeAlias

import attrs

from .domains import Value

MAX_DEPTH = 100
"""How deeply ``not`` and parentheses may nest in one condition.

The parser, the evaluator and the lint all recurse once per level; a fixed limit, far
below Python's recursion limit and far above what guidance needs, keeps data from
crashing any of them.
"""

LiteralValue: TypeAlias = str | int | bool | tuple[str | int, ...]
Operator: TypeAlias = Literal["==", "!=", "<", "<=", ">", ">=", "in", "not in"]


class Missing:
    """The type of :data:`MISSING`, the value of an unanswered question or unset fact."""

    def __repr__(self) -> str:
        return "unanswered"


MISSING = Missing()
"""What routing sees for an unanswered (or not applicable) question or an unset fact."""
Lookup: TypeAlias = Callable[[str], "Value | Missing"]


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


@attrs.frozen
class Today:
    """``today()``: the date a check is tested on, as an ISO date string."""

    def __str__(self) -> str:
        return "today()"


Operand: TypeAlias = Ref | Const | Today


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

    def refs(self) -> Iterator[Ref]:
        """Every ``answer(…)`` and ``fact(…)`` in the condition, answered() included."""
        yield from _refs(self.root)

    def uses_today(self) -> bool:
        """Whether the condition reads ``today()``."""
        return any(
            isinstance(side, Today)
            for node in self.comparisons()
            for side in (node.left, node.right)
        )

    def comparisons(self) -> Iterator[Compare]:
        """Every comparison, for linting values against domains."""
        yield from (node for node in _walk(self.root) if isinstance(node, Compare))

    def __str__(self) -> str:
        return self.source


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
