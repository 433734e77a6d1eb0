"""The bundled Welsh inspection (examples/inspection/cag2016-wales) scores with the extension,
and 9e, answered in its cases, moves no figure."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import attrs
from click.testing import CliRunner

from inspectcore import CaseAssessment, Registry, read_case, score
from inspectcore.cli import cli

FOLDER = Path(__file__).resolve().parents[3] / "examples" / "inspection" / "cag2016-wales"


def _cases() -> list[tuple[str, CaseAssessment]]:
    return [(path.name, read_case(path)) for path in sorted(FOLDER.glob("*.toml"))]


def test_the_welsh_inspection_answers_9e_in_some_cases() -> None:
    raw = [tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(FOLDER.glob("*.toml"))]
    assert len(raw) >= 5
    # An answer is a value, or a table with the value under "value" (and a time stamp).
    assert all(case["context"]["3b"] == "Wales" for case in raw)  # an inspection fact
    assert any("9e" in case["answers"] for case in raw)
    assert any("9e" not in case["answers"] for case in raw)


def test_scores_through_the_cli_with_the_extension_and_no_9e_figure() -> None:
    result = CliRunner().invoke(
        cli, ["score", str(FOLDER), "--edition", "cag2016", "--with", "wales", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["cases"] == len(list(FOLDER.glob("*.toml")))
    assert "9e" not in {q["id"] for q in figures["questions"]}
    assert {g["id"] for g in figures["groups"] if g["kind"] == "theme"} == {
        "reoffending",
        "harm",
        "safeguarding",
        "sentence",
    }


def test_9e_moves_no_figure() -> None:
    edition = Registry.discover().load_edition("cag2016", ["wales"])
    cases = _cases()
    without_9e = [
        (name, attrs.evolve(case, answers=tuple(a for a in case.answers if a.question != "9e")))
        for name, case in cases
    ]
    assert len(without_9e) == len(cases)
    assert score(edition, cases) == score(edition, without_9e)
