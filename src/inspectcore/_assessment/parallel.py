"""Reading case files over several processes: the same results, in the same order.

Reading a case (parsing its file, converting it, validating it) is most of the time an
inspection takes, and each case is read on its own, so a large folder is read by a pool
of worker processes. Each worker holds the edition (sent once, when it starts) and sends
back each case with its validation errors; the reader routes it again for the steps
that follow, and keeps every other rule (another edition, a reference used twice) in one
place, in file order. Figures and messages are those of a reading in one process.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .._cases.case import CaseAssessment, read_case_file
from .._errors import InspectcoreError
from .._model.edition import Edition
from .._routing.routed import RoutedCase, route
from .validation import validate

PARALLEL_THRESHOLD = 2000
"""The number of case files from which ``jobs=None`` reads over processes: below it,
starting the workers costs more than it saves."""

_WINDOW = 256
"""Files handed to the pool at a time per worker, so that cases read ahead of the
reader wait in memory a window at a time, not a whole inspection."""

Read = tuple[RoutedCase | None, tuple[tuple[str, str], ...]]
"""One file read: the routed case (``None`` if it cannot be part of the inspection) and
its problems, each ``(question or place, message)``."""


def read_one(edition: Edition, path: Path) -> Read:
    """``path`` read, checked against ``edition``, routed once and validated."""
    try:
        case = read_case_file(path).case
    except InspectcoreError as exc:
        # A file's error names the file itself (see CaseFileError): said once, not twice.
        return None, (("", str(exc).removeprefix(f"{path}: ")),)
    if case.edition.id != edition.id:
        return None, (("", f"assessed under {case.edition.id!r}, not {edition.id!r}"),)
    routed = route(edition, case)
    errors = tuple(
        (problem.question or problem.location, problem.message)
        for problem in validate(edition, routed)
        if problem.is_error
    )
    return routed, errors


def jobs_for(jobs: int | None, files: int) -> int:
    """How many processes read ``files`` case files: ``jobs`` when given, otherwise
    one per CPU from :data:`PARALLEL_THRESHOLD` files, and one below it."""
    if jobs is not None:
        return max(1, jobs)
    return (os.cpu_count() or 1) if files >= PARALLEL_THRESHOLD else 1


_edition: Edition | None = None
"""The edition a worker process reads under (set once, as the worker starts)."""


def _start(edition: Edition) -> None:
    global _edition
    _edition = edition


def _work(path: Path) -> tuple[CaseAssessment | None, tuple[tuple[str, str], ...]]:
    assert _edition is not None, "set by _start"
    # The case goes back without its routing: the edition it refers to is the reader's.
    routed, problems = read_one(_edition, path)
    return (routed.case if routed is not None else None), problems


def read_parallel(
    edition: Edition, paths: Iterable[Path], jobs: int
) -> Iterator[tuple[Path, Read]]:
    """Each of ``paths`` with its :func:`read_one`, read in ``jobs`` processes, in the
    order given. ``paths`` is drawn a window at a time (a progress bar runs that far
    ahead of what is read)."""
    pending = iter(paths)
    with ProcessPoolExecutor(jobs, initializer=_start, initargs=(edition,)) as pool:
        while window := list(itertools.islice(pending, _WINDOW * jobs)):
            for path, (case, problems) in zip(
                window, pool.map(_work, window, chunksize=16), strict=True
            ):
                yield path, ((route(edition, case) if case is not None else None), problems)
