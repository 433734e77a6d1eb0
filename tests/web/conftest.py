"""The web recorder's fixtures: a store holding the example inspection and its people (SQLite,
and PostgreSQL too for modules that ask), a Starlette TestClient, and a real server and browser."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa
from starlette.testclient import TestClient

from inspectcore import Registry, Store, create_app

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "inspection" / "example"

PASSWORDS = {
    "ann": "ann's long password",
    "ivan": "ivan's long password",
    "olga": "olga's long password",
    "lee": "lee's long password",
}


@pytest.fixture(scope="session")
def registry() -> Registry:
    """Every installed plugin, discovered once for the session."""
    return Registry.discover()


POSTGRESQL = "INSPECTCORE_TEST_POSTGRESQL"
"""A PostgreSQL server's URL (``.ci/run`` sets it): modules that set ``BOTH_DATABASES = True``
run each test on a SQLite store and on a PostgreSQL one."""


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "store" in metafunc.fixturenames and getattr(metafunc.module, "BOTH_DATABASES", False):
        metafunc.parametrize("store", ["sqlite", "postgresql"], indirect=True)


def _fill(opened: Store) -> None:
    """The example inspection, an admin (ann), a lead (lee) and two inspectors: ivan, who is
    given the example inspection, and olga, who is given an inspection of her own."""
    opened.add_person("ann", "Ann Admin", "admin", PASSWORDS["ann"])
    opened.add_person("ivan", "Ivan Inspector", "inspector", PASSWORDS["ivan"])
    opened.add_person("olga", "Olga Other", "inspector", PASSWORDS["olga"])
    opened.add_person("lee", "Lee Lead", "lead", PASSWORDS["lee"])
    example = opened.import_folder(EXAMPLE, name="example-inspection", by="ann")
    other = opened.add_inspection("olga-inspection", "example")
    opened.grant("ivan", example.id)
    opened.grant("olga", other.id)
    opened.grant("lee", example.id)


@pytest.fixture(scope="session")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store filled by :func:`_fill`, built once (hashing four passwords and
    importing takes seconds): each test gets a copy."""
    path = tmp_path_factory.mktemp("web") / "template.db"
    with Store.open(f"sqlite:///{path}") as opened:
        _fill(opened)
    return path


@pytest.fixture(scope="session")
def postgresql_template() -> Iterator[tuple[sa.Engine, sa.URL, str]]:
    """A PostgreSQL database filled by :func:`_fill`, to copy (``CREATE DATABASE … TEMPLATE``):
    the server's engine, its URL and the database's name. Under CI, no server is a failure."""
    url = os.environ.get(POSTGRESQL, "")
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {POSTGRESQL} is not: .ci/run starts the server")
        pytest.skip(f"set {POSTGRESQL} to a PostgreSQL server's URL to run this")
    server = sa.make_url(url).set(drivername="postgresql+psycopg")
    name = f"inspectcore_web_{secrets.token_hex(6)}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        with Store.open(server.set(database=name).render_as_string(hide_password=False)) as made:
            _fill(made)
        yield admin, server, name
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


@pytest.fixture
def store(request: pytest.FixtureRequest, store_file: Path, tmp_path: Path) -> Iterator[Store]:
    """A fresh copy of the filled store (see :func:`_fill`), open: SQLite unless the test is
    parametrised with ``postgresql``."""
    if getattr(request, "param", "sqlite") == "sqlite":
        copy = tmp_path / "web.db"
        shutil.copyfile(store_file, copy)
        with Store.open(f"sqlite:///{copy}") as opened:
            yield opened
        return
    admin, server, template = request.getfixturevalue("postgresql_template")
    name = f"{template}_{secrets.token_hex(4)}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        with Store.open(server.set(database=name).render_as_string(hide_password=False)) as opened:
            yield opened
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def app_client(store: Store, registry: Registry) -> Iterator[TestClient]:
    """A client of the app over ``store``, not signed in (redirects are not followed)."""
    with TestClient(create_app(store, registry=registry), follow_redirects=False) as client:
        yield client


def csrf_of(html: str) -> str:
    """The CSRF token of the first form in a page."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def sign_in(client: TestClient, username: str) -> str:
    """Sign ``username`` in; the session's CSRF token (from the page signed in to)."""
    page = client.get("/signin")
    response = client.post(
        "/signin",
        data={
            "username": username,
            "password": PASSWORDS[username],
            "csrf_token": csrf_of(page.text),
        },
    )
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/").text)


# --- a real server and a real browser (Debian's chromium, driven by playwright) ----------

CHROMIUM = Path("/usr/bin/chromium")
# No sandbox (containers run as root), and none of chromium's own calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def live_server(store: Store, registry: Registry) -> Iterator[str]:
    """The app over ``store`` served by uvicorn on a free loopback port; its base URL."""
    import uvicorn

    config = uvicorn.Config(
        create_app(store, registry=registry), host="127.0.0.1", port=0, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive(), "uvicorn stopped before it started"
        assert time.monotonic() < deadline, "uvicorn did not start within 30 s"
        time.sleep(0.05)
    (bound,) = [s.getsockname() for srv in server.servers for s in srv.sockets]
    try:
        yield f"http://127.0.0.1:{bound[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture
def browser_page(live_server: str) -> Iterator[Page]:
    """A chromium page (1280x900) with the console's errors and every request's URL recorded
    on ``page.console_errors`` and ``page.requested`` (for the tests to check)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(
                f"{CHROMIUM} is missing: `./dev test` installs it (apt-get install chromium)"
            )
        pytest.skip(f"{CHROMIUM} is missing: run `./dev test`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            requested: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("request", lambda r: requested.append(r.url))
            page.console_errors = errors  # type: ignore[attr-defined]
            page.requested = requested  # type: ignore[attr-defined]
            yield page
        finally:
            browser.close()


def browser_sign_in(page: Page, base: str, username: str) -> None:
    """Sign in through the sign-in form, as a person does."""
    page.goto(f"{base}/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORDS[username])
    page.click("button[type=submit]")
    page.wait_for_selector("header.site .who")
