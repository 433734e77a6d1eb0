"""Sign-in throttling on the form: five failed sign-ins for a name within fifteen minutes
lock it for fifteen minutes (429, the same page whatever the password, and for a name the
store does not hold as for one it does); once the lock is over, signing in clears it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from starlette.testclient import TestClient

import inspectcore._store.signins as signins_module
from inspectcore import Registry, SignInThrottle, Store, create_app

from .conftest import PASSWORDS, csrf_of

BOTH_DATABASES = True  # each test on SQLite and on PostgreSQL (see conftest.py)


def _attempt(client: TestClient, username: str, password: str) -> Any:
    page = client.get("/signin")
    return client.post(
        "/signin",
        data={"username": username, "password": password, "csrf_token": csrf_of(page.text)},
    )


def _page(response: Any) -> str:
    return re.sub(r'value="[^"]*"', "", response.text)


def test_five_failures_lock_the_name_with_one_plain_page(
    app_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = dt.datetime.now(dt.UTC)
    monkeypatch.setattr(signins_module, "now", lambda: start)
    for username in ("ivan", "nobody"):
        for _ in range(5):
            assert _attempt(app_client, username, "not it").status_code == 400
    locked = [
        _attempt(app_client, username, password)
        for username, password in (
            ("ivan", PASSWORDS["ivan"]),
            ("ivan", "not it"),
            ("nobody", "not it"),
        )
    ]
    assert [r.status_code for r in locked] == [429, 429, 429]
    assert len({_page(r) for r in locked}) == 1
    assert "Too many failed sign-ins for this name" in locked[0].text
    assert "do not match" not in locked[0].text
    assert all("inspectcore_session" not in r.cookies for r in locked)
    assert "inspectcore_session" not in app_client.cookies
    # Another name signs in as ever.
    assert _attempt(app_client, "olga", PASSWORDS["olga"]).status_code == 303


def test_once_the_lock_is_over_signing_in_clears_it(
    app_client: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = dt.datetime.now(dt.UTC)
    monkeypatch.setattr(signins_module, "now", lambda: start)
    for _ in range(5):
        _attempt(app_client, "ivan", "not it")
    assert _attempt(app_client, "ivan", PASSWORDS["ivan"]).status_code == 429
    monkeypatch.setattr(signins_module, "now", lambda: start + dt.timedelta(minutes=15))
    assert _attempt(app_client, "ivan", PASSWORDS["ivan"]).status_code == 303
    app_client.cookies.clear()
    for _ in range(4):
        assert _attempt(app_client, "ivan", "not it").status_code == 400
    assert _attempt(app_client, "ivan", PASSWORDS["ivan"]).status_code == 303


def test_the_lock_holds_for_every_server_process(
    store: Store, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two apps over one store, as two server processes: failures on one lock the other.
    start = dt.datetime.now(dt.UTC)
    monkeypatch.setattr(signins_module, "now", lambda: start)
    with (
        TestClient(create_app(store, registry=registry), follow_redirects=False) as one,
        TestClient(create_app(store, registry=registry), follow_redirects=False) as other,
    ):
        for _ in range(3):
            _attempt(one, "lee", "not it")
        for _ in range(2):
            _attempt(other, "lee", "not it")
        assert _attempt(one, "lee", PASSWORDS["lee"]).status_code == 429


def test_the_app_takes_a_throttle_of_its_own(store: Store, registry: Registry) -> None:
    strict = SignInThrottle(failures=1, within=dt.timedelta(minutes=1), lock=dt.timedelta(hours=1))
    app = create_app(store, registry=registry, signin_throttle=strict)
    with TestClient(app, follow_redirects=False) as client:
        assert _attempt(client, "ivan", "not it").status_code == 400
        assert _attempt(client, "ivan", PASSWORDS["ivan"]).status_code == 429
