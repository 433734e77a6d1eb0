"""Bad case files get a message naming the file and the place, never a traceback."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from inspectcore import (
    CaseFileError,
    case_from_data,
    read_case,
    read_case_file,
)
from inspectcore.cli import cli
from inspectcore.testing import use_entry_points

EXAMPLE_CASES = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "example"
CASE_01 = (EXAMPLE_CASES / "case-01.toml").read_text(encoding="utf-8")
HEADER = 'format = "inspectcore-case/1"\nedition = "example"\n'
JSON_HEADER = '"format": "inspectcore-case/1", "edition": "example"'


def example_entry_points(*, group: str) -> list[Any]:
    return [e for e in entry_points(group=group) if e.dist and e.dist.name == "inspectcore-example"]


@pytest.fixture(autouse=True)
def only_example_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    use_entry_points(monkeypatch, example_entry_points)


def run(*args: str, input: str | None = None) -> Result:
    """Run the command line; never let an exception escape or a traceback show."""
    result = CliRunner().invoke(cli, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    return result


def problems_of(path: Path) -> tuple[str, ...]:
    with pytest.raises(CaseFileError) as caught:
        read_case_file(path)
    assert caught.value.path == str(path)
    return caught.value.problems


# -- every command, on every kind of bad file -------------------------------------------------

MALFORMED: dict[str, bytes] = {
    "deep.json": b"[" * 1000 + b"]" * 1000,
    "deep-value.json": (
        "{" + JSON_HEADER + ', "answers": {"1": ' + "[" * 900 + "]" * 900 + "}}"
    ).encode(),
    "deep-arrays.toml": (HEADER + 'answers = {"1" = ' + "[" * 10000 + "]" * 10000 + "}\n").encode(),
    "deep-tables.toml": (
        HEADER + "[answers]\n'1' = " + "{a=" * 3000 + "1" + "}" * 3000 + "\n"
    ).encode(),
    "long-number.json": ("{" + JSON_HEADER + ', "answers": {"1": ' + "9" * 5000 + "}}").encode(),
    "long-number.toml": (HEADER + "[answers]\n'1' = " + "9" * 5000 + "\n").encode(),
    "surrogate.json": ("{" + JSON_HEADER + ', "case": "\\ud800"}').encode(),
    "duplicate.json": ("{" + JSON_HEADER + ', "case": "A", "case": "B"}').encode(),
    "duplicate.toml": (HEADER + 'case = "A"\ncase = "B"\n').encode(),
    "list.json": b"[]",
    "answers-five.toml": (HEADER + "answers = 5\n").encode(),
    "table-of-tables.toml": (HEADER + "[answers.'1'.value.a]\nb = { c = 1 }\n").encode(),
    "float.toml": (HEADER + "[answers]\n'1' = 1.5\n").encode(),
    "time.toml": (HEADER + "[answers]\n'1' = 10:30:00\n").encode(),
    "latin-1.toml": (HEADER + 'case = "caf\xe9"\n').encode("latin-1"),
    "utf-16.json": ("{" + JSON_HEADER + "}").encode("utf-16"),
    "empty.json": b"",
    "empty.toml": b"",
    "null.json": ("{" + JSON_HEADER + ', "case": null}').encode(),
    "extensions-text.toml": (HEADER + 'extensions = "example-cymru"\n').encode(),
    "bad-stamp.json": (
        "{" + JSON_HEADER + ', "answers": {"1": {"value": 15, "answered_at": 1}}}'
    ).encode(),
}


@pytest.mark.parametrize("name", MALFORMED)
@pytest.mark.parametrize("command", ["validate", "score", "questions"])
def test_every_command_names_the_bad_file(command: str, name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(MALFORMED[name])
    args = {
        "validate": ("validate", str(path)),
        "score": ("score", "--edition", "example", str(path)),
        "questions": ("questions", "example", "--case", str(path)),
    }[command]
    result = run(*args)
    assert result.exit_code != 0
    assert f"{path}: " in result.output


# -- what each says ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["deep.json", "deep-value.json", "deep-arrays.toml"])
def test_deep_nesting(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(MALFORMED[name])
    [problem] = problems_of(path)
    assert "nested too deeply" in problem


def test_deep_data_given_to_the_library(tmp_path: Path) -> None:
    value: Any = 1
    for _ in range(5000):
        value = {"a": value}
    with pytest.raises(CaseFileError, match="nested too deeply"):
        case_from_data({"edition": "example", "answers": {"1": value}}, "deep")


@pytest.mark.parametrize(("name", "line"), [("long-number.json", 1), ("long-number.toml", 4)])
def test_a_number_too_long_names_its_line(name: str, line: int, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(MALFORMED[name])
    assert problems_of(path) == (f"a number with more than 4300 digits at line {line}",)


def test_large_whole_numbers_pass_through_every_command(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    big = str(10**100)
    longest = "9" * 4300  # the most digits Python converts
    (folder / "a.toml").write_text(CASE_01.replace('"4" = 12', f'"4" = {big}'))
    (folder / "b.toml").write_text(
        CASE_01.replace('"4" = 12', f'"4" = {longest}').replace("EX-01", "EX-02")
    )
    assert run("validate", str(folder)).exit_code == 0
    assert run("score", "--edition", "example", str(folder)).exit_code == 0
    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("csv", "xlsx"):
        target = out / f"cases.{fmt}"
        result = run(
            "export", "--edition", "example", "--format", fmt, "-o", str(target), str(folder)
        )
        assert result.exit_code == 0, result.output
    assert longest in (out / "cases.csv").read_text(encoding="utf-8-sig")
    from openpyxl import load_workbook

    sheet = load_workbook(out / "cases.xlsx")["cases"]
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert big in values  # every digit kept, as text
    assert longest in values
    report = run("report", "--edition", "example", "-o", str(out / "r.html"), str(folder))
    assert report.exit_code == 0


def test_a_lone_surrogate_is_refused_naming_the_key(tmp_path: Path) -> None:
    path = tmp_path / "surrogate.json"
    path.write_text(
        "{" + JSON_HEADER + ', "answers": {"B 9": {"value": "ok", "note": "bad \\udc80 note"}}}'
    )
    [problem] = problems_of(path)
    assert problem.startswith('answers."B 9".note: not text')
    assert "\\udc80" in problem


def test_duplicate_json_keys_are_named_with_their_place(tmp_path: Path) -> None:
    path = tmp_path / "duplicate.json"
    path.write_text(
        "{" + JSON_HEADER + ', "case": "A", "case": "B", "answers": {"1": 15, "1": 16}}'
    )
    assert problems_of(path) == (
        'top level: the key "case" is given twice or more',
        'answers: the key "1" is given twice or more',
    )
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert f'{path}: answers: the key "1" is given twice or more' in result.stdout


def test_duplicate_toml_keys_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "duplicate.toml"
    path.write_bytes(MALFORMED["duplicate.toml"])
    [problem] = problems_of(path)
    assert problem.startswith("not valid TOML: Cannot overwrite a value (at line 4")


@pytest.mark.parametrize("name", ["case-01.toml", "case-03.json"])
def test_a_byte_order_mark_is_accepted(name: str, tmp_path: Path) -> None:
    # Excel and Notepad start UTF-8 files with one.
    source = EXAMPLE_CASES / name
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
    assert read_case(path) == read_case(source)
    assert run("validate", str(path)).exit_code == 0


def test_text_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin-1.toml"
    path.write_bytes(MALFORMED["latin-1.toml"])
    assert problems_of(path) == (
        "cannot be read: not UTF-8 text (byte 0xe9 at line 3); save it as UTF-8",
    )
    utf16 = tmp_path / "utf-16.json"
    utf16.write_bytes(MALFORMED["utf-16.json"])
    assert problems_of(utf16) == ("cannot be read: saved as UTF-16; save it as UTF-8",)


def test_extensions_that_are_not_tables(tmp_path: Path) -> None:
    path = tmp_path / "extensions-text.toml"
    path.write_bytes(MALFORMED["extensions-text.toml"])
    assert problems_of(path) == ("extensions: expected a list of tables, got 'example-cymru'",)
    table = tmp_path / "extensions-list.toml"
    table.write_text(HEADER + 'extensions = ["example-cymru"]\n')
    [problem] = problems_of(table)
    assert problem.startswith("extensions[0]: expected a table with id and version")


def test_each_problem_names_its_place_through_tables_lists_and_odd_keys() -> None:
    # The walk spells out a place only for a problem: the place must still be exact.
    data = {
        "context": {"areas": ["ok", "bad \udc80"]},
        "answers": {"1": {"value": "x", "note": [{"odd key": ["\ud800"]}]}, "\udc81": "y"},
    }
    with pytest.raises(CaseFileError) as caught:
        case_from_data(data, "given")
    assert caught.value.problems == (
        'answers."\\udc81": a key that is not text (a lone surrogate)',
        "context.areas[1]: not text: holds a lone surrogate (\\udc80), which no file can store",
        'answers."1".note[0]."odd key"[0]: not text: holds a lone surrogate (\\ud800), '
        "which no file can store",
    )
