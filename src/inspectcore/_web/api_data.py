"""The JSON API's data: stored inspections and cases as JSON, and answers read from JSON.

Everything a case's JSON says beyond its answers (applicability, validation problems,
status) is the library's own routing and validation of it, as the command line gives
them; the shapes are those of the OpenAPI document (:mod:`.openapi`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from .._assessment.status import case_status
from .._assessment.validation import validate
from .._cases.case import Answer, AnswerValue, CaseAssessment, PerOption
from .._model.domains import Value
from .._model.edition import Edition, Question
from .._routing.routed import route
from .._store.records import StoredCase, StoredInspection
from .progress import case_line


class AnswerError(ValueError):
    """An answer in a request that is not one the question takes; the message says why."""


def inspection_json(inspection: StoredInspection, cases: int | None = None) -> dict[str, Any]:
    """An inspection as the API gives it (with its number of first readings, if given)."""
    data: dict[str, Any] = {
        "id": inspection.id,
        "name": inspection.name,
        "edition": inspection.edition,
        "extensions": list(inspection.extensions),
    }
    if cases is not None:
        data["cases"] = cases
    return data


def case_summary_json(edition: Edition, stored: StoredCase) -> dict[str, Any]:
    """A case in a list: ids, reading, version, who and when, and its status."""
    return {
        "id": stored.id,
        "reference": stored.reference,
        "reading": stored.reading,
        "version": stored.version,
        "assigned_to": stored.assigned_to,
        "updated_by": stored.updated_by,
        "updated_at": stored.updated_at.isoformat(),
        "status": case_line(edition, stored).status,
    }


def _plain(value: AnswerValue) -> object:
    if isinstance(value, PerOption):
        return {k: _plain(v) for k, v in value.items}
    return list(value) if isinstance(value, tuple) else value


def case_json(edition: Edition, stored: StoredCase) -> dict[str, Any]:
    """A case whole: its summary, answers, each question's applicability, and its
    validation problems (the messages of ``inspectcore validate``)."""
    routed = route(edition, stored.assessment)
    problems = validate(edition, routed)
    status = case_status(edition, routed, problems)
    answers = {
        a.question: {
            "value": _plain(a.value),
            "note": a.note,
            "answered_at": None if a.answered_at is None else a.answered_at.isoformat(),
        }
        for a in stored.assessment.answers
    }
    return {
        **case_summary_json(edition, stored),
        "inspection_id": stored.inspection_id,
        "edition": edition.id,
        "answers": answers,
        "applicability": [
            {
                "question": a.question.id,
                "kind": a.question.kind,
                "applies": a.applies,
                "reason": a.reason,
            }
            for a in routed.applicability
        ],
        "problems": [
            {
                "question": p.question or None,
                "location": p.location,
                "code": p.code.value,
                "severity": p.severity.value,
                "message": p.message,
            }
            for p in problems
        ],
        "left_to_ask": list(status.left_to_ask),
    }


def _value(question: Question, given: object) -> Value:
    if isinstance(given, list) and all(isinstance(v, str) for v in given):
        value: Value = tuple(given)
    elif isinstance(given, str | int) and not isinstance(given, bool):
        value = given
    else:
        raise AnswerError(f"{question.id}: expected text, a whole number or a list of options")
    problem = question.answer.check(value)
    if problem is not None:
        raise AnswerError(f"{question.id}: {problem}")
    return value


def answer_from_json(edition: Edition, question_id: str, body: object) -> tuple[Answer, int]:
    """The answer a save request gives, and the case version it was given on.

    ``body`` is ``{"value": ..., "version": N}`` with an optional ``"note"``; a value
    answered per option (per priority factor) is an object of option to answer. The value
    must be one the question takes (:class:`AnswerError` says why not); the answer is
    stamped with the time now, as ``assess`` stamps it.
    """
    question = edition.find_question(question_id)
    if question is None:
        raise LookupError(f"{edition.id} has no question {question_id!r}")
    if not isinstance(body, dict) or "value" not in body:
        raise AnswerError('expected a JSON object with "value" and "version"')
    version, note = body.get("version"), body.get("note", "")
    if not isinstance(version, int) or isinstance(version, bool):
        raise AnswerError('"version" must be the case version the answer was given on')
    if not isinstance(note, str):
        raise AnswerError('"note" must be text')
    given = body["value"]
    value: AnswerValue
    if isinstance(given, dict):
        if not question.links.per_option_of:
            raise AnswerError(f"{question.id} is not answered per option")
        value = PerOption(tuple((str(k), _value(question, v)) for k, v in given.items()))
    else:
        value = _value(question, given)
    now = dt.datetime.now(dt.UTC)
    return Answer(question.id, value, note=note, answered_at=now), version


def without_answer(case: CaseAssessment, question_id: str) -> CaseAssessment:
    """A copy of ``case`` without its answer to ``question_id``."""
    kept = tuple(a for a in case.answers if a.question != question_id)
    return attrs.evolve(case, answers=kept)
