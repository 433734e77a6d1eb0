"""Indicative figures: one edition's figures set beside the nearest key question of another.

Only equivalent pairs carry answers (``carry.py``): anything else would put words in an
inspector's mouth. But an analyst comparing a 2016 inspection with 2024 ones needs
something to show, so each figure of the old edition that has no equivalent is set beside
the key question of the new edition that its closest subset, superset or intersecting
pair reaches, labelled indicative with the relation: a figure of the old edition, never
one of the new.
"""

from __future__ import annotations

import attrs

from .._loading.crosswalk import Crosswalk, CrosswalkPair, Relationship
from .._model.edition import Edition, Question
from .._scoring.rating import Figure
from .._scoring.scoring import InspectionScore

# Containment (one asks all the other does, and more) before a mere overlap.
_NEAREST = (Relationship.SUBSET, Relationship.SUPERSET, Relationship.INTERSECTS)


@attrs.frozen
class IndicativeFigure:
    """A figure of the FROM edition beside a key question of the TO edition: indicative only."""

    key_question: str
    """The TO edition's key question (section of its rating's banded level, or the paired
    question's section when it has no rating rules)."""
    pair: CrosswalkPair
    """The pair that reaches it: FROM question, TO question, relationship, rationale."""
    figure: Figure
    """The FROM question's figure over the cases, under the FROM edition."""

    @property
    def label(self) -> str:
        """``"indicative: 1.1.1 intersects A 1 S"``: what the figure is, on every line."""
        pair = self.pair
        relation = {
            Relationship.SUBSET: "is a subset of",
            Relationship.SUPERSET: "is a superset of",
            Relationship.INTERSECTS: "intersects",
        }.get(pair.relationship, pair.relationship.value)
        return f"indicative: {pair.from_question} {relation} {pair.to_question}"


@attrs.frozen
class IndicativeComparison:
    """Every FROM figure without an equivalent: placed beside a key question, or not."""

    from_edition: str
    to_edition: str
    figures: tuple[IndicativeFigure, ...]
    """In the TO edition's order of key questions, then the FROM edition's order."""
    not_placed: tuple[str, ...]
    """FROM questions with a figure but no subset, superset or intersecting pair that
    reaches a key question."""


def indicative_figures(
    crosswalk: Crosswalk, from_edition: Edition, to_edition: Edition, from_score: InspectionScore
) -> IndicativeComparison:
    """Set each figure of ``from_score`` (scored under ``from_edition``) beside the nearest
    key question of ``to_edition``, through the crosswalk's pairs that are not equivalent.

    A question with an equivalent pair is left out (its answers carry: see
    :func:`carry_case`), as is a figure counting no case. The nearest key question is the
    one reached by a subset or superset pair before an intersecting one; among those, a
    pair to the key question's summary judgement first, then the crosswalk's order.
    """
    crosswalk = crosswalk.between(from_edition.id, to_edition.id)
    placed: list[tuple[tuple[int, int], IndicativeFigure]] = []
    not_placed: list[str] = []
    order = {s.id: i for i, s in enumerate(to_edition.sections)}
    from_order = {q.id: i for i, q in enumerate(from_edition.questions)}
    for figure in from_score.questions:
        if figure.applicable == 0 or crosswalk.equivalent_from(figure.id) is not None:
            continue
        candidates = []
        for index, pair in enumerate(crosswalk.pairs_from(figure.id)):
            question = to_edition.find_question(pair.to_question)
            if pair.relationship not in _NEAREST or question is None:
                continue
            key = _key_question(to_edition, question)
            if key is None:
                continue
            direct = 0 if question.links.summarises == key else 1
            candidates.append(((_NEAREST.index(pair.relationship), direct, index), key, pair))
        if not candidates:
            not_placed.append(figure.id)
            continue
        _, key, pair = min(candidates, key=lambda c: c[0])
        where = (order.get(key, len(order)), from_order.get(figure.id, 0))
        placed.append((where, IndicativeFigure(key, pair, figure)))
    return IndicativeComparison(
        from_edition.id,
        to_edition.id,
        tuple(f for _, f in sorted(placed, key=lambda item: item[0])),
        tuple(not_placed),
    )


def _key_question(edition: Edition, question: Question) -> str | None:
    """The key question a question answers or lies in; its section without rating rules."""
    rules = edition.rating
    if rules is None:
        return question.section
    if question.links.summarises:
        return question.links.summarises
    if question.links.key_question:
        return question.links.key_question
    for section in reversed(edition.section_path(question.section)):
        if section.level == rules.banded_level:
            return section.id
    return None
