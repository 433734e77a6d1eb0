"""`POST /api/inspections/{id}/cases`: a new case, made by the same rule as the inspection
page's (the inspection's facts, the person as assessor); 409 for a reference used."""

from __future__ import annotations

import datetime as dt

from starlette.testclient import TestClient

from inspectcore import InspectionFile, Store

from .conftest import sign_in

BOTH_DATABASES = True  # each test on SQLite and on PostgreSQL (see conftest.py)


def _with_facts(store: Store) -> int:
    """An inspection of the example edition whose inspection file gives a fact (and one
    the edition does not know, which a case does not take)."""
    settings = InspectionFile(
        service="Example YJS",
        edition="example",
        context=(("programme", "FULL"), ("not-a-fact", "x")),
    )
    inspection = store.add_inspection("with-facts", "example", settings=settings)
    store.grant("ivan", inspection.id)
    return inspection.id


def test_the_api_starts_a_case_as_the_page_does(app_client: TestClient, store: Store) -> None:
    inspection_id = _with_facts(store)
    token = sign_in(app_client, "ivan")
    page = app_client.post(
        f"/inspections/{inspection_id}/cases", data={"reference": "P-1", "csrf_token": token}
    )
    assert page.status_code == 303
    made = app_client.post(
        f"/api/inspections/{inspection_id}/cases",
        json={"reference": "  A-1 "},
        headers={"X-CSRF-Token": token},
    )
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["reference"] == "A-1"
    assert body["version"] == 1
    by_page, by_api = (store.cases(inspection_id)[i] for i in (1, 0))
    assert (by_page.reference, by_api.reference) == ("P-1", "A-1")
    assert by_api.id == body["id"]
    assert by_api.assessment.context == by_page.assessment.context == (("programme", "FULL"),)
    assert by_api.assessment.assessor == by_page.assessment.assessor == "Ivan Inspector"
    assert by_api.assigned_to == by_page.assigned_to == "ivan"
    assert by_api.reading == "first"


def test_a_token_starts_a_case_without_a_csrf_token(app_client: TestClient, store: Store) -> None:
    _, token = store.add_token("ivan", lifetime=dt.timedelta(days=1))
    made = app_client.post(
        "/api/inspections/1/cases",
        json={"reference": "T-1"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert made.status_code == 201, made.text
    stored = store.case(made.json()["id"])
    assert (stored.reference, stored.updated_by) == ("T-1", "ivan")


def test_a_reference_used_already_is_409_and_adds_nothing(
    app_client: TestClient, store: Store
) -> None:
    headers = {"X-CSRF-Token": sign_in(app_client, "ivan")}
    taken = store.cases(1)[0].reference
    before = len(store.cases(1))
    refused = app_client.post(
        "/api/inspections/1/cases", json={"reference": taken}, headers=headers
    )
    assert refused.status_code == 409
    assert refused.json() == {"error": f"This inspection already has a case {taken!r}."}
    assert len(store.cases(1)) == before


def test_a_bad_body_or_no_access_is_refused_as_json(app_client: TestClient, store: Store) -> None:
    headers = {"X-CSRF-Token": sign_in(app_client, "ivan")}
    before = len(store.cases(1))
    for content, status in (
        (b'{"reference": ""}', 400),
        (b'{"reference": 7}', 400),
        (b'["R-1"]', 400),
        (b"not json", 400),
        (b"", 400),
    ):
        refused = app_client.post("/api/inspections/1/cases", content=content, headers=headers)
        assert refused.status_code == status, content
        assert refused.json()["error"], content
    assert len(store.cases(1)) == before
    other = store.inspection_named("olga-inspection").id
    refused = app_client.post(
        f"/api/inspections/{other}/cases", json={"reference": "X-1"}, headers=headers
    )
    assert refused.status_code == 403
    assert "access" in refused.json()["error"]
    assert (
        app_client.post(
            "/api/inspections/999/cases", json={"reference": "X-1"}, headers=headers
        ).status_code
        == 404
    )
    assert store.cases(other) == ()
