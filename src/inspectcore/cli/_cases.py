"""Commands that work on case files: new-case and validate."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ._common import echo_json, json_option, load, registry, with_option
from ._inspection import disagreements, fill_from_inspection, parse_context
from ._reading import case_files

if TYPE_CHECKING:
    from inspectcore import CaseAssessment, Edition


def _template_comments(edition: Edition) -> str:
    lines = [
        "",
        "# Questions of this edition, in order. Answer as",
        '#   "ID" = value',
        "# or, with a note:",
        '#   [answers."ID"]',
        "#   value = …",
        '#   note = "…"',
        "# under [answers]. Run `inspectcore questions --case` on this file to see which apply.",
    ]
    for question in edition.questions:
        wording = " ".join(question.wording.split())[:70]
        lines.append(
            f'# "{question.id}" ({question.kind}; {question.answer.describe()[:60]})'
            f"{': ' + wording if wording else ''}"
        )
    return "\n".join(lines) + "\n"


@click.command("new-case")
@click.argument("edition_id", metavar="EDITION")
@with_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The case file to write (.toml or .json).",
)
@click.option("--case", "case_ref", default="", help="The case's reference (never a name).")
@click.option("--assessor", default="", help="Who assesses the case.")
@click.option(
    "--context",
    "context",
    multiple=True,
    metavar="FACT=VALUE",
    help="An inspection-context fact (repeatable), e.g. programme=FJI.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Overwrite the file if it exists and is not a case file (a case file never is).",
)
def new_case(
    edition_id: str,
    extensions: tuple[str, ...],
    output: Path,
    case_ref: str,
    assessor: str,
    context: tuple[str, ...],
    force: bool,
) -> None:
    """Start a case file for an edition, ready to fill in.

    The inspection facts that the inspection file beside it (inspection.toml, see
    `new-inspection`) gives, and --context does not, are written into it, and listed.
    """
    from inspectcore import (
        CaseAssessment,
        CaseFileError,
        EditionRef,
        check_output,
        dumps_case,
        printable,
        write_atomic,
    )

    edition = load(edition_id, extensions)
    if output.suffix.lower() not in (".toml", ".json"):
        raise CaseFileError(str(output), ("expected a .toml or .json file name",))
    check_output(output)  # even with --force: a case file is never overwritten
    if output.exists() and not force:
        raise click.UsageError(f"{output} exists; use --force to overwrite it")
    case = CaseAssessment(
        edition=EditionRef(edition.id, edition.version),
        case=case_ref,
        extensions=list(edition.extensions),
        context=parse_context(edition, context),
        assessor=assessor,
    )
    case, said = fill_from_inspection(case, output, edition)
    kind = output.suffix.lower()[1:]
    text = dumps_case(case, kind)
    if kind == "toml":
        text += _template_comments(edition)
    write_atomic(output, text)
    click.echo(
        f"wrote {output} ({edition.id} {edition.version}, {len(edition.questions)} questions)"
    )
    if said:
        click.echo(printable(said))


def _edition_for(
    case: CaseAssessment, given: str | None, loaded: dict[tuple[str, ...], Edition]
) -> Edition:
    """The edition to validate ``case`` against: its own, or the one given (loaded once for
    each set of extensions the cases use)."""
    if given is None:
        return registry().edition_for_case(case)
    used = tuple(e.id for e in case.extensions)
    if used not in loaded:
        loaded[used] = load(given, used)
    return loaded[used]


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@json_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--edition",
    "edition_spec",
    metavar="EDITION",
    help="Validate every case against this edition instead of its own: an installed "
    "edition's id, or an edition folder (a draft: a folder holding an edition.toml and "
    "its data).",
)
def validate(
    files: tuple[Path, ...], as_json: bool, strict: bool, edition_spec: str | None
) -> None:
    """Validate case files against the edition (and extensions) each was assessed with,
    or, with --edition, against the edition (or draft) given.

    Prints one line per problem, `file:question: message`, and exits 0 when every
    file is valid, 1 when any has a problem. Folders are searched for *.toml and
    *.json case files; what else they hold is listed on stderr, and a folder with
    none, or a file given twice, is a usage error (exit 2). Two files with the same
    case reference are an error.
    """
    from inspectcore import CaseFileError, InspectcoreError, printable, read_case_file
    from inspectcore import validate as validate_case

    results: list[dict[str, Any]] = []
    loaded: dict[tuple[str, ...], Edition] = {}
    if edition_spec is not None:
        # A name or path that leads to no edition is a usage error before any case is read.
        loaded[()] = load(edition_spec, ())
    read: list[tuple[Path, CaseAssessment]] = []
    failed = False
    for path in case_files(files):
        try:
            source = read_case_file(path)
            edition = _edition_for(source.case, edition_spec, loaded)
        except CaseFileError as exc:
            results.append(
                {
                    "file": str(path),
                    "problems": [
                        {
                            "code": "unreadable",
                            "severity": "error",
                            "question": "",
                            "location": "",
                            "line": None,
                            "message": message,
                        }
                        for message in exc.problems
                    ],
                }
            )
            failed = True
            continue
        except InspectcoreError as exc:
            results.append(
                {
                    "file": str(path),
                    "problems": [
                        {
                            "code": "edition",
                            "severity": "error",
                            "question": "",
                            "location": "edition",
                            "line": None,
                            "message": str(exc),
                        }
                    ],
                }
            )
            failed = True
            continue
        read.append((path, source.case))
        problems = []
        for problem in validate_case(edition, source.case):
            line = source.line_of(problem.question) if problem.question else None
            problems.append(
                {
                    "code": problem.code.value,
                    "severity": problem.severity.value,
                    "question": problem.question,
                    "location": problem.location,
                    "line": line,
                    "message": problem.message,
                }
            )
            failed |= problem.is_error or strict
        results.append({"file": str(path), "problems": problems})
    failed |= _same_references(read, results)
    by_file = {r["file"]: r for r in results}
    for path, message in disagreements(read):
        by_file[str(path)]["problems"].append(
            {
                "code": "inspection-file",
                "severity": "error",
                "question": "",
                "location": "context",
                "line": None,
                "message": message,
            }
        )
        failed = True
    if as_json:
        echo_json(results)
    else:
        for result in results:
            for p in result["problems"]:
                where = p["question"] or p["location"]
                place = f"{result['file']}:{where}" if where else result["file"]
                prefix = "warning: " if p["severity"] == "warning" else ""
                click.echo(printable(f"{place}: {prefix}{p['message']}"))
        valid = sum(
            1 for r in results if not any(p["severity"] == "error" or strict for p in r["problems"])
        )
        click.echo(f"{valid} of {len(results)} file(s) valid", err=True)
    if failed:
        click.get_current_context().exit(1)


def _same_references(
    read: list[tuple[Path, CaseAssessment]], results: list[dict[str, Any]]
) -> bool:
    """Add a problem to each file whose case reference an earlier file uses; whether any."""
    from inspectcore import same_references

    by_file = {r["file"]: r for r in results}
    duplicated = same_references(read)
    for reference, found in duplicated.items():
        for path in found[1:]:
            by_file[str(path)]["problems"].append(
                {
                    "code": "duplicate-case",
                    "severity": "error",
                    "question": "",
                    "location": "case",
                    "line": None,
                    "message": f"case reference {reference!r} is also used by {found[0]}",
                }
            )
    return bool(duplicated)
