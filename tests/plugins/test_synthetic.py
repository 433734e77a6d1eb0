"""Synthetic editions (test and example data) are listed only when asked for."""

from __future__ import annotations

import json

from click.testing import CliRunner, Result

from inspectcore import Registry
from inspectcore.cli import cli


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result


def test_the_library_lists_every_edition_and_says_which_are_synthetic() -> None:
    registry = Registry.discover(strict=True, blocked=())
    synthetic = {e.id: e.synthetic for e in registry.editions()}
    assert synthetic["example"] is synthetic["example-next"] is True
    assert synthetic["cag2016"] is synthetic["carag2024"] is False
    extensions = {x.id: x.synthetic for x in registry.extensions()}
    assert extensions == {"example-cymru": True, "wales": False}
    assert registry.load_edition("example").id == "example"  # loading by id works


def test_editions_lists_the_real_editions() -> None:
    result = run("editions")
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == [
        "cag2016",
        "carag2024",
    ]
    assert result.stderr == "2 synthetic editions hidden (--all shows them)\n"
    shown = json.loads(run("editions", "--all", "--json").stdout)
    assert [(e["id"], e["synthetic"]) for e in shown] == [
        ("cag2016", False),
        ("carag2024", False),
        ("example", True),
        ("example-next", True),
    ]


def test_plugins_hides_synthetic_items_and_crosswalks_between_them() -> None:
    result = run("plugins")
    listed = [tuple(line.split("\t")[:2]) for line in result.stdout.splitlines()]
    assert ("extension", "wales") in listed
    assert ("crosswalk", "cag2016 -> carag2024") in listed
    assert not [item for item in listed if "example" in item[1]]
    assert result.stderr == (
        "4 synthetic editions, extensions and crosswalks hidden (--all shows them)\n"
    )
    everything = json.loads(run("plugins", "--all", "--json").stdout)["provides"]
    assert {(p["id"], p["synthetic"]) for p in everything} >= {
        ("example-cymru", True),
        ("example -> example-next", True),
        ("wales", False),
    }


def test_a_synthetic_edition_is_still_used_by_id() -> None:
    result = run("questions", "example")
    assert "B 1.1" in result.stdout
    assert result.stderr == ""
