"""Data folders shipped in plugin packages (or given as plain paths)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from importlib import import_module
from importlib.machinery import SourceFileLoader
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:  # importlib.resources is imported only where a package needs it
    from importlib.resources.abc import Traversable


def package_files(package: str) -> Traversable:
    """What :func:`importlib.resources.files` gives for ``package``.

    For a package imported from its source files that is the folder of its
    ``__init__.py`` as a :class:`~pathlib.Path`, said here directly: importing
    importlib.resources (with tempfile and zipfile) cost listing editions a few
    milliseconds. Any other package (zipped, frozen, a loader of its own) is asked
    through importlib.resources.
    """
    module = sys.modules.get(package) or import_module(package)
    spec = module.__spec__
    loader = spec.loader if spec is not None else None
    if type(loader) is SourceFileLoader and spec is not None and spec.submodule_search_locations:
        return Path(loader.path).parent
    from importlib.resources import files

    return files(package)


@attrs.frozen
class DataFile:
    """One TOML file of an edition or extension, named for messages."""

    name: str
    """A path people can open: the file's location on disk when it has one."""
    source: Traversable

    def read_text(self) -> str:
        """The file's text."""
        return self.source.read_text(encoding="utf-8")


@attrs.frozen
class DataFolder:
    """A folder of TOML files: a package resource or a path on disk."""

    root: Traversable

    @classmethod
    def at(cls, path: str | Path) -> DataFolder:
        """A folder on disk."""
        return cls(Path(path))

    def file(self, relative: str) -> DataFile:
        """One file of the folder (which may not exist)."""
        source = self.root
        for part in relative.split("/"):
            source = source / part
        return DataFile(self._display(relative), source)

    def files(self, first: str | None = None) -> Iterator[DataFile]:
        """``first`` (if given), then every other ``*.toml`` below the folder in path order."""
        if first is not None:
            yield self.file(first)
        for relative in sorted(self._walk(self.root, "")):
            if relative != first:
                yield self.file(relative)

    def subfolder(self, name: str) -> DataFolder:
        """A folder inside this one."""
        return DataFolder(self.root / name)

    def exists(self) -> bool:
        """Whether the folder is there."""
        return self.root.is_dir()

    def _walk(self, folder: Traversable, prefix: str) -> Iterator[str]:
        for entry in folder.iterdir():
            if entry.is_dir():
                yield from self._walk(entry, f"{prefix}{entry.name}/")
            elif entry.name.endswith(".toml"):
                yield f"{prefix}{entry.name}"

    def _display(self, relative: str) -> str:
        root = self.root
        if isinstance(root, Path):
            return str(root / relative)
        return f"{root}/{relative}"
