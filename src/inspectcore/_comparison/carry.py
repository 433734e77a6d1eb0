"""Carrying a case assessed under one edition across to another, through a crosswalk.

Only equivalent pairs carry an answer (mapped through the pair's ``values`` when it has
them), and each carried answer records where it came from (``Answer.source``).
Everything else the other edition asks is listed as to be assessed afresh. Scoring the
carried cases shows what an inspection would have looked like under the other edition,
as far as the crosswalk reaches.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import attrs

from .._cases.case import Answer, AnswerValue, CaseAssessment, EditionRef, PerOption
from .._errors import CarryError
from .._loading.crosswalk import Crosswalk, CrosswalkPair, Relationship
from .._model.domains import Value
from .._model.edition import Edition, Question
from .._routing.prospect import ProspectRouter, ProspectStatus
from .._routing.router import Router
from .._scoring.scoring import InspectionScore, score


class CarryCause:
    """Why an answer was not carried, in a few words: what ``NotCarried.cause`` counts by."""

    CONTRADICTORY = "the crosswalk pairs it as equivalent more than once"
    UNKNOWN = "the crosswalk names a question its edition does not have"
    NOT_APPLICABLE = "its question does not apply in the case"
    UNMAPPED = "the answer has no valid counterpart"
    RULED_OUT = "its counterpart cannot apply under the other edition"
    NOT_EQUIVALENT = "paired only as subset, superset or intersecting: not the same question"
    NO_COUNTERPART = "no counterpart in the crosswalk"


@attrs.frozen
class NotCarried:
    """An answer that was not carried, and why."""

    from_question: str
    to_question: str
    """The question it would have carried to ("" when it has no equivalent)."""
    reason: str
    cause: str = ""
    """The reason in a few words (one of :class:`CarryCause`'s), to count by."""


@attrs.frozen
class Afresh:
    """A question of the other edition that must be assessed afresh."""

    question: str
    required: bool
    waits_for: tuple[str, ...] = ()
    """Empty when it applies now; otherwise the unanswered questions (or ``fact <id>``)
    that decide whether it applies."""


@attrs.frozen
class CarriedCase:
    """A case carried to another edition: the new case, and what did and did not carry."""

    case: CaseAssessment
    """The case under the other edition: carried facts and answers only."""
    carried: tuple[Answer, ...]
    """The carried answers (each with its ``source``), in the other edition's order."""
    not_carried: tuple[NotCarried, ...]
    left_behind: tuple[str, ...]
    """Questions answered in the original case that have no equivalent to carry to."""
    facts_carried: tuple[str, ...]
    facts_afresh: tuple[str, ...]
    """Facts of the other edition that are not set: the inspection context to complete."""
    afresh: tuple[Afresh, ...]
    uncarried: tuple[NotCarried, ...] = ()
    """Every answer of the original case that was not carried, each once, with why: the
    answers ``not_carried`` lists (once per question), then those ``left_behind``.
    ``carried`` and ``uncarried`` together account for every answer given."""

    def uncarried_by_cause(self) -> dict[str, int]:
        """How many answers were not carried, per cause (most first)."""
        return dict(Counter(n.cause for n in self.uncarried).most_common())


def carry_case(
    case: CaseAssessment, crosswalk: Crosswalk, from_edition: Edition, to_edition: Edition
) -> CarriedCase:
    """Carry ``case`` (assessed under ``from_edition``) to ``to_edition`` through ``crosswalk``.

    The crosswalk may run either way between the two editions. An answer is carried when
    its question has an equivalent pair, it applies in the original case, its value maps
    to a valid answer of the other question, and that question can still apply to the
    carried case. Facts carry when both editions declare the same fact id and the value
    is valid for both. Raises :class:`CarryError` when the case is not assessed under
    ``from_edition`` or the crosswalk is not between the two editions.
    """
    if case.edition.id != from_edition.id:
        which = f"case {case.case!r}" if case.case else "the case"
        raise CarryError(f"{which} is assessed under {case.edition.id!r}, not {from_edition.id!r}")
    try:
        crosswalk = crosswalk.between(from_edition.id, to_edition.id)
    except ValueError as exc:
        raise CarryError(str(exc)) from None
    router = Router(from_edition, case)
    carried: dict[str, Answer] = {}
    origin: dict[str, str] = {}
    not_carried: list[NotCarried] = []
    used: set[str] = set()
    for pair in crosswalk.pairs:
        original = case.answer(pair.from_question)
        if original is None or pair.relationship is not Relationship.EQUIVALENT:
            continue
        used.add(original.question)
        if rivals := _rivals(crosswalk, pair):
            # A contradictory crosswalk (check_crosswalk reports it): carry neither answer.
            not_carried.append(
                _not(pair, f"the crosswalk also has {'; '.join(rivals)}", CarryCause.CONTRADICTORY)
            )
            continue
        from_q = from_edition.find_question(pair.from_question)
        to_q = to_edition.find_question(pair.to_question)
        if from_q is None or to_q is None:
            missing = pair.from_question if from_q is None else pair.to_question
            not_carried.append(
                _not(pair, f"{missing} is not a question of its edition", CarryCause.UNKNOWN)
            )
            continue
        status = router.check(from_q)
        if not status.applies:
            why = _redacted(status.reason, from_edition, case)
            not_carried.append(
                _not(pair, f"does not apply in the case: {why}", CarryCause.NOT_APPLICABLE)
            )
            continue
        value, why = _map(original.value, pair, from_q, to_q, crosswalk)
        if value is None:
            not_carried.append(_not(pair, why, CarryCause.UNMAPPED))
            continue
        source = f"{from_edition.id} {from_q.id}"
        carried[to_q.id] = Answer(to_q.id, value, original.note, original.answered_at, source)
        origin[to_q.id] = from_q.id
    context = [
        (fact_id, value)
        for fact_id, value in case.context
        if (fact := to_edition.fact(fact_id)) is not None and fact.answer.check(value) is None
    ]
    new_case = CaseAssessment(
        edition=EditionRef(to_edition.id, to_edition.version),
        case=case.case,
        extensions=to_edition.extensions,
        context=context,
        answers=[carried[q.id] for q in to_edition.questions if q.id in carried],
        assessor=case.assessor,
        assessed_on=case.assessed_on,
    )
    new_case, dropped = _settle(to_edition, new_case)
    for answer, reason in dropped:
        not_carried.append(
            NotCarried(
                origin[answer.question],
                answer.question,
                f"does not apply: {_redacted(reason, to_edition, new_case)}",
                CarryCause.RULED_OUT,
            )
        )
    prospects = ProspectRouter(to_edition, new_case)
    answered = {a.question for a in new_case.answers}
    set_facts = {fact_id for fact_id, _ in new_case.context}
    return CarriedCase(
        case=new_case,
        carried=new_case.answers,
        not_carried=tuple(not_carried),
        left_behind=tuple(a.question for a in case.answers if a.question not in used),
        facts_carried=tuple(fact_id for fact_id, _ in new_case.context),
        facts_afresh=tuple(f.id for f in to_edition.facts if f.id not in set_facts),
        afresh=tuple(
            Afresh(p.question.id, p.question.required, p.waits_for)
            for p in prospects.all()
            if p.question.id not in answered and p.status is not ProspectStatus.OUT
        ),
        uncarried=_uncarried(case, crosswalk, not_carried, used),
    )


def _equivalents_to(crosswalk: Crosswalk, question: Question) -> tuple[CrosswalkPair, ...]:
    return tuple(
        p for p in crosswalk.pairs_to(question.id) if p.relationship is Relationship.EQUIVALENT
    )


def _rivals(crosswalk: Crosswalk, pair: CrosswalkPair) -> tuple[str, ...]:
    """The other questions an equivalent pair's questions are also equivalent to, if any."""
    return tuple(
        f"{p.from_question} -> {p.to_question} equivalent"
        for p in crosswalk.pairs
        if p is not pair
        and p.relationship is Relationship.EQUIVALENT
        and (p.from_question == pair.from_question or p.to_question == pair.to_question)
    )


def _redacted(reason: str, edition: Edition, case: CaseAssessment) -> str:
    """A routing reason without the text answers it may quote: they can describe the child."""
    for answer in case.answers:
        question = edition.find_question(answer.question)
        if question is not None and question.answer.type == "text" and answer.value:
            reason = reason.replace(str(answer.value), "…")
    return reason


def _not(pair: CrosswalkPair, reason: str, cause: str) -> NotCarried:
    return NotCarried(pair.from_question, pair.to_question, reason, cause)


def _uncarried(
    case: CaseAssessment, crosswalk: Crosswalk, not_carried: list[NotCarried], used: set[str]
) -> tuple[NotCarried, ...]:
    """Each answer not carried once: its first reason, or why it had nothing to carry to."""
    first: dict[str, NotCarried] = {}
    for item in not_carried:
        first.setdefault(item.from_question, item)
    behind = []
    for answer in case.answers:
        if answer.question in used:
            continue
        if crosswalk.pairs_from(answer.question):
            relations = sorted(
                {p.relationship.value for p in crosswalk.pairs_from(answer.question)}
            )
            reason = f"paired only as {', '.join(relations)}"
            behind.append(NotCarried(answer.question, "", reason, CarryCause.NOT_EQUIVALENT))
        else:
            behind.append(
                NotCarried(
                    answer.question, "", "no pair in the crosswalk", CarryCause.NO_COUNTERPART
                )
            )
    return (*first.values(), *behind)


def _settle(
    edition: Edition, case: CaseAssessment
) -> tuple[CaseAssessment, tuple[tuple[Answer, str], ...]]:
    """Drop carried answers to questions that cannot apply, with the reason, until none is left.

    Dropping one answer can rule out another question, so this repeats.
    """
    dropped: list[tuple[Answer, str]] = []
    while True:
        prospects = ProspectRouter(edition, case)
        router = Router(edition, case)
        out = [
            (a, router.check(question).reason)
            for a in case.answers
            if prospects.check(question := edition.question(a.question)).status
            is ProspectStatus.OUT
        ]
        if not out:
            return case, tuple(dropped)
        dropped += out
        gone = {a.question for a, _ in out}
        case = attrs.evolve(case, answers=[a for a in case.answers if a.question not in gone])


def _map(
    value: AnswerValue, pair: CrosswalkPair, from_q: Question, to_q: Question, crosswalk: Crosswalk
) -> tuple[AnswerValue | None, str]:
    """The value for the TO question, or ``None`` and the reason it cannot be carried."""
    table = dict(pair.values)
    if isinstance(value, PerOption) != bool(to_q.links.per_option_of):
        return None, "answered once per option in only one of the two editions"
    if isinstance(value, PerOption):
        keys = _key_map(from_q, to_q, crosswalk)
        if keys is None:
            return None, (
                f"answered per option of {from_q.links.per_option_of}, which has no "
                f"equivalent in {to_q.links.per_option_of}"
            )
        items: list[tuple[str, Value]] = []
        for option, item in value.items:
            key = keys.get(option) if keys else option
            if key is None:
                return None, f"option {option!r} of {from_q.links.per_option_of} is not mapped"
            mapped = _value(item, table)
            if mapped is None:
                return None, f"{option}: {item!r} has no counterpart in the values map"
            if to_q.answer.check(mapped) is not None:
                return None, f"{option}: {_invalid(to_q)}"
            items.append((key, mapped))
        return PerOption(tuple(items)), ""
    mapped = _value(value, table)
    if mapped is None:
        return None, f"{value!r} has no counterpart in the values map"
    if to_q.answer.check(mapped) is not None:
        return None, _invalid(to_q)
    return mapped, ""


def _invalid(question: Question) -> str:
    # Never the value itself: it may be free text about the child.
    return f"the answer is not a valid answer to {question.id} ({question.answer.describe()})"


def _value(value: Value, table: dict[str, str]) -> Value | None:
    if not table or isinstance(value, int):
        return value
    if isinstance(value, tuple):
        items = tuple(table.get(v) for v in value)
        return None if None in items else tuple(i for i in items if i is not None)
    return table.get(value)


def _key_map(from_q: Question, to_q: Question, crosswalk: Crosswalk) -> dict[str, str] | None:
    """How the options a per-option answer is keyed by map across, or ``None`` if they do not."""
    source = from_q.links.per_option_of
    pair = crosswalk.equivalent_from(source) if source else None
    if pair is None or pair.to_question != to_q.links.per_option_of:
        return None
    return dict(pair.values)


# -- whole inspections ------------------------------------------------------------------------


@attrs.frozen
class CarriedInspection:
    """An inspection carried to another edition, scored, with what the crosswalk cannot reach."""

    from_edition: str
    to_edition: str
    cases: tuple[tuple[str, CarriedCase], ...]
    score: InspectionScore
    """The carried cases scored under the other edition (its exclusions apply)."""
    uncovered: tuple[str, ...]
    """Scored judgements of the other edition with no equivalent: no answer can carry to
    them, so their figures (and any key question they summarise) are empty."""


def carry_inspection(
    cases: Iterable[tuple[str, CaseAssessment]],
    crosswalk: Crosswalk,
    from_edition: Edition,
    to_edition: Edition,
) -> CarriedInspection:
    """Carry every case (``(name, case)`` pairs) and score the carried cases."""
    carried = tuple((name, carry_case(c, crosswalk, from_edition, to_edition)) for name, c in cases)
    crosswalk = crosswalk.between(from_edition.id, to_edition.id)
    return CarriedInspection(
        from_edition=from_edition.id,
        to_edition=to_edition.id,
        cases=carried,
        score=score(to_edition, [(name, c.case) for name, c in carried]),
        uncovered=tuple(
            q.id
            for q in to_edition.questions
            if q.scored
            and not any(not _rivals(crosswalk, p) for p in _equivalents_to(crosswalk, q))
        ),
    )
