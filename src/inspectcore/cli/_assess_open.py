"""Opening a case for `inspectcore assess`: creating it, or reading it to resume."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import click

from inspectcore import printable

from ._common import load, registry
from ._inspection import fill_from_inspection

if TYPE_CHECKING:
    from inspectcore import AssessmentSession, CaseKeeper


def open_case(
    edition_id: str, extensions: tuple[str, ...], path: Path, assessor: str
) -> tuple[AssessmentSession, CaseKeeper]:
    """Create the case file (asking for its reference) or read it to resume."""
    from inspectcore import (
        AssessmentSession,
        CaseAssessment,
        CaseKeeper,
        EditionRef,
        case_status,
        inspection_file_for,
    )

    if not path.exists():
        inspection = inspection_file_for(path)
        if not extensions and inspection is not None and inspection.edition == edition_id:
            extensions = inspection.extensions  # the inspection's, unless told otherwise
        edition = load(edition_id, extensions)
        reference = click.prompt(
            "Case reference (never the child's name)", default="", show_default=False
        )
        case = CaseAssessment(
            edition=EditionRef(edition.id, edition.version),
            case=reference.strip(),
            extensions=edition.extensions,
            assessor=assessor,
        )
        case, said = fill_from_inspection(case, path, edition)
        keeper = CaseKeeper.new(path, case)
        keeper.save(case)
        click.echo(f"Created {path}.")
        if said:
            click.echo(printable(said))
        return AssessmentSession(edition, keeper.case), keeper
    keeper = CaseKeeper.read(path)
    case = keeper.case
    if case.edition.id != edition_id:
        raise click.UsageError(
            f"{path} is a case for edition {case.edition.id!r}, not {edition_id!r}; "
            f"resume it with: inspectcore assess {case.edition.id} {shlex.quote(str(path))}"
        )
    recorded = [e.id for e in case.extensions]
    if recorded:
        registry().edition_for_case(case)  # names the distribution of a missing extension
    wanted = list(dict.fromkeys([*recorded, *extensions]))
    if wanted != recorded and case_status(load(edition_id, recorded), case).complete:
        # A finished case was assessed without it: adding one may bring in questions.
        added = ", ".join(e for e in wanted if e not in recorded)
        if not click.confirm(
            f"{path} is complete, assessed without {added}. Add {added} to it "
            "(its questions will then be asked)?",
            default=False,
        ):
            wanted = recorded
    edition = load(edition_id, wanted)
    if wanted != recorded:  # an extension added on resuming is recorded in the file
        case = keeper.save(attrs.evolve(case, extensions=edition.extensions)).case
    if assessor and not case.assessor:
        case = keeper.save(attrs.evolve(case, assessor=assessor)).case
    elif assessor and assessor != case.assessor:
        click.echo(printable(f"Note: {path} records its assessor as {case.assessor}; kept."))
    if case.edition.version and case.edition.version != edition.version:
        click.echo(
            f"warning: {path} was assessed under {edition.id} {case.edition.version}; "
            f"the installed edition is {edition.version}"
        )
    filled, said = fill_from_inspection(case, path, edition)
    if said:  # facts set in the inspection file since, or never typed here
        case = keeper.save(filled).case
        click.echo(printable(said))
    return AssessmentSession(edition, case), keeper
