"""Security: every route but the public ones refuses an anonymous request, every unsafe
method refuses a missing or wrong CSRF token, an inspector sees only the inspections they
are given, all text is escaped, and every response carries the security headers."""

from __future__ import annotations

import re

import pytest
from starlette.routing import Mount, Route
from starlette.testclient import TestClient

from inspectcore import Answer, Registry, Store, create_app
from inspectcore._web.app import PUBLIC_PATHS

from .conftest import PASSWORDS, csrf_of, sign_in

BOTH_DATABASES = True  # each test on SQLite and on PostgreSQL (see conftest.py)

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _guarded_routes(client: TestClient) -> list[tuple[str, str]]:
    """(method, path with every parameter 1) of each route that needs a session."""
    found = []
    for route in client.app.routes:  # type: ignore[attr-defined]
        if isinstance(route, Mount):
            assert route.path in PUBLIC_PATHS, f"{route.path}: a mount is not checked for sign-in"
            continue
        assert isinstance(route, Route), route
        if route.path in PUBLIC_PATHS:
            continue
        path = re.sub(r"\{[^}]+\}", "1", route.path)
        found += [(method, path) for method in sorted(route.methods or ()) if method != "HEAD"]
    return found


def test_healthz_answers_without_sign_in(app_client: TestClient) -> None:
    response = app_client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_every_other_route_refuses_an_anonymous_request(app_client: TestClient) -> None:
    routes = _guarded_routes(app_client)
    assert ("GET", "/cases/1") in routes
    assert ("POST", "/cases/1/answer") in routes
    for method, path in routes:
        response = app_client.request(method, path, data={"csrf_token": "x", "version": "1"})
        if method == "GET":
            assert response.status_code == 303, (method, path)
            assert response.headers["location"].startswith("/signin?next=")
        else:
            assert response.status_code == 401, (method, path)
        assert "EX-0" not in response.text


def test_an_anonymous_visitor_is_sent_back_where_they_were_going(app_client: TestClient) -> None:
    response = app_client.get("/cases/2")
    assert response.headers["location"] == "/signin?next=%2Fcases%2F2"
    page = app_client.get(response.headers["location"])
    signed = app_client.post(
        "/signin",
        data={
            "username": "ivan",
            "password": PASSWORDS["ivan"],
            "next": "/cases/2",
            "csrf_token": csrf_of(page.text),
        },
    )
    assert signed.headers["location"] == "/cases/2"


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil"])
def test_sign_in_never_sends_anyone_off_the_site(app_client: TestClient, target: str) -> None:
    page = app_client.get("/signin")
    signed = app_client.post(
        "/signin",
        data={
            "username": "ivan",
            "password": PASSWORDS["ivan"],
            "next": target,
            "csrf_token": csrf_of(page.text),
        },
    )
    assert signed.headers["location"] == "/"


def test_every_unsafe_route_refuses_a_missing_or_wrong_csrf_token(
    app_client: TestClient, store: Store
) -> None:
    token = sign_in(app_client, "ann")
    unsafe = [(m, p) for m, p in _guarded_routes(app_client) if m != "GET"]
    assert unsafe
    before = [c.version for c in store.cases(1)]
    for method, path in unsafe:
        for data in ({"version": "1"}, {"version": "1", "csrf_token": token[::-1]}):
            response = app_client.request(method, path, data=data)
            assert response.status_code == 403, (method, path, data)
        response = app_client.request(
            method, path, headers={"x-csrf-token": "wrong"}, content=b"{}"
        )
        assert response.status_code == 403, (method, path)
    assert [c.version for c in store.cases(1)] == before
    # Still signed in: the refusals ended nothing.
    assert app_client.get("/").status_code == 200


def test_the_sign_in_form_needs_its_own_token(app_client: TestClient) -> None:
    response = app_client.post("/signin", data={"username": "ivan", "password": PASSWORDS["ivan"]})
    assert response.status_code == 403
    assert "inspectcore_session" not in response.cookies


def test_a_wrong_password_and_an_unknown_name_get_the_same_answer(app_client: TestClient) -> None:
    texts = []
    for username, password in (("ivan", "not it"), ("nobody", "not it")):
        page = app_client.get("/signin")
        response = app_client.post(
            "/signin",
            data={"username": username, "password": password, "csrf_token": csrf_of(page.text)},
        )
        assert response.status_code == 400
        texts.append(re.sub(r'value="[^"]*"', "", response.text))
    assert texts[0] == texts[1]
    assert "do not match" in texts[0]


def test_the_session_cookie_is_http_only_lax_and_bounded(store: Store, registry: Registry) -> None:
    with TestClient(
        create_app(store, registry=registry), base_url="https://testserver", follow_redirects=False
    ) as client:
        page = client.get("/signin")
        response = client.post(
            "/signin",
            data={
                "username": "ivan",
                "password": PASSWORDS["ivan"],
                "csrf_token": csrf_of(page.text),
            },
        )
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("inspectcore_session=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Secure" in cookie
    assert "Max-Age=28800" in cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    assert store.session(token) is not None


def test_over_plain_http_the_cookie_is_not_marked_secure(app_client: TestClient) -> None:
    page = app_client.get("/signin")
    response = app_client.post(
        "/signin",
        data={"username": "ivan", "password": PASSWORDS["ivan"], "csrf_token": csrf_of(page.text)},
    )
    assert "Secure" not in response.headers["set-cookie"]


def test_sign_out_ends_the_session_in_the_store(app_client: TestClient, store: Store) -> None:
    token = sign_in(app_client, "ivan")
    session = app_client.cookies["inspectcore_session"]
    assert store.session(session) is not None
    response = app_client.post("/signout", data={"csrf_token": token})
    assert response.status_code == 303
    assert store.session(session) is None
    app_client.cookies.set("inspectcore_session", session)  # a copy kept by an attacker
    assert app_client.get("/").status_code == 303


def test_an_inspector_sees_only_the_inspections_given(app_client: TestClient, store: Store) -> None:
    theirs = store.inspection_named("example-inspection")
    case = store.cases(theirs.id)[0]
    token = sign_in(app_client, "olga")
    home = app_client.get("/")
    assert "olga-inspection" in home.text
    assert "example-inspection" not in home.text
    for path in (f"/inspections/{theirs.id}", f"/cases/{case.id}"):
        response = app_client.get(path)
        assert response.status_code == 403, path
        assert case.assessment.case not in response.text
    for path, data in (
        (f"/cases/{case.id}/answer", {"version": str(case.version), "step": "C 1", "value": "No"}),
        (f"/cases/{case.id}/tidy", {"version": str(case.version)}),
        (f"/inspections/{theirs.id}/cases", {"reference": "OLGA-1"}),
    ):
        response = app_client.post(path, data={**data, "csrf_token": token})
        assert response.status_code == 403, path
    assert store.case(case.id).version == case.version
    assert [c.assessment.case for c in store.cases(theirs.id)] == ["EX-01", "EX-02", "EX-03"]


def test_access_once_given_opens_the_inspection(app_client: TestClient, store: Store) -> None:
    theirs = store.inspection_named("example-inspection")
    sign_in(app_client, "olga")
    assert app_client.get(f"/inspections/{theirs.id}").status_code == 403
    store.grant("olga", theirs.id)
    assert app_client.get(f"/inspections/{theirs.id}").status_code == 200


def test_an_admin_sees_every_inspection(app_client: TestClient) -> None:
    sign_in(app_client, "ann")
    home = app_client.get("/")
    assert "olga-inspection" in home.text
    assert "example-inspection" in home.text


def test_a_missing_case_is_not_found(app_client: TestClient) -> None:
    sign_in(app_client, "ann")
    assert app_client.get("/cases/999").status_code == 404


def test_text_from_the_store_is_escaped(app_client: TestClient, store: Store) -> None:
    inspection = store.add_inspection(HOSTILE, "example")
    store.grant("ivan", inspection.id)
    example = store.inspection_named("example-inspection")
    case = store.cases(example.id)[1]
    b9 = case.assessment.answer("B 9")
    assert b9 is not None
    hostile_case = case.assessment.with_answer(
        Answer(question="B 9", value=HOSTILE, note=HOSTILE, answered_at=b9.answered_at)
    )
    store.save(case.id, hostile_case, by="ann", expected_version=case.version)
    sign_in(app_client, "ivan")
    pages = [
        app_client.get("/").text,
        app_client.get(f"/inspections/{inspection.id}").text,
        app_client.get(f"/cases/{case.id}").text,
    ]
    for html in pages:
        assert "<script>alert" not in html
        assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in pages[0]
    # In the answer (its text box and the answer shown) and in its note.
    assert pages[2].count("&lt;img src=x onerror=alert(1)&gt;") == 3


def test_every_response_carries_the_security_headers(app_client: TestClient) -> None:
    sign_in(app_client, "ivan")
    for path in ("/healthz", "/signin", "/", "/static/style.css", "/cases/1", "/nowhere"):
        headers = app_client.get(path).headers
        policy = headers["content-security-policy"]
        assert "default-src 'self'" in policy, path
        assert "frame-ancestors 'none'" in policy, path
        assert headers["x-content-type-options"] == "nosniff", path


def test_every_asset_a_page_uses_is_the_apps_own(app_client: TestClient) -> None:
    sign_in(app_client, "ivan")
    for path in ("/signin", "/", "/inspections/1", "/cases/2"):
        html = app_client.get(path).text
        for url in re.findall(r'(?:src|href)="([^"]*)"', html):
            assert url.startswith(("/", "#")), (path, url)
            if url.startswith("/static/"):
                assert app_client.get(url).status_code == 200, url


def test_a_page_limited_to_roles_refuses_the_others(store: Store, registry: Registry) -> None:
    """The roles of a :class:`Page` are checked by the app, as sign-in and CSRF are."""
    from starlette.responses import PlainTextResponse

    from inspectcore._web.app import _guarded
    from inspectcore._web.visit import Page

    app = create_app(store, registry=registry)
    leads = Page(
        "/leads-only",
        lambda visit: PlainTextResponse(f"for {visit.username}"),
        roles=frozenset({"lead", "admin"}),
    )
    app.router.routes.append(Route(leads.path, _guarded(leads), methods=["GET"]))
    with TestClient(app, follow_redirects=False) as client:
        sign_in(client, "ivan")
        refused = client.get("/leads-only")
        assert refused.status_code == 403
        assert "for ivan" not in refused.text
        client.cookies.clear()
        sign_in(client, "lee")
        assert client.get("/leads-only").text == "for lee"


def test_a_case_whose_extension_is_not_installed_is_a_clear_page(
    app_client: TestClient, store: Store
) -> None:
    inspection = store.add_inspection("elsewhere", "example", ["no-such-extension"])
    store.grant("ivan", inspection.id)
    sign_in(app_client, "ivan")
    response = app_client.get(f"/inspections/{inspection.id}")
    assert response.status_code == 500
    assert "This cannot be shown here" in response.text
    assert "no-such-extension" in response.text
