"""Coverage figures from a crosswalk: the share of scored judgements mapped, by area."""

from __future__ import annotations

from fractions import Fraction

import attrs

from .._loading.crosswalk import Crosswalk, Relationship
from .._model.edition import Edition, Question
from .crosswalk_check import scored_judgements


@attrs.frozen
class SideCoverage:
    """One edition's scored judgements in an area, and those the crosswalk maps."""

    edition: str
    judgements: tuple[str, ...]
    with_counterpart: tuple[str, ...]
    """Paired with any relationship."""
    with_equivalent: tuple[str, ...]
    """Paired as equivalent: their answers carry across."""

    @property
    def without_counterpart(self) -> tuple[str, ...]:
        """The judgements with no pair at all."""
        return tuple(q for q in self.judgements if q not in self.with_counterpart)

    @property
    def counterpart_percent(self) -> Fraction | None:
        """The exact share with a counterpart, or ``None`` when the area has no judgement."""
        return _percent(len(self.with_counterpart), len(self.judgements))

    @property
    def equivalent_percent(self) -> Fraction | None:
        """The exact share with an equivalent, or ``None`` when the area has no judgement."""
        return _percent(len(self.with_equivalent), len(self.judgements))


def _percent(part: int, whole: int) -> Fraction | None:
    return Fraction(100 * part, whole) if whole else None


@attrs.frozen
class AreaCoverage:
    """Coverage of one area (or of the whole of both editions) on each side."""

    id: str
    title: str
    from_side: SideCoverage
    to_side: SideCoverage


@attrs.frozen
class CrosswalkCoverage:
    """Coverage per area, and over every scored judgement of both editions."""

    from_edition: str
    to_edition: str
    areas: tuple[AreaCoverage, ...]
    overall: AreaCoverage
    outside: AreaCoverage | None = None
    """The judgements in no area (id ``"no area"``)."""
    repeated: AreaCoverage | None = None
    """The judgements in more than one area, once for each area after the first (id
    ``"repeated"``): the areas, plus ``outside``, less ``repeated``, count ``overall``."""

    def rows(self) -> tuple[AreaCoverage, ...]:
        """The areas, then the judgements in no area and those counted again (when there
        are any), then the overall figures: the rows of a coverage table that adds up."""
        extra = tuple(
            row
            for row in (self.outside, self.repeated)
            if row is not None and (row.from_side.judgements or row.to_side.judgements)
        )
        return (*self.areas, *extra, self.overall)


def crosswalk_coverage(
    crosswalk: Crosswalk, from_edition: Edition, to_edition: Edition
) -> CrosswalkCoverage:
    """The share of each edition's scored judgements that have a counterpart, by area.

    A judgement is in an area when it lies in one of the area's sections of its edition
    or counts towards one of its groups (directly, or through a group that is part of
    it). A judgement in two areas counts in both.
    """
    crosswalk = crosswalk.between(from_edition.id, to_edition.id)

    def side(edition: Edition, items: tuple[str, ...] | None, *, is_from: bool) -> SideCoverage:
        pairs = crosswalk.pairs
        paired = {p.from_question if is_from else p.to_question for p in pairs}
        equivalent = {
            p.from_question if is_from else p.to_question
            for p in pairs
            if p.relationship is Relationship.EQUIVALENT
        }
        ids = tuple(
            q.id for q in scored_judgements(edition) if items is None or in_area(edition, q, items)
        )
        return SideCoverage(
            edition.id,
            ids,
            tuple(q for q in ids if q in paired),
            tuple(q for q in ids if q in equivalent),
        )

    areas = tuple(
        AreaCoverage(
            area.id,
            area.title,
            side(from_edition, area.from_items, is_from=True),
            side(to_edition, area.to_items, is_from=False),
        )
        for area in crosswalk.areas
    )
    overall = AreaCoverage(
        "all",
        "Every scored judgement",
        side(from_edition, None, is_from=True),
        side(to_edition, None, is_from=False),
    )

    def subset(whole: SideCoverage, ids: list[str]) -> SideCoverage:
        def keep(among: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(q for q in ids if q in among)

        return SideCoverage(
            whole.edition, tuple(ids), keep(whole.with_counterpart), keep(whole.with_equivalent)
        )

    def split(name: str, *, outside: bool) -> SideCoverage:
        """One side's judgements in no area, or those in more than one (once per extra)."""
        whole: SideCoverage = getattr(overall, name)
        ids: list[str] = []
        for q in whole.judgements:
            times = sum(q in getattr(a, name).judgements for a in areas)
            ids += [q] if outside and times == 0 else [q] * (0 if outside else max(times - 1, 0))
        return subset(whole, ids)

    no_area = AreaCoverage(
        "no area",
        "In no area",
        split("from_side", outside=True),
        split("to_side", outside=True),
    )
    again = AreaCoverage(
        "repeated",
        "In more than one area, counted again",
        split("from_side", outside=False),
        split("to_side", outside=False),
    )
    return CrosswalkCoverage(from_edition.id, to_edition.id, areas, overall, no_area, again)


def in_area(edition: Edition, question: Question, items: tuple[str, ...]) -> bool:
    """Whether a question lies in one of the sections, or counts towards one of the groups."""
    wanted = set(items)
    if any(s.id in wanted for s in edition.section_path(question.section)):
        return True
    links = question.links
    reached: set[str] = set()
    todo = [*links.counts_towards, *(x for x in (links.key_question, links.summarises) if x)]
    while todo:
        item = todo.pop()
        if item in reached:
            continue
        reached.add(item)
        group = edition.group(item)
        if group is not None:
            todo += group.part_of
    return bool(reached & wanted)
