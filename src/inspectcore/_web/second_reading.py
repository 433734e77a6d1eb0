"""Second reading in the store: a case read again blind to the first reading, the agreement
of the two readings (the library's :func:`~inspectcore.agreement`), and the agreed answers.

The readings of one case are three stored cases with the same reference: ``first``,
``second`` and ``agreed``. A second reading starts with the first reading's inspection
facts (what every case of the inspection shares) and none of its answers. The agreed
reading starts as a copy of the first reading, so that what both readings gave alike is
in it, and takes the answer agreed for each disagreement; neither reading is changed.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .._cases.case import Answer, CaseAssessment, PerOption
from .._model.domains import Value
from .._model.edition import Edition
from .._scoring.agreement import Disagreement, InspectionAgreement, agreement
from .._store.records import Person, Role, StoredCase
from .._store.store import Store

SECOND_READERS: tuple[Role, ...] = ("quality_lead", "lead", "admin", "inspector")
"""Who may read a case again: a quality lead, or a second inspector (never the first
reading's own assessor)."""
AGREEING: tuple[Role, ...] = ("quality_lead", "lead", "admin")
"""Who sees both readings side by side and records the agreed answers."""


@attrs.frozen
class Readings:
    """An inspection's cases read twice: the pairs compared, and the agreed readings."""

    first: tuple[StoredCase, ...]
    second: tuple[StoredCase, ...]
    """The second readings, each paired with the first reading at the same index."""
    agreed: tuple[StoredCase, ...]


def readings(store: Store, inspection_id: int) -> Readings:
    """The first and second readings of every case read twice, by reference."""
    every = store.cases(inspection_id, reading=None)
    by_reading: dict[str, dict[str, StoredCase]] = {"first": {}, "second": {}, "agreed": {}}
    for case in every:
        by_reading[case.reading][case.reference] = case
    seconds = by_reading["second"]
    pairs = [(f, seconds[r]) for r, f in by_reading["first"].items() if r in seconds]
    return Readings(
        tuple(f for f, _ in pairs),
        tuple(s for _, s in pairs),
        tuple(by_reading["agreed"].values()),
    )


def inspection_agreement(edition: Edition, found: Readings) -> InspectionAgreement:
    """The library's agreement of the first and second readings."""
    return agreement(
        edition, [c.assessment for c in found.first], [c.assessment for c in found.second]
    )


def other_reading(store: Store, case: StoredCase, reading: str) -> StoredCase | None:
    """The ``reading`` of the same case (by reference), if there is one."""
    for other in store.cases(case.inspection_id, reading=None):
        if other.reference == case.reference and other.reading == reading:
            return other
    return None


def blind_to(store: Store, person: Person, case: StoredCase) -> bool:
    """Whether ``person`` must not see ``case``: it is a first reading and they hold the
    second reading of the same case (blind until the readings are compared, which only
    :data:`AGREEING` roles do)."""
    if case.reading != "first":
        return False
    second = other_reading(store, case, "second")
    return second is not None and person.username in (second.assigned_to, second.updated_by)


def open_second_reading(store: Store, first: StoredCase, person: Person) -> StoredCase:
    """The second reading of ``first`` for ``person``, added if there is none yet.

    It has the first reading's inspection facts and extensions, and no answer; a
    ``ValueError`` when ``person`` assessed the first reading or may not read again.
    """
    if person.role not in SECOND_READERS:
        raise PermissionError(f"a {person.role} does not read cases again")
    if person.username in (first.assigned_to, first.updated_by) and person.role == "inspector":
        raise ValueError(f"{first.reference}: its first reading is yours; a second is another's")
    existing = other_reading(store, first, "second")
    if existing is not None:
        return existing
    blank = CaseAssessment(
        first.assessment.edition,
        first.reference,
        extensions=first.assessment.extensions,
        context=first.assessment.context,
    )
    return store.add_case(
        first.inspection_id,
        blank,
        by=person.username,
        reading="second",
        assigned_to=person.username,
    )


def _replace(
    case: CaseAssessment, question: str, option: str, value: Value | None
) -> CaseAssessment:
    """``case`` with ``question`` (or its answer for ``option``) agreed as ``value``;
    ``None`` removes it."""
    kept = case.answer(question)
    if option:
        items = dict(kept.value.items) if kept and isinstance(kept.value, PerOption) else {}
        if value is None:
            items.pop(option, None)
        else:
            items[option] = value
        if not items:
            value = None
        else:
            return case.with_answer(Answer(question, PerOption(tuple(items.items()))))
    if value is None:
        return attrs.evolve(case, answers=tuple(a for a in case.answers if a.question != question))
    return case.with_answer(Answer(question, value))


def record_agreed(
    store: Store, first: StoredCase, item: Disagreement, value: Value | None, person: Person
) -> StoredCase:
    """Record the answer agreed for one disagreement in the agreed reading (added as a copy
    of the first reading when there is none yet); ``None`` agrees that no answer is given."""
    if person.role not in AGREEING:
        raise PermissionError(f"a {person.role} does not record agreed answers")
    agreed = other_reading(store, first, "agreed")
    if agreed is None:
        agreed = store.add_case(
            first.inspection_id, first.assessment, by=person.username, reading="agreed"
        )
    changed = _replace(agreed.assessment, item.question, item.option, value)
    return store.save(agreed.id, changed, by=person.username, expected_version=agreed.version)


def agreed_answers(agreed: StoredCase | None, found: Sequence[Disagreement]) -> dict[int, object]:
    """For each disagreement (by index), the answer the agreed reading now gives, if any."""
    if agreed is None:
        return {}
    shown: dict[int, object] = {}
    for index, item in enumerate(found):
        answer = agreed.assessment.answer(item.question)
        if answer is None:
            continue
        if item.option:
            if isinstance(answer.value, PerOption) and answer.value.get(item.option) is not None:
                shown[index] = answer.value.get(item.option)
        else:
            shown[index] = answer.value
    return shown
