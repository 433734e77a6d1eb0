"""Reading only the metadata of editions and extensions: cheap enough for listing.

The full, key-by-key check of the same files happens when an edition is loaded.
"""

from __future__ import annotations

from typing import Any

import attrs

from .._errors import EditionDataError
from .._util import toml as _toml
from .._util.resources import DataFile, DataFolder

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


def _text(data: dict[str, Any], key: str, file: DataFile, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        expected = "is missing" if value is None else f"must be a string, not {value!r}"
        raise EditionDataError(f"{file.name}: {key} {expected}")
    return value


def _synthetic(data: dict[str, Any], file: DataFile) -> bool:
    value = data.get("synthetic", False)
    if not isinstance(value, bool):
        raise EditionDataError(f"{file.name}: synthetic must be true or false, not {value!r}")
    return value


def read_edition_header(folder: DataFolder) -> EditionHeader:
    """Read only the metadata of an edition."""
    file = folder.file(EDITION_FILE)
    data = read_toml(file)
    return EditionHeader(
        id=_text(data, "id", file),
        title=_text(data, "title", file),
        version=_text(data, "version", file),
        publisher=_text(data, "publisher", file),
        published=_text(data, "published", file),
        synthetic=_synthetic(data, file),
    )


def read_extension_header(folder: DataFolder) -> ExtensionHeader:
    """Read the metadata of an extension."""
    file = folder.file(EXTENSION_FILE)
    data = read_toml(file)
    extends = data.get("extends")
    if not isinstance(extends, list) or not all(isinstance(e, str) for e in extends):
        raise EditionDataError(f"{file.name}: extends must be a list of edition ids")
    return ExtensionHeader(
        _text(data, "id", file),
        _text(data, "title", file),
        _text(data, "version", file),
        tuple(extends),
        description=_text(data, "description", file, ""),
        source=_text(data, "source", file, ""),
        licence=_text(data, "licence", file, ""),
        copyright=_text(data, "copyright", file, ""),
        source_file=_text(data, "source_file", file, ""),
        synthetic=_synthetic(data, file),
    )
