"""How percentages are shown: one decimal place, rounded down."""

from __future__ import annotations

from fractions import Fraction


def percent_text(percent: Fraction | None) -> str:
    """A percentage to one decimal place, rounded down; "-" when there is none.

    Rounding down means a shown figure never reaches a band edge that the exact
    figure is below (79.99% shows as 79.9%, and is rated below 80%).
    """
    if percent is None:
        return "-"
    tenths = (percent * 10).__floor__()
    return f"{tenths // 10}.{tenths % 10}%"
