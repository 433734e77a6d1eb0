"""API tokens: `Authorization: Bearer TOKEN` acts as the token's person on the JSON API,
with their role and access, without CSRF token or cookie; a bad, expired or revoked token
is 401 JSON on every API route; pages never take a token."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

import pytest
from starlette.routing import Route
from starlette.testclient import TestClient

import inspectcore._store.tokens as tokens_module
from inspectcore import Store
from inspectcore._web.second_reading import open_second_reading

from .conftest import sign_in

BOTH_DATABASES = True  # each test on SQLite and on PostgreSQL (see conftest.py)

DAY = dt.timedelta(days=1)


def _bearer(store: Store, username: str) -> dict[str, str]:
    _, token = store.add_token(username, lifetime=DAY, label="test")
    return {"Authorization": f"Bearer {token}"}


def _routes(client: TestClient, *, api: bool) -> list[tuple[str, str]]:
    """(method, path with every parameter 1) of each guarded route, of the API or not."""
    found = []
    for route in client.app.routes:  # type: ignore[attr-defined]
        if not isinstance(route, Route) or route.path in ("/healthz", "/signin"):
            continue
        if route.path.startswith("/api/") != api:
            continue
        path = re.sub(r"\{[^}]+\}", "1", route.path)
        found += [(m, path) for m in sorted(route.methods or ()) if m != "HEAD"]
    return found


def test_a_token_acts_as_its_person_with_their_role_and_access(
    app_client: TestClient, store: Store
) -> None:
    ivan, olga, lee = (_bearer(store, name) for name in ("ivan", "olga", "lee"))
    session = app_client.get("/api/session", headers=ivan)
    assert session.status_code == 200
    assert session.json() == {
        "username": "ivan",
        "display_name": "Ivan Inspector",
        "role": "inspector",
        "csrf_token": None,
    }
    listed = app_client.get("/api/inspections", headers=olga).json()["inspections"]
    assert [i["name"] for i in listed] == ["olga-inspection"]
    refused = app_client.get("/api/cases/1", headers=olga)
    assert refused.status_code == 403
    assert "access" in refused.json()["error"]
    assert app_client.get("/api/cases/1", headers=ivan).status_code == 200
    # Before any case is read twice, the agreement compares nothing (and does not fail).
    nothing_yet = app_client.get("/api/inspections/1/agreement", headers=lee)
    assert nothing_yet.status_code == 200
    assert nothing_yet.json()["cases"] == 0
    # A second reader's token is as blind to the first reading as their session.
    store.add_person("quinn", "Quinn Quality", "quality_lead", "quinn's long password")
    store.grant("quinn", 1)
    quinn_person = store.person("quinn")
    assert quinn_person is not None
    first = store.cases(1)[0]
    second = open_second_reading(store, first, quinn_person)
    quinn = _bearer(store, "quinn")
    assert app_client.get(f"/api/cases/{first.id}", headers=quinn).status_code == 403
    assert app_client.get(f"/api/cases/{second.id}", headers=quinn).status_code == 200
    # The agreement is a lead's: ivan's token is refused it, lee's is not.
    assert app_client.get("/api/inspections/1/agreement", headers=ivan).status_code == 403
    assert app_client.get("/api/inspections/1/agreement", headers=lee).status_code == 200


def test_a_token_saves_without_a_csrf_token_and_gets_no_cookie(
    app_client: TestClient, store: Store
) -> None:
    headers = _bearer(store, "ivan")
    case = store.cases(1)[0]
    saved = app_client.put(
        f"/api/cases/{case.id}/answers/{quote('B 1.1')}",
        json={"value": "No", "version": case.version},
        headers=headers,
    )
    assert saved.status_code == 200, saved.text
    assert "set-cookie" not in saved.headers
    assert not app_client.cookies
    stored = store.case(case.id)
    assert stored.version == case.version + 1
    assert stored.updated_by == "ivan"
    for method, path in _routes(app_client, api=True):
        answered = app_client.request(method, path, headers=headers, content=b"{}")
        assert "set-cookie" not in answered.headers, (method, path)


@pytest.mark.parametrize("header", ["Bearer ict_not-a-token", "Bearer ", "Basic aXZhbjpwdw=="])
def test_a_bad_token_is_refused_on_every_api_route(
    app_client: TestClient, store: Store, header: str
) -> None:
    routes = _routes(app_client, api=True)
    assert ("POST", "/api/inspections/1/cases") in routes
    before = [c.version for c in store.cases(1)]
    for method, path in routes:
        refused = app_client.request(
            method, path, headers={"Authorization": header}, json={"value": "No", "version": 1}
        )
        assert refused.status_code == 401, (method, path)
        assert refused.json() == {"error": "the API token is unknown, expired or revoked"}
        assert refused.headers["www-authenticate"].startswith("Bearer")
    assert [c.version for c in store.cases(1)] == before
    assert len(store.cases(1)) == len(before)


def test_a_revoked_or_expired_token_is_refused(
    app_client: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    made, token = store.add_token("ivan", lifetime=DAY)
    headers = {"Authorization": f"Bearer {token}"}
    assert app_client.get("/api/inspections", headers=headers).status_code == 200
    later = made.expires_at + dt.timedelta(seconds=1)
    with monkeypatch.context() as patched:
        patched.setattr(tokens_module, "now", lambda: later)
        assert app_client.get("/api/inspections", headers=headers).status_code == 401
    assert app_client.get("/api/inspections", headers=headers).status_code == 200
    store.revoke_token(made.id)
    refused = app_client.get("/api/inspections", headers=headers)
    assert refused.status_code == 401
    assert "revoked" in refused.json()["error"]


def test_a_bad_token_is_refused_even_beside_a_session(app_client: TestClient, store: Store) -> None:
    # A request that names a token is judged by it alone: no falling back to the cookie.
    sign_in(app_client, "ivan")
    assert app_client.get("/api/inspections").status_code == 200
    refused = app_client.get("/api/inspections", headers={"Authorization": "Bearer nope"})
    assert refused.status_code == 401


def test_pages_never_take_a_token(app_client: TestClient, store: Store) -> None:
    headers = _bearer(store, "ann")
    routes = _routes(app_client, api=False)
    assert ("GET", "/cases/1") in routes
    assert ("POST", "/inspections/1/cases") in routes
    before = len(store.cases(1))
    for method, path in routes:
        response = app_client.request(
            method, path, headers=headers, data={"reference": "T-1", "version": "1"}
        )
        # As for anyone not signed in: to the sign-in page, or refused.
        if method == "GET":
            assert response.status_code == 303, (method, path)
            assert response.headers["location"].startswith("/signin?next=")
        else:
            assert response.status_code == 401, (method, path)
    assert len(store.cases(1)) == before
