"""The one cattrs set-up every data file is read with, and its one wording of errors.

Edition, extension, crosswalk and case files are each checked key by key against attrs
shapes (``_loading/raw.py``, ``_loading/crosswalk.py``, ``_cases/case.py``). They all use
:func:`make_converter`, and :func:`structure` words every problem the same way, one line
each: ``file: path.to."key": message`` (list items named by their ``id`` where they have
one; ``top level`` for the file's own keys).

A field named with a trailing underscore (``from_``) is read from the key without it
(``from``, a Python keyword). A field whose key was renamed records the old key with
:func:`formerly`, so that a file still using it is told the new name.

cattrs is imported only when a converter is made: listing editions reads headers with
:func:`check_keys`, which needs the same wording but not cattrs.
"""

from __future__ import annotations

import json
import keyword
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

if TYPE_CHECKING:
    import cattrs

T = TypeVar("T")
_FORMERLY = "inspectcore.formerly"
SCHEMA_METADATA = "inspectcore.schema"
"""Field metadata: the field's JSON Schema, where its type cannot say (a table keyed by id)."""


def formerly(old_key: str) -> dict[str, str]:
    """Field metadata recording the key's old name: ``attrs.field(metadata=formerly("x"))``."""
    return {_FORMERLY: old_key}


def file_key(name: str) -> str:
    """The file's spelling of an attribute: ``from_`` is ``from`` (a Python keyword)."""
    stripped = name.removesuffix("_")
    return stripped if stripped != name and keyword.iskeyword(stripped) else name


def file_keys(cls: type) -> tuple[str, ...]:
    """The keys a shape accepts, in declaration order."""
    return tuple(file_key(f.name) for f in attrs.fields(cls))


# -- the checks of single values, shared by the converter and the header check ---------------


def expect_str(value: object, _: object = None) -> str:
    """A string, or :class:`ValueError`."""
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {value!r}")
    return value


def expect_bool(value: object, _: object = None) -> bool:
    """``true`` or ``false``, or :class:`ValueError`."""
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def expect_int(value: object, _: object = None) -> int:
    """A whole number (not ``true``/``false``), or :class:`ValueError`."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"expected a whole number, got {value!r}")
    return value


def expect_number(value: object, _: object = None) -> int | float:
    """A whole or decimal number, or :class:`ValueError`."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ValueError(f"expected a number, got {value!r}")
    return value


def expect_str_list(value: object, _: object = None) -> list[str]:
    """A list of strings, or :class:`ValueError`."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"expected a list of strings, got {value!r}")
    return value


_SIMPLE: dict[object, Callable[[object, object], object]] = {
    str: expect_str,
    bool: expect_bool,
    int: expect_int,
    int | float: expect_number,
    list[str]: expect_str_list,
}


# -- the converter -------------------------------------------------------------------------------


def make_converter() -> cattrs.Converter:
    """A converter that rejects unknown keys and checks strings, numbers and booleans strictly.

    Tables and lists of the wrong kind are refused with a message saying what was
    expected (cattrs would read a string as a list of letters). A file kind registers
    its own hooks on top (localised text, relationships, case values).
    """
    import cattrs
    from cattrs.cols import list_structure_factory, mapping_structure_factory
    from cattrs.gen import make_dict_structure_fn, override

    converter = cattrs.Converter(forbid_extra_keys=True)
    for type_, check in _SIMPLE.items():
        if type_ != list[str]:  # a list of strings is a list like any other, below
            converter.register_structure_hook(type_, check)

    def table_factory(cls: type) -> Callable[[object, object], object]:
        renames: dict[str, Any] = {
            f.name: override(rename=file_key(f.name)) for f in attrs.fields(cls)
        }
        table: Callable[[Any, Any], object] = make_dict_structure_fn(cls, converter, **renames)
        required = [file_key(f.name) for f in attrs.fields(cls) if f.default is attrs.NOTHING]
        expected = "a table" + (f" with {_and(required)}" if required else "")

        def structure_table(value: object, type_: object) -> object:
            if not isinstance(value, dict):
                raise ValueError(f"expected {expected}, got {value!r}")
            return table(value, type_)

        return structure_table

    def list_factory(type_: Any) -> Callable[[object, object], object]:
        items = list_structure_factory(type_, converter)
        expected = "a list of tables" if attrs.has(typing.get_args(type_)[0]) else "a list"

        def structure_list(value: object, _: object) -> object:
            if not isinstance(value, list):  # a string would be read letter by letter
                raise ValueError(f"expected {expected}, got {value!r}")
            return items(value, type_)

        return structure_list

    def mapping_factory(type_: Any) -> Callable[[object, object], object]:
        entries = mapping_structure_factory(type_, converter)

        def structure_mapping(value: object, _: object) -> object:
            if not isinstance(value, dict):
                raise ValueError(f"expected a table, got {value!r}")
            return entries(value, type_)

        return structure_mapping

    converter.register_structure_hook_factory(attrs.has, table_factory)
    converter.register_structure_hook_factory(_is_typed_list, list_factory)
    converter.register_structure_hook_factory(_is_typed_mapping, mapping_factory)
    return converter


def _and(words: list[str]) -> str:
    return " and ".join(filter(None, (", ".join(words[:-1]), words[-1])))


def _is_typed_list(type_: Any) -> bool:
    return typing.get_origin(type_) is list and typing.get_args(type_) != (Any,)


def _is_typed_mapping(type_: Any) -> bool:
    # dict[str, Any] is left to a file kind's own hook (a crosswalk's areas).
    return typing.get_origin(type_) is dict and typing.get_args(type_)[1:] != (Any,)


def structure(
    converter: cattrs.Converter,
    data: Mapping[str, Any],
    cls: type[T],
    fail: Callable[[tuple[str, ...]], Exception],
    file: str = "",
) -> T:
    """Structure ``data`` into ``cls``; on any problem raise ``fail(lines)``, one line each.

    The lines are :func:`problem_lines`, prefixed with ``file`` when one is given.
    """
    try:
        return converter.structure(dict(data), cls)
    except RecursionError:
        raise
    except Exception as exc:  # cattrs raises ClassValidationError and others
        raise fail(problem_lines(exc, data, file)) from None


def problem_lines(exc: BaseException, data: object, file: str = "") -> tuple[str, ...]:
    """The readable lines of a cattrs error: ``file: path.to."key": message``."""
    prefix = f"{file}: " if file else ""
    return tuple(f"{prefix}{path or 'top level'}: {text}" for path, text in _walk(exc, data, ""))


def _walk(exc: BaseException, data: object, path: str) -> Iterable[tuple[str, str]]:
    """Each problem under ``exc`` with its path, following ``data`` to name list items."""
    from cattrs.errors import ClassValidationError, IterableValidationError

    if isinstance(exc, ClassValidationError):
        fields, others = exc.group_exceptions()
        for inner, field in fields:
            key = file_key(field.name)
            child = data.get(key) if isinstance(data, dict) else None
            yield from _walk(inner, child, f"{path}.{key}" if path else key)
        for inner in others:
            yield path, _message(inner)
    elif isinstance(exc, IterableValidationError):
        items, rest = exc.group_exceptions()
        for inner, item in items:
            index = item.index
            if isinstance(data, dict):
                child = data.get(index)
                step = f".{json.dumps(str(index), ensure_ascii=False)}"
                yield from _walk(inner, child, f"{path}{step}" if path else step[1:])
                continue
            listed = isinstance(data, list) and isinstance(index, int) and 0 <= index < len(data)
            child = data[index] if listed else None  # type: ignore[index]
            named = child.get("id") if isinstance(child, dict) else None
            step = f"[{index}]" + (f" (id {named!r})" if isinstance(named, str) else "")
            yield from _walk(inner, child, path + step)
        for inner in rest:
            yield path, _message(inner)
    else:
        yield path, _message(exc)


def _message(exc: BaseException) -> str:
    """What went wrong: a hook's own message, or cattrs' in the words of the file."""
    import cattrs
    from cattrs.errors import ForbiddenExtraKeysError

    if type(exc) is ValueError and str(exc):
        return str(exc)
    if isinstance(exc, ForbiddenExtraKeysError):
        return unknown_keys(exc.extra_fields, exc.cl)
    return cattrs.v.format_exception(exc, None)


def unknown_keys(extra: Iterable[str], cls: type) -> str:
    """``unknown key(s) 'x' (allowed: …)`` for a shape, saying the new name of a renamed key."""
    renamed = {
        f.metadata[_FORMERLY]: file_key(f.name)
        for f in attrs.fields(cls)
        if _FORMERLY in f.metadata
    }
    return unknown_keys_message(extra, file_keys(cls), renamed)


def unknown_keys_message(
    extra: Iterable[str], allowed: Iterable[str], renamed: Mapping[str, str] | None = None
) -> str:
    """The one wording of unknown keys: ``unknown key(s) 'x' ('x' is now 'y'; allowed: …)``."""
    extra = sorted(extra)
    renamed = renamed or {}
    hints = "".join(f"{old!r} is now {renamed[old]!r}; " for old in extra if old in renamed)
    return f"unknown key(s) {', '.join(map(repr, extra))} ({hints}allowed: {', '.join(allowed)})"


def check_keys(
    data: Mapping[str, Any], cls: type, names: Iterable[str], file: str = ""
) -> tuple[str, ...]:
    """Check only some keys of a table against ``cls``, without cattrs: the problem lines.

    For listing, which reads a few header keys of every installed edition and must
    stay quick; loading checks the same table in full with the converter, worded alike.
    Only fields of the simple types (strings, booleans, numbers, lists of strings).
    """
    prefix = f"{file}: " if file else ""
    hints = typing.get_type_hints(cls)
    fields = attrs.fields_dict(cls)
    problems = []
    for name in names:
        key = file_key(name)
        if key not in data:
            if fields[name].default is attrs.NOTHING:
                problems.append(f"{prefix}{key}: required field missing")
            continue
        try:
            _SIMPLE[hints[name]](data[key], None)
        except ValueError as exc:
            problems.append(f"{prefix}{key}: {exc}")
    return tuple(problems)
