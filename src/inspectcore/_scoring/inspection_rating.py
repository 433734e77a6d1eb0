"""The whole inspection's rating: each standard's score, the total and its band.

Standards rated by cases take the rating of a rated section of the framework's edition
(from :func:`~inspectcore.score`); the others are given. A standard with no rating (no
case applied, or none given) is "not rated" and the maximum shrinks by its top score.
A ratings panel's override is kept beside the computed rating, never in its place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from fractions import Fraction

import attrs

from .._model.frameworks import Framework
from .scoring import InspectionScore


@attrs.frozen
class Override:
    """A ratings panel's change of one standard's rating: who, when and why."""

    standard: str
    rating: str
    by: str
    on: dt.date
    why: str


@attrs.frozen
class StandardRating:
    """One standard's rating in the whole inspection, and where it came from."""

    standard: str
    rating: str | None
    """The rating that counts: the override's where there is one; ``None``: not rated."""
    computed: str | None
    """The rating from the cases or as given, before any override."""
    source: str
    """``"cases"``, ``"given"`` or ``"not rated"``."""
    counted: bool
    score: int | None
    """What it adds to the total; ``None`` when it is not rated or not counted."""
    override: Override | None = None
    driven_by: str | None = None
    """For a standard rated by cases: the key question that drove its rating."""


@attrs.frozen
class InspectionRating:
    """The score of an inspection, its maximum, the overall rating and a trace."""

    framework: str
    standards: tuple[StandardRating, ...]
    score: int
    max: int
    overall: str | None
    """``None`` when no counted standard is rated."""
    scaled: Fraction | None
    """The total on the bands' scale (``bands_of``) when the maximum shrank; else ``None``."""

    def trace(self) -> tuple[str, ...]:
        """One line per standard and one for the total: what drove the overall rating."""
        lines = []
        for s in self.standards:
            if s.rating is None:
                lines.append(f"{s.standard}: {s.source}; the maximum shrinks")
                continue
            how = s.source + (f", driven by {s.driven_by}" if s.driven_by else "")
            line = f"{s.standard}: {s.computed or 'not rated'} ({how})"
            if s.override is not None:
                o = s.override
                line += f"; overridden to {o.rating} by {o.by} on {o.on.isoformat()}: {o.why}"
            line += f", scores {s.score}" if s.counted else ", rated but not counted"
            lines.append(line)
        total = f"total {self.score} of {self.max}"
        if self.scaled is not None:
            total += f" (scaled: {float(self.scaled):.2f})"
        lines.append(f"{total}: {self.overall or 'not rated'}")
        return tuple(lines)


def rate_inspection(
    framework: Framework,
    given: Mapping[str, str],
    scored: InspectionScore | None = None,
    overrides: Iterable[Override] = (),
) -> InspectionRating:
    """Rate a whole inspection under ``framework``.

    ``given`` maps standard ids to ratings for standards rated by inspectors (or by
    cases, when no ``scored`` inspection is given for them); ``scored`` is the score of
    the framework's edition, whose rated sections rate the standards that name them.
    Raises ``KeyError`` for an unknown standard or rating, and ``ValueError`` for a
    standard both given and rated from cases, or overridden twice.
    """
    for standard_id, given_rating in given.items():
        standard = framework.standard(standard_id)
        framework.score_of(given_rating)
        if scored is not None and standard.section is not None:
            raise ValueError(f"{standard_id} is rated from the cases; it cannot also be given")
    by_override: dict[str, Override] = {}
    for change in overrides:
        framework.standard(change.standard)
        framework.score_of(change.rating)
        if change.standard in by_override:
            raise ValueError(f"{change.standard} is overridden twice")
        by_override[change.standard] = change
    from_cases = {} if scored is None else {r.section: r for r in scored.ratings}
    rows = []
    for standard in framework.standards:
        computed: str | None = given.get(standard.id)
        source: str = "given"
        driven_by: str | None = None
        if scored is not None and standard.section is not None:
            rated = from_cases.get(standard.section)
            computed, source = (rated.band if rated else None), "cases"
            driven_by = rated.driven_by if rated else None
        override = by_override.get(standard.id)
        rating = override.rating if override is not None else computed
        if rating is None:
            source = "no applicable cases" if source == "cases" else "not given"
        counted = standard.counted and rating is not None
        rows.append(
            StandardRating(
                standard=standard.id,
                rating=rating,
                computed=computed,
                source=source if rating is not None else f"not rated: {source}",
                counted=standard.counted,
                score=framework.score_of(rating) if counted and rating is not None else None,
                override=override,
                driven_by=driven_by,
            )
        )
    total = sum(r.score for r in rows if r.score is not None)
    maximum = framework.top_score * sum(1 for r in rows if r.score is not None)
    overall, scaled = None, None
    if maximum:
        # Bands are written for a total out of bands_of; a smaller maximum is scaled to it.
        on_scale = Fraction(total)
        if maximum != framework.bands_of:
            scaled = on_scale = Fraction(total * framework.bands_of, maximum)
        overall = framework.bands[0].rating
        for band in framework.bands:
            if on_scale >= band.min:
                overall = band.rating
    return InspectionRating(framework.id, tuple(rows), total, maximum, overall, scaled)
