"""The ``inspectcore`` command line: a thin layer over the library.

Every command turns library errors into one readable message on stderr and a
non-zero exit, in :class:`_Cli` below; none of them prints a traceback for a
user's mistake.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from ._common import fail_exit_code

__all__ = ["cli", "main"]


_COMMANDS = {
    "editions": ("_browse", "editions"),
    "plugins": ("_browse", "plugins"),
    "questions": ("_browse", "questions"),
    "show": ("_browse", "show"),
    "new-inspection": ("_inspection", "new_inspection"),
    "new-case": ("_cases", "new_case"),
    "assess": ("_assess", "assess"),
    "validate": ("_cases", "validate"),
    "status": ("_status", "status"),
    "schema": ("_browse", "schema"),
    "score": ("_scores", "score"),
    "rate": ("_scores", "rate"),
    "sample-size": ("_stats", "sample_size_command"),
    "sample": ("_stats", "sample_command"),
    "rate-inspection": ("_stats", "rate_inspection_command"),
    "diff": ("_compare", "diff"),
    "crosswalk": ("_compare", "crosswalk"),
    "carry": ("_compare", "carry"),
    "report": ("_report", "report"),
    "export": ("_report", "export"),
    "agreement": ("_agreement", "agreement"),
    "serve": ("_serve", "serve"),
    "store": ("_store", "store"),
}
"""Each command's name: the module of this package that defines it, and its name there.

A command's module is imported only when the command is run (or listed by ``--help``):
``inspectcore editions`` should not wait for the modules of ``assess`` or ``report``."""


class _Cli(click.Group):
    """The command group, with errors turned into messages in one place, and each
    command loaded from its module when it is first asked for (:data:`_COMMANDS`)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*_COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in _COMMANDS:
            module, name = _COMMANDS[cmd_name]
            command = getattr(importlib.import_module(f"{__name__}.{module}"), name)
            self.add_command(command)
        return self.commands.get(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        from inspectcore import InspectcoreError, printable

        # Messages quote file names and case files' text: shown, never obeyed.
        try:
            return super().invoke(ctx)
        except InspectcoreError as exc:
            click.echo(printable(f"error: {exc}", keep="\n\t"), err=True)
            ctx.exit(fail_exit_code(exc))
        except BrokenPipeError:
            # The reader went away (`inspectcore questions … | head`): stop quietly, as
            # other commands do, and keep Python from complaining when it flushes stdout.
            _silence_stdout()
            ctx.exit(141)  # 128 + SIGPIPE, what a shell reports for a killed writer
        except OSError as exc:
            name = getattr(exc, "filename", None)
            where = f"{name}: " if name else ""
            click.echo(printable(f"error: {where}{exc.strerror or exc}"), err=True)
            ctx.exit(1)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (a test's captured output)
        pass


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="inspectcore", prog_name="inspectcore")
def cli() -> None:
    """Record, validate and score HM Inspectorate of Probation case assessments.

    Editions of the guidance come from installed plugins: see `inspectcore editions`.
    Exit codes: 0 success, 1 problems found or an error, 2 a usage error or (with
    INSPECTCORE_STRICT_PLUGINS=1) a failing plugin.
    """


def main() -> None:
    """Entry point of the ``inspectcore`` script."""
    sys.exit(cli.main(standalone_mode=True) or 0)
