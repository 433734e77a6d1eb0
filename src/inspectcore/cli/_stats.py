"""Commands about the sample and the whole inspection: sample-size, sample, rate-inspection."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ._common import echo_json, json_option, load, registry
from ._reading import read_inspection


@click.command("sample-size")
@click.argument("population", type=click.IntRange(min=0), metavar="N")
@click.option(
    "--framework",
    "framework_id",
    default="hmip-youth-2021",
    show_default=True,
    help="The framework whose sample rule (and limits) to use.",
)
@click.option("--confidence", type=click.FloatRange(0, 1, min_open=True, max_open=True))
@click.option("--margin", type=click.FloatRange(0, 1, min_open=True, max_open=True))
@json_option
def sample_size_command(
    population: int,
    framework_id: str,
    confidence: float | None,
    margin: float | None,
    as_json: bool,
) -> None:
    """How many cases to read from N eligible cases.

    The standard formula for a proportion with the finite-population correction, rounded
    up, with the framework's parameters (HMIP youth: 80% confidence, 5% margin, p = 0.5);
    --confidence and --margin change them, and the framework's minimum and maximum apply.
    """
    import attrs

    from inspectcore import sample_size, sample_size_to_data

    rule = registry().framework(framework_id).sample
    if confidence is not None:
        rule = attrs.evolve(rule, confidence=confidence)
    if margin is not None:
        rule = attrs.evolve(rule, margin=margin)
    size = sample_size(population, rule)
    if as_json:
        echo_json(sample_size_to_data(size))
        return
    why = f" (the {size.limited_by})" if size.limited_by else ""
    click.echo(
        f"{size.sample} of {size.population} cases{why}: {size.confidence:.0%} confidence, "
        f"{size.margin:.0%} margin"
    )


@click.command("sample")
@click.argument("caseload", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-n", "size", type=click.IntRange(min=0), required=True, help="Cases to draw.")
@click.option("--seed", type=int, required=True, help="The random seed (record it).")
@click.option("--strata", default="", help="Columns to stratify by, comma-separated.")
@click.option(
    "--eligible-before",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Only cases whose --date-column is before this date (YYYY-MM-DD).",
)
@click.option("--date-column", default="start_date", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the sample here.")
def sample_command(
    caseload: Path,
    size: int,
    seed: int,
    strata: str,
    eligible_before: dt.datetime | None,
    date_column: str,
    output: Path | None,
) -> None:
    """Draw a reproducible stratified random sample of K cases from a caseload CSV.

    Proportional allocation over the strata, rounded by largest remainder. The output
    (TOML) records the seed, the strata and the command line, so that another person can
    draw the same sample again.
    """
    from inspectcore import check_output, draw_sample, read_caseload, sample_to_toml, write_atomic

    if output is not None:
        check_output(output, [caseload])
    drawn = draw_sample(
        read_caseload(caseload),
        size,
        seed,
        [c.strip() for c in strata.split(",") if c.strip()],
        eligible_before=None if eligible_before is None else eligible_before.date(),
        date_column=date_column,
    )
    # The command that draws it again, from what was used (not sys.argv: defaults spelled out).
    command = ["inspectcore", "sample", str(caseload), "-n", str(size), "--seed", str(seed)]
    if drawn.strata:
        command += ["--strata", ",".join(drawn.strata)]
    if drawn.eligible_before is not None:
        command += ["--eligible-before", drawn.eligible_before.isoformat()]
        command += ["--date-column", date_column]
    text = sample_to_toml(drawn, command)
    if output is None:
        click.echo(text, nl=False)
        return
    write_atomic(output, text)
    click.echo(f"{len(drawn.rows)} of {drawn.population} eligible cases written to {output}")


@click.command("rate-inspection")
@click.argument("framework_id", metavar="FRAMEWORK")
@click.argument("ratings", nargs=-1, metavar="STANDARD=RATING...")
@click.option(
    "--cases",
    "cases_dir",
    type=click.Path(path_type=Path),
    help="Rate the case-based standards from these cases.",
)
@click.option("--edition", "edition_id", help="The edition of --cases (the framework's).")
@click.option(
    "--overrides",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A TOML file of the ratings panel's overrides ([[overrides]]: standard, rating, "
    "by, on, why).",
)
@json_option
def rate_inspection_command(
    framework_id: str,
    ratings: tuple[str, ...],
    cases_dir: Path | None,
    edition_id: str | None,
    overrides: Path | None,
    as_json: bool,
) -> None:
    """The whole inspection's score, maximum and overall rating, with a trace.

    Give each standard rated by inspectors as STANDARD=RATING (e.g. 1.1=Good); with
    --cases, the standards rated by cases come from the cases' figures.
    """
    from inspectcore import ScoreCounter, inspection_rating_to_data, printable, rate_inspection

    from ._overrides import parse_ratings, read_overrides

    framework = registry().framework(framework_id)
    given = parse_ratings(ratings)
    scored = None
    if cases_dir is not None:
        edition = load(edition_id or framework.edition or "", ())
        if framework.edition != edition.id:
            raise click.BadParameter(
                f"{framework_id} rates cases of {framework.edition or 'no edition'}, "
                f"not {edition.id}",
                param_hint="--edition",
            )
        counter = ScoreCounter(edition, keep_names=False)
        read_inspection([cases_dir], edition, action="rate", consume=counter.add)
        scored = counter.result()
    try:
        rated = rate_inspection(
            framework, given, scored, read_overrides(overrides) if overrides else ()
        )
    except (KeyError, ValueError) as exc:
        message = exc.args[0] if exc.args else str(exc)
        raise click.BadParameter(str(message), param_hint="STANDARD=RATING") from None
    if as_json:
        echo_json(inspection_rating_to_data(framework, rated))
        return
    click.echo(printable("\n".join(rated.trace()), keep="\n"))
