"""Figures for criteria, themes and modules, by the method an edition names."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from inspectcore import (
    CaseAssessment,
    DataFolder,
    Edition,
    EditionDataError,
    case_from_data,
    load_edition_folder,
    score,
)

EDITION = """
id = "groups"
title = "Group scoring fixture"
version = "1"
publisher = "tests"
published = "2026"
source = "tests"
licence = "CC0-1.0"
levels = ["view"]

[group_scoring]
method = "{method}"
basis = "stated: fixture"
{kinds}

[[kinds]]
id = "judgement"
domain = {{ type = "yes_no" }}
domain_basis = "stated: fixture"
scored = true
scored_basis = "stated: fixture"
sufficient = ["Yes"]
insufficient = ["No"]

[[sections]]
id = "V"
level = "view"
title = "View"

[[groups]]
id = "theme"
kind = "theme"
[[groups]]
id = "module"
kind = "module"
[[groups]]
id = "c1"
kind = "criterion"
part_of = ["theme"]
part_of_basis = "stated: fixture"
[[groups]]
id = "c2"
kind = "criterion"
part_of = ["theme"]
part_of_basis = "stated: fixture"
[[groups]]
id = "i1"
kind = "criterion"
part_of = ["module"]
part_of_basis = "stated: fixture"

[[questions]]
id = "q1"
kind = "judgement"
section = "V"
text = "One?"
links = {{ counts_towards = ["c1"] }}
[[questions]]
id = "q2"
kind = "judgement"
section = "V"
text = "Two?"
links = {{ counts_towards = ["c2"] }}
[[questions]]
id = "q3"
kind = "judgement"
section = "V"
text = "Three (module)?"
links = {{ counts_towards = ["i1"] }}
[[questions]]
id = "q4"
kind = "judgement"
section = "V"
text = "Four, not scored?"
scored = false
scored_basis = "stated: fixture"
links = {{ counts_towards = ["c1"] }}
"""

# q1: 3 of 4 cases sufficient; q2: 1 of 2; q3: 0 of 1; q4 (unscored): 0 of 4.
ANSWERS = [
    {"q1": "Yes", "q2": "Yes", "q3": "No", "q4": "No"},
    {"q1": "Yes", "q2": "No", "q4": "No"},
    {"q1": "Yes", "q4": "No"},
    {"q1": "No", "q4": "No"},
]


def _edition(tmp_path: Path, method: str = "pooled", kinds: str = "") -> Edition:
    (tmp_path / "edition.toml").write_text(
        EDITION.format(method=method, kinds=kinds), encoding="utf-8"
    )
    return load_edition_folder(DataFolder.at(tmp_path)).edition


def _cases() -> list[tuple[str, CaseAssessment]]:
    return [
        (
            f"c{n}.toml",
            case_from_data(
                {
                    "format": "inspectcore-case/1",
                    "edition": "groups",
                    "edition_version": "1",
                    "case": f"C{n}",
                    "answers": answers,
                }
            ),
        )
        for n, answers in enumerate(ANSWERS)
    ]


def _figures(edition: Edition) -> dict[str, tuple[int, int, Fraction | None]]:
    result = score(edition, _cases())
    return {g.id: (g.applicable, g.sufficient, g.percent) for g in result.groups}


def test_pooled_counts_every_judgement_once_through_part_of(tmp_path: Path) -> None:
    figures = _figures(_edition(tmp_path))
    assert figures["c1"] == (4, 3, Fraction(75))
    assert figures["c2"] == (2, 1, Fraction(50))
    # The theme pools its criteria's judgements: 4 of 6.
    assert figures["theme"] == (6, 4, Fraction(200, 3))
    # The module stands apart from the theme.
    assert figures["module"] == (1, 0, Fraction(0))
    assert figures["i1"] == (1, 0, Fraction(0))


def test_unscored_questions_count_towards_no_group(tmp_path: Path) -> None:
    result = score(_edition(tmp_path), _cases())
    assert all("q4" not in g.questions for g in result.groups)


def test_mean_of_questions_weighs_each_question_once(tmp_path: Path) -> None:
    figures = _figures(_edition(tmp_path, "mean-of-questions"))
    # (75 + 50) / 2, whatever the number of cases behind each.
    assert figures["theme"][2] == Fraction(125, 2)


def test_kinds_limit_the_groups_given_figures(tmp_path: Path) -> None:
    figures = _figures(_edition(tmp_path, kinds='kinds = ["theme"]'))
    assert set(figures) == {"theme"}


def test_a_group_no_judgement_applied_to_has_no_percentage(tmp_path: Path) -> None:
    edition = _edition(tmp_path)
    result = score(edition, _cases()[2:])  # no case answers q3
    module = next(g for g in result.groups if g.id == "module")
    assert (module.applicable, module.percent) == (0, None)


def test_unknown_method_is_a_data_error_naming_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(EditionDataError, match=r"'median'.*mean-of-questions, pooled"):
        _edition(tmp_path, "median")


def test_unknown_kind_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(EditionDataError, match="'themes' is not the kind of any group"):
        _edition(tmp_path, kinds='kinds = ["themes"]')


def test_no_group_scoring_means_no_group_figures(tmp_path: Path) -> None:
    text = EDITION.format(method="pooled", kinds="")
    start = text.index("[group_scoring]")
    text = text[:start] + text[text.index("[[kinds]]") :]
    (tmp_path / "edition.toml").write_text(text, encoding="utf-8")
    edition = load_edition_folder(DataFolder.at(tmp_path)).edition
    assert score(edition, _cases()).groups == ()
