"""The condition language: parsing, evaluation, syntax errors, and no ``eval``."""

from __future__ import annotations

import builtins
from collections.abc import Mapping

import pytest

from inspectcore import (
    MISSING,
    AllOf,
    Answered,
    AnyOf,
    Compare,
    Condition,
    ConditionSyntaxError,
    Const,
    InspectcoreError,
    Missing,
    Not,
    Ref,
    Truth,
    Value,
    parse_condition,
)

# Test seams: the evaluator and the condition language's value display are not public.
from inspectcore._model.conditions import show_value
from inspectcore._routing.evaluate import holds as evaluate

A7 = Ref("answer", "7a")


def holds(
    source: str,
    answers: Mapping[str, Value] | None = None,
    facts: Mapping[str, Value] | None = None,
) -> bool:
    """Parse and evaluate ``source``; ids absent from the mappings are unanswered."""
    given_answers = dict(answers or {})
    given_facts = dict(facts or {})

    def answer(question_id: str) -> Value | Missing:
        return given_answers.get(question_id, MISSING)

    def fact(fact_id: str) -> Value | Missing:
        return given_facts.get(fact_id, MISSING)

    return evaluate(parse_condition(source), answer, fact)


def syntax_error(source: str) -> ConditionSyntaxError:
    with pytest.raises(ConditionSyntaxError) as caught:
        parse_condition(source)
    return caught.value


# --- parsing: every construct -------------------------------------------------


def test_answer_ref_compared_with_double_quoted_string() -> None:
    parsed = parse_condition('answer("7a") == "Yes"')
    assert parsed.root == Compare("==", A7, Const("Yes"))
    assert parsed.source == 'answer("7a") == "Yes"'
    assert str(parsed) == 'answer("7a") == "Yes"'


def test_single_quotes_parse_like_double_quotes() -> None:
    single = parse_condition("answer('7a') == 'Yes'")
    double = parse_condition('answer("7a") == "Yes"')
    assert single.root == double.root


def test_a_quote_of_the_other_style_is_kept_inside_a_string() -> None:
    assert parse_condition('fact("note") == "it\'s"').root == Compare(
        "==", Ref("fact", "note"), Const("it's")
    )
    assert parse_condition("fact('note') == 'say \"hi\"'").root == Compare(
        "==", Ref("fact", "note"), Const('say "hi"')
    )


def test_fact_ref() -> None:
    assert parse_condition('fact("programme") != "SQS"').root == Compare(
        "!=", Ref("fact", "programme"), Const("SQS")
    )


@pytest.mark.parametrize("op", ["==", "!=", "<", "<=", ">", ">="])
def test_every_comparison_operator(op: str) -> None:
    parsed = parse_condition(f'answer("age") {op} 16')
    assert parsed.root == Compare(op, Ref("answer", "age"), Const(16))  # type: ignore[arg-type]


def test_operators_need_no_spaces() -> None:
    assert parse_condition('answer("age")>=16').root == Compare(
        ">=", Ref("answer", "age"), Const(16)
    )
    # "<=" is one operator, not "<" followed by "="
    assert parse_condition('answer("age")<=16').root == Compare(
        "<=", Ref("answer", "age"), Const(16)
    )


def test_integers_including_negative_ones() -> None:
    assert parse_condition('answer("n") > -1').root == Compare(">", Ref("answer", "n"), Const(-1))
    assert parse_condition('answer("4") == 999').root == Compare(
        "==", Ref("answer", "4"), Const(999)
    )


def test_true_and_false() -> None:
    assert parse_condition("true").root == Truth(True)
    assert parse_condition("false").root == Truth(False)
    assert parse_condition('answer("x") == true').root == Compare(
        "==", Ref("answer", "x"), Const(True)
    )
    assert parse_condition('answer("x") != false').root == Compare(
        "!=", Ref("answer", "x"), Const(False)
    )


def test_lists() -> None:
    assert parse_condition('answer("2") in ["a", \'b\', 3]').root == Compare(
        "in", Ref("answer", "2"), Const(("a", "b", 3))
    )
    assert parse_condition('answer("2") in []').root == Compare("in", Ref("answer", "2"), Const(()))
    assert parse_condition('answer("2") in ["only"]').root == Compare(
        "in", Ref("answer", "2"), Const(("only",))
    )


def test_in_and_not_in() -> None:
    assert parse_condition('answer("2") not in ["a", "b"]').root == Compare(
        "not in", Ref("answer", "2"), Const(("a", "b"))
    )
    assert parse_condition('"Education" in answer("5")').root == Compare(
        "in", Const("Education"), Ref("answer", "5")
    )
    assert parse_condition('"Education" not in answer("5")').root == Compare(
        "not in", Const("Education"), Ref("answer", "5")
    )


def test_answered_and_unanswered() -> None:
    assert parse_condition('answered("7a")').root == Answered("7a", negated=False)
    assert parse_condition("unanswered('7a')").root == Answered("7a", negated=True)


def test_and_binds_tighter_than_or() -> None:
    a, b, c = (Answered(x) for x in "abc")
    assert parse_condition('answered("a") or answered("b") and answered("c")').root == AnyOf(
        (a, AllOf((b, c)))
    )
    assert parse_condition('answered("a") and answered("b") or answered("c")').root == AnyOf(
        (AllOf((a, b)), c)
    )


def test_not_binds_tighter_than_and() -> None:
    a, b = Answered("a"), Answered("b")
    assert parse_condition('not answered("a") and answered("b")').root == AllOf((Not(a), b))
    assert parse_condition('not not answered("a")').root == Not(Not(a))


def test_not_applies_to_a_whole_comparison() -> None:
    assert parse_condition('not answer("7a") == "Yes"').root == Not(Compare("==", A7, Const("Yes")))


def test_parentheses_override_precedence() -> None:
    a, b, c = (Answered(x) for x in "abc")
    assert parse_condition('(answered("a") or answered("b")) and answered("c")').root == AllOf(
        (AnyOf((a, b)), c)
    )
    assert parse_condition('not (answered("a") and answered("b"))').root == Not(AllOf((a, b)))
    assert parse_condition('((answered("a")))').root == a


def test_chains_of_and_or_are_flat() -> None:
    a, b, c = (Answered(x) for x in "abc")
    assert parse_condition('answered("a") and answered("b") and answered("c")').root == AllOf(
        (a, b, c)
    )
    assert parse_condition('answered("a") or answered("b") or answered("c")').root == AnyOf(
        (a, b, c)
    )


def test_refs_and_comparisons_list_everything() -> None:
    parsed = parse_condition(
        'fact("programme") == "FJI" and (answered("1") or not answer("2") in ["x"])'
        ' and "e" in answer("5")'
    )
    assert list(parsed.refs()) == [
        Ref("fact", "programme"),
        Ref("answer", "1"),
        Ref("answer", "2"),
        Ref("answer", "5"),
    ]
    assert [c.op for c in parsed.comparisons()] == ["==", "in", "in"]


def test_refs_str() -> None:
    assert str(Ref("answer", "7a")) == 'answer("7a")'
    assert str(Ref("fact", "programme")) == 'fact("programme")'
    assert str(Const(("a", 1))) == '["a", 1]'


def test_show_value() -> None:
    assert show_value(MISSING) == "unanswered"
    assert show_value("Yes") == '"Yes"'
    assert show_value(12) == "12"
    assert show_value(True) == "true"
    assert show_value(False) == "false"
    assert show_value(("a", "b")) == '["a", "b"]'


# --- evaluation ------------------------------------------------------------------


def test_equality() -> None:
    assert holds('answer("7a") == "Yes"', {"7a": "Yes"}) is True
    assert holds('answer("7a") == "Yes"', {"7a": "No"}) is False
    assert holds('answer("7a") != "Yes"', {"7a": "No"}) is True
    assert holds('answer("7a") != "Yes"', {"7a": "Yes"}) is False


def test_comparison_with_unanswered_is_false_and_not_of_it_true() -> None:
    assert holds('answer("7a") == "Yes"') is False
    assert holds('answer("7a") != "Yes"') is False
    assert holds('"Yes" == answer("7a")') is False
    assert holds('answer("age") < 16') is False
    assert holds('answer("age") >= 16') is False
    assert holds('answer("2") in ["a"]') is False
    assert holds('answer("2") not in ["a"]') is False
    assert holds('not answer("7a") == "Yes"') is True
    assert holds('not answer("7a") != "Yes"') is True
    assert holds('not (answer("2") not in ["a"])') is True


def test_unset_fact_is_missing_too() -> None:
    assert holds('fact("programme") == "FJI"', facts={"programme": "FJI"}) is True
    assert holds('fact("programme") == "FJI"', facts={"programme": "SQS"}) is False
    assert holds('fact("programme") != "FJI"') is False
    # answers and facts are looked up separately
    assert holds('fact("programme") == "FJI"', answers={"programme": "FJI"}) is False


def test_comparing_two_refs() -> None:
    assert holds('answer("a") == answer("b")', {"a": 3, "b": 3}) is True
    assert holds('answer("a") < answer("b")', {"a": 3, "b": 4}) is True
    assert holds('answer("a") == answer("b")', {"a": 3}) is False


@pytest.mark.parametrize(
    ("op", "results"),
    [
        ("<", (True, False, False)),
        ("<=", (True, True, False)),
        (">", (False, False, True)),
        (">=", (False, True, True)),
    ],
)
def test_ordering(op: str, results: tuple[bool, bool, bool]) -> None:
    got = tuple(holds(f'answer("age") {op} 16', {"age": age}) for age in (15, 16, 17))
    assert got == results


def test_ordering_of_iso_dates_as_text() -> None:
    assert holds('answer("d") < "2024-06-30"', {"d": "2024-01-31"}) is True
    assert holds('answer("d") < "2024-06-30"', {"d": "2024-12-01"}) is False


def test_ordering_of_mismatched_types_is_false() -> None:
    assert holds('answer("age") < 16', {"age": "10"}) is False
    assert holds('answer("age") >= 16', {"age": "20"}) is False
    assert holds('answer("5") > 1', {"5": ("a", "b")}) is False


def test_membership_in_a_list() -> None:
    assert holds('answer("2") in ["a", "b"]', {"2": "b"}) is True
    assert holds('answer("2") in ["a", "b"]', {"2": "c"}) is False
    assert holds('answer("2") not in ["a", "b"]', {"2": "c"}) is True
    assert holds('answer("2") not in ["a", "b"]', {"2": "a"}) is False
    assert holds('answer("n") in [1, 2]', {"n": 2}) is True
    assert holds('answer("2") in []', {"2": "a"}) is False


def test_in_needs_a_list_on_its_right() -> None:
    assert holds('answer("2") in "abc"', {"2": "a"}) is False


def test_option_in_a_multiple_choice_answer() -> None:
    chosen: dict[str, Value] = {"5": ("Education", "Family")}
    assert holds('"Education" in answer("5")', chosen) is True
    assert holds('"Mental health" in answer("5")', chosen) is False
    assert holds('"Mental health" not in answer("5")', chosen) is True
    assert holds('"Family" not in answer("5")', chosen) is False
    assert holds('"Education" in answer("5")', {"5": ()}) is False
    assert holds('"Education" not in answer("5")', {"5": ()}) is True
    # unanswered: both are false, their negations true
    assert holds('"Education" in answer("5")') is False
    assert holds('"Education" not in answer("5")') is False
    assert holds('not ("Education" in answer("5"))') is True


def test_multiple_choice_answer_in_a_list_means_any_choice_is() -> None:
    chosen: dict[str, Value] = {"5": ("Education", "Family")}
    assert holds('answer("5") in ["Family", "Housing"]', chosen) is True
    assert holds('answer("5") in ["Housing"]', chosen) is False
    assert holds('answer("5") not in ["Housing"]', chosen) is True
    assert holds('answer("5") not in ["Education"]', chosen) is False


def test_answered_and_unanswered_evaluate() -> None:
    assert holds('answered("7a")', {"7a": "No"}) is True
    assert holds('answered("7a")') is False
    assert holds('unanswered("7a")') is True
    assert holds('unanswered("7a")', {"7a": "No"}) is False
    # an empty multiple-choice answer is an answer
    assert holds('answered("5")', {"5": ()}) is True


def test_boolean_operators_evaluate_with_precedence() -> None:
    assert holds("true") is True
    assert holds("false") is False
    # "or" binds looser than "and": true or (false and false)
    assert holds("true or false and false") is True
    assert holds("(true or false) and false") is False
    # "not" binds tighter than "and": (not false) and false
    assert holds("not false and false") is False
    assert holds("not (false and false)") is True
    assert holds("not true or true") is True
    assert holds("false or false or true") is True
    assert holds("true and true and false") is False


def test_a_realistic_rule() -> None:
    rule = 'answer("1") >= 16 and not ("Education" in answer("5"))'
    assert holds(rule, {"1": 16, "5": ("Family",)}) is True
    assert holds(rule, {"1": 16, "5": ("Education",)}) is False
    assert holds(rule, {"1": 15, "5": ("Family",)}) is False
    # 5 unanswered: the membership is false, so its negation holds
    assert holds(rule, {"1": 17}) is True
    assert holds(rule) is False


def test_conditions_are_values() -> None:
    assert parse_condition('answered("a")') == Condition('answered("a")', Answered("a"))
    assert hash(parse_condition('answered("a")')) == hash(parse_condition('answered("a")'))


# --- syntax errors ----------------------------------------------------------------


def test_syntax_error_is_a_value_error_and_an_inspectcore_error() -> None:
    error = syntax_error('answer("a") ==')
    assert isinstance(error, ValueError)
    assert isinstance(error, InspectcoreError)


def test_unknown_name() -> None:
    source = 'answer("a") == "Yes" and bogus'
    error = syntax_error(source)
    assert error.position == source.index("bogus")
    assert error.source == source
    assert error.expected == (
        "one of and, answer, answered, fact, false, in, not, or, today, true, unanswered, "
        "not 'bogus'"
    )
    assert str(error) == (
        f"in condition {source!r} at column 26: expected one of and, answer, answered, fact, "
        "false, in, not, or, today, true, unanswered, not 'bogus'"
    )


def test_names_are_case_sensitive() -> None:
    error = syntax_error('Answer("a") == "Yes"')
    assert error.position == 0
    assert error.expected.endswith("not 'Answer'")
    assert syntax_error('answer("a") == True').expected.endswith("not 'True'")
    assert syntax_error('answered("a") AND answered("b")').position == 14


def test_unclosed_parenthesis() -> None:
    source = '(answer("a") == "Yes"'
    error = syntax_error(source)
    assert error.position == len(source)
    assert error.expected == "')'"
    assert f"at column {len(source) + 1}: expected ')'" in str(error)


def test_unclosed_call() -> None:
    error = syntax_error('answer("a" == "Yes"')
    assert (error.position, error.expected) == (11, "')'")


def test_missing_operator() -> None:
    source = 'answer("a") "Yes"'
    error = syntax_error(source)
    assert error.position == 12
    assert error.expected == "a comparison (==, !=, <, <=, >, >=, in, not in)"
    assert "at column 13: expected a comparison" in str(error)


def test_bare_answer_without_comparison() -> None:
    source = 'answer("x")'
    error = syntax_error(source)
    assert error.position == len(source)
    assert error.expected == "a comparison (==, !=, <, <=, >, >=, in, not in)"
    assert "at column 12" in str(error)
    assert syntax_error('answer("x") and answered("y")').position == 12
    assert syntax_error('"Yes"').expected.startswith("a comparison")
    assert syntax_error("3").expected.startswith("a comparison")


def test_trailing_tokens() -> None:
    source = 'answer("a") == "Yes" "No"'
    error = syntax_error(source)
    assert error.position == 21
    assert error.expected == "'and', 'or' or the end"
    assert "at column 22: expected 'and', 'or' or the end" in str(error)
    assert syntax_error('answered("a") answered("b")').position == 14
    assert syntax_error('answered("a"))').position == 13


def test_missing_right_operand() -> None:
    source = 'answer("a") =='
    error = syntax_error(source)
    assert error.position == len(source)
    assert error.expected == 'answer("…"), fact("…"), today(), a quoted text, a number or a list'


def test_call_needs_a_quoted_id() -> None:
    error = syntax_error('answer(7) == "Yes"')
    assert (error.position, error.expected) == (7, 'a quoted id, e.g. "1.6.1"')
    error = syntax_error('answered "7a"')
    assert (error.position, error.expected) == (9, "'(' after the function name")


def test_bad_lists() -> None:
    missing_comma = syntax_error('answer("a") in ["x" "y"]')
    assert (missing_comma.position, missing_comma.expected) == (20, "',' or ']'")
    unclosed = syntax_error('answer("a") in ["x"')
    assert (unclosed.position, unclosed.expected) == (19, "',' or ']'")
    assert syntax_error('answer("a") in ["x",]').position == 20
    # lists hold literals only
    assert syntax_error('answer("a") in [answer("b")]').position == 16


def test_unclosed_string_and_stray_characters() -> None:
    error = syntax_error('answer("a") == "Yes')
    assert (error.position, error.expected) == (15, "a value, a name or an operator")
    assert syntax_error('answer("a") = "Yes"').position == 12
    assert syntax_error('answer("a") == 1.5').position == 16
    assert syntax_error('answered("a") && answered("b")').position == 14


def test_empty_condition() -> None:
    error = syntax_error("")
    assert error.position == 0
    assert "at column 1" in str(error)
    assert syntax_error("   ").position == 3


def test_not_alone() -> None:
    assert syntax_error("not").position == 3
    error = syntax_error('answer("a") not "b"')
    assert (error.position, error.expected) == (
        12,
        "a comparison (==, !=, <, <=, >, >=, in, not in)",
    )


# --- no eval ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "column"),
    [
        ('__import__("os")', 1),
        ('__import__("os").system("true")', 1),
        ('answer("a") == __import__("os")', 16),
        ('open("/etc/passwd")', 1),
        ('eval("1")', 1),
        ('answer("a").__class__ == "x"', 12),
        ("lambda: 1", 1),
        ('answer("a") == "Yes" or __builtins__', 25),
    ],
)
def test_python_is_not_accepted(source: str, column: int) -> None:
    error = syntax_error(source)
    assert f"at column {column}:" in str(error)


def test_python_in_a_string_is_only_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: object, **kwargs: object) -> object:
        raise AssertionError("the condition language must not run Python")

    for name in ("eval", "exec", "compile", "__import__"):
        monkeypatch.setattr(builtins, name, forbidden)
    source = "answer(\"a\") == \"__import__('os').system('echo hi')\""
    parsed = parse_condition(source)
    assert parsed.root == Compare(
        "==", Ref("answer", "a"), Const("__import__('os').system('echo hi')")
    )
    assert holds(source, {"a": "__import__('os').system('echo hi')"}) is True
    assert holds(source, {"a": "Yes"}) is False
