"""Inspection frameworks: the standards of an inspection programme and how the whole is rated.

A framework is data a plugin ships (``framework.toml``, docs/edition-data.md,
"Inspection frameworks"): which standards there are, which are rated from case figures
(a rated section of an edition) and which by inspectors, what each rating scores, the
bands of the total that give the overall rating, and the rule for the size of the
sample. Each part carries its provenance: none of it is in the case-assessment guidance.
"""

from __future__ import annotations

import enum

import attrs

from .provenance import UNRECORDED, Provenance


class RatedBy(enum.Enum):
    """Where a standard's rating comes from."""

    CASES = "cases"
    """From the figures of the cases read (a rated section of the framework's edition)."""
    INSPECTORS = "inspectors"
    """Given by inspectors (organisational standards, policy and provision)."""


@attrs.frozen
class FrameworkStandard:
    """One standard of an inspection programme."""

    id: str
    rated_by: RatedBy
    provenance: Provenance
    title: str | None = None
    """``None`` where no shipped document gives one (see ``title_provenance``)."""
    title_provenance: Provenance = UNRECORDED
    section: str | None = None
    """The rated section of the framework's edition whose rating this standard takes."""
    counted: bool = True
    """Whether its score counts towards the total (resettlement, in 2021, is rated only)."""
    counted_provenance: Provenance = UNRECORDED


@attrs.frozen
class SampleRule:
    """How many cases to read: the standard formula for a proportion, and optional limits."""

    confidence: float
    margin: float
    proportion: float
    finite_population_correction: bool
    provenance: Provenance
    minimum: int | None = None
    maximum: int | None = None
    limits_provenance: Provenance = UNRECORDED


@attrs.frozen
class RatingScore:
    """What one rating scores towards the total."""

    rating: str
    score: int


@attrs.frozen
class TotalBand:
    """A band of the total: totals of at least ``min`` (on a total out of ``of``) get ``rating``."""

    rating: str
    min: int


@attrs.frozen
class Framework:
    """An inspection programme's standards, their scores and the bands of the total."""

    id: str
    title: str
    title_provenance: Provenance
    standards: tuple[FrameworkStandard, ...]
    standards_provenance: Provenance
    scores: tuple[RatingScore, ...]
    """Lowest first."""
    scores_provenance: Provenance
    bands: tuple[TotalBand, ...]
    """Lowest first."""
    bands_of: int
    """The total the bands are written for (every counted standard rated at the top)."""
    bands_provenance: Provenance
    sample: SampleRule
    edition: str | None = None
    """The edition whose cases rate the standards rated by cases (``None``: all given)."""
    synthetic: bool = False

    def standard(self, standard_id: str) -> FrameworkStandard:
        """The standard with that id; raises ``KeyError`` naming the ones there are."""
        for standard in self.standards:
            if standard.id == standard_id:
                return standard
        known = ", ".join(s.id for s in self.standards)
        raise KeyError(f"{self.id} has no standard {standard_id!r} (it has {known})")

    def score_of(self, rating: str) -> int:
        """The score of a rating; raises ``KeyError`` naming the ratings there are."""
        for item in self.scores:
            if item.rating == rating:
                return item.score
        known = ", ".join(s.rating for s in self.scores)
        raise KeyError(f"{rating!r} is not a rating of {self.id} (one of: {known})")

    @property
    def top_score(self) -> int:
        """The score of the highest rating."""
        return max(s.score for s in self.scores)
