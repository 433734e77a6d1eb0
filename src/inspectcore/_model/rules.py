"""Rule records of an edition: rating bands, group scoring, timeliness limits.

Records only: rating (:mod:`inspectcore._scoring.rating`), group figures
(:mod:`inspectcore._scoring.groups`) and timeliness (:mod:`inspectcore._routing.timeliness`)
are computed elsewhere.
"""

from __future__ import annotations

import re
from fractions import Fraction

import attrs

from .conditions import Condition
from .provenance import UNRECORDED, Provenance


@attrs.frozen
class Rule:
    """A condition with the provenance that justifies it."""

    condition: Condition
    provenance: Provenance = UNRECORDED


GROUP_SCORING_METHODS = ("pooled", "mean-of-questions")
"""The group scoring methods an edition can name (computed in ``_scoring.groups``)."""

CALENDAR_CODE = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
"""A country code with an optional subdivision, as the ``holidays`` library names them
(``GB-ENG`` for England, ``GB-WLS`` for Wales)."""


@attrs.frozen
class Band:
    """A rating band: every percentage at or above ``min`` (and below the next band up)."""

    name: str
    min: Fraction


@attrs.frozen
class RatingRules:
    """How an edition rates: which sections are rated, from which figures, by which bands.

    A section of ``rated_level`` takes the band of its lowest-banded child section of
    ``banded_level``; each child is banded by the percentage of cases judged sufficient.
    Percentages are compared exactly (as fractions), never rounded before banding.
    """

    rated_level: str
    banded_level: str
    bands: tuple[Band, ...]
    """Lowest first."""
    provenance: Provenance = UNRECORDED

    def band(self, percent: Fraction) -> Band:
        """The band of a percentage (the lowest band when below every minimum)."""
        chosen = self.bands[0]
        for band in self.bands:
            if percent >= band.min:
                chosen = band
        return chosen

    def rank(self, band: Band) -> int:
        """0 for the lowest band."""
        return self.bands.index(band)


@attrs.frozen
class GroupScoring:
    """How an edition turns its question figures into group figures."""

    method: str
    """A key of :data:`GROUP_SCORING_METHODS`."""
    kinds: tuple[str, ...] = ()
    """The group kinds that get figures; empty means every kind."""
    provenance: Provenance = UNRECORDED


@attrs.frozen
class TimeLimit:
    """A number of working days that applies when its rule holds."""

    rule: Rule
    working_days: int
    label: str = ""
    """What the limit is for, shown with the result (e.g. "Detention and Training Order")."""


@attrs.frozen
class TimelinessRule:
    """Working days from one date question to another, against the first limit that applies."""

    id: str
    title: str
    start: str
    end: str
    calendar_question: str
    """The question, or the inspection fact, whose value names the calendar."""
    calendars: tuple[tuple[str, str], ...]
    """(answer of ``calendar_question``, calendar code) pairs."""
    limits: tuple[TimeLimit, ...]
    beside: tuple[str, ...] = ()
    """The judgements this informs (shown beside them)."""
    provenance: Provenance = UNRECORDED
