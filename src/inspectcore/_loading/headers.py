"""Header files (``edition.toml``, ``extension.toml``): parsed once, listed cheaply.

Listing checks only the keys it shows, with the same wording as the full check; loading
checks the whole table of the same parse (:class:`HeaderFile`), never reading it again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from .._errors import EditionDataError
from .._util import toml as _toml
from .._util.converter import check_keys
from .._util.resources import DataFile, DataFolder
from .raw import RawEditionFile, RawExtensionHeader

EDITION_FILE = "edition.toml"
EXTENSION_FILE = "extension.toml"


@attrs.frozen
class EditionHeader:
    """What ``edition.toml`` says about an edition, read without its questions."""

    id: str
    title: str
    version: str
    publisher: str
    published: str
    synthetic: bool = False
    """Made-up data for tests and examples, not real guidance (``synthetic = true``).

    Listings (``inspectcore editions``, ``inspectcore plugins``) hide it unless asked
    for ``--all``; loading it by id works as for any edition.
    """


@attrs.frozen
class ExtensionHeader:
    """What ``extension.toml`` says about an extension."""

    id: str
    title: str
    version: str
    extends: tuple[str, ...]
    description: str = ""
    source: str = ""
    licence: str = ""
    copyright: str = ""
    source_file: str = ""
    """The source document's text file, relative to the extension's data folder."""
    synthetic: bool = False
    """As for :attr:`EditionHeader.synthetic`."""


def read_toml(file: DataFile) -> dict[str, Any]:
    """Read one data file, turning syntax errors into a message naming the file."""
    try:
        return _toml.loads(file.read_text())
    except _toml.TOMLDecodeError as exc:
        raise EditionDataError(f"{file.name}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EditionDataError(f"{file.name}: cannot be read: {exc}") from None


@attrs.frozen(eq=False)
class HeaderFile:
    """A header file parsed once: listing reads its metadata, loading the whole table."""

    file: DataFile
    table: Mapping[str, Any] = attrs.field(repr=False)

    @classmethod
    def read(cls, folder: DataFolder, name: str) -> HeaderFile:
        """Parse ``name`` (:data:`EDITION_FILE` or :data:`EXTENSION_FILE`) of ``folder``."""
        file = folder.file(name)
        return cls(file, read_toml(file))

    def _checked(self, shape: type, names: tuple[str, ...]) -> None:
        problems = check_keys(self.table, shape, names)
        if problems:  # one line: listings show it beside the plugin's name
            raise EditionDataError(f"{self.file.name}: {'; '.join(problems)}")

    def edition_header(self) -> EditionHeader:
        """The metadata listing shows; raise :class:`EditionDataError` if it is malformed."""
        names = tuple(f.name for f in attrs.fields(EditionHeader))
        self._checked(RawEditionFile, names)
        return EditionHeader(**{name: self.table[name] for name in names if name in self.table})

    def extension_header(self) -> ExtensionHeader:
        """The extension's metadata; raise :class:`EditionDataError` if it is malformed."""
        names = tuple(f.name for f in attrs.fields(ExtensionHeader))
        self._checked(RawExtensionHeader, names)
        values = {name: self.table[name] for name in names if name in self.table}
        return ExtensionHeader(**{**values, "extends": tuple(values["extends"])})


def read_edition_header(folder: DataFolder) -> EditionHeader:
    """Read only the metadata of an edition."""
    return HeaderFile.read(folder, EDITION_FILE).edition_header()


def read_extension_header(folder: DataFolder) -> ExtensionHeader:
    """Read the metadata of an extension."""
    return HeaderFile.read(folder, EXTENSION_FILE).extension_header()
