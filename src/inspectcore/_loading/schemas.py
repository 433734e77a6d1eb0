"""JSON Schemas of the data files, generated from the shapes the loader checks them against.

docs/schemas/ holds them (``inspectcore._loading.schemas.write_schemas`` regenerates them; a
test checks they are up to date), so that an editor can complete and check the keys of
``edition.toml``, ``extension.toml``, the other data files, crosswalks and frameworks. The loader
checks more than a schema can say (conditions, ids, provenance); the schema is only the
shape.
"""

from __future__ import annotations

import enum
import json
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from .._util.atomic import write_atomic
from .._util.converter import SCHEMA_METADATA, file_key
from .crosswalk import _RawCrosswalk
from .frameworks import _RawFramework
from .raw import RawContent, RawEditionFile, RawExtensionHeader, RawText

SHAPES: dict[str, type] = {
    "edition.schema.json": RawEditionFile,
    "questions.schema.json": RawContent,
    "extension.schema.json": RawExtensionHeader,
    "crosswalk.schema.json": _RawCrosswalk,
    "framework.schema.json": _RawFramework,
}
"""Each schema file and the shape it describes (questions: any other data file, overlays too)."""

_TITLES = {
    "edition.schema.json": "inspectcore edition.toml",
    "questions.schema.json": "inspectcore edition data file (questions/*.toml, overlays)",
    "extension.schema.json": "inspectcore extension.toml",
    "crosswalk.schema.json": "inspectcore crosswalk",
    "framework.schema.json": "inspectcore inspection framework",
}


def schema_of(shape: type) -> dict[str, Any]:
    """The JSON Schema (draft 7) of one shape's file, with its title and top-level object."""
    return {"$schema": "http://json-schema.org/draft-07/schema#", **_object(shape)}


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema file's name and content."""
    return {name: {**schema_of(shape), "title": _TITLES[name]} for name, shape in SHAPES.items()}


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as its file holds it."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: str | Path) -> None:
    """Write every schema file into ``folder`` (docs/schemas/ in the repository)."""
    for name, schema in schemas().items():
        write_atomic(Path(folder) / name, schema_text(schema))


def shape_keys(shape: type, path: str = "") -> Iterator[tuple[str, str, type]]:
    """Every key a shape accepts, recursively: (path of its table, key, shape holding it)."""
    hints = typing.get_type_hints(shape)
    for field in attrs.fields(shape):
        key = file_key(field.name)
        yield path, key, shape
        for inner in _shapes_in(hints[field.name]):
            yield from shape_keys(inner, f"{path}.{key}" if path else key)


def _shapes_in(type_: Any) -> Iterator[type]:
    if attrs.has(type_):
        yield type_
    for arg in typing.get_args(type_):
        yield from _shapes_in(arg)


def _object(shape: type) -> dict[str, Any]:
    hints = typing.get_type_hints(shape)
    properties = {
        file_key(f.name): f.metadata.get(SCHEMA_METADATA) or _schema(hints[f.name])
        for f in attrs.fields(shape)
    }
    required = [file_key(f.name) for f in attrs.fields(shape) if f.default is attrs.NOTHING]
    schema: dict[str, Any] = {"type": "object"}
    if shape.__doc__ and not shape.__doc__.startswith(f"{shape.__name__}("):  # attrs' default
        schema["description"] = " ".join(shape.__doc__.split())
    schema["properties"] = properties
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    return schema


def _schema(type_: Any) -> dict[str, Any]:
    origin, args = typing.get_origin(type_), typing.get_args(type_)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in args if a is not type(None)]  # TOML has no null: leave it out
        if set(members) == set(typing.get_args(RawText)):
            return _TEXT
        if set(members) == {int, float}:
            return {"type": "number"}
        if len(members) == 1:
            return _schema(members[0])
        return {"anyOf": [_schema(a) for a in members]}
    simple = {str: "string", bool: "boolean", int: "integer", float: "number"}
    if type_ in simple:
        return {"type": simple[type_]}
    if attrs.has(type_):
        return _object(type_)
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return {"enum": [member.value for member in type_]}
    if origin is list:
        return {"type": "array", "items": _schema(args[0])}
    if origin is dict:
        if args[1] is Any:
            return {"type": "object"}
        return {"type": "object", "additionalProperties": _schema(args[1])}
    raise TypeError(f"no schema for {type_!r}")  # a new kind of field: teach it here


_TEXT: dict[str, Any] = {
    "anyOf": [
        {"type": "string"},
        {
            "type": "object",
            "description": "Text in several languages: en, and e.g. cy",
            "required": ["en"],
            "additionalProperties": {"type": "string"},
        },
    ]
}
"""Localised text: a string (English), or a table of languages."""
