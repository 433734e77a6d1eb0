"""What an export holds for analysts: dates, 0/1 option columns, facts, notes, and the xlsx
file's filter, widths and Figures sheet (each read back with openpyxl)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import tempfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from inspectcore import (
    Answer,
    Edition,
    Registry,
    Text,
    case_table,
    is_narrative,
    read_case,
)
from inspectcore.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "inspection" / "example"
CARAG = ROOT / "examples" / "inspection" / "carag2024"


@pytest.fixture(scope="module")
def example() -> Edition:
    return Registry.discover(strict=True).load_edition("example")


def run_export(cases: Path, edition: str, out: Path, *extra: str) -> Path:
    fmt = out.suffix.lstrip(".")
    args = ["export", str(cases), "--edition", edition, "--format", fmt, "-o", str(out), *extra]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return out


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def sheet_rows(path: Path, sheet: str = "cases") -> list[dict[str, object]]:
    rows = openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True)
    header = next(rows)
    return [dict(zip(header, row, strict=True)) for row in rows]  # type: ignore[arg-type]


def test_dates_are_dates_in_xlsx_shown_the_uk_way_and_iso_in_csv(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(run_export(EXAMPLES, "example", tmp_path / "x.xlsx"))
    sheet = book["cases"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(2, header.index("3") + 1)  # question 3: date of sentence
    assert cell.value == dt.datetime(2025, 10, 6)  # case-01.toml: "2025-10-06"
    assert cell.is_date
    assert cell.number_format == "dd/mm/yyyy"
    assert sheet.cell(1, header.index("3") + 1).value == "3"  # the header stays text
    assert csv_rows(run_export(EXAMPLES, "example", tmp_path / "x.csv"))[0]["3"] == "2025-10-06"


def test_a_multiple_choice_question_has_a_0_or_1_column_per_option(tmp_path: Path) -> None:
    for fmt in ("csv", "xlsx"):
        out = run_export(EXAMPLES, "example", tmp_path / f"x.{fmt}")
        rows = csv_rows(out) if fmt == "csv" else sheet_rows(out)
        one, zero, empty = ("1", "0", "") if fmt == "csv" else (1, 0, None)
        ex01, ex02 = rows[0], rows[1]
        # Question 5 (priority factors): EX-01 chose Education and Family.
        assert ex01["5"] == "Education; Family"  # the joined cell stays, beside them
        assert [ex01[f"5: {o}"] for o in ("Education", "Family", "Substance misuse")] == [
            one,
            one,
            zero,
        ]
        assert ex01["5: Mental health"] == zero
        # B 1.2 explains a B 1.1 answered No: for EX-01 (Yes) it does not apply, so empty.
        assert ex01["B 1.1"] == "Yes"
        assert [ex01[f"B 1.2: {o}"] for o in ("Reasons not analysed", "Other")] == [empty] * 2
        assert ex02["B 1.2: Reasons not analysed"] == zero
        assert ex02["B 1.2: Other"] == one
    key = {r["column"]: r for r in sheet_rows(tmp_path / "x.xlsx", "questions")}
    assert (key["5: Family"]["option"], key["5: Family"]["holds"]) == ("Family", "chosen (1 or 0)")


def test_an_answer_to_a_question_that_does_not_apply_gives_no_0_or_1(example: Edition) -> None:
    case = read_case(EXAMPLES / "case-01.toml")  # B 1.1 is Yes: B 1.2 does not apply
    stale = case.with_answer(Answer("B 1.2", ("Other",)))
    table = case_table(example, [("a.toml", stale)])
    row = dict(zip(table.headings, table.rows[0], strict=True))
    assert row["B 1.2"] == "Other"  # the answer as the file has it
    assert (row["B 1.2: Other"], row["B 1.2: Reasons not analysed"]) == (None, None)


def test_facts_about_the_child_are_exported_and_descriptions_are_not(tmp_path: Path) -> None:
    carag = Registry.discover(strict=True).load_edition("carag2024")
    rows = csv_rows(run_export(CARAG, "carag2024", tmp_path / "c.csv"))
    first = read_case(CARAG / "case-001.toml")
    for fact in ("I 1.4", "I 1.5", "I 1.6", "I 1.7", "I 1.8"):  # gender, ethnicity, ...
        answer = first.answer(fact)
        assert answer is not None
        assert rows[0][fact] == answer.value
    # I 1.10 asks for a description of the disability's impact: narrative, left out.
    assert "I 1.10" not in rows[0]
    assert (
        "I 1.10"
        in csv_rows(run_export(CARAG, "carag2024", tmp_path / "n.csv", "--include-narrative"))[0]
    )
    # The rule is the edition's: its text questions that are facts say so.
    texts = [q for q in carag.questions if isinstance(q.answer, Text)]
    assert {q.id for q in texts if not is_narrative(q)} == {f"I 1.{n}" for n in (4, 5, 6, 7, 8)}


def test_notes_only_with_include_notes(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    shutil.copytree(EXAMPLES, cases)
    case = cases / "case-01.toml"
    text = case.read_text(encoding="utf-8")
    assert '"B 1.1" = "Yes"\n' in text
    case.write_text(
        text.replace(
            '"B 1.1" = "Yes"\n', '"B 1.1" = { value = "Yes", note = "Seen in AssetPlus." }\n'
        ),
        encoding="utf-8",
    )
    plain = csv_rows(run_export(cases, "example", tmp_path / "a.csv"))
    assert not any(key.endswith(" note") for key in plain[0])
    noted = csv_rows(run_export(cases, "example", tmp_path / "b.csv", "--include-notes"))
    assert noted[0]["B 1.1 note"] == "Seen in AssetPlus."
    assert "B 9" not in noted[0]  # notes are not narrative: that still needs its flag
    assert "B 9 note" not in noted[0]


def test_xlsx_header_is_frozen_and_filtered_and_columns_fit(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(
        run_export(EXAMPLES, "example", tmp_path / "x.xlsx", "--include-narrative")
    )
    sheet = book["cases"]
    header = [c.value for c in sheet[1]]
    last = openpyxl.utils.get_column_letter(len(header))
    assert sheet.auto_filter.ref == f"A1:{last}4"  # the header and the three cases
    assert sheet.freeze_panes == "B2"

    def width(heading: str) -> float:
        return sheet.column_dimensions[
            openpyxl.utils.get_column_letter(header.index(heading) + 1)
        ].width

    # As wide as the longest option of question 2, or a long heading; bounded.
    assert width("2") >= len("Detention and training order")
    assert width("B 1.2: Child's views not recorded") >= len("B 1.2: Child's views not recorded")
    assert width("1") < width("2")
    assert all(6 <= width(h) <= 50 for h in header)  # type: ignore[arg-type]
    assert width("B 9") == 42  # free text: a set width, its content unknown when the sheet starts
    for name in ("Figures", "questions"):
        assert book[name].freeze_panes == "A2"
        assert book[name].auto_filter.ref is not None


def _number(value: object) -> object:
    """A cell's value, a number when it reads as one (CSV says 100.0, Excel 100)."""
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return value


def test_the_figures_sheet_holds_the_numbers_score_gives(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(run_export(CARAG, "carag2024", tmp_path / "c.xlsx"))
    assert book.sheetnames == ["cases", "Figures", "questions"]
    result = CliRunner().invoke(
        cli, ["score", str(CARAG), "--edition", "carag2024", "--format", "csv"]
    )
    assert result.exit_code == 0
    scored = [[_number(v) for v in row] for row in csv.reader(io.StringIO(result.stdout))]
    figures = book["Figures"].iter_rows(values_only=True)
    shown = [[_number("" if v is None else v) for v in row] for row in figures]
    assert shown == scored
    assert len(shown) > 90  # every question, key question and rating, not a sample
    ratings = [r for r in shown if r[0] == "standard"]
    assert ratings
    assert all(r[5] for r in ratings)  # rated as `score` rates them


def test_csv_and_a_table_written_without_an_edition_have_no_figures(
    tmp_path: Path, example: Edition
) -> None:
    from inspectcore import write_table

    table = case_table(example, [("a.toml", read_case(EXAMPLES / "case-01.toml"))])
    write_table(table, tmp_path / "t.xlsx", "xlsx")
    assert openpyxl.load_workbook(tmp_path / "t.xlsx").sheetnames == ["cases", "questions"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_with_an_invalid_case_leaves_no_file_behind(
    tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = tmp_path / "cases"
    shutil.copytree(EXAMPLES, cases)
    case = cases / "case-02.toml"
    case.write_text(case.read_text("utf-8").replace('"1" = 16', '"1" = "sixteen"'), "utf-8")
    # Spools (ours and openpyxl's) go to a folder of the test's own, to be looked in.
    spools = tmp_path / "spools"
    spools.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spools))
    target = tmp_path / "out"
    target.mkdir()
    result = CliRunner().invoke(
        cli,
        [
            "export",
            str(cases),
            "--edition",
            "example",
            "--format",
            fmt,
            "-o",
            str(target / f"x.{fmt}"),
        ],
    )
    assert result.exit_code == 1
    assert "case-02.toml" in result.stderr
    assert list(target.iterdir()) == []
    assert list(spools.iterdir()) == []
