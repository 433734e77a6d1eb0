"""An inspection's score as data (for JSON), as text for people and as CSV.

The data speaks the engine's words, not an edition's: rating rules rate the sections
of one level (``rated``) from figures of the sections of the level below (``banded``);
which levels those are (carag2024's standards and key questions, say) is given as
``rated_level`` and ``banded_level``, in the edition's own names.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from fractions import Fraction
from typing import Any

from .._model.edition import Edition
from .._scoring.groups import GroupFigure
from .._scoring.rating import Figure, Rating
from .._scoring.rounding import rounded_band
from .._scoring.scoring import InspectionScore
from .percent import percent_text
from .report import ROUNDED_MARK, describe_left_out, group_name
from .report_svg import FEW_CASES, FEW_MARK

_SCORE_COLUMNS = (
    "level",
    "id",
    "applicable",
    "sufficient",
    "percent",
    "rating",
    "driven_by",
    "reason",
)


def _percent(percent: Fraction | None) -> float | None:
    """A percentage for data: four decimal places (never used for banding)."""
    return None if percent is None else round(float(percent), 4)


def _figure(figure: Figure, *, counts: bool) -> dict[str, Any]:
    item: dict[str, Any] = {"id": figure.id, "percent": _percent(figure.percent)}
    if counts:
        item.update(applicable=figure.applicable, sufficient=figure.sufficient)
    return item


def _rating(rating: Rating, *, counts: bool) -> dict[str, Any]:
    return {
        "id": rating.section,
        "rating": rating.band,
        "driven_by": rating.driven_by,
        "percent": _percent(rating.percent),
        "banded": [_figure(f, counts=counts) for f in rating.figures],
        "missing": [{"id": kid, "reason": why} for kid, why in rating.missing],
    }


def _group(group: GroupFigure) -> dict[str, Any]:
    return {
        "id": group.id,
        "kind": group.kind,
        "applicable": group.applicable,
        "sufficient": group.sufficient,
        "percent": _percent(group.percent),
        "method": group.method,
    }


def _levels(edition: Edition) -> dict[str, str | None]:
    rules = edition.rating
    return {
        "rated_level": None if rules is None else rules.rated_level,
        "banded_level": None if rules is None else rules.banded_level,
    }


def score_to_data(
    edition: Edition, result: InspectionScore, confidence: float | None = None
) -> dict[str, Any]:
    """The score of an inspection as JSON-ready data.

    Keys: ``edition``, ``version``, ``cases`` (how many were scored), ``rated_level`` and
    ``banded_level`` (the edition's names of its rated and banded section levels, or
    ``None`` without rating rules), ``rated`` (each rated section's ``id``, ``rating``,
    ``driven_by``, ``percent`` and its ``banded`` figures), ``banded`` (every banded
    section's figure), ``questions``, ``groups``, ``excluded`` and ``left_out`` (the
    ``count`` of cases left out as not complete, and the ``cases``, each with its ``file``,
    ``case``, ``status`` and ``reason``). A figure has ``id``,
    ``percent``, ``applicable`` and ``sufficient``; percentages have four decimal places
    (ratings are decided on the exact figures).

    With a ``confidence`` (the inspection's, e.g. a framework's ``sample.confidence``),
    the data also has ``confidence`` and every banded figure (top level and in ``rated``)
    an ``interval``: its Wilson interval and the bands it reaches
    (:func:`~inspectcore.interval_to_data`).
    """
    data = {
        "edition": result.edition,
        "version": result.version,
        "cases": result.scored,
        **_levels(edition),
        "rated": [_rating(r, counts=True) for r in result.ratings],
        "banded": [_figure(f, counts=True) for f in result.key_questions],
        "questions": [_figure(f, counts=True) for f in result.questions],
        "groups": [_group(g) for g in result.groups],
        "excluded": [
            {"case": e.case, "exclusion": e.exclusion, "reason": e.reason} for e in result.excluded
        ],
        "left_out": {
            "count": len(result.left_out),
            "cases": [
                {"file": c.file, "case": c.case, "status": c.status, "reason": c.reason}
                for c in result.left_out
            ],
        },
    }
    if confidence is not None:
        _add_intervals(edition, data, result, confidence)
    return data


def _add_intervals(
    edition: Edition, data: dict[str, Any], result: InspectionScore, confidence: float
) -> None:
    from .._scoring.intervals import figure_interval
    from .stats_formats import interval_to_data

    data["confidence"] = confidence
    intervals = {
        f.id: interval_to_data(figure_interval(f, confidence, edition.rating))
        for f in result.key_questions
    }
    for item in data["banded"]:
        item["interval"] = intervals[item["id"]]
    for rated in data["rated"]:
        for item in rated["banded"]:
            item["interval"] = intervals[item["id"]]


def ratings_to_data(edition: Edition, ratings: Iterable[Rating]) -> dict[str, Any]:
    """Ratings from percentages given directly (:func:`~inspectcore.rate_percentages`) as
    data: ``edition``, ``version``, the levels and ``rated``, as in :func:`score_to_data`
    but with no counts."""
    return {
        "edition": edition.id,
        "version": edition.version,
        **_levels(edition),
        "rated": [_rating(r, counts=False) for r in ratings],
    }


def score_to_csv(edition: Edition, result: InspectionScore) -> str:
    """The score as CSV: one row per rated section, banded section, question, group
    figure, excluded case and case left out as not complete; the ``level`` column names
    the edition's level (or the group's kind, or ``question``, ``excluded`` or
    ``left out``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_SCORE_COLUMNS)
    writer.writerows(_score_rows(edition, result))
    return out.getvalue()


def _score_rows(
    edition: Edition, result: InspectionScore
) -> Iterator[tuple[str | int | float, ...]]:
    """The rows of :func:`score_to_csv` (under :data:`_SCORE_COLUMNS`), numbers as
    numbers: what the export's figures sheet holds too."""

    def percent(value: Fraction | None) -> float | str:
        shown = _percent(value)
        return "" if shown is None else shown

    # Without rating rules there are no rated or banded rows to name.
    rules = edition.rating
    rated, banded = ("", "") if rules is None else (rules.rated_level, rules.banded_level)
    for r in result.ratings:
        yield (rated, r.section, "", "", percent(r.percent), r.band or "", r.driven_by or "", "")
    for level, figures in ((banded, result.key_questions), ("question", result.questions)):
        for f in figures:
            yield (level, f.id, f.applicable, f.sufficient, percent(f.percent), "", "", "")
    for g in result.groups:
        yield (g.kind, g.id, g.applicable, g.sufficient, percent(g.percent), "", "", "")
    for e in result.excluded:
        yield ("excluded", e.case, "", "", "", "", "", e.reason)
    for c in result.left_out:
        yield ("left out", c.case or c.file, "", "", "", "", "", f"{c.status}: {c.reason}")


def score_to_text(edition: Edition, result: InspectionScore) -> str:
    """The score as text for people: ratings, key questions, group figures and questions.

    Percentages are shown rounded to the nearest (:func:`~inspectcore.percent_text`);
    figures on few cases are marked as in the report, as are figures whose shown value
    reads another band; groups are named (:func:`~inspectcore.group_name`); cases left out
    as not complete are listed with the reason. The text
    quotes case files (excluded cases' names and reasons): escape it before showing it
    on a terminal (:func:`~inspectcore.printable`).
    """

    def marks(figure: Figure | GroupFigure) -> str:
        few = f" {FEW_MARK}" if figure.applicable < FEW_CASES else ""
        crosses = rounded_band(edition.rating, figure.percent)
        return few + (f" {ROUNDED_MARK} shown, reads {crosses}" if crosses else "")

    lines = [f"{result.edition} {result.version}: {result.scored} case(s) scored", ""]
    if result.left_out:
        lines.append(f"Left out as not complete: {len(result.left_out)} case(s)")
        lines += [f"  {describe_left_out(c)}" for c in result.left_out]
        lines.append("")
    if result.excluded:
        lines.append(f"Excluded from the sample: {len(result.excluded)} case(s)")
        lines += [f"  {e.case}: {e.reason} ({e.exclusion})" for e in result.excluded]
        lines.append("")
    if edition.rating is not None:
        lines.append("Ratings")
        for r in result.ratings:
            why = (
                f"driven by {r.driven_by} at {percent_text(r.percent)}"
                if r.driven_by
                else r.why_unrated(edition.rating.banded_level)
            )
            lines.append(f"  {r.section:<8} {r.band or 'not rated':<22} {why}")
        lines += ["", "Key questions (summary judgements)"]
        for f in result.key_questions:
            lines.append(
                f"  {f.id:<8} {f.sufficient:>4} of {f.applicable:<4} {percent_text(f.percent):>7}"
                + marks(f)
            )
        lines.append("")
    kinds = dict.fromkeys(g.kind for g in result.groups)
    for kind in kinds:
        lines.append(f"{kind.capitalize()} figures ({result.groups[0].method})")
        for g in (g for g in result.groups if g.kind == kind):
            name = group_name(edition, g.id)
            lines.append(
                f"  {g.id:<14} {g.sufficient:>4} of {g.applicable:<4} {percent_text(g.percent):>7}"
                + marks(g)
                + ("" if name.endswith(g.id) else f"  {name}")
            )
        lines.append("")
    lines.append("Questions")
    for q in result.questions:
        lines.append(
            f"  {q.id:<12} {q.sufficient:>4} of {q.applicable:<4} {percent_text(q.percent):>7}"
            + marks(q)
        )
    lines += ["", f"{FEW_MARK}: fewer than {FEW_CASES} cases, too few to rely on."]
    return "\n".join(lines)
