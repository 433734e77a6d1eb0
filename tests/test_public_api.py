"""The public facade: one set of names, importable, and closed over the types it uses.

``inspectcore/__init__.py`` names each public name three times, because each reader
needs its own form: the ``TYPE_CHECKING`` imports (for mypy and IDEs, which need
literal imports), the lazy ``_LOCATIONS`` table (for the runtime, which imports a
name's module on first use) and ``__all__`` (a literal list, so that mypy counts the
names as re-exported). These tests keep the three in agreement.
"""

from __future__ import annotations

import ast
import enum
import importlib
import inspect
import pkgutil
import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import inspectcore

ROOT = Path(__file__).resolve().parents[1]

INIT = Path(inspectcore.__file__)


def _type_checking_imports() -> dict[str, str]:
    """``name -> module`` of every import under ``if TYPE_CHECKING:`` in the facade."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    (block,) = [
        node
        for node in tree.body
        if isinstance(node, ast.If)
        and isinstance(node.test, ast.Name)
        and node.test.id == "TYPE_CHECKING"
    ]
    found: dict[str, str] = {}
    for node in block.body:
        assert isinstance(node, ast.ImportFrom), ast.dump(node)
        assert node.level == 1, "imports of the package's own modules only"
        assert node.module
        for alias in node.names:
            assert alias.asname is None, f"{alias.name} is imported under another name"
            assert alias.name not in found, f"{alias.name} is imported twice"
            found[alias.name] = node.module
    return found


def _literal_all() -> list[str]:
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] == ["__all__"]:
            value = ast.literal_eval(node.value)
            assert isinstance(value, list)
            return value
    raise AssertionError("no literal __all__ in inspectcore/__init__.py")


LOCATIONS: dict[str, str] = inspectcore._LOCATIONS


def test_all_is_a_literal_list_of_the_lazy_table() -> None:
    names = _literal_all()
    assert len(names) == len(set(names)), "a name is listed twice in __all__"
    assert names == list(inspectcore.__all__)
    assert set(names) == set(LOCATIONS)


def test_type_checking_imports_name_the_same_modules() -> None:
    assert _type_checking_imports() == LOCATIONS


@pytest.mark.parametrize("name", sorted(LOCATIONS))
def test_each_name_is_the_object_its_module_defines(name: str) -> None:
    module = importlib.import_module(f"inspectcore.{LOCATIONS[name]}")
    exec_globals: dict[str, Any] = {}
    exec(f"from inspectcore import {name}", exec_globals)
    assert exec_globals[name] is getattr(module, name)
    assert getattr(inspectcore, name) is getattr(module, name)
    defined_in = getattr(exec_globals[name], "__module__", None)
    if isinstance(exec_globals[name], type | types.FunctionType):
        # The table names the module that defines it, not one that imports it from there.
        assert defined_in == module.__name__


def test_dir_lists_every_public_name() -> None:
    assert set(LOCATIONS) <= set(dir(inspectcore))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'NoSuchThing'"):
        _ = inspectcore.NoSuchThing


def test_public_classes_and_functions_have_docstrings() -> None:
    missing = [
        name
        for name in LOCATIONS
        if isinstance(getattr(inspectcore, name), type | types.FunctionType)
        and not inspect.getdoc(getattr(inspectcore, name))
    ]
    assert not missing


def test_the_command_line_is_forbidden_every_private_module() -> None:
    """The import contract that keeps the CLI on the facade names every private module."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = [
        c
        for c in config["tool"]["importlinter"]["contracts"]
        if c["type"] == "forbidden" and c["source_modules"] == ["inspectcore.cli"]
    ]
    private = {
        f"inspectcore.{info.name}"
        for info in pkgutil.iter_modules(inspectcore.__path__)
        if info.name.startswith("_")
    }
    assert set(contract["forbidden_modules"]) == private
    assert contract["allow_indirect_imports"] is True  # the facade itself imports them


# --- the public surface is closed: the types it uses are public too -------------------


def _every_module() -> Iterator[types.ModuleType]:
    yield inspectcore
    for info in pkgutil.walk_packages(inspectcore.__path__, "inspectcore."):
        if not info.name.startswith("inspectcore.cli"):
            yield importlib.import_module(info.name)


def _namespace() -> dict[str, Any]:
    """Every name defined or imported in the library's modules, to resolve annotations.

    Annotations are strings (``from __future__ import annotations``), some naming types
    imported only under ``TYPE_CHECKING``; resolving them in a namespace of every module's
    names finds those too.
    """
    names: dict[str, Any] = dict(vars(typing))
    # Imported by no module at run time: start-up does without importlib.resources.
    names["Traversable"] = importlib.import_module("importlib.resources.abc").Traversable
    for module in _every_module():
        names.update(vars(module))
    for name in LOCATIONS:
        names[name] = getattr(inspectcore, name)
    return names


NAMESPACE = _namespace()


def _hints(thing: Callable[..., Any] | type) -> dict[str, Any]:
    return typing.get_type_hints(thing, globalns=NAMESPACE, localns=NAMESPACE)


def _leaves(annotation: Any) -> Iterator[Any]:
    """The classes an annotation names, through unions, generics and ``Literal``."""
    if typing.get_origin(annotation) is typing.Literal:
        return
    arguments = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin is not None:
        yield origin
    for argument in arguments:
        if isinstance(argument, list):  # Callable[[A, B], C]
            for item in argument:
                yield from _leaves(item)
        else:
            yield from _leaves(argument)
    if origin is None and isinstance(annotation, type):
        yield annotation


def _methods(cls: type) -> Iterator[tuple[str, Callable[..., Any]]]:
    """The public methods and properties a class defines itself (and a plain class's init)."""
    for attribute, member in vars(cls).items():
        if attribute.startswith("_") and not (attribute == "__init__" and not attrs.has(cls)):
            continue
        if isinstance(member, classmethod | staticmethod):
            member = member.__func__
        elif isinstance(member, property):
            member = member.fget
        if isinstance(member, types.FunctionType):
            yield attribute, member


def _signatures() -> Iterator[tuple[str, dict[str, Any]]]:
    """``(where, annotations)`` of every public function, class field and public method."""
    for name in sorted(LOCATIONS):
        value = getattr(inspectcore, name)
        if isinstance(value, types.FunctionType):
            yield name, _hints(value)
        elif isinstance(value, type) and value.__module__.startswith("inspectcore"):
            if attrs.has(value):
                yield name, _hints(value)
            for attribute, method in _methods(value):
                yield f"{name}.{attribute}", _hints(method)


def _private_types() -> dict[str, set[str]]:
    public = {id(getattr(inspectcore, name)) for name in LOCATIONS}
    found: dict[str, set[str]] = {}
    for where, hints in _signatures():
        for annotation in hints.values():
            for leaf in _leaves(annotation):
                module = getattr(leaf, "__module__", "")
                if module.startswith("inspectcore") and id(leaf) not in public:
                    found.setdefault(f"{module}.{leaf.__qualname__}", set()).add(where)
    return found


def test_every_type_in_a_public_signature_is_public() -> None:
    private = _private_types()
    assert not private, "\n".join(
        f"{name} (in {', '.join(sorted(where))})" for name, where in sorted(private.items())
    )


def test_the_walk_sees_through_annotations() -> None:
    """The walk above can fail: it finds a class inside unions, tuples and generics."""

    class Hidden(enum.Enum):
        A = "a"

    leaves = set(_leaves(tuple[int | Hidden, ...] | dict[str, list[Hidden]] | None))
    assert Hidden in leaves
    assert set(_leaves(typing.Literal["x"])) == set()
