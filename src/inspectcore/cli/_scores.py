"""Commands that aggregate: score an inspection, rate from percentages."""

from __future__ import annotations

import csv
import io
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .._output.percent import percent_text as percent_text  # re-exported: its old home
from ._common import echo_json, json_option, load, with_option
from ._reading import read_inspection

if TYPE_CHECKING:
    from .._scoring.rating import Figure, Rating
    from .._scoring.scoring import InspectionScore


def _percent_json(percent: Fraction | None) -> float | None:
    return None if percent is None else round(float(percent), 4)


def _figure_json(figure: Figure, *, counts: bool = True) -> dict[str, Any]:
    item: dict[str, Any] = {"id": figure.id, "percent": _percent_json(figure.percent)}
    if counts:
        item.update(applicable=figure.applicable, sufficient=figure.sufficient)
    return item


def _rating_json(rating: Rating, *, counts: bool = True) -> dict[str, Any]:
    return {
        "id": rating.section,
        "rating": rating.band,
        "driven_by": rating.driven_by,
        "percent": _percent_json(rating.percent),
        "key_questions": [_figure_json(f, counts=counts) for f in rating.figures],
    }


def _score_json(result: InspectionScore) -> dict[str, Any]:
    return {
        "edition": result.edition,
        "version": result.version,
        "cases": len(result.cases),
        "standards": [_rating_json(r) for r in result.ratings],
        "key_questions": [_figure_json(f) for f in result.key_questions],
        "questions": [_figure_json(f) for f in result.questions],
        "groups": [
            {
                "id": g.id,
                "kind": g.kind,
                "applicable": g.applicable,
                "sufficient": g.sufficient,
                "percent": _percent_json(g.percent),
                "method": g.method,
            }
            for g in result.groups
        ],
        "excluded": [
            {"case": e.case, "exclusion": e.exclusion, "reason": e.reason} for e in result.excluded
        ],
    }


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--edition", "edition_id", required=True, help="The edition to score under.")
@with_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def score(paths: tuple[Path, ...], edition_id: str, extensions: tuple[str, ...], fmt: str) -> None:
    """Score an inspection: figures per question and key question, and ratings.

    PATHS are case files or folders of them. Every case is validated first; if
    any has an error, the problems are listed and nothing is scored (exit 1).
    Ratings use exact percentages; they are shown to one decimal place, rounded down.
    """
    from .._scoring.scoring import score as score_cases
    from .._util.terminal import printable

    edition = load(edition_id, extensions)
    cases = read_inspection(paths, edition, action="score")
    result = score_cases(edition, cases)
    if fmt == "json":
        echo_json(_score_json(result))
    elif fmt == "csv":
        click.echo(_score_csv(result), nl=False)
    else:
        # Excluded cases are named by file name, and their reasons quote answers.
        click.echo(printable(_score_text(result, edition.rating is not None), keep="\n\t"))


def _score_csv(result: InspectionScore) -> str:
    def percent(value: Fraction | None) -> object:
        return "" if value is None else _percent_json(value)

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["level", "id", "applicable", "sufficient", "percent", "rating", "driven_by", "reason"]
    )
    for r in result.ratings:
        writer.writerow(
            ["standard", r.section, "", "", percent(r.percent), r.band or "", r.driven_by or "", ""]
        )
    for level, figures in (("key_question", result.key_questions), ("question", result.questions)):
        for f in figures:
            writer.writerow(
                [level, f.id, f.applicable, f.sufficient, percent(f.percent), "", "", ""]
            )
    for g in result.groups:
        writer.writerow([g.kind, g.id, g.applicable, g.sufficient, percent(g.percent), "", "", ""])
    for e in result.excluded:
        writer.writerow(["excluded", e.case, "", "", "", "", "", e.reason])
    return out.getvalue()


def _score_text(result: InspectionScore, rated: bool) -> str:
    lines = [f"{result.edition} {result.version}: {len(result.cases)} case(s) scored", ""]
    if result.excluded:
        lines.append(f"Excluded from the sample: {len(result.excluded)} case(s)")
        lines += [f"  {e.case}: {e.reason} ({e.exclusion})" for e in result.excluded]
        lines.append("")
    if rated:
        lines.append("Ratings")
        for r in result.ratings:
            why = (
                f"driven by {r.driven_by} at {percent_text(r.percent)}"
                if r.driven_by
                else "no key question applied to any case"
            )
            lines.append(f"  {r.section:<8} {r.band or 'not rated':<22} {why}")
        lines += ["", "Key questions (summary judgements)"]
        for f in result.key_questions:
            lines.append(
                f"  {f.id:<8} {f.sufficient:>4} of {f.applicable:<4} {percent_text(f.percent):>7}"
            )
        lines.append("")
    kinds = dict.fromkeys(g.kind for g in result.groups)
    for kind in kinds:
        lines.append(f"{kind.capitalize()} figures ({result.groups[0].method})")
        for g in (g for g in result.groups if g.kind == kind):
            lines.append(
                f"  {g.id:<14} {g.sufficient:>4} of {g.applicable:<4} {percent_text(g.percent):>7}"
            )
        lines.append("")
    lines.append("Questions")
    for q in result.questions:
        lines.append(
            f"  {q.id:<12} {q.sufficient:>4} of {q.applicable:<4} {percent_text(q.percent):>7}"
        )
    return "\n".join(lines)


@click.command()
@click.argument("edition_id", metavar="EDITION")
@click.argument("figures", nargs=-1, required=True, metavar="KEY=PERCENT...")
@json_option
def rate(edition_id: str, figures: tuple[str, ...], as_json: bool) -> None:
    """Rate standards from key-question percentages given directly.

    For what-if questions and published figures, e.g.
    `inspectcore rate carag2024 A1=78 A2=65 A3=60`.
    """
    from .._scoring.scoring import rate_percentages

    edition = load(edition_id, ())
    given: dict[str, Fraction] = {}
    for figure in figures:
        key, sep, value = figure.partition("=")
        try:
            given[key] = Fraction(value.strip().rstrip("%"))
        except (ValueError, ZeroDivisionError):
            sep = ""
        if not sep:
            raise click.BadParameter(
                f"{figure!r}: expected KEY=PERCENT, e.g. A1=78", param_hint="KEY=PERCENT"
            )
    try:
        ratings = rate_percentages(edition, given)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="KEY=PERCENT") from None
    if as_json:
        echo_json(
            {
                "edition": edition.id,
                "version": edition.version,
                "standards": [_rating_json(r, counts=False) for r in ratings],
            }
        )
        return
    for r in ratings:
        click.echo(
            f"{r.section:<8} {r.band or 'not rated':<22} driven by {r.driven_by} at "
            f"{percent_text(r.percent)}"
        )
