"""Commands that compare editions: diff, crosswalk, and carrying cases across."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ._carry_format import carry_json, carry_text, indicative_json, indicative_text
from ._common import registry
from ._reading import case_files

if TYPE_CHECKING:
    from inspectcore import (
        Crosswalk,
        Edition,
    )

_FORMATS = ("text", "json", "markdown", "csv")

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(_FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (atomically) instead of printing; never an input or a case file.",
)


def _check(output: Path | None, *inputs: str | Path | None) -> None:
    """Refuse an output that is one of the inputs (those that are paths) or a case file."""
    if output is None:
        return
    from inspectcore import check_output

    check_output(output, [Path(i) for i in inputs if i is not None and Path(i).exists()])


def _emit(text: str, output: Path | None, what: str) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    from inspectcore import write_atomic

    write_atomic(output, text)
    click.echo(f"wrote {output} ({what})", err=True)


@click.command()
@click.argument("old", metavar="A")
@click.argument("new", metavar="B")
@format_option
@output_option
def diff(old: str, new: str, fmt: str, output: Path | None) -> None:
    """Show what changed from edition A to edition B, matching items by id.

    Sections, groups, facts and questions added, removed or moved; questions reworded
    (with the words that changed); changes of kind, options, applicability and scoring;
    and every other change that can move a result or its reading: rating bands, group
    scoring, question kinds, exclusion rules (and their order), time limits, checks,
    answer rules, guidance text (a word diff) and provenance (the *_basis keys).
    A and B are installed edition ids, or edition data folders (or their edition.toml),
    for example a draft of a guidance update: `inspectcore diff carag2024 draft/`;
    `inspectcore score CASES --edition draft/` then shows the figures it moves.
    """
    from inspectcore import diff_editions, format_diff, resolve_edition

    _check(output, old, new)
    result = diff_editions(resolve_edition(old, registry()), resolve_edition(new, registry()))
    _emit(format_diff(result, fmt), output, f"{len(result.changes)} change(s)")


def _crosswalk_between(a: Edition, b: Edition, file: Path | None) -> Crosswalk:
    from inspectcore import DataFolder, UnknownCrosswalkError, read_crosswalk

    if file is None:
        return registry().crosswalk(a.id, b.id)
    found = read_crosswalk(DataFolder.at(file.parent).file(file.name))
    try:
        return found.between(a.id, b.id)
    except ValueError as exc:
        raise UnknownCrosswalkError(f"{file}: {exc}") from None


@click.command()
@click.argument("old", metavar="A")
@click.argument("new", metavar="B")
@format_option
@click.option("--check", is_flag=True, help="Check the crosswalk's integrity; exit 1 on problems.")
@click.option(
    "--file",
    "file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Read the crosswalk from this TOML file instead of the installed plugins.",
)
@output_option
def crosswalk(
    old: str, new: str, fmt: str, check: bool, file: Path | None, output: Path | None
) -> None:
    """Show the crosswalk from edition A to edition B: pairs, unmatched, coverage by area.

    The crosswalk is the one an installed plugin registers between the two editions,
    in either direction (read backwards, subset and superset swap). Coverage is the
    share of each edition's scored judgements with a counterpart, and with an
    equivalent (whose answers carry across), per area. With --check, the integrity
    rules are checked too and any problem makes the exit code 1.
    """
    from inspectcore import check_crosswalk, crosswalk_coverage, format_crosswalk, resolve_edition

    _check(output, old, new, file)
    a, b = resolve_edition(old, registry()), resolve_edition(new, registry())
    found = _crosswalk_between(a, b, file)
    problems = check_crosswalk(found, a, b) if check else None
    text = format_crosswalk(found, crosswalk_coverage(found, a, b), problems, fmt, (a, b))
    _emit(text, output, f"{len(found.pairs)} pair(s)")
    if problems:
        click.echo(f"error: the crosswalk has {len(problems)} problem(s)", err=True)
        click.get_current_context().exit(1)


@click.command()
@click.argument("source", metavar="CASE_OR_DIR", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--to", "to_edition", required=True, metavar="EDITION", help="The edition to carry to."
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="The case file to write (.toml or .json), or a folder for a folder of cases "
    "(outside the input folder).",
)
@click.option(
    "--crosswalk",
    "file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Read the crosswalk from this TOML file instead of the installed plugins.",
)
@click.option(
    "--with",
    "extensions",
    multiple=True,
    metavar="EXTENSION",
    help="Layer an installed extension onto EDITION (repeatable).",
)
@click.option("--score", is_flag=True, help="Also score the carried cases under EDITION.")
@click.option(
    "--indicative",
    is_flag=True,
    help="Also set each figure of the cases' own edition that has no equivalent beside the "
    "nearest key question of EDITION, through subset, superset and intersecting pairs, "
    "each line labelled indicative with the relation (never a figure of EDITION).",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print JSON: ids, sources and reasons, never free text."
)
@click.option(
    "--force",
    is_flag=True,
    help="Overwrite files that exist, except case files and inputs (those never are).",
)
def carry(
    source: Path,
    to_edition: str,
    output: Path,
    file: Path | None,
    extensions: tuple[str, ...],
    score: bool,
    indicative: bool,
    as_json: bool,
    force: bool,
) -> None:
    """Carry cases assessed under one edition across to another, through the crosswalk.

    Only answers to questions with an equivalent carry (each records its source);
    inspection facts carry where both editions have the same fact. Prints what was
    carried and what must be assessed afresh. A folder of cases is written to the
    output folder under the same names. With --score, the carried cases are scored
    under EDITION: what the inspection would have looked like, as far as the
    crosswalk reaches, with the judgements it cannot reach listed. Every answer not
    carried is counted, by reason. With --indicative, the cases are also scored under
    their own edition and each figure without an equivalent is shown beside the nearest
    key question of EDITION, labelled indicative with the crosswalk's relation.
    """
    from inspectcore import (
        carry_inspection,
        check_output,
        check_output_folder,
        read_case,
        resolve_edition,
        write_case,
    )

    files = case_files((source,))
    if source.is_dir():
        if output.suffix.lower() in (".toml", ".json"):
            raise click.BadParameter("expected a folder for a folder of cases", param_hint="-o")
        check_output_folder(output, source)
        targets = [output / path.relative_to(source) for path in files]
    else:
        targets = [output / source.name if output.is_dir() else output]
    # Even with --force: a carried case written over its source, or over any case
    # file (an earlier carry that has since been assessed further), would lose answers.
    for target in targets:
        check_output(target, [*files, *([file] if file else [])])
    if not force and (existing := [t for t in targets if t.exists()]):
        raise click.UsageError(f"{existing[0]} exists; use --force to overwrite")
    cases = [(path.name, read_case(path)) for path in files]
    editions = {c.edition.id for _, c in cases}
    if len(editions) > 1:
        raise click.UsageError(f"the cases are assessed under several editions: {sorted(editions)}")
    from_ed = registry().edition_for_case(cases[0][1])
    to_ed = resolve_edition(to_edition, registry(), extensions)
    walk = _crosswalk_between(from_ed, to_ed, file)
    result = carry_inspection(cases, walk, from_ed, to_ed)
    beside = None
    if indicative:
        from inspectcore import indicative_figures
        from inspectcore import score as score_cases

        beside = indicative_figures(walk, from_ed, to_ed, score_cases(from_ed, cases))
    for target, (_, carried) in zip(targets, result.cases, strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        write_case(carried.case, target)
    if as_json:
        data = carry_json(result, targets, to_ed, score)
        if beside is not None:
            data["indicative"] = indicative_json(beside)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(carry_text(result, targets, from_ed, to_ed, score))
        if beside is not None:
            click.echo(indicative_text(beside, from_ed, to_ed))
