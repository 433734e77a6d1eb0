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

import bisect
import heapq
import os
import stat
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple, overload

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

    files: Sequence[Path]
    """The case files to read, each once, in the order found (a compact
    :class:`CaseFilePaths`, which behaves as a tuple of paths).

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

_RUN = 4096
"""Entries of a folder sorted at a time: a folder's names are sorted in runs of this
many and merged, so that a folder of 100,000 cases is never a list of 100,000 names."""


class _Entry(NamedTuple):
    name: str
    is_folder: bool
    identity: tuple[int, int] | None
    """Device and inode, kept only where the file may be reached another way too."""


def _packed(run: list[_Entry]) -> Iterator[_Entry]:
    """A sorted run of entries, held as one string of names, yielded in order."""
    run.sort()
    names = "\0".join(e.name for e in run)
    kinds = bytes(e.is_folder for e in run)
    identities = {i: e.identity for i, e in enumerate(run) if e.identity is not None}
    del run[:]

    def entries() -> Iterator[_Entry]:
        start = 0
        for i, is_folder in enumerate(kinds):
            end = names.find("\0", start)
            name = names[start:] if end < 0 else names[start:end]
            yield _Entry(name, bool(is_folder), identities.get(i))
            start = end + 1

    return entries()


def _sorted_entries(
    folder: Path, skipped: list[Skipped], every_identity: bool
) -> Iterator[_Entry] | None:
    """The case files and folders in ``folder``, by name; ``None`` if it cannot be read.

    Read whole before anything is yielded: a folder that fails part way adds nothing of
    what it holds. Within one search, two entries can be one file only through a hard
    link, so a file's identity is kept only when it has more than one link, unless
    ``every_identity`` (several paths were given, which may overlap).
    """
    runs: list[Iterator[_Entry]] = []
    run: list[_Entry] = []
    passed: list[Skipped] = []
    try:
        with os.scandir(folder) as found:
            for entry in found:
                reason = _skip_reason(entry)
                if reason is not None:
                    passed.append(Skipped(folder / entry.name, reason))
                    continue
                identity = None
                is_folder = entry.is_dir(follow_symlinks=False)
                if not is_folder:
                    # The stat _skip_reason cached (not a link, so the file's own).
                    info = entry.stat(follow_symlinks=False)
                    if every_identity or info.st_nlink > 1:
                        identity = (info.st_dev, info.st_ino)
                run.append(_Entry(entry.name, is_folder, identity))
                if len(run) == _RUN:
                    runs.append(_packed(run))
    except OSError as exc:
        skipped.append(Skipped(folder, f"cannot be read: {exc.strerror or exc}"))
        return None
    skipped += passed
    if run:
        runs.append(_packed(run))
    return heapq.merge(*runs)


def _search(
    folder: Path,
    add: Callable[[Path, str, _Identity | None], None],
    skipped: list[Skipped],
    every_identity: bool,
) -> None:
    """``add(folder, name, identity)`` for each case file under ``folder``, in order of
    paths; list what is not in ``skipped``, sorted.

    Paths order by their parts, so walking each folder's entries by name, and a folder's
    own entries where its name falls, gives the order of sorting every path found.
    """
    # A stack of folders being walked, not recursion: folders may nest deeper than
    # Python recurses. Only the folders on the current path are open at a time.
    stack: list[tuple[Path, Iterator[_Entry]]] = []
    top = _sorted_entries(folder, skipped, every_identity)
    if top is not None:
        stack.append((folder, top))
    while stack:
        current, entries = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
        elif entry.is_folder:
            inner = current / entry.name
            below = _sorted_entries(inner, skipped, every_identity)
            if below is not None:
                stack.append((inner, below))
        else:
            add(current, entry.name, entry.identity)


def _identity(path: Path) -> _Identity:
    """What makes two paths the same file: device and inode, else the absolute path."""
    try:
        info = os.stat(path)
    except OSError:
        return os.path.abspath(path)
    return (info.st_dev, info.st_ino)


class CaseFilePaths(Sequence[Path]):
    """The case files a search found, in order, held compactly: each folder's names in
    one string, each :class:`~pathlib.Path` made when it is asked for.

    A sequence of paths like a tuple (``len``, indexing, slicing, iteration; equal to a
    sequence of the same paths), in tens of bytes a file rather than the hundreds a
    ``Path`` takes, so that finding an inspection of any size stays small.
    """

    def __init__(self) -> None:
        self._starts = array("Q")  # the index of each block's first path
        self._blocks: list[tuple[Path | None, str, array[int]]] = []
        self._names: list[str] = []  # the last block's names, until it is packed
        self._folder: Path | None = None
        self._loose: list[Path] = []  # paths named directly, in the order of blocks
        self._count = 0

    def _pack(self) -> None:
        """Close the open block (a file found next starts another)."""
        if not self._names:
            return
        offsets = array("I", [0])
        for name in self._names:
            offsets.append(offsets[-1] + len(name))
        self._blocks.append((self._folder, "".join(self._names), offsets))
        self._names = []
        self._folder = None

    def append(self, folder: Path | None, name: str | Path) -> None:
        """Add the file ``name`` found in ``folder``, or (``None``) a path named as given."""
        if folder is None:
            self._pack()
            self._starts.append(self._count)
            self._loose.append(Path(name))
            self._blocks.append((None, "", array("I", [len(self._loose) - 1])))
        else:
            if folder is not self._folder or len(self._names) >= _RUN:
                self._pack()
                self._starts.append(self._count)
                self._folder = folder
            self._names.append(str(name))
        self._count += 1

    def done(self) -> CaseFilePaths:
        """Pack what is pending: the sequence as it will be read."""
        self._pack()
        return self

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Path: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Path, ...]: ...
    def __getitem__(self, index: int | slice) -> Path | tuple[Path, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(self._count)))
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError("case file index out of range")
        self._pack()
        block = bisect.bisect_right(self._starts, index) - 1
        folder, names, offsets = self._blocks[block]
        if folder is None:
            return self._loose[offsets[0]]
        at = index - self._starts[block]
        return folder / names[offsets[at] : offsets[at + 1]]

    def __iter__(self) -> Iterator[Path]:
        self._pack()
        for folder, names, offsets in self._blocks:
            if folder is None:
                yield self._loose[offsets[0]]
                continue
            for at in range(len(offsets) - 1):
                yield folder / names[offsets[at] : offsets[at + 1]]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"CaseFilePaths({len(self)} path(s))"


def find_case_files(paths: Sequence[str | os.PathLike[str]]) -> InspectionFiles:
    """Search ``paths`` (case files and folders of them) for an inspection's case files."""
    kept = CaseFilePaths()
    skipped: list[Skipped] = []
    empty: list[Path] = []
    seen: dict[_Identity, int] = {}
    same: list[SameFile] = []
    given = [Path(p) for p in paths]
    # With one folder, only hard links can reach a file twice; several paths may overlap.
    every_identity = len(given) > 1

    def add(folder: Path | None, name: str | Path, identity: _Identity | None) -> None:
        if identity is not None:
            first = seen.setdefault(identity, len(kept))
            if first != len(kept):
                path = Path(name) if folder is None else folder / name
                same.append(SameFile(kept[first], path))
                return
        kept.append(folder, name)

    for path in given:
        if path.is_dir():  # a link to a folder, named, is followed
            before, passed = len(kept) + len(same), len(skipped)
            _search(path, add, skipped, every_identity)
            skipped[passed:] = sorted(skipped[passed:], key=lambda s: s.path)
            if len(kept) + len(same) == before:
                empty.append(path)
        else:
            add(None, path, _identity(path))
    return InspectionFiles(kept.done(), tuple(skipped), tuple(same), tuple(empty))


def same_references(cases: Iterable[tuple[Path, CaseAssessment]]) -> dict[str, tuple[Path, ...]]:
    """The case references used by more than one file, each with the files, in order.

    Cases without a reference are not compared.
    """
    by_reference: dict[str, list[Path]] = {}
    for path, case in cases:
        if case.case:
            by_reference.setdefault(case.case, []).append(path)
    return {ref: tuple(found) for ref, found in by_reference.items() if len(found) > 1}
