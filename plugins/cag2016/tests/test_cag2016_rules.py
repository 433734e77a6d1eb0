"""cag2016's rules as data: routing in both directions, explanations, "Other",
per-factor answers, what is not scored, and Appendix A timeliness."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path

import pytest

from inspectcore import (
    Answer,
    CaseAssessment,
    Edition,
    PerOption,
    ProblemCode,
    Registry,
    Router,
    case_from_data,
    timeliness,
    validate,
)

CUSTODIAL = ("Detention and Training Order", "Long-term custodial sentence (S90/91)")
COMMUNITY = ("Referral Order", "Reparation Order", "Youth Rehabilitation Order", "Other")


@pytest.fixture(scope="module")
def cag2016() -> Edition:
    return Registry.discover().load_edition("cag2016")


def _case(answers: Mapping[str, object], programme: str = "FJI") -> CaseAssessment:
    return case_from_data(
        {
            "format": "inspectcore-case/1",
            "edition": "cag2016",
            "edition_version": "16",
            "case": "RULES-1",
            "context": {"programme": programme},
            "answers": dict(answers),
        }
    )


def _applies(edition: Edition, question: str, answers: Mapping[str, object], **kw: str) -> bool:
    return Router(edition, _case(answers, **kw)).check(edition.question(question)).applies


# Each rule: the questions it gates, an answer set that switches them on and one that
# switches them off. Every gated question is checked both ways.
ROUTING = [
    pytest.param(["7b"], {"7a": "Yes"}, {"7a": "No"}, id="7a gates 7b"),
    pytest.param(["12b", "12c"], {"12a": "Yes"}, {"12a": "No"}, id="12a gates MAPPA details"),
    pytest.param(
        ["2.10.1"], {"12a": "Yes", "12c": "Level 2"}, {"12a": "Yes", "12c": "Level 1"}, id="L2"
    ),
    pytest.param(["2.10.1"], {"12a": "Yes", "12c": "Level 3"}, {"12a": "No"}, id="L3"),
    pytest.param(
        ["1.6.2", "1.6.3", "1.7.1", "1.8.1", "1.9.1"],
        {"1.6.1": "Yes"},
        {"1.6.1": "No"},
        id="1.6.1 gates the report questions",
    ),
    pytest.param(
        ["4.2.1", "4.3.1", "4.4.1"], {"4.1": "No"}, {"4.1": "N/A"}, id="4.1 gates harm outcomes"
    ),
    pytest.param(["4.2.1"], {"4.1": "Yes"}, {}, id="4.1 yes"),
    pytest.param(
        ["4.7.1", "4.8.1"], {"4.6": "Yes"}, {"4.6": "N/A"}, id="4.6 gates safeguarding outcomes"
    ),
    pytest.param(
        ["4.18.2"],
        {"4.18.1": "No"},
        {"4.18.1": "Yes (fully)"},
        id="4.18.1 answered fully removes 4.18.2",
    ),
    pytest.param(
        ["4.18.2"], {"4.18.1": "Yes (after initial difficulties)"}, {"4.18.1": "N/A"}, id="4.18.1"
    ),
    pytest.param(
        ["4.19.2"], {"4.19.1/police": "Yes"}, {"4.19.1/police": "Don’t Know"}, id="4.19.1 gates"
    ),
    pytest.param(
        ["4.19.2"],
        {"4.19.1/police": "No", "4.19.1/breach": "Yes"},
        {"4.19.1/police": "No", "4.19.1/breach": "No"},
        id="any sub-section of 4.19.1",
    ),
    pytest.param(["5.15.2"], {"5.15.1": "Yes"}, {"5.15.1": "No"}, id="alert cases"),
    pytest.param(
        ["1.15.1", "2.2.1", "3.20b", "4.13.2"],
        {"14": ["Core", "Interventions"]},
        {"14": ["Core", "Courts"]},
        id="Interventions module",
    ),
    pytest.param(["1.5.3"], {"14": ["Courts"]}, {"14": ["Interventions"]}, id="courts module"),
    pytest.param(["1.9.3"], {"10a": "Referral Order"}, {"10a": "Youth Rehabilitation Order"}),
    *(
        pytest.param(
            ["10c", "2.0.1", "2.9.1", "2.13.1", "3.4.3", "3.6.3", "3.10.1", "3.10.2"],
            {"10a": custodial},
            {"10a": community},
            id=f"custodial only: {custodial} / {community}",
        )
        for custodial, community in zip(CUSTODIAL * 2, COMMUNITY, strict=True)
    ),
]


@pytest.mark.parametrize(("gated", "on", "off"), ROUTING)
def test_routing_both_ways(
    cag2016: Edition, gated: list[str], on: dict[str, object], off: dict[str, object]
) -> None:
    for question in gated:
        assert _applies(cag2016, question, on), f"{question} should apply with {on}"
        assert not _applies(cag2016, question, off), f"{question} should not apply with {off}"


def test_view_3_and_question_14_are_fji_only(cag2016: Edition) -> None:
    view3 = [q.id for q in cag2016.questions_in("View 3")]
    assert "3.10.1" in view3
    unrouted = [
        q for q in view3 if cag2016.question(q).applies is None and q != "3.8.1.1"
    ]  # explanations apply only to an insufficient judgement
    unrouted = [
        q
        for q in unrouted
        if cag2016.question(q).links.explains is None
        and cag2016.question(q).links.per_option_of is None
    ]
    assert len(unrouted) >= 15
    for question in ["14", *unrouted]:
        assert _applies(cag2016, question, {"10a": CUSTODIAL[0]}, programme="FJI")
        assert not _applies(cag2016, question, {"10a": CUSTODIAL[0]}, programme="SQS")


def test_sqs_uses_the_core_views(cag2016: Edition) -> None:
    for question in ["1.1.1", "2.1.1", "4.10.1", "5.1.1/a"]:
        assert _applies(cag2016, question, {}, programme="SQS")


def _problems(edition: Edition, answers: Mapping[str, object]) -> set[tuple[str, str]]:
    return {(p.code.value, p.question) for p in validate(edition, _case(answers))}


def test_an_insufficient_judgement_requires_its_explanation(cag2016: Edition) -> None:
    assert ("missing-explanation", "1.1.1") in _problems(cag2016, {"1.1.1": "No"})
    assert ("missing-explanation", "1.1.1") not in _problems(cag2016, {"1.1.1": "Yes"})
    explained = _problems(cag2016, {"1.1.1": "No", "1.1.3": [_first_reason(cag2016, "1.1.3")]})
    assert ("missing-explanation", "1.1.1") not in explained


def _first_reason(edition: Edition, explanation: str) -> str:
    answer = edition.question(explanation).answer
    assert answer is not None
    values = answer.values  # type: ignore[union-attr]
    assert values[-1] == "Other"
    return str(values[0])


@pytest.mark.parametrize(
    ("judgement", "narrative"),
    [
        ("1.1.1", "1.20b"),
        ("2.1.1", "2.20"),
        ("3.1.1", "3.20a"),
        ("4.10.1", "4.20"),
        ("5.1.1/b", "5.10"),
    ],
)
def test_other_requires_the_views_narrative(
    cag2016: Edition, judgement: str, narrative: str
) -> None:
    # 5.1.1's explanations explain it as a whole (any of its parts), so they name no part
    (explanation, *_) = cag2016.explanations_of(judgement) or [cag2016.question("5.1.2")]
    assert explanation.links.other_goes_to == narrative
    base = {judgement: "No", explanation.id: ["Other"]}
    assert ("missing-other-text", explanation.id) in _problems(cag2016, base)
    with_text = {**base, narrative: "Synthetic: the reason is described here."}
    assert ("missing-other-text", explanation.id) not in _problems(cag2016, with_text)


def test_3_7_1_and_4_12_are_answered_per_priority_factor(cag2016: Edition) -> None:
    for question in ("3.7.1", "4.12"):
        assert cag2016.question(question).links.per_option_of == "2.1.0"
    answers: dict[str, object] = {
        "2.1.0": ["ETE", "Substance misuse"],
        "4.12": {"value": {"ETE": "Yes"}},
    }
    assert ("missing-answer", "4.12") in _problems(cag2016, answers)
    answers["4.12"] = {"value": {"ETE": "Yes", "Substance misuse": "No"}}
    assert ("missing-answer", "4.12") not in _problems(cag2016, answers)


def test_changing_2_1_0_marks_the_per_factor_answers_for_review(cag2016: Edition) -> None:
    earlier = dt.datetime(2016, 5, 1, 10, 0)
    later = dt.datetime(2016, 5, 2, 10, 0)
    case = _case({"10a": "Youth Rehabilitation Order"})
    case = case.with_answer(Answer("4.12", PerOption((("ETE", "Yes"),)), answered_at=earlier))
    case = case.with_answer(Answer("2.1.0", ["ETE"], answered_at=later))
    codes = {(p.code, p.question) for p in validate(cag2016, case)}
    assert (ProblemCode.NEEDS_REVIEW, "4.12") in codes
    settled = case.with_answer(Answer("4.12", PerOption((("ETE", "Yes"),)), answered_at=later))
    codes = {(p.code, p.question) for p in validate(cag2016, settled)}
    assert (ProblemCode.NEEDS_REVIEW, "4.12") not in codes


NOT_SCORED = [
    "1.2.1", "1.5.2", "1.9.3", "1.13.1.2", "2.1.2/health", "2.1.2/care", "2.12.2/health",
    "2.12.2/ete", "3.10.2", "4.1", "4.6", "4.19.1/police", "4.19.1/breach", "5.4.2", "5.5",
    "5.7.1/a", "5.7.1/b", "5.7.1/c", "5.15.1", "5.15.2",
]  # fmt: skip
CASE_MANAGERS_OPINION = {
    # the two the document says outright; 5.7.1's "Again this is the opinion of the case manager"
    "5.4.2": "This is the judgement of the case manager and NOT that of the inspector",
    "5.5": "this is the opinion of the case manager and not that of the inspector",
    "5.7.1/a": "Again this is the opinion of the case manager",
    # asked of the case manager "in the opinion of the case manager being interviewed": inferred
    "5.7.2": "In the opinion of the case manager being interviewed",
    "5.8": "In the opinion of the case manger being interviewed",
}


@pytest.mark.parametrize("question", NOT_SCORED)
def test_questions_the_document_says_are_not_scored(cag2016: Edition, question: str) -> None:
    found = cag2016.question(question)
    assert not found.scored
    assert found.scored_provenance.basis.value == "stated"


@pytest.mark.parametrize("question", sorted(CASE_MANAGERS_OPINION))
def test_the_case_managers_opinion_is_not_the_inspectors_scored_judgement(
    cag2016: Edition, question: str
) -> None:
    found = cag2016.question(question)
    assert found.kind == "judgement"
    assert not found.scored
    assert CASE_MANAGERS_OPINION[question] in found.scored_provenance.note
    assert found.scored_provenance.basis.value in {"stated", "inferred"}
    # it keeps the criterion code printed beside it, but no figure takes it in (only
    # scored judgements are counted)
    assert len(found.links.counts_towards) == 1


def test_other_judgements_are_scored_by_inference(cag2016: Edition) -> None:
    kind = cag2016.kind("judgement")
    assert kind.scored
    assert kind.scored_provenance.basis.value == "inferred"
    scored = [q for q in cag2016.questions if q.kind == "judgement" and q.scored]
    assert len(scored) > 60
    assert all(q.id not in NOT_SCORED and q.id not in CASE_MANAGERS_OPINION for q in scored)


@pytest.mark.parametrize(
    ("printed", "parts"),
    [
        ("5.1.1", {"a": "1.5.1", "b": "2.5.1", "c": "3.5.1"}),
        ("5.3", {"a": "1.5.1", "b": "2.5.1", "c": "3.5.1", "d": "4.4.2"}),
        ("4.13.1", {"a": "1.1", "b": "1.1"}),
    ],
)  # the named parts of 2.1.2, 2.12.2 and 4.19.1 are not scored (see NOT_SCORED)
def test_lettered_parts_each_count_towards_their_own_criterion(
    cag2016: Edition, printed: str, parts: dict[str, str]
) -> None:
    assert printed not in {q.id for q in cag2016.questions}
    for letter, criterion in parts.items():
        part = cag2016.question(f"{printed}/{letter}")
        assert (part.kind, part.scored) == ("judgement", True)
        assert part.links.counts_towards == (criterion,)
        assert f"part {letter}) of {printed}" in part.text_note
    groups = [cag2016.group(c) for c in set(parts.values())]
    themes = {g.part_of for g in groups if g is not None}
    assert len(themes) == len(groups)  # one theme per criterion, none shared


def test_5_7_1_allows_n_a_for_part_c_only(cag2016: Edition) -> None:
    options = {p: _options(cag2016, f"5.7.1/{p}") for p in "abc"}
    assert options == {"a": ["Yes", "No"], "b": ["Yes", "No"], "c": ["Yes", "No", "N/A"]}


def _options(edition: Edition, question: str) -> list[str]:
    answer = edition.question(question).answer
    assert answer is not None
    return [o.value for o in answer.options]  # type: ignore[union-attr]


def test_5_1_1s_explanations_apply_when_any_part_is_insufficient(cag2016: Edition) -> None:
    for explanation in ("5.1.2", "5.1.3", "5.1.4", "5.1.5"):
        assert cag2016.question(explanation).links.explains is None
        assert not _applies(
            cag2016, explanation, dict.fromkeys(("5.1.1/a", "5.1.1/b", "5.1.1/c"), "Yes")
        )
        for part in ("5.1.1/a", "5.1.1/b", "5.1.1/c"):
            assert _applies(cag2016, explanation, {part: "No"})


# The answers the text forces: (question, answer, the line that says so).
FORCED = [
    ("12a", "Yes", 559), ("12a", "No", 561), ("1.1.1", "No", 858), ("1.4.1", "No", 1107),
    ("1.6.2", "No", 1461), ("1.9.1", "Yes", 1735), ("1.10.1", "No", 1867),
    ("2.10.1", "No", 3806), ("3.7.1", "No", 5023), ("3.10.1", "No", 5305),
    ("3.10.2", "No", 5413), ("3.16.1", "Yes", 5753), ("4.4.1", "No", 6386),
    *((f"4.19.1/{event}", "Yes", 7170)  # "the relevant sub-section"
      for event in ("police", "arrested", "charged", "cautioned", "convicted", "breach")),
]  # fmt: skip


def test_answers_the_text_forces_are_answer_rules(cag2016: Edition) -> None:
    source = _seed_lines()
    with_rules = {(q.id, rule.answer): rule for q in cag2016.questions for rule in q.answer_rules}
    assert sorted(with_rules) == sorted((q, a) for q, a, _ in FORCED)
    for question, answer, line in FORCED:
        rule = with_rules[question, answer]
        assert answer in _options(cag2016, question) or question == "3.7.1"
        assert str(rule.provenance).startswith(f"stated: {question.split('/')[0]} ")
        # the rule cites the line that forces the answer, and quotes it
        quoted = str(rule.provenance).split(": '", 1)[1].rstrip("'")
        cited = str(rule.provenance).split("(line", 1)[1].split(")", 1)[0]
        first, _, last = cited.strip(" s").partition("-")
        assert int(first) <= line <= int(last or first), question
        span = " ".join(" ".join(source[int(first) - 1 : int(last or first)]).split())
        span = re.sub(r"(?<=[a-z])- (?=[a-z])", "-", span)  # "over-" + "ride" at a line end
        assert " ".join(quoted.split()).rstrip(".") in span, question


def _seed_lines() -> list[str]:
    from importlib.resources import files

    text = files("inspectcore_cag2016").joinpath("data", "source", "iyow-cag-v16-2016.txt")
    return text.read_text(encoding="utf-8").splitlines()


def _timeliness(edition: Edition, answers: Mapping[str, object]) -> dict[str, object]:
    return {t.rule.id: t for t in timeliness(edition, _case(answers))}


def test_appendix_a_across_an_english_bank_holiday(cag2016: Edition) -> None:
    # Detention and Training Order, sentenced Thu 24 Dec 2015 in England. 25 and 28 Dec
    # are bank holidays: the 10th working day is Tue 12 Jan 2016.
    answers = {
        "3b": "England",
        "10a": "Detention and Training Order",
        "A/sentence": "2015-12-24",
        "A/assessment": "2016-01-12",
        "A/plan": "2016-01-13",
    }
    results = _timeliness(cag2016, answers)
    assessment, plan = results["initial-assessment"], results["initial-plan"]
    assert (assessment.status, assessment.working_days) == ("within", 10)  # type: ignore[attr-defined]
    assert (plan.status, plan.working_days) == ("late", 11)  # type: ignore[attr-defined]
    assert assessment.calendar == "GB-ENG"  # type: ignore[attr-defined]


def test_appendix_a_across_a_welsh_bank_holiday(cag2016: Edition) -> None:
    # Referral Order sentenced Fri 22 Apr 2016 in Wales; Mon 2 May is a bank holiday.
    # 20 working days: 25-29 Apr (5), 3-6 May (9), 9-13 (14), 16-20 (19), 23 May (20).
    answers = {
        "3b": "Wales",
        "10a": "Referral Order",
        "A/sentence": "2016-04-22",
        "A/assessment": "2016-05-23",
        "A/plan": "2016-05-24",
    }
    results = _timeliness(cag2016, answers)
    assessment, plan = results["initial-assessment"], results["initial-plan"]
    assert assessment.deadline == dt.date(2016, 5, 23)  # type: ignore[attr-defined]
    assert (assessment.status, plan.status) == ("within", "late")  # type: ignore[attr-defined]
    assert assessment.calendar == "GB-WLS"  # type: ignore[attr-defined]


def test_appendix_a_limit_follows_the_sentence(cag2016: Edition) -> None:
    dates = {"3b": "England", "A/sentence": "2016-06-06", "A/assessment": "2016-06-24"}
    # 14 working days: within 15 (YRO) and 20 (Referral Order), not within 10 (DTO).
    assert _status(cag2016, {**dates, "10a": "Youth Rehabilitation Order"}) == "within"
    assert _status(cag2016, {**dates, "10a": "Referral Order"}) == "within"
    assert _status(cag2016, {**dates, "10a": "Detention and Training Order"}) == "late"
    assert _status(cag2016, {**dates, "10a": "Reparation Order"}) == "not computed"


def _status(edition: Edition, answers: Mapping[str, object]) -> object:
    return _timeliness(edition, answers)["initial-assessment"].status  # type: ignore[attr-defined]


def test_timeliness_never_changes_validation(cag2016: Edition) -> None:
    late = {
        "3b": "England",
        "10a": "Detention and Training Order",
        "A/sentence": "2016-06-06",
        "A/assessment": "2016-09-30",
        "1.1.1": "Yes",
    }
    on_time = {**late, "A/assessment": "2016-06-07"}
    assert _problems(cag2016, late) == _problems(cag2016, on_time)


def test_4_18_1_counts_compliance_after_initial_difficulties_as_sufficient(
    cag2016: Edition,
) -> None:
    from inspectcore import score

    answers = ["Yes (fully)", "Yes (after initial difficulties)", "No", "N/A"]
    cases = [(f"c{n}", _case({"4.18.1": value})) for n, value in enumerate(answers)]
    figure = next(f for f in score(cag2016, cases).questions if f.id == "4.18.1")
    # N/A is neither: 2 sufficient of 3 counted.
    assert (figure.applicable, figure.sufficient) == (3, 2)
    assert cag2016.judged_as(cag2016.question("4.18.1"))[1] == ("No",)


def test_4_19_3_counts_only_less_likely_to_offend_as_sufficient(cag2016: Edition) -> None:
    sufficient, insufficient = cag2016.judged_as(cag2016.question("4.19.3"))
    assert sufficient == ("Yes (less likely to offend)",)
    assert set(insufficient) == {"No (no identifiable change)", "No (more likely to offend)"}


def test_a_per_factor_judgement_needs_its_explanation_when_any_factor_is_insufficient(
    cag2016: Edition,
) -> None:
    base = {"2.1.0": ["ETE", "Substance misuse"]}
    mixed = {**base, "3.7.1": {"value": {"ETE": "Yes", "Substance misuse": "No"}}}
    all_yes = {**base, "3.7.1": {"value": {"ETE": "Yes", "Substance misuse": "Yes"}}}
    assert _applies(cag2016, "3.7.2", mixed)
    assert not _applies(cag2016, "3.7.2", all_yes)
    assert ("missing-explanation", "3.7.1") in _problems(cag2016, mixed)
    assert ("missing-explanation", "3.7.1") not in _problems(cag2016, all_yes)


def test_an_optional_explanation_is_not_required(cag2016: Edition) -> None:
    optional = [e for e in cag2016.explanations_of("1.13.1") if not e.required]
    assert optional, "1.13.1 has an optional explanation (1.13.3)"
    problems = _problems(cag2016, {"1.13.1": "No"})
    for explanation in optional:
        assert ("missing-answer", explanation.id) not in problems


def test_questions_shows_timeliness_beside_the_judgements_it_informs(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from inspectcore import write_case
    from inspectcore.cli import cli

    path = tmp_path / "case.toml"
    answers = {
        "3b": "England",
        "10a": "Detention and Training Order",
        "A/sentence": "2015-12-24",
        "A/assessment": "2016-01-13",
    }
    write_case(_case(answers), path)
    result = CliRunner().invoke(cli, ["questions", "cag2016", "--case", str(path), "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.output)}
    for judgement in ("1.1.1", "1.10.1", "1.13.1"):
        (note,) = rows[judgement]["timeliness"]
        assert "11 working days" in note
        assert note.endswith(": late")
        assert "2015-12-25 Christmas Day" in note
    # No plan date: the plan's rule is not computed, and says why.
    (plan,) = rows["2.1.1"]["timeliness"]
    assert "A/plan not answered" in plan
    # Nothing beside a question no rule informs.
    assert "timeliness" not in rows["1.3.1"]
    text = CliRunner().invoke(cli, ["questions", "cag2016", "--case", str(path)]).output
    assert "timeliness (information): Initial assessment: 11 working days" in text


def test_part_answered_cases_agree_on_per_factor_explanations(cag2016: Edition) -> None:
    from inspectcore import ProspectRouter, ProspectStatus

    base = {"2.1.0": ["ETE", "Substance misuse"]}
    mixed = _case({**base, "3.7.1": {"value": {"ETE": "Yes", "Substance misuse": "No"}}})
    all_yes = _case({**base, "3.7.1": {"value": {"ETE": "Yes", "Substance misuse": "Yes"}}})
    explanation = cag2016.question("3.7.2")
    assert ProspectRouter(cag2016, mixed).check(explanation).status is ProspectStatus.APPLIES
    assert ProspectRouter(cag2016, all_yes).check(explanation).status is ProspectStatus.OUT
