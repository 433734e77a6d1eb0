"""The inspectcore edition `cag2016`, registered through the ``inspectcore`` entry point.

The guidance itself is data, in this package's ``data/`` folder; see the
distribution's README for the source document and how its defects are handled.
"""

from __future__ import annotations

from inspectcore import EditionSource, hookimpl

__all__ = ["EDITION_ID", "inspectcore_register_editions"]

EDITION_ID = "cag2016"


@hookimpl
def inspectcore_register_editions() -> list[EditionSource]:
    """Register the `cag2016` edition (its data is read only when it is used)."""
    return [EditionSource.from_package(EDITION_ID, __name__)]
