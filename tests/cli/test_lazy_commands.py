"""Each command's module is imported only when the command is run: a quick start."""

from __future__ import annotations

import subprocess
import sys

import click
from click.testing import CliRunner

from inspectcore.cli import _COMMANDS, cli


def test_every_command_loads_under_its_own_name() -> None:
    ctx = click.Context(cli)
    assert cli.list_commands(ctx) == sorted(_COMMANDS)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert isinstance(command, click.Command)
        assert command.name == name
    assert cli.get_command(ctx, "no-such-command") is None


def test_help_lists_every_command_and_an_unknown_one_is_a_usage_error() -> None:
    shown = CliRunner().invoke(cli, ["--help"])
    assert shown.exit_code == 0
    listed = shown.output.split("Commands:")[1].split()
    assert all(name in listed for name in _COMMANDS)
    unknown = CliRunner().invoke(cli, ["scroe"])
    assert unknown.exit_code == 2
    assert "No such command 'scroe'" in unknown.output


def test_editions_imports_no_other_command_module() -> None:
    code = (
        "import sys\n"
        "from inspectcore.cli import cli\n"
        "cli.main(['editions'], standalone_mode=False)\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('inspectcore.cli.'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = done.stdout.strip().splitlines()[-1].split()
    assert "inspectcore.cli._browse" in loaded
    for module in ("_assess", "_assess_open", "_assess_show", "_report", "_compare", "_stats"):
        assert f"inspectcore.cli.{module}" not in loaded
