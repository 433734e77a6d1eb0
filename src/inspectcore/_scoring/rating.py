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
    """``None`` when none of its children applied to any case."""
    driven_by: str | None
    percent: Fraction | None
    figures: tuple[Figure, ...]


def rate(
    rules: RatingRules, children: Mapping[str, Sequence[str]], figures: Mapping[str, Figure]
) -> tuple[Rating, ...]:
    """Rate each section in ``children`` (rated id -> banded child ids) from ``figures``."""
    ratings = []
    for section, kids in children.items():
        scored = [figures[k] for k in kids if k in figures and figures[k].percent is not None]
        if not scored:
            ratings.append(
                Rating(section, None, None, None, tuple(figures[k] for k in kids if k in figures))
            )
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
