"""API tokens in the store: shown once, kept as a hash, refused once expired or revoked; and
`inspectcore store add-token / list-tokens / revoke-token`."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

import inspectcore._store.tokens as tokens_module
from inspectcore import NotStoredError, Store

from .test_cli import run


def _engine(url: str) -> sa.Engine:
    parsed = sa.make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return sa.create_engine(parsed)


def test_a_token_acts_as_its_person_until_revoked(staffed: Store) -> None:
    made, token = staffed.add_token("ivan", lifetime=dt.timedelta(days=1), label="sync")
    assert (made.username, made.label, made.revoked_at) == ("ivan", "sync", None)
    assert made.expires_at - made.created_at == dt.timedelta(days=1)
    person = staffed.token_person(token)
    assert person is not None
    assert person.username == "ivan"
    assert staffed.token_person(token + "x") is None
    assert staffed.token_person("") is None
    revoked = staffed.revoke_token(made.id)
    assert revoked.revoked_at is not None
    assert staffed.token_person(token) is None
    # Listed still, as revoked; revoking again keeps the first time.
    assert staffed.tokens() == (revoked,)
    assert staffed.revoke_token(made.id) == revoked


def test_a_token_stops_working_when_it_expires(
    staffed: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    made, token = staffed.add_token("ann", lifetime=dt.timedelta(days=2))
    later = made.expires_at + dt.timedelta(seconds=1)
    assert staffed.token_person(token) is not None
    monkeypatch.setattr(tokens_module, "now", lambda: later)
    assert staffed.token_person(token) is None
    assert not made.valid_at(later)


def test_tokens_are_refused_for_nobody_for_no_time_and_revoking_none(staffed: Store) -> None:
    with pytest.raises(NotStoredError, match="no person named 'nobody'"):
        staffed.add_token("nobody", lifetime=dt.timedelta(days=1))
    with pytest.raises(ValueError, match="expected a positive time"):
        staffed.add_token("ann", lifetime=dt.timedelta(0))
    with pytest.raises(NotStoredError, match="no API token 99"):
        staffed.revoke_token(99)
    assert staffed.tokens() == ()


def test_the_store_keeps_no_api_token_in_clear(store_url: str) -> None:
    with Store.open(store_url) as store:
        store.add_person("ivan", "Ivan", "inspector", "pw")
        _, token = store.add_token("ivan", lifetime=dt.timedelta(days=1), label="sync")
    engine = _engine(store_url)
    with engine.connect() as connection:
        dumped = repr(connection.exec_driver_sql("SELECT * FROM api_tokens").all())
    engine.dispose()
    assert token not in dumped
    assert token.removeprefix("ict_") not in dumped
    assert "ivan" in dumped
    assert "sync" in dumped


def test_the_token_commands(store_url: str) -> None:
    added = run(
        "add-person",
        "ivan",
        "--role",
        "inspector",
        "--password-file",
        "-",
        url=store_url,
        stdin="pw\n",
    )
    assert added.exit_code == 0, added.output
    made = run("add-token", "ivan", "--days", "3", "--label", "nightly sync", url=store_url)
    assert made.exit_code == 0, made.output
    token = made.stdout.strip()
    assert token.startswith("ict_")
    assert "\n" not in token
    assert "token 1 for ivan, valid until" in made.stderr
    assert "not shown again" in made.stderr
    with Store.open(store_url) as store:
        person = store.token_person(token)
        assert person is not None
        assert person.username == "ivan"
        (listed,) = store.tokens()
    assert listed.expires_at - listed.created_at == dt.timedelta(days=3)
    shown = run("list-tokens", url=store_url)
    assert shown.stdout == (f"1\tivan\tvalid\t{listed.expires_at:%Y-%m-%d %H:%M}Z\tnightly sync\n")
    assert token not in shown.stdout
    revoked = run("revoke-token", "1", url=store_url)
    assert revoked.stdout == "revoked token 1 of ivan\n"
    assert run("list-tokens", url=store_url).stdout.split("\t")[2] == "revoked"
    with Store.open(store_url) as store:
        assert store.token_person(token) is None
    missing = run("revoke-token", "7", url=store_url)
    assert missing.exit_code != 0
    assert "no API token 7" in missing.stderr
    nobody = run("add-token", "nobody", url=store_url)
    assert nobody.exit_code != 0
    assert "no person named 'nobody'" in nobody.stderr
    assert run("add-token", "ivan", "--days", "0", url=store_url).exit_code == 2
