"""The inspection file: what every case shares, typed once (new-inspection, then every command)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from inspectcore import (
    CaseFileError,
    InspectionFile,
    read_case,
    read_inspection_file,
)
from inspectcore.cli import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "carag2024"


def run(*args: str | Path, replies: str = "") -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], input=replies)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def new_inspection(folder: Path, *more: str) -> None:
    code, _out, err = run(
        "new-inspection", "example", folder, "--service", "Example YOT", "--start",
        "12/05/2025", "--end", "2025-05-16", "--inspector", "A. Inspector",
        "--context", "programme=FULL", *more,
    )  # fmt: skip
    assert code == 0, err


def test_new_inspection_writes_what_every_case_shares(tmp_path: Path) -> None:
    new_inspection(tmp_path / "visit")
    inspection = read_inspection_file(tmp_path / "visit" / "inspection.toml")
    assert inspection == InspectionFile(
        service="Example YOT",
        edition="example",
        start="2025-05-12",
        end="2025-05-16",
        inspectors=("A. Inspector",),
        context=(("programme", "FULL"),),
    )
    code, _, err = run("new-inspection", "example", tmp_path / "visit")
    assert code == 2
    assert "exists; use --force to replace it" in err


def test_a_fact_the_edition_does_not_have_or_a_bad_date_is_refused(tmp_path: Path) -> None:
    code, _, err = run("new-inspection", "example", tmp_path, "--context", "colour=red")
    assert code == 2
    assert "expected FACT=VALUE with FACT one of programme, country" in err
    code, _, err = run("new-inspection", "example", tmp_path, "--start", "31/02/2025")
    assert code == 2
    assert "is not a real date: February 2025 has no day 31" in err


def test_new_case_and_assess_take_the_facts_and_the_assessor_from_it(tmp_path: Path) -> None:
    folder = tmp_path / "visit"
    new_inspection(folder)
    code, out, _ = run("new-case", "example", "-o", folder / "a.toml", "--case", "A")
    assert code == 0
    assert "From " in out
    assert "facts programme = FULL; assessor A. Inspector." in out
    case = read_case(folder / "a.toml")
    assert (dict(case.context), case.assessor) == ({"programme": "FULL"}, "A. Inspector")
    code, out, _ = run("assess", "example", folder / "b.toml", replies="B\nEngland\nq\n")
    assert code == 0
    assert "programme>" not in out  # not asked: the inspection file gives it
    assert "country>" in out  # asked: it does not
    assert dict(read_case(folder / "b.toml").context) == {"programme": "FULL", "country": "England"}


def test_validate_and_score_report_a_case_that_says_otherwise(tmp_path: Path) -> None:
    folder = tmp_path / "visit"
    shutil.copytree(EXAMPLE, folder)
    code, _, err = run(
        "new-inspection", "carag2024", folder, "--service", "Synthetic YJS"
    )  # carag2024 has no facts: nothing for a case to disagree with
    assert code == 0, err
    assert run("score", folder, "--edition", "carag2024")[0] == 0
    example = tmp_path / "ex"
    shutil.copytree(EXAMPLE.parent / "example", example)
    new_inspection(example, "--context", "country=Wales")
    code, out, _ = run("validate", example)
    assert code == 1
    assert "case-01.toml:context: context.country: 'England' here, but inspection.toml " in out
    code, _, err = run("score", example, "--edition", "example")
    assert code == 1
    assert "gives 'Wales'" in err


def test_a_bad_inspection_file_is_named_with_its_key(tmp_path: Path) -> None:
    path = tmp_path / "inspection.toml"
    path.write_text('service = "X"\nstart = "soon"\n', encoding="utf-8")
    with pytest.raises(CaseFileError, match=r"inspection\.toml: start: expected a date"):
        read_inspection_file(path)
    path.write_text('servce = "X"\n', encoding="utf-8")
    with pytest.raises(CaseFileError, match="unknown key"):
        read_inspection_file(path)
    shutil.copy(EXAMPLE / "case-001.toml", tmp_path)
    code, out, _ = run("validate", tmp_path)
    assert code == 1
    assert "its inspection file: " in out
    assert "unknown key(s) servce" in out


def test_what_new_inspection_writes_matches_the_published_schema(tmp_path: Path) -> None:
    import json
    import tomllib

    import jsonschema

    schema = json.loads(
        (Path(__file__).resolve().parents[2] / "docs/schemas/inspection.schema.json").read_text()
    )
    new_inspection(tmp_path)
    data = tomllib.loads((tmp_path / "inspection.toml").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "servce": "X"}, schema)


CASES = EXAMPLE.parent / "example"


def visit_with_cases(folder: Path) -> Path:
    """An inspection folder: new-inspection's file (edition example) and the example cases."""
    new_inspection(folder)
    for case in CASES.glob("case-*"):
        shutil.copy(case, folder / case.name)
    return folder


def test_score_report_and_export_take_the_inspection_files_edition(tmp_path: Path) -> None:
    visit = visit_with_cases(tmp_path / "visit")
    assert run("score", visit) == run("score", visit, "--edition", "example")
    # A case file given on its own counts its folder's inspection file.
    code, out, _ = run("score", visit / "case-01.toml", "--format", "json")
    assert code == 0
    assert (
        out == run("score", visit / "case-01.toml", "--format", "json", "--edition", "example")[1]
    )
    assert run("report", visit, "-o", tmp_path / "r.html")[0] == 0
    assert run("export", visit, "--format", "csv", "-o", tmp_path / "e.csv")[0] == 0
    assert (tmp_path / "e.csv").read_text(encoding="utf-8").count("\n") == 4  # header and 3 cases


def test_without_an_inspection_file_edition_is_required(tmp_path: Path) -> None:
    shutil.copytree(CASES, tmp_path / "cases")
    code, _, err = run("score", tmp_path / "cases")
    assert code == 2
    assert f"give --edition: {tmp_path / 'cases'} has no inspection.toml" in err


def test_inspection_files_naming_different_editions_need_edition(tmp_path: Path) -> None:
    first = visit_with_cases(tmp_path / "one")
    second = visit_with_cases(tmp_path / "two")
    text = (second / "inspection.toml").read_text(encoding="utf-8")
    (second / "inspection.toml").write_text(text.replace('"example"', '"carag2024"'))
    code, _, err = run("score", first, second)
    assert code == 2
    assert "the inspection files name different editions: carag2024 (" in err
