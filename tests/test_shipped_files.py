"""No file of the repository names a path of the machine it was written on.

Edition data, notes and READMEs name the source documents by the files the plugins ship
(``source/….txt``), never by where a copy happened to lie in a workspace.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("/work/", "shared/seeds", "/root/")
NOT_SHIPPED = {".git", ".venv", ".cache", "build", "dist", "__pycache__", ".mypy_cache"}
NOT_SHIPPED |= {".ruff_cache", ".pytest_cache"}


def _tracked() -> Iterator[Path]:
    """The files git tracks or would (not ignored); without git (an sdist), all but caches."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        for folder, folders, names in os.walk(ROOT):
            folders[:] = [
                f for f in folders if f not in NOT_SHIPPED and not f.endswith(".egg-info")
            ]
            yield from (Path(folder) / name for name in names if name not in NOT_SHIPPED)
        return
    yield from (ROOT / name for name in listed.decode().split("\0") if name)


def test_the_scan_sees_the_repository() -> None:
    files = {path.relative_to(ROOT).as_posix() for path in _tracked()}
    assert {"README.md", "pyproject.toml", "tests/test_shipped_files.py"} <= files
    assert "plugins/cag2016/src/inspectcore_cag2016/data/source/iyow-cag-v16-2016.txt" in files


def test_no_file_names_a_workspace_path() -> None:
    found = []
    for path in _tracked():
        if path == Path(__file__).resolve() or not path.is_file():
            continue  # this file names the paths it looks for; a deleted file is not shipped
        for number, line in enumerate(path.read_bytes().splitlines(), 1):
            text = line.decode("utf-8", errors="replace")
            found += [
                f"{path.relative_to(ROOT)}:{number}: {word!r} in {text.strip()[:120]!r}"
                for word in FORBIDDEN
                if word in text
            ]
    assert found == [], "workspace paths in shipped files:\n" + "\n".join(found)
