"""The JSON API's OpenAPI 3.1 document, served at ``/api/openapi.json``.

Written here, beside the handlers in :mod:`.api`, rather than generated: Starlette has no
schema generator of its own, and a document written as data says exactly what the API
promises. A test checks it against the OpenAPI 3.1 meta-schema and that every ``/api``
route of the app is in it (and nothing else is).
"""

from __future__ import annotations

from typing import Any

_JSON = "application/json"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _body(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {_JSON: {"schema": schema}}}


def _id(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": {"type": "integer"},
    }


_INSPECTION_ID = _id("inspection_id", "The inspection's id in the store.")
_CASE_ID = _id("case_id", "The case's id in the store (one reading of one case).")
_QUESTION = {
    "name": "question",
    "in": "path",
    "required": True,
    "description": "The question's id exactly as the edition prints it (URL-encoded).",
    "schema": {"type": "string"},
}
_READING = {
    "name": "reading",
    "in": "query",
    "required": False,
    "description": "Which reading's cases: first (the default), second, agreed or all.",
    "schema": {"type": "string", "enum": ["first", "second", "agreed", "all"]},
}
_ERRORS = {
    "401": {"$ref": "#/components/responses/SignInNeeded"},
    "403": {"$ref": "#/components/responses/Refused"},
}
_TO_SIGN_IN = {
    "303": {
        "description": "Not signed in: to the sign-in page (GET /signin), which sets the "
        "session cookie."
    }
}
_MISSING = {"404": {"$ref": "#/components/responses/NotFound"}}
_STALE = _body(
    {
        "type": "object",
        "required": ["error", "current"],
        "properties": {"error": {"type": "string"}, "current": _ref("Case")},
    },
    "The case was saved by someone else since the version given: nothing was saved; "
    "`current` is the case as it now stands.",
)
_INVALID = _body(_ref("Error"), "The request is not what was expected; `error` says why.")


def _get(summary: str, schema: dict[str, Any], *parameters: dict[str, Any]) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "parameters": list(parameters),
            "responses": {
                "200": _body(schema, summary),
                **_TO_SIGN_IN,
                **_ERRORS,
                **_MISSING,
            },
        }
    }


def _schemas() -> dict[str, Any]:
    value = {
        "description": "An answer: an option (text), a whole number, a date (ISO text), "
        "options chosen (a list), or one answer per option (an object).",
        "oneOf": [
            {"type": "string"},
            {"type": "integer"},
            {"type": "array", "items": {"type": "string"}},
            {"type": "object", "additionalProperties": {"type": ["string", "integer"]}},
        ],
    }
    figure = {
        "type": "object",
        "description": "Agreement between the two readings (see inspectcore.Agreement).",
        "required": ["id", "compared", "agreed", "percent", "observed", "chance", "kappa"],
        "properties": {
            "id": {"type": "string"},
            "compared": {"type": "integer"},
            "agreed": {"type": "integer"},
            "percent": {"type": ["number", "null"]},
            "observed": {"type": ["number", "null"]},
            "chance": {"type": ["number", "null"]},
            "kappa": {"type": ["number", "null"]},
            "kappa_undefined": {"type": ["string", "null"]},
        },
    }
    return {
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {"error": {"type": "string"}},
        },
        "NewCase": {
            "type": "object",
            "required": ["reference"],
            "properties": {
                "reference": {
                    "type": "string",
                    "description": "The case's reference, unique in the inspection.",
                }
            },
        },
        "Session": {
            "type": "object",
            "required": ["username", "display_name", "role", "csrf_token"],
            "properties": {
                "username": {"type": "string"},
                "display_name": {"type": "string"},
                "role": {"type": "string", "enum": ["inspector", "lead", "quality_lead", "admin"]},
                "csrf_token": {
                    "type": ["string", "null"],
                    "description": "Send it as the X-CSRF-Token header of every unsafe "
                    "request; null when signed with an API token, which needs none.",
                },
            },
        },
        "Inspection": {
            "type": "object",
            "required": ["id", "name", "edition", "extensions"],
            "properties": {
                "id": {"type": "integer"},
                "name": {"type": "string"},
                "edition": {"type": "string"},
                "extensions": {"type": "array", "items": {"type": "string"}},
                "cases": {"type": "integer", "description": "First readings."},
            },
        },
        "CaseSummary": {
            "type": "object",
            "required": ["id", "reference", "reading", "version", "status"],
            "properties": {
                "id": {"type": "integer"},
                "reference": {"type": "string"},
                "reading": {"type": "string", "enum": ["first", "second", "agreed"]},
                "version": {"type": "integer"},
                "assigned_to": {"type": ["string", "null"]},
                "updated_by": {"type": "string"},
                "updated_at": {"type": "string", "format": "date-time"},
                "status": {"type": "string", "enum": ["not started", "in progress", "complete"]},
            },
        },
        "Answer": {
            "type": "object",
            "required": ["value"],
            "properties": {
                "value": value,
                "note": {"type": "string"},
                "answered_at": {"type": ["string", "null"]},
            },
        },
        "Applicability": {
            "type": "object",
            "required": ["question", "applies"],
            "properties": {
                "question": {"type": "string"},
                "kind": {"type": "string"},
                "applies": {"type": "boolean"},
                "reason": {"type": "string", "description": "Why not, when it does not."},
            },
        },
        "Problem": {
            "type": "object",
            "description": "A validation problem, as `inspectcore validate` reports it.",
            "required": ["code", "message"],
            "properties": {
                "question": {"type": ["string", "null"]},
                "location": {"type": "string"},
                "code": {"type": "string"},
                "severity": {"type": "string"},
                "message": {"type": "string"},
            },
        },
        "Case": {
            "allOf": [
                _ref("CaseSummary"),
                {
                    "type": "object",
                    "required": ["inspection_id", "answers", "applicability", "problems"],
                    "properties": {
                        "inspection_id": {"type": "integer"},
                        "edition": {"type": "string"},
                        "answers": {
                            "type": "object",
                            "additionalProperties": _ref("Answer"),
                        },
                        "applicability": {"type": "array", "items": _ref("Applicability")},
                        "problems": {"type": "array", "items": _ref("Problem")},
                        "left_to_ask": {"type": "array", "items": {"type": "string"}},
                    },
                },
            ]
        },
        "Save": {
            "type": "object",
            "required": ["value", "version"],
            "properties": {
                "value": value,
                "note": {"type": "string"},
                "version": {
                    "type": "integer",
                    "description": "The case's version the answer was given on.",
                },
            },
        },
        "Figures": {
            "type": "object",
            "description": "`inspectcore score --format json --complete-only` of the "
            "inspection's complete first readings, and the cases left out.",
            "required": ["score", "left_out"],
            "properties": {
                "score": {"type": "object"},
                "left_out": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "reference": {"type": "string"},
                            "reason": {"type": "string"},
                        },
                    },
                },
            },
        },
        "AgreementFigure": figure,
        "Agreement": {
            "type": "object",
            "description": "`inspectcore agreement --json` of the first and second readings.",
            "required": ["cases", "overall", "key_questions", "questions", "disagreements"],
            "properties": {
                "cases": {"type": "integer"},
                "overall": _ref("AgreementFigure"),
                "key_questions": {"type": "array", "items": _ref("AgreementFigure")},
                "questions": {"type": "array", "items": _ref("AgreementFigure")},
                "disagreements": {"type": "array", "items": {"type": "object"}},
            },
        },
    }


def openapi_document(version: str) -> dict[str, Any]:
    """The OpenAPI 3.1 document of the JSON API, for the app of inspectcore ``version``."""
    case = _body(_ref("Case"), "The case as it now stands.")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "inspectcore JSON API",
            "version": version,
            "description": "Cases, answers, applicability, validation and figures of the "
            "inspections in the store. A system sends an API token (made by `inspectcore "
            "store add-token USERNAME`) as `Authorization: Bearer TOKEN` and acts as that "
            "person; an unknown, expired or revoked token is 401. A person signs in on "
            "the sign-in page (GET /signin, then POST /signin with its form) for the "
            "session cookie; every unsafe request then sends the session's CSRF token "
            "(GET /api/session) as the X-CSRF-Token header.",
        },
        "servers": [{"url": "/"}],
        "security": [{"token": []}, {"session": []}],
        "paths": {
            "/api/session": _get(
                "Who is signed in, with the CSRF token for unsafe requests", _ref("Session")
            ),
            "/api/inspections": _get(
                "The inspections the person may see",
                {
                    "type": "object",
                    "properties": {"inspections": {"type": "array", "items": _ref("Inspection")}},
                },
            ),
            "/api/inspections/{inspection_id}": _get(
                "One inspection", _ref("Inspection"), _INSPECTION_ID
            ),
            "/api/inspections/{inspection_id}/cases": {
                **_get(
                    "The inspection's cases",
                    {
                        "type": "object",
                        "properties": {"cases": {"type": "array", "items": _ref("CaseSummary")}},
                    },
                    _INSPECTION_ID,
                    _READING,
                ),
                "post": {
                    "summary": "Start a case (first reading): it takes the inspection's facts "
                    "and the person as its assessor, as the inspection page starts one",
                    "parameters": [_INSPECTION_ID],
                    "requestBody": _body(_ref("NewCase"), "The new case's reference."),
                    "responses": {
                        "201": _body(_ref("Case"), "The case added."),
                        "400": _INVALID,
                        "409": _body(
                            _ref("Error"), "The inspection has a case of that reference already."
                        ),
                        **_ERRORS,
                        **_MISSING,
                    },
                },
            },
            "/api/inspections/{inspection_id}/figures": _get(
                "The figures and ratings of the complete first readings",
                _ref("Figures"),
                _INSPECTION_ID,
            ),
            "/api/inspections/{inspection_id}/agreement": _get(
                "Agreement between the first and second readings (lead, quality lead, admin)",
                _ref("Agreement"),
                _INSPECTION_ID,
            ),
            "/api/cases/{case_id}": _get(
                "A case: answers, applicability, validation problems", _ref("Case"), _CASE_ID
            ),
            "/api/cases/{case_id}/answers/{question}": {
                "parameters": [_CASE_ID, _QUESTION],
                "put": {
                    "summary": "Save an answer given on a version of the case",
                    "requestBody": _body(_ref("Save"), "The answer and the version."),
                    "responses": {
                        "200": case,
                        "400": _INVALID,
                        "409": _STALE,
                        "422": _INVALID,
                        **_ERRORS,
                        **_MISSING,
                    },
                },
                "delete": {
                    "summary": "Remove an answer given on a version of the case",
                    "parameters": [
                        {
                            "name": "version",
                            "in": "query",
                            "required": True,
                            "schema": {"type": "integer"},
                        }
                    ],
                    "responses": {"200": case, "400": _INVALID, "409": _STALE, **_ERRORS},
                },
            },
            "/api/openapi.json": {
                "get": {
                    "summary": "This document",
                    "responses": {"200": _body({"type": "object"}, "The OpenAPI document.")},
                }
            },
        },
        "components": {
            "securitySchemes": {
                "token": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An API token from `inspectcore store add-token`: acts as "
                    "its person, with their role and access; no CSRF token, no cookie.",
                },
                "session": {"type": "apiKey", "in": "cookie", "name": "inspectcore_session"},
            },
            "responses": {
                "SignInNeeded": _body(
                    _ref("Error"),
                    "Not signed in (an unsafe request, as text), or an API token unknown, "
                    "expired or revoked (JSON `error`).",
                ),
                "Refused": {
                    "description": "Signed in, but not allowed: role, access, a first "
                    "reading hidden from its second reader (JSON `error`), or no valid CSRF "
                    "token on an unsafe request (text)."
                },
                "NotFound": _body(_ref("Error"), "No such inspection, case or question."),
            },
            "schemas": _schemas(),
        },
    }
