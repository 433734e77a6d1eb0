"""The web recorder's fixtures: a SQLite store holding the example inspection, its people,
and a Starlette TestClient signed in as one of them."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from inspectcore import Registry, Store, create_app

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


@pytest.fixture(scope="session")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the example inspection, an admin (ann), a lead (lee) and two inspectors:
    ivan, who is given the example inspection, and olga, who is given an inspection of her own.

    Built once (hashing four passwords and importing takes seconds); each test gets a copy.
    """
    path = tmp_path_factory.mktemp("web") / "template.db"
    with Store.open(f"sqlite:///{path}") as opened:
        opened.add_person("ann", "Ann Admin", "admin", PASSWORDS["ann"])
        opened.add_person("ivan", "Ivan Inspector", "inspector", PASSWORDS["ivan"])
        opened.add_person("olga", "Olga Other", "inspector", PASSWORDS["olga"])
        opened.add_person("lee", "Lee Lead", "lead", PASSWORDS["lee"])
        example = opened.import_folder(EXAMPLE, name="example-inspection", by="ann")
        other = opened.add_inspection("olga-inspection", "example")
        opened.grant("ivan", example.id)
        opened.grant("olga", other.id)
        opened.grant("lee", example.id)
    return path


@pytest.fixture
def store(store_file: Path, tmp_path: Path) -> Iterator[Store]:
    """A fresh copy of :func:`store_file`'s store, open."""
    copy = tmp_path / "web.db"
    shutil.copyfile(store_file, copy)
    with Store.open(f"sqlite:///{copy}") as opened:
        yield opened


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
