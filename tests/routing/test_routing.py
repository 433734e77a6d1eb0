"""Routing: each question's gates, the three-valued evaluator and its two readings, the
closed-world Router and part-answered ProspectRouter agreeing, and a case routed once."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

from inspectcore import (
    Answer,
    AnswerValue,
    CaseAssessment,
    Edition,
    EditionDataError,
    EditionRef,
    PerOption,
    ProblemCode,
    ProspectRouter,
    ProspectStatus,
    Registry,
    RoutedCase,
    Router,
    Value,
    applicability,
    applicable_questions,
    case_table,
    is_valid,
    read_case,
    resolve_edition,
    review_sources,
    route,
    score,
    validate,
)
from inspectcore._loading.conditions import parse_condition
from inspectcore._loading.gates import edition_gates, gates_of
from inspectcore._model.conditions import MISSING, Lookup
from inspectcore._model.gates import ExplainsGate, PerOptionGate, RuleGate, SectionGate
from inspectcore._routing.evaluate import UNKNOWN, Looked, evaluate, holds
from inspectcore.cli import cli

ROOT = Path(__file__).resolve().parents[2]
INSPECTIONS = ROOT / "examples" / "inspection"
BUNDLED_CASES = sorted(p for p in INSPECTIONS.glob("*/*") if p.suffix in (".toml", ".json"))
EXAMPLE_FILES = [p for p in BUNDLED_CASES if p.parent.name == "example"]
CARAG_FILES = [p for p in BUNDLED_CASES if p.parent.name == "carag2024"]
SECTIONS = [{"id": "A", "level": "area", "title": "A"}]

WriteEdition = Callable[..., Path]


def changed(
    answers: Mapping[str, AnswerValue | None] | None = None,
    *,
    context: Mapping[str, Value | None] | None = None,
) -> CaseAssessment:
    """The example's first (valid) case with answers or facts changed; ``None`` removes one."""
    base = read_case(EXAMPLE_FILES[0])
    values = {**{a.question: a.value for a in base.answers}, **(answers or {})}
    facts = {**dict(base.context), **(context or {})}
    return attrs.evolve(
        base,
        answers=[Answer(q, v) for q, v in values.items() if v is not None],
        context={k: v for k, v in facts.items() if v is not None},
    )


# -- gates -----------------------------------------------------------------------------------


def test_a_section_gate_reads_the_sections_rule(example: Edition) -> None:
    (gate,) = gates_of(example, example.question("C 1")).gates
    assert isinstance(gate, SectionGate)
    assert gate.section == "C"
    assert str(gate.rule.condition) == 'fact("programme") == "FULL"'
    assert (gate.questions, gate.facts) == ((), ("programme",))


def test_a_rule_gate_reads_the_questions_own_rule(example: Edition) -> None:
    (gate,) = gates_of(example, example.question("6b")).gates
    assert isinstance(gate, RuleGate)
    assert (gate.questions, gate.facts) == (("6a",), ())


def test_an_explains_gate_names_the_judgement_and_its_insufficient_answers(
    example: Edition,
) -> None:
    (gate,) = gates_of(example, example.question("B 1.2")).gates
    assert gate == ExplainsGate("B 1.1", ("No",))
    assert gate.questions == ("B 1.1",)


def test_a_per_option_gate_names_the_source(example: Edition) -> None:
    (gate,) = gates_of(example, example.question("B 1.4")).gates
    assert gate == PerOptionGate("5", ("5",))


def test_gates_come_outermost_first_and_list_what_they_read(example: Edition) -> None:
    gates = gates_of(example, example.question("C 2"))
    assert [type(g) for g in gates.gates] == [SectionGate, RuleGate]
    assert gates.questions == ("1", "5")
    assert gates.facts == ("programme",)
    assert gates_of(example, example.question("1")).gates == ()


def test_gates_name_questions_as_the_edition_spells_them(write_edition: WriteEdition) -> None:
    edition = resolve_edition(
        write_edition(
            "loose",
            sections=SECTIONS,
            questions=[
                info("A 1", {"type": "multiple_choice", "options": ["x", "y"]}),
                info("b", {"type": "yes_no"}, applies='answered("A1")'),
                {"id": "c", "kind": "judgement", "section": "A", "links": {"per_option_of": "A1"}},
            ],
        )
    )
    assert gates_of(edition, edition.question("b")).questions == ("A 1",)
    (gate,) = gates_of(edition, edition.question("c")).gates
    assert gate == PerOptionGate("A1", ("A 1",))


def test_gates_are_compiled_once_per_edition(example: Edition) -> None:
    assert edition_gates(example) is edition_gates(example)
    question = example.question("6b")
    assert gates_of(example, question) is edition_gates(example).of("6b")
    # A question object that is not the edition's own is compiled for itself.
    other = attrs.evolve(question, applies=example.question("C 2").applies)
    assert gates_of(example, other).questions == ("1", "5")


def test_review_sources_are_what_the_gates_read_and_depends_on(example: Edition) -> None:
    def sources(question_id: str) -> frozenset[str]:
        return review_sources(example, example.question(question_id))

    assert sources("C 2") == {"1", "5"}  # section C reads a fact only
    assert sources("B 1.2") == {"B 1.1"}
    assert sources("B 1.4") == {"5"}  # per option of 5, and depends_on 5
    assert sources("6b") == {"6a"}
    assert sources("1") == frozenset()


def info(qid: str, answer: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"id": qid, "kind": "information", "section": "A", "domain": answer, **more}


@pytest.mark.parametrize(
    ("questions", "cycle"),
    [
        (
            [
                {"id": "j", "kind": "judgement", "section": "A", "applies": 'answered("e")'},
                info("e", {"type": "yes_no"}, kind="explanation", links={"explains": "j"}),
            ],
            "routing cycle j -> e -> j",
        ),
        (
            [
                info("m", {"type": "multiple_choice", "options": ["x"]}, applies='answered("p")'),
                {"id": "p", "kind": "judgement", "section": "A", "links": {"per_option_of": "m"}},
            ],
            "routing cycle m -> p -> m",
        ),
    ],
)
def test_lint_finds_cycles_through_links(
    write_edition: WriteEdition, questions: list[dict[str, Any]], cycle: str
) -> None:
    folder = write_edition(
        "cyclic", sections=[{"id": "A", "level": "area", "title": "A"}], questions=questions
    )
    with pytest.raises(EditionDataError) as raised:
        resolve_edition(folder)
    assert any(cycle in problem for problem in raised.value.problems)


# -- the evaluator, read two ways -------------------------------------------------------------


def lookups(values: Mapping[str, Looked]) -> Callable[[str], Looked]:
    return lambda key: values.get(key, MISSING)


@pytest.mark.parametrize(
    ("source", "answers", "expected"),
    [
        ('answer("a") == "Yes"', {"a": UNKNOWN}, None),
        ('answer("a") == "Yes"', {"a": "Yes"}, True),
        ('answer("a") == "Yes"', {}, False),  # known absent: a comparison on it is false
        ('answer("a") != "Yes"', {}, False),
        ('answered("a")', {"a": UNKNOWN}, None),
        ('unanswered("a")', {}, True),
        ('not answer("a") == "Yes"', {"a": UNKNOWN}, None),
        ('answer("a") == "Yes" or answer("b") == "Yes"', {"a": UNKNOWN, "b": "Yes"}, True),
        ('answer("a") == "Yes" or answer("b") == "Yes"', {"a": UNKNOWN, "b": "No"}, None),
        ('answer("a") == "Yes" and answer("b") == "Yes"', {"a": UNKNOWN, "b": "No"}, False),
        ('answer("a") == "Yes" and answer("b") == "Yes"', {"a": UNKNOWN, "b": "Yes"}, None),
        ('"x" in answer("m") and answer("n") >= 3', {"m": ("x", "y"), "n": 3}, True),
    ],
)
def test_three_valued_evaluation(
    source: str, answers: Mapping[str, Looked], expected: bool | None
) -> None:
    assert evaluate(parse_condition(source), lookups(answers), lookups({})) is expected


def closed(values: Mapping[str, Value]) -> Lookup:
    return lambda key: values.get(key, MISSING)


def test_the_closed_world_reading_is_two_valued() -> None:
    condition = parse_condition('answer("a") == "Yes" or not answered("b")')
    assert holds(condition, closed({}), closed({})) is True
    assert holds(condition, closed({"b": 1}), closed({})) is False
    assert holds(condition, closed({"a": "Yes", "b": 1}), closed({})) is True


def test_every_part_is_looked_up_even_after_one_decides() -> None:
    asked: list[str] = []

    def answer(key: str) -> Looked:
        asked.append(key)
        return "Yes"

    condition = parse_condition('answer("a") == "Yes" or answer("b") == "No"')
    assert evaluate(condition, answer, lookups({})) is True
    assert asked == ["a", "b"]


def test_the_part_answered_reading_waits_for_what_is_unknown(example: Edition) -> None:
    case = changed({"6a": None, "6b": None}, context={"programme": None})
    prospects = ProspectRouter(example, case)
    sixb = prospects.check(example.question("6b"))
    assert (sixb.status, sixb.waits_for) == (ProspectStatus.OPEN, ("6a",))
    c1 = prospects.check(example.question("C 1"))
    assert (c1.status, c1.waits_for) == (ProspectStatus.OPEN, ("fact programme",))
    # The closed-world reading of the same case: what is not given is not there.
    router = Router(example, case)
    assert not router.check(example.question("6b")).applies
    assert not router.check(example.question("C 1")).applies


def test_an_explanation_of_a_per_option_judgement_that_may_apply_may_apply(
    write_edition: WriteEdition,
) -> None:
    edition = resolve_edition(
        write_edition(
            "open",
            sections=SECTIONS,
            questions=[
                info("gate", {"type": "yes_no"}),
                info("factors", {"type": "multiple_choice", "options": ["x", "y"]}),
                {
                    "id": "each",
                    "kind": "judgement",
                    "section": "A",
                    "applies": 'answer("gate") == "Yes"',
                    "links": {"per_option_of": "factors"},
                },
                info("why", {"type": "yes_no"}, kind="explanation", links={"explains": "each"}),
            ],
        )
    )
    answers = (Answer("factors", ("x",)), Answer("each", PerOption((("x", "No"),))))
    case = CaseAssessment(edition=EditionRef(edition.id, edition.version), answers=answers)
    why = ProspectRouter(edition, case).check(edition.question("why"))
    assert (why.status, why.waits_for) == (ProspectStatus.OPEN, ("gate",))
    answered = attrs.evolve(case, answers=(*answers, Answer("gate", "Yes")))
    assert ProspectRouter(edition, answered).check(edition.question("why")).status is (
        ProspectStatus.APPLIES
    )
    assert Router(edition, answered).check(edition.question("why")).applies


# -- the two routers agree on finished cases ---------------------------------------------------


@functools.cache
def _registry() -> Registry:
    return Registry.discover(strict=True, blocked=())


@functools.cache
def _edition(edition_id: str, extensions: tuple[str, ...]) -> Edition:
    return _registry().load_edition(edition_id, list(extensions))


def edition_of(case: CaseAssessment) -> Edition:
    return _edition(case.edition.id, tuple(e.id for e in case.extensions))


@pytest.mark.parametrize("path", BUNDLED_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_both_routers_agree_on_every_bundled_case(path: Path) -> None:
    case = read_case(path)
    edition = edition_of(case)
    assert is_valid(validate(edition, case))
    router, prospects = Router(edition, case), ProspectRouter(edition, case)
    answered = {a.question for a in case.answers}
    for question in edition.questions:
        applies, prospect = router.check(question).applies, prospects.check(question)
        if prospect.status is ProspectStatus.OPEN:
            # Only an optional question left unanswered can leave it open: finished, the
            # case says "no answer"; part-answered, it may still be answered.
            assert not applies
            for waited in prospect.waits_for:
                assert waited not in answered
                assert not edition.question(waited).required
        else:
            assert prospect.status is (ProspectStatus.APPLIES if applies else ProspectStatus.OUT)


# -- applicability and its reasons (the closed-world Router) -----------------------------------


def test_applicability_reasons(example: Edition) -> None:
    statuses = {a.question.id: a for a in applicability(example, read_case(EXAMPLE_FILES[0]))}
    assert list(statuses) == [q.id for q in example.questions]
    assert statuses["6a"].applies
    assert statuses["6a"].reason == ""
    assert not statuses["6b"].applies
    assert statuses["6b"].reason == 'answer("6a") == "Yes" does not hold (6a = "No")'
    assert not statuses["B 1.2"].applies
    assert statuses["B 1.2"].reason == (
        "explains B 1.1, which is not answered 'No' (B 1.1 = \"Yes\")"
    )
    assert not statuses["B 1.3"].applies
    assert '(2 = "Youth rehabilitation order", 4 = 12)' in statuses["B 1.3"].reason
    assert not statuses["C 2"].applies
    assert statuses["C 2"].reason.endswith('(1 = 15, 5 = ["Education", "Family"])')


def test_unanswered_routing_question(example: Edition) -> None:
    status = Router(example, changed({"6a": None})).check(example.question("6b"))
    assert not status.applies
    assert status.reason == 'answer("6a") == "Yes" does not hold (6a = unanswered)'


def test_section_reason(example: Edition) -> None:
    case = changed(context={"programme": "SHORT"})
    status = Router(example, case).check(example.question("C 1"))
    assert not status.applies
    assert status.reason.startswith("section C: ")
    assert status.reason.endswith('(programme = "SHORT")')


def test_applicable_questions(example: Edition) -> None:
    ids = [q.id for q in applicable_questions(example, changed(context={"programme": "SHORT"}))]
    assert ids == ["1", "2", "3", "4", "5", "6a", "B 1.1", "B 1.4", "B 1 S", "B 9"]


def test_router_answers(example: Edition) -> None:
    router = Router(example, changed({"6b": "Host"}))
    assert router.answer("6a") == "No"
    assert repr(router.answer("6b")) == "unanswered"  # 6b does not apply
    assert repr(router.answer("B 1.4")) == "unanswered"  # per-option answers are not values
    assert repr(router.answer("nope")) == "unanswered"
    assert router.answer("B1.1") == "Yes"  # ids as people type them
    assert router.fact("programme") == "FULL"


def test_answers_of_non_applicable_questions_do_not_route(example_cymru: Edition) -> None:
    # 6c applies only in Wales; 6d only when 6c is Yes.
    england = changed({"6c": "Yes", "6d": "Yes"})
    router = Router(example_cymru, england)
    assert not router.check(example_cymru.question("6c")).applies
    sixd = router.check(example_cymru.question("6d"))
    assert not sixd.applies
    assert sixd.reason == 'answer("6c") == "Yes" does not hold (6c = unanswered)'
    problems = validate(example_cymru, england)
    assert [(p.code, p.question) for p in problems] == [
        (ProblemCode.NOT_APPLICABLE, "6c"),
        (ProblemCode.NOT_APPLICABLE, "6d"),
    ]
    wales = changed({"6c": "Yes", "6d": "Yes"}, context={"country": "Wales"})
    assert validate(example_cymru, wales) == ()
    wales_case = validate(example_cymru, changed(context={"country": "Wales"}))
    assert [p.question for p in wales_case] == ["6c"]


# -- a case routed once ------------------------------------------------------------------------


@pytest.fixture
def routers_made(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts Router constructions (and exclusion evaluations, as ``"exclusions <case>"``)."""
    made: Counter[str] = Counter()
    init, exclusions = Router.__init__, Router.exclusions

    def counted_init(self: Router, edition: Edition, case: CaseAssessment) -> None:
        made[case.case] += 1
        init(self, edition, case)

    def counted_exclusions(self: Router) -> Any:
        made[f"exclusions {self.case.case}"] += 1
        return exclusions(self)

    monkeypatch.setattr(Router, "__init__", counted_init)
    monkeypatch.setattr(Router, "exclusions", counted_exclusions)
    return made


@pytest.mark.parametrize(
    "command",
    [
        ["score"],
        ["score", "--format", "json"],
        ["export", "--format", "csv", "-o", "{tmp}/cases.csv"],
        ["report", "-o", "{tmp}/report.html"],
    ],
)
def test_the_cli_routes_each_case_once(
    routers_made: Counter[str], tmp_path: Path, command: list[str]
) -> None:
    args = [command[0], str(INSPECTIONS / "carag2024"), "--edition", "carag2024"]
    args += [a.replace("{tmp}", str(tmp_path)) for a in command[1:]]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    references = [read_case(p).case for p in CARAG_FILES]
    assert sorted(k for k in routers_made if not k.startswith("exclusions ")) == sorted(references)
    assert set(routers_made.values()) == {1}  # each case routed once, its exclusions once


def test_routed_cases_score_and_export_as_cases_do_without_routing_again(
    routers_made: Counter[str],
) -> None:
    edition = _edition("carag2024", ())
    cases = [(p.name, read_case(p)) for p in CARAG_FILES]
    routed = [(name, route(edition, case)) for name, case in cases]
    assert sum(routers_made.values()) == 2 * len(cases)  # one Router and one exclusions each
    routers_made.clear()
    assert score(edition, routed) == score(edition, cases)
    assert case_table(edition, routed) == case_table(edition, cases)
    assert sum(routers_made.values()) == 2 * 2 * len(cases)  # the plain cases only


def test_route_reuses_a_routing_only_under_the_same_edition(example: Edition) -> None:
    case = read_case(EXAMPLE_FILES[0])
    routed = route(example, case)
    assert route(example, routed) is routed
    again = _registry().load_edition("example")
    rerouted = route(again, routed)
    assert rerouted is not routed
    assert rerouted.edition is again
    assert rerouted.case is case
    assert [a.applies for a in rerouted.applicability] == [a.applies for a in routed.applicability]


def test_a_routed_case_holds_its_applicability_and_judgements(example: Edition) -> None:
    routed = route(example, read_case(EXAMPLE_FILES[0]))
    assert isinstance(routed, RoutedCase)
    assert routed.applicability == Router(example, routed.case).all()
    assert routed.judgements(example.question("B 1.4")) == ("Yes", "No")  # one per option
    assert routed.judgements(example.question("B 1.1")) == ("Yes",)
    assert routed.judgements(example.question("B 1.2")) == ()  # does not apply
    assert routed.exclusions == ()
    assert routed.exclusion is None


# -- exclusions, evaluated once ----------------------------------------------------------------


def test_exclusions_are_the_routers_and_every_step_shows_the_same(example: Edition) -> None:
    host = changed({"2": "Referral order", "6a": "Yes", "6b": "Host"})
    routed = route(example, host)
    assert routed.exclusions == Router(example, host).exclusions()
    assert routed.exclusion is not None
    assert routed.exclusion.id == "host-referral"
    figures = score(example, [("host.toml", routed), ("one.toml", read_case(EXAMPLE_FILES[0]))])
    assert [(e.case, e.exclusion) for e in figures.excluded] == [(host.case, "host-referral")]
    table = case_table(example, [("host.toml", routed)])
    assert table.rows[0][2] == "host-referral"
    assert not route(example, changed({"6a": "Yes", "6b": "Host"})).exclusions


def test_the_bundled_excluded_case_is_excluded_by_every_step() -> None:
    edition = _edition("carag2024", ())
    cases = [
        (p.name, route(edition, read_case(p)))
        for p in sorted((INSPECTIONS / "carag2024").glob("*.toml"))
    ]
    excluded = [(r.case.case, r.exclusion.id) for _, r in cases if r.exclusion is not None]
    assert excluded  # the example inspection has an excluded case
    assert [(e.case, e.exclusion) for e in score(edition, cases).excluded] == excluded
    table = case_table(edition, cases)
    assert [(row[0], row[2]) for row in table.rows if row[2]] == excluded


def test_validation_takes_a_routed_case_without_routing_it_again(
    example: Edition, routers_made: Counter[str]
) -> None:
    case = changed({"6b": "Host"})  # 6b does not apply
    routed = route(example, case)
    routers_made.clear()
    assert validate(example, routed) == validate(example, case)
    assert routers_made[case.case] == 1  # the plain case only
    assert [p.question for p in validate(example, routed)] == ["6b"]


@pytest.mark.parametrize("path", BUNDLED_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_whole_case_routed_in_one_pass_is_routed_as_question_by_question(path: Path) -> None:
    # Router.all decides in the edition's order, worked out once (edition_order); asked
    # one question at a time, in reverse, a fresh router must decide every one the same.
    from inspectcore._routing.decide import edition_order

    case = read_case(path)
    used = [e.id for e in case.extensions]
    edition = resolve_edition(case.edition.id, extensions=used)
    one_by_one = Router(edition, case)
    reversed_checks = [one_by_one.check(q) for q in reversed(edition.questions)]
    assert Router(edition, case).all() == tuple(reversed(reversed_checks))
    order = [q.id for q in edition_order(edition)]
    assert sorted(order) == sorted(q.id for q in edition.questions)
    for question in edition.questions:  # each question after every question it reads
        reads = gates_of(edition, question).questions
        assert all(order.index(r) < order.index(question.id) for r in reads if r in order)
