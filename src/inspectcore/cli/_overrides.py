"""Standards' ratings given on the command line, and a ratings panel's overrides file."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import click

from inspectcore import Override

_KEYS = ("standard", "rating", "by", "on", "why")


def read_overrides(path: Path) -> tuple[Override, ...]:
    """The ``[[overrides]]`` of a TOML file; a bad one is a usage error naming the place."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise click.BadParameter(f"{path}: {exc}", param_hint="--overrides") from None
    found = []
    items = data.get("overrides", [])
    if not isinstance(items, list) or set(data) - {"overrides"}:
        raise click.BadParameter(
            f"{path}: expected only [[overrides]] tables", param_hint="--overrides"
        )
    for number, item in enumerate(items, 1):
        where = f"{path}: overrides[{number}]"
        if not isinstance(item, dict) or set(item) != set(_KEYS):
            raise click.BadParameter(
                f"{where}: expected exactly the keys {', '.join(_KEYS)}", param_hint="--overrides"
            )
        on = item["on"]
        if isinstance(on, dt.datetime):
            on = on.date()
        texts = [item[k] for k in ("standard", "rating", "by", "why")]
        if not isinstance(on, dt.date) or not all(isinstance(t, str) and t for t in texts):
            raise click.BadParameter(
                f"{where}: on must be a date (2026-03-02), the others non-empty text",
                param_hint="--overrides",
            )
        standard, rating, by, why = texts
        found.append(Override(standard, rating, by, on, why))
    return tuple(found)


def parse_ratings(items: tuple[str, ...]) -> dict[str, str]:
    """``STANDARD=RATING`` arguments as a mapping; a malformed one is a usage error."""
    given: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(
                f"{item!r}: expected STANDARD=RATING, e.g. 1.1=Good", param_hint="STANDARD=RATING"
            )
        given[key.strip()] = value.strip()
    return given
