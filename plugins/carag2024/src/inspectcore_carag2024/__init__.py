"""The inspectcore edition `carag2024`, registered through the ``inspectcore`` entry point.

The guidance itself is data, in this package's ``data/`` folder; see the
distribution's README for the source document and how its defects are handled. The
crosswalk from the 2016 edition ``cag2016`` is data too, in ``crosswalks/`` (outside
``data/``, where every file is read as edition content).
"""

from __future__ import annotations

from inspectcore import CrosswalkSource, EditionSource, hookimpl

__all__ = [
    "EDITION_ID",
    "inspectcore_register_crosswalks",
    "inspectcore_register_editions",
]

EDITION_ID = "carag2024"


@hookimpl
def inspectcore_register_editions() -> list[EditionSource]:
    """Register the `carag2024` edition (its data is read only when it is used)."""
    return [EditionSource.from_package(EDITION_ID, __name__)]


@hookimpl
def inspectcore_register_crosswalks() -> list[CrosswalkSource]:
    """Register the crosswalk from ``cag2016`` (the newer edition ships it; read when used)."""
    return [
        CrosswalkSource.from_package(
            "cag2016", EDITION_ID, __name__, "cag2016.toml", folder="crosswalks"
        )
    ]
