"""Property-based tests: the store's history rebuilds every state a case was saved in.

Whatever sequence of states a case goes through (answers given, changed, removed and
reordered; case-level fields set and cleared), the changes the store records between
them, replayed in order, give back each state exactly, and the store's data of a case is
the case itself. Pure functions only: no database here (tests/store runs them on both).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from inspectcore import Answer, CaseAssessment, EditionRef, PerOption
from inspectcore._store.casedata import (
    EMPTY,
    Difference,
    assessment_of,
    differences,
    replay,
    state_of,
)

_TEXT = st.text(st.characters(codec="utf-8"), max_size=8)
_VALUES = st.one_of(
    st.integers(-5, 5),
    _TEXT,
    st.lists(_TEXT, max_size=3).map(tuple),
)
_STAMPS = st.one_of(
    st.none(),
    st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2100, 1, 1)),
    st.datetimes(
        dt.datetime(2000, 1, 1),
        dt.datetime(2100, 1, 1),
        timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=-5, minutes=-30))]),
    ),
)


@st.composite
def _answer(draw: st.DrawFn, question: str) -> Answer:
    value = draw(
        st.one_of(
            _VALUES,
            st.lists(
                st.tuples(st.sampled_from("xyz"), _VALUES), max_size=2, unique_by=lambda p: p[0]
            )
            .map(tuple)
            .map(PerOption),
        )
    )
    return Answer(question, value, draw(_TEXT), draw(_STAMPS), draw(st.sampled_from(["", "s 1"])))


@st.composite
def _case(draw: st.DrawFn) -> CaseAssessment:
    questions = draw(st.lists(st.sampled_from(["1", "2", "3", "4.a", "5"]), unique=True))
    return CaseAssessment(
        EditionRef("example", draw(st.sampled_from(["", "1.0"]))),
        case=draw(st.sampled_from(["C-1", ""])),
        context=draw(
            st.dictionaries(st.sampled_from(["programme", "country"]), _VALUES, max_size=2)
        ),
        answers=[draw(_answer(q)) for q in questions],
        assessor=draw(_TEXT),
        assessed_on=draw(st.sampled_from(["", "2024-07-01"])),
    )


@given(st.lists(_case(), min_size=1, max_size=6))
def test_replaying_the_changes_gives_back_every_state(states: list[CaseAssessment]) -> None:
    recorded: list[Difference] = []
    before = EMPTY
    for state in states:
        after = state_of(state)
        recorded += differences(before, after)
        rebuilt = replay(recorded)
        assert rebuilt == after
        assert assessment_of(rebuilt, "test") == state
        before = after


@given(_case())
def test_a_state_unchanged_has_no_differences(case: CaseAssessment) -> None:
    assert differences(state_of(case), state_of(case)) == ()
