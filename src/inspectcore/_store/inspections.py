"""Inspections in the store: a name, the edition and extensions, the inspection file's content."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from .._cases.inspection_file import InspectionFile
from .._errors import AlreadyStoredError, NotStoredError
from .casedata import dumps, loads
from .people import find_person
from .records import StoredInspection
from .schema import grants, inspections


def _settings(data: object) -> InspectionFile | None:
    if not isinstance(data, dict):
        return None
    context = tuple(
        (k, tuple(v) if isinstance(v, list) else v) for k, v in data.get("context", {}).items()
    )
    return InspectionFile(
        **{k: data.get(k, "") for k in ("service", "edition", "start", "end")},
        extensions=tuple(data.get("extensions", ())),
        inspectors=tuple(data.get("inspectors", ())),
        context=context,
    )


def _inspection(row: sa.Row[Any]) -> StoredInspection:
    return StoredInspection(
        row.id, row.name, row.edition, tuple(loads(row.extensions)), _settings(loads(row.settings))
    )


def add_inspection(
    connection: sa.Connection,
    name: str,
    edition: str,
    extensions: Sequence[str] = (),
    settings: InspectionFile | None = None,
    settings_text: str | None = None,
) -> StoredInspection:
    """Add an inspection; refuse a name already used or an empty one."""
    if not name.strip():
        raise ValueError("an inspection's name must not be empty")
    if not edition:
        raise ValueError(f"inspection {name!r}: expected an edition id, got none")
    if connection.execute(sa.select(inspections.c.id).where(inspections.c.name == name)).first():
        raise AlreadyStoredError(f"the store has an inspection named {name!r} already")
    new_id = connection.execute(
        inspections.insert()
        .returning(inspections.c.id)
        .values(
            name=name,
            edition=edition,
            extensions=dumps(list(extensions)),
            settings=None if settings is None else dumps(settings.to_data()),
            settings_text=settings_text,
        )
    ).scalar_one()
    return StoredInspection(new_id, name, edition, tuple(extensions), settings)


def find_inspection(connection: sa.Connection, inspection_id: int) -> StoredInspection:
    """The inspection with that id; :class:`NotStoredError` if there is none."""
    row = connection.execute(
        sa.select(inspections).where(inspections.c.id == inspection_id)
    ).first()
    if row is None:
        raise NotStoredError(f"the store has no inspection with id {inspection_id}")
    return _inspection(row)


def inspection_named(connection: sa.Connection, name: str) -> StoredInspection:
    """The inspection with that name; :class:`NotStoredError` naming those there are."""
    row = connection.execute(sa.select(inspections).where(inspections.c.name == name)).first()
    if row is None:
        names = connection.execute(sa.select(inspections.c.name).order_by(inspections.c.name))
        known = ", ".join(repr(n) for (n,) in names) or "none"
        raise NotStoredError(f"the store has no inspection named {name!r} (it has: {known})")
    return _inspection(row)


def settings_text(connection: sa.Connection, inspection_id: int) -> str | None:
    """The inspection file's text as imported, where its settings would not write it back."""
    return connection.execute(
        sa.select(inspections.c.settings_text).where(inspections.c.id == inspection_id)
    ).scalar_one_or_none()


def all_inspections(
    connection: sa.Connection, visible_to: str | None = None
) -> tuple[StoredInspection, ...]:
    """Every inspection by name, or those the person may see (an admin sees every one)."""
    query = sa.select(inspections).order_by(inspections.c.name)
    if visible_to is not None:
        person = find_person(connection, visible_to)
        if person is None:
            return ()
        if person.role != "admin":
            granted = sa.select(grants.c.inspection_id).where(grants.c.username == visible_to)
            query = query.where(inspections.c.id.in_(granted))
    return tuple(_inspection(row) for row in connection.execute(query))
