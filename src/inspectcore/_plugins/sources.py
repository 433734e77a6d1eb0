"""What plugins register: where an edition's, extension's or crosswalk's data lives."""

from __future__ import annotations

from pathlib import Path

import attrs

from .._util.resources import DataFolder
from .._util.resources import package_files as files


@attrs.frozen
class EditionSource:
    """An edition a plugin provides: its id and the folder holding ``edition.toml``.

    Nothing is read until the edition is listed (``edition.toml`` only) or loaded.
    """

    id: str
    data: DataFolder

    @classmethod
    def from_package(cls, edition_id: str, package: str, folder: str = "data") -> EditionSource:
        """The edition data shipped in ``package``'s ``folder``."""
        return cls(edition_id, DataFolder(files(package) / folder))

    @classmethod
    def from_path(cls, edition_id: str, path: str | Path) -> EditionSource:
        """Edition data in a folder on disk (for tests and drafts)."""
        return cls(edition_id, DataFolder.at(path))


@attrs.frozen
class ExtensionSource:
    """An extension a plugin provides: its id and the folder holding ``extension.toml``.

    The folder has one subfolder per edition it extends, named by the edition id.
    """

    id: str
    data: DataFolder

    @classmethod
    def from_package(cls, extension_id: str, package: str, folder: str = "data") -> ExtensionSource:
        """The extension data shipped in ``package``'s ``folder``."""
        return cls(extension_id, DataFolder(files(package) / folder))


@attrs.frozen
class CrosswalkSource:
    """A crosswalk between two editions, as a TOML file a plugin ships."""

    from_edition: str
    to_edition: str
    data: DataFolder
    file: str = "crosswalk.toml"

    @classmethod
    def from_package(
        cls, from_edition: str, to_edition: str, package: str, file: str, folder: str = "data"
    ) -> CrosswalkSource:
        """A crosswalk file shipped in ``package``'s ``folder``."""
        return cls(from_edition, to_edition, DataFolder(files(package) / folder), file)


@attrs.frozen
class FrameworkSource:
    """An inspection framework a plugin provides: its id and its ``framework.toml``.

    Nothing is read until the framework is used (``Registry.framework``).
    """

    id: str
    data: DataFolder
    file: str = "framework.toml"

    @classmethod
    def from_package(
        cls, framework_id: str, package: str, file: str, folder: str = "frameworks"
    ) -> FrameworkSource:
        """A framework file shipped in ``package``'s ``folder`` (outside an edition's data:
        every TOML file there is read as edition content)."""
        return cls(framework_id, DataFolder(files(package) / folder), file)
