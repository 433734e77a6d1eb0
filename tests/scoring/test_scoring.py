"""Scoring an inspection and rating by an edition's rules, with band edges made explicit."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

import inspectcore
from inspectcore import (
    Answer,
    Band,
    Edition,
    Figure,
    RatingRules,
    Registry,
    percent_text,
    rate,
    rate_percentages,
    read_case,
    score,
    unrated_warnings,
)
from inspectcore.cli import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "example"
RULES = RatingRules(
    "standard",
    "key_question",
    tuple(
        Band(name, Fraction(low))
        for name, low in (
            ("Inadequate", 0),
            ("Requires improvement", 50),
            ("Good", 65),
            ("Outstanding", 80),
        )
    ),
)


@pytest.mark.parametrize(
    ("percent", "band"),
    [
        (Fraction(0), "Inadequate"),
        (Fraction(4999, 100), "Inadequate"),
        (Fraction(50), "Requires improvement"),
        (Fraction(6499, 100), "Requires improvement"),
        (Fraction(65), "Good"),
        (Fraction(7999, 100), "Good"),
        (Fraction(80), "Outstanding"),
        (Fraction(100), "Outstanding"),
        (Fraction(200, 3), "Good"),  # 66.666…: exact, never rounded before banding
    ],
)
def test_band_edges(percent: Fraction, band: str) -> None:
    assert RULES.band(percent).name == band


def test_standard_takes_its_lowest_key_question() -> None:
    figures = {
        "A 1": Figure("A 1", 10, 9),  # 90%: Outstanding
        "A 2": Figure("A 2", 20, 13),  # 65%: Good
        "A 3": Figure("A 3", 3, 2),  # 66.7%: Good, but higher than A 2
    }
    (rating,) = rate(RULES, {"2.1": ["A 1", "A 2", "A 3"]}, figures)
    assert (rating.band, rating.driven_by, rating.percent) == ("Good", "A 2", Fraction(65))


def test_key_question_that_applies_to_no_case_leaves_its_standard_unrated() -> None:
    # Rated from A 2 alone, 2.1 would read Inadequate; but A 1 might have been lower
    # still or higher, so a standard missing a key question is not rated at all.
    figures = {"A 1": Figure("A 1", 0, 0), "A 2": Figure("A 2", 4, 1)}
    (rating,) = rate(RULES, {"2.1": ["A 1", "A 2"]}, figures)
    assert (rating.band, rating.driven_by, rating.percent) == (None, None, None)
    assert rating.missing == (("A 1", "applies to no case"),)
    assert rating.why_unrated("key_question") == "key question A 1 applies to no case"
    (unrated,) = rate(RULES, {"2.2": ["A 1"]}, figures)
    assert (unrated.band, unrated.driven_by, unrated.percent) == (None, None, None)


def test_key_question_without_a_figure_leaves_its_standard_unrated() -> None:
    figures = {"A 1": Figure("A 1", 10, 9)}
    (rating,) = rate(RULES, {"2.1": ["A 1", "A 2"]}, figures, absent="was not given")
    assert rating.band is None
    assert rating.missing == (("A 2", "was not given"),)
    assert rating.figures == (figures["A 1"],)
    assert unrated_warnings(RULES, (rating,)) == (
        "standard 2.1 not rated: key question A 2 was not given",
    )
    (rated,) = rate(RULES, {"2.1": ["A 1"]}, figures)
    assert (rated.band, rated.missing, unrated_warnings(RULES, (rated,))) == ("Outstanding", (), ())


@pytest.fixture(scope="module")
def example() -> Edition:
    return Registry.discover(strict=True).load_edition("example")


def test_score_of_the_example_inspection_matches_an_independent_count(example: Edition) -> None:
    cases = [(p.name, read_case(p)) for p in sorted(EXAMPLES.iterdir())]
    result = score(example, cases)
    # Independently: B 1 S is Yes in case-01 and case-03, No in case-02.
    summaries = [{a.question: a.value for a in c.answers}.get("B 1 S") for _, c in cases]
    assert summaries.count("Yes") == 2
    (key,) = result.key_questions
    assert (key.id, key.applicable, key.sufficient) == ("B1", 3, 2)
    (rating,) = result.ratings
    assert (rating.section, rating.band, rating.driven_by) == ("B", "Good", "B1")
    by_id = {f.id: f for f in result.questions}
    # B 1.3 is N/A in case-03 and does not apply to case-01: only case-02 counts.
    assert (by_id["B 1.3"].applicable, by_id["B 1.3"].sufficient) == (1, 1)
    # C 2 applies to children of 16 or over without an Education factor: case-02 and case-03.
    assert (by_id["C 2"].applicable, by_id["C 2"].sufficient) == (2, 1)
    assert "B 1.2" not in by_id  # explanations are not scored


def test_rate_percentages_accepts_ids_without_spaces(example: Edition) -> None:
    (rating,) = rate_percentages(example, {"B1": Fraction(80)})
    assert (rating.band, rating.driven_by) == ("Outstanding", "B1")
    with pytest.raises(ValueError, match="not a topic of example"):
        rate_percentages(example, {"Z9": Fraction(1)})
    with pytest.raises(ValueError, match="not a percentage"):
        rate_percentages(example, {"B1": Fraction(101)})


def test_percentages_are_shown_rounded_to_the_nearest() -> None:
    assert percent_text(Fraction(7999, 100)) == "80.0%"
    assert percent_text(Fraction(200, 3)) == "66.7%"
    assert percent_text(Fraction(1, 20)) == "0.1%"  # a half rounds up
    assert percent_text(Fraction(1049, 1000)) == "1.0%"
    assert percent_text(None) == "-"


def test_a_rounded_figure_across_a_band_edge_names_the_band_it_would_read() -> None:
    rules = inspectcore.Registry.discover().load_edition("example").rating
    assert rules is not None
    edge = rules.bands[-1].min
    just_below = edge - Fraction(1, 100)  # shown as the edge itself, one decimal place
    assert inspectcore.rounded_band(rules, just_below) == rules.bands[-1].name
    assert inspectcore.rounded_band(rules, edge - Fraction(1, 10)) is None
    assert inspectcore.rounded_band(rules, edge) is None
    assert inspectcore.rounded_band(rules, None) is None
    assert inspectcore.rounded_band(None, just_below) is None


def test_score_command_formats() -> None:
    runner = CliRunner()
    text = runner.invoke(cli, ["score", str(EXAMPLES), "--edition", "example"])
    assert text.exit_code == 0, text.output
    assert "B        Good" in text.output
    as_json = runner.invoke(
        cli, ["score", str(EXAMPLES), "--edition", "example", "--format", "json"]
    )
    assert '"driven_by": "B1"' in as_json.output
    as_csv = runner.invoke(cli, ["score", str(EXAMPLES), "--edition", "example", "--format", "csv"])
    assert (
        as_csv.output.splitlines()[0]
        == "level,id,applicable,sufficient,percent,rating,driven_by,reason"
    )
    assert "topic,B1,3,2,66.6667,,," in as_csv.output  # the edition's banded level


def test_score_refuses_invalid_cases(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'format = "inspectcore-case/1"\nedition = "example"\n[answers]\n"B 1.1" = "Maybe"\n'
    )
    result = CliRunner().invoke(cli, ["score", str(bad), "--edition", "example"])
    assert result.exit_code == 1
    assert "bad.toml:B 1.1: 'Maybe' is not one of 'Yes', 'No'" in result.output
    assert "Traceback" not in result.output


def test_rate_command_json_and_errors() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["rate", "example", "B1=64.99", "--json"])
    assert result.exit_code == 0
    assert '"rating": "Requires improvement"' in result.output
    bad = runner.invoke(cli, ["rate", "example", "B1"])
    assert bad.exit_code == 2
    assert "expected KEY=PERCENT" in bad.output


def test_per_option_answers_count_once_per_option(example: Edition) -> None:
    cases = [(p.name, read_case(p)) for p in sorted(EXAMPLES.iterdir())]
    by_id = {f.id: f for f in score(example, cases).questions}
    # B 1.4 per factor: case-01 Education Yes, Family No; case-02 Yes; case-03 Yes.
    assert (by_id["B 1.4"].applicable, by_id["B 1.4"].sufficient) == (4, 3)


def test_excluded_cases_are_listed_and_left_out_of_every_figure(example: Edition) -> None:
    cases = [(p.name, read_case(p)) for p in sorted(EXAMPLES.iterdir())]
    name, kept = cases[1]  # case-02: host service, detention and training order
    moved = kept.with_answer(Answer("2", "Referral order"))
    result = score(example, [cases[0], (name, moved), cases[2]])
    assert [(e.case, e.exclusion) for e in result.excluded] == [("EX-02", "host-referral")]
    assert result.cases == ("EX-01", "EX-03")
    (key,) = result.key_questions
    assert (key.applicable, key.sufficient) == (2, 2)


def test_exclusions_are_shown_by_the_score_command(tmp_path: Path) -> None:
    for path in sorted(EXAMPLES.iterdir()):
        (tmp_path / path.name).write_text(path.read_text())
    case_02 = tmp_path / "case-02.toml"
    text = case_02.read_text().replace(
        '"2" = "Detention and training order"', '"2" = "Referral order"'
    )
    case_02.write_text(text.replace('"B 1.3" = "Yes"\n', ""))
    result = CliRunner().invoke(cli, ["score", str(tmp_path), "--edition", "example"])
    assert result.exit_code == 0, result.output
    assert "Excluded from the sample: 1 case(s)" in result.output
    assert "EX-02: a host service's referral order" in result.output
