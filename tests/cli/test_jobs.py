"""--jobs (score, report, export, validate): case files read over several processes give the
very same output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import inspectcore
from inspectcore._assessment import parallel
from inspectcore.cli import cli

CARAG = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "carag2024"


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_score_over_two_processes_is_byte_for_byte_that_of_one(fmt: str) -> None:
    one = run("score", CARAG, "--edition", "carag2024", "--format", fmt, "--jobs", "1")
    two = run("score", CARAG, "--edition", "carag2024", "--format", fmt, "--jobs", "2")
    assert one[0] == 0
    assert two == one


def test_the_problems_of_a_parallel_reading_are_those_of_one_in_file_order(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "cases"
    shutil.copytree(CARAG, folder)
    (folder / "case-002.toml").write_text("not = [valid", encoding="utf-8")
    text = (folder / "case-003.toml").read_text(encoding="utf-8")
    (folder / "case-009.toml").write_text(text, encoding="utf-8")  # case-003's reference
    (folder / "case-005.toml").write_text(
        text.replace('edition = "carag2024"', 'edition = "cag2016"'), encoding="utf-8"
    )
    one = run("score", folder, "--edition", "carag2024", "--jobs", "1")
    two = run("score", folder, "--edition", "carag2024", "--jobs", "3")
    assert one[0] == 1
    for said in ("case-002.toml", "case-009.toml", "cag2016"):
        assert said in one[2]
    assert two == one


def test_by_default_a_folder_above_the_threshold_is_read_over_processes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert parallel.jobs_for(None, parallel.PARALLEL_THRESHOLD - 1) == 1
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert parallel.jobs_for(None, parallel.PARALLEL_THRESHOLD) == 2
    assert parallel.jobs_for(3, 1) == 3
    one = run("score", CARAG, "--edition", "carag2024", "--format", "json", "--jobs", "1")
    used: list[int] = []
    real = parallel.read_parallel

    def counting(*args: object) -> object:
        used.append(args[2])  # type: ignore[arg-type]
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr("inspectcore._assessment.inspection.read_parallel", counting)
    assert run("score", CARAG, "--edition", "carag2024", "--format", "json") == one
    assert used == [2]


def test_over_processes_what_the_progress_wrapper_yields_is_what_is_read() -> None:
    from inspectcore import InspectionReader, resolve_edition

    edition = resolve_edition("carag2024")
    reader = InspectionReader([CARAG], edition, progress=lambda files: list(files)[3:5], jobs=2)
    assert [path.name for path, _ in reader] == ["case-004.toml", "case-005.toml"]
    assert reader.read == 2


def _messy(tmp_path: Path) -> Path:
    """The bundled inspections with problems of every kind validate finds across files."""
    folder = tmp_path / "inspections"
    shutil.copytree(CARAG.parent, folder)
    carag, cag = folder / "carag2024", folder / "cag2016"
    (carag / "case-bad.toml").write_text('edition = "carag2024"\nbroken = [\n', encoding="utf-8")
    text = (carag / "case-003.toml").read_text(encoding="utf-8")
    (carag / "case-dup.toml").write_text(text, encoding="utf-8")  # case-003's reference
    (carag / "case-none.toml").write_text(
        text.replace('edition = "carag2024"', 'edition = "nosuch"'), encoding="utf-8"
    )
    (cag / "inspection.toml").write_text(
        'edition = "cag2016"\n[context]\nprogramme = "OOCD"\n', encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize("flags", [(), ("--json",), ("--strict",), ("--strict", "--json")])
def test_validate_over_processes_is_byte_for_byte_that_of_one(
    tmp_path: Path, flags: tuple[str, ...]
) -> None:
    folder = _messy(tmp_path)
    one = run("validate", folder, *flags, "--jobs", "1")
    assert one[0] == 1
    for said in ("case-bad.toml", "nosuch", "is also used by", "inspection.toml gives"):
        assert said in one[1]
    assert run("validate", folder, *flags, "--jobs", "2") == one
    assert run("validate", folder, *flags, "--jobs", "3") == one


def test_validate_prints_each_files_problems_once_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    first = (CARAG / "case-001.toml").read_text(encoding="utf-8")
    (folder / "a.toml").write_text(first.replace('edition = "carag2024"', 'edition = "x"'))
    (folder / "b.toml").write_text(first, encoding="utf-8")
    real = inspectcore.read_case_file

    def failing_on_b(path: Path) -> object:
        if path.name == "b.toml":
            raise RuntimeError("stop here")
        return real(path)

    monkeypatch.setattr(inspectcore, "read_case_file", failing_on_b)
    result = CliRunner().invoke(cli, ["validate", str(folder), "--jobs", "1"])
    assert isinstance(result.exception, RuntimeError)
    # a.toml's problem was printed before b.toml was read, not held until the end.
    assert result.stdout == f"{folder / 'a.toml'}:edition: no edition 'x' is installed" + (
        " (installed: cag2016, carag2024, example, example-next)\n"
    )


@pytest.mark.parametrize(
    "command",
    [
        ("report", "-o"),
        ("export", "--format", "csv", "-o"),
        ("export", "--format", "xlsx", "-o"),
    ],
)
def test_report_and_export_over_processes_write_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    used: list[int] = []
    real = parallel.read_parallel

    def counting(*args: object) -> object:
        used.append(args[2])  # type: ignore[arg-type]
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr("inspectcore._assessment.inspection.read_parallel", counting)
    one, two = tmp_path / "one", tmp_path / "two"
    said_one = run(*command, one, CARAG, "--edition", "carag2024", "--jobs", "1")
    said_two = run(*command, two, CARAG, "--edition", "carag2024", "--jobs", "2")
    assert said_one[0] == 0
    assert said_two == (said_one[0], said_one[1].replace(str(one), str(two)), said_one[2])
    assert _contents(two) == _contents(one)
    assert used == [2]


def _contents(path: Path) -> dict[str, bytes]:
    """A file's bytes; an xlsx file's members but its creation time (docProps/core.xml),
    so that two written in different seconds compare equal."""
    import zipfile

    if not zipfile.is_zipfile(path):
        return {"": path.read_bytes()}
    with zipfile.ZipFile(path) as book:
        return {n: book.read(n) for n in book.namelist() if n != "docProps/core.xml"}


def test_validate_reads_over_processes_as_many_as_jobs_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    used: list[int] = []
    real = inspectcore.in_processes

    def counting(*args: object, **kwargs: object) -> object:
        used.append(args[2])  # type: ignore[arg-type]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(inspectcore, "in_processes", counting)
    assert run("validate", CARAG, "--jobs", "1")[0] == 0
    assert used == []
    assert run("validate", CARAG, "--jobs", "2")[0] == 0
    assert used == [2]


@pytest.mark.parametrize(
    "items",
    [[], [{}], [{"file": "a", "problems": []}, {"x": [1, {"y": "\u202e\n"}], "z": None}]],
)
def test_a_json_list_printed_item_by_item_is_the_text_of_the_whole_list(
    items: list[object],
) -> None:
    import click

    from inspectcore.cli._common import JsonList, echo_json

    @click.command()
    def whole() -> None:
        echo_json(items)

    @click.command()
    def by_item() -> None:
        listing = JsonList()
        for item in items:
            listing.add(item)
        listing.close()

    expected = CliRunner().invoke(whole).stdout
    assert CliRunner().invoke(by_item).stdout == expected
