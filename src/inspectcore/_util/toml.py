"""TOML reading and writing, in one place (tomli; tomli-w)."""

from __future__ import annotations

import re
import sys
from typing import Any

# tomli is the stdlib's tomllib (same code, same messages), compiled: reading case files
# is most of the time an inspection takes, and tomli reads them about three times faster.
import tomli


class TOMLDecodeError(ValueError):
    """Text that is not valid TOML, with tomli's message (tomli's own compiled error
    class cannot be subclassed, so every problem is raised as this one)."""


class LongNumberError(TOMLDecodeError):
    """A number with more digits than Python converts to an int (4,300 by default)."""


def loads(text: str) -> dict[str, Any]:
    """Parse TOML text; arrays or tables nested too deeply are a :class:`TOMLDecodeError`."""
    try:
        return tomli.loads(text)
    except RecursionError:  # tomli stops nested arrays and inline tables with this
        raise TOMLDecodeError("arrays or tables are nested too deeply") from None
    except tomli.TOMLDecodeError as exc:
        raise TOMLDecodeError(str(exc)) from None
    except ValueError as exc:
        # The only other ValueError tomli raises: Python's limit on converting long
        # digit strings to int (a guard against denial of service).
        raise LongNumberError(long_number(text) or str(exc)) from None


def long_number(text: str) -> str | None:
    """Where ``text`` holds a number longer than Python converts, said plainly; else None."""
    limit = sys.get_int_max_str_digits()
    match = re.search(rf"(?:\d_?){{{limit + 1},}}", text)
    if not match:
        return None
    line = text.count("\n", 0, match.start()) + 1
    return f"a number with more than {limit} digits at line {line}"


def dumps(data: dict[str, Any]) -> str:
    """Write TOML text (tomli-w is imported only when something is written)."""
    import tomli_w

    return tomli_w.dumps(data, multiline_strings=True)
