"""Evaluating a parsed condition against a case's answers and facts, with three values.

A lookup returns a value, ``MISSING`` (known to be absent: unanswered in a finished
case, or not applicable) or :data:`UNKNOWN` (not given yet, and it may still be). A
condition is then true, false, or unknown (``None``), by Kleene's logic: an unknown
part decides nothing unless the other parts leave the answer open.

The closed-world reading (:class:`~inspectcore.Router`) never looks anything up as
unknown, so its conditions are always true or false (:func:`holds`); the part-answered
reading (:class:`~inspectcore.ProspectRouter`) does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

from .._model.conditions import (
    MISSING,
    AllOf,
    Answered,
    AnyOf,
    Compare,
    Condition,
    Const,
    Lookup,
    Missing,
    Node,
    Not,
    Operand,
    Operator,
    Today,
    Truth,
)
from .._model.domains import Value


class _Unknown:
    """The value of an answer or fact not given yet, which may still be."""

    def __repr__(self) -> str:
        return "unknown"


UNKNOWN = _Unknown()
Looked: TypeAlias = "Value | Missing | _Unknown"
Lookup3: TypeAlias = Callable[[str], Looked]
"""A lookup that may also say :data:`UNKNOWN`."""
Verdict: TypeAlias = bool | None
"""True, false, or ``None`` when what is known so far does not decide."""


def evaluate(
    condition: Condition, answer: Lookup3, fact: Lookup3, today: str | None = None
) -> Verdict:
    """Evaluate ``condition``; ``None`` when the lookups' unknowns leave it undecided.

    ``today`` is the ISO date ``today()`` stands for; without one, ``today()`` is missing
    (a comparison with it is false). Every part is evaluated, even after one decides, so
    that lookups which record what they were asked (the part-answered reading's "waits
    for") see all of it.
    """
    return _evaluate(condition.root, answer, fact, MISSING if today is None else today)


def holds(condition: Condition, answer: Lookup, fact: Lookup, today: str | None = None) -> bool:
    """Evaluate ``condition`` with lookups that return a value or ``MISSING`` (never unknown)."""
    verdict = evaluate(condition, answer, fact, today)
    assert verdict is not None, "a closed-world lookup never says unknown"
    return verdict


def _value(operand: Operand, answer: Lookup3, fact: Lookup3, today: Looked) -> object:
    if isinstance(operand, Const):
        return operand.value
    if isinstance(operand, Today):
        return today
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


def _evaluate(node: Node, answer: Lookup3, fact: Lookup3, today: Looked = MISSING) -> Verdict:
    if isinstance(node, Compare):
        left = _value(node.left, answer, fact, today)
        right = _value(node.right, answer, fact, today)
        if left is UNKNOWN or right is UNKNOWN:
            return None
        return _compare(node.op, left, right)
    if isinstance(node, Answered):
        value = answer(node.id)
        return None if value is UNKNOWN else (value is MISSING) == node.negated
    if isinstance(node, Truth):
        return node.value
    if isinstance(node, Not):
        inner = _evaluate(node.item, answer, fact, today)
        return None if inner is None else not inner
    results = [_evaluate(item, answer, fact, today) for item in node.items]
    decisive = isinstance(node, AnyOf)  # True decides an "or", False an "and"
    assert isinstance(node, AnyOf | AllOf)
    if decisive in results:
        return decisive
    return None if None in results else not decisive
