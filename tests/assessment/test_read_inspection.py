"""Reading an inspection in the library: found, read, refused and validated, nothing printed."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

import inspectcore
from inspectcore import Edition, Inspection, InspectionProblem, read_case, read_inspection

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "example"


def test_the_example_inspection_reads_clean(
    example: Edition, capsys: pytest.CaptureFixture[str]
) -> None:
    read = read_inspection([EXAMPLES], example)
    assert read.ok
    assert read.problems == ()
    assert read.skipped == ()
    assert read.same_files == ()
    assert [name for name, _ in read.cases] == ["case-01.toml", "case-02.toml", "case-03.json"]
    assert read.paths == tuple(EXAMPLES / name for name, _ in read.cases)
    assert [routed.case for _, routed in read.cases] == [read_case(p) for p in read.paths]
    # It is what scoring takes, and scores as the files read one by one do.
    by_hand = [(path.name, read_case(path)) for path in sorted(EXAMPLES.iterdir())]
    assert inspectcore.score(example, read.cases) == inspectcore.score(example, by_hand)
    assert capsys.readouterr() == ("", "")


def test_each_problem_names_the_file_and_place(tmp_path: Path, example: Edition) -> None:
    for path in EXAMPLES.iterdir():
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "notes.txt").write_text("not a case")
    (tmp_path / "broken.toml").write_text("format = [")
    other = (EXAMPLES / "case-01.toml").read_text().replace('edition = "example"', 'edition = "x"')
    (tmp_path / "other.toml").write_text(other)
    invalid = (EXAMPLES / "case-02.toml").read_text().replace('"B 1.1" = "No"', '"B 1.1" = "Maybe"')
    assert invalid != (EXAMPLES / "case-02.toml").read_text()
    (tmp_path / "case-04.toml").write_text(invalid)  # also EX-02, as case-02.toml is

    read = read_inspection([tmp_path], example)

    assert not read.ok
    assert [(s.path.name, s.reason) for s in read.skipped] == [
        ("notes.txt", "not a .toml or .json file")
    ]
    by_file = {(p.path.name, p.where): p for p in read.problems}
    assert set(by_file) >= {
        ("broken.toml", ""),
        ("other.toml", ""),
        ("case-04.toml", "B 1.1"),
        ("case-04.toml", "case"),
    }
    assert {p.path.name for p in read.problems} == {"broken.toml", "other.toml", "case-04.toml"}
    assert "'Maybe' is not one of 'Yes', 'No'" in by_file["case-04.toml", "B 1.1"].message
    assert by_file["other.toml", ""].message == "assessed under 'x', not 'example'"
    duplicate = by_file["case-04.toml", "case"]
    assert str(duplicate) == (
        f"{tmp_path / 'case-04.toml'}:case: case reference 'EX-02' is also used by "
        f"{tmp_path / 'case-02.toml'}"
    )
    assert str(by_file["broken.toml", ""]).startswith(f"{tmp_path / 'broken.toml'}: ")
    assert "broken.toml" not in by_file["broken.toml", ""].message  # named once, by path
    # Another edition's case is not read in; an invalid one is, with its problems.
    assert [name for name, _ in read.cases] == [
        "case-01.toml",
        "case-02.toml",
        "case-03.json",
        "case-04.toml",
    ]


def test_files_given_twice_and_empty_folders_are_reported(tmp_path: Path, example: Edition) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    case = EXAMPLES / "case-01.toml"
    read = read_inspection([case, case, empty], example)
    assert not read.ok
    assert read.problems == ()
    assert [(s.first, s.second) for s in read.same_files] == [(case, case)]
    assert read.empty_folders == (empty,)
    assert len(read.cases) == 1


def test_progress_wraps_the_files_read(example: Edition) -> None:
    seen: list[Path] = []

    def progress(files: object) -> list[Path]:
        assert isinstance(files, Sequence)  # with a length, for a progress bar
        seen.extend(files)
        return list(files)[:1]  # what it yields is what is read

    read = read_inspection([EXAMPLES], example, progress=progress)
    assert len(seen) == 3
    assert read.paths == (seen[0],)


def test_a_problem_without_a_place() -> None:
    problem = InspectionProblem(Path("a.toml"), "", "unreadable")
    assert str(problem) == "a.toml: unreadable"
    assert Inspection.__doc__
