"""Commands that write an inspection to a file: the HTML report and the spreadsheet export."""

from __future__ import annotations

from pathlib import Path

import click

from ._common import load, with_option
from ._reading import complete_only_option, read_inspection

_output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The file to write (replaced if it exists; never an input or a case file).",
)
_paths_argument = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
_edition_option = click.option(
    "--edition", "edition_id", required=True, help="The edition the cases were assessed under."
)


@click.command()
@_paths_argument
@_edition_option
@with_option
@_output_option
@complete_only_option
def report(
    paths: tuple[Path, ...],
    edition_id: str,
    extensions: tuple[str, ...],
    output: Path,
    complete_only: bool,
) -> None:
    """Write an inspection's figures and ratings as one self-contained HTML page.

    PATHS are case files or folders of them; every case is validated first, as by
    `score` (--complete-only leaves out the cases that are not complete, listing
    them with the reason). The page shows ratings, charts per standard or theme with the rating
    bands behind, every question's figures and the excluded cases. It holds no
    answers, notes or narrative, and loads nothing from anywhere.
    """
    import datetime as dt

    from inspectcore import check_output, find_case_files, render_report, score, write_atomic

    check_output(output, find_case_files(paths).files)
    edition = load(edition_id, extensions)
    cases = read_inspection(paths, edition, action="report", complete_only=complete_only)
    result = score(edition, cases)
    write_atomic(output, render_report(edition, result, generated=dt.date.today()))
    click.echo(
        f"wrote {output} ({edition.id} {edition.version}: {len(result.cases)} case(s) scored, "
        f"{len(result.excluded)} excluded)"
    )


@click.command()
@_paths_argument
@_edition_option
@with_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx"]),
    required=True,
    help="csv (UTF-8, for any spreadsheet) or xlsx (Excel, with a sheet of question wording).",
)
@click.option(
    "--include-narrative",
    is_flag=True,
    help="Also export free-text answers, narrative questions and answer notes.",
)
@_output_option
@complete_only_option
def export(
    paths: tuple[Path, ...],
    edition_id: str,
    extensions: tuple[str, ...],
    fmt: str,
    include_narrative: bool,
    output: Path,
    complete_only: bool,
) -> None:
    """Export case answers for spreadsheets: one row per case, one column per question.

    PATHS are case files or folders of them; every case is validated first
    (--complete-only leaves out those that are not complete). A
    question answered per option gets one `ID [option]` column per option. Free
    text (narrative questions, text answers, notes) is left out unless
    --include-narrative is given.
    """
    from inspectcore import case_table, check_output, find_case_files, write_table

    check_output(output, find_case_files(paths).files)
    edition = load(edition_id, extensions)
    cases = read_inspection(paths, edition, action="export", complete_only=complete_only)
    table = case_table(edition, cases, include_narrative=include_narrative)
    for cut in write_table(table, output, fmt):
        click.echo(f"warning: {cut}", err=True)
    narrative = ", with narrative" if include_narrative else ""
    click.echo(
        f"wrote {output} ({len(table.rows)} case(s), {len(table.columns)} columns{narrative})"
    )
