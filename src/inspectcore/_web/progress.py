"""What the lead sees of an inspection in progress: cases by inspector and status, and the
figures of the complete cases, worked out by the library as ``inspectcore score`` does.

Nothing here is stored: a case's status is derived from its answers each time
(:func:`~inspectcore.case_status`), and the figures are the library's score of the
complete first readings, the same numbers as ``inspectcore score --complete-only`` on
an export of the store (a test compares them).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any

import attrs

from .._assessment.status import case_status
from .._model.edition import Edition
from .._output.score_formats import score_to_data
from .._plugins.registry import Registry
from .._routing.routed import route
from .._scoring.scoring import InspectionScore, LeftOutCase, ScoreCounter
from .._store.records import StoredCase

NOT_STARTED = "not started"
IN_PROGRESS = "in progress"
COMPLETE = "complete"
STATUSES = (NOT_STARTED, IN_PROGRESS, COMPLETE)
"""A case's status as the dashboard shows it, in order."""
UNASSIGNED = ""
"""The inspector of cases assigned to nobody and assessed by nobody named."""


@attrs.frozen
class CaseLine:
    """One case on the dashboard."""

    case: StoredCase
    status: str
    """One of :data:`STATUSES`."""
    reason: str
    """Why it is not complete ("" when it is), as ``inspectcore status`` says it."""
    left_to_ask: tuple[str, ...]
    progress: str = ""
    """The library's progress of the case (``case_status``), as ``score --complete-only``
    names it for a case left out."""


@attrs.frozen
class InspectorLine:
    """One inspector's cases, counted by status."""

    inspector: str
    """Whose cases (:func:`inspector_of`)."""
    counts: tuple[int, ...]
    """How many cases are in each of :data:`STATUSES`, in that order."""

    @property
    def total(self) -> int:
        """Every case of the inspector."""
        return sum(self.counts)


@attrs.frozen
class Progress:
    """An inspection's cases by inspector and status, and the figures of the complete ones."""

    cases: tuple[CaseLine, ...]
    inspectors: tuple[InspectorLine, ...]
    score: InspectionScore
    """The library's score of the complete cases."""
    left_out: tuple[CaseLine, ...]
    """The cases not complete, and so not in :attr:`score`."""


def inspector_of(stored: StoredCase) -> str:
    """Whose case it is: the username it is assigned to; for a case assigned to nobody (one
    imported from files, say), the assessor the case names; else :data:`UNASSIGNED`."""
    return stored.assigned_to or stored.assessment.assessor or UNASSIGNED


def case_line(edition: Edition, stored: StoredCase) -> CaseLine:
    """One case's status: not started (no answer yet), in progress or complete."""
    routed = route(edition, stored.assessment)
    status = case_status(edition, routed)
    if status.complete:
        shown = COMPLETE
    elif not stored.assessment.answers:
        shown = NOT_STARTED
    else:
        shown = IN_PROGRESS
    return CaseLine(stored, shown, status.reason, status.left_to_ask, status.progress.value)


def progress(edition: Edition, cases: Sequence[StoredCase]) -> Progress:
    """Cases by inspector and status, and the score of the complete ones (in the order
    given: the store's, by reference, as an export's file names sort)."""
    lines = tuple(case_line(edition, stored) for stored in cases)
    counter = ScoreCounter(edition)
    counts: dict[str, list[int]] = {}
    for line in lines:
        row = counts.setdefault(inspector_of(line.case), [0] * len(STATUSES))
        row[STATUSES.index(line.status)] += 1
        if line.status == COMPLETE:
            counter.add(line.case.reference, line.case.assessment)
        else:
            # Listed in the score as `score --complete-only` lists it on an export.
            name = PurePosixPath(line.case.file_name).name
            counter.leave_out(
                LeftOutCase(name, line.case.assessment.case, line.progress, line.reason)
            )
    inspectors = tuple(InspectorLine(name, tuple(row)) for name, row in sorted(counts.items()))
    left_out = tuple(line for line in lines if line.status != COMPLETE)
    return Progress(lines, inspectors, counter.result(), left_out)


def figures_data(registry: Registry, edition: Edition, found: Progress) -> dict[str, Any]:
    """The figures as ``inspectcore score --format json`` gives them (with intervals at
    the confidence of the framework rating the edition, if one is installed, as there),
    under ``score``, and the cases left out with why, under ``left_out``."""
    return {
        "score": score_to_data(edition, found.score, registry.sample_confidence(edition.id)),
        "left_out": [
            {"reference": line.case.reference, "status": line.status, "reason": line.reason}
            for line in found.left_out
        ],
    }
