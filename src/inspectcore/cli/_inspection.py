"""`inspectcore new-inspection`, and how the other commands use the inspection file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import click

from ._common import load, with_option

if TYPE_CHECKING:
    from inspectcore import CaseAssessment, Edition, InspectionFile


def _date(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    """An ISO date, or a UK one (12/05/2025) written as ISO; "" when not given."""
    from inspectcore import Date, ReplyError, parse_reply

    if not value:
        return ""
    try:
        return str(parse_reply(Date(), value))
    except ReplyError as exc:
        raise click.BadParameter(str(exc)) from None


def parse_context(edition: Edition, pairs: tuple[str, ...]) -> list[tuple[str, str | int]]:
    context: list[tuple[str, str | int]] = []
    for pair in pairs:
        key, sep, value = pair.partition("=")
        fact = edition.fact(key.strip())
        if not sep or fact is None:
            known = ", ".join(f.id for f in edition.facts) or "none"
            raise click.BadParameter(
                f"{pair!r}: expected FACT=VALUE with FACT one of {known}", param_hint="--context"
            )
        typed: str | int = (
            int(value) if fact.answer.type == "integer" and value.isdigit() else value
        )
        if (why := fact.answer.check(typed)) is not None:
            raise click.BadParameter(f"{key}: {why}", param_hint="--context")
        context.append((fact.id, typed))
    return context


@click.command("new-inspection")
@click.argument("edition_id", metavar="EDITION")
@with_option
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--service", default="", help="The inspected service (YOT or YJS).")
@click.option("--start", default="", callback=_date, help="The inspection's first day.")
@click.option("--end", default="", callback=_date, help="The inspection's last day.")
@click.option("--inspector", "inspectors", multiple=True, help="An inspector (repeatable).")
@click.option(
    "--context",
    "context",
    multiple=True,
    metavar="FACT=VALUE",
    help="An inspection fact shared by every case (repeatable), e.g. programme=FJI.",
)
@click.option("--force", is_flag=True, help="Replace an inspection file that is there.")
def new_inspection(
    edition_id: str,
    extensions: tuple[str, ...],
    folder: Path,
    service: str,
    start: str,
    end: str,
    inspectors: tuple[str, ...],
    context: tuple[str, ...],
    force: bool,
) -> None:
    """Write FOLDER/inspection.toml: what is the same for every case of an inspection.

    The service, the dates, the inspectors and the edition's inspection facts
    (--context, checked against the edition). `assess` and `new-case` take the facts
    from it into each new case in FOLDER (and say so), and the assessor when the file
    names one inspector; `validate`, `score`, `report` and `export` report a case
    whose facts differ from it. FOLDER is created if needed.

    \b
    Example:
      inspectcore new-inspection cag2016 visit --service "Example YOT" \\
        --start 12/05/2025 --end 16/05/2025 --inspector "A. Inspector" \\
        --context programme=FJI
    """
    from inspectcore import INSPECTION_FILE, InspectionFile, dumps_inspection_file, write_atomic

    edition = load(edition_id, extensions)
    if start and end and end < start:
        raise click.BadParameter(f"{end} is before --start {start}", param_hint="--end")
    path = folder / INSPECTION_FILE
    if path.exists() and not force:
        raise click.UsageError(f"{path} exists; use --force to replace it")
    inspection = InspectionFile(
        service=service,
        edition=edition.id,
        extensions=tuple(e.id for e in edition.extensions),
        start=start,
        end=end,
        inspectors=inspectors,
        context=tuple(parse_context(edition, context)),
    )
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(path, dumps_inspection_file(inspection))
    missing = [f.id for f in edition.facts if inspection.fact(f.id) is None]
    unset = f"; facts not set (asked per case): {', '.join(missing)}" if missing else ""
    click.echo(f"wrote {path} ({edition.id} {edition.version}{unset})")


def fill_from_inspection(
    case: CaseAssessment, case_path: Path, edition: Edition
) -> tuple[CaseAssessment, str]:
    """``case`` with what the inspection file beside it gives, and a line saying what ("").

    The edition's facts the case does not set are taken (a fact the edition does not
    have is left to `validate` to report in the inspection file's cases), and the
    assessor when the case names none and the file names one inspector.
    """
    from inspectcore import INSPECTION_FILE, inspection_file_for, with_inspection_facts

    inspection = inspection_file_for(case_path)
    if inspection is None:
        return case, ""
    known = {f.id for f in edition.facts}
    shared = attrs.evolve(
        inspection, context=tuple((k, v) for k, v in inspection.context if k in known)
    )
    filled, taken = with_inspection_facts(case, shared)
    said = []
    if taken:
        said.append("facts " + ", ".join(f"{k} = {filled.fact(k)}" for k in taken))
    if not filled.assessor and len(inspection.inspectors) == 1:
        filled = attrs.evolve(filled, assessor=inspection.inspectors[0])
        said.append(f"assessor {inspection.inspectors[0]}")
    where = case_path.parent / INSPECTION_FILE
    return filled, (f"From {where}: " + "; ".join(said) + ".") if said else ""


class InspectionFileCheck:
    """Checks cases, one at a time, against the inspection file beside each (read once)."""

    def __init__(self) -> None:
        self._read: dict[Path, InspectionFile | None] = {}

    def check(self, path: Path, case: CaseAssessment) -> list[tuple[Path, str]]:
        """``(case file, message)`` for each fact ``case`` sets otherwise than its file.

        An inspection file that cannot be read is one message, for the first case beside it.
        """
        from inspectcore import CaseFileError, inspection_disagreements, inspection_file_for

        found: list[tuple[Path, str]] = []
        folder = path.parent
        if folder not in self._read:
            try:
                self._read[folder] = inspection_file_for(path)
            except CaseFileError as exc:
                self._read[folder] = None
                found.append((path, f"its inspection file: {exc}"))
        inspection = self._read[folder]
        if inspection is not None:
            found += [(path, message) for message in inspection_disagreements(case, inspection)]
        return found
