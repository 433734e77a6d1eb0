"""Reading an inspection: every case file found, read, checked against the edition, validated.

What aggregates an inspection (scoring, the report, the export) needs every case read
under one edition and valid, each case once. :func:`read_inspection` finds and reads
the files and says what stands in the way; it neither prints nor stops, so that a
command line, a notebook or a web page can each show the problems in its own way.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from .._cases.files import InspectionFiles, SameFile, Skipped, find_case_files
from .._cases.references import CaseReferences
from .._model.edition import Edition
from .._routing.routed import RoutedCase
from .parallel import jobs_for, read_one, read_parallel


@attrs.frozen
class InspectionProblem:
    """Why one case file cannot be part of the inspection as it stands."""

    path: Path
    """The case file, as found."""
    where: str
    """The question or place in the file (``"case"`` for its reference), or ``""``."""
    message: str

    def __str__(self) -> str:
        where = f":{self.where}" if self.where else ""
        return f"{self.path}{where}: {self.message}"


@attrs.frozen
class Inspection:
    """An inspection's case files as read under one edition, and what stands in the way.

    It is ready to score when :attr:`ok`: no file reached twice, no empty folder and
    no problem with any case file.
    """

    cases: tuple[tuple[str, RoutedCase], ...]
    """``(file name, routed case)`` for every case read under the edition (those with
    validation errors too), in the order found: what :func:`~inspectcore.score`,
    :func:`~inspectcore.case_table` and the report take. Each case was routed once, to
    validate it; they take the routing as it is."""
    paths: tuple[Path, ...]
    """Where each of :attr:`cases` was read, in the same order."""
    problems: tuple[InspectionProblem, ...]
    """Unreadable files, cases of another edition and validation errors, in the order of
    the files; then case references used by two files."""
    files: InspectionFiles
    """What the search of the paths found, passed over (:attr:`skipped`) and refused."""

    @property
    def skipped(self) -> tuple[Skipped, ...]:
        """The paths a search of folders passed over, each with the reason."""
        return self.files.skipped

    @property
    def same_files(self) -> tuple[SameFile, ...]:
        """Files reached by two paths given (each read once)."""
        return self.files.same_files

    @property
    def empty_folders(self) -> tuple[Path, ...]:
        """Folders given that hold no case file."""
        return self.files.empty_folders

    @property
    def ok(self) -> bool:
        """Whether the inspection can be scored as it stands."""
        return not (self.problems or self.same_files or self.empty_folders)


class InspectionReader:
    """An inspection's case files read one at a time under one edition: memory stays flat.

    Iterating yields ``(path, routed case)`` for every case read under the edition
    (those with validation errors too), in the order found, each routed once; nothing
    of a case is kept once the next is read but a digest of its reference (to refuse a
    reference used twice). ``progress`` is as for :func:`read_inspection`. What stands
    in the way accumulates in :attr:`problems` as the files are read, and is complete
    once the iteration ends. Commands that aggregate
    (scoring, the report, the export) consume it with a counter, so that an
    inspection of any size is read in the memory of one case;
    :func:`read_inspection` collects it into an :class:`Inspection`.

    ``jobs`` processes read the files (the same results, in the same order); ``None``
    is one per CPU for a folder of at least ``PARALLEL_THRESHOLD`` (2,000) files.
    """

    def __init__(
        self,
        paths: Sequence[str | os.PathLike[str]],
        edition: Edition,
        *,
        progress: Callable[[Sequence[Path]], Iterable[Path]] | None = None,
        jobs: int | None = 1,
    ) -> None:
        self.edition = edition
        # Processes to read in (see parallel.jobs_for): None for one per CPU on a large folder.
        self._jobs = jobs
        self.files: InspectionFiles = find_case_files(paths)
        """What the search of the paths found, passed over and refused."""
        self._progress = progress
        self._problems: list[InspectionProblem] = []
        self._same: list[InspectionProblem] = []
        self._references = CaseReferences()
        self.read = 0
        """How many cases have been read under the edition so far."""
        self.case_problems: tuple[InspectionProblem, ...] = ()
        """The validation errors of the case yielded last (also in :attr:`problems`)."""

    @property
    def problems(self) -> tuple[InspectionProblem, ...]:
        """Unreadable files, cases of another edition and validation errors, in the order
        of the files; then case references used by two files (the later file's problem)."""
        return (*self._problems, *self._same)

    @property
    def ok(self) -> bool:
        """Whether the files read so far can be scored (see :attr:`Inspection.ok`)."""
        return not (self._problems or self._same or self.files.same_files)

    def __iter__(self) -> Iterator[tuple[Path, RoutedCase]]:
        edition = self.edition
        found = self.files.files
        files = found if self._progress is None else self._progress(found)
        jobs = jobs_for(self._jobs, len(found))
        read = (
            read_parallel(edition, files, jobs)
            if jobs > 1
            else ((path, read_one(edition, path)) for path in files)
        )
        for position, (path, (routed, problems)) in enumerate(read):
            found_problems = tuple(InspectionProblem(path, w, m) for w, m in problems)
            if routed is None:
                self._problems += found_problems
                continue
            case = routed.case
            self.case_problems = found_problems
            self._problems += self.case_problems
            if case.case:
                first = self._references.first_file(case.case, position)
                if first is not None:
                    message = f"case reference {case.case!r} is also used by {found[first]}"
                    self._same.append(InspectionProblem(path, "case", message))
            self.read += 1
            yield path, routed


def read_inspection(
    paths: Sequence[str | os.PathLike[str]],
    edition: Edition,
    *,
    progress: Callable[[Sequence[Path]], Iterable[Path]] | None = None,
) -> Inspection:
    """Find, read and validate the case files of an inspection under ``edition``.

    ``paths`` are case files and folders of them (searched as by
    :func:`~inspectcore.find_case_files`). A case assessed under another edition is
    not read into :attr:`Inspection.cases`; a case with validation errors is, and its
    errors are problems. Two files with the same case reference are a problem of the
    second. ``progress``, if given, wraps the list of files to read (a progress bar,
    say) and must yield each of them, in order. Nothing is printed and nothing raised for a
    case file's problems: they are all in the result. (It holds every case; to read
    an inspection in the memory of one case, iterate an :class:`InspectionReader`.)
    """
    reader = InspectionReader(paths, edition, progress=progress)
    read = list(reader)
    return Inspection(
        cases=tuple((path.name, case) for path, case in read),
        paths=tuple(path for path, _ in read),
        problems=reader.problems,
        files=reader.files,
    )
