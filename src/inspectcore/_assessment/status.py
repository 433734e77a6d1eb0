"""Whether a case is complete: derived from the case and its edition, never stored.

A case is complete when validation finds no error in it: every inspection fact set,
every question that applies answered (explanations and "Other" texts included), no
answer left for review, nothing invalid. A status written into the case file would be
a second source of truth that a hand edit, or a change of answer that brings a new
question in, would silently make wrong; derived, it is always what the answers say.
"""

from __future__ import annotations

import enum

import attrs

from .._cases.case import CaseAssessment
from .._model.edition import Edition
from .._routing.routed import RoutedCase
from .validation import Problem, ProblemCode, validate

_LEFT_TO_ASK = frozenset(
    {
        ProblemCode.MISSING_FACT,
        ProblemCode.MISSING_ANSWER,
        ProblemCode.MISSING_EXPLANATION,
        ProblemCode.MISSING_OTHER_TEXT,
        ProblemCode.NEEDS_REVIEW,
    }
)
"""The errors that say something is still to be asked (or confirmed) in the questionnaire."""


class CaseProgress(enum.Enum):
    """How far a case's assessment has got."""

    IN_PROGRESS = "in progress"
    """Something is still to be answered or put right (see :attr:`CaseStatus.reason`)."""
    COMPLETE = "complete"
    """Valid, with nothing left to ask: the case can count towards the figures."""


@attrs.frozen
class CaseStatus:
    """A case's progress, and what stands between it and complete."""

    progress: CaseProgress
    left_to_ask: tuple[str, ...] = ()
    """Questions (or ``context`` for facts) still to answer or confirm, in edition order."""
    errors: tuple[Problem, ...] = ()
    """Every validation error of the case (those behind :attr:`left_to_ask` too)."""

    @property
    def complete(self) -> bool:
        """Whether the case is complete."""
        return self.progress is CaseProgress.COMPLETE

    @property
    def reason(self) -> str:
        """Why the case is not complete, in one line ("" when it is)."""
        parts = []
        if self.left_to_ask:
            shown = ", ".join(self.left_to_ask[:5]) + (", …" if len(self.left_to_ask) > 5 else "")
            parts.append(f"{len(self.left_to_ask)} left to answer ({shown})")
        other = [p for p in self.errors if p.code not in _LEFT_TO_ASK]
        if other:
            first = other[0]
            where = first.question or first.location
            parts.append(
                f"{len(other)} other error(s), the first {where + ': ' if where else ''}"
                f"{first.message}"
            )
        return "; ".join(parts)


def case_status(
    edition: Edition,
    case: CaseAssessment | RoutedCase,
    problems: tuple[Problem, ...] | None = None,
) -> CaseStatus:
    """Whether ``case`` is complete under ``edition``, and if not, why.

    ``problems`` are its validation problems when they are at hand already (as
    :func:`~inspectcore.validate` gave them); otherwise the case is validated.
    """
    if problems is None:
        problems = validate(edition, case)
    errors = tuple(p for p in problems if p.is_error)
    if not errors:
        return CaseStatus(CaseProgress.COMPLETE)
    left = dict.fromkeys(p.question or p.location for p in errors if p.code in _LEFT_TO_ASK)
    return CaseStatus(CaseProgress.IN_PROGRESS, tuple(left), errors)
