"""Property-based tests of agreement between two readings (Cohen's kappa).

Whatever the answers, a reading agrees with itself perfectly (kappa 1, or undefined
because chance agreement is 1, never anything else), agreement is symmetric in the two
readings, and the shares stay within their bounds.
"""

from __future__ import annotations

import functools

from hypothesis import given
from hypothesis import strategies as st

from inspectcore import Answer as CaseAnswer
from inspectcore import (
    CaseAssessment,
    Edition,
    EditionRef,
    InspectionAgreement,
    Registry,
    SingleChoice,
    YesNo,
    agreement,
)

EDITIONS = ("example", "carag2024")


@functools.cache
def edition(edition_id: str) -> Edition:
    return Registry.discover().load_edition(edition_id)


def choice_questions(found: Edition) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The edition's questions answered by one option, with their options."""
    return tuple(
        (q.id, q.answer.values)
        for q in found.questions
        if isinstance(q.answer, YesNo | SingleChoice) and not q.links.per_option_of
    )


@st.composite
def two_readings(draw: st.DrawFn) -> tuple[Edition, list[CaseAssessment], list[CaseAssessment]]:
    found = edition(draw(st.sampled_from(EDITIONS)))
    # A few options per question, so that readings often agree and often do not.
    questions = draw(st.lists(st.sampled_from(choice_questions(found)), min_size=1, max_size=6))
    references = draw(st.lists(st.sampled_from("ABCDEFGH"), min_size=1, max_size=6, unique=True))

    def reading() -> list[CaseAssessment]:
        cases = []
        for reference in references:
            answers = [
                CaseAnswer(qid, draw(st.sampled_from(options[:2])))
                for qid, options in dict(questions).items()
                if draw(st.booleans()) or draw(st.booleans())
            ]
            cases.append(
                CaseAssessment(EditionRef(found.id, found.version), reference, answers=answers)
            )
        return cases

    return found, reading(), reading()


def figures(result: InspectionAgreement) -> list[tuple[object, ...]]:
    every = (result.overall, *result.key_questions, *result.questions)
    return [(f.id, f.compared, f.agreed, f.chance, f.kappa) for f in every]


@given(two_readings())
def test_a_reading_agrees_with_itself(
    readings: tuple[Edition, list[CaseAssessment], list[CaseAssessment]],
) -> None:
    found, first, _ = readings
    result = agreement(found, first, first)
    assert result.disagreements == ()
    for figure in (result.overall, *result.key_questions, *result.questions):
        assert figure.agreed == figure.compared
        if figure.compared:
            assert figure.percent == 100
            assert figure.kappa == 1 or (figure.kappa is None and figure.chance == 1)


@given(two_readings())
def test_agreement_is_symmetric(
    readings: tuple[Edition, list[CaseAssessment], list[CaseAssessment]],
) -> None:
    found, first, second = readings
    forwards, backwards = agreement(found, first, second), agreement(found, second, first)
    assert figures(forwards) == figures(backwards)
    mirrored = {(d.case, d.question, d.option, d.second, d.first) for d in backwards.disagreements}
    assert {
        (d.case, d.question, d.option, d.first, d.second) for d in forwards.disagreements
    } == mirrored


@given(two_readings())
def test_shares_stay_within_bounds(
    readings: tuple[Edition, list[CaseAssessment], list[CaseAssessment]],
) -> None:
    found, first, second = readings
    result = agreement(found, first, second)
    counted = sum(1 for d in result.disagreements if d.counted)
    assert sum(f.compared - f.agreed for f in result.questions) == counted
    for figure in (result.overall, *result.key_questions, *result.questions):
        assert 0 <= figure.agreed <= figure.compared
        if figure.compared:
            assert figure.chance is not None
            assert 0 <= figure.chance <= 1
            assert figure.kappa is None or -1 <= figure.kappa <= 1
