"""The store's tests run on both databases: a SQLite file always, and PostgreSQL when
``INSPECTCORE_TEST_POSTGRESQL`` holds a server's URL (``.ci/postgres.sh start`` prints
one). Under CI, a PostgreSQL variant without that URL fails: it never skips silently."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from inspectcore import Store

POSTGRESQL = "INSPECTCORE_TEST_POSTGRESQL"


def _postgresql_server() -> str:
    url = os.environ.get(POSTGRESQL, "")
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {POSTGRESQL} is not: .ci/run starts the server")
        pytest.skip(f"set {POSTGRESQL} to a PostgreSQL server's URL to run this")
    return url


@pytest.fixture
def fresh_postgresql() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    server = sa.make_url(_postgresql_server()).set(drivername="postgresql+psycopg")
    name = f"inspectcore_test_{secrets.token_hex(6)}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield server.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new store's URL: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url: str = request.getfixturevalue("fresh_postgresql")
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An open, empty store (a change's author need not be a person of the store)."""
    with Store.open(store_url) as opened:
        yield opened


@pytest.fixture
def staffed(store: Store) -> Store:
    """The store with an admin ``ann`` and an inspector ``ivan`` (argon2 takes its time:
    only the tests that sign people in pay for it)."""
    store.add_person("ann", "Ann Admin", "admin", "ann's password")
    store.add_person("ivan", "Ivan Inspector", "inspector", "ivan's password")
    return store
