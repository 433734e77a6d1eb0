"""Answers to questions that an edition has since made inspection facts.

An edition may move a question that is the same for every case (the inspected service, the
country) out of the per-case questions and into its ``[[facts]]``. Case files written before
then carry the value as an answer under the question's id. They stay readable: such an answer
is read as the case's fact where the case's context does not set it, and one that agrees with
the context is simply the same fact twice. One that disagrees is left as an answer, for
validation to report (see :func:`fact_answer_conflicts`).
"""

from __future__ import annotations

import attrs

from .._model.domains import Value
from .._model.edition import Edition
from .case import CaseAssessment, PerOption


def _fact_answers(edition: Edition, case: CaseAssessment) -> dict[str, Value]:
    """The case's answers under an id that is one of the edition's facts and no question."""
    facts = {fact.id for fact in edition.facts}
    return {
        a.question: a.value
        for a in case.answers
        if a.question in facts
        and edition.find_question(a.question) is None
        and not isinstance(a.value, PerOption)
    }


def with_fact_answers(edition: Edition, case: CaseAssessment) -> CaseAssessment:
    """``case`` with its answers to what ``edition`` asks as inspection facts read as facts.

    An answer whose id is a fact the context does not set moves into the context; one that
    agrees with the context is dropped; one that disagrees is kept (validation reports it).
    The case is returned unchanged when it has no such answer.
    """
    found = _fact_answers(edition, case)
    if not found:
        return case
    context = dict(case.context)
    moved = {k: v for k, v in found.items() if k not in context}
    settled = moved.keys() | {k for k, v in found.items() if context.get(k) == v}
    return attrs.evolve(
        case,
        context=(*case.context, *moved.items()),
        answers=tuple(a for a in case.answers if a.question not in settled),
    )


def fact_answer_conflicts(edition: Edition, case: CaseAssessment) -> tuple[tuple[str, str], ...]:
    """``(fact id, message)`` for each answer that gives a fact otherwise than the context."""
    context = dict(case.context)
    return tuple(
        (fact_id, f"answers.{fact_id}: {value!r} here, but context.{fact_id} gives "
         f"{context[fact_id]!r} (the edition asks {fact_id} once per inspection)")
        for fact_id, value in _fact_answers(edition, case).items()
        if fact_id in context and context[fact_id] != value
    )  # fmt: skip
