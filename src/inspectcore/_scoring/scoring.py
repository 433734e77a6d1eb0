"""Aggregating judgements over an inspection's cases: figures per question and key question,
and ratings by the edition's rules."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

import attrs

from .._cases.case import CaseAssessment
from .._model.edition import Edition, Question
from .._model.rules import RatingRules
from .._routing.routed import RoutedCase, route
from .groups import GroupFigure, group_figures
from .rating import Figure, Rating, rate


@attrs.frozen
class ExcludedCase:
    """A case taken out of the sample by one of the edition's exclusion rules."""

    case: str
    exclusion: str
    reason: str


@attrs.frozen
class LeftOutCase:
    """A case left out of an inspection's figures because it is not complete (a command's
    ``--complete-only``), with its status and the reason."""

    file: str
    """The case file's name."""
    case: str
    """The case reference ("" when the case has none)."""
    status: str
    """The case's progress (``in progress``, as :func:`~inspectcore.case_status` says)."""
    reason: str
    """Why it is not complete (``1 left to answer (I 1.4)``)."""


@attrs.frozen
class InspectionScore:
    """The figures and ratings of one inspection under one edition."""

    edition: str
    version: str
    cases: tuple[str, ...]
    """The cases scored, by reference (or file name when a case has none)."""
    questions: tuple[Figure, ...]
    key_questions: tuple[Figure, ...]
    ratings: tuple[Rating, ...]
    excluded: tuple[ExcludedCase, ...] = ()
    """Cases left out of every figure, each with the rule and reason that excluded it."""
    groups: tuple[GroupFigure, ...] = ()
    """Criteria, themes and modules, by the edition's group scoring method (if it has one)."""
    left_out: tuple[LeftOutCase, ...] = ()
    """Cases not scored because they are not complete (only when asked to leave them out)."""
    scored: int = attrs.field(default=attrs.Factory(lambda self: len(self.cases), takes_self=True))
    """How many cases were scored: ``len(cases)``, unless the counter was asked not to
    keep their names (``ScoreCounter(edition, keep_names=False)``; ``cases`` is then
    empty)."""


class ScoreCounter:
    """Scores an inspection one case at a time, in the memory of per-question counters.

    :meth:`add` each ``(name, case)``, then :meth:`result`; what :func:`score` does
    with a list, done without one, so that an inspection read case by case (an
    :class:`~inspectcore.InspectionReader`) is scored in flat memory. Only the
    references of the cases scored (unless ``keep_names`` is false) and the excluded
    cases are kept.
    """

    def __init__(self, edition: Edition, *, keep_names: bool = True) -> None:
        self.edition = edition
        # The names are the only state that grows with the inspection: a command that
        # shows only how many were scored does not keep them.
        self._keep_names = keep_names
        self._names: list[str] = []
        self._count = 0
        self._excluded: list[ExcludedCase] = []
        self._left_out: list[LeftOutCase] = []
        # Each scored question with the values judged sufficient and insufficient,
        # worked out once for the edition rather than once per case.
        self._scored: list[tuple[Question, frozenset[str], frozenset[str]]] = []
        for question in edition.questions:
            if question.scored:
                sufficient, insufficient = edition.judged_as(question)
                self._scored.append((question, frozenset(sufficient), frozenset(insufficient)))
        self._counts: dict[str, list[int]] = {q.id: [0, 0] for q, _, _ in self._scored}

    def add(self, name: str, given: CaseAssessment | RoutedCase) -> None:
        """Count one case (routed under the edition unless given already routed)."""
        routed = route(self.edition, given)
        case, rule = routed.case, routed.exclusion
        if rule is not None:
            self._excluded.append(ExcludedCase(case.case or name, rule.id, rule.reason))
            return
        self._count += 1
        if self._keep_names:
            self._names.append(case.case or name)
        counts = self._counts
        for question, sufficient, insufficient in self._scored:
            # A question answered per option (per priority factor) gives one judgement per option.
            for judged in routed.judgements(question):
                if judged in sufficient:
                    counts[question.id][0] += 1
                    counts[question.id][1] += 1
                elif judged in insufficient:
                    counts[question.id][0] += 1

    def leave_out(self, case: LeftOutCase) -> None:
        """Record a case left out as not complete: counted nowhere, listed in the result."""
        self._left_out.append(case)

    def result(self) -> InspectionScore:
        """The figures and ratings of the cases added so far."""
        edition = self.edition
        figures = tuple(Figure(qid, n, ok) for qid, (n, ok) in self._counts.items())
        by_question = {f.id: f for f in figures}
        key_figures: dict[str, Figure] = {}
        ratings: tuple[Rating, ...] = ()
        rules = edition.rating
        if rules is not None:
            for section in edition.sections:
                if section.level != rules.banded_level:
                    continue
                summary = next(
                    (q for q in edition.questions if q.links.summarises == section.id), None
                )
                if summary is not None and summary.id in by_question:
                    figure = by_question[summary.id]
                    key_figures[section.id] = Figure(
                        section.id, figure.applicable, figure.sufficient
                    )
            ratings = rate(
                rules,
                _banded_children(edition, rules),
                key_figures,
                absent="has no scored question summarising it",
            )
        return InspectionScore(
            edition=edition.id,
            version=edition.version,
            cases=tuple(self._names),
            questions=figures,
            key_questions=tuple(key_figures.values()),
            ratings=ratings,
            excluded=tuple(self._excluded),
            groups=group_figures(edition, by_question),
            left_out=tuple(self._left_out),
            scored=self._count,
        )


def score(
    edition: Edition, cases: Iterable[tuple[str, CaseAssessment | RoutedCase]]
) -> InspectionScore:
    """Score ``cases`` (``(name, case)`` pairs) under ``edition``.

    Every scored question gets a figure; every section of the rating rules'
    banded level gets the figure of the summary judgement that answers it; and
    each rated section is rated by the edition's rules. A case given already routed
    under ``edition`` (a :class:`~inspectcore.RoutedCase`) is not routed again.
    ``cases`` may be any iterable, read once (see :class:`ScoreCounter`).
    """
    counter = ScoreCounter(edition)
    for name, given in cases:
        counter.add(name, given)
    return counter.result()


def _banded_children(edition: Edition, rules: RatingRules) -> dict[str, list[str]]:
    """Each rated section's banded child sections (sections with none are left out)."""
    children = {
        rated.id: [
            s.id for s in edition.sections if s.parent == rated.id and s.level == rules.banded_level
        ]
        for rated in edition.sections
        if rated.level == rules.rated_level
    }
    return {rated: kids for rated, kids in children.items() if kids}


def rate_percentages(edition: Edition, percentages: dict[str, Fraction]) -> tuple[Rating, ...]:
    """Rate an edition's sections from key-question percentages given directly (what-if).

    Keys are banded-section ids (``"A 1"``, or ``"A1"`` without spaces); sections
    whose children are all absent are left out, and a section with some of its
    children given is not rated (``Rating.missing`` names the others). Raises ``ValueError`` for an
    unknown id or a percentage outside 0–100, and ``LookupError``-derived
    :class:`UnknownEditionError` if the edition has no rating rules.
    """
    from .._errors import UnknownEditionError
    from .._model.edition import normalise_id

    rules = edition.rating
    if rules is None:
        raise UnknownEditionError(f"edition {edition.id!r} has no rating rules")
    banded = {normalise_id(s.id): s.id for s in edition.sections if s.level == rules.banded_level}
    figures: dict[str, Figure] = {}
    for given, percent in percentages.items():
        section_id = banded.get(normalise_id(given))
        if section_id is None:
            raise ValueError(
                f"{given!r} is not a {rules.banded_level} of {edition.id} "
                f"(one of: {', '.join(banded.values())})"
            )
        if not 0 <= percent <= 100:
            shown = str(percent) if len(str(percent)) <= 20 else "the number given"
            raise ValueError(f"{given}: {shown} is not a percentage from 0 to 100")
        # Expressed as a figure over 100 * denominator cases, exactly.
        figures[section_id] = Figure(
            section_id, 100 * percent.denominator, int(percent * percent.denominator)
        )
    with_figures = {
        rated: kids
        for rated, kids in _banded_children(edition, rules).items()
        if any(k in figures for k in kids)
    }
    return rate(rules, with_figures, figures, absent="was not given")
