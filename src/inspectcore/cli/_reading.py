"""Reading an inspection's case files for the commands that aggregate them, with progress."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

import click

from ._cases import expand_paths

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .._case import CaseAssessment
    from .._model import Edition

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


def read_inspection(
    paths: Sequence[Path], edition: Edition, *, action: str
) -> list[tuple[str, CaseAssessment]]:
    """The ``(file name, case)`` pairs of every case file in ``paths``, each validated.

    Problems (unreadable files, another edition, validation errors) are listed on
    stderr, one line each naming the file, and the command then exits 1 without
    doing ``action``; no case file at all is a usage error.
    """
    from .._case import read_case_file
    from .._errors import InspectcoreError
    from .._validation import validate as validate_case

    cases: list[tuple[str, CaseAssessment]] = []
    problems: list[str] = []
    files = expand_paths(tuple(paths))
    with progress(files, "reading case files") as reading:
        for path in reading:
            try:
                source = read_case_file(path)
            except InspectcoreError as exc:
                problems.append(f"{path}: {exc}")
                continue
            if source.case.edition.id != edition.id:
                problems.append(
                    f"{path}: assessed under {source.case.edition.id!r}, not {edition.id!r}"
                )
                continue
            for problem in validate_case(edition, source.case):
                if problem.is_error:
                    problems.append(
                        f"{path}:{problem.question or problem.location}: {problem.message}"
                    )
            cases.append((path.name, source.case))
    # Listed after the bar is gone, so that they are not drawn over.
    for line in problems:
        click.echo(line, err=True)
    if problems:
        click.echo(f"error: fix the problems above, then {action} again", err=True)
        click.get_current_context().exit(1)
    if not cases:
        raise click.UsageError("no case files found")
    return cases
