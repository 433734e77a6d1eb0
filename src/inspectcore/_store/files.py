"""Import from and export to case files, losslessly: the export of an import is the same files.

Reading is the library's own (``find_case_files``, ``read_case_file``, the inspection
file), and so is writing (``write_case``, atomically). A file whose text the library would
not write back byte for byte (a hand-written one, with comments, say) keeps its text as
imported until its case is first saved, so that even such a file comes back unchanged.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath

import attrs
import sqlalchemy as sa

from .._cases.case import CaseAssessment, dumps_case, read_case_file, write_case
from .._cases.files import find_case_files
from .._cases.inspection_file import (
    INSPECTION_FILE,
    InspectionFile,
    dumps_inspection_file,
    read_inspection_file,
)
from .._errors import CaseFileError, ImportRefusedError, OutputPathError
from .._util.atomic import write_atomic
from .cases import add_case, file_of, inspection_cases
from .inspections import add_inspection, find_inspection, settings_text
from .records import Reading, StoredInspection


@attrs.frozen
class FoundCase:
    """A case file read for import."""

    file_name: str
    """Its path inside the folder, with ``/`` between folders."""
    reference: str
    case: CaseAssessment
    text: str | None
    """Its text, when writing the case would not give the same bytes; else ``None``."""


@attrs.frozen
class FoundFolder:
    """A folder of case files, read whole."""

    folder: Path
    cases: tuple[FoundCase, ...]
    settings: InspectionFile | None
    settings_text: str | None


def read_folder(
    folder: str | os.PathLike[str], on_skip: Callable[[str], None] | None = None
) -> FoundFolder:
    """Read every case file in ``folder`` (and its inspection file); refuse the whole
    folder, naming every bad file, if any cannot be read or two share a reference.

    ``on_skip`` is told of each path passed over, one line each, with the reason.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CaseFileError(str(folder), ("expected a folder of case files",))
    search = find_case_files([folder])
    for skipped in search.skipped:
        if on_skip is not None and skipped.path != folder / INSPECTION_FILE:
            on_skip(f"{skipped.path}: skipped ({skipped.reason})")
    problems: list[str] = []
    settings, kept_settings = None, None
    beside = folder / INSPECTION_FILE
    if beside.is_file():
        try:
            settings = read_inspection_file(beside)
            text = beside.read_text(encoding="utf-8")
            kept_settings = None if dumps_inspection_file(settings) == text else text
        except CaseFileError as exc:
            problems.append(str(exc))
    found: list[FoundCase] = []
    by_reference: dict[str, list[str]] = {}
    for path in search.files:
        try:
            read = read_case_file(path)
        except CaseFileError as exc:
            problems.append(str(exc))
            continue
        name = path.relative_to(folder).as_posix()
        reference = read.case.case or PurePosixPath(name).with_suffix("").as_posix()
        by_reference.setdefault(reference, []).append(str(path))
        same = dumps_case(read.case, path.suffix.lower()[1:]) == read.text
        found.append(FoundCase(name, reference, read.case, None if same else read.text))
    problems += [
        f"case {reference!r} is in {' and '.join(paths)}: a reference names one case"
        for reference, paths in by_reference.items()
        if len(paths) > 1
    ]
    if not found and settings is None and not problems:
        problems.append(f"{folder}: no case files and no {INSPECTION_FILE}")
    problems += _editions(folder, found, settings)
    if problems:
        raise ImportRefusedError(str(folder), tuple(problems))
    return FoundFolder(folder, tuple(found), settings, kept_settings)


def _editions(folder: Path, found: list[FoundCase], settings: InspectionFile | None) -> list[str]:
    """Problems with the edition: an inspection's cases are all of one edition."""
    editions = {c.case.edition.id for c in found}
    if settings is not None and settings.edition:
        editions.add(settings.edition)
    if len(editions) > 1:
        return [
            f"{folder}: its cases (and {INSPECTION_FILE}) are of editions "
            f"{', '.join(sorted(editions))}: a stored inspection has one"
        ]
    if not editions:
        return [f"{folder / INSPECTION_FILE}: no edition, and no cases to take one from"]
    return []


def add_folder(
    connection: sa.Connection, found: FoundFolder, *, name: str | None, by: str
) -> StoredInspection:
    """Add a folder read by :func:`read_folder` as a new inspection."""
    settings = found.settings
    edition = (settings.edition if settings else "") or found.cases[0].case.edition.id
    if settings is not None and settings.extensions:
        extensions: tuple[str, ...] = settings.extensions
    else:  # every extension a case was assessed with, in the order first met
        extensions = tuple(dict.fromkeys(e.id for c in found.cases for e in c.case.extensions))
    inspection = add_inspection(
        connection,
        name or found.folder.resolve().name,
        edition,
        extensions,
        settings,
        found.settings_text,
    )
    for case in found.cases:
        add_case(
            connection,
            inspection.id,
            case.case,
            by=by,
            reference=case.reference,
            file_name=case.file_name,
            file_text=case.text,
        )
    return inspection


@attrs.frozen
class Planned:
    """What an export writes: each file's name and its case (or text), and the settings."""

    files: tuple[tuple[str, CaseAssessment, str | None], ...]
    settings: InspectionFile | None
    settings_text: str | None


def plan_export(connection: sa.Connection, inspection_id: int, reading: Reading) -> Planned:
    """Read what an export of the inspection's cases of one reading writes."""
    inspection = find_inspection(connection, inspection_id)
    files: list[tuple[str, CaseAssessment, str | None]] = []
    taken: set[str] = set()
    for case in inspection_cases(connection, inspection_id, reading):
        name, text = file_of(connection, case.id)
        name = _free(name, taken)
        taken.add(name.lower())
        files.append((name, case.assessment, text))
    return Planned(tuple(files), inspection.settings, settings_text(connection, inspection_id))


def _free(name: str, taken: set[str]) -> str:
    """``name``, or with a number added when another case's file has it already."""
    path, number = PurePosixPath(name), 1
    while name.lower() in taken:
        number += 1
        name = str(path.with_name(f"{path.stem}-{number}{path.suffix}"))
    return name


def write_export(planned: Planned, folder: str | os.PathLike[str]) -> tuple[Path, ...]:
    """Write the files into ``folder``, which must be new or empty (nothing is overwritten)."""
    folder = Path(folder)
    if folder.exists():
        if not folder.is_dir():
            raise OutputPathError(str(folder), "is not a folder: export into a new or empty one")
        if any(folder.iterdir()):
            raise OutputPathError(
                str(folder), "holds files already: export into a new or empty folder"
            )
    written: list[Path] = []
    for name, case, text in planned.files:
        relative = PurePosixPath(name)
        if relative.is_absolute() or ".." in relative.parts:
            raise OutputPathError(name, "a stored file name must stay inside the folder")
        target = folder.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            write_case(case, target)
        else:
            write_atomic(target, text)
        written.append(target)
    if planned.settings is not None:
        target = folder / INSPECTION_FILE
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(target, planned.settings_text or dumps_inspection_file(planned.settings))
        written.append(target)
    folder.mkdir(parents=True, exist_ok=True)
    return tuple(written)
