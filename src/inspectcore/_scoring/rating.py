"""Rating: each rated section takes the band of its lowest-banded child figure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

import attrs

from .._model.rules import RatingRules


@attrs.frozen
class Figure:
    """Cases where a question (or the key question it summarises) counts, and judged sufficient."""

    id: str
    applicable: int
    sufficient: int

    @property
    def percent(self) -> Fraction | None:
        """The exact percentage judged sufficient, or ``None`` when no case counts."""
        if self.applicable == 0:
            return None
        return Fraction(100 * self.sufficient, self.applicable)


@attrs.frozen
class Rating:
    """A rated section's band, and the figure that drove it (its lowest-banded child)."""

    section: str
    band: str | None
    """``None`` when it is not rated: a child has no figure (see ``missing``)."""
    driven_by: str | None
    percent: Fraction | None
    figures: tuple[Figure, ...]
    missing: tuple[tuple[str, str], ...] = ()
    """``(child id, why)`` for each banded child without a figure. A section with any is
    not rated: its lowest band may be the one that is missing, so a rating from the others
    could be better than the section deserves."""

    def why_unrated(self, banded_level: str = "child") -> str:
        """Why the section is not rated, naming each missing child ("key question A 3
        applies to no case"); "" when it is rated."""
        if self.band is not None:
            return ""
        child = banded_level.replace("_", " ")
        return "; ".join(f"{child} {k} {why}" for k, why in self.missing) or f"it has no {child}"


def unrated_warnings(rules: RatingRules | None, ratings: Sequence[Rating]) -> tuple[str, ...]:
    """One line for each section not rated, naming it and why ("standard 2.1 not rated:
    key question A 3 applies to no case"): what the commands warn about on stderr, so
    that a missing figure never passes for a rating."""
    if rules is None:
        return ()
    rated = rules.rated_level.replace("_", " ")
    return tuple(
        f"{rated} {r.section} not rated: {r.why_unrated(rules.banded_level)}"
        for r in ratings
        if r.band is None
    )


NO_CASE = "applies to no case"
"""Why a child whose figure counts no case is missing from its section's rating."""


def rate(
    rules: RatingRules,
    children: Mapping[str, Sequence[str]],
    figures: Mapping[str, Figure],
    absent: str = "has no figure",
) -> tuple[Rating, ...]:
    """Rate each section in ``children`` (rated id -> banded child ids) from ``figures``.

    A section is rated only when every child has a figure counting at least one case;
    otherwise it is not rated, and ``Rating.missing`` says which child is missing and
    why (``absent`` for a child ``figures`` lacks, :data:`NO_CASE` for one counting no case).
    """
    ratings = []
    for section, kids in children.items():
        scored = [figures[k] for k in kids if k in figures and figures[k].percent is not None]
        missing = tuple(
            (k, absent if k not in figures else NO_CASE)
            for k in kids
            if k not in figures or figures[k].percent is None
        )
        if missing or not scored:
            found = tuple(figures[k] for k in kids if k in figures)
            ratings.append(Rating(section, None, None, None, found, missing))
            continue

        def order(figure: Figure) -> tuple[int, Fraction]:
            percent = figure.percent
            assert percent is not None
            return rules.rank(rules.band(percent)), percent

        # The lowest band drives; among equal bands the lowest percentage, then document order.
        driver = min(scored, key=order)
        assert driver.percent is not None
        ratings.append(
            Rating(
                section,
                rules.band(driver.percent).name,
                driver.id,
                driver.percent,
                tuple(scored),
            )
        )
    return tuple(ratings)
