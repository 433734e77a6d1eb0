"""A JSON Schema for the case files of one edition (with its extensions)."""

from __future__ import annotations

from typing import Any

from .._model.edition import Edition, Question
from .case import FORMAT

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _value_schema(question: Question) -> dict[str, Any]:
    schema = question.answer.json_schema()
    if question.links.per_option_of:
        return {"type": "object", "additionalProperties": schema}
    return schema


def case_schema(edition: Edition) -> dict[str, Any]:
    """The JSON Schema a case file (TOML or JSON) of ``edition`` satisfies, structurally.

    Routing and cross-question rules are beyond JSON Schema: run validation for them.
    """
    answers: dict[str, Any] = {}
    for question in edition.questions:
        value = _value_schema(question)
        table = {
            "type": "object",
            "required": ["value"],
            "additionalProperties": False,
            "properties": {
                "value": value,
                "note": {"type": "string"},
                "answered_at": {"type": "string", "format": "date-time"},
                "source": {"type": "string"},
            },
        }
        # A per-option answer is itself a table, so it is only read in the long form
        # ``{ value = { option = answer } }``: a bare table would be read as an answer table.
        forms = [table] if question.links.per_option_of else [value, table]
        answers[question.id] = {"description": question.wording or question.id, "anyOf": forms}
    facts = {
        fact.id: {"description": fact.text.en, **fact.answer.json_schema()}
        for fact in edition.facts
    }
    names = " + ".join(
        [f"{edition.id} {edition.version}", *(f"{e.id} {e.version}" for e in edition.extensions)]
    )
    return {
        "$schema": DRAFT,
        "title": f"inspectcore case file: {names}",
        "type": "object",
        "required": ["format", "edition", "answers"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT},
            "edition": {"const": edition.id},
            "edition_version": {"type": "string"},
            "case": {"type": "string"},
            "assessor": {"type": "string"},
            "assessed_on": {"type": "string"},
            "extensions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "version"],
                    "additionalProperties": False,
                    "properties": {
                        "id": {"enum": [e.id for e in edition.extensions]}
                        if edition.extensions
                        else {"type": "string"},
                        "version": {"type": "string"},
                        "distribution": {"type": "string"},
                    },
                },
            },
            "context": {
                "type": "object",
                "additionalProperties": False,
                "required": sorted(facts),
                "properties": facts,
            },
            "answers": {"type": "object", "additionalProperties": False, "properties": answers},
        },
    }
