"""Opening a store's database: the URL, SQLite's settings, and migrating to the code's schema."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from .._errors import StoreError
from .extras import missing_extra

_MIGRATIONS = Path(__file__).with_name("migrations")
READ_ONLY = "inspectcore_read_only"
"""The execution option that marks a transaction that only reads: on SQLite it then
takes no write lock, and never waits for a writer (WAL)."""
SQLITE_TIMEOUT = 30.0
"""Seconds a SQLite writer waits for another's transaction before giving up."""


def create_engine(url: str) -> sa.Engine:
    """An engine for ``url`` (``sqlite:///FILE`` or ``postgresql://…``), refusing others."""
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        raise StoreError(
            f"{url!r} is not a store URL (expected sqlite:///FILE or postgresql://…)"
        ) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed)
    if backend == "postgresql":
        if parsed.drivername == "postgresql":  # SQLAlchemy's default driver is psycopg2
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            return sa.create_engine(parsed, pool_pre_ping=True)
        except ModuleNotFoundError as exc:
            raise missing_extra(exc, "postgresql") from None
    raise StoreError(f"{_shown(parsed)}: the store runs on SQLite or PostgreSQL, not {backend!r}")


def _shown(url: sa.URL) -> str:
    return url.render_as_string(hide_password=True)


def _sqlite_engine(url: sa.URL) -> sa.Engine:
    if not url.database or url.database == ":memory:":
        # Each connection would have a database of its own: nothing would be shared.
        raise StoreError(f"{_shown(url)}: a SQLite store needs a file (sqlite:///FILE)")
    folder = Path(url.database).parent
    if not folder.is_dir():
        raise StoreError(f"{_shown(url)}: the folder {folder} does not exist")
    engine = sa.create_engine(url, connect_args={"timeout": SQLITE_TIMEOUT})

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _: object) -> None:
        # The driver's own transaction handling is off, so that every transaction is
        # begun below, as IMMEDIATE: a writer then waits for another writer at its start,
        # instead of failing at its first write after reading (which SQLite must refuse).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")  # readers never wait for a writer
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(connection: sa.Connection) -> None:
        reads = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if reads else "BEGIN IMMEDIATE")

    return engine


def migrate(engine: sa.Engine) -> None:
    """Bring the database to the code's schema; refuse one made by newer code."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    try:
        with engine.begin() as connection:
            current = MigrationContext.configure(connection).get_current_heads()
            known = {revision.revision for revision in script.walk_revisions()}
            if newer := [revision for revision in current if revision not in known]:
                raise StoreError(
                    f"{_shown(engine.url)}: the store was made by a newer inspectcore "
                    f"(schema revision {', '.join(newer)}); upgrade inspectcore to open it"
                )
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except sa.exc.OperationalError as exc:
        raise unreachable(engine, exc) from None


def unreachable(engine: sa.Engine, exc: sa.exc.DBAPIError) -> StoreError:
    """The error for a database that cannot be reached or opened."""
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    return StoreError(f"{_shown(engine.url)}: cannot open the store: {reason}")


def now() -> dt.datetime:
    """The time of a change: aware UTC, to the microsecond."""
    return dt.datetime.now(dt.UTC)


def stored_time(at: dt.datetime) -> dt.datetime:
    """A time as a column holds it: UTC, without the offset."""
    return at.astimezone(dt.UTC).replace(tzinfo=None)


def read_time(at: dt.datetime) -> dt.datetime:
    """A column's time as an aware UTC time."""
    return at.replace(tzinfo=dt.UTC)
