"""Deciding a question's gates under a reading of the case: the one definition of
whether a question applies.

A *reading* says what routing sees of a case: an answer or fact (a value, ``MISSING``
or :data:`~inspectcore._routing.evaluate.UNKNOWN`) and the judgements a question
gives. :class:`~inspectcore.Router` is the closed-world reading of a finished case;
:class:`~inspectcore.ProspectRouter` the part-answered one. Both decide with
:func:`decide`, in :func:`decision_order`.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Container, MutableMapping
from typing import Protocol, TypeVar

import attrs

from .._loading.gates import gates_of
from .._model.conditions import MISSING
from .._model.domains import Value
from .._model.edition import Edition, Question
from .._model.gates import ExplainsGate, Gate, PerOptionGate, QuestionGates
from .evaluate import UNKNOWN, Looked, Verdict, _Unknown, evaluate

T = TypeVar("T")


class Reading(Protocol):
    """What routing sees of one case."""

    def answer(self, question_id: str) -> Looked:
        """An answer as conditions read it (a per-option answer is no value)."""

    def fact(self, fact_id: str) -> Looked:
        """An inspection-context fact."""

    def judgements(self, question_id: str) -> tuple[Value, ...] | _Unknown:
        """The judgements a question gives (one per option when answered per option):
        none when it is unanswered or does not apply."""


@attrs.frozen
class Decision:
    """Whether a question applies (``None``: not decided yet), and the first gate that
    stops it, when one does."""

    applies: Verdict
    stopped_by: Gate | None = None


def gate_holds(gate: Gate, reading: Reading) -> Verdict:
    """Whether one gate lets its question apply under ``reading``."""
    if isinstance(gate, ExplainsGate):
        given = reading.judgements(gate.judgement)
        if isinstance(given, _Unknown):
            return None
        return any(v in gate.insufficient for v in given)
    if isinstance(gate, PerOptionGate):
        chosen = reading.answer(gate.source)
        return None if chosen is UNKNOWN else chosen not in (MISSING, ())
    return evaluate(gate.rule.condition, reading.answer, reading.fact)


def decide(gates: QuestionGates, reading: Reading) -> Decision:
    """A question applies when every gate holds, and cannot when any does not.

    Every gate is read, even after one stops the question, so that a reading which
    records what it was asked sees all of it.
    """
    verdicts = [(gate, gate_holds(gate, reading)) for gate in gates.gates]
    stopped = next((gate for gate, verdict in verdicts if verdict is False), None)
    if stopped is not None:
        return Decision(False, stopped)
    return Decision(None if any(v is None for _, v in verdicts) else True)


def decided(
    edition: Edition,
    question: Question,
    memo: MutableMapping[str, T],
    decide_one: Callable[[Question], T],
) -> T:
    """``question``'s decision from ``memo``, deciding it (and what it reads) first if needed."""
    if question.id not in memo:
        for undecided in decision_order(edition, question, memo):
            memo[undecided.id] = decide_one(undecided)
    return memo[question.id]


def decision_order(edition: Edition, question: Question, decided: Container[str]) -> list[Question]:
    """``question`` and the questions not yet ``decided`` that its gates read, each
    after the questions it reads.

    Routers decide in this order, so that reading another question's answer never has
    to decide that question first: a long chain of rules would otherwise recurse once
    per link. A cycle (which loading rejects) is cut where it closes.
    """
    order: list[Question] = []
    seen = {question.id}
    stack = [(question, iter(sorted(gates_of(edition, question).questions)))]
    while stack:
        current, pending = stack[-1]
        for dep_id in pending:
            dep = edition.find_question(dep_id)
            if dep is not None and dep.id not in seen and dep.id not in decided:
                seen.add(dep.id)
                stack.append((dep, iter(sorted(gates_of(edition, dep).questions))))
                break
        else:
            stack.pop()
            order.append(current)
    return order


# Keyed by the edition object, as its gates are (see edition_gates); the entry goes with it.
_orders: dict[int, tuple[Question, ...]] = {}


def edition_order(edition: Edition) -> tuple[Question, ...]:
    """Every question of ``edition``, each after the questions its gates read: the order
    :func:`decided` reaches them in when asked for each question in edition order, worked
    out once per edition, so that deciding a whole case is one pass over its questions."""
    key = id(edition)
    found = _orders.get(key)
    if found is None:
        order: list[Question] = []
        done: set[str] = set()
        for question in edition.questions:
            if question.id not in done:
                for undecided in decision_order(edition, question, done):
                    done.add(undecided.id)
                    order.append(undecided)
        found = _orders[key] = tuple(order)
        weakref.finalize(edition, _orders.pop, key, None)
    return found
