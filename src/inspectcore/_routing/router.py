"""Deciding which questions apply to a case, and saying why the others do not."""

from __future__ import annotations

import attrs

from .._cases.case import CaseAssessment, PerOption, judgements
from .._cases.fact_answers import with_fact_answers
from .._loading.gates import gates_of
from .._model.conditions import MISSING, Condition, Missing, show_value
from .._model.domains import Value
from .._model.edition import Edition, Exclusion, Question
from .._model.gates import ExplainsGate, Gate, PerOptionGate, SectionGate
from .._model.rules import Rule
from .decide import decide, decided, edition_order
from .evaluate import holds


@attrs.frozen
class Applicability:
    """Whether one question applies to a case, and the reason when it does not."""

    question: Question
    applies: bool
    reason: str = ""


class Router:
    """Works out applicability for one case, each question once.

    The closed-world reading of the case: what is not answered is not there. Answers
    to questions that do not apply are treated as unanswered when other rules read
    them, so routing follows the case's actual path.
    """

    def __init__(self, edition: Edition, case: CaseAssessment) -> None:
        self.edition = edition
        self.case = case
        read = with_fact_answers(edition, case)  # an older file's answers to today's facts
        self._answers = {a.question: a.value for a in read.answers}
        self._context = dict(read.context)
        self._memo: dict[str, Applicability] = {}

    def answer(self, question_id: str) -> Value | Missing:
        """The answer as routing sees it: ``MISSING`` when unanswered or not applicable."""
        question = self.edition.find_question(question_id)
        if question is None:
            return MISSING
        value = self._answers.get(question.id, MISSING)
        if value is MISSING or isinstance(value, PerOption):
            return MISSING
        return value if self.check(question).applies else MISSING

    def judgements(self, question_id: str) -> tuple[Value, ...]:
        """The judgements a question gives in this case: none when it is unanswered or does
        not apply, one per option when answered per option."""
        value = self._judgement(question_id)
        return () if isinstance(value, Missing) else judgements(value)

    def _judgement(self, question_id: str) -> Value | PerOption | Missing:
        """An answer, per-option answers included, if its question applies."""
        question = self.edition.find_question(question_id)
        if question is None:
            return MISSING
        value = self._answers.get(question.id, MISSING)
        return value if self.check(question).applies else MISSING

    def fact(self, fact_id: str) -> Value | Missing:
        """An inspection-context fact, or ``MISSING``."""
        return self._context.get(fact_id, MISSING)

    def check(self, question: Question) -> Applicability:
        """Whether ``question`` applies, with the reason if it does not."""
        return decided(self.edition, question, self._memo, self._applicability)

    def all(self) -> tuple[Applicability, ...]:
        """Every question of the edition, in order."""
        memo = self._memo
        for question in edition_order(self.edition):
            if question.id not in memo:
                memo[question.id] = self._applicability(question)
        return tuple(memo[q.id] for q in self.edition.questions)

    def _applicability(self, question: Question) -> Applicability:
        decision = decide(gates_of(self.edition, question), self)
        if decision.stopped_by is None:
            return Applicability(question, True)
        return Applicability(question, False, self._stopped(decision.stopped_by))

    def _stopped(self, gate: Gate) -> str:
        """Why ``gate`` stops its question in this case."""
        if isinstance(gate, ExplainsGate):
            value = self._judgement(gate.judgement)
            return (
                f"explains {gate.judgement}, which is not answered "
                f"{' or '.join(map(repr, gate.insufficient))} "
                f"({gate.judgement} = {show_value(value)})"
            )
        if isinstance(gate, PerOptionGate):
            return f"answered per option chosen in {gate.source}, and none is chosen"
        why = self._why(gate.rule)
        return f"section {gate.section}: {why}" if isinstance(gate, SectionGate) else why

    def exclusions(self) -> tuple[Exclusion, ...]:
        """The edition's exclusion rules that take this case out of the sample.

        The one place exclusions are evaluated: scoring, export and the recording
        session all ask here.
        """
        return tuple(e for e in self.edition.exclusions if self._holds(e.rule.condition))

    def _holds(self, condition: Condition) -> bool:
        return holds(condition, self.answer, self.fact)

    def _why(self, rule: Rule) -> str:
        shown = []
        for ref in dict.fromkeys(rule.condition.refs()):
            value = self.answer(ref.id) if ref.source == "answer" else self.fact(ref.id)
            shown.append(f"{ref.id} = {show_value(value)}")
        values = f" ({', '.join(shown)})" if shown else ""
        return f"{rule.condition} does not hold{values}"


def applicability(edition: Edition, case: CaseAssessment) -> tuple[Applicability, ...]:
    """For every question of ``edition``, whether it applies to ``case`` and why not."""
    return Router(edition, case).all()


def applicable_questions(edition: Edition, case: CaseAssessment) -> tuple[Question, ...]:
    """The questions that apply to ``case``, in the edition's order."""
    return tuple(a.question for a in applicability(edition, case) if a.applies)
