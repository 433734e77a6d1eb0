"""Output paths never overwrite an input or a case file; earlier reports may be replaced."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from inspectcore import OutputPathError, check_output
from inspectcore.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_CASES = ROOT / "examples" / "inspection" / "example"
EXAMPLE_CROSSWALK = (
    ROOT / "examples" / "plugin" / "src" / "inspectcore_example" / "crosswalks" / "example.toml"
)


def run(*args: str | Path) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    """A copy of the example inspection's case files."""
    return Path(shutil.copytree(EXAMPLE_CASES, tmp_path / "cases"))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def refused(result: Result, path: Path, why: str) -> None:
    assert result.exit_code == 2, result.output
    assert f"error: {path}: {why}" in result.stderr


# -- report and export -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["report", "--edition", "example"],
        ["export", "--edition", "example", "--format", "csv"],
        ["export", "--edition", "example", "--format", "xlsx"],
    ],
)
def test_report_and_export_never_write_over_an_input(cases: Path, command: list[str]) -> None:
    before = snapshot(cases)
    target = cases / "case-02.toml"
    refused(run(*command, cases, "-o", target), target, "is one of the inputs")
    # Through a symlink to an input, named among files rather than as a folder.
    link = cases.parent / "link.toml"
    link.symlink_to(cases / "case-03.json")
    refused(run(*command, *sorted(cases.iterdir()), "-o", link), link, "is one of the inputs")
    assert snapshot(cases) == before


def test_export_never_writes_over_a_case_file_that_is_not_an_input(
    cases: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.json"
    shutil.copy(cases / "case-03.json", other)
    result = run("export", cases / "case-01.toml", "--edition", "example", "--format", "csv",
                 "-o", other)  # fmt: skip
    refused(result, other, "is a case file, which is never overwritten")
    assert other.read_bytes() == (cases / "case-03.json").read_bytes()


def test_an_earlier_export_or_report_is_replaced(cases: Path, tmp_path: Path) -> None:
    out = tmp_path / "cases.csv"
    out.write_text("an earlier export\n", encoding="utf-8")
    result = run("export", cases, "--edition", "example", "--format", "csv", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8-sig").startswith("case,file,excluded")
    page = cases / "report.html"  # inside the input folder, but not a case file
    page.write_text("an earlier report", encoding="utf-8")
    assert run("report", cases, "--edition", "example", "-o", page).exit_code == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# -- diff and crosswalk ------------------------------------------------------------------------


def test_diff_never_writes_over_the_edition_data_it_reads(
    write_edition: Callable[..., Path],
) -> None:
    questions = [{"id": "1", "section": "A", "kind": "judgement", "text": "Was it done?"}]
    sections = [{"id": "A", "title": "A", "level": "area"}]
    a = write_edition("old", edition_id="ed", sections=sections, questions=questions)
    b = write_edition("new", edition_id="ed", version="2.0", sections=sections, questions=questions)
    before = snapshot(a.parent)
    refused(run("diff", a, b / "edition.toml", "-o", b / "edition.toml"),
            b / "edition.toml", "is one of the inputs")  # fmt: skip
    refused(run("diff", a, b, "-o", a / "questions" / "01.toml"),
            a / "questions" / "01.toml", f"is inside {a}, which is read as input")  # fmt: skip
    assert snapshot(a.parent) == before


def test_diff_and_crosswalk_never_write_over_a_case_file(cases: Path, tmp_path: Path) -> None:
    target = cases / "case-01.toml"
    before = target.read_bytes()
    refused(run("diff", "example", "example-next", "-o", target), target, "is a case file")
    refused(run("crosswalk", "example", "example-next", "-o", target), target, "is a case file")
    assert target.read_bytes() == before
    crosswalk = tmp_path / "crosswalk.toml"
    shutil.copy(EXAMPLE_CROSSWALK, crosswalk)
    result = run("crosswalk", "example", "example-next", "--file", crosswalk, "-o", crosswalk)
    refused(result, crosswalk, "is one of the inputs")
    assert crosswalk.read_bytes() == EXAMPLE_CROSSWALK.read_bytes()


# -- carry -------------------------------------------------------------------------------------


def test_carry_never_writes_into_or_over_its_input_folder(cases: Path) -> None:
    before = snapshot(cases)
    for output in (cases, cases / "carried"):
        for force in ((), ("--force",)):
            result = run("carry", cases, "--to", "example-next", "-o", output, *force)
            assert result.exit_code == 2, result.output
            assert f"error: {output}: is" in result.stderr
            assert "the input folder" in result.stderr
    assert snapshot(cases) == before
    assert not (cases / "carried").exists()


def test_carry_never_writes_over_its_source_or_a_case_file(cases: Path, tmp_path: Path) -> None:
    source = cases / "case-02.toml"
    before = snapshot(cases)
    for force in ((), ("--force",)):
        result = run("carry", source, "--to", "example-next", "-o", source, *force)
        refused(result, source, "is one of the inputs")
        result = run("carry", source, "--to", "example-next", "-o", cases / "case-01.toml", *force)
        refused(result, cases / "case-01.toml", "is a case file")
        # Into the folder that holds the source: the target would be the source itself.
        refused(run("carry", source, "--to", "example-next", "-o", cases, *force),
                source, "is one of the inputs")  # fmt: skip
    assert snapshot(cases) == before
    # A file that is not a case file is replaced with --force, as before.
    other = tmp_path / "notes.toml"
    other.write_text('title = "not a case"\n', encoding="utf-8")
    assert run("carry", source, "--to", "example-next", "-o", other).exit_code == 2
    assert run("carry", source, "--to", "example-next", "-o", other, "--force").exit_code == 0


# -- new-case ----------------------------------------------------------------------------------


def test_new_case_force_never_replaces_a_case_file(cases: Path) -> None:
    target = cases / "case-01.toml"
    before = target.read_bytes()
    result = run("new-case", "example", "-o", target, "--force")
    refused(result, target, "is a case file, which is never overwritten")
    assert target.read_bytes() == before


# -- the library check -------------------------------------------------------------------------


def test_check_output_spots_a_case_file_by_its_format_even_when_it_does_not_parse(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "half-edited.toml"
    broken.write_text('format = "inspectcore-case/1"\nedition = "example\n', encoding="utf-8")
    with pytest.raises(OutputPathError, match="is a case file"):
        check_output(broken)
    unmarked = tmp_path / "unmarked.json"  # no format key, but it reads as a case
    unmarked.write_text('{"edition": "example", "answers": {"1": 15}}', encoding="utf-8")
    with pytest.raises(OutputPathError, match="is a case file"):
        check_output(unmarked)
    config = tmp_path / "settings.json"
    config.write_text('{"colour": "blue"}', encoding="utf-8")
    check_output(config)  # not a case: may be replaced
    check_output(tmp_path / "new.toml")  # does not exist yet
    assert isinstance(OutputPathError("x", "y"), ValueError)
