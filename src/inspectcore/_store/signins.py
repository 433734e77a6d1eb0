"""Signing in with a password, throttled per username: too many failures lock the name.

The count is kept in the store, so that every server process sees the same attempts, and
for any username given, so that a lock says nothing of whether the name exists.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from .._errors import SignInLockedError
from .engine import now, read_time, stored_time
from .people import check_password
from .records import Person, SignInThrottle
from .schema import signin_failures


def _row_of(connection: sa.Connection, username: str) -> sa.Row[Any] | None:
    query = sa.select(signin_failures).where(signin_failures.c.username == username)
    # On PostgreSQL the row is locked until the transaction ends, so that two failures at
    # once both count (SQLite's writers take turns already).
    return connection.execute(query.with_for_update()).first()


def check_lock(connection: sa.Connection, username: str) -> None:
    """Raise :class:`SignInLockedError` while the username is locked."""
    row = _row_of(connection, username)
    if row is not None and row.locked_until is not None:
        until = read_time(row.locked_until)
        if now() < until:
            raise SignInLockedError(until)


def record(
    connection: sa.Connection, username: str, person: Person | None, throttle: SignInThrottle
) -> None:
    """Count the attempt's outcome: a success clears the name's failures; a failure adds
    one, starting afresh once ``throttle.within`` (or a lock) is over, and the last one
    allowed locks the name for ``throttle.lock``."""
    if person is not None:
        connection.execute(signin_failures.delete().where(signin_failures.c.username == username))
        return
    at = now()
    row = _row_of(connection, username)
    # A lock over (check_lock let this attempt through) or a window gone by starts afresh.
    if (
        row is None
        or row.locked_until is not None
        or (read_time(row.first_failed_at) + throttle.within <= at)
    ):
        failures, first = 1, stored_time(at)
    else:
        failures, first = row.failures + 1, row.first_failed_at
    locked = stored_time(at + throttle.lock) if failures >= throttle.failures else None
    values = {"failures": failures, "first_failed_at": first, "locked_until": locked}
    if row is None:
        connection.execute(signin_failures.insert().values(username=username, **values))
    else:
        connection.execute(
            signin_failures.update().where(signin_failures.c.username == username).values(**values)
        )


def sign_in(
    connection: sa.Connection, username: str, password: str, throttle: SignInThrottle
) -> Person | None:
    """The person if the password is theirs and the name is not locked; ``None`` for a
    wrong password or an unknown name; :class:`SignInLockedError` while locked."""
    check_lock(connection, username)
    person = check_password(connection, username, password)
    record(connection, username, person, throttle)
    return person
