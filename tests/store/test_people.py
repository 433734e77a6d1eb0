"""People, passwords, grants and sessions in the store."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from inspectcore import AlreadyStoredError, NotStoredError, Person, Store


def test_a_person_signs_in_with_their_password_only(staffed: Store) -> None:
    store = staffed
    assert store.check_password("ivan", "ivan's password") == Person(
        "ivan", "Ivan Inspector", "inspector"
    )
    assert store.check_password("ivan", "ann's password") is None
    assert store.check_password("nobody", "ivan's password") is None
    assert store.person("ann") == Person("ann", "Ann Admin", "admin")
    assert store.person("nobody") is None
    assert [p.username for p in store.people()] == ["ann", "ivan"]


def test_passwords_are_kept_only_as_argon2_hashes(store_url: str) -> None:
    with Store.open(store_url) as store:
        store.add_person("ivan", "Ivan", "inspector", "a secret phrase")
    engine = sa.create_engine(sa.make_url(store_url).set(drivername=_driver(store_url)))
    with engine.connect() as connection:
        dumped = repr(connection.exec_driver_sql("SELECT * FROM people").all())
    engine.dispose()
    assert "a secret phrase" not in dumped
    assert "$argon2id$" in dumped


def _driver(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "postgresql+psycopg"


def test_a_person_is_added_once_with_a_known_role(staffed: Store) -> None:
    store = staffed
    with pytest.raises(AlreadyStoredError, match="'ivan' already"):
        store.add_person("ivan", "Another Ivan", "lead", "x")
    with pytest.raises(ValueError, match="role: expected one of"):
        store.add_person("olga", "Olga", "boss", "x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="empty"):
        store.add_person("olga", "Olga", "lead", "")
    assert store.person("olga") is None


def test_an_inspector_sees_only_the_inspections_granted(staffed: Store) -> None:
    store = staffed
    first = store.add_inspection("first", "example")
    second = store.add_inspection("second", "example")
    store.grant("ivan", second.id)
    store.grant("ivan", second.id)  # granting twice is granting once
    assert not store.can_access("ivan", first.id)
    assert store.can_access("ivan", second.id)
    assert store.can_access("ann", first.id)  # an admin sees every inspection
    assert store.inspections(visible_to="ivan") == (second,)
    assert store.inspections(visible_to="ann") == (first, second)
    assert store.inspections(visible_to="nobody") == ()
    assert not store.can_access("nobody", first.id)
    with pytest.raises(NotStoredError, match="no person named 'nobody'"):
        store.grant("nobody", first.id)
    with pytest.raises(NotStoredError, match="no inspection with id 99"):
        store.grant("ivan", 99)


def test_a_session_lasts_until_ended_or_expired(staffed: Store) -> None:
    store = staffed
    token, csrf = store.open_session("ivan", lifetime=dt.timedelta(hours=8))
    assert store.session(token) == (store.person("ivan"), csrf)
    assert store.session(token + "x") is None
    store.end_session(token)
    assert store.session(token) is None
    expired, _ = store.open_session("ivan", lifetime=dt.timedelta(seconds=-1))
    assert store.session(expired) is None
    other, other_csrf = store.open_session("ivan", lifetime=dt.timedelta(hours=8))
    assert other != token
    assert other_csrf != csrf


def test_the_store_keeps_no_session_token_in_clear(store_url: str) -> None:
    with Store.open(store_url) as store:
        store.add_person("ivan", "Ivan", "inspector", "pw")
        token, _ = store.open_session("ivan", lifetime=dt.timedelta(hours=1))
    engine = sa.create_engine(sa.make_url(store_url).set(drivername=_driver(store_url)))
    with engine.connect() as connection:
        dumped = repr(connection.exec_driver_sql("SELECT * FROM sessions").all())
    engine.dispose()
    assert token not in dumped
    assert "ivan" in dumped
