"""`inspectcore serve`: the web recorder over a store, on this machine unless told otherwise."""

from __future__ import annotations

import click

from ._common import registry
from ._store import _store_option


@click.command()
@_store_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on (127.0.0.1: this machine only).",
)
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535))
def serve(url: str, host: str, port: int) -> None:
    """Serve the web recorder: sign-in, inspections and the recording form.

    Needs the `server` extra (pip install 'inspectcore[server]'). The store is created
    when missing; people are added with `inspectcore store add-person` (the first admin
    too) and given inspections with `inspectcore store grant`.
    """
    from inspectcore import InspectcoreError, Store, create_app, printable

    try:
        import uvicorn
    except ModuleNotFoundError:
        raise InspectcoreError(
            "serve needs uvicorn, which is not installed: pip install 'inspectcore[server]'"
        ) from None
    with Store.open(url) as store:
        app = create_app(store, registry=registry())
        shown = f"[{host}]" if ":" in host else host
        click.echo(printable(f"inspectcore: serving {store.url} at http://{shown}:{port}/"))
        click.echo("Press Ctrl+C to stop.")
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
