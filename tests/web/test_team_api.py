"""The JSON API: signed in as for the pages, saves with optimistic versions (a stale save is
409 with the current case), the library's applicability, problems and figures, blind second
reading, and its OpenAPI document."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from openapi_spec_validator import OpenAPIV31SpecValidator
from starlette.routing import Route
from starlette.testclient import TestClient

from inspectcore import Registry, Store, validate
from inspectcore._web.progress import figures_data, progress
from inspectcore._web.second_reading import open_second_reading

from .conftest import csrf_of, sign_in


def api(client: TestClient, token: str) -> TestClient:
    client.headers["X-CSRF-Token"] = token
    return client


def example_cases(client: TestClient) -> list[dict[str, Any]]:
    [inspection] = list(client.get("/api/inspections").json()["inspections"])
    listed: list[dict[str, Any]] = client.get(f"/api/inspections/{inspection['id']}/cases").json()[
        "cases"
    ]
    return listed


def test_the_openapi_document_is_valid_and_names_every_api_route(app_client: TestClient) -> None:
    sign_in(app_client, "ivan")
    response = app_client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    OpenAPIV31SpecValidator(document).validate()
    routes = app_client.app.routes  # type: ignore[attr-defined]
    served = {
        (route.path.replace(":int", ""), method.lower())
        for route in routes
        if isinstance(route, Route) and route.path.startswith("/api/")
        for method in route.methods or ()
        if method != "HEAD"
    }
    documented = {
        (path, method)
        for path, item in document["paths"].items()
        for method in item
        if method in ("get", "put", "post", "delete", "patch")
    }
    assert served == documented
    # Both ways of signing a request are documented: a system's API token, a person's session.
    schemes = document["components"]["securitySchemes"]
    assert schemes["token"] == {**schemes["token"], "type": "http", "scheme": "bearer"}
    assert schemes["session"]["in"] == "cookie"
    assert document["security"] == [{"token": []}, {"session": []}]
    created = document["paths"]["/api/inspections/{inspection_id}/cases"]["post"]
    assert {"201", "409"} <= set(created["responses"])


def test_an_inspector_sees_only_what_they_are_given(app_client: TestClient) -> None:
    sign_in(app_client, "olga")
    names = [i["name"] for i in app_client.get("/api/inspections").json()["inspections"]]
    assert names == ["olga-inspection"]
    refused = app_client.get("/api/cases/1")
    assert refused.status_code == 403
    assert "access" in refused.json()["error"]
    assert app_client.get("/api/cases/999").status_code == 404


def test_a_save_makes_a_version_and_a_stale_one_is_refused_with_the_current_case(
    app_client: TestClient, store: Store, registry: Registry
) -> None:
    client = api(app_client, sign_in(app_client, "ivan"))
    summary = example_cases(client)[0]
    case = client.get(f"/api/cases/{summary['id']}").json()
    stored = store.case(summary["id"])
    edition = registry.load_edition("example")
    # What the API says of a case is the library's routing and validation of it.
    assert [p["message"] for p in case["problems"]] == [
        p.message for p in validate(edition, stored.assessment)
    ]
    assert {a["question"]: a["applies"] for a in case["applicability"]}["B 1.2"] is False
    url = f"/api/cases/{summary['id']}/answers/{quote('B 1.1')}"
    saved = client.put(url, json={"value": "No", "version": case["version"]})
    assert saved.status_code == 200, saved.text
    assert saved.json()["version"] == case["version"] + 1
    assert saved.json()["answers"]["B 1.1"]["value"] == "No"
    # "No" brings its explanation: B 1.2 applies now, and is left to answer.
    assert {a["question"]: a["applies"] for a in saved.json()["applicability"]}["B 1.2"]
    assert "B 1.2" in saved.json()["left_to_ask"]
    stale = client.put(url, json={"value": "Yes", "version": case["version"]})
    assert stale.status_code == 409
    assert stale.json()["current"]["version"] == case["version"] + 1
    assert stale.json()["current"]["answers"]["B 1.1"]["value"] == "No"
    assert store.case(summary["id"]).assessment.answer("B 1.1").value == "No"  # type: ignore[union-attr]
    removed = client.delete(url, params={"version": case["version"] + 1})
    assert removed.status_code == 200
    assert "B 1.1" not in removed.json()["answers"]


@pytest.mark.parametrize(
    ("question", "body", "status"),
    [
        ("B 1.1", {"value": "Maybe", "version": 1}, 422),
        ("B 1.1", {"value": "Yes"}, 422),
        ("B 1.1", {"value": None, "version": 1}, 422),
        ("Z 9", {"value": "Yes", "version": 1}, 404),
    ],
)
def test_a_bad_save_is_refused_saying_why(
    app_client: TestClient, question: str, body: dict[str, Any], status: int
) -> None:
    client = api(app_client, sign_in(app_client, "ivan"))
    case_id = example_cases(client)[0]["id"]
    refused = client.put(f"/api/cases/{case_id}/answers/{quote(question)}", json=body)
    assert refused.status_code == status
    assert refused.json()["error"]


def test_an_unsafe_request_without_the_csrf_header_is_refused(
    app_client: TestClient, store: Store
) -> None:
    sign_in(app_client, "ivan")
    case_id = store.cases(1)[0].id
    refused = app_client.put(
        f"/api/cases/{case_id}/answers/C%201", json={"value": "No", "version": 1}
    )
    assert refused.status_code == 403
    assert store.case(case_id).version == 1


def test_figures_are_the_library_s_score_of_the_complete_cases(
    app_client: TestClient, store: Store, registry: Registry
) -> None:
    client = api(app_client, sign_in(app_client, "lee"))
    inspection = store.inspection_named("example-inspection")
    data = client.get(f"/api/inspections/{inspection.id}/figures").json()
    edition = registry.load_edition("example")
    expected = figures_data(registry, edition, progress(edition, store.cases(inspection.id)))
    assert data == expected
    assert data["score"]["cases"] >= 1


def test_a_second_reader_cannot_read_the_first_reading(
    app_client: TestClient, store: Store
) -> None:
    store.add_person("quinn", "Quinn Quality", "quality_lead", "quinn's long password")
    inspection = store.inspection_named("example-inspection")
    store.grant("quinn", inspection.id)
    first = store.cases(inspection.id)[0]
    quinn = store.person("quinn")
    assert quinn is not None
    second = open_second_reading(store, first, quinn)
    client = app_client
    page = client.get("/signin")
    form = {
        "username": "quinn",
        "password": "quinn's long password",
        "csrf_token": csrf_of(page.text),
    }
    assert client.post("/signin", data=form).status_code == 303
    hidden = client.get(f"/api/cases/{first.id}")
    assert hidden.status_code == 403
    listed = client.get(f"/api/inspections/{inspection.id}/cases", params={"reading": "all"})
    ids = {c["id"] for c in listed.json()["cases"]}
    assert first.id not in ids
    assert second.id in ids
    own = client.get(f"/api/cases/{second.id}").json()
    assert own["answers"] == {}
    # The first reading's answers appear nowhere in what the second reader is given.
    answered = {str(a.value) for a in first.assessment.answers if len(str(a.value)) > 8}
    assert not any(text in listed.text + str(own) for text in answered)
