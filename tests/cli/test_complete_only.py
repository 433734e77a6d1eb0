"""`score`, `report` and `export --complete-only`: an incomplete case is left out, and said so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from inspectcore.cli import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "carag2024"


@pytest.fixture
def inspection(tmp_path: Path) -> Path:
    """The bundled carag2024 inspection, with case-003's answer to I 1.4 taken out."""
    folder = tmp_path / "inspection"
    shutil.copytree(EXAMPLE, folder)
    case = folder / "case-003.toml"
    text = case.read_text(encoding="utf-8")
    answer = '[answers."I 1.4"]\nvalue = "As recorded by the service"\n'
    assert answer in text
    case.write_text(text.replace(answer, ""), encoding="utf-8")
    return folder


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def test_an_incomplete_case_stops_score_and_the_message_offers_the_option(
    inspection: Path,
) -> None:
    code, out, err = run("score", inspection, "--edition", "carag2024")
    assert code == 1
    assert "case-003.toml:I 1.4: no answer (information: Gender)" in err
    assert "--complete-only" in err
    assert out == ""


def test_complete_only_scores_the_others_and_says_which_it_left_out_and_why(
    inspection: Path,
) -> None:
    code, out, err = run("score", inspection, "--edition", "carag2024", "--complete-only")
    assert code == 0, err
    assert "left out 1 incomplete case(s) (--complete-only):" in err
    assert "case-003.toml: in progress: 1 left to answer (I 1.4)" in err
    assert "carag2024 7.4: 29 case(s) scored" in out


@pytest.mark.parametrize("command", ["report", "export"])
def test_report_and_export_take_complete_only(
    inspection: Path, tmp_path: Path, command: str
) -> None:
    output = tmp_path / ("out.html" if command == "report" else "out.csv")
    more = ["--format", "csv"] if command == "export" else []
    args: list[str | Path] = [command, inspection, "--edition", "carag2024", *more, "-o", output]
    assert run(*args)[0] == 1
    code, out, err = run(*args, "--complete-only")
    assert code == 0, err
    assert "left out 1 incomplete case(s)" in err
    assert output.exists()
    if command == "export":
        assert "(30 case(s)," in out  # of the 31 files (the excluded case has a row)


def test_another_problem_still_stops_the_command(inspection: Path) -> None:
    # Two files for one case are not an incomplete case: --complete-only does not hide it.
    shutil.copy(inspection / "case-001.toml", inspection / "copy.toml")
    code, _, err = run("score", inspection, "--edition", "carag2024", "--complete-only")
    assert code == 1
    assert "case reference 'SYN-001' is also used by" in err


def test_nothing_complete_is_an_error(tmp_path: Path, inspection: Path) -> None:
    only = tmp_path / "only"
    only.mkdir()
    shutil.copy(inspection / "case-003.toml", only)
    code, _, err = run("score", only, "--edition", "carag2024", "--complete-only")
    assert code == 1
    assert "error: no case is complete: nothing to score" in err


def test_status_lists_each_case_and_exits_1_while_one_is_in_progress(inspection: Path) -> None:
    code, out, err = run("status", inspection)
    assert code == 1
    assert f"{inspection / 'case-003.toml'}\tSYN-003\tin progress: 1 left to answer (I 1.4)" in out
    assert f"{inspection / 'case-001.toml'}\tSYN-001\tcomplete" in out
    assert "30 of 31 case(s) complete" in err
    assert run("status", EXAMPLE)[0] == 0


def test_status_json_names_what_is_left(inspection: Path) -> None:
    import json

    code, out, _ = run("status", inspection / "case-003.toml", "--json")
    assert code == 1
    [row] = json.loads(out)
    assert (row["status"], row["left_to_ask"]) == ("in progress", ["I 1.4"])


LEFT_OUT = "SYN-003 (case-003.toml): in progress, 1 left to answer (I 1.4)"


def test_what_is_left_out_is_part_of_the_score_json_and_text(inspection: Path) -> None:
    import json

    args = ("score", inspection, "--edition", "carag2024", "--complete-only")
    code, out, _ = run(*args, "--format", "json")
    assert code == 0
    assert json.loads(out)["left_out"] == {
        "count": 1,
        "cases": [
            {
                "file": "case-003.toml",
                "case": "SYN-003",
                "status": "in progress",
                "reason": "1 left to answer (I 1.4)",
            }
        ],
    }
    code, out, _ = run(*args)
    assert f"Left out as not complete: 1 case(s)\n  {LEFT_OUT}\n" in out
    # Without the option nothing is left out, and the text says nothing of it.
    code, out, _ = run("score", EXAMPLE, "--edition", "carag2024")
    assert code == 0
    assert "Left out" not in out
    code, out, _ = run("score", EXAMPLE, "--edition", "carag2024", "--format", "json")
    assert json.loads(out)["left_out"] == {"count": 0, "cases": []}


def test_the_report_says_on_the_page_what_was_left_out(inspection: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    code, out, err = run(
        "report", inspection, "--edition", "carag2024", "--complete-only", "-o", page
    )
    assert code == 0, err
    assert "29 case(s) scored, 1 excluded, 1 left out as not complete)" in out
    html = page.read_text(encoding="utf-8")
    assert f'<p class="left-out">1 case left out as not complete: {LEFT_OUT}</p>' in html
    assert "<dt>Cases left out</dt><dd>1</dd>" in html
    run("report", EXAMPLE, "--edition", "carag2024", "-o", page)
    assert "left out" not in page.read_text(encoding="utf-8")


def test_the_export_figures_sheet_lists_what_was_left_out(inspection: Path, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "cases.xlsx"
    code, _, err = run(
        "export",
        inspection,
        "--edition",
        "carag2024",
        "--format",
        "xlsx",
        "--complete-only",
        "-o",
        out,
    )
    assert code == 0, err
    figures = list(openpyxl.load_workbook(out)["Figures"].iter_rows(values_only=True))
    left = [row for row in figures if row[0] == "left out"]
    assert left == [
        (
            "left out",
            "SYN-003",
            None,
            None,
            None,
            None,
            None,
            "in progress: 1 left to answer (I 1.4)",
        )
    ]
    # The figures are those of the 29 cases scored, as `score --complete-only` gives them.
    code, scored, _ = run(
        "score", inspection, "--edition", "carag2024", "--complete-only", "--format", "csv"
    )
    assert scored.count("\n") == len(figures)
    assert "left out,SYN-003,,,,,,in progress: 1 left to answer (I 1.4)\n" in scored
