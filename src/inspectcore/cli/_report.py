"""Commands that write an inspection to a file: the HTML report and the spreadsheet export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ._common import load, registry, warn_unrated, with_option
from ._reading import (
    complete_only_option,
    edition_of,
    edition_option,
    jobs_option,
    read_inspection,
)

if TYPE_CHECKING:
    from inspectcore import InspectionFile, RoutedCase

_output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The file to write (replaced if it exists; never an input or a case file).",
)
_paths_argument = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))


@click.command()
@_paths_argument
@edition_option
@with_option
@_output_option
@click.option(
    "--framework",
    "framework_id",
    help="Add the inspection's overall rating under this framework (see rate-inspection).",
)
@click.option(
    "--rating",
    "ratings",
    multiple=True,
    metavar="STANDARD=RATING",
    help="A standard's rating given by inspectors (with --framework; repeat it).",
)
@click.option(
    "--overrides",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The ratings panel's overrides (TOML, as for rate-inspection).",
)
@click.option(
    "--describe",
    multiple=True,
    metavar="ID",
    help="Describe the sample by this question's or fact's options (repeat it).",
)
@click.option(
    "--inspection",
    "inspection_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The inspection file naming the service and dates (default: the inspection.toml "
    "beside the cases, if there is one).",
)
@complete_only_option
@jobs_option
def report(
    paths: tuple[Path, ...],
    edition_id: str | None,
    extensions: tuple[str, ...],
    output: Path,
    framework_id: str | None,
    ratings: tuple[str, ...],
    overrides: Path | None,
    describe: tuple[str, ...],
    inspection_path: Path | None,
    complete_only: bool,
    jobs: int | None,
) -> None:
    """Write an inspection's figures and ratings as one self-contained HTML page.

    PATHS are case files or folders of them; every case is validated first, as by
    `score` (--complete-only leaves out the cases that are not complete, listing
    them with the reason). The page shows ratings, charts per standard or theme with the rating
    bands behind, every question's figures and the excluded cases. It holds no
    answers, notes or narrative, and loads nothing from anywhere. Each key question's
    confidence interval is shown at the confidence of the framework that rates the
    edition (if one is installed); --framework adds the overall rating, --describe the
    sample's make-up. The service and the inspection's dates come from the inspection
    file (--inspection, or the inspection.toml beside the cases).
    """
    import datetime as dt

    from inspectcore import (
        ScoreCounter,
        check_output,
        describe_sample,
        find_case_files,
        rate_inspection,
        render_report,
        write_atomic,
    )

    from ._overrides import parse_ratings, read_overrides

    check_output(output, find_case_files(paths).files)
    given = parse_ratings(ratings)
    if (given or overrides) and framework_id is None:
        raise click.UsageError("--rating and --overrides need --framework")
    edition = load(edition_of(paths, edition_id), extensions)
    counter = ScoreCounter(edition, keep_names=False)
    # Cases are counted as they are read; kept only when the sample is to be described.
    kept: list[tuple[str, RoutedCase]] = []

    def consume(name: str, case: RoutedCase) -> None:
        counter.add(name, case)
        if describe:
            kept.append((name, case))

    inspected = _inspection_file(paths, inspection_path, edition.id)
    read_inspection(
        paths,
        edition,
        action="report",
        consume=consume,
        complete_only=complete_only,
        leave_out=counter.leave_out,
        jobs=jobs,
    )
    result = counter.result()
    warn_unrated(edition, result.ratings)
    found = (framework_id,) if framework_id else registry().frameworks_for(edition.id)
    framework = registry().framework(found[0]) if found else None
    overall = None
    if framework_id is not None and framework is not None:
        if framework.edition != edition.id:
            raise click.BadParameter(
                f"{framework_id} rates cases of {framework.edition or 'no edition'}, "
                f"not {edition.id}",
                param_hint="--framework",
            )
        try:
            overall = rate_inspection(
                framework, given, result, read_overrides(overrides) if overrides else ()
            )
        except (KeyError, ValueError) as exc:
            message = exc.args[0] if exc.args else str(exc)
            raise click.BadParameter(str(message), param_hint="--rating") from None
    try:
        sample = describe_sample(edition, kept, describe) if describe else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--describe") from None
    page = render_report(
        edition,
        result,
        generated=dt.date.today(),
        confidence=None if framework is None else framework.sample.confidence,
        inspection=overall,
        sample=sample,
        inspected=inspected,
    )
    write_atomic(output, page)
    left_out = f", {len(result.left_out)} left out as not complete" if result.left_out else ""
    click.echo(
        f"wrote {output} ({edition.id} {edition.version}: {result.scored} case(s) scored, "
        f"{len(result.excluded)} excluded{left_out})"
    )


def _inspection_file(
    paths: tuple[Path, ...], given: Path | None, edition_id: str
) -> InspectionFile | None:
    """The inspection file given, else the first beside the cases (a folder's own).

    One that names another edition than the cases are read under is a usage error
    (exit 2) naming both files and both editions: its service and dates would head a
    report of another inspection's cases.
    """
    from inspectcore import INSPECTION_FILE, find_case_files, read_inspection_file

    found = given
    if found is None:
        for path in paths:
            beside = path / INSPECTION_FILE if path.is_dir() else path.parent / INSPECTION_FILE
            if beside.is_file():
                found = beside
                break
    if found is None:
        return None
    inspected = read_inspection_file(found)
    if inspected.edition and inspected.edition != edition_id:
        cases = find_case_files(paths).files
        first = f" ({cases[0]}{' and the others' if len(cases) > 1 else ''})" if cases else ""
        raise click.UsageError(
            f"the inspection file {found} is for edition {inspected.edition}, but the "
            f"cases{first} are read under {edition_id}: give the inspection file of these "
            "cases (--inspection), or the cases' edition (--edition)"
        )
    return inspected


@click.command()
@_paths_argument
@edition_option
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
    help="Also export free-text answers and narrative questions.",
)
@click.option("--include-notes", is_flag=True, help="Also export the note of each answer exported.")
@_output_option
@complete_only_option
@jobs_option
def export(
    paths: tuple[Path, ...],
    edition_id: str | None,
    extensions: tuple[str, ...],
    fmt: str,
    include_narrative: bool,
    include_notes: bool,
    output: Path,
    complete_only: bool,
    jobs: int | None,
) -> None:
    """Export case answers for spreadsheets: one row per case, one column per question.

    PATHS are case files or folders of them; every case is validated first
    (--complete-only leaves out those that are not complete). A question answered
    per option gets one `ID [option]` column per option; a multiple-choice question,
    besides its cell of chosen options, one `ID: option` column per option holding 1
    or 0 (empty where it does not apply). Free text (narrative questions, text
    answers) is left out unless --include-narrative is given, notes unless
    --include-notes is; facts about the child recorded as text (gender, ethnicity:
    what the edition marks a fact) are exported. xlsx has real dates, a filter on the
    header and a Figures sheet with the figures `score` gives.
    """
    from inspectcore import TableWriter, check_output, find_case_files

    check_output(output, find_case_files(paths).files)
    edition = load(edition_of(paths, edition_id), extensions)
    # Rows are spooled as the cases are read (one pass, flat memory); the file is only
    # written once every case has been read and found valid.
    with TableWriter.for_edition(
        edition, fmt, include_narrative=include_narrative, include_notes=include_notes
    ) as writer:
        read_inspection(
            paths,
            edition,
            action="export",
            consume=writer.add_case,
            complete_only=complete_only,
            leave_out=writer.leave_out,
            jobs=jobs,
        )
        cut = writer.save(output)
    for truncated in cut:
        click.echo(f"warning: {truncated}", err=True)
    narrative = "".join(
        f", with {what}"
        for what, given in (("narrative", include_narrative), ("notes", include_notes))
        if given
    )
    click.echo(f"wrote {output} ({writer.rows} case(s), {len(writer.columns)} columns{narrative})")
