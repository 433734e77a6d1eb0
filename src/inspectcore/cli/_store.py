"""`inspectcore store …`: an inspection store's cases, people and history from the shell."""

from __future__ import annotations

import contextlib
import getpass
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

if TYPE_CHECKING:
    from inspectcore import Reading, Role, Store

DEFAULT_STORE = "sqlite:///inspection.db"
"""The store used when neither ``--store`` nor ``INSPECTCORE_STORE`` names one: a SQLite
file in the current folder, created on first use."""

_F = TypeVar("_F", bound=Callable[..., Any])
_ROLES = ("inspector", "lead", "quality_lead", "admin")
_READINGS = ("first", "second", "agreed")


def _store_option(command: _F) -> _F:
    return click.option(
        "--store",
        "url",
        envvar="INSPECTCORE_STORE",
        default=DEFAULT_STORE,
        show_default=True,
        metavar="URL",
        help="sqlite:///FILE or postgresql://USER@HOST/DATABASE (or set INSPECTCORE_STORE).",
    )(command)


@contextlib.contextmanager
def _opened(url: str) -> Iterator[Store]:
    from inspectcore import Store

    with Store.open(url) as store:
        yield store


def _shown(value: object) -> str:
    from inspectcore import printable

    if value is None:
        return "-"
    return printable(json.dumps(value, ensure_ascii=False))


@click.group()
def store() -> None:
    """Keep an inspection's cases in a shared store (SQLite or PostgreSQL), with every
    answer's history; import and export case files."""


@store.command("import")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--name", help="The inspection's name in the store (default: the folder's).")
@click.option("--by", default=None, help="Who imports (default: your login name).")
@_store_option
def import_command(folder: Path, name: str | None, by: str | None, url: str) -> None:
    """Add the inspection in FOLDER (its case files and inspection.toml) to the store:
    all of it, or nothing if a file cannot be read."""
    from inspectcore import printable

    with _opened(url) as opened:
        inspection = opened.import_folder(
            folder,
            name=name,
            by=by or getpass.getuser(),
            on_skip=lambda line: click.echo(f"note: {printable(line)}", err=True),
        )
        count = len(opened.cases(inspection.id))
    click.echo(
        f"imported {count} case(s) as inspection {printable(inspection.name)!r} "
        f"({inspection.edition}) into {opened.url}"
    )


@store.command("export")
@click.argument("name")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--reading", type=click.Choice(_READINGS), default="first", show_default=True)
@_store_option
def export_command(name: str, folder: Path, reading: str, url: str) -> None:
    """Write inspection NAME's case files (and inspection.toml) into FOLDER, which must be
    new or empty."""
    with _opened(url) as opened:
        inspection = opened.inspection_named(name)
        written = opened.export_folder(inspection.id, folder, reading=cast("Reading", reading))
    click.echo(f"wrote {len(written)} file(s) to {click.format_filename(folder)}")


@store.command("add-person")
@click.argument("username")
@click.option("--role", type=click.Choice(_ROLES), required=True)
@click.option("--name", "display_name", default="", help="The name shown (default: USERNAME).")
@click.option(
    "--password-file",
    type=click.File("r", encoding="utf-8"),
    help="Read the password from the first line of this file ('-': standard input) "
    "instead of asking for it.",
)
@_store_option
def add_person(username: str, role: str, display_name: str, password_file: Any, url: str) -> None:
    """Add a person who can sign in (the first admin is made this way)."""
    if password_file is not None:
        password = password_file.readline().rstrip("\r\n")
        if not password:
            raise click.BadParameter("the first line is empty", param_hint="--password-file")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with _opened(url) as opened:
        person = opened.add_person(username, display_name, cast("Role", role), password)
    click.echo(f"added {person.username} ({person.role})")


@store.command("grant")
@click.argument("username")
@click.argument("inspection")
@_store_option
def grant(username: str, inspection: str, url: str) -> None:
    """Let USERNAME see and record INSPECTION (by name)."""
    with _opened(url) as opened:
        opened.grant(username, opened.inspection_named(inspection).id)
    click.echo(f"{username} may now open {inspection}")


@store.command("list")
@_store_option
def list_command(url: str) -> None:
    """The store's inspections, with their editions and case counts."""
    from inspectcore import printable

    with _opened(url) as opened:
        for inspection in opened.inspections():
            cases = opened.cases(inspection.id, reading=None)
            first = sum(c.reading == "first" for c in cases)
            more = len(cases) - first
            extra = f", {more} more reading(s)" if more else ""
            extensions = "".join(f" + {e}" for e in inspection.extensions)
            click.echo(
                f"{printable(inspection.name)}\t{inspection.edition}{extensions}\t"
                f"{first} case(s){extra}"
            )


@store.command("history")
@click.argument("name")
@click.argument("reference")
@click.option("--reading", type=click.Choice(_READINGS), default="first", show_default=True)
@_store_option
def history(name: str, reference: str, reading: str, url: str) -> None:
    """Every change to case REFERENCE of inspection NAME: version, when, who, what."""
    from inspectcore import NotStoredError, printable

    with _opened(url) as opened:
        inspection = opened.inspection_named(name)
        found = [c for c in opened.cases(inspection.id, reading=None) if c.reading == reading]
        case = next((c for c in found if c.reference == reference), None)
        if case is None:
            raise NotStoredError(
                f"inspection {name!r} has no {reading} reading of a case {reference!r}"
            )
        changes = opened.history(case.id)
    for change in changes:
        what = change.question if change.question is not None else change.field
        click.echo(
            f"v{change.version}\t{change.at:%Y-%m-%d %H:%M:%S}Z\t{printable(change.by)}\t"
            f"{printable(what)}: {_shown(change.before)} -> {_shown(change.after)}"
        )


@store.command("add-token")
@click.argument("username")
@click.option(
    "--days",
    type=click.IntRange(min=1),
    default=90,
    show_default=True,
    help="How many days the token works for.",
)
@click.option("--label", default="", help="What the token is for (shown by list-tokens).")
@_store_option
def add_token(username: str, days: int, label: str, url: str) -> None:
    """Make an API token acting as USERNAME (with their role and access), for a system
    that calls the JSON API with `Authorization: Bearer TOKEN`. The token is printed
    once, here: the store keeps only its hash."""
    import datetime as dt

    with _opened(url) as opened:
        made, token = opened.add_token(username, lifetime=dt.timedelta(days=days), label=label)
    click.echo(token)
    click.echo(
        f"token {made.id} for {made.username}, valid until {made.expires_at:%Y-%m-%d %H:%M}Z: "
        "keep it secret, it is not shown again",
        err=True,
    )


@store.command("list-tokens")
@_store_option
def list_tokens(url: str) -> None:
    """Every API token (never the token itself): id, person, state, until when, label."""
    import datetime as dt

    from inspectcore import printable

    with _opened(url) as opened:
        tokens = opened.tokens()
    at = dt.datetime.now(dt.UTC)
    for token in tokens:
        state = (
            "revoked"
            if token.revoked_at is not None
            else ("valid" if token.valid_at(at) else "expired")
        )
        click.echo(
            f"{token.id}\t{printable(token.username)}\t{state}\t"
            f"{token.expires_at:%Y-%m-%d %H:%M}Z\t{printable(token.label)}"
        )


@store.command("revoke-token")
@click.argument("token_id", metavar="ID", type=int)
@_store_option
def revoke_token(token_id: int, url: str) -> None:
    """Revoke API token ID (as list-tokens numbers it): it is refused from now on."""
    with _opened(url) as opened:
        revoked = opened.revoke_token(token_id)
    click.echo(f"revoked token {revoked.id} of {revoked.username}")
