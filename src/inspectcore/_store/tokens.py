"""API tokens: made for a person, shown once, kept only as a hash, revoked by id."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

import sqlalchemy as sa

from .._errors import NotStoredError
from .engine import now, read_time, stored_time
from .people import find_person, need_person
from .records import ApiToken, Person
from .schema import api_tokens
from .sessions import hash_token

PREFIX = "ict_"
"""How every API token starts, so that one pasted where it should not be is recognised
(by a secret scanner, say)."""


def _token(row: sa.Row[Any]) -> ApiToken:
    return ApiToken(
        id=row.id,
        username=row.username,
        label=row.label,
        created_at=read_time(row.created_at),
        expires_at=read_time(row.expires_at),
        revoked_at=None if row.revoked_at is None else read_time(row.revoked_at),
    )


def add_token(
    connection: sa.Connection, username: str, lifetime: dt.timedelta, label: str
) -> tuple[ApiToken, str]:
    """A new token for the person: (its record, the token itself, never stored)."""
    need_person(connection, username)
    if lifetime <= dt.timedelta(0):
        raise ValueError(f"lifetime: expected a positive time, got {lifetime}")
    token = PREFIX + secrets.token_urlsafe(32)
    made = now()
    result = connection.execute(
        api_tokens.insert().values(
            token_hash=hash_token(token),
            username=username,
            label=label,
            created_at=stored_time(made),
            expires_at=stored_time(made + lifetime),
        )
    )
    (token_id,) = result.inserted_primary_key or (None,)
    row = connection.execute(sa.select(api_tokens).where(api_tokens.c.id == token_id)).one()
    return _token(row), token


def all_tokens(connection: sa.Connection) -> tuple[ApiToken, ...]:
    """Every token, revoked and expired ones too, in the order made."""
    rows = connection.execute(sa.select(api_tokens).order_by(api_tokens.c.id))
    return tuple(_token(row) for row in rows)


def revoke_token(connection: sa.Connection, token_id: int) -> ApiToken:
    """Revoke the token (revoking one already revoked keeps its first time)."""
    row = connection.execute(sa.select(api_tokens).where(api_tokens.c.id == token_id)).first()
    if row is None:
        raise NotStoredError(f"the store has no API token {token_id}")
    if row.revoked_at is None:
        connection.execute(
            api_tokens.update()
            .where(api_tokens.c.id == token_id)
            .values(revoked_at=stored_time(now()))
        )
        row = connection.execute(sa.select(api_tokens).where(api_tokens.c.id == token_id)).one()
    return _token(row)


def token_person(connection: sa.Connection, token: str) -> Person | None:
    """The person a token acts as while it is valid; ``None`` for one unknown, expired or
    revoked."""
    row = connection.execute(
        sa.select(api_tokens).where(api_tokens.c.token_hash == hash_token(token))
    ).first()
    if row is None or not _token(row).valid_at(now()):
        return None
    return find_person(connection, row.username)
