"""score --jobs: case files read over several processes give the very same output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

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
