"""Evaluating a parsed condition against a case's answers and facts."""

from __future__ import annotations

from collections.abc import Callable

from .._model.conditions import (
    MISSING,
    AllOf,
    Answered,
    Compare,
    Condition,
    Const,
    Lookup,
    Node,
    Not,
    Operand,
    Operator,
    Truth,
)


def holds(condition: Condition, answer: Lookup, fact: Lookup) -> bool:
    """Evaluate ``condition`` with lookups that return a value or ``MISSING``."""
    return _evaluate(condition.root, answer, fact)


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
