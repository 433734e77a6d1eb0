"""Edition data that would crash the engine is a message naming the file and the place.

Rating bands that are not percentages, conditions nested past any sensible depth, and
routing chains longer than Python's recursion limit.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from inspectcore import (
    Answer,
    CaseAssessment,
    ConditionSyntaxError,
    DataFolder,
    EditionDataError,
    EditionRef,
    ProspectRouter,
    ProspectStatus,
    applicability,
    load_edition_folder,
    parse_condition,
)

# Test seams: the nesting limit and the evaluator are not public.
from inspectcore._model.conditions import MAX_DEPTH
from inspectcore._routing.evaluate import holds
from inspectcore.cli import cli

DEEP = 5000
TOO_DEEP = {
    "parentheses": "(" * DEEP + 'answer("1") == "Yes"' + ")" * DEEP,
    "not": "not " * DEEP + 'answered("1")',
    "right-nested and": " and (".join(['answer("1") == "Yes"'] * DEEP) + ")" * (DEEP - 1),
    "one past the limit": "not " * (MAX_DEPTH + 1) + "true",
}
SECTIONS = [{"id": "A", "level": "area", "title": "Area A"}]


def question(number: int, **more: Any) -> dict[str, Any]:
    return {
        "id": str(number),
        "kind": "judgement",
        "section": "A",
        "text": f"Question {number}",
        **more,
    }


def load(folder: Path) -> Any:
    return load_edition_folder(DataFolder.at(folder))


# -- rating bands ------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [float("inf"), float("-inf"), float("nan"), -1, 100.5])
def test_a_band_minimum_must_be_a_finite_percentage(
    write_edition: Callable[..., Path], bad: float
) -> None:
    rating = {
        "rated_level": "area",
        "banded_level": "topic",
        "bands": [{"name": "Low", "min": 0}, {"name": "High", "min": bad}],
    }
    folder = write_edition("bad", rating=rating, sections=SECTIONS, questions=[question(1)])
    with pytest.raises(EditionDataError) as info:
        load(folder)
    assert info.value.problems == (
        f"{folder / 'edition.toml'}: rating: bands[1].min: "
        f"expected a finite number between 0 and 100, got {bad!r}",
    )


def test_band_minimums_at_the_ends_of_the_range(write_edition: Callable[..., Path]) -> None:
    rating = {
        "rated_level": "area",
        "banded_level": "topic",
        "bands": [{"name": "Low", "min": 0}, {"name": "Top", "min": 100.0}],
    }
    folder = write_edition("ok", rating=rating, sections=SECTIONS, questions=[question(1)])
    rules = load(folder).edition.rating
    assert [(b.name, b.min) for b in rules.bands] == [("Low", 0), ("Top", 100)]


# -- conditions nested too deeply --------------------------------------------------------------


@pytest.mark.parametrize("source", TOO_DEEP.values(), ids=TOO_DEEP.keys())
def test_a_condition_nested_too_deeply_is_a_syntax_error(source: str) -> None:
    with pytest.raises(ConditionSyntaxError) as info:
        parse_condition(source)
    message = str(info.value)
    assert f"at most {MAX_DEPTH} levels of 'not' and parentheses (nested too deeply)" in message
    assert len(message) < 300  # the condition is shown in part, not all 30 000 characters


def test_the_depth_limit_is_well_under_the_recursion_limit() -> None:
    assert sys.getrecursionlimit() > MAX_DEPTH * 5


@pytest.mark.parametrize(
    "source",
    [
        "(" * MAX_DEPTH + "true" + ")" * MAX_DEPTH,
        "not " * MAX_DEPTH + "true",
        "not (" * (MAX_DEPTH // 2) + "true" + ")" * (MAX_DEPTH // 2),
        " and (".join(["true"] * MAX_DEPTH) + ")" * (MAX_DEPTH - 1),
        " or ".join(['answer("1") == 1'] * 20_000),  # long, but flat
    ],
)
def test_conditions_up_to_the_limit_parse_and_evaluate(source: str) -> None:
    condition = parse_condition(source)
    expected = source.count("not") % 2 == 0 and "answer" not in source
    assert holds(condition, lambda _: 2, lambda _: 2) is expected
    assert len(list(condition.comparisons())) == source.count("==")


@pytest.mark.parametrize("source", TOO_DEEP.values(), ids=TOO_DEEP.keys())
def test_an_edition_with_a_deep_condition_names_file_and_question(
    write_edition: Callable[..., Path], source: str
) -> None:
    folder = write_edition(
        "deep", sections=SECTIONS, questions=[question(1), question(2, applies=source)]
    )
    with pytest.raises(EditionDataError) as info:
        load(folder)
    [problem] = info.value.problems
    assert problem.startswith(f"{folder / 'questions' / '01.toml'}: questions[1] (2): applies: ")
    assert "nested too deeply" in problem


def test_diff_of_a_folder_with_a_deep_condition(write_edition: Callable[..., Path]) -> None:
    good = write_edition("good", sections=SECTIONS, questions=[question(1), question(2)])
    deep = write_edition(
        "deep",
        sections=SECTIONS,
        questions=[question(1), question(2, applies=TOO_DEEP["parentheses"])],
    )
    result = CliRunner().invoke(cli, ["diff", str(good), str(deep)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stderr.startswith("error: edition 'deep': the data is not valid\n")
    assert f"{deep / 'questions' / '01.toml'}: questions[1] (2): applies: " in result.stderr
    assert "nested too deeply" in result.stderr


# -- long routing chains -----------------------------------------------------------------------

CHAIN = 3000


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """An edition of 3000 questions, each asked only when the next one is answered Yes.

    Routing and lint read the rules in document order; a rule reading a later
    question makes each of them follow the whole chain from the first question.
    """
    import tomli_w

    folder = tmp_path_factory.mktemp("chain")
    (folder / "edition.toml").write_text(
        tomli_w.dumps(
            {
                "id": "chain",
                "title": "A long chain",
                "version": "1",
                "publisher": "tests",
                "published": "2026-01",
                "source": "the tests",
                "licence": "CC0-1.0",
                "levels": ["area"],
                "sections": SECTIONS,
                "questions": [
                    question(
                        n,
                        domain={"type": "yes_no"},
                        domain_basis="stated: the tests",
                        applies=f'answer("{n + 1}") == "Yes"',
                        applies_basis="stated: the tests",
                    )
                    for n in range(1, CHAIN)
                ]
                + [question(CHAIN, domain={"type": "yes_no"}, domain_basis="stated: the tests")],
            }
        )
    )
    return load(folder).edition


def test_a_long_chain_loads_and_lints(chain: Any) -> None:
    assert len(chain.questions) == CHAIN


def chain_case(chain: Any, first_answered: int) -> CaseAssessment:
    """Questions from ``first_answered`` to the last answered Yes."""
    return CaseAssessment(
        EditionRef(chain.id, chain.version),
        answers=tuple(Answer(str(n), "Yes") for n in range(first_answered, CHAIN + 1)),
    )


def test_a_long_chain_routes(chain: Any) -> None:
    routed = applicability(chain, chain_case(chain, 11))
    assert [a.applies for a in routed] == [False] * 9 + [True] * (CHAIN - 9)


def test_a_long_chain_routes_part_answered(chain: Any) -> None:
    router = ProspectRouter(chain, chain_case(chain, 101))
    assert router.check(chain.questions[0]).status is ProspectStatus.OPEN
    assert router.check(chain.questions[99]).status is ProspectStatus.APPLIES
    assert router.check(chain.questions[98]).waits_for == ("100",)
