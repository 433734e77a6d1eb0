"""The inspection file, ``inspection.toml`` beside the cases: what is the same for every case.

It names the inspected service, the inspection's dates and inspectors, and the edition's
inspection facts (programme, country, modules: the edition's ``[[facts]]``), so that
nothing is typed once per case. A case takes its facts from it when it is created or
resumed (``assess``, ``new-case``), and says so: the facts are written into the case
file, so that a case file stays a whole record on its own (it can be validated, carried
or exported without the folder it came from). ``validate`` and ``score`` then check
each case's facts against the inspection file beside it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import attrs

from .._errors import CaseFileError
from .._model.domains import Value
from .._util.toml import TOMLDecodeError, dumps, loads
from .case import CaseAssessment

INSPECTION_FILE = "inspection.toml"
"""The inspection file's name, in the folder of its case files."""
INSPECTION_FORMAT = "inspectcore-inspection/1"

_TEXT_KEYS = ("service", "edition", "start", "end")
_KEYS = frozenset({"format", *_TEXT_KEYS, "extensions", "inspectors", "context"})


@attrs.frozen
class InspectionFile:
    """What is the same for every case of an inspection."""

    service: str = ""
    """The inspected service (the YOT or YJS), as named by the inspection."""
    edition: str = ""
    """The edition its cases are assessed under, or "" when it does not say."""
    extensions: tuple[str, ...] = ()
    start: str = ""
    """The first day of the inspection (ISO date), or ""."""
    end: str = ""
    """The last day of the inspection (ISO date), or ""."""
    inspectors: tuple[str, ...] = ()
    context: tuple[tuple[str, Value], ...] = ()
    """The edition's inspection facts, shared by every case: ``(fact id, value)``."""

    def fact(self, fact_id: str) -> Value | None:
        """The value this inspection gives a fact, or ``None``."""
        return dict(self.context).get(fact_id)

    def to_data(self) -> dict[str, Any]:
        """The file's TOML tables, leaving out what is not set."""
        data: dict[str, Any] = {"format": INSPECTION_FORMAT}
        for key in _TEXT_KEYS:
            if value := getattr(self, key):
                data[key] = value
        if self.extensions:
            data["extensions"] = list(self.extensions)
        if self.inspectors:
            data["inspectors"] = list(self.inspectors)
        if self.context:
            data["context"] = {k: list(v) if isinstance(v, tuple) else v for k, v in self.context}
        return data


def _iso(path: str, key: str, value: object) -> str:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise CaseFileError(path, (f"{key}: expected a date as YYYY-MM-DD, got {value!r}",))


def _texts(path: str, key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CaseFileError(path, (f"{key}: expected a list of text, got {value!r}",))
    return tuple(value)


def _fact_value(path: str, key: str, value: object) -> Value:
    if isinstance(value, bool) or not isinstance(value, str | int | list):
        raise CaseFileError(path, (f"context.{key}: expected text, a number or a list",))
    if isinstance(value, list):
        return _texts(path, f"context.{key}", value)
    return value


def read_inspection_file(path: str | os.PathLike[str]) -> InspectionFile:
    """Read an inspection file; raise :class:`CaseFileError` naming the file and the key."""
    name = str(path)
    try:
        data = loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise CaseFileError(name, (exc.strerror or str(exc),)) from None
    except UnicodeDecodeError:
        raise CaseFileError(name, ("not UTF-8 text",)) from None
    except TOMLDecodeError as exc:
        raise CaseFileError(name, (f"not valid TOML: {exc}",)) from None
    if unknown := sorted(set(data) - _KEYS):
        allowed = ", ".join(sorted(_KEYS))
        raise CaseFileError(name, (f"unknown key(s) {', '.join(unknown)} (allowed: {allowed})",))
    if data.get("format", INSPECTION_FORMAT) != INSPECTION_FORMAT:
        raise CaseFileError(name, (f"format: expected {INSPECTION_FORMAT!r}",))
    text: dict[str, str] = {}
    for key in _TEXT_KEYS:
        value = data.get(key, "")
        if key in ("start", "end") and value != "":
            text[key] = _iso(name, key, value)
        elif not isinstance(value, str):
            raise CaseFileError(name, (f"{key}: expected text, got {value!r}",))
        else:
            text[key] = value
    if text["start"] and text["end"] and text["end"] < text["start"]:
        raise CaseFileError(name, (f"end: {text['end']} is before start {text['start']}",))
    context = data.get("context", {})
    if not isinstance(context, dict):
        raise CaseFileError(name, ("context: expected a table of inspection facts",))
    return InspectionFile(
        **text,
        extensions=_texts(name, "extensions", data.get("extensions", [])),
        inspectors=_texts(name, "inspectors", data.get("inspectors", [])),
        context=tuple((k, _fact_value(name, k, v)) for k, v in context.items()),
    )


def inspection_file_for(case_path: str | os.PathLike[str]) -> InspectionFile | None:
    """The inspection file beside a case file, read; ``None`` when there is none."""
    beside = Path(case_path).parent / INSPECTION_FILE
    return read_inspection_file(beside) if beside.is_file() else None


def dumps_inspection_file(inspection: InspectionFile) -> str:
    """The text of an inspection file."""
    return dumps(inspection.to_data())


def with_inspection_facts(
    case: CaseAssessment, inspection: InspectionFile
) -> tuple[CaseAssessment, tuple[str, ...]]:
    """``case`` with the facts it does not set taken from ``inspection``, and their ids.

    A fact the case sets already is kept as it is (see :func:`inspection_disagreements`).
    """
    given = dict(case.context)
    taken = tuple(k for k, _ in inspection.context if k not in given)
    if not taken:
        return case, ()
    context = (*case.context, *((k, v) for k, v in inspection.context if k in taken))
    return attrs.evolve(case, context=context), taken


def inspection_disagreements(case: CaseAssessment, inspection: InspectionFile) -> tuple[str, ...]:
    """Where ``case`` says otherwise than its inspection file: one message per fact.

    A case file written when the edition still asked a fact per case gives it as an answer
    (under the fact's id); where its context does not set the fact, that answer is compared.
    """
    context = dict(case.context)
    answered = (
        ("answers", a.question, a.value)
        for a in case.answers
        if a.question not in context and isinstance(a.value, str | tuple | int | float | bool)
    )
    given = (*(("context", fact, value) for fact, value in case.context), *answered)
    return tuple(
        f"{where}.{fact}: {_shown(value)} here, but {INSPECTION_FILE} gives {_shown(shared)}"
        for where, fact, value in given
        if (shared := inspection.fact(fact)) is not None and shared != value
    )


def _shown(value: Value) -> str:
    return "; ".join(value) if isinstance(value, tuple) else repr(value)
