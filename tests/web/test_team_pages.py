"""The lead's dashboard, the report download, and a blind second reading through the pages."""

from __future__ import annotations

import re
from urllib.parse import quote

from markupsafe import escape
from starlette.testclient import TestClient

from inspectcore import Answer, PerOption, Registry, Store, percent_text
from inspectcore._web.progress import progress

from .conftest import csrf_of, sign_in

QUINN = "quinn's long password"


def sign_in_quinn(client: TestClient, store: Store) -> str:
    store.add_person("quinn", "Quinn Quality", "quality_lead", QUINN)
    store.grant("quinn", store.inspection_named("example-inspection").id)
    page = client.get("/signin")
    form = {"username": "quinn", "password": QUINN, "csrf_token": csrf_of(page.text)}
    assert client.post("/signin", data=form).status_code == 303
    return csrf_of(client.get("/").text)


def test_the_dashboard_shows_progress_and_the_library_s_figures(
    app_client: TestClient, store: Store, registry: Registry
) -> None:
    sign_in(app_client, "lee")
    inspection = store.inspection_named("example-inspection")
    page = app_client.get(f"/inspections/{inspection.id}/dashboard")
    assert page.status_code == 200
    edition = registry.load_edition("example")
    found = progress(edition, store.cases(inspection.id))
    for figure in found.score.key_questions:
        # Named as the report names it: its id, then its title.
        section = edition.section(figure.id)
        assert section is not None
        assert section.title is not None
        named = escape(f"{figure.id} {section.title.en}".strip())
        row = re.search(
            rf"<tr class=\"key-question\"><td>{re.escape(named)}</td>(.*?)</tr>",
            page.text,
            re.S,
        )
        assert row is not None
        cells = re.findall(r'<td class="num">([^<]*)</td>', row.group(1))
        assert cells == [
            str(figure.applicable),
            str(figure.sufficient),
            percent_text(figure.percent),
        ]
    for line in found.inspectors:
        assert f"<td>{line.inspector or '(not assigned)'}</td>" in page.text or line.inspector
    report = app_client.get(f"/inspections/{inspection.id}/report.html")
    assert report.status_code == 200
    assert report.headers["content-disposition"].startswith("attachment;")
    assert "inspection figures" in report.text


def test_an_inspector_has_no_dashboard(app_client: TestClient, store: Store) -> None:
    sign_in(app_client, "ivan")
    inspection = store.inspection_named("example-inspection")
    assert app_client.get(f"/inspections/{inspection.id}/dashboard").status_code == 403
    assert app_client.get(f"/inspections/{inspection.id}/report.html").status_code == 403
    assert app_client.get(f"/inspections/{inspection.id}/agreement").status_code == 403


def test_a_blind_second_reading_compared_and_agreed(app_client: TestClient, store: Store) -> None:
    token = sign_in_quinn(app_client, store)
    inspection = store.inspection_named("example-inspection")
    first = next(c for c in store.cases(inspection.id) if c.reference == "EX-02")
    listing = app_client.get(f"/inspections/{inspection.id}/second-reading")
    assert "Read EX-02 again" in listing.text
    opened = app_client.post(f"/cases/{first.id}/second-reading", data={"csrf_token": token})
    assert opened.status_code == 303
    second_url = opened.headers["location"]
    form = app_client.get(second_url)
    assert form.status_code == 200
    # Blind: none of the first reading's answers is in the page or its source: the only
    # options checked are the inspection facts (programme, country; shared by every case),
    # and neither its free text nor its notes appear.
    assert form.text.count(" checked") == len(first.assessment.context) == 2
    narrative = first.assessment.answer("B 9")
    assert narrative is not None
    assert str(narrative.value) not in form.text
    assert narrative.note not in form.text
    assert app_client.get(f"/cases/{first.id}").status_code == 403
    first_c1 = first.assessment.answer("C 1").value  # type: ignore[union-attr]
    # The second reading, given through the API: all as the first, but C 1 otherwise.
    second_id = int(second_url.rstrip("/").split("/")[-1])
    app_client.headers["X-CSRF-Token"] = token
    version = 1
    for answer in first.assessment.answers:
        value = answer.value
        if answer.question == "C 1":
            value = "Yes" if value == "No" else "No"
        given: object = value
        if isinstance(value, tuple):
            given = list(value)
        elif isinstance(value, PerOption):
            given = dict(value.items)
        body = {"value": given, "version": version}
        saved = app_client.put(
            f"/api/cases/{second_id}/answers/{quote(answer.question)}", json=body
        )
        assert saved.status_code == 200, saved.text
        version = saved.json()["version"]
    agreement = app_client.get(f"/inspections/{inspection.id}/agreement")
    assert agreement.status_code == 200
    assert "Disagreements (1)" in agreement.text
    assert "EX-02" in agreement.text
    agreed = app_client.post(
        f"/inspections/{inspection.id}/agreement",
        data={
            "csrf_token": token,
            "reference": "EX-02",
            "question": "C 1",
            "option": "",
            "choice": "second",
        },
    )
    assert agreed.status_code == 303
    [kept] = store.cases(inspection.id, reading="agreed")
    assert kept.assessment.answer("C 1") is not None
    assert kept.assessment.answer("C 1") == Answer("C 1", "Yes" if first_c1 == "No" else "No")
    assert store.case(first.id).assessment == first.assessment
    assert 'class="agreed"' in app_client.get(f"/inspections/{inspection.id}/agreement").text
