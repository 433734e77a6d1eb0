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
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

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

T = TypeVar("T")
R = TypeVar("R")

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


def _work(path: Path) -> tuple[Path, CaseAssessment | None, tuple[tuple[str, str], ...]]:
    assert _edition is not None, "set by _start"
    # The case goes back without its routing: the edition it refers to is the reader's.
    routed, problems = read_one(_edition, path)
    return path, (routed.case if routed is not None else None), problems


def in_processes(
    work: Callable[[T], R],
    items: Iterable[T],
    jobs: int,
    *,
    start: Callable[..., object] | None = None,
    start_args: tuple[Any, ...] = (),
) -> Iterator[R]:
    """``work(item)`` for each of ``items``, worked out in ``jobs`` processes, yielded in
    the order of ``items``.

    ``work`` and ``start`` must be functions a worker can import (defined at the top of
    a module); ``start(*start_args)`` runs once in each worker as it starts, to set up
    what every item needs (an edition, a registry) so that it is not sent with each.
    ``items`` is drawn a window at a time, so that results read ahead wait in memory a
    window at a time, not a whole inspection (and a progress bar runs only that far
    ahead of what is done).
    """
    pending = iter(items)
    with ProcessPoolExecutor(jobs, initializer=start, initargs=start_args) as pool:
        while window := list(itertools.islice(pending, _WINDOW * jobs)):
            yield from pool.map(work, window, chunksize=16)


def read_parallel(
    edition: Edition, paths: Iterable[Path], jobs: int
) -> Iterator[tuple[Path, Read]]:
    """Each of ``paths`` with its :func:`read_one`, read in ``jobs`` processes, in the
    order given (see :func:`in_processes`)."""
    for path, case, problems in in_processes(
        _work, paths, jobs, start=_start, start_args=(edition,)
    ):
        yield path, ((route(edition, case) if case is not None else None), problems)
