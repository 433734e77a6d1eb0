"""What the commands share: the registry, loading editions, and rendering helpers."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from inspectcore import Edition, LocalText, Rating, Registry

USAGE_EXIT = 2


def fail_exit_code(exc: Exception) -> int:
    """2 when the user named something that does not exist, an output that is refused, or a
    plugin failed, or the store refused (a URL, a server, a name, an import); else 1.

    A plugin failure is an error only with ``INSPECTCORE_STRICT_PLUGINS=1`` (or when two
    plugins register the same id); it is told apart from "problems found" (1) because
    nothing the user gave was looked at.
    """
    from inspectcore import (
        AlreadyStoredError,
        ImportRefusedError,
        NotStoredError,
        OutputPathError,
        PluginError,
        StoreError,
        UnknownCrosswalkError,
        UnknownEditionError,
        UnknownFrameworkError,
        UnknownQuestionError,
    )

    named = (
        UnknownEditionError
        | UnknownQuestionError
        | UnknownCrosswalkError
        | UnknownFrameworkError
        | OutputPathError
        | PluginError
        | StoreError
        | NotStoredError
        | AlreadyStoredError
        | ImportRefusedError
    )
    return USAGE_EXIT if isinstance(exc, named) else 1


def registry() -> Registry:
    """The registry of installed plugins, once per command; plugin failures are warned about."""
    ctx = click.get_current_context()
    found = ctx.meta.get("inspectcore.registry")
    if found is None:
        from inspectcore import Registry

        found = ctx.meta["inspectcore.registry"] = Registry.discover()
        ctx.call_on_close(lambda: _warn_failures(found))
    return found


def _warn_failures(found: Registry) -> None:
    for failure in found.failures:
        click.echo(f"warning: plugin {failure}", err=True)


def load(edition_id: str, extensions: Sequence[str]) -> Edition:
    """Load an edition with extensions for a command: an installed edition's id, or the path
    of an edition folder (a draft: its ``edition.toml`` and data, as a plugin ships them)."""
    from inspectcore import resolve_edition

    return resolve_edition(edition_id, registry(), extensions)


def warn_unrated(edition: Edition, ratings: Sequence[Rating]) -> None:
    """Warn on stderr about each section not rated, naming it and the figure it lacks."""
    from inspectcore import unrated_warnings

    for line in unrated_warnings(edition.rating, ratings):
        click.echo(f"warning: {line}", err=True)


def text_in(text: LocalText | None, lang: str) -> tuple[str, str]:
    """``(text, language used)``; "" when there is no text."""
    if text is None:
        return "", lang
    return text.get(lang)


def shown(text: LocalText | None, lang: str) -> str:
    """Text in ``lang``, marked ``[en]`` when it fell back to English."""
    value, used = text_in(text, lang)
    return f"[{used}] {value}" if used != lang and value else value


def echo_json(data: Any) -> None:
    """Print JSON for scripts.

    Controls that json.dumps leaves as they are (C1 controls, bidirectional overrides,
    lone surrogates from undecodable file names) are written as ``\\u`` escapes, the
    same JSON, so that printing it is safe on a terminal and as UTF-8.
    """
    click.echo(_json_text(data))


class JsonList:
    """A JSON list printed an item at a time, as :func:`echo_json` prints the whole list.

    What reads many files (``validate``) prints each file's result once it is read,
    rather than holding them all until the end; the text is the same.
    """

    def __init__(self) -> None:
        self._items = 0

    def add(self, item: Any) -> None:
        """Print one more item of the list."""
        import textwrap

        # json.dumps indents an item of a list by one level more than the item on its own;
        # no line of JSON text is blank (newlines in strings are escaped).
        text = textwrap.indent(_json_text(item), "  ")
        click.echo(("[\n" if not self._items else ",\n") + text, nl=False)
        self._items += 1

    def close(self) -> None:
        """End the list (``[]`` when no item was printed)."""
        click.echo("\n]" if self._items else "[]")


def _json_text(data: Any) -> str:
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# Outside strings JSON has none of these, so escaping them anywhere keeps the same JSON.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


with_option = click.option(
    "--with",
    "extensions",
    multiple=True,
    metavar="EXTENSION",
    help="Layer an installed extension onto the edition (repeatable).",
)
lang_option = click.option(
    "--lang",
    default="en",
    show_default=True,
    metavar="LANG",
    help="Language of question text (e.g. cy); falls back to English, marked [en].",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
all_option = click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Also list synthetic editions and extensions (test and example data).",
)


def hidden_note(count: int, one: str, many: str) -> None:
    """Say on stderr how many synthetic items a listing left out, and how to see them."""
    if count == 1:
        click.echo(f"1 {one} hidden (--all shows it)", err=True)
    elif count:
        click.echo(f"{count} {many} hidden (--all shows them)", err=True)
