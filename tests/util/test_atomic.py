"""Atomic writes: failures name the file and leave it whole; killed writes are cleaned up."""

from __future__ import annotations

import errno
import io
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from inspectcore import InspectcoreError, WriteError, write_atomic

# Test seam: the clean-up that write_atomic does of interrupted writes' leftovers.
from inspectcore._util.atomic import LEFTOVER_AGE, remove_leftovers
from inspectcore.cli import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "example"


def _oserror(code: int) -> OSError:
    return OSError(code, os.strerror(code))


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _old(path: Path, seconds: float = LEFTOVER_AGE + 60) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


# -- failures name the target ------------------------------------------------------------------


class _FailingStream(io.BytesIO):
    def write(self, data: Any) -> int:
        raise _oserror(errno.ENOSPC)

    def fileno(self) -> int:
        return -1


@pytest.mark.parametrize(
    ("where", "code"),
    [
        ("write", errno.ENOSPC),
        ("fsync", errno.EDQUOT),
        ("replace", errno.EROFS),
        ("replace", errno.EACCES),
    ],
)
def test_a_failed_write_names_the_target_and_leaves_it_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, code: int
) -> None:
    target = tmp_path / "case.toml"
    target.write_text("the old file\n", encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> Any:
        raise _oserror(code)

    if where == "write":
        real_fdopen = os.fdopen

        def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
            real_fdopen(fd, *args, **kwargs).close()
            return _FailingStream()

        monkeypatch.setattr(os, "fdopen", fdopen)
    else:
        monkeypatch.setattr(os, where, fail)
    with pytest.raises(WriteError) as raised:
        write_atomic(target, "the new file\n")
    error = raised.value
    assert str(error) == f"{target}: {os.strerror(code)}"
    assert (error.filename, error.errno) == (str(target), code)
    assert isinstance(error, OSError)
    assert isinstance(error, InspectcoreError)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "the old file\n"
    assert _leftovers(tmp_path) == []


def test_a_read_only_folder_names_the_target_not_the_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, whom chmod does not stop: refuse the temporary file instead,
    # as the operating system would in a folder the user may not write to.
    def refuse(*, prefix: str, suffix: str, dir: Path) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied", f"{dir}/{prefix}x1y2z3w4{suffix}")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    target = tmp_path / "report.html"
    with pytest.raises(WriteError, match=rf"^{target}: Permission denied$"):
        write_atomic(target, "<p>")
    assert not target.exists()


def test_the_command_line_says_which_file_and_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "cases.csv"
    out.write_text("the previous export\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise _oserror(errno.ENOSPC)

    monkeypatch.setattr(os, "fsync", full)
    result = CliRunner().invoke(
        cli, ["export", str(EXAMPLES), "--edition", "example", "--format", "csv", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert result.stderr == f"error: {out}: No space left on device\n"
    assert "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    assert _leftovers(tmp_path) == []


# -- leftovers of killed writes ----------------------------------------------------------------


def test_the_next_save_removes_temporaries_a_killed_write_left(tmp_path: Path) -> None:
    target = tmp_path / "case.toml"
    target.write_text("version 1\n", encoding="utf-8")
    killed = tmp_path / ".case.toml.k1ll3d_x.tmp"
    killed.write_text("version 2, half writ", encoding="utf-8")
    _old(killed)
    in_progress = tmp_path / ".case.toml.w0rk1ng_.tmp"  # another process writing right now
    in_progress.write_text("version 3", encoding="utf-8")
    others = [
        tmp_path / ".case.toml.b.toml.0ld0ld00.tmp",  # the temporary of case.toml.b.toml
        tmp_path / ".other.toml.0ld0ld00.tmp",
        tmp_path / ".case.toml.notours.tmp",
    ]
    for other in others:
        other.write_text("not ours", encoding="utf-8")
        _old(other)
    write_atomic(target, "version 4\n")
    assert target.read_text(encoding="utf-8") == "version 4\n"
    assert not killed.exists()
    assert in_progress.exists()
    assert all(other.exists() for other in others)


def test_a_leftover_that_cannot_be_removed_does_not_stop_a_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "case.json"
    killed = tmp_path / ".case.json.k1ll3d_x.tmp"
    killed.write_text("{", encoding="utf-8")
    _old(killed)
    real_unlink = os.unlink

    def unlink(path: Any, *args: Any, **kwargs: Any) -> None:
        if Path(path) == killed:
            raise PermissionError(errno.EPERM, "Operation not permitted", str(path))
        real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    write_atomic(target, "{}\n")
    assert target.read_text(encoding="utf-8") == "{}\n"
    assert killed.exists()
    monkeypatch.undo()
    assert remove_leftovers(target) == [killed]
