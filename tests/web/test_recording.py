"""The recording form over the TestClient: it asks what applies, re-routes as answers change,
saves each answer as given, refuses a stale save, marks answers to review and shows the
case's problems with validate's messages."""

from __future__ import annotations

import html
import re

from starlette.testclient import TestClient

from inspectcore import Registry, Store, validate

from .conftest import sign_in

BOTH_DATABASES = True  # each test on SQLite and on PostgreSQL (see conftest.py)


def _start(client: TestClient, token: str, inspection_id: int, reference: str) -> int:
    response = client.post(
        f"/inspections/{inspection_id}/cases", data={"reference": reference, "csrf_token": token}
    )
    assert response.status_code == 303, response.text
    found = re.fullmatch(r"/cases/(\d+)", response.headers["location"])
    assert found, response.headers["location"]
    return int(found.group(1))


def _answer(
    client: TestClient,
    store: Store,
    token: str,
    case_id: int,
    step: str,
    value: str | list[str],
    *,
    option: str = "",
    note: str | None = None,
    version: int | None = None,
) -> int:
    data: dict[str, str | list[str]] = {
        "csrf_token": token,
        "version": str(store.case(case_id).version if version is None else version),
        "step": step,
        "option": option,
        "value": value,
    }
    if note is not None:
        data["note"] = note
    response = client.post(f"/cases/{case_id}/answer", data=data)
    return response.status_code


def _asked(client: TestClient, case_id: int) -> list[str]:
    """The steps the page asks, in order (their hidden ``step`` and ``option`` fields)."""
    page = client.get(f"/cases/{case_id}").text
    found = re.findall(
        r'name="step" value="([^"]*)">\s*<input type="hidden" name="option" '
        r'value="([^"]*)"',
        page,
    )
    return [html.unescape(f"{s} [{o}]" if o else s) for s, o in found]


def test_a_new_case_from_the_inspection_page(app_client: TestClient, store: Store) -> None:
    token = sign_in(app_client, "ivan")
    inspection = store.inspection_named("example-inspection")
    assert "Start the case" in app_client.get(f"/inspections/{inspection.id}").text
    case_id = _start(app_client, token, inspection.id, "NEW-1")
    stored = store.case(case_id)
    assert stored.assessment.case == "NEW-1"
    assert stored.assessment.assessor == "Ivan Inspector"
    assert stored.assigned_to == "ivan"
    # The same reference again is refused, and nothing is added.
    response = app_client.post(
        f"/inspections/{inspection.id}/cases", data={"reference": "NEW-1", "csrf_token": token}
    )
    assert response.status_code == 409
    assert [c.assessment.case for c in store.cases(inspection.id)].count("NEW-1") == 1


def test_the_form_asks_only_what_applies_and_re_routes(
    app_client: TestClient, store: Store
) -> None:
    token = sign_in(app_client, "ivan")
    case_id = _start(app_client, token, store.inspection_named("example-inspection").id, "R-1")
    asked = _asked(app_client, case_id)
    assert asked[:2] == ["programme", "country"]  # the inspection facts first
    assert "6b" not in asked
    assert "B 1.2" not in asked
    assert "C 1" not in asked  # area C: FULL programme only, and the fact is not given yet
    assert _answer(app_client, store, token, case_id, "programme", "FULL") == 303
    assert "C 1" in _asked(app_client, case_id)
    assert _answer(app_client, store, token, case_id, "6a", "Yes") == 303
    assert "6b" in _asked(app_client, case_id)
    # A judgement answered No brings its explanation, asked next.
    assert _answer(app_client, store, token, case_id, "B 1.1", "No") == 303
    asked = _asked(app_client, case_id)
    assert asked.index("B 1.2") == asked.index("B 1.1") + 1
    assert _answer(app_client, store, token, case_id, "B 1.2", ["Other"]) == 303
    # Choices of 5 bring B 1.4 once per option chosen.
    assert _answer(app_client, store, token, case_id, "5", ["Education", "Family"]) == 303
    asked = _asked(app_client, case_id)
    assert "B 1.4 [Education]" in asked
    assert "B 1.4 [Family]" in asked
    # Changing back: B 1.2 is no longer asked; its answer is listed until removed.
    assert _answer(app_client, store, token, case_id, "B 1.1", "Yes") == 303
    page = app_client.get(f"/cases/{case_id}").text
    assert "B 1.2" not in _asked(app_client, case_id)
    assert "No longer apply: B 1.2" in page
    response = app_client.post(
        f"/cases/{case_id}/tidy",
        data={"csrf_token": token, "version": str(store.case(case_id).version)},
    )
    assert response.status_code == 303
    assert store.case(case_id).assessment.answer("B 1.2") is None
    assert "No longer apply" not in app_client.get(f"/cases/{case_id}").text


def test_every_answer_is_saved_as_it_is_given(app_client: TestClient, store: Store) -> None:
    token = sign_in(app_client, "ivan")
    case_id = _start(app_client, token, store.inspection_named("example-inspection").id, "S-1")
    assert _answer(app_client, store, token, case_id, "1", "15") == 303
    assert (
        _answer(app_client, store, token, case_id, "3", "2025-10-06", note="From the file.") == 303
    )
    assert _answer(app_client, store, token, case_id, "country", "Wales") == 303
    stored = store.case(case_id)
    assert stored.version == 4
    assert stored.updated_by == "ivan"
    one, three = stored.assessment.answer("1"), stored.assessment.answer("3")
    assert one is not None
    assert one.value == 15
    assert three is not None
    assert three.value == "2025-10-06"
    assert three.note == "From the file."
    assert stored.assessment.fact("country") == "Wales"
    changed = [c.question for c in store.history(case_id) if c.version > 1]
    assert "1" in changed
    assert "3" in changed


def test_a_bad_answer_is_refused_and_said_beside_its_question(
    app_client: TestClient, store: Store
) -> None:
    token = sign_in(app_client, "ivan")
    case_id = _start(app_client, token, store.inspection_named("example-inspection").id, "B-1")
    response = app_client.post(
        f"/cases/{case_id}/answer",
        data={"csrf_token": token, "version": "1", "step": "1", "value": "nine"},
    )
    assert response.status_code == 400
    assert "Not saved:" in response.text
    assert store.case(case_id).version == 1


def test_a_stale_save_shows_the_current_answer_and_asks_again(
    app_client: TestClient, store: Store
) -> None:
    token = sign_in(app_client, "ivan")
    case_id = _start(app_client, token, store.inspection_named("example-inspection").id, "T-1")
    shown_at = store.case(case_id).version
    assert _answer(app_client, store, token, case_id, "B 1.1", "Yes") == 303  # another tab, say
    data = {"csrf_token": token, "version": str(shown_at), "step": "B 1.1", "value": "No"}
    response = app_client.post(f"/cases/{case_id}/answer", data=data)
    assert response.status_code == 409
    assert "Not saved." in response.text
    assert "your answer to B 1.1 (No) was not saved" in response.text
    assert "The answer stored now is: Yes" in response.text
    answer = store.case(case_id).assessment.answer("B 1.1")
    assert answer is not None
    assert answer.value == "Yes"


def test_answers_to_review_are_marked_until_confirmed(app_client: TestClient, store: Store) -> None:
    token = sign_in(app_client, "ivan")
    case_id = _start(app_client, token, store.inspection_named("example-inspection").id, "V-1")
    for step, value in (("2", "Detention and training order"), ("4", "12"), ("B 1.3", "Yes")):
        assert _answer(app_client, store, token, case_id, step, value) == 303
    marked = 'class="step review'
    assert marked not in app_client.get(f"/cases/{case_id}").text
    # B 1.3 is routed on 2 and 4: a change to 4 after B 1.3 was answered marks it.
    assert _answer(app_client, store, token, case_id, "4", "999") == 303
    page = app_client.get(f"/cases/{case_id}").text
    assert page.count(marked) == 1
    assert re.search(r'id="q-B-1-3" class="step review', page)
    assert "answered before 4 changed" in page
    assert _answer(app_client, store, token, case_id, "B 1.3", "Yes") == 303  # confirmed
    assert marked not in app_client.get(f"/cases/{case_id}").text


def test_the_case_s_problems_are_validate_s(
    app_client: TestClient, store: Store, registry: Registry
) -> None:
    token = sign_in(app_client, "ivan")
    case_id = _start(app_client, token, store.inspection_named("example-inspection").id, "P-1")
    assert _answer(app_client, store, token, case_id, "B 1.1", "No") == 303
    stored = store.case(case_id)
    problems = validate(registry.edition_for_case(stored.assessment), stored.assessment)
    assert problems
    page = html.unescape(app_client.get(f"/cases/{case_id}").text)
    for problem in problems:
        assert f"{problem.question or problem.location}</code>: {problem.message}" in page
    assert f"Problems ({len(problems)}," in page


def test_a_welsh_case_is_asked_the_welsh_questions(app_client: TestClient, store: Store) -> None:
    welsh = store.add_inspection("welsh-inspection", "carag2024", ["wales"])
    store.grant("ivan", welsh.id)
    token = sign_in(app_client, "ivan")
    case_id = _start(app_client, token, welsh.id, "W-1")
    asked = _asked(app_client, case_id)
    assert "3b" in asked
    assert "9a" not in asked
    assert _answer(app_client, store, token, case_id, "3b", "Wales") == 303
    asked = _asked(app_client, case_id)
    assert "9a" in asked
    assert "9b" not in asked
    assert _answer(app_client, store, token, case_id, "9a", "Welsh") == 303
    assert "9b" in _asked(app_client, case_id)
    assert [e.id for e in store.case(case_id).assessment.extensions] == ["wales"]
