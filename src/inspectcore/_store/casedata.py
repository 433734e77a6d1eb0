"""A case as the store keeps it: JSON-safe data, the differences between two states, and
an earlier state rebuilt from those differences.

The data is the case file's own (``case_to_data`` with ISO timestamps), so that a stored
case is exactly what its file holds: an answer's ``answered_at`` keeps its text, offset
or none. Nothing here touches the database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import attrs

from .._cases.case import FORMAT, CaseAssessment, case_from_data, case_to_data

ORDER_FIELD = "answers_order"
"""The case-level field that records the answers' order where a replay would not give it."""


@attrs.frozen
class CaseState:
    """A case's data: case-level fields (file keys but ``format`` and ``answers``) and the
    answers' tables, by question, in the file's order."""

    fields: dict[str, Any]
    answers: dict[str, Any]


@attrs.frozen
class Difference:
    """One answer (``question``) or field (``field``) that differs, JSON-safe both sides."""

    question: str | None
    field: str
    before: Any
    after: Any


EMPTY = CaseState({}, {})


def state_of(case: CaseAssessment) -> CaseState:
    """The store's data for a case."""
    data = case_to_data(case, json_safe=True)
    answers = data.pop("answers")
    data.pop("format")
    return CaseState(data, answers)


def assessment_of(state: CaseState, name: str) -> CaseAssessment:
    """The case a state holds (``name`` says where, should the data be bad)."""
    return case_from_data({"format": FORMAT, **state.fields, "answers": state.answers}, name)


def differences(before: CaseState, after: CaseState) -> tuple[Difference, ...]:
    """What changed, in the order :func:`replay` applies it: answers (removed ones where they
    were), then fields, then the answers' order if applying the rest would not give it."""
    found: list[Difference] = []
    for question in (*before.answers, *(q for q in after.answers if q not in before.answers)):
        old, new = before.answers.get(question), after.answers.get(question)
        if old != new:
            found.append(Difference(question, "", old, new))
    for key in (*before.fields, *(k for k in after.fields if k not in before.fields)):
        old, new = before.fields.get(key), after.fields.get(key)
        if old != new:
            found.append(Difference(None, key, old, new))
    replayed = list(_apply(before, found).answers)
    if replayed != list(after.answers):
        found.append(Difference(None, ORDER_FIELD, replayed, list(after.answers)))
    return tuple(found)


def _apply(state: CaseState, changes: Iterable[Difference]) -> CaseState:
    fields, answers = dict(state.fields), dict(state.answers)
    for change in changes:
        if change.question is not None:
            if change.after is None:
                answers.pop(change.question, None)
            else:  # in place when answered before, else last: as CaseAssessment.with_answer
                answers[change.question] = change.after
        elif change.field == ORDER_FIELD:
            answers = {q: answers[q] for q in change.after}
        elif change.after is None:
            fields.pop(change.field, None)
        else:
            fields[change.field] = change.after
    return CaseState(fields, answers)


def replay(changes: Iterable[Difference]) -> CaseState:
    """The state that a case's changes, in the order saved, lead to from nothing."""
    return _apply(EMPTY, changes)


def dumps(value: Any) -> str:
    """JSON text for a column: key order kept (PostgreSQL's jsonb would sort the keys)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(text: str | None) -> Any:
    """A column's JSON text read back (``None`` for SQL NULL)."""
    return None if text is None else json.loads(text)
