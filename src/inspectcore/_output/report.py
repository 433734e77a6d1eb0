"""An inspection's figures and ratings as one self-contained HTML page.

The page has no script, no external resource of any kind (styles and SVG charts are
inline, fonts are the reader's own) and a Content-Security-Policy that forbids loading
anything, so it can be mailed and opened offline. It shows figures only: no answer,
note or narrative from a case file ever reaches it, and case references appear only
in the list of excluded cases. Every piece of text is escaped (see :mod:`._html`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from importlib.metadata import PackageNotFoundError, version

from .._assessment.prompts import question_prompt
from .._cases.inspection_file import InspectionFile
from .._model.edition import Edition, Question
from .._model.rules import Band
from .._scoring.groups import GroupFigure
from .._scoring.inspection_rating import InspectionRating
from .._scoring.rating import Figure, Rating
from .._scoring.rounding import rounded_band
from .._scoring.sample_description import SampleDescription
from .._scoring.scoring import InspectionScore, LeftOutCase
from .html import Markup, el, join, raw, void
from .percent import percent_text
from .report_stats import intervals_section, overall_section, sample_section
from .report_svg import BAND_FILLS, FEW_CASES, FEW_MARK, Bar, bar_chart

THEME_KIND = "theme"
"""Groups of this kind get a chart each (with the groups that are part of them)."""
ROUNDED_MARK = "‡"
"""Marks a figure whose shown (rounded) value falls in another band than its exact one."""

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto;
  max-width: 62rem; padding: 0 1rem; color: #1b1b1b; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; font-size: 1.3rem;
  border-bottom: 2px solid #ccc; } h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border-bottom: 1px solid #ddd; padding: .25rem .5rem; text-align: left;
  vertical-align: top; }
th { background: #f2f2f2; } td.num, th.num { text-align: right; white-space: nowrap; }
td.id { white-space: nowrap; font-weight: 600; }
tr.few td { color: #6b6b6b; } .few-mark { color: #b00020; font-weight: 700; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: .3rem; font-weight: 600;
  white-space: nowrap; }
figure { margin: 0 0 1.5rem; }
.legend, .note { font-size: .85rem; color: #444; }
p.left-out { border-left: 4px solid #b00020; padding: .3rem .6rem; background: #fdf2f3; }
svg.chart { max-width: 100%; height: auto; display: block; font-size: 12px; }
svg .band-label { font-size: 10px; fill: #555; } svg .bar { fill: #31526e; }
svg .bar.emphasis { fill: #14283a; } svg .bar.few { fill-opacity: .4; stroke: #b00020;
  stroke-dasharray: 3 2; } svg .bar-label.emphasis { font-weight: 700; }
svg .axis, svg .tick { stroke: #777; } svg .tick-label { font-size: 10px; fill: #555; }
svg .no-bar { fill: #777; font-style: italic; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  figure, tr { break-inside: avoid; page-break-inside: avoid; }
}
"""
# Nothing may be fetched: no scripts, images, fonts or frames; inline styles only.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'"


def installed_versions(edition: Edition) -> tuple[tuple[str, str], ...]:
    """``(distribution, version)`` of inspectcore and of every plugin the edition came from."""
    names = ["inspectcore", edition.distribution, *(e.distribution for e in edition.extensions)]
    found = []
    for name in dict.fromkeys(n for n in names if n):
        try:
            found.append((name, version(name)))
        except PackageNotFoundError:
            found.append((name, "not installed"))
    return tuple(found)


def render_report(
    edition: Edition,
    result: InspectionScore,
    *,
    generated: dt.date,
    software: Sequence[tuple[str, str]] | None = None,
    confidence: float | None = None,
    inspection: InspectionRating | None = None,
    sample: SampleDescription | None = None,
    inspected: InspectionFile | None = None,
) -> str:
    """The HTML report of ``result``, scored under ``edition``, as one self-contained page.

    ``generated`` is the date printed on it; ``software`` the ``(distribution,
    version)`` pairs listed as used (by default, what is installed: see
    :func:`installed_versions`).

    Optional sections: ``confidence`` adds each key question's confidence interval and
    whether the sample settles its band; ``inspection`` the whole inspection's rating
    (:func:`~inspectcore.rate_inspection`), overrides beside the computed ratings;
    ``sample`` the sample's make-up (:func:`~inspectcore.describe_sample`);
    ``inspected`` the inspection file (:func:`~inspectcore.inspection_file_for`), whose
    service and dates head the page.
    """
    used = installed_versions(edition) if software is None else tuple(software)
    title = f"{edition.title}: inspection figures"
    body = [
        _header(edition, result, generated, used, inspected),
        overall_section(inspection) if inspection is not None else join(),
        _ratings(edition, result),
        intervals_section(edition, result, confidence) if confidence is not None else join(),
        sample_section(sample) if sample is not None else join(),
        _themes(edition, result),
        _question_tables(edition, result),
        _excluded(result),
        el(
            "footer",
            el("p", f"Guidance: {edition.source}. {edition.copyright}, {edition.licence}."),
            class_="note",
        ),
    ]
    head = join(
        void("meta", charset="utf-8"),
        void("meta", http_equiv="Content-Security-Policy", content=_CSP),
        void("meta", name="viewport", content="width=device-width, initial-scale=1"),
        el("title", title),
        el("style", raw(_STYLE)),
    )
    page = el("html", el("head", head), el("body", body), lang="en")
    return f"<!DOCTYPE html>\n{page}\n"


def _header(
    edition: Edition,
    result: InspectionScore,
    generated: dt.date,
    used: Sequence[tuple[str, str]],
    inspected: InspectionFile | None,
) -> Markup:
    extensions = (
        ", ".join(f"{e.id} {e.version}" for e in edition.extensions) if edition.extensions else ""
    )
    rows: list[tuple[str, object]] = []
    if inspected is not None:
        if inspected.service:
            rows.append(("Service", inspected.service))
        dates = " to ".join(d for d in (inspected.start, inspected.end) if d)
        if dates:
            rows.append(("Inspection dates", dates))
    rows += [
        ("Edition", f"{edition.id} {edition.version}: {edition.title}"),
        ("Publisher", f"{edition.publisher}, {edition.published}"),
        ("Extensions", extensions or "none"),
        ("Cases scored", result.scored),
        ("Cases excluded", len(result.excluded)),
        *((("Cases left out", len(result.left_out)),) if result.left_out else ()),
        ("Generated", generated.isoformat()),
        ("Software", ", ".join(f"{name} {ver}" for name, ver in used)),
    ]
    meta = el("dl", [join(el("dt", k), el("dd", v)) for k, v in rows], class_="meta")
    rating_legend = join(
        " Ratings use the exact figures; ",
        el("span", ROUNDED_MARK, class_="few-mark"),
        " marks a figure whose shown value falls in another band than its exact value.",
    )
    legend = el(
        "p",
        el("span", FEW_MARK, class_="few-mark"),
        f" marks a figure built on fewer than {FEW_CASES} cases (applicable count under "
        f"{FEW_CASES}): too few to rely on. Percentages are the share judged sufficient, shown "
        "to one decimal place rounded to the nearest.",
        rating_legend if edition.rating is not None else join(),
        class_="legend",
    )
    title = inspected.service if inspected is not None and inspected.service else edition.title
    # Said at the top: every figure below is of the complete cases only.
    left_out = el("p", left_out_line(result.left_out), class_="left-out") if result.left_out else ""
    return el("header", el("h1", f"{title}: inspection figures"), meta, left_out, legend)


def left_out_line(left_out: Sequence[LeftOutCase]) -> str:
    """``N cases left out as not complete: …``, each case named with its status and reason
    (the report's line; the score text and the export's figures say the same)."""
    cases = "; ".join(describe_left_out(c) for c in left_out)
    return (
        f"{len(left_out)} case{'' if len(left_out) == 1 else 's'} left out as not complete: {cases}"
    )


def describe_left_out(case: LeftOutCase) -> str:
    """One case left out: ``SYN-003 (case-003.toml): in progress, 1 left to answer (I 1.4)``."""
    named = f"{case.case} ({case.file})" if case.case else case.file
    return f"{named}: {case.status}, {case.reason}"


def _few(applicable: int) -> Markup:
    return el("span", f" {FEW_MARK}", class_="few-mark") if applicable < FEW_CASES else join()


def _rounded(edition: Edition, figure: Figure | GroupFigure | Rating) -> Markup:
    band = rounded_band(edition.rating, figure.percent)
    if band is None:
        return join()
    return el("span", f" {ROUNDED_MARK}", class_="few-mark", title=f"shown, it would read {band}")


def _section_title(edition: Edition, section_id: str) -> str:
    section = edition.section(section_id)
    return section.title.en if section is not None else ""


def _section_name(edition: Edition, section_id: str) -> str:
    """A section's printed title, or its id where it has none (headings show no ids else)."""
    return _section_title(edition, section_id) or section_id


def group_name(edition: Edition, group_id: str) -> str:
    """A criterion's, theme's or module's name: its title, or its kind and id where the
    guidance names none (cag2016's criteria are printed as codes only)."""
    group = next((g for g in edition.groups if g.id == group_id), None)
    if group is None:
        return group_id
    if group.title is not None and group.title.en:
        return group.title.en
    return f"{group.kind.replace('_', ' ').capitalize()} {group.id}"


def _badge(edition: Edition, band: str | None) -> Markup:
    if band is None or edition.rating is None:
        return el("span", "not rated", class_="badge")
    names = [b.name for b in edition.rating.bands]
    fill = BAND_FILLS[names.index(band) % len(BAND_FILLS)] if band in names else "#eee"
    return el("span", band, class_="badge", style=f"background: {fill}")


def _ratings(edition: Edition, result: InspectionScore) -> Markup:
    rules = edition.rating
    if rules is None:
        return join()
    figures = {f.id: f for f in result.key_questions}
    rows = []
    charts = []
    for rating in result.ratings:
        rows.append(_rating_row(edition, rating, figures))
        children = [
            s.id
            for s in edition.sections
            if s.parent == rating.section and s.level == rules.banded_level
        ]
        bars = [
            _figure_bar(figures.get(kid, Figure(kid, 0, 0)), _section_title(edition, kid))
            for kid in children
        ]
        heading = _section_name(edition, rating.section)
        charts.append(
            el(
                "figure",
                el("h3", heading, ": ", _badge(edition, rating.band)),
                bar_chart(
                    bars,
                    rules.bands,
                    f"{heading}: percentage judged sufficient per "
                    f"{rules.banded_level.replace('_', ' ')}",
                ),
                _kq_table(edition, children, figures),
                class_="section-chart",
            )
        )
    head = el(
        "tr",
        el("th", rules.rated_level.replace("_", " ").capitalize()),
        el("th", "Rating"),
        el("th", "%", class_="num"),
        el("th", "Driven by"),
    )
    return el(
        "section",
        el("h2", "Ratings"),
        el(
            "p",
            f"A {rules.banded_level.replace('_', ' ')} is banded by the percentage of cases "
            f"judged sufficient; a {rules.rated_level.replace('_', ' ')} takes the band of its "
            "lowest, which drives it.",
            class_="note",
        ),
        el("table", el("thead", head), el("tbody", rows), class_="ratings"),
        charts,
        id="ratings",
    )


def _rating_row(edition: Edition, rating: Rating, figures: dict[str, Figure]) -> Markup:
    driver = figures.get(rating.driven_by) if rating.driven_by else None
    driven = (
        join(el("strong", rating.driven_by), " ", _section_title(edition, rating.driven_by))
        if rating.driven_by
        else join(rating.why_unrated(edition.rating.banded_level if edition.rating else "child"))
    )
    return el(
        "tr",
        el("td", rating.section, " ", _section_title(edition, rating.section)),
        el("td", _badge(edition, rating.band)),
        el(
            "td",
            percent_text(rating.percent),
            _few(driver.applicable) if driver else join(),
            _rounded(edition, rating),
            class_="num",
        ),
        el("td", driven),
        class_="rating-row",
    )


def _kq_table(edition: Edition, ids: Iterable[str], figures: dict[str, Figure]) -> Markup:
    rows = []
    for kid in ids:
        figure = figures.get(kid, Figure(kid, 0, 0))
        rows.append(_figure_row(edition, kid, _section_title(edition, kid), figure, "kq-row"))
    return el("table", _figure_head("Key question"), el("tbody", rows), class_="figures")


def _figure_bar(figure: Figure, title: str) -> Bar:
    return Bar(figure.id, title, figure.applicable, figure.sufficient, figure.percent)


def _figure_head(what: str, counted: str = "Applicable") -> Markup:
    return el(
        "thead",
        el(
            "tr",
            el("th", what),
            el("th", "Wording"),
            el("th", counted, class_="num"),
            el("th", "Sufficient", class_="num"),
            el("th", "%", class_="num"),
        ),
    )


def _figure_row(
    edition: Edition, fid: str, wording: str, figure: Figure | GroupFigure, row_class: str
) -> Markup:
    few = figure.applicable < FEW_CASES
    return el(
        "tr",
        el("td", fid, class_="id"),
        el("td", wording),
        el("td", figure.applicable, _few(figure.applicable), class_="num"),
        el("td", figure.sufficient, class_="num"),
        el("td", percent_text(figure.percent), _rounded(edition, figure), class_="num"),
        class_=f"{row_class} few" if few else row_class,
    )


def _themes(edition: Edition, result: InspectionScore) -> Markup:
    """A chart per theme (its own figure, then the groups that are part of it) and a table."""
    if not result.groups:
        return join()
    bands: Sequence[Band] = edition.rating.bands if edition.rating is not None else ()
    titles = {g.id: group_name(edition, g.id) for g in edition.groups}
    parts = {g.id: g.part_of for g in edition.groups}
    charts = []
    for theme in (g for g in result.groups if g.kind == THEME_KIND):
        members = [theme] + [g for g in result.groups if theme.id in parts.get(g.id, ())]
        # The theme's own bar is labelled as the whole theme: its id is a data key
        # (`reoffending`), which the report never shows as a name.
        bars = [
            Bar(
                "theme" if g is theme else g.id,
                titles.get(g.id, ""),
                g.applicable,
                g.sufficient,
                g.percent,
                g is theme,
            )
            for g in members
        ]
        shown = percent_text(theme.percent) if theme.percent is not None else "no cases"
        heading = f"{titles.get(theme.id, theme.id)}: {shown}"
        charts.append(
            el(
                "figure",
                el("h3", heading, _few(theme.applicable)),
                bar_chart(bars, bands, f"{heading}, and its parts: percentage judged sufficient"),
                class_="theme-chart",
            )
        )
    rows = [
        _figure_row(edition, g.id, _group_row_name(edition, g.id, g.kind), g, "group-row")
        for g in result.groups
    ]
    methods = ", ".join(dict.fromkeys(g.method for g in result.groups))
    return el(
        "section",
        el("h2", "Themes and criteria"),
        el(
            "p",
            f"Figures pool the scored judgements counting towards each group (method: "
            f"{methods}); counts are judgements, so a case can count more than once.",
            class_="note",
        ),
        charts,
        el(
            "table",
            _figure_head("Group", "Judgements"),
            el("tbody", rows),
            class_="figures groups",
        ),
        id="themes",
    )


def _group_row_name(edition: Edition, group_id: str, kind: str) -> str:
    name = group_name(edition, group_id)
    return name if name.startswith(kind.replace("_", " ").capitalize()) else f"{kind}: {name}"


def _wording(edition: Edition, question: Question) -> str:
    """The question's full printed wording; where none is printed, the prompt built from
    what is (marked, as ``assess`` and ``show`` mark it)."""
    prompt = question_prompt(edition, question)
    text = " ".join(prompt.text.en.split())
    return f"[no wording printed; asked as] {text}" if prompt.derived else text


def _table_section(edition: Edition, question: Question) -> str:
    """The section a question's row is listed under: its rated section, else its outermost."""
    path = edition.section_path(question.section)
    level = edition.rating.rated_level if edition.rating is not None else None
    chosen = next((s for s in path if s.level == level), path[0] if path else None)
    return chosen.id if chosen is not None else question.section


def _question_tables(edition: Edition, result: InspectionScore) -> Markup:
    figures = {f.id: f for f in result.questions}
    tables: dict[str, list[Markup]] = {}
    for question in edition.questions:
        figure = figures.get(question.id)
        if figure is None:
            continue
        rows = tables.setdefault(_table_section(edition, question), [])
        rows.append(
            _figure_row(edition, question.id, _wording(edition, question), figure, "question-row")
        )
    blocks = [
        join(
            el("h3", _section_name(edition, section_id)),
            el("table", _figure_head("Question"), el("tbody", rows), class_="figures questions"),
        )
        for section_id, rows in tables.items()
    ]
    return el(
        "section",
        el("h2", "Every scored question"),
        el(
            "p",
            "Applicable: judgements counted (a question answered per option counts once per "
            "option). Sufficient: of those, judged sufficient.",
            class_="note",
        ),
        blocks,
        id="questions",
    )


def _excluded(result: InspectionScore) -> Markup:
    if not result.excluded:
        content = el("p", "No case was excluded from the sample.")
    else:
        head = el("tr", el("th", "Case"), el("th", "Rule"), el("th", "Reason"))
        rows = [
            el("tr", el("td", e.case), el("td", e.exclusion), el("td", e.reason), class_="excl")
            for e in result.excluded
        ]
        content = el("table", el("thead", head), el("tbody", rows), class_="excluded")
    return el("section", el("h2", "Excluded cases"), content, id="excluded")
