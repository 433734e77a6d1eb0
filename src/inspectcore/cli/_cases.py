"""Commands that work on case files: new-case and validate."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ._common import JsonList, json_option, load, registry, with_option
from ._inspection import fill_from_inspection, parse_context
from ._reading import case_files, jobs_option

if TYPE_CHECKING:
    from inspectcore import CaseAssessment, Edition, Registry


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
@jobs_option
def validate(
    files: tuple[Path, ...],
    as_json: bool,
    strict: bool,
    edition_spec: str | None,
    jobs: int | None,
) -> None:
    """Validate case files against the edition (and extensions) each was assessed with,
    or, with --edition, against the edition (or draft) given.

    Prints one line per problem, `file:question: message`, and exits 0 when every
    file is valid, 1 when any has a problem. Folders are searched for *.toml and
    *.json case files; what else they hold is listed on stderr, and a folder with
    none, or a file given twice, is a usage error (exit 2). Two files with the same
    case reference are an error. Each file's problems are printed once it is read,
    and the count of valid files at the end.
    """
    from inspectcore import CaseReferences, in_processes, jobs_for, printable

    from ._inspection import InspectionFileCheck

    found = registry()
    loaded: dict[tuple[str, ...], Edition] = {}
    if edition_spec is not None:
        # A name or path that leads to no edition is a usage error before any case is read.
        loaded[()] = load(edition_spec, ())
    paths = case_files(files)
    count = jobs_for(jobs, len(paths))
    checked = (
        in_processes(
            _check_in_worker, paths, count, start=_start_worker, start_args=(edition_spec,)
        )
        if count > 1
        else (_check(_editions(found, edition_spec, loaded), path) for path in paths)
    )
    # Only what later files are compared with is kept, never the cases: memory stays flat.
    references = CaseReferences()
    beside = InspectionFileCheck()
    listing = JsonList() if as_json else None
    read = valid = 0
    for position, (path, problems, case) in enumerate(checked):
        if case is not None:
            if case.case and (used := references.first_file(case.case, position)) is not None:
                message = f"case reference {case.case!r} is also used by {paths[used]}"
                problems.append(_problem("duplicate-case", "case", message))
            for _, message in beside.check(path, case):
                problems.append(_problem("inspection-file", "context", message))
        read += 1
        valid += not any(p["severity"] == "error" or strict for p in problems)
        if listing is not None:
            listing.add({"file": str(path), "problems": problems})
            continue
        for p in problems:
            where = p["question"] or p["location"]
            place = f"{path}:{where}" if where else str(path)
            prefix = "warning: " if p["severity"] == "warning" else ""
            click.echo(printable(f"{place}: {prefix}{p['message']}"))
    if listing is not None:
        listing.close()
    else:
        click.echo(f"{valid} of {read} file(s) valid", err=True)
    if valid != read:
        click.get_current_context().exit(1)


Checked = tuple[Path, list[dict[str, Any]], "CaseAssessment | None"]
"""One case file validated: its problems as ``validate --json`` gives them, and the case
(``None`` when it could not be read under an installed edition)."""


def _editions(
    found: Registry, given: str | None, loaded: dict[tuple[str, ...], Edition]
) -> Callable[[CaseAssessment], Edition]:
    """The edition each case is validated against: its own, or the one given (loaded once
    for each set of extensions the cases use)."""
    from inspectcore import resolve_edition

    def edition_for(case: CaseAssessment) -> Edition:
        if given is None:
            return found.edition_for_case(case)
        used = tuple(e.id for e in case.extensions)
        if used not in loaded:
            loaded[used] = resolve_edition(given, found, used)
        return loaded[used]

    return edition_for


def _check(edition_for: Callable[[CaseAssessment], Edition], path: Path) -> Checked:
    """``path`` read and validated under the edition ``edition_for`` gives for it."""
    from inspectcore import CaseFileError, InspectcoreError, read_case_file
    from inspectcore import validate as validate_case

    try:
        source = read_case_file(path)
        edition = edition_for(source.case)
    except CaseFileError as exc:
        return path, [_problem("unreadable", "", message) for message in exc.problems], None
    except InspectcoreError as exc:
        return path, [_problem("edition", "edition", str(exc))], None
    problems = [
        {
            "code": problem.code.value,
            "severity": problem.severity.value,
            "question": problem.question,
            "location": problem.location,
            "line": source.line_of(problem.question) if problem.question else None,
            "message": problem.message,
        }
        for problem in validate_case(edition, source.case)
    ]
    return path, problems, source.case


def _problem(code: str, location: str, message: str) -> dict[str, Any]:
    """An error that is not the validation of one case (as ``validate --json`` gives it)."""
    return {
        "code": code,
        "severity": "error",
        "question": "",
        "location": location,
        "line": None,
        "message": message,
    }


_worker_editions: Callable[[CaseAssessment], Edition] | None = None
"""How a worker process of ``validate --jobs`` finds each case's edition (set as it starts)."""


def _start_worker(edition_spec: str | None) -> None:
    from inspectcore import Registry

    global _worker_editions
    # Each worker finds the installed plugins itself; their failures are warned about once,
    # by the command's own registry.
    _worker_editions = _editions(Registry.discover(), edition_spec, {})


def _check_in_worker(path: Path) -> Checked:
    assert _worker_editions is not None, "set by _start_worker"
    return _check(_worker_editions, path)
