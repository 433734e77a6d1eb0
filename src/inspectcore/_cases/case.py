"""Case assessments: one child's case as assessed under one edition, read and written losslessly."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from .._errors import CaseFileError
from .._model.domains import Value
from .._model.edition import AppliedExtension
from .._util import toml as _toml
from .._util.atomic import write_atomic
from .._util.converter import expect_str, make_converter, structure
from .parse import check_data, check_regular, decode, may_hold_surrogates, parse, read_bytes

if TYPE_CHECKING:
    import cattrs

FORMAT = "inspectcore-case/1"


@attrs.frozen
class PerOption:
    """An answer given once per option chosen in another question (e.g. per priority factor)."""

    items: tuple[tuple[str, Value], ...]

    def get(self, option: str) -> Value | None:
        """The answer for one option, or ``None``."""
        return dict(self.items).get(option)


AnswerValue: TypeAlias = Value | PerOption
"""What a case file can hold as an answer."""


def judgements(value: AnswerValue) -> tuple[Value, ...]:
    """The judgements an answer gives: itself, or one per option when answered per option."""
    return tuple(v for _, v in value.items) if isinstance(value, PerOption) else (value,)


def _pairs(
    value: Mapping[str, Value] | Iterable[tuple[str, Value]],
) -> tuple[tuple[str, Value], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in items)


def _extensions(value: Iterable[AppliedExtension]) -> tuple[AppliedExtension, ...]:
    return tuple(value)


def _answers(value: Iterable[Answer]) -> tuple[Answer, ...]:
    return tuple(value)


def _value(value: AnswerValue | list[str]) -> AnswerValue:
    return tuple(value) if isinstance(value, list) else value


@attrs.frozen
class Answer:
    """The answer to one question: a value, an optional note, and when it was given."""

    question: str
    value: AnswerValue = attrs.field(converter=_value)
    note: str = ""
    answered_at: dt.datetime | None = None
    """When the answer was given: lets validation spot answers given before a routing
    answer they depend on changed.

    Kept exactly as written in the file, with or without a UTC offset. A time without
    an offset (``assess`` writes the local time) is taken as the local time of the
    machine reading it; stamps are compared only through :func:`comparable_time`,
    so a file may mix both kinds.
    """
    source: str = ""
    """Where a carried answer came from: the edition and question, e.g. ``"cag2016 1.1.1"``.

    Empty for an answer given under this case's own edition.
    """


def comparable_time(at: dt.datetime) -> dt.datetime:
    """``at`` as a UTC time, so that any two answer stamps can be compared.

    The one rule for stamps without an offset: they are local times of this machine.
    """
    try:
        return at.astimezone(dt.UTC)
    except (OverflowError, ValueError, OSError):
        # Within hours of year 1 or 9999 there is no room to shift by an offset;
        # such a stamp is wrong anyway, and is kept in order as if it were UTC.
        return at.replace(tzinfo=dt.UTC)


@attrs.frozen
class EditionRef:
    """Which edition, and which version of it, a case was assessed under."""

    id: str
    version: str = ""


@attrs.frozen
class CaseAssessment:
    """One case as assessed: edition, extensions, inspection context and answers.

    ``context`` and ``answers`` accept a mapping or pairs, and are kept as tuples.
    """

    edition: EditionRef
    case: str = ""
    extensions: tuple[AppliedExtension, ...] = attrs.field(default=(), converter=_extensions)
    context: tuple[tuple[str, Value], ...] = attrs.field(default=(), converter=_pairs)
    answers: tuple[Answer, ...] = attrs.field(default=(), converter=_answers)
    assessor: str = ""
    assessed_on: str = ""

    def answer(self, question_id: str) -> Answer | None:
        """The answer to a question (id exactly as in the case file), or ``None``."""
        return next((a for a in self.answers if a.question == question_id), None)

    def fact(self, fact_id: str) -> Value | None:
        """An inspection-context fact, or ``None``."""
        return dict(self.context).get(fact_id)

    def with_answer(self, answer: Answer) -> CaseAssessment:
        """A copy with this answer set (replacing any earlier answer to the question)."""
        kept = tuple(a for a in self.answers if a.question != answer.question)
        if len(kept) == len(self.answers):
            return attrs.evolve(self, answers=(*self.answers, answer))
        answers = tuple(answer if a.question == answer.question else a for a in self.answers)
        return attrs.evolve(self, answers=answers)


# -- the file form ---------------------------------------------------------------------------

RawValue: TypeAlias = str | int | list[str] | dict[str, Any]


@attrs.frozen
class _RawExtension:
    id: str
    version: str
    distribution: str = ""


@attrs.frozen
class _RawAnswer:
    value: RawValue
    note: str = ""
    answered_at: dt.datetime | None = None
    source: str = ""


@attrs.frozen
class _RawCase:
    edition: str
    format: str = FORMAT
    edition_version: str = ""
    case: str = ""
    assessor: str = ""
    assessed_on: str = ""
    extensions: list[_RawExtension] = attrs.Factory(list)
    context: dict[str, RawValue] = attrs.Factory(dict)
    answers: dict[str, _RawAnswer] = attrs.Factory(dict)


@functools.cache  # made on first use
def _converter() -> cattrs.Converter:
    converter = make_converter()

    def scalar_or_list(value: object) -> Value:
        if isinstance(value, bool):
            raise ValueError("expected text, a whole number or a list, not true/false")
        if isinstance(value, str | int):
            return value
        if isinstance(value, dt.date):  # TOML dates: kept as ISO text, like JSON
            return value.isoformat()
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        raise ValueError(f"expected text, a whole number or a list of texts, got {value!r}")

    def raw_value(value: object, _: object) -> object:
        if isinstance(value, dict):
            return {str(k): scalar_or_list(v) for k, v in value.items()}
        return scalar_or_list(value)

    def text(value: object, _: object) -> str:
        # A TOML date where text is expected (assessed_on = 2024-07-01) is kept as ISO text.
        return value.isoformat() if isinstance(value, dt.date) else expect_str(value)

    def timestamp(value: object, _: object) -> dt.datetime:
        if isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            return dt.datetime.fromisoformat(value)
        raise ValueError(f"expected a date and time like 2024-07-01T10:30:00, got {value!r}")

    converter.register_structure_hook(RawValue, raw_value)
    converter.register_structure_hook(str, text)
    converter.register_structure_hook(dt.datetime, timestamp)
    answer_table = converter.get_structure_hook(_RawAnswer)

    def raw_answer(value: object, type_: object) -> _RawAnswer:
        if not isinstance(value, dict):  # `"6a" = "Yes"`: the value alone
            return _RawAnswer(raw_value(value, None))  # type: ignore[arg-type]
        if "value" not in value:
            raise ValueError("an answer table needs a 'value' key")
        return answer_table(value, type_)  # type: ignore[no-any-return]

    converter.register_structure_hook(_RawAnswer, raw_answer)
    return converter


def case_from_data(data: Mapping[str, Any], name: str = "<data>") -> CaseAssessment:
    """Build a case from parsed TOML or JSON; raise :class:`CaseFileError` naming each bad key."""
    check_data(name, data)
    return _direct(data) or _converted(data, name)


def _converted(data: Mapping[str, Any], name: str) -> CaseAssessment:
    """The case through the converter: every key checked, every problem worded."""
    try:
        raw = structure(_converter(), data, _RawCase, partial(CaseFileError, name))
    except RecursionError:  # check_data limits the depth; this is the last line of defence
        raise CaseFileError(name, ("nested too deeply to be a case",)) from None
    if raw.format != FORMAT:
        raise CaseFileError(name, (f"format: expected {FORMAT!r}, got {raw.format!r}",))
    return CaseAssessment(
        edition=EditionRef(raw.edition, raw.edition_version),
        case=raw.case,
        extensions=tuple(AppliedExtension(e.id, e.version, e.distribution) for e in raw.extensions),
        context=tuple(raw.context.items()),  # type: ignore[arg-type]
        answers=tuple(
            Answer(qid, _from_raw(a.value), a.note, a.answered_at, a.source)
            for qid, a in raw.answers.items()
        ),
        assessor=raw.assessor,
        assessed_on=raw.assessed_on,
    )


def _from_raw(value: object) -> AnswerValue:
    if isinstance(value, dict):
        return PerOption(tuple(value.items()))
    return value  # type: ignore[return-value]


# -- the direct conversion of a well-formed case ------------------------------------------------
#
# Converting is a large part of reading a case, and nearly every case file is well formed;
# so data of the common shape is converted here in one pass, and anything else (a wrong
# type, an unknown or missing key, a JSON null) is left to the converter, whose messages are
# the only ones: _direct gives either what _converted gives or None (a property test
# compares them on generated data). Only plain dicts and lists are taken, which also keeps
# out a JSON object with a key given twice (a _Duplicated) and bounds the depth.

_CASE_KEYS = frozenset(attrs.fields_dict(_RawCase))
_ANSWER_KEYS = frozenset(attrs.fields_dict(_RawAnswer))
_EXTENSION_KEYS = frozenset(attrs.fields_dict(_RawExtension))
_TEXT_KEYS = ("edition_version", "case", "assessor", "assessed_on")
_NO_TIME = object()


class _UnexpectedError(Exception):
    """Raised inside the direct conversion for anything it leaves to the converter."""


def _scalar(value: Any) -> Value:
    kind = type(value)
    if kind is str or kind is int:
        return value  # type: ignore[no-any-return]
    if kind is dt.date:  # a TOML date: ISO text, as the converter keeps it
        return value.isoformat()  # type: ignore[no-any-return]
    if kind is list and all(type(v) is str for v in value):
        return tuple(value)
    raise _UnexpectedError


def _text(table: dict[str, Any], key: str) -> str:
    value = table.get(key, "")
    if type(value) is not str:
        raise _UnexpectedError
    return value


def _direct_answer(question: str, entry: Any) -> Answer:
    if type(entry) is not dict:  # `"6a" = "Yes"`: the value alone
        return Answer(question, _scalar(entry))
    if "value" not in entry or not entry.keys() <= _ANSWER_KEYS:
        raise _UnexpectedError
    value, at = entry["value"], entry.get("answered_at", _NO_TIME)
    if type(value) is dict:
        if not all(type(k) is str for k in value):
            raise _UnexpectedError
        value = PerOption(tuple((k, _scalar(v)) for k, v in value.items()))
    else:
        value = _scalar(value)
    if at is _NO_TIME:
        at = None
    elif type(at) is str:
        try:
            at = dt.datetime.fromisoformat(at)
        except ValueError:
            raise _UnexpectedError from None
    elif not isinstance(at, dt.datetime):  # a JSON null among them
        raise _UnexpectedError
    return Answer(question, value, _text(entry, "note"), at, _text(entry, "source"))


def _direct(data: Mapping[str, Any]) -> CaseAssessment | None:
    """The case in well-formed ``data``, converted directly; ``None`` for anything else."""
    try:
        if type(data) is not dict or not data.keys() <= _CASE_KEYS:
            raise _UnexpectedError
        edition = data.get("edition")
        if type(edition) is not str or data.get("format", FORMAT) != FORMAT:
            raise _UnexpectedError
        version, case, assessor, assessed_on = (_text(data, key) for key in _TEXT_KEYS)
        extensions, context = data.get("extensions", []), data.get("context", {})
        answers = data.get("answers", {})
        if type(extensions) is not list or type(context) is not dict or type(answers) is not dict:
            raise _UnexpectedError
        applied = []
        for entry in extensions:
            if type(entry) is not dict or not entry.keys() <= _EXTENSION_KEYS:
                raise _UnexpectedError
            if "id" not in entry or "version" not in entry:
                raise _UnexpectedError
            applied.append(
                AppliedExtension(
                    _text(entry, "id"), _text(entry, "version"), _text(entry, "distribution")
                )
            )
        return CaseAssessment(
            edition=EditionRef(edition, version),
            case=case,
            extensions=tuple(applied),
            context=tuple((k, _scalar(v)) for k, v in context.items()),
            answers=tuple(_direct_answer(k, v) for k, v in answers.items()),
            assessor=assessor,
            assessed_on=assessed_on,
        )
    except _UnexpectedError:
        return None


def case_to_data(case: CaseAssessment, *, json_safe: bool = False) -> dict[str, Any]:
    """The file form of a case (``json_safe`` turns timestamps into ISO text)."""

    def stamp(value: dt.datetime) -> object:
        return value.isoformat() if json_safe else value

    def plain(value: AnswerValue) -> object:
        if isinstance(value, PerOption):
            return {k: plain(v) for k, v in value.items}
        return list(value) if isinstance(value, tuple) else value

    data: dict[str, Any] = {"format": FORMAT, "edition": case.edition.id}
    if case.edition.version:
        data["edition_version"] = case.edition.version
    for key in ("case", "assessor", "assessed_on"):
        if getattr(case, key):
            data[key] = getattr(case, key)
    if case.extensions:
        data["extensions"] = [
            {k: v for k, v in attrs.asdict(e).items() if v} for e in case.extensions
        ]
    data["context"] = {k: plain(v) for k, v in case.context}
    answers: dict[str, Any] = {}
    for answer in case.answers:
        entry: dict[str, Any] = {"value": plain(answer.value)}
        if answer.note:
            entry["note"] = answer.note
        if answer.answered_at is not None:
            entry["answered_at"] = stamp(answer.answered_at)
        if answer.source:
            entry["source"] = answer.source
        answers[answer.question] = entry
    data["answers"] = answers
    return data


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise CaseFileError(
            str(path), (f"expected a .toml or .json file, not {suffix or 'no suffix'!r}",)
        )
    return suffix[1:]


@attrs.frozen
class CaseFile:
    """A case read from a file, with its text kept to point at lines in messages."""

    path: Path
    case: CaseAssessment
    text: str

    _lines: dict[str, int] = attrs.field(init=False, factory=dict, eq=False, repr=False)

    def line_of(self, question_id: str) -> int | None:
        """The line where the answer to ``question_id`` is written, if it can be found."""
        if not self._lines:
            # One pass over the text for every question, not one search per question:
            # a file with many problems would otherwise take quadratic time.
            self._lines.update(_first_lines(self.text))
            self._lines.setdefault("", 0)  # marks the pass done, for a text with no keys
        return self._lines.get(question_id) or None


# An answer's table header ([answers."ID"] or [answers."ID".value]) or a key ("ID" = / "ID":),
# at the start of a line, in TOML or JSON; the key is quoted (JSON's escapes) or bare.
_QUOTED = r'"(?:[^"\\\n]|\\.)*"'
_KEY_LINE = re.compile(
    rf"^[ \t]*(?:\[answers\.({_QUOTED}(?:\.value)?|[^\]\s\\]+)\]"
    rf"|({_QUOTED}|[A-Za-z0-9_.-]+)[ \t]*[=:])",
    re.MULTILINE,
)


def _first_lines(text: str) -> dict[str, int]:
    """The first line of each key or answer header in ``text``, by key."""
    found: dict[str, int] = {}
    line, at = 1, 0
    for match in _KEY_LINE.finditer(text):
        line += text.count("\n", at, match.start())
        at = match.start()
        raw = match.group(1) or match.group(2)
        if match.group(1):
            raw = raw.removesuffix(".value")
        if raw.startswith('"'):
            try:
                raw = json.loads(raw)
            except ValueError:
                continue
        found.setdefault(raw, line)
    return found


def read_case_file(path: str | Path) -> CaseFile:
    """Read a ``.toml`` or ``.json`` case file; raise :class:`CaseFileError` if it is bad.

    The file must be a regular file (a FIFO or a device is refused, never opened)
    holding UTF-8 text, with or without a byte order mark.
    """
    path = Path(path)
    check_regular(path)  # first: that a file is missing matters more than its name
    kind = _kind(path)
    text = decode(str(path), read_bytes(path))
    data = parse(str(path), text, kind)
    # Data the direct conversion takes has none of what check_data looks for (see _direct),
    # given that its text cannot hold a lone surrogate (see parse.may_hold_surrogates): the
    # walk is then only needed for the files the converter reads.
    case = None if may_hold_surrogates(text, kind) else _direct(data)
    if case is None:
        case = case_from_data(data, str(path))
    return CaseFile(path, case, text)


def read_case(path: str | Path) -> CaseAssessment:
    """Read a case file (``.toml`` or ``.json``)."""
    return read_case_file(path).case


def dumps_case(case: CaseAssessment, kind: str) -> str:
    """The text of a case file in ``"toml"`` or ``"json"``."""
    if kind == "json":
        return json.dumps(case_to_data(case, json_safe=True), indent=2, ensure_ascii=False) + "\n"
    return _toml.dumps(case_to_data(case))


def write_case(case: CaseAssessment, path: str | Path) -> None:
    """Write a case file atomically; the suffix (``.toml``/``.json``) chooses the format."""
    path = Path(path)
    write_atomic(path, dumps_case(case, _kind(path)))
