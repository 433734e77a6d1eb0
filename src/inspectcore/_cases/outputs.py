"""Checking an output path before anything is written to it: never an input, never a case file.

A report, export or comparison written over the case files it was made from would
lose them, and a case file is the only copy of an inspector's answers. So every
command that writes to a path it was given checks it first with :func:`check_output`.
An earlier report or export (a file that is not a case file) may be replaced.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from .._errors import CaseFileError, OutputPathError
from .._util import toml as _toml
from .case import FORMAT, case_from_data

CASE_SUFFIXES = (".toml", ".json")


def is_case_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an existing ``.toml``/``.json`` file holding an inspectcore case.

    True when it says ``format = "inspectcore-case/1"`` anywhere (even if it does
    not parse: a hand edit may be half done) or when it reads as a case.
    """
    path = Path(path)
    if path.suffix.lower() not in CASE_SUFFIXES or not path.is_file():
        return False
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if FORMAT in text:
        return True
    try:
        data = _toml.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except ValueError:  # TOMLDecodeError and JSONDecodeError are ValueErrors
        return False
    if not isinstance(data, dict) or "edition" not in data:
        return False
    try:
        case_from_data(data, str(path))
    except CaseFileError:
        return False
    return True


def _same(a: Path, b: Path) -> bool:
    """Whether two paths name one file: through symlinks and hard links when both exist."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def check_output(
    output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]] = ()
) -> None:
    """Raise :class:`OutputPathError` if writing ``output`` could lose something.

    Refused: ``output`` is one of ``inputs`` (the same file, compared through
    symlinks), an existing file inside an input folder (every file there is
    input, e.g. an edition data folder), or any existing case file at all.
    ``inputs`` are the files (or folders) the command reads.
    """
    target = Path(output)
    for source in map(Path, inputs):
        if source.is_dir():
            if target.exists() and _inside(target, source):
                raise OutputPathError(
                    str(target), f"is inside {source}, which is read as input; nothing was written"
                )
        elif _same(target, source):
            raise OutputPathError(str(target), "is one of the inputs; nothing was written")
    if is_case_file(target):
        raise OutputPathError(
            str(target),
            "is a case file, which is never overwritten; nothing was written "
            "(write to another file, or move the case file away first)",
        )


def check_output_folder(output: str | os.PathLike[str], source: str | os.PathLike[str]) -> None:
    """Raise :class:`OutputPathError` if folder ``output`` is folder ``source`` or inside it.

    Cases written there would be read back with the ones they were made from (or
    replace them); each file written must still pass :func:`check_output`.
    """
    target, folder = Path(output), Path(source)
    if _inside(target, folder):
        where = "is" if target.resolve() == folder.resolve() else "is inside"
        raise OutputPathError(
            str(target),
            f"{where} the input folder {folder}: the cases written would be mixed with "
            "the cases read; nothing was written (choose a folder outside it)",
        )
