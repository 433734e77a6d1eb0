"""Opening a store: URLs, migrations, a database newer than the code, a server out of reach."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from argon2 import PasswordHasher

from inspectcore import Store, StoreError
from inspectcore._store.engine import _MIGRATIONS as MIGRATIONS
from inspectcore._store.schema import inspections, metadata, people, sessions
from inspectcore._store.sessions import hash_token


def _engine(url: str) -> sa.Engine:
    parsed = sa.make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return sa.create_engine(parsed)


def test_the_migrations_make_exactly_the_tables_the_code_uses(store_url: str) -> None:
    Store.open(store_url).close()
    engine = _engine(store_url)
    with engine.connect() as connection:
        found = compare_metadata(MigrationContext.configure(connection), metadata)
        revision = MigrationContext.configure(connection).get_current_revision()
    engine.dispose()
    assert found == []
    assert revision == "0002"


def test_a_first_revision_store_is_upgraded_keeping_what_it_holds(store_url: str) -> None:
    # A store made before API tokens and sign-in throttling (revision 0001), holding a
    # person, their session and an inspection, as that code wrote them.
    engine = _engine(store_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        assert "api_tokens" not in sa.inspect(connection).get_table_names()
        connection.execute(
            people.insert().values(
                username="ivan",
                display_name="Ivan",
                role="inspector",
                password_hash=PasswordHasher().hash("pw"),
            )
        )
        connection.execute(
            sessions.insert().values(
                token_hash=hash_token("a session"),
                username="ivan",
                csrf_token="csrf",
                expires_at=dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(hours=1),
            )
        )
        connection.execute(
            inspections.insert().values(name="week 1", edition="example", extensions="[]")
        )
    engine.dispose()
    with Store.open(store_url) as store:
        assert [i.name for i in store.inspections()] == ["week 1"]
        assert store.session("a session") is not None
        _, token = store.add_token("ivan", lifetime=dt.timedelta(days=1))
        person = store.token_person(token)
        assert person is not None
        assert person.username == "ivan"
        assert store.sign_in("ivan", "pw") == person
    engine = _engine(store_url)
    with engine.connect() as connection:
        found = compare_metadata(MigrationContext.configure(connection), metadata)
        revision = MigrationContext.configure(connection).get_current_revision()
    engine.dispose()
    assert (found, revision) == ([], "0002")


def test_a_store_opened_again_keeps_what_it_holds(store_url: str) -> None:
    with Store.open(store_url) as store:
        store.add_inspection("week 1", "example")
    with Store.open(store_url) as store:
        assert [i.name for i in store.inspections()] == ["week 1"]
        assert store.url == store_url


def test_a_store_made_by_newer_code_is_refused(store_url: str) -> None:
    Store.open(store_url).close()
    engine = _engine(store_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()
    with pytest.raises(StoreError, match=r"made by a newer inspectcore \(schema revision 9999\)"):
        Store.open(store_url)


def test_a_sqlite_file_is_created_in_a_folder_that_exists(tmp_path: Path) -> None:
    Store.open(f"sqlite:///{tmp_path / 'new.db'}").close()
    assert (tmp_path / "new.db").is_file()
    with pytest.raises(StoreError, match=r"the folder .*missing does not exist"):
        Store.open(f"sqlite:///{tmp_path / 'missing' / 'new.db'}")
    with pytest.raises(StoreError, match="needs a file"):
        Store.open("sqlite://")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("inspection.db", "not a store URL"),
        ("mysql://localhost/x", "runs on SQLite or PostgreSQL, not 'mysql'"),
    ],
)
def test_other_urls_are_refused(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        Store.open(url)


def test_a_server_out_of_reach_is_a_message(tmp_path: Path) -> None:
    # Nothing listens on port 1 of the loopback.
    url = "postgresql://someone:secret@127.0.0.1:1/nothing?connect_timeout=5"
    with pytest.raises(StoreError, match=r"127\.0\.0\.1:1/nothing.*cannot open the store") as got:
        Store.open(url)
    assert "secret" not in str(got.value)


def test_without_the_extra_the_store_names_the_pip_command() -> None:
    code = (
        "import sys; sys.modules['sqlalchemy'] = None\n"
        "import inspectcore\n"
        "inspectcore.StoredCase, inspectcore.StaleCaseError  # need nothing\n"
        "try:\n"
        "    inspectcore.Store\n"
        "except inspectcore.StoreError as exc:\n"
        "    print(exc)\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "needs the module 'sqlalchemy'" in shown
    assert "pip install 'inspectcore[store]'" in shown


def test_importing_inspectcore_never_imports_sqlalchemy() -> None:
    code = (
        "import sys, inspectcore\n"
        "inspectcore.StoredCase, inspectcore.CaseChange, inspectcore.NotStoredError\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert shown.strip() == "[]"
