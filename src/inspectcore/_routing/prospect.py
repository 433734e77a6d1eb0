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
from .._cases.fact_answers import with_fact_answers
from .._loading.gates import gates_of
from .._model.conditions import MISSING
from .._model.domains import Value
from .._model.edition import Edition, Question
from .decide import decide, decided
from .evaluate import UNKNOWN, Looked, _Unknown


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


class ProspectRouter:
    """Decides each question's :class:`ProspectStatus` for one part-answered case, once."""

    def __init__(self, edition: Edition, case: CaseAssessment) -> None:
        self.edition = edition
        read = with_fact_answers(edition, case)  # an older file's answers to today's facts
        self._answers = {a.question: a.value for a in read.answers}
        self._context = dict(read.context)
        self._memo: dict[str, Prospect] = {}

    def check(self, question: Question) -> Prospect:
        """The question's status under what the case answers so far."""
        return decided(self.edition, question, self._memo, self._prospect)

    def all(self) -> tuple[Prospect, ...]:
        """Every question of the edition, in order."""
        return tuple(self.check(q) for q in self.edition.questions)

    def _prospect(self, question: Question) -> Prospect:
        reading = _PartAnswered(self)
        decision = decide(gates_of(self.edition, question), reading)
        if decision.applies is False:
            return Prospect(question, ProspectStatus.OUT)
        if decision.applies is None:
            return Prospect(question, ProspectStatus.OPEN, tuple(dict.fromkeys(reading.waits)))
        return Prospect(question, ProspectStatus.APPLIES)


@attrs.define
class _PartAnswered:
    """The part-answered reading: what is not given yet is unknown, and each unknown
    looked up is recorded as what the question being decided waits for."""

    router: ProspectRouter
    waits: list[str] = attrs.Factory(list)

    def _applying(self, question_id: str) -> tuple[Question, Prospect] | None:
        question = self.router.edition.find_question(question_id)
        if question is None:
            return None
        prospect = self.router.check(question)
        return None if prospect.status is ProspectStatus.OUT else (question, prospect)

    def answer(self, question_id: str) -> Looked:
        """A value, ``MISSING`` (known absent: out, or answered per option) or unknown."""
        found = self._applying(question_id)
        if found is None:
            return MISSING
        question, prospect = found
        value = self.router._answers.get(question.id)
        if value is None:
            self.waits.append(question.id)
            return UNKNOWN
        if isinstance(value, PerOption):
            return MISSING
        if prospect.status is ProspectStatus.OPEN:
            self.waits.extend(prospect.waits_for)
            return UNKNOWN
        return value

    def fact(self, fact_id: str) -> Looked:
        """A fact of the case, or unknown while it is not set."""
        if fact_id in self.router._context:
            return self.router._context[fact_id]
        self.waits.append(f"fact {fact_id}")
        return UNKNOWN

    def judgements(self, question_id: str) -> tuple[Value, ...] | _Unknown:
        """A question's judgements: none when it is out, unknown while unanswered or open."""
        found = self._applying(question_id)
        if found is None:
            return ()
        question, prospect = found
        value = self.router._answers.get(question.id)
        if value is None:
            self.waits.append(question.id)
            return UNKNOWN
        if prospect.status is ProspectStatus.OPEN:
            self.waits.extend(prospect.waits_for)
            return UNKNOWN
        return judgements(value)
