"""TOML reading and writing, in one place (tomllib; tomli-w)."""

from __future__ import annotations

import tomllib
from typing import Any

TOMLDecodeError = tomllib.TOMLDecodeError


def loads(text: str) -> dict[str, Any]:
    """Parse TOML text; arrays or tables nested too deeply are a :data:`TOMLDecodeError`."""
    try:
        return tomllib.loads(text)
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise TOMLDecodeError("arrays or tables are nested too deeply") from None


def dumps(data: dict[str, Any]) -> str:
    """Write TOML text (tomli-w is imported only when something is written)."""
    import tomli_w

    return tomli_w.dumps(data, multiline_strings=True)
