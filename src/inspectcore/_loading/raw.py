"""The shape of edition and extension TOML files, checked key by key with cattrs.

The shapes are also what docs/edition-data.md documents and docs/schemas/ describe.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

import attrs

from .._errors import EditionDataError
from .._util.converter import formerly, make_converter
from .._util.converter import structure as _structure
from .._util.resources import DataFile

if TYPE_CHECKING:
    import cattrs

RawText: TypeAlias = str | dict[str, str]
T = TypeVar("T")


@attrs.frozen
class RawOption:
    value: str
    definition: RawText | None = None
    basis: str = ""


@attrs.frozen
class RawDomain:
    """An answer domain (``domain = { type = … }``): the answers a question or fact takes."""

    type: str
    options: list[str | RawOption] = attrs.Factory(list)
    max: int | None = None
    min: int | None = None
    na: bool = False
    sentinels: dict[str, str] = attrs.Factory(dict)
    fact: bool = False


@attrs.frozen
class RawGuidance:
    title: RawText
    text: RawText


@attrs.frozen
class RawLinks:
    counts_towards: list[str] = attrs.Factory(list)
    explains: str | None = None
    other_goes_to: str | None = None
    key_question: str | None = None
    summarises: str | None = None
    depends_on: list[str] = attrs.Factory(list)
    per_option_of: str | None = None


@attrs.frozen
class RawAnswerRule:
    """An answer the document prescribes in a situation it describes (prose, not a condition)."""

    answer: str
    situation: str = attrs.field(metadata=formerly("when"))
    basis: str = ""


@attrs.frozen
class RawCarriedFrom:
    """Where a question was carried forward from: another edition's question."""

    edition: str
    question: str
    basis: str = ""


@attrs.frozen
class RawQuestion:
    id: str
    kind: str
    section: str
    text: RawText | None = None
    text_note: str = ""
    prompt: RawText | None = None
    """What to ask where the document prints no wording (``text``): built from what it
    prints, so ``prompt_basis`` must be ``derived: …``."""
    prompt_basis: str = ""
    location: str = ""
    domain: RawDomain | None = attrs.field(default=None, metadata=formerly("answer"))
    domain_basis: str = attrs.field(default="", metadata=formerly("answer_basis"))
    scored: bool | None = None
    scored_basis: str = ""
    sufficient: list[str] | None = None
    insufficient: list[str] | None = None
    sufficient_basis: str = attrs.field(default="", metadata=formerly("judged_basis"))
    """The provenance of ``sufficient`` and ``insufficient`` together: one decision."""
    required: bool | None = None
    required_basis: str = ""
    applies: str = ""
    applies_basis: str = ""
    links: RawLinks = attrs.Factory(RawLinks)
    guidance: list[RawGuidance] = attrs.Factory(list)
    answer_rules: list[RawAnswerRule] = attrs.Factory(list)
    after: str = ""
    """Extensions only: the id of the question this one is asked after."""
    carried_from: RawCarriedFrom | None = None


@attrs.frozen
class RawFact:
    id: str
    text: RawText
    domain: RawDomain = attrs.field(metadata=formerly("answer"))
    domain_basis: str = attrs.field(default="", metadata=formerly("answer_basis"))


@attrs.frozen
class RawSection:
    id: str
    level: str
    title: RawText
    parent: str = ""
    applies: str = ""
    applies_basis: str = ""
    guidance: list[RawGuidance] = attrs.Factory(list)
    note: str = ""


@attrs.frozen
class RawGroup:
    id: str
    kind: str
    title: RawText | None = None
    part_of: list[str] = attrs.Factory(list)
    part_of_basis: str = ""


@attrs.frozen
class RawKind:
    id: str
    domain: RawDomain | None = attrs.field(default=None, metadata=formerly("answer"))
    domain_basis: str = attrs.field(default="", metadata=formerly("answer_basis"))
    scored: bool = False
    scored_basis: str = ""
    sufficient: list[str] = attrs.Factory(list)
    insufficient: list[str] = attrs.Factory(list)


@attrs.frozen
class RawNote:
    """Extensions only: guidance attached to an existing section or question."""

    target: str
    title: RawText
    text: RawText


@attrs.frozen
class RawExclusion:
    """A rule that takes a case out of the inspection sample."""

    id: str
    when: str
    reason: str
    basis: str = ""


@attrs.frozen
class RawCheck:
    """A plausibility check: a condition a case's answers must meet."""

    id: str
    expect: str
    message: str
    severity: str = "error"
    basis: str = ""


@attrs.frozen
class RawTimeLimit:
    when: str
    working_days: int
    label: str = ""
    basis: str = ""


@attrs.frozen
class RawTimeliness:
    """Working days between two date questions, against a limit (information only)."""

    id: str
    title: str
    start: str
    end: str
    calendar_question: str
    calendars: dict[str, str]
    limits: list[RawTimeLimit]
    beside: list[str] = attrs.Factory(list)
    basis: str = ""


@attrs.frozen
class RawContent:
    """What any data file may hold."""

    facts: list[RawFact] = attrs.Factory(list)
    sections: list[RawSection] = attrs.Factory(list)
    groups: list[RawGroup] = attrs.Factory(list)
    questions: list[RawQuestion] = attrs.Factory(list)
    notes: list[RawNote] = attrs.Factory(list)
    exclusions: list[RawExclusion] = attrs.Factory(list)
    timeliness: list[RawTimeliness] = attrs.Factory(list)
    checks: list[RawCheck] = attrs.Factory(list)


@attrs.frozen
class RawBand:
    name: str
    min: int | float


@attrs.frozen
class RawRating:
    rated_level: str
    banded_level: str
    bands: list[RawBand]
    basis: str = ""


@attrs.frozen
class RawGroupScoring:
    method: str
    basis: str = ""
    kinds: list[str] = attrs.Factory(list)


@attrs.frozen(kw_only=True)
class RawEditionFile(RawContent):
    """``edition.toml``: the edition's metadata and kinds, besides any content tables."""

    id: str
    title: str
    version: str
    publisher: str
    published: str
    source: str
    licence: str
    copyright: str = ""
    source_file: str = ""
    levels: list[str] = attrs.Factory(list)
    kinds: list[RawKind] = attrs.Factory(list)
    rating: RawRating | None = None
    group_scoring: RawGroupScoring | None = None
    synthetic: bool = False


@attrs.frozen
class RawExtensionHeader:
    id: str
    title: str
    version: str
    extends: list[str]
    description: str = ""
    source: str = ""
    licence: str = ""
    copyright: str = ""
    source_file: str = ""
    synthetic: bool = False


@functools.cache  # made on first use: listing reads headers without cattrs
def _converter() -> cattrs.Converter:
    converter = make_converter()

    def text(value: object, _: object) -> RawText:
        if isinstance(value, str):
            return value
        if isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            if "en" not in value:
                raise ValueError("a table of languages needs an 'en' entry")
            return value
        raise ValueError("expected a string or a table of languages, e.g. { en = '…', cy = '…' }")

    def option(value: object, _: object) -> str | RawOption:
        if isinstance(value, str):
            return value
        return converter.structure(value, RawOption)

    converter.register_structure_hook(RawText, text)
    converter.register_structure_hook(
        RawText | None, lambda v, t: None if v is None else text(v, t)
    )
    converter.register_structure_hook(str | RawOption, option)
    return converter


def structure(data: dict[str, Any], cls: type[T], file: DataFile) -> T:
    """Structure ``data`` into ``cls``; errors name the file and the key path."""

    def fail(problems: tuple[str, ...]) -> EditionDataError:
        return EditionDataError(
            f"{file.name}: not in the edition data format (docs/edition-data.md)", problems
        )

    return _structure(_converter(), data, cls, fail, file.name)


def content_of(data: dict[str, Any], file: DataFile) -> RawContent:
    """The content tables of a data file, checked key by key."""
    return structure(data, RawContent, file)


def edition_file(data: dict[str, Any], file: DataFile) -> RawEditionFile:
    """``edition.toml``, checked key by key: its metadata and its content tables."""
    return structure(data, RawEditionFile, file)


def extension_header(data: dict[str, Any], file: DataFile) -> RawExtensionHeader:
    """The metadata of ``extension.toml``, checked key by key (extensions hold no content)."""
    return structure(data, RawExtensionHeader, file)
