"""Reading an inspection's case files for the commands that aggregate them, with progress."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

import click

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .._cases.files import Skipped
    from .._model.edition import Edition
    from .._routing.routed import RoutedCase

T = TypeVar("T")


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


def case_files(paths: Sequence[Path]) -> list[Path]:
    """The case files in ``paths`` (files, and folders searched), each once.

    What the search passed over is listed on stderr. A file reached twice, or a
    folder with no case file, is a usage error (exit 2) naming the paths.
    """
    from .._cases.files import find_case_files
    from .._util.terminal import printable

    found = find_case_files(paths)
    echo_skipped(found.skipped)
    if found.same_files:
        named = "; ".join(s.describe() for s in found.same_files)
        raise click.UsageError(printable(f"{named}: name each case file once"))
    if found.empty_folders:
        folders = ", ".join(map(str, found.empty_folders))
        raise click.UsageError(printable(f"no .toml or .json case files in {folders}"))
    return list(found.files)


def echo_skipped(skipped: Sequence[Skipped]) -> None:
    """List on stderr, after a count, what a search of folders passed over."""
    from .._util.terminal import printable

    if not skipped:
        return
    click.echo(f"skipped {len(skipped)} path(s) that are not case files:", err=True)
    for item in skipped:
        click.echo(printable(f"  {item.path}: {item.reason}"), err=True)


def read_inspection(
    paths: Sequence[Path], edition: Edition, *, action: str
) -> list[tuple[str, RoutedCase]]:
    """The ``(file name, case)`` pairs of every case file in ``paths``, each validated.

    Each case is routed once, to validate it; scoring and export take the routed cases
    as they are.

    Problems (unreadable files, another edition, validation errors, two files for
    one case) are listed on stderr, one line each naming the file, and the command
    then exits 1 without doing ``action``; a file given twice, or a folder without
    case files, is a usage error (exit 2).
    """
    from .._assessment.validation import validate
    from .._cases.case import read_case_file
    from .._cases.files import same_references
    from .._errors import InspectcoreError
    from .._routing.routed import route
    from .._util.terminal import printable

    cases: list[tuple[Path, RoutedCase]] = []
    problems: list[str] = []
    files = case_files(paths)
    with progress(files, "reading case files") as reading:
        for path in reading:
            try:
                source = read_case_file(path)
            except InspectcoreError as exc:
                problems.append(str(exc))
                continue
            if source.case.edition.id != edition.id:
                problems.append(
                    f"{path}: assessed under {source.case.edition.id!r}, not {edition.id!r}"
                )
                continue
            routed = route(edition, source.case)
            for problem in validate(edition, routed):
                if problem.is_error:
                    problems.append(
                        f"{path}:{problem.question or problem.location}: {problem.message}"
                    )
            cases.append((path, routed))
    for reference, found in same_references([(p, r.case) for p, r in cases]).items():
        problems += [
            f"{path}:case: case reference {reference!r} is also used by {found[0]}"
            for path in found[1:]
        ]
    # Listed after the bar is gone, so that they are not drawn over.
    for line in problems:
        click.echo(printable(line), err=True)
    if problems:
        click.echo(f"error: fix the problems above, then {action} again", err=True)
        click.get_current_context().exit(1)
    if not cases:
        raise click.UsageError("no case files found")
    return [(path.name, case) for path, case in cases]
