"""People and their access: passwords hashed with argon2, grants per inspection."""

from __future__ import annotations

import functools
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .._errors import AlreadyStoredError, NotStoredError
from .records import ROLES, Person, Role
from .schema import grants, people


@functools.cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id with the library's current parameters


@functools.cache
def _dummy_hash() -> str:
    # Verified for an unknown username, so that its answer takes as long as a wrong password.
    return _hasher().hash("not anybody's password")


def _person(row: sa.Row[Any] | sa.Row[Any, Any, Any]) -> Person:
    return Person(row.username, row.display_name, row.role)


def add_person(
    connection: sa.Connection, username: str, display_name: str, role: Role, password: str
) -> Person:
    """Add a person; refuse a username already taken, an unknown role or an empty password."""
    if role not in ROLES:
        raise ValueError(f"role: expected one of {', '.join(ROLES)}, got {role!r}")
    if not username.strip() or username != username.strip():
        raise ValueError(f"username: expected a name without surrounding spaces, got {username!r}")
    if not password:
        raise ValueError("password: expected a password, got an empty one")
    if find_person(connection, username) is not None:
        raise AlreadyStoredError(f"the store has a person named {username!r} already")
    connection.execute(
        people.insert().values(
            username=username,
            display_name=display_name or username,
            role=role,
            password_hash=_hasher().hash(password),
        )
    )
    return Person(username, display_name or username, role)


def find_person(connection: sa.Connection, username: str) -> Person | None:
    """The person with that username, or ``None``."""
    row = connection.execute(
        sa.select(people.c.username, people.c.display_name, people.c.role).where(
            people.c.username == username
        )
    ).first()
    return None if row is None else _person(row)


def need_person(connection: sa.Connection, username: str) -> Person:
    """The person with that username; :class:`NotStoredError` if there is none."""
    found = find_person(connection, username)
    if found is None:
        raise NotStoredError(f"the store has no person named {username!r}")
    return found


def check_password(connection: sa.Connection, username: str, password: str) -> Person | None:
    """The person, if the password is theirs; ``None`` otherwise (or for an unknown name).

    A hash made with older parameters is replaced by one made with the current ones.
    """
    row = connection.execute(sa.select(people).where(people.c.username == username)).first()
    stored = _dummy_hash() if row is None else row.password_hash
    try:
        _hasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    if _hasher().check_needs_rehash(stored):
        connection.execute(
            people.update()
            .where(people.c.username == username)
            .values(password_hash=_hasher().hash(password))
        )
    return _person(row)


def all_people(connection: sa.Connection) -> tuple[Person, ...]:
    """Everyone, by username."""
    rows = connection.execute(
        sa.select(people.c.username, people.c.display_name, people.c.role).order_by(
            people.c.username
        )
    )
    return tuple(_person(row) for row in rows)


def grant(connection: sa.Connection, username: str, inspection_id: int) -> None:
    """Let a person see an inspection (granting twice is granting once)."""
    need_person(connection, username)
    if not can_access(connection, username, inspection_id, admins=False):
        connection.execute(grants.insert().values(username=username, inspection_id=inspection_id))


def can_access(
    connection: sa.Connection, username: str, inspection_id: int, *, admins: bool = True
) -> bool:
    """Whether the person may see the inspection: an admin every one, others those granted."""
    person = find_person(connection, username)
    if person is None:
        return False
    if admins and person.role == "admin":
        return True
    row = connection.execute(
        sa.select(grants.c.username).where(
            grants.c.username == username, grants.c.inspection_id == inspection_id
        )
    ).first()
    return row is not None
