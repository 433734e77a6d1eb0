"""Exporting case answers for spreadsheets (csv, xlsx), and progress on a terminal only."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import attrs
import openpyxl
import pytest
from click.testing import CliRunner

from inspectcore import Answer, Edition, Registry, case_table, read_case, write_table
from inspectcore.cli import cli
from inspectcore.cli._reading import progress  # the command line's own progress bar

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "example"
NARRATIVE = "The assessment relied on a report from a previous service that was out of date."
NOTE = "Confirmed with the case manager."


@pytest.fixture(scope="module")
def example() -> Edition:
    return Registry.discover(strict=True).load_edition("example")


def export(tmp_path: Path, fmt: str, *extra: str) -> Path:
    out = tmp_path / f"cases.{fmt}"
    result = CliRunner().invoke(
        cli,
        ["export", str(EXAMPLES), "--edition", "example", "--format", fmt, "-o", str(out), *extra],
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # not a terminal: no progress bar
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_csv_has_a_row_per_case_and_a_column_per_question(tmp_path: Path) -> None:
    rows = read_csv(export(tmp_path, "csv"))
    assert [(r["case"], r["file"]) for r in rows] == [
        ("EX-01", "case-01.toml"),
        ("EX-02", "case-02.toml"),
        ("EX-03", "case-03.json"),
    ]
    ex02 = rows[1]
    # As written in examples/inspection/example/case-02.toml.
    assert ex02["1"] == "16"
    assert ex02["2"] == "Detention and training order"
    assert ex02["B 1.2"] == "Child's views not recorded; Other"  # multiple choice, one cell
    assert ex02["excluded"] == ""
    # B 1.4 is answered per priority factor (question 5): one column per option.
    assert ex02["B 1.4 [Substance misuse]"] == "Yes"
    assert ex02["B 1.4 [Education]"] == ""
    assert rows[0]["B 1.4 [Education]"] == "Yes"
    assert rows[0]["B 1.4 [Family]"] == "No"
    assert "B 1.4" not in ex02
    # Narrative left out by default: no B 9 column, no notes, the text nowhere.
    assert "B 9" not in ex02
    assert not any(key.endswith(" note") for key in ex02)
    assert NARRATIVE not in (tmp_path / "cases.csv").read_text(encoding="utf-8-sig")


def test_narrative_only_with_the_flag_and_notes_only_with_theirs(tmp_path: Path) -> None:
    rows = read_csv(export(tmp_path, "csv", "--include-narrative"))
    assert rows[1]["B 9"] == NARRATIVE
    assert rows[0]["B 9"] == ""
    assert not any(key.endswith(" note") for key in rows[1])
    rows = read_csv(export(tmp_path, "csv", "--include-narrative", "--include-notes"))
    assert rows[1]["B 9 note"] == NOTE


def test_xlsx_reads_back_with_a_sheet_of_questions(tmp_path: Path, example: Edition) -> None:
    book = openpyxl.load_workbook(export(tmp_path, "xlsx"))
    assert book.sheetnames == ["cases", "Figures", "questions"]
    sheet = book["cases"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["case", "file", "excluded"]
    values = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
    assert values["case"] == "EX-01"
    assert values["1"] == 15  # a whole number stays a number
    assert values["5"] == "Education; Family"
    assert values["B 1.4 [Family]"] == "No"
    assert "B 9" not in header
    key = {row[0]: row for row in book["questions"].iter_rows(min_row=2, values_only=True)}
    assert key["B 1.4 [Family]"][:4] == ("B 1.4 [Family]", "B 1.4", "Family", "answer")
    assert key["B 1.1"][4] == example.question("B 1.1").wording
    narrative = openpyxl.load_workbook(
        export(tmp_path, "xlsx", "--include-narrative", "--include-notes")
    )
    header = [c.value for c in narrative["cases"][1]]
    row = dict(zip(header, (c.value for c in narrative["cases"][3]), strict=True))
    assert (row["B 9"], row["B 9 note"]) == (NARRATIVE, NOTE)


def test_formulas_are_never_written_as_formulas(tmp_path: Path, example: Edition) -> None:
    case = read_case(EXAMPLES / "case-02.toml")
    case = attrs.evolve(case, case="=HYPERLINK(1)")
    table = case_table(example, [("x.toml", case)])
    write_table(table, tmp_path / "x.xlsx", "xlsx")
    write_table(table, tmp_path / "x.csv", "csv")
    cell = openpyxl.load_workbook(tmp_path / "x.xlsx")["cases"]["A2"]
    assert (cell.value, cell.data_type) == ("=HYPERLINK(1)", "s")
    assert read_csv(tmp_path / "x.csv")[0]["case"] == "'=HYPERLINK(1)"


def test_excluded_cases_are_marked(example: Edition) -> None:
    case = read_case(EXAMPLES / "case-02.toml")  # a host service ...
    answers = {a.question: a for a in case.answers}
    assert answers["6b"].value == "Host"
    moved = case.with_answer(Answer("2", "Referral order"))  # ... referral order
    table = case_table(example, [("a.toml", moved), ("b.toml", case)])
    column = table.headings.index("excluded")
    assert [row[column] for row in table.rows] == ["host-referral", None]


def test_a_failing_write_leaves_the_existing_file_whole(
    tmp_path: Path, example: Edition, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = case_table(example, [("a.toml", read_case(EXAMPLES / "case-01.toml"))])
    for fmt in ("csv", "xlsx"):
        target = tmp_path / f"old.{fmt}"
        target.write_bytes(b"the previous export")

        def broken_replace(source: str, destination: str) -> None:
            raise OSError(28, "No space left on device")

        with monkeypatch.context() as patched:
            patched.setattr(os, "replace", broken_replace)
            with pytest.raises(OSError, match="No space left"):
                write_table(table, target, fmt)
        assert target.read_bytes() == b"the previous export"
        # No temporary file is left behind.
        assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_export_command_errors_are_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["export", str(EXAMPLES), "--edition", "example", "--format", "ods", "-o", "x.ods"],
    )
    assert result.exit_code == 2
    assert "'ods' is not one of 'csv', 'xlsx'" in result.output
    result = CliRunner().invoke(
        cli,
        ["export", str(EXAMPLES), "--edition", "nope", "--format", "csv", "-o", "x.csv"],
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal_only() -> None:
    quiet = io.StringIO()
    with progress(list(range(40)), "reading case files", quiet) as items:
        assert sum(items) == sum(range(40))
    assert quiet.getvalue() == ""
    terminal = _Terminal()
    with progress(list(range(40)), "reading case files", terminal) as items:
        assert sum(items) == sum(range(40))
    drawn = terminal.getvalue()
    assert "reading case files" in drawn
    assert "40/40" in drawn


def test_xlsx_cuts_a_cell_longer_than_excel_holds_and_says_so(tmp_path: Path) -> None:
    from inspectcore import EXCEL_CELL_LIMIT, write_case

    folder = tmp_path / "cases"
    folder.mkdir()
    case = read_case(EXAMPLES / "case-02.toml")
    long = ("The child said " + "x" * 40_000)[:40_000]
    earlier = case.answer("B 9")
    assert earlier is not None
    write_case(case.with_answer(attrs.evolve(earlier, value=long)), folder / "case-02.toml")
    out = tmp_path / "cases.xlsx"
    args = ["export", str(folder), "--edition", "example", "--include-narrative", "-o", str(out)]
    result = CliRunner().invoke(cli, [*args, "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "warning: case-02.toml (case EX-02), column 'B 9': 40000 characters, more than the "
        "32767 an Excel cell holds; the cell is cut short and says so, and the case file has "
        "it whole\n"
    )
    sheet = openpyxl.load_workbook(out)["cases"]
    header = [c.value for c in sheet[1]]
    cell = str(sheet.cell(2, header.index("B 9") + 1).value)
    marker = "… [truncated: 40000 characters; see the case file]"
    assert len(cell) == EXCEL_CELL_LIMIT
    assert cell.endswith(marker)
    assert long.startswith(cell.removesuffix(marker))
    # CSV has no such limit: the text is whole, and nothing is said.
    csv_out = tmp_path / "cases.csv"
    args[-1] = str(csv_out)
    result = CliRunner().invoke(cli, [*args, "--format", "csv"])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert read_csv(csv_out)[0]["B 9"] == long
