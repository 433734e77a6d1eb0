"""The README's commands and Python examples run as written.

Every ``sh`` block of README.md is run, line by line and in order, by bash in the
environment the README tells the reader to activate, on a copy of the repository (so
that the files the commands write land in the copy); every ``python`` block is run as a
script there. A command that fails names the README line.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
ACTIVATE = ". .venv/bin/activate"
# The README's own set-up commands: `./dev test` would run this test again.
NOT_RUN_HERE = ("./dev ",)
# Installing into a new virtual environment builds every distribution: its own test.
INSTALL_BLOCK = "python3 -m venv ../team"


def _blocks(language: str) -> list[tuple[int, str]]:
    """``(line number, text)`` of each fenced block in ``language``."""
    text = README.read_text(encoding="utf-8")
    pattern = re.compile(rf"^```{language}\n(.*?)^```$", re.MULTILINE | re.DOTALL)
    return [(text.count("\n", 0, m.start(1)) + 1, m.group(1)) for m in pattern.finditer(text)]


def _commands(block: tuple[int, str]) -> list[tuple[int, str]]:
    """The command lines of a shell block (comment-only continuation lines dropped)."""
    first, text = block
    return [
        (first + n, line)
        for n, line in enumerate(text.splitlines())
        if line.strip() and not line.lstrip().startswith("#")
    ]


def _environment() -> dict[str, str]:
    """What activating ``.venv`` gives: this interpreter's scripts first on PATH."""
    env = dict(os.environ)
    scripts = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join([scripts, env.get("PATH", "")])
    env["VIRTUAL_ENV"] = str(Path(sys.executable).parent.parent)
    env.pop("PYTHONHOME", None)
    return env


def _run(line: int, command: str, cwd: Path) -> None:
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env=_environment(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (
        f"README.md line {line}: `{command}` exited {result.returncode}\n"
        f"stdout:\n{result.stdout[-2000:]}\nstderr:\n{result.stderr[-2000:]}"
    )
    assert "Traceback" not in result.stderr, f"README.md line {line}: {result.stderr}"


def test_readme_tells_the_reader_to_activate_the_environment() -> None:
    commands = [c for block in _blocks("sh") for _, c in _commands(block)]
    assert ACTIVATE in commands
    # One way to run commands throughout: no `uv run` or `./dev run` lines.
    assert not [c for c in commands if c.startswith(("uv run", "./dev run"))]


def test_every_shell_command_in_the_readme_runs(repo_copy: Path) -> None:
    copy = repo_copy
    ran = 0
    for block in _blocks("sh"):
        if INSTALL_BLOCK in block[1]:
            continue
        for line, command in _commands(block):
            if command == ACTIVATE or command.startswith(NOT_RUN_HERE):
                continue
            _run(line, command, copy)
            ran += 1
    assert ran >= 20
    # What the commands wrote is what they said they would.
    assert (copy / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (copy / "cases.xlsx").read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in (copy / "cases-2024").iterdir())


def test_every_python_example_in_the_readme_runs(repo_copy: Path, tmp_path: Path) -> None:
    copy = repo_copy
    blocks = _blocks("python")
    assert blocks
    for line, code in blocks:
        script = tmp_path / f"readme_{line}.py"
        script.write_text(code, encoding="utf-8")
        _run(line, f"python {script}", copy)


def test_the_readme_install_of_one_edition_into_a_new_environment(
    repo_copy: Path, tmp_path: Path
) -> None:
    copy = repo_copy
    (block,) = [b for b in _blocks("sh") if INSTALL_BLOCK in b[1]]
    for line, command in _commands(block):
        _run(line, command, copy)
    listed = subprocess.run(
        [str(tmp_path / "team" / "bin" / "inspectcore"), "editions", "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert '"carag2024"' in listed
    assert '"cag2016"' not in listed
