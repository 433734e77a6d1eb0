"""Agreement between two readings of the same cases: percentage agreement and Cohen's kappa.

A second reading is the same case assessed again by someone blind to the first. Readings
are paired by case reference; a question is compared on every case where it applies under
both readings and both answered it (routing as :func:`~inspectcore.route` decides it under
each reading's own answers). A question answered per option (per priority factor) is
compared once per option both readings answered. Free text (narrative questions, and
questions answered in free text) has no categories to agree on: it is never counted, and
its differences are listed only when asked for.

Cohen's kappa is (observed - chance) / (1 - chance), chance being the agreement two
readings with the same marginal shares would reach at random. When chance agreement is 1
(both readings gave every case one and the same answer) kappa is 0/0: it is undefined and
said so (:attr:`Agreement.kappa_undefined`), never computed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from fractions import Fraction

import attrs

from .._cases.case import AnswerValue, CaseAssessment, PerOption
from .._model.domains import Value
from .._model.edition import Edition, Question, is_narrative
from .._routing.routed import RoutedCase, route


@attrs.frozen
class Disagreement:
    """One answer two readings of a case differ on.

    ``first`` or ``second`` is ``None`` where that reading gave no answer (or the question
    does not apply under its answers): such a difference is listed, to be settled, but not
    counted in the statistics (:attr:`counted`).
    """

    case: str
    """The case's reference."""
    question: str
    option: str
    """The option a per-option answer is given for; "" for a whole answer."""
    first: Value | None
    second: Value | None

    @property
    def counted(self) -> bool:
        """Whether both readings answered, so that the difference counts against agreement."""
        return self.first is not None and self.second is not None


@attrs.frozen
class Agreement:
    """Agreement between two readings on one question, key question or the whole inspection."""

    id: str
    compared: int
    """Answers compared: cases where it applies under both readings and both answered
    (for a per-option question, each option both answered counts once)."""
    agreed: int
    """Of those, answers the readings gave alike."""
    chance: Fraction | None
    """Agreement expected by chance from each reading's shares of answers; ``None`` when
    nothing was compared."""

    @property
    def observed(self) -> Fraction | None:
        """The share of compared answers given alike, or ``None`` when nothing was compared."""
        return None if self.compared == 0 else Fraction(self.agreed, self.compared)

    @property
    def percent(self) -> Fraction | None:
        """The percentage agreement, exactly, or ``None`` when nothing was compared."""
        observed = self.observed
        return None if observed is None else 100 * observed

    @property
    def kappa(self) -> Fraction | None:
        """Cohen's kappa, exactly; ``None`` when undefined (see :attr:`kappa_undefined`)."""
        observed, chance = self.observed, self.chance
        if observed is None or chance is None or chance == 1:
            return None
        return (observed - chance) / (1 - chance)

    @property
    def kappa_undefined(self) -> str:
        """Why kappa is undefined, or "" when it is defined."""
        if self.compared == 0:
            return "no answer was given by both readings"
        if self.chance == 1:
            return "chance agreement is 1: both readings gave one and the same answer throughout"
        return ""


@attrs.frozen
class InspectionAgreement:
    """Agreement between two readings of an inspection's cases."""

    edition: str
    version: str
    cases: tuple[str, ...]
    """The references read twice, in order."""
    first_only: tuple[str, ...]
    """References in the first reading only (not compared)."""
    second_only: tuple[str, ...]
    """References in the second reading only (not compared)."""
    questions: tuple[Agreement, ...]
    """Every question but free text, in edition order."""
    key_questions: tuple[Agreement, ...]
    """Each key question (a section a summary judgement answers), under the section's id:
    the agreement on its summary judgement."""
    overall: Agreement
    """Every scored judgement of every case pooled (id ``"overall"``)."""
    disagreements: tuple[Disagreement, ...]
    """By case, then in edition order; free text only when asked for."""


def _category(value: Value) -> Value:
    """The value compared: the options of a multiple choice in any order are the same."""
    return tuple(sorted(value)) if isinstance(value, tuple) else value


def _units(routed: RoutedCase, question: Question) -> dict[str, Value]:
    """The answers a reading gives ``question``, by option ("" for a whole answer)."""
    if not routed.check(question).applies:
        return {}
    answer = routed.case.answer(question.id)
    if answer is None:
        return {}
    value: AnswerValue = answer.value
    return dict(value.items) if isinstance(value, PerOption) else {"": value}


def _measure(identifier: str, pairs: list[tuple[Value, Value]]) -> Agreement:
    """The agreement of paired answers (each already a :func:`_category`)."""
    compared = len(pairs)
    if compared == 0:
        return Agreement(identifier, 0, 0, None)
    agreed = sum(1 for a, b in pairs if a == b)
    firsts, seconds = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    chance = Fraction(sum(n * seconds[k] for k, n in firsts.items()), compared * compared)
    return Agreement(identifier, compared, agreed, chance)


def _by_reference(
    cases: Iterable[CaseAssessment | RoutedCase], edition: Edition, which: str
) -> dict[str, RoutedCase]:
    found: dict[str, RoutedCase] = {}
    for given in cases:
        routed = route(edition, given)
        reference = routed.case.case
        if not reference:
            raise ValueError(f"a case of the {which} reading has no reference to pair it by")
        if reference in found:
            raise ValueError(f"the {which} reading has case {reference!r} twice")
        found[reference] = routed
    return found


def _compared(edition: Edition, include_narrative: bool) -> Iterator[tuple[Question, bool]]:
    """The questions looked at, each with whether it is counted (free text never is)."""
    for question in edition.questions:
        narrative = is_narrative(question)
        if include_narrative or not narrative:
            yield question, not narrative


def agreement(
    edition: Edition,
    first: Iterable[CaseAssessment | RoutedCase],
    second: Iterable[CaseAssessment | RoutedCase],
    *,
    include_narrative: bool = False,
) -> InspectionAgreement:
    """How far two readings of the same cases agree, under ``edition``.

    Cases are paired by reference (a case without one, or one reference twice in a
    reading, is a ``ValueError``); references in one reading only are listed and left
    out. Each question but free text gets an :class:`Agreement`, as does each key
    question (its summary judgement's) and the inspection overall (every scored
    judgement pooled); every difference is listed, free text's only with
    ``include_narrative`` (it is never counted).
    """
    firsts = _by_reference(first, edition, "first")
    seconds = _by_reference(second, edition, "second")
    both = [r for r in firsts if r in seconds]
    pairs: dict[str, list[tuple[Value, Value]]] = {}
    disagreements: list[Disagreement] = []
    looked_at = list(_compared(edition, include_narrative))
    for reference in both:
        one, other = firsts[reference], seconds[reference]
        for question, counted in looked_at:
            a, b = _units(one, question), _units(other, question)
            compared = pairs.setdefault(question.id, []) if counted else []
            for option in [*a, *(o for o in b if o not in a)]:
                x, y = a.get(option), b.get(option)
                if x is not None and y is not None:
                    compared.append((_category(x), _category(y)))
                    if _category(x) == _category(y):
                        continue
                disagreements.append(Disagreement(reference, question.id, option, x, y))
    # A question no case of both readings reached has nothing compared.
    questions = tuple(_measure(q.id, pairs.get(q.id, [])) for q, counted in looked_at if counted)
    by_id = {q.id: q for q in questions}
    key_questions = tuple(
        attrs.evolve(by_id[q.id], id=q.links.summarises)
        for q, _ in looked_at
        if q.links.summarises is not None and q.id in by_id
    )
    pooled = [p for q in edition.questions if q.scored for p in pairs.get(q.id, ())]
    return InspectionAgreement(
        edition=edition.id,
        version=edition.version,
        cases=tuple(both),
        first_only=tuple(r for r in firsts if r not in seconds),
        second_only=tuple(r for r in seconds if r not in firsts),
        questions=questions,
        key_questions=key_questions,
        overall=_measure("overall", pooled),
        disagreements=tuple(disagreements),
    )
