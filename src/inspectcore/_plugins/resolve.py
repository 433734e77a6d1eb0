"""Naming an edition on the command line or in a script: an installed id, or a data folder."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .._errors import UnknownEditionError
from .._loading.headers import EDITION_FILE

if TYPE_CHECKING:
    from .._model.edition import Edition
    from .registry import Registry


def _looks_like_path(spec: str) -> bool:
    separators = {"/", os.sep} | ({os.altsep} if os.altsep else set())
    return any(s in spec for s in separators) or spec.lower().endswith(".toml")


def edition_folder(spec: str | Path) -> Path | None:
    """The edition data folder ``spec`` names, or ``None`` when it names an installed edition.

    A path is a :class:`~pathlib.Path`, a string with a path separator or ending in
    ``.toml``, or an existing folder that holds ``edition.toml``. An ``edition.toml``
    file stands for its folder. Raises :class:`UnknownEditionError` for a path that
    does not lead to an ``edition.toml``.
    """
    if not isinstance(spec, Path):
        if not _looks_like_path(spec) and not (Path(spec) / EDITION_FILE).is_file():
            return None
        spec = Path(spec)
    if spec.is_file():
        if spec.name != EDITION_FILE:
            raise UnknownEditionError(f"{spec}: is not an edition folder: {_EXPECTED}")
        return spec.parent
    if spec.is_dir():
        if not (spec / EDITION_FILE).is_file():
            raise UnknownEditionError(
                f"{spec}: is not an edition folder (it holds no {EDITION_FILE}): {_EXPECTED}"
            )
        return spec
    raise UnknownEditionError(f"{spec}: no such file or folder: {_EXPECTED}")


_EXPECTED = (
    f"expected an installed edition's id, or an edition folder (a folder holding an "
    f"{EDITION_FILE} and its data, as a plugin ships it) or its {EDITION_FILE}"
)


def resolve_edition(
    spec: str | Path, registry: Registry | None = None, extensions: Sequence[str] = ()
) -> Edition:
    """Load the edition ``spec`` names: an installed edition id, or an edition data folder.

    Paths (see :func:`edition_folder`) are read, built and linted like an installed
    edition's data, so a draft such as the next version of a guidance document can be
    compared before it is packaged. Installed editions come from ``registry`` (all
    installed plugins by default), with ``extensions`` layered on; extensions cannot be
    layered onto a folder.
    """
    folder = edition_folder(spec)
    if folder is None:
        if registry is None:
            from .registry import Registry

            registry = Registry.discover()
        return registry.load_edition(str(spec), tuple(extensions))
    if extensions:
        raise UnknownEditionError(
            f"{spec}: extensions can only be layered onto an installed edition"
        )
    from .._loading.load import load_edition_folder
    from .._util.resources import DataFolder

    return load_edition_folder(DataFolder.at(folder)).edition
