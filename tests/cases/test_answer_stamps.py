"""Answer stamps with and without a UTC offset, in one case: compared by one rule."""

from __future__ import annotations

import datetime as dt
import shutil
import time
import tomllib
from collections.abc import Iterator
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from inspectcore import Edition, ProblemCode, case_from_data, validate
from inspectcore.cli import cli
from inspectcore.testing import use_entry_points

EXAMPLE_CASES = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "example"
CASE_01 = (EXAMPLE_CASES / "case-01.toml").read_text(encoding="utf-8")


def example_entry_points(*, group: str) -> list[Any]:
    return [e for e in entry_points(group=group) if e.dist and e.dist.name == "inspectcore-example"]


@pytest.fixture(autouse=True)
def only_example_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    use_entry_points(monkeypatch, example_entry_points)


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def two_hours_east(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's local time is UTC+2 (POSIX spells it Etc/GMT-2)."""
    monkeypatch.setenv("TZ", "Etc/GMT-2")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


MIXED = CASE_01.replace(
    '"5" = ["Education", "Family"]',
    '"5" = { value = ["Education", "Family"], answered_at = 2026-02-01T10:00:00Z }',
).replace(
    '"B 1.4" = { value = { Education = "Yes", Family = "No" } }',
    '"B 1.4" = { value = { Education = "Yes", Family = "No" }, answered_at = 2026-02-01T11:00:00 }',
)
"""B 1.4 answered at 11:00 local time (09:00 UTC here), before 5 changed at 10:00 UTC."""


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    folder = tmp_path / "mixed"
    shutil.copytree(EXAMPLE_CASES, folder)
    (folder / "case-01.toml").write_text(MIXED, encoding="utf-8")
    return folder


@pytest.mark.usefixtures("two_hours_east")
def test_validate_compares_mixed_stamps_as_local_time(mixed: Path) -> None:
    result = run("validate", str(mixed))
    assert result.exit_code == 0
    assert f"{mixed / 'case-01.toml'}:B 1.4: warning: answered before 5 changed" in result.stdout


@pytest.mark.usefixtures("two_hours_east")
@pytest.mark.parametrize("command", ["score", "report", "export"])
def test_commands_read_mixed_stamps(command: str, mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    args = {
        "score": ("score", "--edition", "example"),
        "report": ("report", "--edition", "example", "-o", str(out / "r.html")),
        "export": ("export", "--edition", "example", "--format", "csv", "-o", str(out / "c.csv")),
    }[command]
    result = run(*args, str(mixed))
    assert result.exit_code == 0, result.output


@pytest.mark.usefixtures("two_hours_east")
def test_the_library_compares_mixed_stamps(example: Edition) -> None:
    from inspectcore import comparable_time

    case = case_from_data(tomllib.loads(MIXED))
    [problem] = validate(example, case)
    assert problem.code is ProblemCode.NEEDS_REVIEW
    assert problem.question == "B 1.4"
    naive, aware = dt.datetime(2026, 2, 1, 11, 0), dt.datetime(2026, 2, 1, 9, 0, tzinfo=dt.UTC)
    assert comparable_time(naive) == comparable_time(aware)
    assert comparable_time(dt.datetime(1, 1, 1)) < comparable_time(naive)  # no OverflowError
