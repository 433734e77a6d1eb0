"""Validation of cases against the example edition: every problem code (routing: test_routing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import attrs
import pytest

from inspectcore import (
    Answer,
    AnswerValue,
    AppliedExtension,
    CaseAssessment,
    Edition,
    EditionRef,
    MissingExtensionError,
    PerOption,
    Problem,
    ProblemCode,
    Registry,
    Router,
    Severity,
    UnknownEditionError,
    Value,
    is_valid,
    read_case,
    validate,
)

EXAMPLE_CASES = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "example"
EXAMPLE_FILES = sorted(p for p in EXAMPLE_CASES.iterdir() if p.suffix in (".toml", ".json"))

EXAMPLE_REF = EditionRef("example", "1.0")
CONTEXT: dict[str, Value] = {"programme": "FULL", "country": "England"}
VALID: dict[str, AnswerValue] = {
    "1": 15,
    "2": "Youth rehabilitation order",
    "3": "2025-10-06",
    "4": 12,
    "5": ("Education", "Family"),
    "6a": "No",
    "B 1.1": "Yes",
    "B 1.4": PerOption((("Education", "Yes"), ("Family", "No"))),
    "B 1 S": "Yes",
    "C 1": "Yes",
}
"""The answers of examples/inspection/example/case-01.toml: a valid case."""


def make(
    changes: Mapping[str, AnswerValue | None] | None = None,
    *,
    context: Mapping[str, Value | None] | None = None,
    edition: EditionRef = EXAMPLE_REF,
    extensions: tuple[AppliedExtension, ...] = (),
    stamps: Mapping[str, dt.datetime] | None = None,
) -> CaseAssessment:
    """The valid case with answers (or facts) changed; ``None`` removes one."""
    answers = {**VALID, **(changes or {})}
    facts = {**CONTEXT, **(context or {})}
    stamps = stamps or {}
    return CaseAssessment(
        edition=edition,
        case="T-1",
        extensions=extensions,
        context={k: v for k, v in facts.items() if v is not None},
        answers=[
            Answer(qid, value, answered_at=stamps.get(qid))
            for qid, value in answers.items()
            if value is not None
        ],
    )


def only(problems: tuple[Problem, ...], code: ProblemCode) -> Problem:
    """The one problem of ``code``, failing if there is not exactly one problem at all."""
    assert [p.code for p in problems] == [code], problems
    return problems[0]


def per_option(**items: Value) -> PerOption:
    return PerOption(tuple((k.replace("_", " "), v) for k, v in items.items()))


# -- valid cases -----------------------------------------------------------------------------


def test_the_base_case_is_valid(example: Edition) -> None:
    assert validate(example, make()) == ()


@pytest.mark.parametrize("source", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_files_are_valid(example: Edition, source: Path) -> None:
    assert validate(example, read_case(source)) == ()


def test_every_problem_code_is_tested() -> None:
    text = Path(__file__).read_text(encoding="utf-8")
    untested = [code.name for code in ProblemCode if f"ProblemCode.{code.name}" not in text]
    assert untested == []


# -- header and context ----------------------------------------------------------------------


def test_edition_mismatch(example: Edition) -> None:
    problem = only(
        validate(example, make(edition=EditionRef("example-next", "2.0"))),
        ProblemCode.EDITION_MISMATCH,
    )
    assert problem.is_error
    assert problem.location == "edition"
    assert "'example-next'" in problem.message
    assert "'example'" in problem.message


def test_edition_version_is_a_warning(example: Edition) -> None:
    problems = validate(example, make(edition=EditionRef("example", "0.9")))
    problem = only(problems, ProblemCode.EDITION_VERSION)
    assert problem.severity is Severity.WARNING
    assert problem.location == "edition_version"
    # Said of the edition checked against, which may be a draft folder, not only the installed one.
    assert problem.message == "assessed under example 0.9; checked against 1.0"
    assert is_valid(problems)


def test_no_edition_version_is_no_warning(example: Edition) -> None:
    assert validate(example, make(edition=EditionRef("example"))) == ()


def test_extension_version_is_a_warning(example_cymru: Edition) -> None:
    used = (AppliedExtension("example-cymru", "0.0", "inspectcore-example"),)
    problems = validate(example_cymru, make(extensions=used))
    problem = only(problems, ProblemCode.EXTENSION_VERSION)
    assert problem.severity is Severity.WARNING
    assert "0.0" in problem.message
    assert "0.1" in problem.message
    assert is_valid(problems)


def test_unknown_fact(example: Edition) -> None:
    problem = only(validate(example, make(context={"region": "North"})), ProblemCode.UNKNOWN_FACT)
    assert problem.is_error
    assert problem.location == "context.region"
    assert "programme, country" in problem.message


def test_invalid_fact(example: Edition) -> None:
    problem = only(
        validate(example, make(context={"country": "Scotland"})), ProblemCode.INVALID_FACT
    )
    assert problem.location == "context.country"
    assert "'Scotland' is not one of 'England', 'Wales'" in problem.message


def test_missing_fact(example: Edition) -> None:
    problem = only(validate(example, make(context={"country": None})), ProblemCode.MISSING_FACT)
    assert problem.is_error
    assert "'country'" in problem.message
    assert "Country of the inspection" in problem.message


# -- answers ---------------------------------------------------------------------------------


def test_unknown_question(example: Edition) -> None:
    problem = only(validate(example, make({"Z 1": "Yes"})), ProblemCode.UNKNOWN_QUESTION)
    assert problem.is_error
    assert problem.question == "Z 1"
    assert problem.location == 'answers."Z 1"'
    assert "example 1.0 has no question 'Z 1'" in problem.message


def test_answer_under_a_spaceless_id_is_not_ignored(example: Edition) -> None:
    # "B 9" is optional: an answer filed under "B9" must not vanish silently.
    problems = validate(example, make({"B9": "Some text"}))
    problem = only(problems, ProblemCode.UNKNOWN_QUESTION)
    assert problem.question == "B9"
    assert "'B 9'" in problem.message


@pytest.mark.parametrize(
    ("question", "value", "message"),
    [
        ("1", 9, "9 is below the minimum 10"),
        ("1", 18, "18 is above the maximum 17"),
        ("1", "fifteen", "expected a whole number, got 'fifteen'"),
        ("1", 999, "999 is above the maximum 17"),
        ("4", 0, "0 is below the minimum 1"),
        ("2", "Prison", "'Prison' is not one of 'Referral order'"),
        ("5", "Education", "expected a list of options, got 'Education'"),
        ("5", ("Cooking",), "'Cooking' is not one of 'Education'"),
        ("5", ("Family", "Family"), "an option is chosen more than once"),
        (
            "5",
            ("Education", "Family", "Substance misuse", "Mental health"),
            "4 options chosen, at most 3 allowed",
        ),
        ("6a", "Maybe", "'Maybe' is not one of 'Yes', 'No'"),
        ("B 1.1", "N/A", "'N/A' is not one of 'Yes', 'No'"),
        ("B 9", 5, "expected text, got 5"),
        ("3", "2025-13-01", "expected a date as YYYY-MM-DD, got '2025-13-01'"),
        ("3", "2025-1-6", "expected a date as YYYY-MM-DD"),
        ("3", 20251006, "expected a date as YYYY-MM-DD, got 20251006"),
        ("6a", PerOption((("x", "Yes"),)), "expected a single answer, not a table"),
        ("B 1.4", "Yes", "answered once per option chosen in 5"),
    ],
)
def test_invalid_value(example: Edition, question: str, value: AnswerValue, message: str) -> None:
    changes: dict[str, AnswerValue | None] = {question: value}
    if question == "5":  # keep B 1.4 in step with the options chosen, where it can be
        chosen = value if isinstance(value, tuple) else ()
        options = [o for o in chosen if o in ("Education", "Family", "Substance misuse")]
        changes["B 1.4"] = PerOption(tuple((o, "Yes") for o in dict.fromkeys(options)))
    problems = [p for p in validate(example, make(changes)) if p.question == question]
    assert [p.code for p in problems] == [ProblemCode.INVALID_VALUE], problems
    assert message in problems[0].message
    assert problems[0].location == f'answers."{question}".value'
    assert problems[0].is_error


@pytest.mark.parametrize(
    ("question", "value"),
    [("B 9", ""), ("5", ()), ("1", 10), ("1", 17), ("3", "2024-02-29")],
)
def test_valid_edge_values(example: Edition, question: str, value: AnswerValue) -> None:
    changes: dict[str, AnswerValue | None] = {question: value}
    if question == "5":
        changes["B 1.4"] = None  # nothing chosen: B 1.4 does not apply
    assert validate(example, make(changes)) == ()


def test_na_is_allowed_where_the_domain_has_it(example: Edition) -> None:
    case = make({"2": "Detention and training order", "B 1.3": "N/A"})
    assert validate(example, case) == ()


def test_sentinel_value_is_valid_and_routes(example: Edition) -> None:
    problem = only(validate(example, make({"4": 999})), ProblemCode.MISSING_ANSWER)
    assert problem.question == "B 1.3"  # 999 (indeterminate) makes B 1.3 apply
    assert validate(example, make({"4": 999, "B 1.3": "No"})) == ()


def test_not_applicable_answer_by_rule(example: Edition) -> None:
    problem = only(validate(example, make({"6b": "Home"})), ProblemCode.NOT_APPLICABLE)
    assert problem.question == "6b"
    assert problem.location == 'answers."6b".value'
    assert 'answer("6a") == "Yes" does not hold (6a = "No")' in problem.message


def test_not_applicable_answer_by_section(example: Edition) -> None:
    case = make({"1": 16, "C 2": "Yes"}, context={"programme": "SHORT"})
    problems = validate(example, case)
    assert [(p.code, p.question) for p in problems] == [
        (ProblemCode.NOT_APPLICABLE, "C 1"),
        (ProblemCode.NOT_APPLICABLE, "C 2"),
    ]
    assert 'section C: fact("programme") == "FULL" does not hold (programme = "SHORT")' in (
        problems[0].message
    )


def test_short_programme_without_section_c_is_valid(example: Edition) -> None:
    case = make({"C 1": None}, context={"programme": "SHORT"})
    assert validate(example, case) == ()


def test_missing_required_answer(example: Edition) -> None:
    problem = only(validate(example, make({"B 1 S": None})), ProblemCode.MISSING_ANSWER)
    assert problem.is_error
    assert problem.question == "B 1 S"
    assert problem.location == 'answers."B 1 S"'
    assert "summary_judgement" in problem.message


def test_missing_answer_only_when_the_question_applies(example: Edition) -> None:
    problem = only(validate(example, make({"6a": "Yes"})), ProblemCode.MISSING_ANSWER)
    assert problem.question == "6b"
    assert validate(example, make({"6a": "No"})) == ()


def test_optional_question_may_be_left_unanswered(example: Edition) -> None:
    assert example.question("B 9").required is False
    assert make().answer("B 9") is None
    assert validate(example, make()) == ()


def test_missing_explanation(example: Edition) -> None:
    problems = validate(example, make({"B 1.1": "No"}))
    explanation = [p for p in problems if p.code is ProblemCode.MISSING_EXPLANATION]
    assert len(explanation) == 1, problems
    assert explanation[0].question == "B 1.1"
    assert explanation[0].location == 'answers."B 1.2"'
    assert "B 1.2" in explanation[0].message
    assert not is_valid(problems)


def test_explanation_given(example: Edition) -> None:
    case = make({"B 1.1": "No", "B 1.2": ("Reasons not analysed",)})
    assert validate(example, case) == ()


def test_explanation_for_a_sufficient_judgement_does_not_apply(example: Edition) -> None:
    problem = only(
        validate(example, make({"B 1.2": ("Reasons not analysed",)})), ProblemCode.NOT_APPLICABLE
    )
    assert problem.question == "B 1.2"
    assert "explains B 1.1" in problem.message


@pytest.mark.parametrize("narrative", [None, "", "   \n"])
def test_missing_other_text(example: Edition, narrative: str | None) -> None:
    case = make({"B 1.1": "No", "B 1.2": ("Other",), "B 9": narrative})
    problem = only(validate(example, case), ProblemCode.MISSING_OTHER_TEXT)
    assert problem.question == "B 1.2"
    assert problem.location == 'answers."B 9".value'
    assert "B 9" in problem.message


def test_other_text_given(example: Edition) -> None:
    case = make({"B 1.1": "No", "B 1.2": ("Other",), "B 9": "An out-of-date report."})
    assert validate(example, case) == ()


def test_needs_review(example: Edition) -> None:
    stamps = {
        "5": dt.datetime(2026, 2, 1, 10, 0),
        "B 1.4": dt.datetime(2026, 2, 1, 9, 0),
    }
    problems = validate(example, make(stamps=stamps))
    problem = only(problems, ProblemCode.NEEDS_REVIEW)
    assert problem.severity is Severity.WARNING
    assert problem.question == "B 1.4"
    assert problem.location == 'answers."B 1.4".answered_at'
    assert "before 5 changed" in problem.message
    assert is_valid(problems)


def test_no_review_when_answered_after_or_unstamped(example: Edition) -> None:
    later = {"5": dt.datetime(2026, 2, 1, 9, 0), "B 1.4": dt.datetime(2026, 2, 1, 10, 0)}
    assert validate(example, make(stamps=later)) == ()
    assert validate(example, make(stamps={"5": dt.datetime(2026, 2, 1, 10, 0)})) == ()


def test_review_follows_the_rule_dependencies(example: Edition) -> None:
    # C 2's rule reads 1 and 5: answering 1 later puts C 2 up for review.
    stamps = {"1": dt.datetime(2026, 2, 2), "C 2": dt.datetime(2026, 2, 1)}
    changes: dict[str, AnswerValue | None] = {
        "1": 16,
        "5": ("Family",),
        "B 1.4": per_option(Family="Yes"),
        "C 2": "No",
    }
    problems = validate(example, make(changes, stamps=stamps))
    problem = only(problems, ProblemCode.NEEDS_REVIEW)
    assert problem.question == "C 2"
    assert "before 1 changed" in problem.message


# -- per-option answers ----------------------------------------------------------------------


def test_per_option_missing_option(example: Edition) -> None:
    problem = only(
        validate(example, make({"B 1.4": per_option(Education="Yes")})), ProblemCode.MISSING_ANSWER
    )
    assert problem.question == "B 1.4"
    assert "no answer for 'Family' (chosen in 5)" in problem.message


def test_per_option_extra_option(example: Edition) -> None:
    value = per_option(Education="Yes", Family="No", Mental_health="Yes")
    problem = only(validate(example, make({"B 1.4": value})), ProblemCode.INVALID_VALUE)
    assert problem.question == "B 1.4"
    assert "'Mental health' is not among the options chosen in 5" in problem.message


def test_per_option_bad_value(example: Edition) -> None:
    value = per_option(Education="Maybe", Family="No")
    problem = only(validate(example, make({"B 1.4": value})), ProblemCode.INVALID_VALUE)
    assert problem.message.startswith("Education: 'Maybe' is not one of")


def test_per_option_question_without_options_chosen(example: Edition) -> None:
    case = make({"5": None, "B 1.4": None})
    problem = only(validate(example, case), ProblemCode.MISSING_ANSWER)
    assert problem.question == "5"
    status = Router(example, case).check(example.question("B 1.4"))
    assert not status.applies
    assert status.reason == "answered per option chosen in 5, and none is chosen"


# -- extensions ------------------------------------------------------------------------------


def test_case_with_extension_validates_with_it_loaded(inspectcore_registry: Registry) -> None:
    used = (AppliedExtension("example-cymru", "0.1", "inspectcore-example"),)
    case = make({"6c": "No"}, context={"country": "Wales"}, extensions=used)
    edition = inspectcore_registry.edition_for_case(case)
    assert [e.id for e in edition.extensions] == ["example-cymru"]
    assert edition.find_question("6c") is not None
    assert validate(edition, case) == ()
    plain = inspectcore_registry.load_edition("example")
    # Without the extension its answers cannot be checked: one error, naming what to install.
    (problem,) = validate(plain, case)
    assert problem.code is ProblemCode.EXTENSION_MISSING
    assert problem.is_error
    assert problem.location == "extensions"
    assert "'example-cymru' 0.1" in problem.message
    assert "install inspectcore-example" in problem.message


def test_extension_missing_without_distribution(example: Edition) -> None:
    used = (AppliedExtension("example-gaeilge", "1.2"),)
    problem = only(validate(example, make(extensions=used)), ProblemCode.EXTENSION_MISSING)
    assert "the distribution providing 'example-gaeilge'" in problem.message


def test_missing_extension_names_the_distribution(inspectcore_registry: Registry) -> None:
    used = (AppliedExtension("example-gaeilge", "1.2", "inspectcore-gaeilge"),)
    with pytest.raises(MissingExtensionError, match="install inspectcore-gaeilge") as info:
        inspectcore_registry.edition_for_case(make(extensions=used))
    assert "'example-gaeilge' 1.2" in str(info.value)
    assert isinstance(info.value, LookupError)


def test_missing_extension_without_distribution(inspectcore_registry: Registry) -> None:
    used = (AppliedExtension("example-gaeilge", "1.2"),)
    with pytest.raises(MissingExtensionError, match="the distribution providing 'example-gaeilge'"):
        inspectcore_registry.edition_for_case(make(extensions=used))


def test_case_for_an_edition_not_installed(inspectcore_registry: Registry) -> None:
    with pytest.raises(UnknownEditionError, match="no edition 'no-such-edition' is installed"):
        inspectcore_registry.edition_for_case(make(edition=EditionRef("no-such-edition", "7.4")))


# -- control characters ----------------------------------------------------------------------


def test_control_characters_in_references_and_options_are_errors(example: Edition) -> None:
    case = attrs.evolve(make({"2": "Referral order\x07"}), case="T-1\x1b[2J")
    problems = {
        (p.question, p.location): p
        for p in validate(example, case)
        if p.code is ProblemCode.CONTROL_CHARACTERS
    }
    reference = problems["", "case"]
    assert reference.severity is Severity.ERROR
    assert reference.message == "the case holds control characters (\\x1b): remove them"
    answer = problems["2", 'answers."2".value']
    assert answer.severity is Severity.ERROR
    assert "(\\x07)" in answer.message


def test_control_characters_in_facts_and_per_option_answers(example: Edition) -> None:
    case = make({"B 1.4": per_option(Education="Yes\r", Family="No")}, context={"country": "\x9b"})
    found = [
        (p.question, p.location, p.severity)
        for p in validate(example, case)
        if p.code is ProblemCode.CONTROL_CHARACTERS
    ]
    assert found == [
        ("", "context.country", Severity.ERROR),
        ("B 1.4", 'answers."B 1.4".value', Severity.ERROR),
    ]


def test_control_characters_in_free_text_are_warnings(example: Edition) -> None:
    base = make({"B 1.1": "No", "B 1.2": ("Other",), "B 9": "Pasted\x0c text\r\nline two\tend"})
    answers = [
        attrs.evolve(a, note="line one\nline two\x1b[31m") if a.question == "1" else a
        for a in base.answers
    ]
    problems = validate(example, attrs.evolve(base, answers=answers))
    assert [(p.question, p.location, p.severity) for p in problems] == [
        ("1", 'answers."1".note', Severity.WARNING),
        ("B 9", 'answers."B 9".value', Severity.WARNING),
    ]
    assert all(p.code is ProblemCode.CONTROL_CHARACTERS for p in problems)
    assert "(\\x0c)" in problems[1].message  # the Windows line ending and the tab are text
    assert is_valid(problems)


# -- plausibility checks ([[checks]]) ------------------------------------------------------------

DAY = dt.date(2025, 11, 3)


def test_a_check_reports_a_failed_check_naming_the_answers_and_the_check(example: Edition) -> None:
    problem = only(
        validate(example, make({"3": "2025-11-04"}), today=DAY), ProblemCode.FAILED_CHECK
    )
    assert problem == Problem(
        ProblemCode.FAILED_CHECK,
        Severity.ERROR,
        'the date of sentence is in the future (3 = "2025-11-04", today = 2025-11-03; '
        "check sentence-in-the-future)",
        "3",
        'answers."3".value',
    )


def test_a_check_holds_on_its_boundary_and_waits_for_its_answers(example: Edition) -> None:
    assert validate(example, make({"3": "2025-11-03"}), today=DAY) == ()
    # Unanswered or invalid, the answer is reported as such; the check has nothing to add.
    assert [p.code for p in validate(example, make({"3": None}), today=DAY)] == [
        ProblemCode.MISSING_ANSWER
    ]
    assert [p.code for p in validate(example, make({"3": "2025-13-01"}), today=DAY)] == [
        ProblemCode.INVALID_VALUE
    ]


def test_validation_tests_today_by_default(example: Edition) -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    assert [p.code for p in validate(example, make({"3": tomorrow}))] == [ProblemCode.FAILED_CHECK]


def cag2016_checks(
    registry: Registry, dates: Mapping[str, str], today: dt.date = DAY
) -> list[tuple[str, Severity]]:
    """The checks a cag2016 case with only these Appendix A dates fails: (check id, severity)."""
    edition = registry.load_edition("cag2016")
    case = CaseAssessment(
        edition=EditionRef("cag2016", edition.version),
        case="T-1",
        answers=[Answer(qid, value) for qid, value in dates.items()],
    )
    return [
        (p.message.rpartition("check ")[2].rstrip(")"), p.severity)
        for p in validate(edition, case, today=today)
        if p.code is ProblemCode.FAILED_CHECK
    ]


@pytest.mark.parametrize(
    ("dates", "failed"),
    [
        ({"A/sentence": "2025-03-03", "A/assessment": "2025-03-10", "A/plan": "2025-03-12"}, []),
        ({"A/sentence": "2025-03-03", "A/assessment": "2025-03-03", "A/plan": "2025-03-03"}, []),
        # Before the sentence: foreseen where a PSR was requested (lines 98-100), so a warning.
        (
            {"A/sentence": "2025-03-03", "A/assessment": "2025-02-20"},
            [("assessment-before-sentence", Severity.WARNING)],
        ),
        (
            {"A/assessment": "2025-03-10", "A/plan": "2025-03-07"},
            [("plan-before-assessment", Severity.WARNING)],
        ),
        ({"A/sentence": "2025-11-04"}, [("sentence-in-the-future", Severity.ERROR)]),
        ({"A/assessment": "2025-11-04"}, [("assessment-in-the-future", Severity.ERROR)]),
        ({"A/plan": "2025-12-01"}, [("plan-in-the-future", Severity.ERROR)]),
        ({"A/sentence": "2025-11-03", "A/assessment": "2025-11-03", "A/plan": "2025-11-03"}, []),
    ],
)
def test_cag2016_appendix_a_date_checks(
    inspectcore_registry: Registry, dates: dict[str, str], failed: list[tuple[str, Severity]]
) -> None:
    assert cag2016_checks(inspectcore_registry, dates) == failed


def test_the_bundled_example_cases_pass_every_check_today(
    inspectcore_registry: Registry,
) -> None:
    # The bundled cases' dates are in the past: their figures never depend on the day.
    for folder in ("example", "cag2016"):
        edition = inspectcore_registry.load_edition(folder)
        for path in sorted((EXAMPLE_CASES.parent / folder).glob("*.toml")):
            if path.name == "inspection.toml":
                continue
            codes = [p.code for p in validate(edition, read_case(path))]
            assert ProblemCode.FAILED_CHECK not in codes, path
