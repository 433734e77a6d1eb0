"""Figures for groups (criteria, themes, modules): how an edition's judgements add up.

Guidance documents rarely state a formula for a theme's score, so the method is
edition data (``[group_scoring]`` in ``edition.toml``), chosen by name from
:data:`GROUP_SCORING_METHODS`, and carries the provenance of that choice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from .._model import rules
from .rating import Figure

if TYPE_CHECKING:
    from .._model.edition import Edition


@attrs.frozen
class GroupFigure:
    """A group's figure: its scored judgements over the inspection, and its percentage.

    ``applicable`` and ``sufficient`` count judgements (a case answering three
    member questions gives three); ``percent`` is what the method makes of them.
    """

    id: str
    kind: str
    questions: tuple[str, ...]
    """The scored questions counting towards the group, directly or through its parts."""
    applicable: int
    sufficient: int
    percent: Fraction | None
    """``None`` when no member judgement applied to any case."""
    method: str


GroupMethod = Callable[[Sequence[Figure]], Fraction | None]
"""Computes a group's percentage from the figures of its member questions."""


def _pooled(members: Sequence[Figure]) -> Fraction | None:
    applicable = sum(f.applicable for f in members)
    if applicable == 0:
        return None
    return Fraction(100 * sum(f.sufficient for f in members), applicable)


def _mean_of_questions(members: Sequence[Figure]) -> Fraction | None:
    percents = [f.percent for f in members if f.percent is not None]
    if not percents:
        return None
    return sum(percents, Fraction(0)) / len(percents)


GROUP_SCORING_METHODS: Mapping[str, GroupMethod] = {
    # Every judgement counts once: a question answered in more cases weighs more.
    "pooled": _pooled,
    # Every question counts once, whatever the number of cases it applied to.
    "mean-of-questions": _mean_of_questions,
}
"""The group scoring methods an edition can name."""


def group_members(edition: Edition) -> dict[str, tuple[str, ...]]:
    """Each group's scored questions, following ``part_of`` upwards (in edition order)."""
    parents = {g.id: g.part_of for g in edition.groups}
    members: dict[str, list[str]] = {g.id: [] for g in edition.groups}
    for question in edition.questions:
        if not question.scored:
            continue
        reached: set[str] = set()
        pending = [t for t in question.links.counts_towards if t in parents]
        while pending:
            group = pending.pop()
            if group in reached:
                continue
            reached.add(group)
            pending.extend(parents[group])
        for group in reached:
            members[group].append(question.id)
    return {group: tuple(ids) for group, ids in members.items()}


def group_figures(edition: Edition, figures: Mapping[str, Figure]) -> tuple[GroupFigure, ...]:
    """The figure of every group the edition's ``group_scoring`` covers (none without it)."""
    scoring = edition.group_scoring
    if scoring is None:
        return ()
    method = GROUP_SCORING_METHODS[scoring.method]
    members_of = group_members(edition)
    result = []
    for group in edition.groups:
        if scoring.kinds and group.kind not in scoring.kinds:
            continue
        ids = members_of[group.id]
        members = [figures[q] for q in ids if q in figures]
        result.append(
            GroupFigure(
                id=group.id,
                kind=group.kind,
                questions=ids,
                applicable=sum(f.applicable for f in members),
                sufficient=sum(f.sufficient for f in members),
                percent=method(members),
                method=scoring.method,
            )
        )
    return tuple(result)


# The names edition data may use are model vocabulary; each must have its method here.
assert tuple(GROUP_SCORING_METHODS) == rules.GROUP_SCORING_METHODS
