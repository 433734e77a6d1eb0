"""Loading and linting plausibility checks (``[[checks]]``): bad checks named by file and place."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectcore import Basis, Check, DataFolder, EditionDataError, load_edition_folder

EDITION = """\
id = "ed"
title = "Test edition"
version = "1.0"
publisher = "Tests"
published = "2024-06"
source = "Written for the tests"
licence = "CC0-1.0"
levels = ["area"]

[[sections]]
id = "A"
level = "area"
title = "Details"

[[questions]]
id = "sentence"
kind = "information"
section = "A"
text = "Date of sentence"
domain = { type = "date" }

[[questions]]
id = "plan"
kind = "information"
section = "A"
text = "Date of plan"
domain = { type = "date" }

[[questions]]
id = "age"
kind = "information"
section = "A"
text = "Age"
domain = { type = "integer" }
"""

GOOD = """\
[[checks]]
id = "plan-after-sentence"
expect = 'answer("plan") >= answer("sentence")'
message = "the plan is dated before the sentence"
basis = "stated: p. 2: 'plans follow the sentence'"
"""


def load(tmp_path: Path, checks: str) -> list[Check]:
    folder = tmp_path / "ed"
    (folder / "questions").mkdir(parents=True)
    (folder / "edition.toml").write_text(EDITION, encoding="utf-8")
    (folder / "questions" / "01-checks.toml").write_text(checks, encoding="utf-8")
    return list(load_edition_folder(DataFolder.at(folder)).edition.checks)


def problems(tmp_path: Path, checks: str) -> tuple[str, ...]:
    with pytest.raises(EditionDataError) as caught:
        load(tmp_path, checks)
    prefix = str(tmp_path / "ed" / "questions" / "01-checks.toml") + ": "
    assert all(p.startswith(prefix) for p in caught.value.problems), caught.value.problems
    return tuple(p.removeprefix(prefix) for p in caught.value.problems)


def test_a_check_loads_with_its_condition_severity_and_provenance(tmp_path: Path) -> None:
    (check,) = load(tmp_path, GOOD)
    assert check.id == "plan-after-sentence"
    assert str(check.rule.condition) == 'answer("plan") >= answer("sentence")'
    assert check.severity == "error"  # the default
    assert check.message == "the plan is dated before the sentence"
    assert check.rule.provenance.basis is Basis.STATED


def test_today_is_allowed_in_a_check(tmp_path: Path) -> None:
    (check,) = load(tmp_path, GOOD.replace('answer("sentence")', "today()"))
    assert check.rule.condition.uses_today()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('message = "the plan', 'severity = "fatal"\nmessage = "the plan'),
            "checks[0]: severity: 'fatal' is not one of 'error', 'warning'",
        ),
        (
            ('message = "the plan is dated before the sentence"', 'message = " "'),
            "checks[0]: message: a check needs a message saying what is wrong",
        ),
        (
            ("""'answer("plan") >= answer("sentence")'""", "''"),
            "checks[0]: expect: a check needs a condition",
        ),
    ],
)
def test_bad_fields_are_named(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    assert problems(tmp_path, GOOD.replace(*change)) == (expected,)


def test_a_syntax_error_names_the_key(tmp_path: Path) -> None:
    (problem,) = problems(tmp_path, GOOD.replace(">= answer", ">= answr"))
    assert problem.startswith("checks[0]: expect: in condition ")


def test_a_missing_key_is_named(tmp_path: Path) -> None:
    (problem,) = problems(
        tmp_path, GOOD.replace('message = "the plan is dated before the sentence"\n', "")
    )
    assert problem == "checks[0] (id 'plan-after-sentence').message: required field missing"


@pytest.mark.parametrize(
    ("expect", "message"),
    [
        (
            'answer("plan") >= answer("sentense")',
            'expect: answer("sentense") names an unknown question',
        ),
        (
            'answer("plan") >= answer("age")',
            'expect: answer("plan") and answer("age") are not both numbers or both dates: '
            "they cannot be compared",
        ),
        (
            'answer("age") <= today()',
            'expect: today() is a date, but answer("age") is whole number',
        ),
        ("today() == 3", "expect: today() is a date, which cannot be compared with 3"),
    ],
)
def test_lint_names_the_check(tmp_path: Path, expect: str, message: str) -> None:
    source = GOOD.replace("""'answer("plan") >= answer("sentence")'""", f"'{expect}'")
    (problem,) = problems(tmp_path, source)
    assert problem == f"checks[0] (check plan-after-sentence): error: {message}"


def test_a_check_without_provenance_is_an_error(tmp_path: Path) -> None:
    source = GOOD.replace("basis = \"stated: p. 2: 'plans follow the sentence'\"\n", "")
    assert problems(tmp_path, source) == (
        "checks[0] (check plan-after-sentence): error: expect: no provenance: add basis = "
        "'stated: …', 'inferred: …' or 'derived: …'",
    )


def test_today_is_only_for_checks(tmp_path: Path) -> None:
    source = (
        '[[questions]]\nid = "later"\nkind = "information"\nsection = "A"\ntext = "Later?"\n'
        'domain = { type = "yes_no" }\ndomain_basis = "stated: p. 3"\n'
        'applies = \'answer("sentence") <= today()\'\napplies_basis = "stated: p. 3"\n'
    )
    (problem,) = problems(tmp_path, source)
    assert problem == "questions[0] (question later): error: applies: today() is only for checks"


def test_two_checks_with_one_id_are_refused(tmp_path: Path) -> None:
    (problem,) = problems(tmp_path, GOOD + "\n" + GOOD)
    assert problem.startswith("checks[1]")
    assert "plan-after-sentence" in problem
