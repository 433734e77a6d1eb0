"""The score formats in the library: data (JSON) in the engine's words, CSV and text."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

import inspectcore
from inspectcore import (
    Edition,
    InspectionScore,
    Registry,
    rate_percentages,
    ratings_to_data,
    read_inspection,
    score_to_csv,
    score_to_data,
    score_to_text,
)
from inspectcore.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "inspection" / "example"
CAG2016 = ROOT / "examples" / "inspection" / "cag2016"


def _scored(edition: Edition, folder: Path) -> InspectionScore:
    read = read_inspection([folder], edition)
    assert read.ok, read.problems
    return inspectcore.score(edition, read.cases)


def test_score_data_speaks_of_rated_and_banded_levels(example: Edition) -> None:
    result = _scored(example, EXAMPLES)
    data = score_to_data(example, result)
    assert list(data) == [
        "edition",
        "version",
        "cases",
        "rated_level",
        "banded_level",
        "rated",
        "banded",
        "questions",
        "groups",
        "excluded",
        "left_out",
    ]
    assert data["left_out"] == {"count": 0, "cases": []}
    # The example edition rates areas from topics: its own names, given as values.
    assert (data["rated_level"], data["banded_level"]) == ("area", "topic")
    assert data["cases"] == len(result.cases)
    (rated,) = data["rated"]
    (rating,) = result.ratings
    assert (rated["id"], rated["rating"], rated["driven_by"]) == (
        rating.section,
        rating.band,
        rating.driven_by,
    )
    assert rated["banded"] == data["banded"]
    assert [(f["id"], f["applicable"], f["sufficient"]) for f in data["banded"]] == [
        (f.id, f.applicable, f.sufficient) for f in result.key_questions
    ]
    assert data["banded"][0]["percent"] == round(float(result.key_questions[0].percent or 0), 4)


def test_the_score_command_prints_the_library_data(example: Edition) -> None:
    result = CliRunner().invoke(
        cli, ["score", str(EXAMPLES), "--edition", "example", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    # With the confidence of the framework that rates the edition: intervals are added.
    confidence = Registry.discover().framework("example-programme").sample.confidence
    expected = score_to_data(example, _scored(example, EXAMPLES), confidence)
    assert json.loads(result.output) == expected
    assert {k: v for k, v in expected.items() if k != "confidence"}.keys() == score_to_data(
        example, _scored(example, EXAMPLES)
    ).keys()
    as_csv = CliRunner().invoke(
        cli, ["score", str(EXAMPLES), "--edition", "example", "--format", "csv"]
    )
    assert as_csv.output == score_to_csv(example, _scored(example, EXAMPLES))


def test_an_edition_without_rating_rules_has_no_levels(inspectcore_registry: Registry) -> None:
    cag2016 = inspectcore_registry.load_edition("cag2016")
    assert cag2016.rating is None
    data = score_to_data(cag2016, _scored(cag2016, CAG2016))
    assert (data["rated_level"], data["banded_level"], data["rated"], data["banded"]) == (
        None,
        None,
        [],
        [],
    )
    assert data["questions"]
    assert "Ratings" not in score_to_text(cag2016, _scored(cag2016, CAG2016))


def test_csv_rows_name_the_editions_levels(example: Edition) -> None:
    rows = list(csv.reader(io.StringIO(score_to_csv(example, _scored(example, EXAMPLES)))))
    assert rows[0] == [
        "level",
        "id",
        "applicable",
        "sufficient",
        "percent",
        "rating",
        "driven_by",
        "reason",
    ]
    levels = [row[0] for row in rows[1:]]
    assert levels.count("area") == 1
    assert levels.count("topic") == 1
    assert "question" in levels
    assert "standard" not in levels


def test_score_text_shows_percentages_rounded_down(example: Edition) -> None:
    text = score_to_text(example, _scored(example, EXAMPLES))
    assert text.splitlines()[0] == "example 1.0: 3 case(s) scored"
    assert "  B1          2 of 3      66.7%" in text  # 66.67 exactly shown as 66.7


@pytest.mark.parametrize("edition_id", ["example", "carag2024"])
def test_ratings_data_for_percentages_given(
    inspectcore_registry: Registry, edition_id: str
) -> None:
    edition = inspectcore_registry.load_edition(edition_id)
    rules = edition.rating
    assert rules is not None
    first = next(s for s in edition.sections if s.level == rules.banded_level)
    # Every key question of its standard is given: one missing would leave it unrated.
    banded = [
        s.id for s in edition.sections if s.level == rules.banded_level and s.parent == first.parent
    ]
    ratings = rate_percentages(edition, dict.fromkeys(banded, Fraction(70)))
    data = ratings_to_data(edition, ratings)
    assert (data["rated_level"], data["banded_level"]) == (rules.rated_level, rules.banded_level)
    (rated,) = data["rated"]
    assert rated["banded"] == [{"id": kid, "percent": 70.0} for kid in banded]
    assert rated["driven_by"] == first.id
    assert rated["missing"] == []


def test_score_text_marks_small_counts_and_names_groups() -> None:
    registry = inspectcore.Registry.discover()
    cag = registry.load_edition("cag2016")
    folder = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "cag2016"
    inspection = inspectcore.read_inspection([folder], cag)
    text = inspectcore.score_to_text(cag, inspectcore.score(cag, inspection.cases))
    assert "  harm            214 of 301    71.1%  Risk of harm to others" in text
    assert "  1.3.2             5 of 7      71.4%" in text  # no title: the code alone
    small = [line for line in text.splitlines() if " of 3 " in line or " of 4 " in line]
    assert small
    assert all(line.endswith("†") for line in small)
    assert "†: fewer than 5 cases" in text
