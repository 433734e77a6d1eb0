"""The report's sections about the sample and the whole inspection: the key questions'
confidence intervals, the sample's make-up and the inspection's overall rating.

Each is added to the page only when asked for (``render_report``'s keyword arguments), so
the report of an inspection without a framework is unchanged. Everything is escaped
(:mod:`.html`); the sample's make-up counts options only, never free text.
"""

from __future__ import annotations

from .._model.edition import Edition
from .._scoring.inspection_rating import InspectionRating
from .._scoring.intervals import figure_interval
from .._scoring.sample_description import SampleDescription
from .._scoring.scoring import InspectionScore
from .html import Markup, el, join
from .percent import percent_text


def intervals_section(edition: Edition, result: InspectionScore, confidence: float) -> Markup:
    """Each key question's Wilson interval, and whether the sample settles its band."""
    rows = []
    for figure in result.key_questions:
        item = figure_interval(figure, confidence, edition.rating)
        if item.interval is None:
            span, bands, flag = "-", "-", "no case applies"
        else:
            span = f"{item.interval.low:.1f}% to {item.interval.high:.1f}%"
            bands = " to ".join(dict.fromkeys((item.bands[0], item.bands[-1]))) or "-"
            flags = []
            if item.unsettled:
                flags.append("the sample cannot settle the band")
            if item.rounded_band is not None:
                flags.append(f"rounded to a whole percentage it would read {item.rounded_band}")
            flag = "; ".join(flags)
        rows.append(
            el(
                "tr",
                el("td", figure.id, class_="id"),
                el("td", percent_text(figure.percent), class_="num"),
                el("td", span, class_="num"),
                el("td", bands),
                el("td", el("strong", flag) if flag and item.unsettled else flag),
                class_="interval-row unsettled" if item.unsettled else "interval-row",
            )
        )
    head = el(
        "tr",
        el("th", "Key question"),
        el("th", "%", class_="num"),
        el("th", f"{confidence:.0%} interval", class_="num"),
        el("th", "Bands it reaches"),
        el("th", "Flag"),
    )
    return el(
        "section",
        el("h2", "How sure the figures are"),
        el(
            "p",
            f"Each key question's Wilson score interval at {confidence:.0%} confidence: where "
            "the share of the whole caseload may lie, given the cases read. An interval "
            "that reaches across a band edge means the sample cannot settle the band.",
            class_="note",
        ),
        el("table", el("thead", head), el("tbody", rows), class_="intervals"),
        id="intervals",
    )


def sample_section(description: SampleDescription) -> Markup:
    """What the sample is made of: counts of each option of the described items."""
    blocks = [
        el(
            "p",
            f"{description.scored} case(s) scored, {description.excluded} excluded "
            "(listed under Excluded cases).",
        )
    ]
    for item in description.items:
        rows = [
            el("tr", el("td", option), el("td", count, class_="num"))
            for option, count in item.counts
        ]
        if item.unanswered:
            rows.append(el("tr", el("td", el("em", "not answered")), el("td", item.unanswered)))
        title = item.text.en if item.text is not None else ""
        blocks.append(
            join(
                el("h3", item.id, " ", title),
                el(
                    "table",
                    el("thead", el("tr", el("th", "Answer"), el("th", "Cases", class_="num"))),
                    el("tbody", rows),
                    class_="sample",
                ),
            )
        )
    return el("section", el("h2", "The sample"), blocks, id="sample")


def overall_section(rating: InspectionRating) -> Markup:
    """The inspection's overall rating, the score and the trace, overrides beside."""
    rows = []
    for s in rating.standards:
        override = (
            f"{s.override.rating}, by {s.override.by} on {s.override.on.isoformat()}: "
            f"{s.override.why}"
            if s.override is not None
            else ""
        )
        rows.append(
            el(
                "tr",
                el("td", s.standard, class_="id"),
                el("td", s.computed or "not rated"),
                el("td", el("strong", override) if override else ""),
                el("td", s.source + (f", driven by {s.driven_by}" if s.driven_by else "")),
                el(
                    "td",
                    "-" if s.score is None else s.score,
                    "" if s.counted else " (not counted)",
                    class_="num",
                ),
                class_="standard-row overridden" if s.override else "standard-row",
            )
        )
    head = el(
        "tr",
        el("th", "Standard"),
        el("th", "Computed rating"),
        el("th", "Panel override"),
        el("th", "From"),
        el("th", "Score", class_="num"),
    )
    scaled = (
        f" (put on the bands' scale: {float(rating.scaled):.2f})"
        if rating.scaled is not None
        else ""
    )
    return el(
        "section",
        el("h2", "The inspection's rating"),
        el(
            "p",
            el("strong", rating.overall or "not rated"),
            f": {rating.score} of {rating.max}{scaled}, under {rating.framework}.",
            class_="overall",
        ),
        el("table", el("thead", head), el("tbody", rows), class_="standards"),
        id="overall",
    )
