"""Finding an inspection's case files: every path accounted for, no file counted twice.

Folders are searched for ``.toml`` and ``.json`` files (any letter case), in order of
their paths. Whatever a search passes over is listed with the reason, so that nothing
is left out silently.

Symbolic links found inside a folder are skipped, and listed. A link could point at a
case already in the inspection (counting it twice), outside the inspection's folder,
or at a folder containing itself; an inspection's folder should hold its case files,
and a link there is more often a mistake than a plan. A path named by the user is
theirs to name, so a link given as a path is followed; if it reaches a file that is
also found another way, that is reported as the same file given twice.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from .case import CaseAssessment
from .inspection_file import INSPECTION_FILE
from .parse import file_kind

CASE_SUFFIXES = (".toml", ".json")


@attrs.frozen
class Skipped:
    """A path a search passed over, and why."""

    path: Path
    reason: str


@attrs.frozen
class SameFile:
    """One file reached by two paths (the same path twice, or through a link)."""

    first: Path
    second: Path

    def describe(self) -> str:
        """One line for people."""
        if self.first == self.second:
            return f"{self.first} is given twice"
        return f"{self.first} and {self.second} are the same file"


@attrs.frozen
class InspectionFiles:
    """What a search of paths found."""

    files: tuple[Path, ...]
    """The case files to read, each once, in the order found.

    A path named directly is always here, even a missing file or one with another
    suffix, so that reading it reports what is wrong with it.
    """
    skipped: tuple[Skipped, ...] = ()
    """What the search of folders passed over: other files, hidden files, links, …"""
    same_files: tuple[SameFile, ...] = ()
    """Files reached more than once (each is in ``files`` once)."""
    empty_folders: tuple[Path, ...] = ()
    """Folders named that hold no case file at all."""


def _skip_reason(entry: os.DirEntry[str]) -> str | None:
    """Why a folder's entry is not searched or read, or ``None`` when it is."""
    name = entry.name
    if name.startswith("."):
        if name.endswith(".tmp"):
            return "a temporary file, left by a write that was interrupted"
        return "hidden"
    if entry.is_symlink():
        return "a symbolic link (name its target instead)"
    try:
        mode = entry.stat(follow_symlinks=False).st_mode
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    if stat.S_ISDIR(mode):
        return None
    if not stat.S_ISREG(mode):
        return f"{file_kind(mode)}, not a case file"
    if os.path.splitext(name)[1].lower() not in CASE_SUFFIXES:
        return "not a .toml or .json file"
    if name == INSPECTION_FILE:
        return "the inspection file: the facts its cases share, not a case"
    return None


_Identity = tuple[int, int] | str
"""What makes two paths the same file: device and inode, else the absolute path."""


def _search(folder: Path, files: list[tuple[Path, _Identity]], skipped: list[Skipped]) -> None:
    """Add the case files under ``folder`` to ``files``, sorted by path; list what is not."""
    pending = [folder]
    found: list[tuple[Path, _Identity]] = []
    passed: list[Skipped] = []
    while pending:  # a loop, not recursion: folders may nest deeper than Python recurses
        current = pending.pop()
        # A folder's entries are taken one at a time, not listed first: in a folder of
        # 100,000 cases the list of entries (each with its stat) was most of a search's
        # memory. A folder that fails part way adds nothing of what it holds, as before.
        here: list[tuple[Path, _Identity]] = []
        passed_here: list[Skipped] = []
        folders: list[Path] = []
        try:
            with os.scandir(current) as entries:
                for entry in entries:
                    path = current / entry.name
                    reason = _skip_reason(entry)
                    if reason is not None:
                        passed_here.append(Skipped(path, reason))
                    elif entry.is_dir(follow_symlinks=False):
                        folders.append(path)
                    else:
                        # The stat the entry cached for _skip_reason (not a link, so the
                        # file's own): no second stat per file.
                        info = entry.stat(follow_symlinks=False)
                        here.append((path, (info.st_dev, info.st_ino)))
        except OSError as exc:
            passed.append(Skipped(current, f"cannot be read: {exc.strerror or exc}"))
            continue
        found += here
        passed += passed_here
        pending += folders
    found.sort(key=lambda item: item[0])
    files += found
    skipped += sorted(passed, key=lambda s: s.path)


def _identity(path: Path) -> _Identity:
    """What makes two paths the same file: device and inode, else the absolute path."""
    try:
        info = os.stat(path)
    except OSError:
        return os.path.abspath(path)
    return (info.st_dev, info.st_ino)


def find_case_files(paths: Sequence[str | os.PathLike[str]]) -> InspectionFiles:
    """Search ``paths`` (case files and folders of them) for an inspection's case files."""
    files: list[tuple[Path, _Identity]] = []
    skipped: list[Skipped] = []
    empty: list[Path] = []
    for given in map(Path, paths):
        if given.is_dir():  # a link to a folder, named, is followed
            before = len(files)
            _search(given, files, skipped)
            if len(files) == before:
                empty.append(given)
        else:
            files.append((given, _identity(given)))
    kept: list[Path] = []
    seen: dict[_Identity, Path] = {}
    same: list[SameFile] = []
    for path, key in files:
        if key in seen:
            same.append(SameFile(seen[key], path))
        else:
            seen[key] = path
            kept.append(path)
    return InspectionFiles(tuple(kept), tuple(skipped), tuple(same), tuple(empty))


def same_references(cases: Iterable[tuple[Path, CaseAssessment]]) -> dict[str, tuple[Path, ...]]:
    """The case references used by more than one file, each with the files, in order.

    Cases without a reference are not compared.
    """
    by_reference: dict[str, list[Path]] = {}
    for path, case in cases:
        if case.case:
            by_reference.setdefault(case.case, []).append(path)
    return {ref: tuple(found) for ref, found in by_reference.items() if len(found) > 1}
