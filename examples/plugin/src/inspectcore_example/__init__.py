"""A minimal inspectcore plugin: one edition, its next version, an extension, a crosswalk."""

from __future__ import annotations

from inspectcore import (
    CrosswalkSource,
    EditionSource,
    ExtensionSource,
    FrameworkSource,
    hookimpl,
)

__all__ = [
    "inspectcore_register_crosswalks",
    "inspectcore_register_editions",
    "inspectcore_register_extensions",
    "inspectcore_register_frameworks",
]


@hookimpl
def inspectcore_register_editions() -> list[EditionSource]:
    """The example edition and its next version."""
    return [
        EditionSource.from_package("example", __name__, "data"),
        EditionSource.from_package("example-next", __name__, "next"),
    ]


@hookimpl
def inspectcore_register_extensions() -> list[ExtensionSource]:
    """The example extension, which layers Welsh-language questions onto ``example``."""
    return [ExtensionSource.from_package("example-cymru", __name__, "cymru")]


@hookimpl
def inspectcore_register_crosswalks() -> list[CrosswalkSource]:
    """A crosswalk from ``example`` to ``example-next``.

    It lives outside ``next/``: every TOML file in an edition's folder is edition data.
    """
    return [
        CrosswalkSource.from_package(
            "example", "example-next", __name__, "example.toml", folder="crosswalks"
        )
    ]


@hookimpl
def inspectcore_register_frameworks() -> list[FrameworkSource]:
    """A synthetic inspection programme whose case-rated standards are example's areas."""
    return [FrameworkSource.from_package("example-programme", __name__, "example-programme.toml")]
