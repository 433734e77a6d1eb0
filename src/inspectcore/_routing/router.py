"""Deciding which questions apply to a case, and saying why the others do not."""

from __future__ import annotations

import attrs

from .._cases.case import CaseAssessment, PerOption, judgements
from .._loading.lint import decision_order
from .._model.conditions import MISSING, Condition, _Missing, show_value
from .._model.domains import Value
from .._model.edition import Edition, Exclusion, Question
from .._model.rules import Rule
from .evaluate import holds


@attrs.frozen
class Applicability:
    """Whether one question applies to a case, and the reason when it does not."""

    question: Question
    applies: bool
    reason: str = ""


class Router:
    """Works out applicability for one case, each question once.

    Answers to questions that do not apply are treated as unanswered when
    other rules read them, so routing follows the case's actual path.
    """

    def __init__(self, edition: Edition, case: CaseAssessment) -> None:
        self.edition = edition
        self.case = case
        self._answers = {a.question: a.value for a in case.answers}
        self._context = dict(case.context)
        self._memo: dict[str, Applicability] = {}

    def answer(self, question_id: str) -> Value | _Missing:
        """The answer as routing sees it: ``MISSING`` when unanswered or not applicable."""
        question = self.edition.find_question(question_id)
        if question is None:
            return MISSING
        value = self._answers.get(question.id, MISSING)
        if value is MISSING or isinstance(value, PerOption):
            return MISSING
        return value if self.check(question).applies else MISSING

    def _judgement(self, question: Question) -> Value | PerOption | _Missing:
        """A judgement's answer, per-option answers included, if it applies."""
        value = self._answers.get(question.id, MISSING)
        return value if self.check(question).applies else MISSING

    def fact(self, fact_id: str) -> Value | _Missing:
        """An inspection-context fact, or ``MISSING``."""
        return self._context.get(fact_id, MISSING)

    def check(self, question: Question) -> Applicability:
        """Whether ``question`` applies, with the reason if it does not."""
        if question.id not in self._memo:
            for undecided in decision_order(self.edition, question, self._memo):
                self._memo[undecided.id] = self._decide(undecided)
        return self._memo[question.id]

    def all(self) -> tuple[Applicability, ...]:
        """Every question of the edition, in order."""
        return tuple(self.check(q) for q in self.edition.questions)

    def _decide(self, question: Question) -> Applicability:
        for section in self.edition.section_path(question.section):
            if section.applies and not self._holds(section.applies.condition):
                why = self._why(section.applies)
                return Applicability(question, False, f"section {section.id}: {why}")
        if question.applies and not self._holds(question.applies.condition):
            return Applicability(question, False, self._why(question.applies))
        judged_id = question.links.explains
        if judged_id and (judged := self.edition.find_question(judged_id)):
            value = self._judgement(judged)
            _, insufficient = self.edition.judged_as(judged)
            # Answered per option (per priority factor), any insufficient option needs explaining.
            given = () if isinstance(value, _Missing) else judgements(value)
            if not any(v in insufficient for v in given):
                return Applicability(
                    question,
                    False,
                    f"explains {judged.id}, which is not answered "
                    f"{' or '.join(map(repr, insufficient))} ({judged.id} = {show_value(value)})",
                )
        source_id = question.links.per_option_of
        if source_id and self.answer(source_id) in (MISSING, ()):
            return Applicability(
                question, False, f"answered per option chosen in {source_id}, and none is chosen"
            )
        return Applicability(question, True)

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
