"""3a (the YOT inspected) and 3b (the country) are inspection facts, given once per inspection.

Case files written while they were asked per case carry them as answers; those files stay
readable: such an answer is the case's fact, and one that disagrees is reported.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from click.testing import CliRunner

from inspectcore import (
    AssessmentSession,
    Edition,
    ProblemCode,
    Registry,
    Router,
    case_from_data,
    timeliness,
    validate,
)
from inspectcore.cli import cli

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "inspection" / "cag2016"


@pytest.fixture(scope="module")
def cag2016() -> Edition:
    return Registry.discover().load_edition("cag2016")


def _older(country: str = "England", context: dict[str, Any] | None = None) -> dict[str, Any]:
    """An example case as written when 3a and 3b were questions: answers, not context."""
    data = tomllib.loads((EXAMPLE / "case-001.toml").read_text(encoding="utf-8"))
    data["context"] = {"programme": "FJI", **(context or {})}
    data["answers"] = {"3a": "Example England YOT (synthetic)", "3b": country, **data["answers"]}
    return data


def test_3a_and_3b_are_asked_once_per_inspection_not_per_case(cag2016: Edition) -> None:
    assert [f.id for f in cag2016.facts] == ["programme", "3a", "3b"]
    assert cag2016.find_question("3a") is None
    assert cag2016.find_question("3b") is None
    session = AssessmentSession(cag2016, case_from_data(_older(context={"3a": "X", "3b": "Wales"})))
    step = session.next_step()
    assert step is None or not step.is_fact  # no fact left to ask


def test_an_older_case_file_s_answers_are_its_facts(cag2016: Edition) -> None:
    case = case_from_data(_older("Wales"))
    assert validate(cag2016, case) == ()
    assert Router(cag2016, case).fact("3b") == "Wales"
    # Appendix A counts working days with the bank holidays of the country 3b gives
    (assessment, *_) = timeliness(cag2016, case)
    assert "GB-WLS" in str(assessment.rule.calendars)
    assert assessment.status != "not computed"
    # assess takes them as facts too, and does not ask them again
    session = AssessmentSession(cag2016, case)
    assert session.case.fact("3b") == "Wales"
    assert session.case.answer("3b") is None
    step = session.next_step()
    assert step is None or not step.is_fact


def test_an_answer_that_agrees_with_the_context_is_the_same_fact(cag2016: Edition) -> None:
    case = case_from_data(_older("England", context={"3a": "Example England YOT (synthetic)",
                                                     "3b": "England"}))  # fmt: skip
    assert validate(cag2016, case) == ()


def test_an_answer_that_disagrees_with_the_context_is_reported(cag2016: Edition) -> None:
    case = case_from_data(_older("England", context={"3a": "Example England YOT (synthetic)",
                                                     "3b": "Wales"}))  # fmt: skip
    problems = [(p.code, p.location, p.message) for p in validate(cag2016, case)]
    assert problems == [
        (
            ProblemCode.INVALID_FACT,
            "answers.3b",
            "answers.3b: 'England' here, but context.3b gives 'Wales' "
            "(the edition asks 3b once per inspection)",
        )
    ]


def _folder(tmp_path: Path, inspection_country: str, case_country: str) -> Path:
    (tmp_path / "inspection.toml").write_text(
        'format = "inspectcore-inspection/1"\nservice = "Example England YOT (synthetic)"\n'
        f'edition = "cag2016"\n\n[context]\nprogramme = "FJI"\n3b = "{inspection_country}"\n',
        encoding="utf-8",
    )
    (tmp_path / "case-001.toml").write_text(tomli_w.dumps(_older(case_country)), encoding="utf-8")
    return tmp_path


def test_validate_reads_an_older_case_beside_an_inspection_file_that_agrees(
    tmp_path: Path,
) -> None:
    result = CliRunner().invoke(cli, ["validate", str(_folder(tmp_path, "England", "England"))])
    assert result.exit_code == 0, result.output


def test_validate_reports_an_older_case_that_disagrees_with_its_inspection_file(
    tmp_path: Path,
) -> None:
    result = CliRunner().invoke(cli, ["validate", str(_folder(tmp_path, "Wales", "England"))])
    assert result.exit_code == 1
    assert "case-001.toml" in result.output
    assert "answers.3b: 'England' here, but inspection.toml gives 'Wales'" in result.output
    assert "Traceback" not in result.output
