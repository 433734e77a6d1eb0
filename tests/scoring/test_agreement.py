"""Agreement between two readings: hand-worked kappa, routing, per-option answers, free text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from inspectcore import (
    Agreement,
    CaseAssessment,
    Disagreement,
    Edition,
    agreement,
    agreement_to_data,
    agreement_to_text,
    case_from_data,
    resolve_edition,
)

WriteEdition = Callable[..., Path]


def _question(qid: str, kind: str, **more: Any) -> dict[str, Any]:
    return {"id": qid, "kind": kind, "section": "A 1", "text": f"Question {qid}", **more}


def _info(qid: str, domain: dict[str, Any], **more: Any) -> dict[str, Any]:
    return _question(qid, "information", domain=domain, domain_basis="stated: the tests", **more)


@pytest.fixture
def edition(write_edition: WriteEdition) -> Edition:
    folder = write_edition(
        "second",
        sections=[
            {"id": "A", "level": "area", "title": "Area A"},
            {"id": "A 1", "level": "topic", "title": "Topic A 1", "parent": "A"},
        ],
        questions=[
            _info("known", {"type": "single_choice", "options": ["Yes", "No", "Not known"]}),
            _question("j", "judgement"),
            _question(
                "routed", "judgement", applies='answer("known") == "Yes"', applies_basis="stated: t"
            ),
            _info("factors", {"type": "multiple_choice", "options": ["Education", "Family"]}),
            _question("each", "judgement", links={"per_option_of": "factors"}),
            _info("why", {"type": "text"}),
            _question("S", "summary_judgement", links={"summarises": "A 1"}),
        ],
    )
    return resolve_edition(folder)


def case(reference: str, **answers: object) -> CaseAssessment:
    return case_from_data(
        {
            "format": "inspectcore-case/1",
            "edition": "second",
            "edition_version": "1.0",
            "case": reference,
            "answers": answers,
        }
    )


def readings(pairs: Sequence[tuple[str, str]], qid: str = "j") -> tuple[list[CaseAssessment], ...]:
    first = [case(f"C{i:02}", **{qid: a}) for i, (a, _) in enumerate(pairs)]
    second = [case(f"C{i:02}", **{qid: b}) for i, (_, b) in enumerate(pairs)]
    return first, second


def figure(result_figures: Sequence[Agreement], fid: str) -> Agreement:
    return next(f for f in result_figures if f.id == fid)


def test_kappa_of_a_two_by_two_table_worked_by_hand(edition: Edition) -> None:
    # Ten cases, judgement j:        second Yes   second No   first's total
    #   first Yes                         4           2             6
    #   first No                          1           3             4
    #   second's total                    5           5            10
    # observed = (4 + 3) / 10 = 7/10
    # chance   = (6/10)(5/10) + (4/10)(5/10) = 30/100 + 20/100 = 1/2
    # kappa    = (7/10 - 1/2) / (1 - 1/2) = (1/5) / (1/2) = 2/5
    pairs = [("Yes", "Yes")] * 4 + [("Yes", "No")] * 2 + [("No", "Yes")] + [("No", "No")] * 3
    result = agreement(edition, *readings(pairs))
    j = figure(result.questions, "j")
    assert (j.compared, j.agreed) == (10, 7)
    assert j.observed == Fraction(7, 10)
    assert j.percent == 70
    assert j.chance == Fraction(1, 2)
    assert j.kappa == Fraction(2, 5)
    assert j.kappa_undefined == ""
    # Only j was answered: the overall figure pools the scored judgements, here j alone.
    assert (result.overall.compared, result.overall.kappa) == (10, Fraction(2, 5))
    assert [(d.case, d.question, d.first, d.second) for d in result.disagreements] == [
        ("C04", "j", "Yes", "No"),
        ("C05", "j", "Yes", "No"),
        ("C06", "j", "No", "Yes"),
    ]
    assert all(d.counted for d in result.disagreements)


def test_kappa_of_three_categories_worked_by_hand(edition: Edition) -> None:
    # Six cases, information "known":  Yes  No  Not known | first's total
    #   first Yes                       2    1     0      |   3
    #   first No                        0    1     0      |   1
    #   first Not known                 0    1     1      |   2
    #   second's total                  2    3     1      |   6
    # observed = 4/6 = 2/3; chance = (3*2 + 1*3 + 2*1) / 36 = 11/36
    # kappa = (2/3 - 11/36) / (1 - 11/36) = (13/36) / (25/36) = 13/25
    pairs = [("Yes", "Yes")] * 2 + [("Yes", "No"), ("No", "No"), ("Not known", "No")]
    pairs += [("Not known", "Not known")]
    known = figure(agreement(edition, *readings(pairs, "known")).questions, "known")
    assert (known.compared, known.agreed, known.chance) == (6, 4, Fraction(11, 36))
    assert known.kappa == Fraction(13, 25)


def test_kappa_is_undefined_when_chance_agreement_is_one(edition: Edition) -> None:
    result = agreement(edition, *readings([("Yes", "Yes")] * 3))
    j = figure(result.questions, "j")
    assert j.percent == 100
    assert j.chance == 1
    assert j.kappa is None
    assert "chance agreement is 1" in j.kappa_undefined
    # A question nobody answered: nothing compared, nothing divided.
    each = figure(result.questions, "each")
    assert each.compared == 0
    assert each.observed is None
    assert each.percent is None
    assert each.chance is None
    assert each.kappa is None
    assert each.kappa_undefined == "no answer was given by both readings"
    data = agreement_to_data(result)
    [j_data] = [q for q in data["questions"] if q["id"] == "j"]
    assert j_data["kappa"] is None
    assert "chance agreement is 1" in j_data["kappa_undefined"]
    assert "kappa undefined (chance agreement is 1" in agreement_to_text(result)


def test_a_question_counts_only_where_it_applies_under_both_readings(edition: Edition) -> None:
    first = [case("C1", known="Yes", routed="Yes")]
    # The second reading says No, so "routed" does not apply under its answers, although
    # it is answered (a stale answer): it is not compared, but the difference is listed.
    second = [case("C1", known="No", routed="Yes")]
    result = agreement(edition, first, second)
    assert figure(result.questions, "routed").compared == 0
    assert figure(result.questions, "known").compared == 1
    assert result.disagreements == (
        Disagreement("C1", "known", "", "Yes", "No"),
        Disagreement("C1", "routed", "", "Yes", None),
    )
    assert not result.disagreements[1].counted


def test_per_option_answers_are_compared_option_by_option(edition: Edition) -> None:
    mine = {"value": {"Education": "Yes", "Family": "No"}}
    theirs = {"value": {"Education": "Yes", "Family": "Yes"}}
    first = [case("C1", factors=["Education", "Family"], each=mine)]
    second = [case("C1", factors=["Family", "Education"], each=theirs)]
    result = agreement(edition, first, second)
    # The same options chosen in another order agree.
    assert figure(result.questions, "factors").agreed == 1
    each = figure(result.questions, "each")
    assert (each.compared, each.agreed) == (2, 1)
    assert result.disagreements == (Disagreement("C1", "each", "Family", "No", "Yes"),)


def test_key_questions_and_readings_paired_by_reference(edition: Edition) -> None:
    first = [case("C1", S="Yes"), case("C2", S="No"), case("C3", S="No")]
    second = [case("C3", S="No"), case("C1", S="No"), case("C9", S="Yes")]
    result = agreement(edition, first, second)
    assert result.cases == ("C1", "C3")
    assert (result.first_only, result.second_only) == (("C2",), ("C9",))
    [key] = result.key_questions
    assert (key.id, key.compared, key.agreed) == ("A 1", 2, 1)


def test_readings_with_no_case_in_common_compare_nothing(edition: Edition) -> None:
    # Before any case is read twice (a lead's first look at the agreement page, say).
    result = agreement(edition, [case("C1", j="Yes")], [])
    assert (result.cases, result.first_only) == ((), ("C1",))
    assert all(f.compared == 0 for f in (*result.questions, *result.key_questions))
    assert agreement(edition, [], []).cases == ()


def test_free_text_is_never_counted_and_listed_only_when_asked(edition: Edition) -> None:
    first = [case("C1", why="The child's own words")]
    second = [case("C1", why="Something else entirely")]
    result = agreement(edition, first, second)
    assert "why" not in {f.id for f in result.questions}
    assert result.disagreements == ()
    assert "child's own words" not in agreement_to_text(result)
    asked = agreement(edition, first, second, include_narrative=True)
    assert "why" not in {f.id for f in asked.questions}
    assert [d.question for d in asked.disagreements] == ["why"]


def test_a_reading_without_references_or_with_one_twice_is_refused(edition: Edition) -> None:
    with pytest.raises(ValueError, match="no reference"):
        agreement(edition, [case("")], [case("C1")])
    with pytest.raises(ValueError, match="second reading has case 'C1' twice"):
        agreement(edition, [case("C1")], [case("C1"), case("C1")])
