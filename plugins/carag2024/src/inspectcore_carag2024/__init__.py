"""The inspectcore edition `carag2024`, registered through the ``inspectcore`` entry point.

The guidance itself is data, in this package's ``data/`` folder; see the
distribution's README for the source document and how its defects are handled. The
crosswalk from the 2016 edition ``cag2016`` is data too, in ``crosswalks/`` (outside
``data/``, where every file is read as edition content), and so are the HMIP youth
inspection frameworks of 2018 and 2021, in ``frameworks/``: this is the plugin of HMIP's
youth inspections, and the 2021 framework's domain two is rated from this edition's cases.
"""

from __future__ import annotations

from inspectcore import CrosswalkSource, EditionSource, FrameworkSource, hookimpl

__all__ = [
    "EDITION_ID",
    "inspectcore_register_crosswalks",
    "inspectcore_register_editions",
    "inspectcore_register_frameworks",
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


@hookimpl
def inspectcore_register_frameworks() -> list[FrameworkSource]:
    """Register the HMIP youth inspection frameworks of 2018 and 2021 (read when used)."""
    return [
        FrameworkSource.from_package("hmip-youth-2018", __name__, "hmip-youth-2018.toml"),
        FrameworkSource.from_package("hmip-youth-2021", __name__, "hmip-youth-2021.toml"),
    ]
