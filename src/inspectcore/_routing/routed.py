"""A case with its routing decided once, for every step that reads it.

Validation, scoring and export each need to know which questions apply to a case and
whether an exclusion takes it out of the sample. :func:`route` decides that once per
case; the steps share the :class:`RoutedCase` instead of each routing the case again.
"""

from __future__ import annotations

import attrs

from .._cases.case import CaseAssessment
from .._model.conditions import Missing
from .._model.domains import Value
from .._model.edition import Edition, Exclusion, Question
from .router import Applicability, Router


@attrs.frozen
class RoutedCase:
    """A case under an edition, with each question's applicability and the case's
    exclusions decided (by the closed-world :class:`~inspectcore.Router`)."""

    edition: Edition
    case: CaseAssessment
    applicability: tuple[Applicability, ...]
    """Every question of the edition, in order."""
    exclusions: tuple[Exclusion, ...]
    """The edition's exclusion rules that take the case out of the sample."""
    _router: Router = attrs.field(alias="router", eq=False, repr=False)

    @property
    def exclusion(self) -> Exclusion | None:
        """The first exclusion that takes the case out of the sample, or ``None``."""
        return self.exclusions[0] if self.exclusions else None

    def check(self, question: Question) -> Applicability:
        """Whether ``question`` applies, with the reason if it does not."""
        return self._router.check(question)

    def answer(self, question_id: str) -> Value | Missing:
        """The answer as routing sees it: ``MISSING`` when unanswered or not applicable."""
        return self._router.answer(question_id)

    def fact(self, fact_id: str) -> Value | Missing:
        """An inspection-context fact, or ``MISSING``."""
        return self._router.fact(fact_id)

    def judgements(self, question: Question) -> tuple[Value, ...]:
        """The judgements the case gives ``question``: none when it is unanswered or does
        not apply, one per option when answered per option."""
        return self._router.judgements(question.id)


def route(edition: Edition, case: CaseAssessment | RoutedCase) -> RoutedCase:
    """``case`` routed under ``edition``: every question's applicability and the case's
    exclusions, decided once.

    A case already routed under this very edition is returned as it is, so that a step
    given routed cases does not route them again.
    """
    if isinstance(case, RoutedCase):
        if case.edition is edition:
            return case
        case = case.case
    router = Router(edition, case)
    return RoutedCase(edition, case, router.all(), router.exclusions(), router=router)
