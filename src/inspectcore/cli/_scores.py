"""Commands that aggregate: score an inspection, rate from percentages."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import click

from ._common import echo_json, json_option, load, registry, warn_unrated, with_option
from ._reading import (
    complete_only_option,
    edition_of,
    edition_option,
    jobs_option,
    read_inspection,
)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@edition_option
@with_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--confidence",
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    help="Confidence of the key questions' intervals in JSON (default: that of the "
    "installed framework rating this edition, if any).",
)
@complete_only_option
@jobs_option
def score(
    paths: tuple[Path, ...],
    edition_id: str | None,
    extensions: tuple[str, ...],
    fmt: str,
    confidence: float | None,
    complete_only: bool,
    jobs: int | None,
) -> None:
    """Score an inspection: figures per question and key question, and ratings.

    PATHS are case files or folders of them. Every case is validated first; if
    any has an error, the problems are listed and nothing is scored (exit 1);
    with --complete-only, cases that are not complete (something left to answer,
    or invalid) are left out instead, and listed with the reason (on stderr and in the
    output).
    Ratings use exact percentages; they are shown to one decimal place, rounded to the
    nearest. A standard with a key question that has no figure is not rated (warned on
    stderr). --edition may name an edition folder (a draft), to see what it would change.
    """
    from inspectcore import ScoreCounter, printable, score_to_csv, score_to_data, score_to_text

    edition = load(edition_of(paths, edition_id), extensions)
    counter = ScoreCounter(edition, keep_names=False)
    read_inspection(
        paths,
        edition,
        action="score",
        consume=counter.add,
        complete_only=complete_only,
        leave_out=counter.leave_out,
        jobs=jobs,
    )
    result = counter.result()
    warn_unrated(edition, result.ratings)
    if fmt == "json":
        if confidence is None:
            confidence = registry().sample_confidence(edition.id)
        echo_json(score_to_data(edition, result, confidence))
    elif fmt == "csv":
        click.echo(score_to_csv(edition, result), nl=False)
    else:
        # Excluded cases are named by file name, and their reasons quote answers.
        click.echo(printable(score_to_text(edition, result), keep="\n\t"))


@click.command()
@click.argument("edition_id", metavar="EDITION")
@click.argument("figures", nargs=-1, required=True, metavar="KEY=PERCENT...")
@json_option
def rate(edition_id: str, figures: tuple[str, ...], as_json: bool) -> None:
    """Rate standards from key-question percentages given directly.

    For what-if questions and published figures, e.g.
    `inspectcore rate carag2024 A1=78 A2=65 A3=60`. EDITION is an installed edition's
    id or an edition folder (a draft). A standard with some of its key questions given
    is rated only when all are: otherwise it is shown as not rated, with a warning
    naming the key questions missing.
    """
    from inspectcore import percent_text, rate_percentages, ratings_to_data

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
    warn_unrated(edition, ratings)
    if as_json:
        echo_json(ratings_to_data(edition, ratings))
        return
    banded_level = edition.rating.banded_level if edition.rating else "child"
    for r in ratings:
        why = (
            f"driven by {r.driven_by} at {percent_text(r.percent)}"
            if r.driven_by
            else r.why_unrated(banded_level)
        )
        click.echo(f"{r.section:<8} {r.band or 'not rated':<22} {why}")
