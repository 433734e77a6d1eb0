"""Second reading from files: how far two readings of the same cases agree."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ._common import echo_json, json_option, load, with_option
from ._reading import complete_only_option, edition_of, edition_option, read_inspection

if TYPE_CHECKING:
    from inspectcore import RoutedCase


@click.command()
@click.argument("first", metavar="FIRST_DIR", type=click.Path(path_type=Path, file_okay=False))
@click.argument("second", metavar="SECOND_DIR", type=click.Path(path_type=Path, file_okay=False))
@edition_option
@with_option
@click.option(
    "--include-narrative",
    is_flag=True,
    help="Also list free-text answers the readings differ on (never counted).",
)
@complete_only_option
@json_option
def agreement(
    first: Path,
    second: Path,
    edition_id: str | None,
    extensions: tuple[str, ...],
    include_narrative: bool,
    complete_only: bool,
    as_json: bool,
) -> None:
    """Agreement between two readings of the same cases, and where they differ.

    FIRST_DIR and SECOND_DIR hold the first and the second reading's case files,
    paired by case reference. For each question, each key question and overall:
    answers compared, percentage agreement and Cohen's kappa; then every
    disagreement (free text only with --include-narrative). Every case is validated
    first, as `score` does; with --complete-only, incomplete
    cases are left out of either reading, and listed.
    """
    from inspectcore import agreement as measure
    from inspectcore import agreement_to_data, agreement_to_text, printable

    edition = load(edition_of((first, second), edition_id), extensions)
    readings: list[list[RoutedCase]] = []
    for folder in (first, second):
        cases: list[RoutedCase] = []
        read_inspection(
            (folder,),
            edition,
            action="compare",
            consume=functools.partial(_keep, cases),
            complete_only=complete_only,
        )
        missing = [c for c in cases if not c.case.case]
        if missing:
            raise click.UsageError(f"{folder}: every case needs a reference to be paired by")
        readings.append(cases)
    try:
        result = measure(edition, *readings, include_narrative=include_narrative)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if as_json:
        echo_json(agreement_to_data(result))
    else:
        click.echo(printable(agreement_to_text(result), keep="\n\t"))


def _keep(cases: list[RoutedCase], _: str, case: RoutedCase) -> None:
    cases.append(case)
