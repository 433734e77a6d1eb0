"""Which questions of a part-answered case apply, may apply, or cannot apply.

:class:`~inspectcore.Router` reads an unanswered question as "no answer", which is right
for a finished case. For a case still being assessed (a case carried from another
edition, say) a question whose rule reads an unanswered question is not ruled out: it
*may* apply, once that question is answered. This module decides with three values.
"""

from __future__ import annotations

import enum

import attrs

from .._cases.case import CaseAssessment, PerOption, judgements
from .._loading.lint import decision_order
from .._model.conditions import (
    MISSING,
    AllOf,
    Answered,
    AnyOf,
    Compare,
    Const,
    Node,
    Not,
    Operand,
    Truth,
)
from .._model.edition import Edition, Question
from .evaluate import _compare


class ProspectStatus(enum.Enum):
    """Whether a question applies to a part-answered case."""

    APPLIES = "applies"
    OPEN = "open"
    """Whether it applies depends on answers (or facts) not given yet."""
    OUT = "out"
    """It cannot apply, whatever is answered next."""


@attrs.frozen
class Prospect:
    """A question's status, and what an open one waits for."""

    question: Question
    status: ProspectStatus
    waits_for: tuple[str, ...] = ()
    """Unanswered questions (ids) and unset facts (``fact <id>``) that decide it, when open."""


class _Unknown:
    def __repr__(self) -> str:
        return "unknown"


_UNKNOWN = _Unknown()


class ProspectRouter:
    """Decides each question's :class:`ProspectStatus` for one part-answered case, once."""

    def __init__(self, edition: Edition, case: CaseAssessment) -> None:
        self.edition = edition
        self._answers = {a.question: a.value for a in case.answers}
        self._context = dict(case.context)
        self._memo: dict[str, Prospect] = {}

    def check(self, question: Question) -> Prospect:
        """The question's status under what the case answers so far."""
        if question.id not in self._memo:
            for undecided in decision_order(self.edition, question, self._memo):
                self._memo[undecided.id] = self._decide(undecided)
        return self._memo[question.id]

    def all(self) -> tuple[Prospect, ...]:
        """Every question of the edition, in order."""
        return tuple(self.check(q) for q in self.edition.questions)

    def _answer(self, question_id: str, waits: list[str]) -> object:
        """An answer as routing sees it: a value, ``MISSING`` (known absent) or unknown."""
        question = self.edition.find_question(question_id)
        if question is None:
            return MISSING
        prospect = self.check(question)
        if prospect.status is ProspectStatus.OUT:
            return MISSING
        value = self._answers.get(question.id)
        if value is None:
            waits.append(question.id)
            return _UNKNOWN
        if isinstance(value, PerOption):
            return MISSING
        if prospect.status is ProspectStatus.OPEN:
            waits.extend(prospect.waits_for)
            return _UNKNOWN
        return value

    def _operand(self, operand: Operand, waits: list[str]) -> object:
        if isinstance(operand, Const):
            return operand.value
        if operand.source == "answer":
            return self._answer(operand.id, waits)
        if operand.id in self._context:
            return self._context[operand.id]
        waits.append(f"fact {operand.id}")
        return _UNKNOWN

    def _holds(self, node: Node, waits: list[str]) -> bool | None:
        """Kleene logic: ``None`` when the answers given so far do not decide it."""
        if isinstance(node, Compare):
            left, right = self._operand(node.left, waits), self._operand(node.right, waits)
            if left is _UNKNOWN or right is _UNKNOWN:
                return None
            return _compare(node.op, left, right)
        if isinstance(node, Answered):
            value = self._answer(node.id, waits)
            return None if value is _UNKNOWN else (value is MISSING) == node.negated
        if isinstance(node, Truth):
            return node.value
        if isinstance(node, Not):
            inner = self._holds(node.item, waits)
            return None if inner is None else not inner
        results = [self._holds(item, waits) for item in node.items]
        decisive = isinstance(node, AnyOf)  # True decides an "or", False an "and"
        assert isinstance(node, AnyOf | AllOf)
        if decisive in results:
            return decisive
        return None if None in results else not decisive

    def _decide(self, question: Question) -> Prospect:
        results: list[bool | None] = []
        waits: list[str] = []
        rules = [s.applies for s in self.edition.section_path(question.section) if s.applies]
        if question.applies:
            rules.append(question.applies)
        for rule in rules:
            results.append(self._holds(rule.condition.root, waits))
        judged_id = question.links.explains
        if judged_id and (judged := self.edition.find_question(judged_id)):
            value = self._answer(judged.id, waits)
            _, insufficient = self.edition.judged_as(judged)
            given = self._answers.get(judged.id)
            applies = self.check(judged).status is ProspectStatus.APPLIES
            if isinstance(given, PerOption) and applies:
                # Answered per option: any insufficient option needs explaining, as in Router.
                value = next((v for v in judgements(given) if v in insufficient), MISSING)
            results.append(None if value is _UNKNOWN else value in insufficient)
        source_id = question.links.per_option_of
        if source_id:
            value = self._answer(source_id, waits)
            results.append(None if value is _UNKNOWN else value not in (MISSING, ()))
        if False in results:
            return Prospect(question, ProspectStatus.OUT)
        if None in results:
            return Prospect(question, ProspectStatus.OPEN, tuple(dict.fromkeys(waits)))
        return Prospect(question, ProspectStatus.APPLIES)
