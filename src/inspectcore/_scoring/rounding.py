"""How a percentage is rounded for showing, and when that changes its band.

Bands are always decided on the exact fraction. A shown figure is rounded to the
nearest (halves up, as HMIP's reports and spreadsheets show them), so it can land in a
different band from the exact one (79.96% shows as 80.0% yet is rated below 80%):
such a figure is flagged rather than rounded some other way.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .._model.rules import RatingRules

SHOWN_PLACES = 1
"""Decimal places a percentage is shown to in reports and text output."""


def rounded_percent(percent: Fraction, places: int = SHOWN_PLACES) -> Fraction:
    """``percent`` rounded to ``places`` decimal places, halves up."""
    exact = Decimal(percent.numerator) / Decimal(percent.denominator)
    step = Decimal(1).scaleb(-places)
    return Fraction(exact.quantize(step, rounding=ROUND_HALF_UP))


def rounded_band(
    rules: RatingRules | None, percent: Fraction | None, places: int = SHOWN_PLACES
) -> str | None:
    """The band ``percent`` rounded to ``places`` would read, where it differs from the
    exact figure's band; ``None`` when they agree (or there are no bands or no figure)."""
    if rules is None or percent is None:
        return None
    exact, rounded = rules.band(percent).name, rules.band(rounded_percent(percent, places)).name
    return rounded if rounded != exact else None
