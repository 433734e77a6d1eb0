"""The JSON Schema of case files agrees with the example files and with the case reader."""

from __future__ import annotations

import copy
import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from inspectcore import (
    Answer,
    CaseAssessment,
    CaseFileError,
    Edition,
    EditionRef,
    PerOption,
    case_from_data,
    case_schema,
    write_case,
)

EXAMPLE_CASES = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "example"
EXAMPLE_FILES = sorted(p for p in EXAMPLE_CASES.iterdir() if p.suffix in (".toml", ".json"))


def as_json(value: Any) -> Any:
    """TOML data as JSON would hold it: dates and times become ISO text."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def load(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
    assert isinstance(data, dict)
    return as_json(data)  # type: ignore[no-any-return]


def validator(edition: Edition) -> Draft202012Validator:
    schema = case_schema(edition)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def errors(edition: Edition, data: dict[str, Any]) -> list[str]:
    return [e.message for e in validator(edition).iter_errors(data)]


def test_schema_describes_the_edition(example: Edition) -> None:
    schema = case_schema(example)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "inspectcore case file: example 1.0"
    assert list(schema["properties"]["answers"]["properties"]) == [q.id for q in example.questions]
    assert schema["properties"]["context"]["required"] == ["country", "programme"]
    json.dumps(schema)  # plain JSON data


def test_schema_with_extension(example_cymru: Edition) -> None:
    schema = case_schema(example_cymru)
    assert schema["title"] == "inspectcore case file: example 1.0 + example-cymru 0.1"
    assert "6c" in schema["properties"]["answers"]["properties"]
    ids = schema["properties"]["extensions"]["items"]["properties"]["id"]
    assert ids == {"enum": ["example-cymru"]}


@pytest.mark.parametrize("source", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_files_satisfy_the_schema(
    source: Path, example: Edition, example_cymru: Edition
) -> None:
    data = load(source)
    assert errors(example, data) == []
    assert errors(example_cymru, data) == []


def test_written_file_with_timestamps_satisfies_the_schema(
    tmp_path: Path, example: Edition
) -> None:
    base = case_from_data(load(EXAMPLE_FILES[0]))
    stamped = base.with_answer(
        Answer("5", ("Education", "Family"), "noted", dt.datetime(2026, 2, 3, 9, 30))
    )
    for kind in ("toml", "json"):
        path = tmp_path / f"case.{kind}"
        write_case(stamped, path)
        assert errors(example, load(path)) == []


def test_extension_case_satisfies_the_extended_schema_only(
    example: Edition, example_cymru: Edition
) -> None:
    data = load(EXAMPLE_FILES[0])
    data["context"]["country"] = "Wales"
    data["answers"]["6c"] = "Yes"
    data["answers"]["6d"] = {"value": "No", "note": "not recorded"}
    data["extensions"] = [{"id": "example-cymru", "version": "0.1"}]
    assert errors(example_cymru, data) == []
    assert errors(example, data) != []
    data["extensions"] = [{"id": "example-other", "version": "0.1"}]
    assert errors(example_cymru, data) != []


BAD: dict[str, tuple[str, Any]] = {
    "unknown question": ("Z 1", "Yes"),
    "wrong enum value": ("6a", "Maybe"),
    "wrong option": ("2", "Prison"),
    "too many choices": ("5", ["Education", "Family", "Substance misuse", "Mental health"]),
    "repeated choice": ("5", ["Family", "Family"]),
    "below minimum": ("1", 9),
    "not a whole number": ("1", "fifteen"),
    "boolean": ("6a", True),
    "bad date": ("3", "6 October 2025"),
    "missing value key": ("6a", {"note": "forgot the value"}),
    "missing value key, per option": ("B 1.4", {"Education": "Yes", "Family": "No"}),
    "unknown key in answer table": ("6a", {"value": "No", "comment": "x"}),
    "bad per-option value": ("B 1.4", {"value": {"Education": "Maybe"}}),
    "table for a single answer": ("6a", {"value": {"x": "Yes"}}),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_answers_are_rejected(name: str, example: Edition) -> None:
    question, value = BAD[name]
    data = copy.deepcopy(load(EXAMPLE_FILES[0]))
    data["answers"][question] = value
    assert errors(example, data) != []


def test_bad_header_is_rejected(example: Edition) -> None:
    good = load(EXAMPLE_FILES[0])
    for change in (
        {"format": "inspectcore-case/2"},
        {"edition": "example-next"},
        {"colour": "red"},
        {"context": {"programme": "FULL"}},
        {"context": {"programme": "FULL", "country": "England", "region": "x"}},
    ):
        assert errors(example, {**good, **change}) != [], change
    assert errors(example, {k: v for k, v in good.items() if k != "answers"}) != []


@pytest.mark.parametrize(
    "name",
    [
        "missing value key",
        "missing value key, per option",
        "unknown key in answer table",
        "boolean",
    ],
)
def test_schema_and_reader_agree_on_shape(name: str, example: Edition) -> None:
    """What the reader refuses to read, the schema rejects too."""
    question, value = BAD[name]
    data = copy.deepcopy(load(EXAMPLE_FILES[0]))
    data["answers"][question] = value
    with pytest.raises(CaseFileError):
        case_from_data(data)
    assert errors(example, data) != []


def test_per_option_table_form_is_accepted(example: Edition) -> None:
    data = load(EXAMPLE_FILES[0])
    data["answers"]["B 1.4"] = {"value": {"Education": "Yes", "Family": "No"}, "note": "ok"}
    assert errors(example, data) == []
    case = case_from_data(data)
    assert case == CaseAssessment(
        EditionRef("example", "1.0"),
        case.case,
        (),
        case.context,
        tuple(
            Answer("B 1.4", PerOption((("Education", "Yes"), ("Family", "No"))), "ok")
            if a.question == "B 1.4"
            else a
            for a in case.answers
        ),
        case.assessor,
        case.assessed_on,
    )
