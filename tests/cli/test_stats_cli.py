"""The commands about the sample and the whole inspection, and intervals in score JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from inspectcore.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "inspection" / "example"
CARAG = ROOT / "examples" / "inspection" / "carag2024"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_sample_size_json() -> None:
    code, out = run("sample-size", "200", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["population"], data["sample"], data["confidence"]) == (200, 91, 0.8)
    code, out = run("sample-size", "200", "--confidence", "0.95", "--json")
    assert json.loads(out)["sample"] == 132  # 384.1 corrected for 200, rounded up
    code, out = run("sample-size", "5", "--framework", "example-programme")
    assert code == 0
    assert out.startswith("5 of 5 cases")


@pytest.mark.parametrize("args", [["-1"], ["200", "--confidence", "1.5"]])
def test_sample_size_refuses_bad_numbers(args: list[str]) -> None:
    code, out = run("sample-size", *args)
    assert code == 2
    assert "Traceback" not in out


def test_an_unknown_framework_is_a_usage_error() -> None:
    code, out = run("sample-size", "10", "--framework", "nope")
    assert code == 2
    assert "no framework 'nope' is installed" in out


def test_rate_inspection_from_cases_json() -> None:
    code, out = run(
        "rate-inspection", "example-programme", "O=Outstanding", "--cases", str(EXAMPLE), "--json"
    )
    assert code == 0, out
    data = json.loads(out)
    assert {"score", "max", "overall", "standards", "trace"} <= set(data)
    assert data["max"] == 6  # C has no applicable case and R is not given
    assert [s["id"] for s in data["standards"] if s["rating"] is None] == ["C", "R"]


def test_rate_inspection_with_an_overrides_file(tmp_path: Path) -> None:
    panel = tmp_path / "panel.toml"
    panel.write_text(
        '[[overrides]]\nstandard = "O"\nrating = "Good"\nby = "Panel"\n'
        'on = 2026-03-02\nwhy = "a second look"\n',
        encoding="utf-8",
    )
    code, out = run(
        "rate-inspection", "example-programme", "O=Outstanding", "--overrides", str(panel)
    )
    assert code == 0, out
    assert "O: Outstanding (given); overridden to Good by Panel on 2026-03-02" in out
    panel.write_text('[[overrides]]\nstandard = "O"\n', encoding="utf-8")
    code, out = run("rate-inspection", "example-programme", "--overrides", str(panel))
    assert code == 2
    assert "overrides[1]: expected exactly the keys" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["1.1"], "expected STANDARD=RATING"),
        (["1.1=Great"], "not a rating"),
        (["9.9=Good"], "no standard '9.9'"),
    ],
)
def test_rate_inspection_refuses_bad_ratings(args: list[str], message: str) -> None:
    code, out = run("rate-inspection", "hmip-youth-2021", *args)
    assert code == 2
    assert message in out
    assert "Traceback" not in out


def test_rate_inspection_refuses_cases_of_another_edition() -> None:
    code, out = run(
        "rate-inspection", "hmip-youth-2021", "--cases", str(EXAMPLE), "--edition", "example"
    )
    assert code == 2
    assert "rates cases of carag2024" in out


def test_score_json_gives_every_key_question_an_interval_and_keeps_its_keys() -> None:
    code, out = run("score", str(CARAG), "--edition", "carag2024", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["confidence"] == 0.8  # the hmip-youth-2021 framework rates carag2024
    for figure in data["banded"]:
        assert {"id", "percent", "applicable", "sufficient", "interval"} <= set(figure)
        interval = figure["interval"]
        assert interval["low"] <= figure["percent"] <= interval["high"]
        assert interval["unsettled"] == (len(interval["bands"]) > 1)
    assert any(f["interval"]["unsettled"] for f in data["banded"])
    for rated in data["rated"]:
        assert all("interval" in f for f in rated["banded"])
    code, out = run(
        "score", str(CARAG), "--edition", "carag2024", "--format", "json", "--confidence", "0.95"
    )
    assert json.loads(out)["confidence"] == 0.95
