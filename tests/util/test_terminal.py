"""Text from case files is never obeyed by a terminal: controls are shown as escapes."""

from __future__ import annotations

import json
import shutil
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from inspectcore.cli import cli
from inspectcore.testing import use_entry_points

EXAMPLE_CASES = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "example"
CASE_01 = (EXAMPLE_CASES / "case-01.toml").read_text(encoding="utf-8")
RAW = ("\x1b", "\x07", "\r", "\x9b", "\u202e")
"""Characters that must never reach the terminal as they are."""


def example_entry_points(*, group: str) -> list[Any]:
    return [e for e in entry_points(group=group) if e.dist and e.dist.name == "inspectcore-example"]


@pytest.fixture(autouse=True)
def only_example_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    use_entry_points(monkeypatch, example_entry_points)


def run(*args: str, input: str | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    return result


def assert_shown_not_obeyed(output: str) -> None:
    for raw in RAW:
        assert raw not in output, repr(raw)


def test_printable() -> None:
    from inspectcore import printable

    assert printable("a\x1b[2Jb\x07c\rd") == "a\\x1b[2Jb\\x07c\\rd".replace("\\r", "\\x0d")
    assert printable("\x9b\x7f\u202e\ud800") == "\\x9b\\x7f\\u202e\\ud800"
    assert printable("one\ttwo\nthree") == "one\ttwo\\x0athree"
    assert printable("one\ttwo\nthree", keep="\n\t") == "one\ttwo\nthree"
    assert printable("Gwasanaeth ieuenctid — “dyfynnu”") == "Gwasanaeth ieuenctid — “dyfynnu”"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A case whose reference, an answer and a note hold terminal escape codes."""
    path = tmp_path / "hostile.toml"
    text = CASE_01.replace('case = "EX-01"', 'case = "EX\\u001b[2J\\u009b01"')
    text = text.replace('"6a" = "No"', '"6a" = { value = "No\\u001b]0;pwned\\u0007", note = "x" }')
    text = text.replace('"1" = 15', '"1" = { value = 15, note = "see\\r\\u202eoverwritten" }')
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_reports_and_escapes(hostile: Path) -> None:
    result = run("validate", str(hostile))
    assert result.exit_code == 1
    assert_shown_not_obeyed(result.output)
    assert f"{hostile}:case: the case holds control characters (\\x1b, \\x9b)" in result.stdout
    assert f"{hostile}:6a: the answer holds control characters (\\x1b, \\x07)" in result.stdout
    assert f"{hostile}:1: warning: the note holds control characters" in result.stdout
    data = json.loads(run("validate", "--json", str(hostile)).stdout)
    codes = {p["code"] for p in data[0]["problems"]}
    assert "control-characters" in codes


def test_json_output_escapes_what_json_dumps_leaves(tmp_path: Path) -> None:
    path = tmp_path / "c1\x9b.toml"
    path.write_text(CASE_01, encoding="utf-8")
    result = run("validate", "--json", str(path))
    assert "\x9b" not in result.stdout
    assert "\\u009b" in result.stdout
    assert json.loads(result.stdout)[0]["file"] == str(path)  # the same JSON


def test_score_lists_problems_escaped(hostile: Path) -> None:
    result = run("score", "--edition", "example", str(hostile))
    assert result.exit_code == 1
    assert_shown_not_obeyed(result.output)
    assert f"{hostile}:case: the case holds control characters" in result.stderr


def test_questions_for_a_case_escapes_its_answers(hostile: Path) -> None:
    result = run("questions", "example", "--case", str(hostile))
    assert result.exit_code == 0
    assert_shown_not_obeyed(result.output)
    assert "\\x1b]0;pwned\\x07" in result.stdout or "\\u001b]0;pwned" in result.stdout


def test_file_names_are_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    shutil.copytree(EXAMPLE_CASES, folder)
    (folder / "notes\x1b[2J.txt").write_text("")
    result = run("score", "--edition", "example", str(folder))
    assert result.exit_code == 0
    assert_shown_not_obeyed(result.output)
    assert "notes\\x1b[2J.txt: not a .toml or .json file" in result.stderr
    missing = run("validate", str(tmp_path / "gone\x07.toml"))
    assert_shown_not_obeyed(missing.output)
    assert "gone\\x07.toml: cannot be read" in missing.stdout


def test_assess_escapes_the_reference_answers_and_notes(hostile: Path) -> None:
    result = run("assess", "example", str(hostile), input="g 1\n\ng 6a\n\nq\n")
    assert "The current answer cannot be kept: 'No\\x1b]0;pwned\\x07' is not one of" in (
        result.stdout
    )
    assert_shown_not_obeyed(result.output)
    assert "Case EX\\x1b[2J\\x9b01 in" in result.stdout
    assert "Note: see\\x0d\\u202eoverwritten" in result.stdout
    assert "Current answer: No\\x1b]0;pwned\\x07" in result.stdout


def test_every_unsafe_character_is_unprintable_so_printable_text_needs_no_scan() -> None:
    # control_characters skips the scan of text that str.isprintable() accepts: that is
    # only right while every character the scan looks for is unprintable.
    from inspectcore._util import terminal

    unsafe = [chr(c) for c in range(0x110000) if terminal._pattern("").fullmatch(chr(c))]
    assert len(unsafe) == 0x20 + 0x21 + 5 + 4 + 0x800
    assert not [c for c in unsafe if c.isprintable()]
    for c in unsafe:
        assert terminal.control_characters(f"ok {c} ok") != ()
