"""The ``inspectcore`` command line: a thin layer over the library.

Every command turns library errors into one readable message on stderr and a
non-zero exit, in :class:`_Cli` below; none of them prints a traceback for a
user's mistake.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from ._assess import assess
from ._browse import editions, plugins, questions, schema, show
from ._cases import new_case, validate
from ._common import fail_exit_code
from ._compare import carry, crosswalk, diff
from ._inspection import new_inspection
from ._report import export, report
from ._scores import rate, score
from ._stats import rate_inspection_command, sample_command, sample_size_command
from ._status import status

__all__ = ["cli", "main"]


class _Cli(click.Group):
    """The command group, with errors turned into messages in one place."""

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


for command in (
    editions,
    plugins,
    questions,
    show,
    new_inspection,
    new_case,
    assess,
    validate,
    status,
    schema,
    score,
    rate,
    sample_size_command,
    sample_command,
    rate_inspection_command,
    diff,
    crosswalk,
    carry,
    report,
    export,
):
    cli.add_command(command)


def main() -> None:
    """Entry point of the ``inspectcore`` script."""
    sys.exit(cli.main(standalone_mode=True) or 0)
