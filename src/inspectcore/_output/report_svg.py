"""Inline SVG bar charts for reports: percentage judged sufficient, rating bands behind.

Charts are plain SVG drawn in code (no script, no external resources), so a report
opens the same anywhere, offline.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import attrs

from .._model.rules import Band
from .html import Markup, el
from .percent import percent_text

FEW_CASES = 5
"""Figures counted over fewer cases than this are flagged as unreliable."""
FEW_MARK = "†"
"""The visible marker of a figure built on fewer than :data:`FEW_CASES` cases."""

# Geometry, in SVG user units (the chart scales with the page).
_LABEL = 96  # the column of bar labels (ids)
_PLOT = 480  # 0% to 100%
_VALUES = 180  # the column of values after the plot
_BAND_STRIP = 40  # band names, above the bars
_ROW = 28
_BAR = 18
_AXIS = 24
_WIDTH = _LABEL + _PLOT + _VALUES
BAND_FILLS = ("#f4c7c3", "#fde3b0", "#d6ecc9", "#b7dfb0", "#a3d3c9", "#c9d7ef")
"""Band backgrounds, lowest band first (cycled if an edition has more bands)."""


@attrs.frozen
class Bar:
    """One bar: a figure's percentage judged sufficient, with what it counts."""

    label: str
    """Short label shown beside the bar (an id)."""
    title: str
    """Longer description, shown as the bar's tooltip."""
    applicable: int
    sufficient: int
    percent: Fraction | None
    """``None`` when nothing counted: no bar is drawn."""
    emphasis: bool = False
    """Drawn darker, for the overall figure among its parts (a theme among its criteria)."""

    @property
    def few(self) -> bool:
        """Whether the figure is built on fewer than :data:`FEW_CASES` cases."""
        return self.applicable < FEW_CASES


def _x(percent: Fraction | int) -> float:
    return round(_LABEL + float(percent) * _PLOT / 100, 2)


def _band_regions(bands: Sequence[Band], height: int) -> list[Markup]:
    shapes = []
    for index, band in enumerate(bands):
        upper = bands[index + 1].min if index + 1 < len(bands) else Fraction(100)
        left, right = _x(band.min), _x(min(upper, Fraction(100)))
        if right <= left:
            continue
        shapes.append(
            el(
                "rect",
                el("title", f"{band.name}: {percent_text(band.min)} and over"),
                class_="band",
                x=left,
                y=0,
                width=round(right - left, 2),
                height=height,
                fill=BAND_FILLS[index % len(BAND_FILLS)],
            )
        )
        # Band names are long next to narrow bands: one word per line, centred.
        words = band.name.split()
        middle = round((left + right) / 2, 2)
        lines = [
            el("tspan", word, x=middle, dy=0 if n == 0 else 12) for n, word in enumerate(words)
        ]
        shapes.append(el("text", lines, class_="band-label", x=middle, y=14, text_anchor="middle"))
    return shapes


def _axis(bands: Sequence[Band], top: int) -> list[Markup]:
    ticks = sorted({Fraction(0), Fraction(100), *(b.min for b in bands if 0 <= b.min <= 100)})
    marks = [el("line", class_="axis", x1=_x(0), x2=_x(100), y1=top, y2=top)]
    for tick in ticks:
        marks.append(el("line", class_="tick", x1=_x(tick), x2=_x(tick), y1=top, y2=top + 4))
        label = percent_text(tick).replace(".0%", "%")
        marks.append(
            el("text", label, class_="tick-label", x=_x(tick), y=top + 16, text_anchor="middle")
        )
    return marks


def _row(bar: Bar, top: int) -> list[Markup]:
    middle = top + _ROW // 2
    shapes = [
        el(
            "text",
            bar.label,
            class_="bar-label" + (" emphasis" if bar.emphasis else ""),
            x=_LABEL - 8,
            y=middle + 4,
            text_anchor="end",
        )
    ]
    value = f"{percent_text(bar.percent)} ({bar.sufficient} of {bar.applicable})"
    if bar.few:
        value += f" {FEW_MARK}"
    tooltip = f"{bar.label}: {bar.title} ({bar.sufficient} of {bar.applicable})"
    if bar.percent is None:
        shapes.append(el("text", "no cases", class_="no-bar", x=_x(0) + 6, y=middle + 4))
    else:
        classes = ["bar"] + (["emphasis"] if bar.emphasis else []) + (["few"] if bar.few else [])
        shapes.append(
            el(
                "rect",
                el("title", tooltip),
                class_=" ".join(classes),
                x=_x(0),
                y=middle - _BAR // 2,
                width=round(_x(bar.percent) - _x(0), 2),
                height=_BAR,
            )
        )
        shapes.append(el("text", value, class_="bar-value", x=_x(100) + 8, y=middle + 4))
    return shapes


def bar_chart(bars: Sequence[Bar], bands: Sequence[Band], caption: str) -> Markup:
    """A horizontal bar chart of ``bars``, with ``bands`` (lowest first) shaded behind.

    ``caption`` names the chart for screen readers. Bars of figures built on fewer
    than :data:`FEW_CASES` cases are drawn faint and dashed, and marked with
    :data:`FEW_MARK` beside their value.
    """
    top = _BAND_STRIP if bands else 8
    plot_height = top + len(bars) * _ROW
    height = plot_height + _AXIS
    shapes: list[Markup] = [el("title", caption)]
    shapes += _band_regions(bands, plot_height)
    for index, bar in enumerate(bars):
        shapes += _row(bar, top + index * _ROW)
    shapes += _axis(bands, plot_height)
    return el(
        "svg",
        shapes,
        class_="chart",
        role="img",
        aria_label=caption,
        viewBox=f"0 0 {_WIDTH} {height}",
        width=_WIDTH,
        height=height,
    )
