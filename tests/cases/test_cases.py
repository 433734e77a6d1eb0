"""Case files: lossless round trips, atomic writing, and readable errors for bad files."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest

from inspectcore import (
    Answer,
    AppliedExtension,
    CaseAssessment,
    CaseFileError,
    EditionRef,
    PerOption,
    case_from_data,
    dumps_case,
    read_case,
    read_case_file,
    write_case,
)

EXAMPLE_CASES = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "example"
EXAMPLE_FILES = sorted(p for p in EXAMPLE_CASES.iterdir() if p.suffix in (".toml", ".json"))
HEADER = 'format = "inspectcore-case/1"\nedition = "example"\n'

LONDON = dt.timezone(dt.timedelta(hours=1))


def rich_case() -> CaseAssessment:
    """A case using every feature of the file format."""
    return CaseAssessment(
        edition=EditionRef("example", "1.0"),
        case="EX-99",
        extensions=[AppliedExtension("example-cymru", "0.1", "inspectcore-example")],
        context={"programme": "FULL", "country": "Wales"},
        answers=[
            Answer("1", 16, answered_at=dt.datetime(2026, 2, 1, 9, 0)),
            Answer("3", "2025-10-06"),
            Answer("4", 999, note="indeterminate"),
            Answer(
                "5",
                ["Education", "Family"],
                note="two factors",
                answered_at=dt.datetime(2026, 2, 1, 9, 5, 30, 123456),
            ),
            Answer(
                "B 1.4",
                PerOption((("Education", "Yes"), ("Family", "No"))),
                note="per factor",
                answered_at=dt.datetime(2026, 2, 1, 9, 10, tzinfo=LONDON),
            ),
            Answer("B 1.2", ("Reasons not analysed", "Other")),
            Answer("B 9", 'Line one\nline two with "quotes" and ünïcödé', note="multi-line"),
            Answer("X", PerOption((("a", ("p", "q")), ("b", 3)))),
        ],
        assessor="Inspector Q",
        assessed_on="2026-02-01",
    )


# -- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("source", EXAMPLE_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("kind", ["toml", "json"])
def test_example_files_round_trip(source: Path, kind: str, tmp_path: Path) -> None:
    original = read_case(source)
    assert original.answers, "the example file should hold answers"
    target = tmp_path / f"copy.{kind}"
    write_case(original, target)
    again = read_case(target)
    assert again == original
    # and a second trip writes the same text
    second = tmp_path / f"second.{kind}"
    write_case(again, second)
    assert second.read_text(encoding="utf-8") == target.read_text(encoding="utf-8")


def test_example_file_values_are_read_as_written() -> None:
    case = read_case(EXAMPLE_CASES / "case-02.toml")
    assert case.edition == EditionRef("example", "1.0")
    assert case.fact("programme") == "FULL"
    multiple = case.answer("B 1.2")
    assert multiple is not None
    assert multiple.value == ("Child's views not recorded", "Other")
    per_option = case.answer("B 1.4")
    assert per_option is not None
    assert isinstance(per_option.value, PerOption)
    assert per_option.value.get("Substance misuse") == "Yes"
    narrative = case.answer("B 9")
    assert narrative is not None
    assert narrative.note == "Confirmed with the case manager."
    stamped = read_case(EXAMPLE_CASES / "case-03.json").answer("B 1.4")
    assert stamped is not None
    assert stamped.answered_at == dt.datetime(2026, 2, 5, 10, 30)


@pytest.mark.parametrize("kind", ["toml", "json"])
def test_rich_case_round_trips(kind: str, tmp_path: Path) -> None:
    case = rich_case()
    path = tmp_path / f"case.{kind}"
    write_case(case, path)
    again = read_case(path)
    assert again == case
    five = again.answer("5")
    assert five is not None
    assert five.value == ("Education", "Family")
    assert five.note == "two factors"
    assert five.answered_at == dt.datetime(2026, 2, 1, 9, 5, 30, 123456)
    per_option = again.answer("B 1.4")
    assert per_option is not None
    assert per_option.answered_at is not None
    assert per_option.answered_at.utcoffset() == dt.timedelta(hours=1)
    nested = again.answer("X")
    assert nested is not None
    assert isinstance(nested.value, PerOption)
    assert nested.value.get("a") == ("p", "q")
    assert again.extensions == (AppliedExtension("example-cymru", "0.1", "inspectcore-example"),)


def test_toml_and_json_give_the_same_case(tmp_path: Path) -> None:
    case = rich_case()
    write_case(case, tmp_path / "a.toml")
    write_case(case, tmp_path / "a.json")
    assert read_case(tmp_path / "a.toml") == read_case(tmp_path / "a.json")


def test_json_is_plain_json_with_iso_timestamps() -> None:
    data = json.loads(dumps_case(rich_case(), "json"))
    assert data["answers"]["1"]["answered_at"] == "2026-02-01T09:00:00"
    assert data["answers"]["5"]["value"] == ["Education", "Family"]
    assert data["answers"]["B 1.4"]["value"] == {"Education": "Yes", "Family": "No"}
    assert data["format"] == "inspectcore-case/1"


def test_toml_dates_are_kept_as_iso_text(tmp_path: Path) -> None:
    path = tmp_path / "dated.toml"
    path.write_text(HEADER + 'assessed_on = 2026-02-03\n[answers]\n"3" = 2025-10-06\n')
    case = read_case(path)
    assert case.assessed_on == "2026-02-03"
    answer = case.answer("3")
    assert answer is not None
    assert answer.value == "2025-10-06"


def test_with_answer_replaces_or_appends() -> None:
    case = CaseAssessment(EditionRef("example"), answers=[Answer("1", 12), Answer("2", "x")])
    replaced = case.with_answer(Answer("1", 13))
    assert [a.question for a in replaced.answers] == ["1", "2"]
    assert replaced.answer("1") == Answer("1", 13)
    appended = case.with_answer(Answer("3", "2025-01-01"))
    assert [a.question for a in appended.answers] == ["1", "2", "3"]


# -- atomic writing --------------------------------------------------------------------------


def test_write_case_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "case.toml"
    write_case(rich_case(), target)
    write_case(rich_case(), target)  # replacing an existing file too
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.toml"]


def test_failed_replace_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "case.toml"
    target.write_text("old content\n", encoding="utf-8")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk gone"):
        write_case(rich_case(), target)
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.toml"]


def test_failure_while_writing_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "case.json"
    target.write_text('{"old": true}\n', encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError("no space left")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="no space left"):
        write_case(rich_case(), target)
    assert target.read_text(encoding="utf-8") == '{"old": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.json"]


def test_unserialisable_case_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "case.toml"
    target.write_text("old content\n", encoding="utf-8")
    bad = CaseAssessment(EditionRef("example"), answers=[Answer("1", object())])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        write_case(bad, target)
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.toml"]


def test_new_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "case.toml"
    write_case(rich_case(), target)
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o644 & ~umask


def test_replacing_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "case.toml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)
    write_case(rich_case(), target)
    assert target.stat().st_mode & 0o777 == 0o600
    assert read_case(target) == rich_case()


# -- malformed files -------------------------------------------------------------------------


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def read_error(path: Path) -> CaseFileError:
    with pytest.raises(CaseFileError) as info:
        read_case(path)
    error = info.value
    assert error.path == str(path)
    assert str(path) in str(error)
    assert error.problems
    return error


CASE_KEYS = (
    "edition, format, edition_version, case, assessor, assessed_on, extensions, context, answers"
)
"""The keys a case file may hold, as unknown-key messages list them."""


def test_unknown_top_level_key(tmp_path: Path) -> None:
    error = read_error(write(tmp_path, "c.toml", HEADER + 'colour = "red"\n'))
    assert error.problems == (f"top level: unknown key(s) 'colour' (allowed: {CASE_KEYS})",)


def test_unknown_key_in_answer_table(tmp_path: Path) -> None:
    text = HEADER + '[answers."6a"]\nvalue = "Yes"\ncomment = "x"\n'
    error = read_error(write(tmp_path, "c.toml", text))
    assert error.problems == (
        "answers.\"6a\": unknown key(s) 'comment' (allowed: value, note, answered_at, source)",
    )


def test_answer_table_without_value(tmp_path: Path) -> None:
    text = HEADER + '[answers]\n"B 1.4" = { Education = "Yes" }\n'
    error = read_error(write(tmp_path, "c.toml", text))
    [problem] = error.problems
    assert problem.startswith('answers."B 1.4": ')
    assert "'value'" in problem
    assert "_Raw" not in problem  # no internal names in user messages


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('[answers]\n"6a" = true\n', 'answers."6a": '),
        ('[answers."6a"]\nvalue = false\n', 'answers."6a".value: '),
        ("[context]\nprogramme = true\n", 'context."programme": '),
        ('[answers]\n"B 1.4" = { value = { Education = true } }\n', 'answers."B 1.4".value: '),
    ],
)
def test_boolean_value(tmp_path: Path, text: str, where: str) -> None:
    error = read_error(write(tmp_path, "c.toml", HEADER + text))
    [problem] = error.problems
    assert problem.startswith(where)
    assert "true/false" in problem
    assert "_Raw" not in problem


def test_bad_timestamp(tmp_path: Path) -> None:
    text = HEADER + '[answers."6a"]\nvalue = "Yes"\nanswered_at = "yesterday"\n'
    error = read_error(write(tmp_path, "c.toml", text))
    [problem] = error.problems
    assert problem.startswith('answers."6a".answered_at: ')


def test_missing_extension_version(tmp_path: Path) -> None:
    text = HEADER + '[[extensions]]\nid = "example-cymru"\n'
    error = read_error(write(tmp_path, "c.toml", text))
    assert error.problems == ("extensions[0] (id 'example-cymru').version: required field missing",)


def test_several_problems_are_all_reported(tmp_path: Path) -> None:
    text = HEADER + 'colour = "red"\n[answers."6a"]\nnote = "no value"\n'
    error = read_error(write(tmp_path, "c.toml", text))
    assert len(error.problems) == 2
    assert any(p.startswith("top level:") for p in error.problems)
    assert any(p.startswith('answers."6a"') for p in error.problems)


def test_wrong_format_string(tmp_path: Path) -> None:
    text = 'format = "inspectcore-case/2"\nedition = "example"\n'
    error = read_error(write(tmp_path, "c.toml", text))
    assert error.problems == ("format: expected 'inspectcore-case/1', got 'inspectcore-case/2'",)


def test_missing_edition(tmp_path: Path) -> None:
    error = read_error(write(tmp_path, "c.json", '{"format": "inspectcore-case/1"}'))
    assert error.problems == ("edition: required field missing",)


def test_bad_toml_names_the_line(tmp_path: Path) -> None:
    text = HEADER + "[answers]\n" + '"1" = 12\n' + '"2" = \n'
    error = read_error(write(tmp_path, "c.toml", text))
    [problem] = error.problems
    assert problem.startswith("not valid TOML: ")
    assert "line 5" in problem


def test_bad_json_names_line_and_column(tmp_path: Path) -> None:
    text = '{\n  "format": "inspectcore-case/1",\n  "edition": "example",\n  "answers": {,}\n}\n'
    error = read_error(write(tmp_path, "c.json", text))
    [problem] = error.problems
    assert problem.startswith("not valid JSON: ")
    assert re.search(r"line 4, column 15", problem), problem


def test_json_top_level_must_be_an_object(tmp_path: Path) -> None:
    error = read_error(write(tmp_path, "c.json", "[1, 2]"))
    assert error.problems == ("expected a table/object at the top level",)


@pytest.mark.parametrize("name", ["case.yaml", "case", "case.txt"])
def test_unsupported_suffix(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, HEADER)
    error = read_error(path)
    assert "expected a .toml or .json file" in error.problems[0]
    with pytest.raises(CaseFileError, match=r"expected a \.toml or \.json file"):
        write_case(rich_case(), tmp_path / "out.yaml")
    assert not (tmp_path / "out.yaml").exists()


def test_missing_file(tmp_path: Path) -> None:
    error = read_error(tmp_path / "nowhere.toml")
    assert error.problems[0].startswith("cannot be read: ")


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(HEADER.encode() + b'case = "caf\xe9"\n')
    error = read_error(path)
    assert error.problems[0].startswith("cannot be read: ")


def test_case_from_data_names_the_source() -> None:
    with pytest.raises(CaseFileError) as info:
        case_from_data({"format": "inspectcore-case/1", "edition": "example", "x": 1}, "api")
    assert info.value.path == "api"
    assert str(info.value) == f"api: top level: unknown key(s) 'x' (allowed: {CASE_KEYS})"


# -- line numbers ----------------------------------------------------------------------------


def test_line_of_in_toml() -> None:
    source = read_case_file(EXAMPLE_CASES / "case-02.toml")
    lines = source.text.splitlines()
    for question in ("1", "5", "B 1.1", "B 1.4", "B 9"):
        line = source.line_of(question)
        assert line is not None, question
        assert f'"{question}"' in lines[line - 1], question
    assert lines[source.line_of("B 9") - 1] == '[answers."B 9"]'  # type: ignore[operator]
    assert source.line_of("Z 99") is None


def test_line_of_in_json() -> None:
    source = read_case_file(EXAMPLE_CASES / "case-03.json")
    lines = source.text.splitlines()
    for question in ("1", "4", "B 1.3", "B 1.4", "C 2"):
        line = source.line_of(question)
        assert line is not None, question
        assert lines[line - 1].strip().startswith(f'"{question}":'), question
    assert source.line_of("6b") is None


@pytest.mark.parametrize("kind", ["toml", "json"])
def test_line_of_in_written_files(kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"case.{kind}"
    write_case(rich_case(), path)
    source = read_case_file(path)
    lines = source.text.splitlines()
    seen = set()
    for answer in rich_case().answers:
        line = source.line_of(answer.question)
        assert line is not None, answer.question
        assert answer.question in lines[line - 1]
        seen.add(line)
    assert len(seen) == len(rich_case().answers)


def test_line_of_finds_each_answer_header_and_key_in_one_index(tmp_path: Path) -> None:
    from inspectcore import read_case_file

    text = "\n".join(
        [
            'format = "inspectcore-case/1"',
            'edition = "example"',
            'edition_version = "1.0"',
            'case = "EX-09"',
            "[answers]",
            '"B 1.1" = "No"',
            'B9x = "bare key"',
            '[answers."B 9"]',
            'value = "text"',
            '[answers."B 1.4".value]',
            '"Substance misuse" = "Yes"',
            '"B 1.1" = "later, not the first"',
        ]
    )
    path = tmp_path / "case.toml"
    path.write_text(text + "\n")
    source = read_case_file(path)
    assert source.line_of("B 1.1") == 6
    assert source.line_of("B9x") == 7
    assert source.line_of("B 9") == 8
    assert source.line_of("B 1.4") == 10
    assert source.line_of("B 1.2") is None
