"""`assess` never loses an answer: the lock, hand edits between answers, failed writes."""

from __future__ import annotations

import errno
import io
import json
import os
import socket
import sys
from collections.abc import Callable, Iterator
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import attrs
import click
import pytest
from click.testing import CliRunner, Result

from inspectcore import (
    Answer,
    CaseAssessment,
    CaseChangedError,
    CaseKeeper,
    CaseLock,
    CaseLockedError,
    EditionRef,
    lock_path,
    read_case,
    write_case,
)
from inspectcore.cli import cli
from inspectcore.cli._line_editing import forget_history, line_editing  # the CLI's own
from inspectcore.testing import use_entry_points

FACTS = ["FULL", "England"]


@pytest.fixture(autouse=True)
def only_example_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    def example_entry_points(*, group: str) -> list[Any]:
        return [
            e for e in entry_points(group=group) if e.dist and e.dist.name == "inspectcore-example"
        ]

    use_entry_points(monkeypatch, example_entry_points)


Script = list[str | Callable[[str], str]]


def scripted(monkeypatch: pytest.MonkeyPatch, replies: Script) -> list[str]:
    """Answer click.prompt from ``replies``; a callable is called with the prompt first.

    Returns the prompts asked, in order. After the last reply, the input ends.
    """
    asked: list[str] = []
    queue: Iterator[str | Callable[[str], str]] = iter(replies)

    def prompt(text: str, *args: object, **kwargs: object) -> str:
        asked.append(text)
        for reply in queue:
            return reply(text) if callable(reply) else reply
        raise click.Abort

    monkeypatch.setattr(click, "prompt", prompt)
    return asked


def assess(path: Path) -> Result:
    result = CliRunner().invoke(cli, ["assess", "example", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def answers(path: Path) -> dict[str, object]:
    return {a.question: a.value for a in read_case(path).answers}


def hand_edit(path: Path, **answers: object) -> None:
    """Change answers in the file as a text editor would (no lock, no session)."""
    case = read_case(path)
    for question, value in answers.items():
        case = case.with_answer(Answer(question, value))  # type: ignore[arg-type]
    write_case(case, path)


def then(action: Callable[[], object], reply: str) -> Callable[[str], str]:
    def run(_: str) -> str:
        action()
        return reply

    return run


# -- hand edits between two answers ------------------------------------------------------------


def test_a_hand_edit_to_another_answer_is_kept_with_the_answer_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "case.toml"
    scripted(monkeypatch, ["EX-1", *FACTS, "15", then(lambda: hand_edit(path, **{"4": 12}), "1")])
    result = assess(path)
    assert result.exit_code == 0, result.output
    assert "was changed outside this session; kept those changes too: the answer to 4" in (
        result.stdout
    )
    assert answers(path) == {"1": 15, "2": "Referral order", "4": 12}


def test_a_hand_edit_to_the_same_answer_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "case.toml"
    asked = scripted(
        monkeypatch, ["EX-2", *FACTS, then(lambda: hand_edit(path, **{"1": 16}), "17"), "", "q"]
    )
    result = assess(path)
    out = result.stdout
    assert f"Not saved: {path}: was changed outside this session (the answer to 1)" in out
    assert "Your answer to 1, not saved: 17" in out
    assert "Current answer: 16 (Enter keeps it)" in out  # the file's answer, asked again
    assert asked[3:5] == ["1", "1"]
    assert answers(path) == {"1": 16}


def test_a_half_done_hand_edit_is_never_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "case.toml"
    broken = 'format = "inspectcore-case/1"\nedition = "example\n'

    def break_it() -> None:
        path.write_text(broken, encoding="utf-8")

    scripted(monkeypatch, ["EX-3", *FACTS, then(break_it, "15"), "q"])
    result = assess(path)
    assert "was changed outside this session and cannot be read now" in result.stdout
    assert "Your answer to 1, not saved: 15" in result.stdout
    assert path.read_text(encoding="utf-8") == broken


def test_the_keeper_merges_changes_to_other_answers_and_facts(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    base = CaseAssessment(EditionRef("example", "1.0"), case="EX-4", context={"country": "Wales"})
    write_case(base.with_answer(Answer("1", 15)), path)
    keeper = CaseKeeper.read(path)
    theirs = read_case(path).with_answer(Answer("2", "Referral order"))
    write_case(attrs.evolve(theirs, assessor="A. Inspector"), path)
    saved = keeper.save(keeper.case.with_answer(Answer("3", "2025-10-06")))
    assert saved.merged == ("assessor", "the answer to 2")
    on_disk = read_case(path)
    assert on_disk.assessor == "A. Inspector"
    assert {a.question: a.value for a in on_disk.answers} == {
        "1": 15,
        "2": "Referral order",
        "3": "2025-10-06",
    }
    # Both change the fact: nothing is written.
    before = path.read_bytes()
    write_case(attrs.evolve(on_disk, context={"country": "England"}), path)
    changed = path.read_bytes()
    with pytest.raises(CaseChangedError) as raised:
        keeper.save(attrs.evolve(keeper.case, context={"country": "Scotland"}))
    assert raised.value.conflicts == ("the fact country",)
    assert path.read_bytes() == changed != before
    assert keeper.reload().fact("country") == "England"


# -- the lock ----------------------------------------------------------------------------------


def test_the_lock_is_held_while_the_session_runs_and_removed_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "case.toml"
    lock = lock_path(path)
    seen: list[dict[str, Any]] = []

    def look() -> None:
        seen.append(json.loads(lock.read_text()))

    scripted(monkeypatch, ["EX-5", *FACTS, then(look, "q")])
    assert assess(path).exit_code == 0
    assert lock.name == ".case.toml.lock"
    [holder] = seen
    assert holder["pid"] == os.getpid()
    assert holder["host"] == socket.gethostname()
    assert set(holder) == {"user", "host", "pid", "started"}
    assert not lock.exists()


@pytest.mark.parametrize("ending", ["end of input", "Ctrl-C", "an error"])
def test_the_lock_is_removed_however_the_session_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ending: str
) -> None:
    path = tmp_path / "case.toml"

    def stop(_: str) -> str:
        if ending == "Ctrl-C":
            raise KeyboardInterrupt
        if ending == "an error":
            raise OSError(errno.EIO, "Input/output error")
        raise EOFError

    scripted(monkeypatch, ["EX-6", *FACTS, "15", stop])
    result = assess(path)
    assert result.exit_code == (1 if ending == "an error" else 0), result.output
    assert not lock_path(path).exists()
    assert answers(path) == {"1": 15}


def test_a_second_session_is_refused_while_the_first_holds_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "case.toml"
    write_case(CaseAssessment(EditionRef("example", "1.0"), case="EX-7"), path)
    before = path.read_bytes()
    scripted(monkeypatch, ["q"])
    with CaseLock.acquire(path) as first:
        result = assess(path)
        assert lock_path(path).exists()
    assert result.exit_code == 1
    holder = first.holder
    assert f"error: {path} is open in another session: {holder.user} on {holder.host}" in (
        result.stderr
    )
    assert f"since {holder.started}" in result.stderr
    assert f"delete {lock_path(path)} and try again" in result.stderr
    assert path.read_bytes() == before
    assert not lock_path(path).exists()  # the first session's lock, released by it


def test_a_lock_from_another_host_is_never_taken(tmp_path: Path) -> None:
    path = tmp_path / "case.toml"
    other = {"user": "ann", "host": "elsewhere.invalid", "pid": 1, "started": "2026-01-05T09:00"}
    lock_path(path).write_text(json.dumps(other), encoding="utf-8")
    with pytest.raises(CaseLockedError, match=r"ann on elsewhere\.invalid"):
        CaseLock.acquire(path)
    assert json.loads(lock_path(path).read_text()) == other


def _dead_pid() -> int:
    for pid in range(2**22 - 1, 2**22 - 1000, -1):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            continue
    pytest.skip("no unused process id found")


def test_a_stale_lock_is_taken_over_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "case.toml"
    stale = {"user": "bob", "host": socket.gethostname(), "pid": _dead_pid(), "started": "then"}
    lock_path(path).write_text(json.dumps(stale), encoding="utf-8")
    scripted(monkeypatch, ["EX-8", *FACTS, "15", "q"])
    result = assess(path)
    assert result.exit_code == 0, result.output
    assert f"Note: {path} was locked by a session that has ended (bob on " in result.stdout
    assert answers(path) == {"1": 15}
    assert not lock_path(path).exists()


# -- a failed write ----------------------------------------------------------------------------


def test_a_full_disk_shows_the_answer_and_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "case.toml"

    def fill_the_disk() -> None:
        def full(fd: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "fsync", full)

    scripted(monkeypatch, ["EX-9", *FACTS, "15", then(fill_the_disk, "1")])
    result = assess(path)
    assert result.exit_code == 1
    assert "Your answer to 2, not saved: Referral order" in result.stdout
    assert result.stderr == f"error: {path}: No space left on device\n"
    monkeypatch.undo()
    assert answers(path) == {"1": 15}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.toml"]  # no lock, no temporary


# -- line editing ------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_line_editing_is_arranged_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    assert line_editing(io.StringIO()) is False
    readline = pytest.importorskip("readline")
    readline.add_history("an answer from an earlier session")
    assert line_editing(_Terminal()) is True
    assert sys.modules["readline"] is readline  # input() now edits lines
    assert readline.get_current_history_length() == 0  # this session's history only
    readline.add_history("15")
    forget_history()
    assert readline.get_current_history_length() == 0
    monkeypatch.setitem(sys.modules, "readline", None)  # a platform without readline
    assert line_editing(_Terminal()) is False
