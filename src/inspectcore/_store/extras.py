"""The message for a store used without its optional dependencies installed."""

from __future__ import annotations

from .._errors import StoreError


def missing_extra(exc: ModuleNotFoundError, extra: str = "store") -> StoreError:
    """The error for ``exc``: which module is missing and the pip command that installs it."""
    return StoreError(
        f"the inspection store needs the module {exc.name!r}, which is not installed: "
        f"pip install 'inspectcore[{extra}]'"
    )
