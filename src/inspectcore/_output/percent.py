"""How percentages are shown: one decimal place, rounded to the nearest."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from .._scoring.rounding import SHOWN_PLACES, rounded_percent


def percent_text(percent: Fraction | None) -> str:
    """A percentage to one decimal place, rounded to the nearest (halves up); "-" when
    there is none.

    Shown as HMIP's reports and spreadsheets show figures. Bands are decided on the
    exact figure, so a shown figure can sit across a band edge from it (79.96% shows as
    80.0% and is rated below 80%): see :func:`~inspectcore.rounded_band`, which flags it.
    """
    if percent is None:
        return "-"
    shown = rounded_percent(percent, SHOWN_PLACES)
    return f"{Decimal(shown.numerator) / Decimal(shown.denominator):.{SHOWN_PLACES}f}%"
