"""Reading an inspection's case files for the commands that aggregate them, with progress."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

import click

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from inspectcore import (
        Edition,
        InspectionFiles,
        InspectionProblem,
        LeftOutCase,
        RoutedCase,
        Skipped,
    )

T = TypeVar("T")

edition_option = click.option(
    "--edition",
    "edition_id",
    metavar="EDITION",
    help="The edition to read the cases under: an installed edition's id, or an edition "
    "folder (a draft: a folder holding an edition.toml and its data). Default: the one the "
    "inspection.toml of every case folder given names, when they agree.",
)


def edition_of(paths: Sequence[Path], given: str | None) -> str:
    """The edition to read ``paths`` under: ``given``, else the inspection files'.

    Each path given is a case folder, or a case file whose folder counts. Every one of
    those folders must have an inspection file naming the same edition: a default taken
    from some of them would read the others under an edition nothing says they use.
    """
    if given:
        return given
    from inspectcore import INSPECTION_FILE, read_inspection_file

    named: dict[str, list[str]] = {}
    for path in paths:
        folder = path if path.is_dir() else path.parent
        file = folder / INSPECTION_FILE
        edition = read_inspection_file(file).edition if file.is_file() else ""
        if not edition:
            why = "has no" if not file.is_file() else "names no edition in its"
            raise click.UsageError(f"give --edition: {folder} {why} {INSPECTION_FILE}", ctx=None)
        named.setdefault(edition, []).append(str(folder))
    if len(named) > 1:
        shown = "; ".join(f"{e} ({', '.join(folders)})" for e, folders in sorted(named.items()))
        raise click.UsageError(
            f"give --edition: the inspection files name different editions: {shown}"
        )
    return next(iter(named))


complete_only_option = click.option(
    "--complete-only",
    is_flag=True,
    help="Leave out cases that are not complete (each listed on stderr, with the reason).",
)


jobs_option = click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="Processes to read the case files in (the same output); default: one per CPU "
    "for 2,000 files or more, otherwise one.",
)


@contextmanager
def progress(items: Sequence[T], label: str, stream: TextIO | None = None) -> Iterator[Iterable[T]]:
    """Iterate ``items`` with a progress bar on ``stream`` (stderr) when it is a terminal.

    When it is not (output piped or captured), nothing at all is written: click's own
    bar would still print its label once.
    """
    stream = sys.stderr if stream is None else stream
    if not stream.isatty():
        yield items
        return
    with click.progressbar(items, label=label, file=stream, show_pos=True) as bar:
        yield bar


def _reading_bar(files: Sequence[Path]) -> Iterator[Path]:
    """The files to read, with a progress bar while they are read."""
    with progress(files, "reading case files") as reading:
        yield from reading


def case_files(paths: Sequence[Path]) -> Sequence[Path]:
    """The case files in ``paths`` (files, and folders searched), each once.

    What the search passed over is listed on stderr. A file reached twice, or a
    folder with no case file, is a usage error (exit 2) naming the paths.
    """
    from inspectcore import find_case_files

    found = find_case_files(paths)
    _refuse_search(found)
    return found.files


def _refuse_search(found: InspectionFiles) -> None:
    """List what a search passed over; refuse files given twice and empty folders."""
    from inspectcore import printable

    echo_skipped(found.skipped)
    if found.same_files:
        named = "; ".join(s.describe() for s in found.same_files)
        raise click.UsageError(printable(f"{named}: name each case file once"))
    if found.empty_folders:
        folders = ", ".join(map(str, found.empty_folders))
        raise click.UsageError(printable(f"no .toml or .json case files in {folders}"))


def echo_skipped(skipped: Sequence[Skipped]) -> None:
    """List on stderr, after a count, what a search of folders passed over."""
    from inspectcore import printable

    if not skipped:
        return
    click.echo(f"skipped {len(skipped)} path(s) that are not case files:", err=True)
    for item in skipped:
        click.echo(printable(f"  {item.path}: {item.reason}"), err=True)


def read_inspection(
    paths: Sequence[Path],
    edition: Edition,
    *,
    action: str,
    consume: Callable[[str, RoutedCase], object],
    complete_only: bool = False,
    leave_out: Callable[[LeftOutCase], object] | None = None,
    jobs: int | None = 1,
) -> int:
    """Read every case file in ``paths``, validated, giving each ``(file name, case)`` to
    ``consume`` as it is read; return how many cases were given.

    Read one at a time by :class:`inspectcore.InspectionReader`, so that memory stays
    flat whatever the number of cases: ``consume`` counts (a score) or spools (an
    export) and must write nothing yet. Problems (unreadable files, another edition,
    validation errors, two files for one case, a case that says otherwise than its
    inspection file) are listed on stderr once every file is read, one line each naming
    the file, and the command then exits 1 without doing ``action``; a file given twice,
    or a folder without case files, is a usage error (exit 2) before anything is read.
    With ``complete_only``, a case that is not complete is not given to ``consume`` but
    listed on stderr with the reason, and given to ``leave_out`` (for the output to say
    so too); any other problem still stops the command.
    ``jobs`` processes read the files (see :class:`inspectcore.InspectionReader`).
    """
    from inspectcore import (
        InspectionProblem,
        InspectionReader,
        LeftOutCase,
        case_status,
        printable,
    )

    from ._inspection import InspectionFileCheck

    reader = InspectionReader(paths, edition, progress=_reading_bar, jobs=jobs)
    _refuse_search(reader.files)
    shared = InspectionFileCheck()
    disagreeing: list[InspectionProblem] = []
    left_out: list[str] = []
    settled: set[tuple[Path, str, str]] = set()
    given = 0
    for path, case in reader:
        # A case that says otherwise than its inspection file stops the command either way.
        disagreeing += [
            InspectionProblem(where, "context", message)
            for where, message in shared.check(path, case.case)
        ]
        if complete_only and reader.case_problems:
            status = case_status(edition, case)
            if not status.complete:
                left_out.append(printable(f"  {path}: {status.progress.value}: {status.reason}"))
                if leave_out is not None:
                    why = status.progress.value, status.reason
                    leave_out(LeftOutCase(path.name, case.case.case, *why))
                settled |= {(path, p.question or p.location, p.message) for p in status.errors}
                continue
        consume(path.name, case)
        given += 1
    if left_out:
        click.echo(f"left out {len(left_out)} incomplete case(s) (--complete-only):", err=True)
        for line in left_out:
            click.echo(line, err=True)
    problems = [p for p in reader.problems if (p.path, p.where, p.message) not in settled]
    problems += disagreeing
    # Listed after the bar is gone, so that they are not drawn over.
    for problem in problems:
        click.echo(printable(str(problem)), err=True)
    if problems:
        hint = "" if complete_only else " (or leave incomplete cases out with --complete-only)"
        click.echo(f"error: fix the problems above, then {action} again{hint}", err=True)
        click.get_current_context().exit(1)
    if not reader.read:
        raise click.UsageError("no case files found")
    if not given and complete_only:
        click.echo(f"error: no case is complete: nothing to {action}", err=True)
        click.get_current_context().exit(1)
    return given
