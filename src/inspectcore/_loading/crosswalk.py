"""Crosswalks: which question of one edition corresponds to which of another, and how closely.

The relationships are those of NIST OSCAL's control mappings, read as "FROM is … of TO":
``equivalent``, ``subset`` (TO asks more), ``superset`` (FROM asks more) and
``intersects`` (each asks something the other does not). The file format is in
docs/edition-data.md ("Crosswalks"); :func:`check_crosswalk` checks one against the two
editions.
"""

from __future__ import annotations

import enum
import functools
from typing import TYPE_CHECKING, Any

import attrs

from .._errors import CrosswalkDataError
from .._util import toml as _toml
from .._util.converter import (
    SCHEMA_METADATA,
    make_converter,
    structure,
    unknown_keys_message,
)
from .._util.resources import DataFile

if TYPE_CHECKING:
    import cattrs


class Relationship(enum.Enum):
    """How the FROM question relates to the TO question (OSCAL mapping vocabulary)."""

    EQUIVALENT = "equivalent"
    """They judge or record the same thing: an answer to one is an answer to the other."""
    SUBSET = "subset"
    """Everything FROM asks is within what TO asks; TO asks more."""
    SUPERSET = "superset"
    """FROM asks everything TO asks, and more."""
    INTERSECTS = "intersects"
    """They overlap, and each asks something the other does not."""

    def reversed(self) -> Relationship:
        """The relationship read the other way round (subset and superset swap)."""
        swap = {
            Relationship.SUBSET: Relationship.SUPERSET,
            Relationship.SUPERSET: Relationship.SUBSET,
        }
        return swap.get(self, self)


@attrs.frozen
class CrosswalkPair:
    """One mapping from a FROM question to a TO question."""

    from_question: str
    to_question: str
    relationship: Relationship
    rationale: str
    values: tuple[tuple[str, str], ...] = ()
    """For equivalent pairs whose options are spelled differently: FROM option -> TO option."""

    def reversed(self) -> CrosswalkPair:
        """The pair read from TO to FROM; a value map is inverted where it is one-to-one."""
        targets = [to for _, to in self.values]
        inverse = tuple((to, fr) for fr, to in self.values if targets.count(to) == 1)
        return CrosswalkPair(
            self.to_question,
            self.from_question,
            self.relationship.reversed(),
            self.rationale,
            inverse,
        )


@attrs.frozen
class CrosswalkArea:
    """A part of the inspection both editions cover (desistance, safeguarding, risk of harm).

    Each side lists sections or groups of its edition; a question is in the area when it
    lies in a listed section, or counts towards a listed group (directly or through a
    group that is ``part_of`` it).
    """

    id: str
    title: str
    from_items: tuple[str, ...]
    to_items: tuple[str, ...]

    def reversed(self) -> CrosswalkArea:
        """The area with its two sides swapped."""
        return CrosswalkArea(self.id, self.title, self.to_items, self.from_items)


@attrs.frozen
class UnmatchedQuestion:
    """A question of one of the two editions that has no counterpart in the other."""

    edition: str
    question: str
    rationale: str


@attrs.frozen
class Crosswalk:
    """The pairs, areas and unmatched questions between two editions, FROM -> TO."""

    from_edition: str
    to_edition: str
    title: str
    basis: str
    pairs: tuple[CrosswalkPair, ...]
    areas: tuple[CrosswalkArea, ...] = ()
    unmatched: tuple[UnmatchedQuestion, ...] = ()
    source: str = ""
    """Where it was read from (a file name), for messages."""
    as_written: Crosswalk | None = attrs.field(default=None, eq=False, repr=False)
    """When this crosswalk is another one read backwards: that one, as its file has it."""

    def pairs_from(self, question_id: str) -> tuple[CrosswalkPair, ...]:
        """The pairs whose FROM question is ``question_id``."""
        return tuple(p for p in self.pairs if p.from_question == question_id)

    def pairs_to(self, question_id: str) -> tuple[CrosswalkPair, ...]:
        """The pairs whose TO question is ``question_id``."""
        return tuple(p for p in self.pairs if p.to_question == question_id)

    def equivalent_from(self, question_id: str) -> CrosswalkPair | None:
        """The equivalent pair of a FROM question, if it has one."""
        return next(
            (p for p in self.pairs_from(question_id) if p.relationship is Relationship.EQUIVALENT),
            None,
        )

    def equivalent_to(self, question_id: str) -> CrosswalkPair | None:
        """The equivalent pair of a TO question, if it has one."""
        return next(
            (p for p in self.pairs_to(question_id) if p.relationship is Relationship.EQUIVALENT),
            None,
        )

    def unmatched_in(self, edition_id: str) -> tuple[UnmatchedQuestion, ...]:
        """The questions of one edition listed as having no counterpart."""
        return tuple(u for u in self.unmatched if u.edition == edition_id)

    def reversed(self) -> Crosswalk:
        """The same crosswalk read from TO to FROM (reversing it again gives it back)."""
        if self.as_written is not None:
            return self.as_written
        return attrs.evolve(
            self,
            from_edition=self.to_edition,
            to_edition=self.from_edition,
            pairs=tuple(p.reversed() for p in self.pairs),
            areas=tuple(a.reversed() for a in self.areas),
            as_written=self,
        )

    def between(self, from_edition: str, to_edition: str) -> Crosswalk:
        """This crosswalk in the direction asked for (reversed when needed).

        Raises ``ValueError`` when it is not between those two editions.
        """
        if (self.from_edition, self.to_edition) == (from_edition, to_edition):
            return self
        if (self.to_edition, self.from_edition) == (from_edition, to_edition):
            return self.reversed()
        raise ValueError(
            f"the crosswalk is between {self.from_edition!r} and {self.to_edition!r}, "
            f"not {from_edition!r} and {to_edition!r}"
        )


# -- the file form ----------------------------------------------------------------------------


@attrs.frozen
class _RawPair:
    from_: str
    to: str
    relationship: Relationship
    rationale: str
    values: dict[str, str] = attrs.Factory(dict)


@attrs.frozen
class _RawUnmatched:
    edition: str
    question: str
    rationale: str


_AREAS = {
    "type": "array",
    "items": {
        "type": "object",
        "description": "An area: id, title, and per edition id a list of sections or groups",
        "properties": {"id": {"type": "string"}, "title": {"type": "string"}},
        "required": ["id", "title"],
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    },
}
"""The schema of ``areas``: two of their keys are the edition ids (checked by :func:`_area`)."""


@attrs.frozen
class _RawCrosswalk:
    from_: str
    to: str
    title: str = ""
    basis: str = ""
    pairs: list[_RawPair] = attrs.Factory(list)
    areas: list[dict[str, Any]] = attrs.field(factory=list, metadata={SCHEMA_METADATA: _AREAS})
    unmatched: list[_RawUnmatched] = attrs.Factory(list)


@functools.cache  # made on first use
def _converter() -> cattrs.Converter:
    converter = make_converter()

    def relationship(value: object, _: object) -> Relationship:
        try:
            return Relationship(value)
        except ValueError:
            allowed = ", ".join(r.value for r in Relationship)
            raise ValueError(f"{value!r} is not a relationship (one of: {allowed})") from None

    def any_table(value: object, _: object) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise ValueError(f"expected a table, got {value!r}")
        return value

    converter.register_structure_hook(Relationship, relationship)
    converter.register_structure_hook_func(lambda t: t == dict[str, Any], any_table)
    return converter


def crosswalk_from_data(data: dict[str, Any], name: str = "<data>") -> Crosswalk:
    """Build a crosswalk from parsed TOML; raise :class:`CrosswalkDataError` naming each bad key."""

    def fail(problems: tuple[str, ...]) -> CrosswalkDataError:
        return CrosswalkDataError(
            f"{name}: not in the crosswalk format (docs/edition-data.md#crosswalks)", problems
        )

    raw = structure(_converter(), data, _RawCrosswalk, fail, name)
    if raw.from_ == raw.to:
        raise CrosswalkDataError(f"{name}: from and to are both {raw.from_!r}")
    problems: list[str] = []
    areas = tuple(
        area
        for index, table in enumerate(raw.areas)
        if (area := _area(table, raw, f"{name}: areas[{index}]", problems)) is not None
    )
    for index, item in enumerate(raw.unmatched):
        if item.edition not in (raw.from_, raw.to):
            problems.append(
                f"{name}: unmatched[{index}].edition: {item.edition!r} is neither "
                f"{raw.from_!r} nor {raw.to!r}"
            )
    if problems:
        raise CrosswalkDataError(
            f"{name}: not in the crosswalk format (docs/edition-data.md#crosswalks)",
            tuple(problems),
        )
    return Crosswalk(
        from_edition=raw.from_,
        to_edition=raw.to,
        title=raw.title,
        basis=raw.basis,
        pairs=tuple(
            CrosswalkPair(p.from_, p.to, p.relationship, p.rationale, tuple(p.values.items()))
            for p in raw.pairs
        ),
        areas=areas,
        unmatched=tuple(
            UnmatchedQuestion(u.edition, u.question, u.rationale) for u in raw.unmatched
        ),
        source=name,
    )


def _area(
    table: dict[str, Any], raw: _RawCrosswalk, where: str, problems: list[str]
) -> CrosswalkArea | None:
    """An area table: ``id``, ``title`` and one list of ids per edition, keyed by edition id."""
    allowed = ("id", "title", raw.from_, raw.to)
    before = len(problems)
    if extra := [key for key in table if key not in allowed]:
        problems.append(f"{where}: {unknown_keys_message(extra, allowed)}")
    for key in ("id", "title"):
        if not isinstance(table.get(key), str):
            problems.append(f"{where}.{key}: expected a string, got {table.get(key)!r}")
    sides: list[tuple[str, ...]] = []
    for edition in (raw.from_, raw.to):
        items = table.get(edition, [])
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            problems.append(f"{where}.{edition}: expected a list of section or group ids")
            items = []
        sides.append(tuple(items))
    if len(problems) > before:
        return None
    return CrosswalkArea(table["id"], table["title"], sides[0], sides[1])


def read_crosswalk(file: DataFile) -> Crosswalk:
    """Read one crosswalk file; raise :class:`CrosswalkDataError` naming the file and place."""
    try:
        data = _toml.loads(file.read_text())
    except _toml.TOMLDecodeError as exc:
        raise CrosswalkDataError(f"{file.name}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CrosswalkDataError(f"{file.name}: cannot be read: {exc}") from None
    return crosswalk_from_data(data, file.name)
