"""Sign-in sessions, kept on the server: the cookie holds only the token, the store its hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import sqlalchemy as sa

from .engine import now, read_time, stored_time
from .people import find_person, need_person
from .records import Person
from .schema import sessions


def hash_token(token: str) -> str:
    """The hash the store keeps of a session's or an API token's token."""
    # A stolen copy of the database then holds no token that signs anyone in. The tokens
    # are random (256 bits), so a plain hash is enough: there is nothing to guess.
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(
    connection: sa.Connection, username: str, lifetime: dt.timedelta
) -> tuple[str, str]:
    """A new session for the person: (session token, CSRF token)."""
    need_person(connection, username)
    # Sessions that ran out are cleared here, where the store writes anyway.
    connection.execute(sessions.delete().where(sessions.c.expires_at <= stored_time(now())))
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    connection.execute(
        sessions.insert().values(
            token_hash=hash_token(token),
            username=username,
            csrf_token=csrf,
            expires_at=stored_time(now() + lifetime),
        )
    )
    return token, csrf


def find_session(connection: sa.Connection, token: str) -> tuple[Person, str] | None:
    """(person, CSRF token) of a session still valid; ``None`` for one unknown or expired."""
    row = connection.execute(
        sa.select(sessions).where(sessions.c.token_hash == hash_token(token))
    ).first()
    if row is None:
        return None
    if read_time(row.expires_at) <= now():
        return None
    person = find_person(connection, row.username)
    return None if person is None else (person, row.csrf_token)


def end_session(connection: sa.Connection, token: str) -> None:
    """Sign out: the session is gone (ending one unknown does nothing)."""
    connection.execute(sessions.delete().where(sessions.c.token_hash == hash_token(token)))
