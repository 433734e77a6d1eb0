"""Checking a crosswalk against its two editions, and the coverage figures it gives by area."""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterator

import attrs

from .._loading.crosswalk import Crosswalk, CrosswalkPair, Relationship
from .._model.domains import Domain, MultipleChoice, SingleChoice, YesNo
from .._model.edition import Edition, Question


class CrosswalkRule(enum.Enum):
    """The integrity rule a crosswalk problem breaks."""

    EDITIONS = "editions"
    """The crosswalk is not between the two editions it is checked against."""
    UNKNOWN_QUESTION = "unknown-question"
    """A pair or an unmatched entry names a question its edition does not have (ids exact)."""
    DUPLICATE_PAIR = "duplicate-pair"
    """The same FROM and TO question are paired twice."""
    EQUIVALENT_NOT_EXCLUSIVE = "equivalent-not-exclusive"
    """A question is equivalent to two questions of the other edition."""
    VALUES_NOT_EQUIVALENT = "values-not-equivalent"
    """A value map on a pair that is not equivalent."""
    VALUES_INCOMPLETE = "values-incomplete"
    """A value map that misses an option of the FROM question, or names one it does not have."""
    VALUES_INVALID = "values-invalid"
    """A value map whose target is not a valid answer to the TO question."""
    DOMAINS_DIFFER = "domains-differ"
    """An equivalent pair without a value map whose answers cannot be taken over as they are."""
    NOT_COVERED = "not-covered"
    """A scored judgement is neither paired nor listed as unmatched."""
    MAPPED_AND_UNMATCHED = "mapped-and-unmatched"
    """A question is both paired and listed as unmatched."""
    DUPLICATE_UNMATCHED = "duplicate-unmatched"
    """A question is listed as unmatched twice."""
    UNKNOWN_AREA_ITEM = "unknown-area-item"
    """An area names a section or group its edition does not have."""
    DUPLICATE_AREA = "duplicate-area"
    """Two areas share an id."""
    RATIONALE = "rationale"
    """A rationale is empty or more than one line."""


@attrs.frozen
class CrosswalkProblem:
    """One broken integrity rule, with the place in the crosswalk file."""

    rule: CrosswalkRule
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def scored_judgements(edition: Edition) -> tuple[Question, ...]:
    """The questions of an edition that count in its figures (``scored``), in order."""
    return tuple(q for q in edition.questions if q.scored)


def check_crosswalk(
    crosswalk: Crosswalk, from_edition: Edition, to_edition: Edition
) -> tuple[CrosswalkProblem, ...]:
    """Every way ``crosswalk`` breaks the integrity rules against its two editions.

    Ids exist (exactly as printed); no pair is listed twice; an equivalent pair is the
    only equivalent pair of both its questions; value maps are only on equivalent pairs,
    cover every option of the FROM question and give valid TO answers; an equivalent pair
    without a map can take answers over as they are; every scored judgement of both
    editions is paired or unmatched, and not both; area ids exist. The relationship
    vocabulary is enforced when the file is read.

    A crosswalk read backwards (:meth:`Crosswalk.reversed`) is checked as its file is
    written, and the problems name places in that file.
    """
    if crosswalk.as_written is not None and (
        (crosswalk.from_edition, crosswalk.to_edition) == (from_edition.id, to_edition.id)
    ):
        return check_crosswalk(crosswalk.as_written, to_edition, from_edition)
    if (crosswalk.from_edition, crosswalk.to_edition) != (from_edition.id, to_edition.id):
        where = crosswalk.source or "crosswalk"
        return (
            CrosswalkProblem(
                CrosswalkRule.EDITIONS,
                where,
                f"is from {crosswalk.from_edition!r} to {crosswalk.to_edition!r}, checked "
                f"against {from_edition.id!r} and {to_edition.id!r}",
            ),
        )
    return tuple(_Checker(crosswalk, from_edition, to_edition).run())


@attrs.define
class _Checker:
    crosswalk: Crosswalk
    old: Edition
    new: Edition

    def problem(self, rule: CrosswalkRule, where: str, message: str) -> CrosswalkProblem:
        return CrosswalkProblem(rule, where, message)

    def run(self) -> Iterator[CrosswalkProblem]:
        seen: set[tuple[str, str]] = set()
        for index, pair in enumerate(self.crosswalk.pairs):
            where = f"pairs[{index}] ({pair.from_question} -> {pair.to_question})"
            found = [self.exists(self.old, pair.from_question, where, "from")]
            found.append(self.exists(self.new, pair.to_question, where, "to"))
            yield from (p for p in found if p is not None)
            if (pair.from_question, pair.to_question) in seen:
                yield self.problem(
                    CrosswalkRule.DUPLICATE_PAIR, where, "this pair is listed before"
                )
            seen.add((pair.from_question, pair.to_question))
            yield from self.rationale(pair.rationale, where)
            if not any(found):
                yield from self.values(pair, where)
        yield from self.exclusive()
        yield from self.unmatched()
        yield from self.coverage()
        yield from self.areas()

    def exists(
        self, edition: Edition, question_id: str, where: str, side: str
    ) -> CrosswalkProblem | None:
        found = edition.find_question(question_id)
        if found is not None and found.id == question_id:
            return None
        hint = f"; did you mean {found.id!r}?" if found is not None else ""
        return self.problem(
            CrosswalkRule.UNKNOWN_QUESTION,
            where,
            f"{side}: {edition.id} has no question {question_id!r}{hint}",
        )

    def rationale(self, text: str, where: str) -> Iterator[CrosswalkProblem]:
        if not text.strip() or "\n" in text.strip():
            yield self.problem(CrosswalkRule.RATIONALE, where, "the rationale must be one line")

    def values(self, pair: CrosswalkPair, where: str) -> Iterator[CrosswalkProblem]:
        old_q = self.old.question(pair.from_question)
        new_q = self.new.question(pair.to_question)
        if pair.values and pair.relationship is not Relationship.EQUIVALENT:
            yield self.problem(
                CrosswalkRule.VALUES_NOT_EQUIVALENT,
                where,
                f"values map answers, so only an equivalent pair may have one "
                f"(this one is {pair.relationship.value})",
            )
            return
        if pair.relationship is not Relationship.EQUIVALENT:
            return
        old_d, new_d = old_q.answer, new_q.answer
        multiple = isinstance(old_d, MultipleChoice), isinstance(new_d, MultipleChoice)
        if multiple[0] != multiple[1]:
            yield self.problem(
                CrosswalkRule.DOMAINS_DIFFER,
                where,
                f"one question takes several options, the other one ({old_d.describe()} vs "
                f"{new_d.describe()})",
            )
            return
        if pair.values:
            yield from self.value_map(pair, old_d, new_d, where)
            return
        if _is_choice(old_d) and _is_choice(new_d):
            missing = [v for v in _options(old_d) if v not in _options(new_d)]
            if missing:
                yield self.problem(
                    CrosswalkRule.DOMAINS_DIFFER,
                    where,
                    f"options of {old_q.id} that {new_q.id} does not have: "
                    f"{', '.join(map(repr, missing))}; add a values map",
                )
        elif old_d.type != new_d.type:
            yield self.problem(
                CrosswalkRule.DOMAINS_DIFFER,
                where,
                f"answers are {old_d.describe()} in {old_q.id} but {new_d.describe()} in "
                f"{new_q.id}",
            )

    def value_map(
        self, pair: CrosswalkPair, old_d: Domain, new_d: Domain, where: str
    ) -> Iterator[CrosswalkProblem]:
        if not _is_choice(old_d):
            yield self.problem(
                CrosswalkRule.VALUES_INCOMPLETE,
                where,
                f"{pair.from_question} has no options to map ({old_d.describe()})",
            )
            return
        mapped = dict(pair.values)
        options = _options(old_d)
        unknown = [k for k in mapped if k not in options]
        missing = [o for o in options if o not in mapped]
        if unknown:
            yield self.problem(
                CrosswalkRule.VALUES_INCOMPLETE,
                where,
                f"values: not options of {pair.from_question}: {', '.join(map(repr, unknown))}",
            )
        if missing:
            yield self.problem(
                CrosswalkRule.VALUES_INCOMPLETE,
                where,
                f"values: options of {pair.from_question} not mapped: "
                f"{', '.join(map(repr, missing))}",
            )
        wrong = [v for v in mapped.values() if not _is_choice(new_d) or v not in _options(new_d)]
        if wrong:
            yield self.problem(
                CrosswalkRule.VALUES_INVALID,
                where,
                f"values: not answers to {pair.to_question} ({new_d.describe()}): "
                f"{', '.join(map(repr, wrong))}",
            )

    def exclusive(self) -> Iterator[CrosswalkProblem]:
        equivalent = [p for p in self.crosswalk.pairs if p.relationship is Relationship.EQUIVALENT]
        for side, edition in (("from", self.old), ("to", self.new)):
            ids = Counter(p.from_question if side == "from" else p.to_question for p in equivalent)
            for question_id, count in ids.items():
                if count > 1:
                    yield self.problem(
                        CrosswalkRule.EQUIVALENT_NOT_EXCLUSIVE,
                        f"pairs ({side} {question_id})",
                        f"{edition.id} {question_id} is equivalent to {count} questions; "
                        "an equivalent pair must be its questions' only one",
                    )

    def unmatched(self) -> Iterator[CrosswalkProblem]:
        seen: set[tuple[str, str]] = set()
        for index, item in enumerate(self.crosswalk.unmatched):
            where = f"unmatched[{index}] ({item.edition} {item.question})"
            edition = self.old if item.edition == self.old.id else self.new
            if (problem := self.exists(edition, item.question, where, "question")) is not None:
                yield problem
            if (item.edition, item.question) in seen:
                yield self.problem(
                    CrosswalkRule.DUPLICATE_UNMATCHED, where, "this question is listed before"
                )
            seen.add((item.edition, item.question))
            yield from self.rationale(item.rationale, where)

    def coverage(self) -> Iterator[CrosswalkProblem]:
        for edition, side in ((self.old, "from"), (self.new, "to")):
            paired = {
                p.from_question if side == "from" else p.to_question for p in self.crosswalk.pairs
            }
            unmatched = {u.question for u in self.crosswalk.unmatched_in(edition.id)}
            for question_id in sorted(paired & unmatched):
                yield self.problem(
                    CrosswalkRule.MAPPED_AND_UNMATCHED,
                    f"unmatched ({edition.id} {question_id})",
                    "the question is also paired; list it in one place only",
                )
            for question in scored_judgements(edition):
                if question.id not in paired and question.id not in unmatched:
                    yield self.problem(
                        CrosswalkRule.NOT_COVERED,
                        f"{edition.id} {question.id}",
                        "a scored judgement with neither a pair nor an [[unmatched]] entry",
                    )

    def areas(self) -> Iterator[CrosswalkProblem]:
        seen: set[str] = set()
        for index, area in enumerate(self.crosswalk.areas):
            where = f"areas[{index}] ({area.id})"
            if area.id in seen:
                yield self.problem(
                    CrosswalkRule.DUPLICATE_AREA, where, "an area before has this id"
                )
            seen.add(area.id)
            for edition, items in ((self.old, area.from_items), (self.new, area.to_items)):
                known = {s.id for s in edition.sections} | {g.id for g in edition.groups}
                for item in items:
                    if item not in known:
                        yield self.problem(
                            CrosswalkRule.UNKNOWN_AREA_ITEM,
                            where,
                            f"{edition.id} has no section or group {item!r}",
                        )


def _is_choice(domain: Domain) -> bool:
    return isinstance(domain, YesNo | SingleChoice | MultipleChoice)


def _options(domain: Domain) -> tuple[str, ...]:
    return domain.values if isinstance(domain, YesNo | SingleChoice | MultipleChoice) else ()
