"""The bundled carag2024 example inspection: valid, varied, and scored as counted by hand."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from inspectcore.cli import cli

FOLDER = Path(__file__).resolve().parents[3] / "examples" / "inspection" / "carag2024"
STANDARDS = {"2.1": "A", "2.2": "P", "2.3": "D", "2.4": "R"}


def _cases() -> list[dict[str, Any]]:
    return [tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(FOLDER.glob("*.toml"))]


def _value(case: dict[str, Any], question: str) -> Any:
    entry = case["answers"].get(question)
    return entry["value"] if isinstance(entry, dict) else entry


def _band(percent: float) -> str:
    # HMIP's bands, written out independently of the edition's data.
    if percent >= 80:
        return "Outstanding"
    if percent >= 65:
        return "Good"
    if percent >= 50:
        return "Requires improvement"
    return "Inadequate"


def test_the_inspection_is_large_and_varied() -> None:
    cases = _cases()
    assert len([c for c in cases if not _excluded(c)]) >= 30
    notes = " ".join(c["answers"]["I 1.1"]["note"] for c in cases)
    for sentence in ("Referral order", "Detention and training order", "Youth rehabilitation"):
        assert sentence in notes
    assert {_value(c, "I 1.1") for c in cases} == {"Yes", "No"}  # care experienced and not
    for classification in ("A 2.5", "A 3.4"):
        assert {_value(c, classification) for c in cases} == {"Low", "Medium", "High", "Very high"}
    assert any(_value(c, "A 1 S") == "No" for c in cases)  # insufficient work is there too
    assert any("I 1.10" not in c["answers"] for c in cases)  # and questions left unanswered


def test_it_validates_clean() -> None:
    result = CliRunner().invoke(cli, ["validate", str(FOLDER)])
    assert result.exit_code == 0, result.output


def _excluded(case: dict[str, Any]) -> bool:
    # I 1.1's rule: care experienced, not the home YJS, not responsible for assessment.
    return bool(
        _value(case, "I 1.1") == "Yes"
        and _value(case, "I 1.1/1") == "Host"
        and _value(case, "I 1.1/2") == "No"
    )


def test_scores_match_an_independent_count() -> None:
    everything = _cases()
    cases = [c for c in everything if not _excluded(c)]
    assert len(everything) - len(cases) == 1
    result = CliRunner().invoke(
        cli, ["score", str(FOLDER), "--edition", "carag2024", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    scored = json.loads(result.output)
    assert scored["cases"] == len(cases)
    assert [e["case"] for e in scored["excluded"]] == [
        c["case"] for c in everything if _excluded(c)
    ]
    expected: dict[str, tuple[int, int]] = {}
    for letter in "APDR":
        for number in (1, 2, 3):
            answers = [_value(c, f"{letter} {number} S") for c in cases]
            expected[f"{letter} {number}"] = (len(answers), answers.count("Yes"))
    got = {k["id"]: (k["applicable"], k["sufficient"]) for k in scored["banded"]}
    assert got == expected
    for standard in scored["rated"]:
        letter = STANDARDS[standard["id"]]
        percents = {kq: 100 * ok / n for kq, (n, ok) in expected.items() if kq[0] == letter}
        lowest = min(percents, key=lambda kq: percents[kq])
        assert standard["rating"] == _band(percents[lowest])
        assert standard["driven_by"] == lowest
        assert standard["percent"] == pytest.approx(percents[lowest], abs=1e-4)
