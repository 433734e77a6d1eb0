"""The JSON API under ``/api/``: inspections, cases, answers (saved with optimistic
versions), applicability, validation problems, figures and agreement.

Signed in as for the pages (the session cookie of ``/signin``), whose every unsafe
request sends the session's CSRF token in the ``X-CSRF-Token`` header (``GET
/api/session`` gives it); or, for a system, with an API token (``Authorization: Bearer
TOKEN``, made by ``inspectcore store add-token``), which needs no CSRF token. The app's
guard refuses anonymous and forged requests before these run; each endpoint answers its
own errors as JSON ``{"error": ...}``. A save on a version of the case that is no longer
current is refused with 409 and the case as it now stands, never merged. The OpenAPI
document of all this is :mod:`.openapi`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from importlib.metadata import version as installed_version
from typing import Any

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response

from .._errors import StaleCaseError
from .._output.agreement_formats import agreement_to_data
from .._store.records import StoredCase
from .api_data import (
    AnswerError,
    answer_from_json,
    case_json,
    case_summary_json,
    inspection_json,
    without_answer,
)
from .inspections import start_case
from .openapi import openapi_document
from .progress import figures_data, progress
from .second_reading import AGREEING, blind_to, inspection_agreement, readings
from .visit import Page, Visit

READINGS = ("first", "second", "agreed")


def _error(status: int, message: str, **more: Any) -> JSONResponse:
    return JSONResponse({"error": message, **more}, status_code=status)


def _json(endpoint: Callable[[Visit], Response]) -> Callable[[Visit], Response]:
    """The endpoint with the app's HTTP errors (no such case, no access) answered as JSON."""

    @functools.wraps(endpoint)
    def answered(visit: Visit) -> Response:
        try:
            return endpoint(visit)
        except HTTPException as exc:
            return _error(exc.status_code, exc.detail)

    return answered


def _writable(visit: Visit, case: StoredCase) -> None:
    """Refuse (403) a save this person may not make to ``case`` (one hidden from them is
    refused by :meth:`Visit.case` already)."""
    role = visit.person.role
    if case.reading == "agreed" and role not in AGREEING:
        raise HTTPException(403, "Only a lead or quality lead records agreed answers.")
    if case.reading == "second" and role not in AGREEING and case.assigned_to != visit.username:
        raise HTTPException(403, "This second reading is someone else's.")


@_json
def session(visit: Visit) -> Response:
    """``GET /api/session``: who is signed in, and the CSRF token for unsafe requests
    (``null`` for a request with an API token, which needs none)."""
    person = visit.person
    return JSONResponse(
        {
            "username": person.username,
            "display_name": person.display_name,
            "role": person.role,
            "csrf_token": None if visit.by_token else visit.csrf_token,
        }
    )


@_json
def inspections(visit: Visit) -> Response:
    """``GET /api/inspections``: the inspections this person may see."""
    shown = visit.store.inspections(visible_to=visit.username)
    return JSONResponse({"inspections": [inspection_json(i) for i in shown]})


@_json
def inspection(visit: Visit) -> Response:
    """``GET /api/inspections/{id}``: one inspection, with its number of cases."""
    found = visit.inspection(visit.request.path_params["inspection_id"])
    return JSONResponse(inspection_json(found, len(visit.store.cases(found.id))))


@_json
def cases(visit: Visit) -> Response:
    """``GET /api/inspections/{id}/cases[?reading=first|second|agreed|all]``."""
    found = visit.inspection(visit.request.path_params["inspection_id"])
    reading = visit.request.query_params.get("reading", "first")
    if reading not in (*READINGS, "all"):
        return _error(400, f"reading: expected one of {', '.join(READINGS)} or all")
    listed = visit.store.cases(found.id, reading=None if reading == "all" else reading)  # type: ignore[arg-type]
    shown = [c for c in listed if not blind_to(visit.store, visit.person, c)]
    # Each case's status under its own edition and extensions, as its page shows it.
    summaries = [case_summary_json(visit.edition_for(c.assessment), c) for c in shown]
    return JSONResponse({"cases": summaries})


@_json
def new_case(visit: Visit) -> Response:
    """``POST /api/inspections/{id}/cases`` with ``{"reference": ...}``: a new case (first
    reading), as the inspection page starts one; 201 with the case, 409 for a reference
    already used."""
    found = visit.inspection(visit.request.path_params["inspection_id"])
    body = _body(visit)
    reference = body.get("reference") if isinstance(body, dict) else None
    if not isinstance(reference, str):
        return _error(400, 'expected a JSON object with the case\'s "reference" (text)')
    return _case_response(visit, start_case(visit, found, reference), 201)


@_json
def figures(visit: Visit) -> Response:
    """``GET /api/inspections/{id}/figures``: the score of the complete first readings."""
    found = visit.inspection(visit.request.path_params["inspection_id"])
    edition = visit.edition_of(found)
    done = progress(edition, visit.store.cases(found.id))
    return JSONResponse(figures_data(visit.site.registry, edition, done))


@_json
def agreement(visit: Visit) -> Response:
    """``GET /api/inspections/{id}/agreement``: the first and second readings compared."""
    if visit.person.role not in AGREEING:
        return _error(403, "Only a lead or quality lead sees the readings compared.")
    found = visit.inspection(visit.request.path_params["inspection_id"])
    edition = visit.edition_of(found)
    result = inspection_agreement(edition, readings(visit.store, found.id))
    return JSONResponse(agreement_to_data(result))


def _case(visit: Visit) -> StoredCase:
    return visit.case(visit.request.path_params["case_id"])


def _case_response(visit: Visit, stored: StoredCase, status: int = 200) -> JSONResponse:
    edition = visit.edition_for(stored.assessment)
    return JSONResponse(case_json(edition, stored), status_code=status)


@_json
def case(visit: Visit) -> Response:
    """``GET /api/cases/{id}``: the case, its applicability and its problems."""
    return _case_response(visit, _case(visit))


def _body(visit: Visit) -> object:
    try:
        return json.loads(visit.body or b"null")
    except ValueError:
        raise HTTPException(400, "expected a JSON body") from None


@_json
def save_answer(visit: Visit) -> Response:
    """``PUT /api/cases/{id}/answers/{question}``: save one answer on a version of the case."""
    stored = _case(visit)
    _writable(visit, stored)
    edition = visit.edition_for(stored.assessment)
    try:
        answer, version = answer_from_json(
            edition, visit.request.path_params["question"], _body(visit)
        )
    except LookupError as exc:
        return _error(404, str(exc))
    except AnswerError as exc:
        return _error(422, str(exc))
    return _saved(visit, stored, stored.assessment.with_answer(answer), version)


@_json
def remove_answer(visit: Visit) -> Response:
    """``DELETE /api/cases/{id}/answers/{question}?version=N``: remove one answer."""
    stored = _case(visit)
    _writable(visit, stored)
    try:
        version = int(visit.request.query_params.get("version", ""))
    except ValueError:
        return _error(400, "version: expected the case version the answer was removed on")
    question = visit.request.path_params["question"]
    if stored.assessment.answer(question) is None:
        return _error(404, f"the case has no answer to {question!r}")
    return _saved(visit, stored, without_answer(stored.assessment, question), version)


def _saved(visit: Visit, stored: StoredCase, changed: Any, version: int) -> Response:
    try:
        saved = visit.store.save(stored.id, changed, by=visit.username, expected_version=version)
    except StaleCaseError as exc:
        edition = visit.edition_for(exc.current.assessment)
        return _error(
            409,
            f"the case was saved by someone else since version {version}: nothing was saved",
            current=case_json(edition, exc.current),
        )
    return _case_response(visit, saved)


@_json
def openapi(visit: Visit) -> Response:
    """``GET /api/openapi.json``: the API's OpenAPI 3.1 document."""
    return JSONResponse(openapi_document(installed_version("inspectcore")))


PAGES = (
    Page("/api/session", session, name="api_session"),
    Page("/api/inspections", inspections, name="api_inspections"),
    Page("/api/inspections/{inspection_id:int}", inspection, name="api_inspection"),
    Page("/api/inspections/{inspection_id:int}/cases", cases, name="api_cases"),
    Page(
        "/api/inspections/{inspection_id:int}/cases",
        new_case,
        ("POST",),
        name="api_new_case",
    ),
    Page("/api/inspections/{inspection_id:int}/figures", figures, name="api_figures"),
    Page("/api/inspections/{inspection_id:int}/agreement", agreement, name="api_agreement"),
    Page("/api/cases/{case_id:int}", case, name="api_case"),
    Page("/api/cases/{case_id:int}/answers/{question}", save_answer, ("PUT",), name="api_save"),
    Page(
        "/api/cases/{case_id:int}/answers/{question}",
        remove_answer,
        ("DELETE",),
        name="api_remove",
    ),
    Page("/api/openapi.json", openapi, name="api_openapi"),
)
"""The API's routes (every one behind the app's sign-in and CSRF checks)."""
