"""`inspectcore agreement FIRST_DIR SECOND_DIR`: second reading from case files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from inspectcore import Registry, agreement, agreement_to_data, read_case
from inspectcore.cli import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "example"
NARRATIVE = "The assessment relied on a report from a previous service that was out of date."


@pytest.fixture
def second(tmp_path: Path) -> Path:
    """The example inspection read again: EX-01's B 1.3 judged otherwise, B 9 reworded."""
    folder = tmp_path / "second"
    shutil.copytree(EXAMPLE, folder)
    one = folder / "case-01.toml"
    text = one.read_text(encoding="utf-8")
    assert '"C 1" = "Yes"' in text
    one.write_text(text.replace('"C 1" = "Yes"', '"C 1" = "No"'), encoding="utf-8")
    two = folder / "case-02.toml"
    text = two.read_text(encoding="utf-8")
    assert NARRATIVE in text
    two.write_text(text.replace(NARRATIVE, "A different account."), encoding="utf-8")
    return folder


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def test_json_is_the_library_s_agreement_of_the_same_cases(
    second: Path, inspectcore_registry: Registry
) -> None:
    code, out, _ = run("agreement", EXAMPLE, second, "--edition", "example", "--json")
    assert code == 0
    edition = inspectcore_registry.load_edition("example")
    first_cases = [read_case(p) for p in sorted(EXAMPLE.glob("case-*"))]
    second_cases = [read_case(p) for p in sorted(second.glob("case-*"))]
    expected = agreement_to_data(agreement(edition, first_cases, second_cases))
    assert json.loads(out) == expected
    assert expected["disagreements"] == [
        {
            "case": "EX-01",
            "question": "C 1",
            "option": None,
            "first": "Yes",
            "second": "No",
            "counted": True,
        }
    ]


def test_text_lists_disagreements_and_free_text_only_when_asked(second: Path) -> None:
    code, out, _ = run("agreement", EXAMPLE, second, "--edition", "example")
    assert code == 0
    assert "3 case(s) read twice" in out
    assert "EX-01 C 1: Yes | No" in out
    assert "A different account" not in out
    assert "B 9" not in out
    code, out, _ = run("agreement", EXAMPLE, second, "--edition", "example", "--include-narrative")
    assert code == 0
    assert f"EX-02 B 9: {NARRATIVE} | A different account." in out


def test_a_case_without_a_reference_is_a_usage_error(second: Path) -> None:
    one = second / "case-01.toml"
    one.write_text(one.read_text(encoding="utf-8").replace('case = "EX-01"\n', ""), "utf-8")
    code, _, err = run("agreement", EXAMPLE, second, "--edition", "example")
    assert code == 2
    assert f"{second}: every case needs a reference to be paired by" in err


def test_an_invalid_case_stops_the_command_naming_the_file(second: Path) -> None:
    one = second / "case-01.toml"
    one.write_text(one.read_text(encoding="utf-8").replace('"C 1" = "No"', '"C 1" = "Maybe"'))
    code, out, err = run("agreement", EXAMPLE, second, "--edition", "example")
    assert code == 1
    assert out == ""
    assert "case-01.toml:C 1" in err
