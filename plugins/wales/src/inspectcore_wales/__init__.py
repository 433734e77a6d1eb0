"""The inspectcore jurisdiction extension `wales`, registered through the entry point.

It layers the Welsh-language questions of the 2016 Case Assessment Guidance (9a to 9e
and 13c) and Appendix B (Inspecting in Wales) onto the editions named in
``data/extension.toml``. The content is data, in this package's ``data/`` folder (one
subfolder per extended edition); see the distribution's README for the source and the
choices made.
"""

from __future__ import annotations

from inspectcore import ExtensionSource, hookimpl

__all__ = ["DISTRIBUTION", "EXTENSION_ID", "inspectcore_register_extensions"]

EXTENSION_ID = "wales"
DISTRIBUTION = "inspectcore-wales"


@hookimpl
def inspectcore_register_extensions() -> list[ExtensionSource]:
    """Register the `wales` extension (its data is read only when it is used)."""
    return [ExtensionSource.from_package(EXTENSION_ID, __name__, "data")]
