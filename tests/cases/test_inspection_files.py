"""Reading an inspection's folder: nothing skipped silently, no case counted twice."""

from __future__ import annotations

import os
import shutil
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from inspectcore.cli import cli
from inspectcore.testing import use_entry_points

EXAMPLE_CASES = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "example"
COMMANDS = {
    "validate": ("validate",),
    "score": ("score", "--edition", "example"),
    "report": ("report", "--edition", "example", "-o", "{out}/report.html"),
    "export": ("export", "--edition", "example", "--format", "csv", "-o", "{out}/cases.csv"),
}


def example_entry_points(*, group: str) -> list[Any]:
    return [e for e in entry_points(group=group) if e.dist and e.dist.name == "inspectcore-example"]


@pytest.fixture(autouse=True)
def only_example_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    use_entry_points(monkeypatch, example_entry_points)


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def command(name: str, tmp_path: Path, *paths: Path) -> Result:
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    args = [a.format(out=out) for a in COMMANDS[name]]
    return run(*args, *map(str, paths))


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    """A copy of the example inspection's three case files."""
    folder = tmp_path / "cases"
    shutil.copytree(EXAMPLE_CASES, folder)
    return folder


@pytest.mark.parametrize("name", COMMANDS)
def test_upper_case_suffixes_are_case_files(name: str, cases: Path, tmp_path: Path) -> None:
    (cases / "case-01.toml").rename(cases / "CASE-01.TOML")
    (cases / "case-03.json").rename(cases / "case-03.Json")
    result = command(name, tmp_path, cases)
    assert result.exit_code == 0, result.output
    assert "skipped" not in result.stderr
    counted = {
        "validate": "3 of 3 file(s) valid",
        "score": "3 case(s) scored",
        "report": "3 case(s) scored",
        "export": "(3 case(s)",
    }
    assert counted[name] in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_other_files_are_listed_as_skipped_on_stderr(
    name: str, cases: Path, tmp_path: Path
) -> None:
    (cases / "README.md").write_text("about these cases")
    (cases / ".DS_Store").write_bytes(b"\0")
    (cases / ".case-01.toml.k2j3h4.tmp").write_text("half a case")
    (cases / "notes.txt").write_text("notes")
    result = command(name, tmp_path, cases)
    assert result.exit_code == 0, result.output
    assert "skipped 4 path(s) that are not case files:" in result.stderr
    assert f"  {cases / 'README.md'}: not a .toml or .json file" in result.stderr
    assert f"  {cases / 'notes.txt'}: not a .toml or .json file" in result.stderr
    assert f"  {cases / '.DS_Store'}: hidden" in result.stderr
    assert f"  {cases / '.case-01.toml.k2j3h4.tmp'}: a temporary file" in result.stderr
    assert "README" not in result.stdout


def test_a_fifo_in_a_folder_is_skipped_never_opened(cases: Path, tmp_path: Path) -> None:
    os.mkfifo(cases / "pipe.toml")
    result = command("score", tmp_path, cases)  # opening the FIFO would hang here
    assert result.exit_code == 0, result.output
    assert f"{cases / 'pipe.toml'}: a named pipe (FIFO), not a case file" in result.stderr
    assert "3 case(s) scored" in result.stdout


def test_a_fifo_named_directly_is_an_error_not_a_hang(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)
    result = run("validate", str(pipe))
    assert result.exit_code == 1
    assert f"{pipe}: cannot be read: a named pipe (FIFO), not a case file" in result.stdout
    questions = run("questions", "example", "--case", str(pipe))
    assert questions.exit_code == 1
    assert f"{pipe}: cannot be read: a named pipe (FIFO)" in questions.stderr


def test_links_inside_a_folder_are_skipped_with_the_reason(cases: Path, tmp_path: Path) -> None:
    (cases / "again.toml").symlink_to(cases / "case-01.toml")
    (cases / "loop").symlink_to(cases, target_is_directory=True)
    result = command("score", tmp_path, cases)
    assert result.exit_code == 0, result.output
    assert "3 case(s) scored" in result.stdout
    assert f"{cases / 'again.toml'}: a symbolic link" in result.stderr
    assert f"{cases / 'loop'}: a symbolic link" in result.stderr


def test_a_link_named_directly_is_followed(cases: Path, tmp_path: Path) -> None:
    link = tmp_path / "inspection"
    link.symlink_to(cases, target_is_directory=True)
    result = command("score", tmp_path, link)
    assert result.exit_code == 0, result.output
    assert "3 case(s) scored" in result.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_the_same_file_given_twice_is_a_usage_error(name: str, cases: Path, tmp_path: Path) -> None:
    one = cases / "case-01.toml"
    result = command(name, tmp_path, cases, one)
    assert result.exit_code == 2
    assert f"{one} is given twice" in result.stderr
    assert not (tmp_path / "out" / "report.html").exists()
    link = tmp_path / "link.toml"
    link.symlink_to(one)
    through_link = command(name, tmp_path, cases, link)
    assert through_link.exit_code == 2
    assert f"{one} and {link} are the same file" in through_link.stderr


@pytest.mark.parametrize("name", COMMANDS)
def test_two_files_of_one_case_are_an_error(name: str, cases: Path, tmp_path: Path) -> None:
    text = (cases / "case-01.toml").read_text(encoding="utf-8")
    (cases / "copy.toml").write_text(text, encoding="utf-8")
    result = command(name, tmp_path, cases)
    assert result.exit_code == 1
    first, second = cases / "case-01.toml", cases / "copy.toml"
    output = result.stdout + result.stderr
    assert f"{second}:case: case reference 'EX-01' is also used by {first}" in output
    assert "scored" not in result.stdout
    assert not list((tmp_path / "out").iterdir())


@pytest.mark.parametrize("name", COMMANDS)
def test_a_folder_without_case_files_is_an_error(name: str, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("no cases here")
    result = command(name, tmp_path, empty)
    assert result.exit_code == 2
    assert f"no .toml or .json case files in {empty}" in result.stderr
    assert f"{empty / 'notes.txt'}: not a .toml or .json file" in result.stderr


@pytest.mark.parametrize("name", COMMANDS)
def test_a_missing_path_is_named(name: str, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    result = command(name, tmp_path, missing)
    assert result.exit_code == 1
    assert f"{missing}: cannot be read: No such file or directory" in result.output


def test_an_unreadable_folder_is_listed_as_skipped(
    cases: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, whom permissions do not stop: refuse the folder here.
    locked = cases / "locked"
    locked.mkdir()
    scandir = os.scandir

    def refusing(path: str | os.PathLike[str]) -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    result = command("score", tmp_path, cases)
    assert result.exit_code == 0, result.output
    assert f"  {locked}: cannot be read: Permission denied" in result.stderr
    assert "skipped 1 path(s)" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_folder_is_listed_as_skipped_for_real(cases: Path, tmp_path: Path) -> None:
    locked = cases / "locked"
    locked.mkdir(mode=0)
    try:
        result = command("score", tmp_path, cases)
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 0, result.output
    assert f"  {locked}: cannot be read: Permission denied" in result.stderr


def test_the_library_reports_what_it_found(cases: Path) -> None:
    from inspectcore import SameFile, Skipped, find_case_files

    (cases / "sub").mkdir()
    (cases / "sub" / "b.JSON").write_text("{}")
    (cases / "README.md").write_text("")
    found = find_case_files([cases, cases / "sub" / "b.JSON", cases / "none.toml"])
    assert [p.relative_to(cases).as_posix() for p in found.files[:4]] == [
        "case-01.toml", "case-02.toml", "case-03.json", "sub/b.JSON",
    ]  # fmt: skip
    assert found.files[4] == cases / "none.toml"  # named: reading it says what is wrong
    assert found.skipped == (Skipped(cases / "README.md", "not a .toml or .json file"),)
    assert found.same_files == (SameFile(cases / "sub" / "b.JSON", cases / "sub" / "b.JSON"),)
    assert found.empty_folders == ()
