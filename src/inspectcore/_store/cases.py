"""Cases and their history: the current state a row per case, every change a row appended.

A save reads the case, appends one row per answer or field that differs, and moves the
case to its next version with ``UPDATE … WHERE id = :id AND version = :expected``: of two
saves from the same version, the database lets one update the row and the other finds
no row to update, and is refused with the case as it now stands (never merged).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs
import sqlalchemy as sa

from .._cases.case import CaseAssessment
from .._errors import AlreadyStoredError, NotStoredError, StaleCaseError
from .casedata import (
    EMPTY,
    CaseState,
    Difference,
    assessment_of,
    differences,
    dumps,
    loads,
    replay,
    state_of,
)
from .engine import now, read_time, stored_time
from .inspections import find_inspection
from .people import need_person
from .records import READINGS, CaseChange, Reading, StoredCase
from .schema import cases, changes


def _stored(row: sa.Row[Any], state: CaseState | None = None) -> StoredCase:
    data = loads(row.data)
    state = state or CaseState(data["fields"], data["answers"])
    return StoredCase(
        id=row.id,
        inspection_id=row.inspection_id,
        reference=row.reference,
        reading=row.reading,
        version=row.version,
        assessment=assessment_of(state, f"stored case {row.reference!r} ({row.reading})"),
        assigned_to=row.assigned_to,
        updated_by=row.updated_by,
        updated_at=read_time(row.updated_at),
        file_name=row.file_name,
    )


def _data(state: CaseState) -> str:
    return dumps({"fields": state.fields, "answers": state.answers})


def file_name_for(reference: str) -> str:
    """The file a case added without one is exported to: its reference, made a safe name."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", reference).strip(".-") + ".toml"


def _append(
    connection: sa.Connection,
    case_id: int,
    version: int,
    found: tuple[Difference, ...],
    by: str,
    at: Any,
) -> None:
    if found:
        connection.execute(
            changes.insert(),
            [
                {
                    "case_id": case_id,
                    "version": version,
                    "question": d.question,
                    "field": d.field,
                    "before": None if d.before is None else dumps(d.before),
                    "after": None if d.after is None else dumps(d.after),
                    "by": by,
                    "at": at,
                }
                for d in found
            ],
        )


def add_case(
    connection: sa.Connection,
    inspection_id: int,
    assessment: CaseAssessment,
    *,
    by: str,
    reading: Reading = "first",
    assigned_to: str | None = None,
    reference: str | None = None,
    file_name: str | None = None,
    file_text: str | None = None,
) -> StoredCase:
    """Add a case at version 1; its answers and fields are its first changes."""
    find_inspection(connection, inspection_id)
    if reading not in READINGS:
        raise ValueError(f"reading: expected one of {', '.join(READINGS)}, got {reading!r}")
    reference = assessment.case if reference is None else reference
    if not reference:
        raise ValueError("a stored case needs a reference (the case file's 'case')")
    if assigned_to is not None:
        need_person(connection, assigned_to)
    taken = connection.execute(
        sa.select(cases.c.id).where(
            cases.c.inspection_id == inspection_id,
            cases.c.reference == reference,
            cases.c.reading == reading,
        )
    ).first()
    if taken is not None:
        raise AlreadyStoredError(
            f"the inspection has a {reading} reading of case {reference!r} already"
        )
    state, at = state_of(assessment), stored_time(now())
    case_id: int = connection.execute(
        cases.insert()
        .returning(cases.c.id)
        .values(
            inspection_id=inspection_id,
            reference=reference,
            reading=reading,
            version=1,
            data=_data(state),
            assigned_to=assigned_to,
            updated_by=by,
            updated_at=at,
            file_name=file_name or file_name_for(reference),
            file_text=file_text,
        )
    ).scalar_one()
    _append(connection, case_id, 1, differences(EMPTY, state), by, at)
    return find_case(connection, case_id)


def _row(connection: sa.Connection, case_id: int) -> sa.Row[Any]:
    row = connection.execute(sa.select(cases).where(cases.c.id == case_id)).first()
    if row is None:
        raise NotStoredError(f"the store has no case with id {case_id}")
    return row


def find_case(connection: sa.Connection, case_id: int) -> StoredCase:
    """The case as it now stands; :class:`NotStoredError` if there is none."""
    return _stored(_row(connection, case_id))


def inspection_cases(
    connection: sa.Connection, inspection_id: int, reading: Reading | None
) -> tuple[StoredCase, ...]:
    """The inspection's cases of one reading (``None``: all), by reference then reading."""
    find_inspection(connection, inspection_id)
    query = sa.select(cases).where(cases.c.inspection_id == inspection_id)
    if reading is not None:
        query = query.where(cases.c.reading == reading)
    rows = connection.execute(query).all()
    order = {r: i for i, r in enumerate(READINGS)}
    return tuple(
        _stored(row) for row in sorted(rows, key=lambda r: (r.reference, order[r.reading]))
    )


def file_of(connection: sa.Connection, case_id: int) -> tuple[str, str | None]:
    """The case's file name in its inspection's folder, and its text as imported if kept."""
    row = _row(connection, case_id)
    return row.file_name, row.file_text


def save(
    connection: sa.Connection,
    case_id: int,
    assessment: CaseAssessment,
    *,
    by: str,
    expected_version: int,
) -> StoredCase:
    """Save a new state of the case, or refuse with :class:`StaleCaseError` (nothing written)."""
    row = _row(connection, case_id)
    if row.version != expected_version:
        raise StaleCaseError(_stored(row), expected_version)
    data = loads(row.data)
    before, after = CaseState(data["fields"], data["answers"]), state_of(assessment)
    found = differences(before, after)
    if not found:
        return _stored(row, before)
    at = stored_time(now())
    updated = connection.execute(
        cases.update()
        .where(cases.c.id == case_id, cases.c.version == expected_version)
        .values(
            version=expected_version + 1,
            data=_data(after),
            updated_by=by,
            updated_at=at,
            file_text=None,  # the file as imported is no longer the case
        )
    )
    if updated.rowcount != 1:  # another save moved the version since the row was read
        raise StaleCaseError(find_case(connection, case_id), expected_version)
    _append(connection, case_id, expected_version + 1, found, by, at)
    return find_case(connection, case_id)


def _changes(connection: sa.Connection, case_id: int, up_to: int | None = None) -> list[Any]:
    query = sa.select(changes).where(changes.c.case_id == case_id).order_by(changes.c.id)
    if up_to is not None:
        query = query.where(changes.c.version <= up_to)
    return list(connection.execute(query))


def history(connection: sa.Connection, case_id: int) -> tuple[CaseChange, ...]:
    """Every change to the case, in the order saved."""
    _row(connection, case_id)
    return tuple(
        CaseChange(
            case_id=row.case_id,
            version=row.version,
            question=row.question,
            before=loads(row.before),
            after=loads(row.after),
            by=row.by,
            at=read_time(row.at),
            field=row.field,
        )
        for row in _changes(connection, case_id)
    )


def answer_authors(connection: sa.Connection, case_id: int) -> dict[str, tuple[str, dt.datetime]]:
    """Who gave each of the case's current answers, and when the store recorded it."""
    given: dict[str, tuple[str, dt.datetime]] = {}
    for row in _changes(connection, case_id):
        if row.question is None:
            continue
        if row.after is None:
            given.pop(row.question, None)
        else:
            given[row.question] = (row.by, read_time(row.at))
    current = loads(_row(connection, case_id).data)["answers"]
    return {question: given[question] for question in current}


def case_at(connection: sa.Connection, case_id: int, version: int) -> StoredCase:
    """The case as it stood at ``version``, rebuilt from its history."""
    row = _row(connection, case_id)
    if not 1 <= version <= row.version:
        raise NotStoredError(
            f"case {row.reference!r} has versions 1 to {row.version}, not {version}"
        )
    rows = _changes(connection, case_id, version)
    state = replay(Difference(r.question, r.field, loads(r.before), loads(r.after)) for r in rows)
    last = [r for r in rows if r.version == version]
    # A version always has its changes (a save that changes nothing makes none); its
    # author and time are theirs.
    by, at = (last[0].by, last[0].at) if last else (row.updated_by, row.updated_at)
    return attrs.evolve(
        _stored(row, state), version=version, updated_by=by, updated_at=read_time(at)
    )
