"""The data format's documentation and JSON Schemas follow the shapes the loader checks."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from inspectcore._loading.schemas import SHAPES, schema_text, schemas, shape_keys

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "docs" / "schemas"
DOCS = ROOT / "docs" / "edition-data.md"
GLOSSARY = ROOT / "docs" / "glossary.md"


def bundled_data_files() -> list[tuple[Path, str]]:
    """Every TOML data file the bundled plugins ship, with the schema it must follow."""
    found = []
    for source in [*ROOT.glob("plugins/*/src"), ROOT / "examples" / "plugin" / "src"]:
        for path in sorted(source.rglob("*.toml")):
            if path.name in ("edition.toml", "extension.toml"):
                name = path.name.replace(".toml", ".schema.json")
            elif "crosswalks" in path.parts:
                name = "crosswalk.schema.json"
            elif "frameworks" in path.parts:
                name = "framework.schema.json"
            else:
                name = "questions.schema.json"
            found.append((path, name))
    return found


def plain(value: Any) -> Any:
    """TOML data as JSON has it: dates and times become ISO text."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def validator(name: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads((SCHEMAS / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_the_committed_schemas_are_up_to_date(name: str) -> None:
    committed = (SCHEMAS / name).read_text(encoding="utf-8")
    assert committed == schema_text(schemas()[name]), (
        f"docs/schemas/{name} is out of date: run "
        "python -c 'from inspectcore._loading.schemas import write_schemas; "
        'write_schemas("docs/schemas")\''
    )
    jsonschema.Draft7Validator.check_schema(json.loads(committed))


def test_every_kind_of_file_is_bundled() -> None:
    assert {name for _, name in bundled_data_files()} == set(SHAPES)


@pytest.mark.parametrize(
    ("path", "name"), bundled_data_files(), ids=lambda v: str(v).rpartition("src/")[2]
)
def test_bundled_data_follows_its_schema(path: Path, name: str) -> None:
    data = plain(tomllib.loads(path.read_text(encoding="utf-8")))
    errors = [
        f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator(name).iter_errors(data)
    ]
    assert errors == []


def test_the_schemas_reject_unknown_and_renamed_keys() -> None:
    edition = plain(
        tomllib.loads(
            (ROOT / "examples/plugin/src/inspectcore_example/data/edition.toml").read_text()
        )
    )
    assert validator("edition.schema.json").is_valid(edition)
    edition["kinds"][0]["answer"] = edition["kinds"][0].pop("domain")
    assert not validator("edition.schema.json").is_valid(edition)
    question = {"id": "q", "kind": "judgement", "section": "A", "colour": "red"}
    assert not validator("questions.schema.json").is_valid({"questions": [question]})
    del question["colour"]
    assert validator("questions.schema.json").is_valid({"questions": [question]})
    assert not validator("questions.schema.json").is_valid({"questions": [{"id": "q"}]})


def documented(text: str, key: str) -> bool:
    """Whether a key appears in the docs: in a TOML example (``key =``, ``[x.key]``) or as `key`."""
    name = re.escape(key)
    return bool(
        re.search(rf"(^|[\s`{{,\[.]){name}\s*=", text, re.MULTILINE)
        or re.search(rf"`{name}`|\[\[?[\w.]*\b{name}\]\]?", text)
    )


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_every_key_the_loader_accepts_is_documented(name: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [
        f"{path + '.' if path else ''}{key} ({shape.__name__})"
        for path, key, shape in shape_keys(SHAPES[name])
        if not documented(text, key)
    ]
    assert missing == [], f"keys of {name.split('.')[0]} files missing from docs/edition-data.md"


def test_the_key_check_can_fail() -> None:
    assert documented("x\nscored_basis = 'stated: …'\n", "scored_basis")
    assert documented("the `situation` of a rule", "situation")
    assert documented("[[timeliness.limits]]", "limits")
    assert not documented("unscored_basis = 1 and `scoredx`", "scored_basis")


def test_the_glossary_is_linked_and_defines_the_data_words() -> None:
    assert "(glossary.md)" in DOCS.read_text(encoding="utf-8")
    glossary = GLOSSARY.read_text(encoding="utf-8")
    terms = {m.group(1).lower() for m in re.finditer(r"^\*\*([^*]+)\*\*", glossary, re.MULTILINE)}
    words = (
        "edition, extension, kind, fact, section, level, standard, key question, group, "
        "judgement, explanation, exclusion, provenance, basis, crosswalk, carry, domain, "
        "routing, applicability, figure, rating, band, carried answer, synthetic edition, "
        "answer, answer rule, situation, condition, timeliness rule, check"
    )
    assert [w for w in words.split(", ") if w not in terms] == []
