"""Property-based tests: the applicability condition language.

Parsing any text raises nothing but :class:`inspectcore.ConditionSyntaxError`; a parsed
condition evaluated against any answers and facts raises nothing but an
:class:`inspectcore.InspectcoreError`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

from inspectcore import (
    MISSING,
    Condition,
    ConditionSyntaxError,
    InspectcoreError,
    parse_condition,
)

# A test seam: the evaluator is routing's, reached in the library only through the routers.
from inspectcore._routing.evaluate import UNKNOWN, holds
from inspectcore._routing.evaluate import evaluate as evaluate_three_valued

IDS = st.sampled_from(["1", "6a", "B 1.1", "programme", "", "x\ny"]) | st.text(max_size=5)


def quoted(text: str) -> str:
    if '"' not in text:
        return f'"{text}"'
    return f"'{text}'" if "'" not in text else '"' + text.replace('"', "") + '"'


strings = IDS.map(quoted)
integers = st.integers(-(10**6), 10**6).map(str) | st.sampled_from(["-0", "007", "9" * 40])
literals = strings | integers | st.sampled_from(["true", "false"])
lists = st.lists(strings | integers, max_size=3).map(lambda items: "[" + ", ".join(items) + "]")
refs = st.tuples(st.sampled_from(["answer", "fact"]), IDS).map(lambda r: f"{r[0]}({quoted(r[1])})")
operands = refs | literals | lists
operators = st.sampled_from(["==", "!=", "<", "<=", ">", ">=", "in", "not in"])
comparisons = st.tuples(operands, operators, operands).map(" ".join)
predicates = st.tuples(st.sampled_from(["answered", "unanswered"]), IDS).map(
    lambda p: f"{p[0]}({quoted(p[1])})"
)
conditions = st.recursive(
    comparisons | predicates | st.sampled_from(["true", "false"]),
    lambda inner: st.one_of(
        inner.map(lambda c: f"not {c}"),
        inner.map(lambda c: f"({c})"),
        st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(" ".join),
    ),
    max_leaves=8,
)
TOKENS = [
    "answer",
    "fact",
    "answered",
    "unanswered",
    "and",
    "or",
    "not",
    "in",
    "true",
    "false",
    "(",
    ")",
    "[",
    "]",
    ",",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    '"',
    "'",
    "-",
    "=",
    "!",
    " ",
    "\n",
    "\t",
    "\u00a0",
    "\u0663",
]
token_soup = st.lists(
    st.sampled_from(TOKENS) | strings | integers | st.text(max_size=3), max_size=12
).map(" ".join)


@st.composite
def deep(draw: st.DrawFn) -> str:
    """Nesting past Python's recursion limit, and literals past int()'s digit limit."""
    depth = draw(st.sampled_from([100, 2_000, 20_000]))
    shape = draw(st.sampled_from(["parens", "not", "mixed", "long-and", "huge-int"]))
    if shape == "parens":
        return "(" * depth + "true" + ")" * depth
    if shape == "not":
        return "not " * depth + "true"
    if shape == "mixed":
        return "not (" * depth + 'answered("1")' + ")" * depth
    if shape == "long-and":
        return " and ".join(['answer("1") == 1'] * depth)
    return 'answer("1") == ' + "9" * draw(st.sampled_from([4_300, 4_301, 10_000]))


sources = st.one_of(conditions, conditions, token_soup, st.text(max_size=30))


T = TypeVar("T")


def guarded(call: Callable[..., T], *args: Any) -> T:
    """``call(*args)``, letting its exceptions through, except RecursionError: hypothesis
    would call its ever-changing line flaky, so it becomes one assertion (raised outside the
    handler, so with no ``__context__`` either)."""
    escaped = False
    try:
        return call(*args)
    except RecursionError:
        escaped = True
    assert not escaped, "RecursionError escaped"
    raise AssertionError("unreachable")


def parse_or_reject(source: str) -> Condition | None:
    try:
        return guarded(parse_condition, source)
    except ConditionSyntaxError as exc:
        rejected = exc
    assert 0 <= rejected.position <= len(source)
    return None


@settings(max_examples=300)
@given(sources)
def test_parsing_any_text(source: str) -> None:
    parse_or_reject(source)


@settings(max_examples=30)
@given(deep())
def test_parsing_deep_and_huge_conditions(source: str) -> None:
    parse_or_reject(source)


@settings(max_examples=200)
@given(conditions)
def test_the_grammar_parses(source: str) -> None:
    """Everything the grammar generates parses (its strings have no quotes of their kind)."""
    assert parse_condition(source).source == source


values = st.one_of(
    st.just(MISSING),
    st.text(max_size=5),
    st.sampled_from(["1", "6a", "Yes", "No"]),
    st.integers(),
    st.lists(st.text(max_size=3), max_size=3).map(tuple),
)


@settings(max_examples=300)
@given(sources, st.dictionaries(IDS, values), st.dictionaries(IDS, values))
def test_evaluating_against_any_answers(
    source: str, answers: dict[str, Any], facts: dict[str, Any]
) -> None:
    condition = parse_or_reject(source)
    if condition is None:
        return

    def evaluate() -> bool:
        answer = lambda qid: answers.get(qid, MISSING)  # noqa: E731
        fact = lambda fid: facts.get(fid, MISSING)  # noqa: E731
        result = holds(condition, answer, fact)
        # The part-answered reading: an unanswered question is unknown. Whatever it decides
        # holds whatever the unknowns turn out to be, unanswered included.
        unknown = lambda qid: answers.get(qid, UNKNOWN)  # noqa: E731
        three = evaluate_three_valued(condition, unknown, fact)
        assert three is None or three == result
        list(condition.refs())
        list(condition.comparisons())
        str(condition)
        return result

    with contextlib.suppress(InspectcoreError):  # the project's own errors are allowed
        assert isinstance(guarded(evaluate), bool)
