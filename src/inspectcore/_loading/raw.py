"""The shape of edition and extension TOML files, checked key by key with cattrs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeAlias, TypeVar

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn

from .._errors import EditionDataError
from .._util.resources import DataFile

RawText: TypeAlias = str | dict[str, str]
T = TypeVar("T")


@attrs.frozen
class RawOption:
    value: str
    definition: RawText | None = None
    basis: str = ""


@attrs.frozen
class RawAnswer:
    type: str
    options: list[str | RawOption] = attrs.Factory(list)
    max: int | None = None
    min: int | None = None
    na: bool = False
    sentinels: dict[str, str] = attrs.Factory(dict)


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
    answer: str
    when: str
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
    location: str = ""
    answer: RawAnswer | None = None
    answer_basis: str = ""
    scored: bool | None = None
    scored_basis: str = ""
    sufficient: list[str] | None = None
    insufficient: list[str] | None = None
    judged_basis: str = ""
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
    answer: RawAnswer
    answer_basis: str = ""


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
    answer: RawAnswer | None = None
    answer_basis: str = ""
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


@attrs.frozen
class RawEditionHeader:
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


_CONTENT_KEYS = {f.name for f in attrs.fields(RawContent)}
EDITION_HEADER_KEYS = frozenset(f.name for f in attrs.fields(RawEditionHeader))
"""The keys of ``edition.toml`` besides its content tables."""


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True)

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

    def strict_str(value: object, _: object) -> str:
        if not isinstance(value, str):
            raise ValueError(f"expected a string, got {type(value).__name__}")
        return value

    def strict_bool(value: object, _: object) -> bool:
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {value!r}")
        return value

    def number(value: object, _: object) -> int | float:
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise ValueError(f"expected a number, got {value!r}")
        return value

    converter.register_structure_hook(int | float, number)

    def strict_int(value: object, _: object) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"expected a whole number, got {value!r}")
        return value

    converter.register_structure_hook(RawText, text)
    converter.register_structure_hook(
        RawText | None, lambda v, t: None if v is None else text(v, t)
    )
    converter.register_structure_hook(str | RawOption, option)
    converter.register_structure_hook(str, strict_str)
    converter.register_structure_hook(bool, strict_bool)
    converter.register_structure_hook(int, strict_int)
    # edition.toml also holds content tables; they are read separately.
    converter.register_structure_hook(
        RawEditionHeader,
        make_dict_structure_fn(RawEditionHeader, converter, _cattrs_forbid_extra_keys=False),
    )
    return converter


_converter = _make_converter()


def structure(data: dict[str, Any], cls: type[T], file: DataFile) -> T:
    """Structure ``data`` into ``cls``; errors name the file and the key path."""
    try:
        return _converter.structure(data, cls)
    except Exception as exc:  # cattrs raises ClassValidationError and others
        messages = tuple(
            f"{file.name}: {_readable(message, data)}" for message in cattrs.transform_error(exc)
        )
        raise EditionDataError(f"{file.name}: unexpected data", messages) from None


def _readable(message: str, data: dict[str, Any]) -> str:
    """Name list items by their id: ``$.questions[3]`` -> ``questions[3] (id '1.1.1')``."""
    text, at, path = message.rpartition(" @ ")
    if not at:
        return message
    parts = path.removeprefix("$").lstrip(".")
    head = parts.split(".", 1)[0]
    name, _, index = head.partition("[")
    if index and name in data and isinstance(data[name], list):
        try:
            item = data[name][int(index.rstrip("]"))]
        except (ValueError, IndexError):
            item = None
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            parts = parts.replace(head, f"{head} (id {item['id']!r})", 1)
    return f"{parts or 'top level'}: {text}"


def content_of(data: dict[str, Any], file: DataFile, header: Iterable[str] = ()) -> RawContent:
    """The content tables of a data file; keys neither in ``header`` nor content are errors."""
    _reject_unknown(data, header, file)
    return structure({k: v for k, v in data.items() if k in _CONTENT_KEYS}, RawContent, file)


def edition_header(data: dict[str, Any], file: DataFile) -> RawEditionHeader:
    """The metadata of ``edition.toml``; rejects keys that are neither header nor content."""
    _reject_unknown(data, {f.name for f in attrs.fields(RawEditionHeader)}, file)
    return structure(data, RawEditionHeader, file)


def extension_header(data: dict[str, Any], file: DataFile) -> RawExtensionHeader:
    """The metadata of ``extension.toml``, checked key by key (extensions hold no content)."""
    return structure(data, RawExtensionHeader, file)


def _reject_unknown(data: dict[str, Any], header: Iterable[str], file: DataFile) -> None:
    extra = sorted(set(data) - set(header) - _CONTENT_KEYS)
    if extra:
        raise EditionDataError(
            f"{file.name}: unknown top-level key(s) {', '.join(map(repr, extra))}"
        )
