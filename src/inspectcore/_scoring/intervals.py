"""Confidence intervals of figures (Wilson score intervals), and the bands they settle.

A figure is the share of a sample's cases judged sufficient; the interval says where
the share in the whole caseload may lie, at the inspection's confidence. Where it
reaches across a band edge, the sample cannot settle which band the service is in.
"""

from __future__ import annotations

import math
from fractions import Fraction

import attrs

from .._model.rules import RatingRules
from .rating import Figure
from .rounding import rounded_band
from .sample_size import z_for


@attrs.frozen
class Interval:
    """A Wilson score interval of a figure, in percent."""

    low: float
    high: float
    confidence: float


@attrs.frozen
class FigureInterval:
    """A figure's interval and what it says about the figure's band."""

    figure: Figure
    interval: Interval | None
    """``None`` when no case counts."""
    bands: tuple[str, ...] = ()
    """The bands the interval reaches, lowest first (one when the sample settles it)."""
    rounded_band: str | None = None
    """The band of the percentage rounded to a whole number, where it differs from the
    exact figure's (as a report quoting whole percentages would mislead)."""

    @property
    def unsettled(self) -> bool:
        """Whether the interval crosses a band edge."""
        return len(self.bands) > 1


def wilson(sufficient: int, applicable: int, confidence: float) -> Interval | None:
    """The Wilson score interval of ``sufficient`` out of ``applicable``, in percent."""
    if applicable <= 0:
        return None
    z = z_for(confidence)
    n, p = applicable, sufficient / applicable
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return Interval(max(0.0, 100 * (centre - half)), min(100.0, 100 * (centre + half)), confidence)


def figure_interval(
    figure: Figure, confidence: float, rules: RatingRules | None = None
) -> FigureInterval:
    """A figure's interval, with the bands it reaches under ``rules`` (if any)."""
    interval = wilson(figure.sufficient, figure.applicable, confidence)
    percent = figure.percent
    if interval is None or percent is None or rules is None:
        return FigureInterval(figure, interval)
    low = rules.band(Fraction(interval.low))
    high = rules.band(Fraction(interval.high))
    bands = tuple(b.name for b in rules.bands[rules.rank(low) : rules.rank(high) + 1])
    return FigureInterval(figure, interval, bands, rounded_band(rules, percent, places=0))
