"""Plugins cannot take the engine down: anything a plugin raises, or any data it ships.

A plugin's import, each hook call, reading its headers when listing and loading its data
on first use are each isolated: the failure is reported with the distribution and the
reason, and the other plugins keep working. Strict mode makes it an error (exit 2 on the
command line), never a traceback.
"""

from __future__ import annotations

import json
import re
import signal
from collections.abc import Callable, Iterator
from importlib.metadata import entry_points
from importlib.resources.abc import Traversable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner, Result

from inspectcore import (
    CrosswalkDataError,
    CrosswalkSource,
    DataFolder,
    EditionDataError,
    EditionSource,
    ExtensionSource,
    PluginError,
    PluginInfo,
    Plugins,
    Registry,
    get_plugin_manager,
    hookimpl,
)
from inspectcore.cli import cli
from inspectcore.testing import use_entry_points

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "plugin" / "src" / "inspectcore_example"
GOOD = PluginInfo("good", "inspectcore-good", "1.0")
BROKEN = PluginInfo("broken", "inspectcore-broken", "0.3")
HOOKS = (
    "inspectcore_register_editions",
    "inspectcore_register_extensions",
    "inspectcore_register_crosswalks",
)


class Escape(BaseException):
    """A BaseException that is neither an Exception nor one of Python's own."""


def raising(error: BaseException, hook: str = "inspectcore_register_editions") -> SimpleNamespace:
    def function() -> object:
        raise error

    return SimpleNamespace(**{hook: hookimpl(function)})


def returning(value: object, hook: str = "inspectcore_register_editions") -> SimpleNamespace:
    return SimpleNamespace(**{hook: hookimpl(lambda: value)})


def good_plugin() -> SimpleNamespace:
    """The example plugin's edition, extension and crosswalk, registered from their folders."""
    return SimpleNamespace(
        inspectcore_register_editions=hookimpl(
            lambda: [EditionSource.from_path("example", EXAMPLE / "data")]
        ),
        inspectcore_register_extensions=hookimpl(
            lambda: [ExtensionSource("example-cymru", DataFolder.at(EXAMPLE / "cymru"))]
        ),
    )


def registry(*registered: tuple[object, PluginInfo], strict: bool = False) -> Registry:
    found = Plugins(get_plugin_manager(), strict=strict)
    for plugin, info in registered:
        found.register(plugin, info)
    return Registry(found)


def edition_plugin(edition_id: str, folder: Path | DataFolder) -> SimpleNamespace:
    data = folder if isinstance(folder, DataFolder) else DataFolder.at(folder)
    return returning([EditionSource(edition_id, data)])


def assert_only_the_good_one_works(found: Registry) -> None:
    assert [e.id for e in found.editions()] == ["example"]
    assert [x.id for x in found.extensions()] == ["example-cymru"]
    assert found.load_edition("example", ["example-cymru"]).find_question("6c") is not None


# -- anything a hook raises --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (SystemExit(3), "SystemExit: 3"),
        (SystemExit(), "SystemExit"),
        (KeyboardInterrupt(), "KeyboardInterrupt"),
        (Escape("out"), "Escape: out"),
        (RuntimeError("two\nlines"), "RuntimeError: two; lines"),
    ],
)
@pytest.mark.parametrize("hook", HOOKS)
def test_anything_a_hook_raises_is_a_failure(error: BaseException, shown: str, hook: str) -> None:
    found = registry((raising(error, hook), BROKEN), (good_plugin(), GOOD))
    assert_only_the_good_one_works(found)
    assert [str(f) for f in found.failures] == [f"inspectcore-broken 0.3: {hook} raised {shown}"]


@pytest.mark.parametrize("error", [SystemExit(0), KeyboardInterrupt()])
def test_strict_mode_turns_a_hook_exit_into_a_plugin_error(error: BaseException) -> None:
    found = registry((raising(error), BROKEN), strict=True)
    with pytest.raises(PluginError, match=r"^inspectcore-broken 0\.3: .* raised "):
        found.editions()


def test_a_ctrl_c_the_user_presses_still_stops() -> None:
    """A SIGINT arriving while plugin code runs is the user's: it is not swallowed."""

    def pressed() -> object:
        signal.raise_signal(signal.SIGINT)
        return []

    found = registry((SimpleNamespace(inspectcore_register_editions=hookimpl(pressed)), BROKEN))
    with pytest.raises(KeyboardInterrupt):
        found.editions()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back


def test_the_sigint_handler_is_put_back_after_plugin_code() -> None:
    found = registry((raising(KeyboardInterrupt()), BROKEN), (good_plugin(), GOOD))
    assert [e.id for e in found.editions()] == ["example"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


class Exploding(list[object]):
    def __iter__(self) -> Iterator[object]:
        raise SystemExit("from __iter__")


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (Exploding(), "returned a list that cannot be read: SystemExit: from __iter__"),
        (
            [EditionSource("x", "not a folder")],  # type: ignore[arg-type]
            "returned a EditionSource whose data is 'not a folder', expected a DataFolder",
        ),
        (
            [EditionSource(42, DataFolder.at("."))],  # type: ignore[arg-type]
            "returned a EditionSource whose id is 42, expected a non-empty string",
        ),
        (
            [EditionSource("", DataFolder.at("."))],
            "returned a EditionSource whose id is '', expected a non-empty string",
        ),
    ],
)
def test_a_hook_returning_bad_sources(value: object, reason: str) -> None:
    found = registry((returning(value), BROKEN), (good_plugin(), GOOD))
    assert_only_the_good_one_works(found)
    assert [f.reason for f in found.failures] == [f"inspectcore_register_editions {reason}"]


def test_a_crosswalk_source_with_a_bad_file_name() -> None:
    bad = CrosswalkSource("a", "b", DataFolder.at("."), None)  # type: ignore[arg-type]
    found = registry((returning([bad], HOOKS[2]), BROKEN), (good_plugin(), GOOD))
    assert found.crosswalks() == ()
    assert [f.reason for f in found.failures] == [
        "inspectcore_register_crosswalks returned a CrosswalkSource whose file is None, "
        "expected a non-empty string"
    ]


def test_crosswalk_hook_failures_are_reported_once_and_without_asking() -> None:
    found = registry((raising(ValueError("no"), HOOKS[2]), BROKEN), (good_plugin(), GOOD))
    assert [f.reason for f in found.failures] == [
        "inspectcore_register_crosswalks raised ValueError: no"
    ]
    found.crosswalks()
    found.crosswalks()
    assert len(found.failures) == 1


class Registering:
    """A plugin object that raises when pluggy looks for its hooks."""

    def __dir__(self) -> list[str]:
        raise SystemExit("from __dir__")


def test_a_plugin_object_that_raises_when_registered() -> None:
    found = registry((Registering(), BROKEN), (good_plugin(), GOOD))
    assert_only_the_good_one_works(found)
    assert [f.reason for f in found.failures] == ["cannot be registered: SystemExit: from __dir__"]


# -- importing ---------------------------------------------------------------------------------


def entry_point(name: str, load: Callable[[], object], dist: str = "") -> SimpleNamespace:
    return SimpleNamespace(
        name=name, dist=SimpleNamespace(name=dist, version="0.3") if dist else None, load=load
    )


def with_entry_points(monkeypatch: pytest.MonkeyPatch, *extra: object, real: bool = True) -> None:
    def found(*, group: str) -> list[Any]:
        mine = [
            e
            for e in entry_points(group=group)
            if real or (e.dist is not None and e.dist.name == "inspectcore-example")
        ]
        return [*mine, *extra]

    use_entry_points(monkeypatch, found)


def raiser(error: BaseException) -> Callable[[], object]:
    def load() -> object:
        raise error

    return load


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (SystemExit(1), "SystemExit: 1"),
        (KeyboardInterrupt(), "KeyboardInterrupt"),
        (Escape(), "Escape"),
    ],
)
def test_an_import_that_exits_is_a_failure(
    monkeypatch: pytest.MonkeyPatch, error: BaseException, shown: str
) -> None:
    with_entry_points(monkeypatch, entry_point("broken", raiser(error), "inspectcore-broken"))
    found = Registry.discover(strict=False, blocked=())
    assert f"inspectcore-broken 0.3: cannot be imported: {shown}" in [
        str(f) for f in found.failures
    ]
    assert found.load_edition("example").id == "example"
    with pytest.raises(PluginError, match=re.escape("inspectcore-broken 0.3: cannot be imported")):
        Registry.discover(strict=True, blocked=())


def test_broken_distribution_metadata_is_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    class Dist:
        @property
        def name(self) -> str:
            raise KeyError("Name")

        version = "1"

    point = SimpleNamespace(name="odd", dist=Dist(), load=lambda: returning([]))
    with_entry_points(monkeypatch, point)
    found = Registry.discover(strict=True, blocked=())
    assert PluginInfo("odd") in found.plugins


@pytest.mark.parametrize(
    "blocked",
    ["inspectcore_example", "inspectcore-example", "Inspectcore_Example", "inspectcore.EXAMPLE"],
)
def test_blocking_normalises_distribution_names(
    monkeypatch: pytest.MonkeyPatch, blocked: str
) -> None:
    monkeypatch.setenv("INSPECTCORE_BLOCK_PLUGINS", f"nothing, {blocked}")
    found = Registry.discover(strict=True)
    assert "example" not in [p.name for p in found.plugins]
    assert not any(e.id.startswith("example") for e in found.editions())
    assert "example" not in [p.name for p in Registry.discover(blocked=[blocked]).plugins]


@pytest.mark.parametrize("blocked", ["Broken_Plugin", "broken.plugin", "BROKEN-PLUGIN"])
def test_blocking_normalises_entry_point_names(
    monkeypatch: pytest.MonkeyPatch, blocked: str
) -> None:
    point = entry_point("broken-plugin", raiser(SystemExit(1)))
    with_entry_points(monkeypatch, point)
    monkeypatch.setenv("INSPECTCORE_BLOCK_PLUGINS", blocked)
    assert not Registry.discover(strict=True).failures


# -- data --------------------------------------------------------------------------------------


class Rigged:
    """A Traversable of a plugin's making that raises ``error`` when anything is read."""

    def __init__(self, error: BaseException, name: str = "rigged") -> None:
        self.error = error
        self.name = name

    def __truediv__(self, child: str) -> Rigged:
        return Rigged(self.error, child)

    def joinpath(self, *children: str) -> Rigged:
        return self

    def read_text(self, encoding: str | None = None) -> str:
        raise self.error

    def iterdir(self) -> Iterator[Traversable]:
        raise self.error

    def is_dir(self) -> bool:
        raise self.error


def test_a_data_folder_that_raises_when_read_is_a_listing_failure() -> None:
    rigged = DataFolder(Rigged(SystemExit(9)))  # type: ignore[arg-type]
    found = registry((edition_plugin("rigged", rigged), BROKEN), (good_plugin(), GOOD))
    assert_only_the_good_one_works(found)
    assert [str(f) for f in found.failures] == [
        "inspectcore-broken 0.3: edition 'rigged': SystemExit: 9"
    ]


def test_a_data_folder_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    found = registry((edition_plugin("gone", missing), BROKEN), (good_plugin(), GOOD))
    assert_only_the_good_one_works(found)
    [failure] = found.failures
    assert failure.reason.startswith(f"edition 'gone': {missing / 'edition.toml'}: cannot be read")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('id = "bad"\ntitle = \n', "not valid TOML"),
        ("x = " + "[" * 3000 + "]" * 3000 + "\n", "nested too deeply"),
        (
            'id = "bad"\ntitle = "t"\nversion = "1"\npublisher = "p"\n',
            "published: required field missing",
        ),
        ('id = "bad"\ntitle = ["t"]\n', "title: expected a string, got ['t']"),
        (
            'id = "bad"\ntitle = "t"\nversion = "1"\npublisher = "p"\npublished = "x"\n'
            'synthetic = "yes"\n',
            "synthetic: expected true or false, got 'yes'",
        ),
    ],
)
def test_malformed_edition_toml_is_a_listing_failure(
    tmp_path: Path, text: str, reason: str
) -> None:
    (tmp_path / "edition.toml").write_text(text)
    found = registry((edition_plugin("bad", tmp_path), BROKEN), (good_plugin(), GOOD))
    assert_only_the_good_one_works(found)
    [failure] = found.failures
    assert failure.plugin == BROKEN
    assert str(tmp_path / "edition.toml") in failure.reason
    assert reason in failure.reason
    assert "\n" not in str(failure)


def copy_example(tmp_path: Path) -> Path:
    """A copy of the example edition's data folder, to break."""
    import shutil

    return Path(shutil.copytree(EXAMPLE / "data", tmp_path / "data"))


def test_an_edition_that_cannot_be_built_is_an_error_naming_the_plugin(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    header = folder / "edition.toml"
    header.write_text(header.read_text().replace("min = 50", "min = inf"))
    found = registry((edition_plugin("example", folder), BROKEN))
    assert [e.id for e in found.editions()] == ["example"]  # the header is fine
    with pytest.raises(EditionDataError) as info:
        found.load_edition("example")
    assert str(info.value).startswith("edition 'example' from inspectcore-broken 0.3 cannot be")
    assert f"{header}: rating: bands[1].min: expected a finite number between 0 and 100" in str(
        info.value
    )


def test_an_edition_folder_that_raises_on_load_is_an_error_naming_the_plugin() -> None:
    class HeaderOnly(Rigged):
        def __truediv__(self, child: str) -> Rigged:
            if child == "edition.toml":  # listing works; reading the questions fails
                return EXAMPLE / "data" / child  # type: ignore[return-value]
            return Rigged(self.error, child)

    folder = DataFolder(HeaderOnly(RuntimeError("disk on fire")))  # type: ignore[arg-type]
    found = registry((edition_plugin("example", folder), BROKEN))
    with pytest.raises(EditionDataError) as info:
        found.load_edition("example")
    assert str(info.value) == (
        "edition 'example' from inspectcore-broken 0.3 cannot be loaded: RuntimeError: disk on fire"
    )


EXTENSION = 'id = "ext"\ntitle = "Ext"\nversion = "0.1"\nextends = ["example"]\n'


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('id = "ext"\nextends = \n', "not valid TOML"),
        (
            'id = "ext"\ntitle = "Ext"\nversion = "0.1"\nextends = "example"\n',
            "extends: expected a list of strings, got 'example'",
        ),
        ('title = "Ext"\nversion = "0.1"\nextends = ["example"]\n', "id: required field missing"),
        (EXTENSION + "synthetic = 1\n", "synthetic: expected true or false, got 1"),
    ],
)
def test_malformed_extension_toml_is_a_listing_failure(
    tmp_path: Path, text: str, reason: str
) -> None:
    (tmp_path / "extension.toml").write_text(text)
    bad = returning([ExtensionSource("ext", DataFolder.at(tmp_path))], HOOKS[1])
    found = registry((bad, BROKEN), (good_plugin(), GOOD))
    assert_only_the_good_one_works(found)
    [failure] = found.failures
    assert failure.reason.startswith(f"extension 'ext': {tmp_path / 'extension.toml'}: ")
    assert reason in failure.reason


def test_extension_toml_with_an_unknown_key_fails_when_applied(tmp_path: Path) -> None:
    (tmp_path / "extension.toml").write_text(EXTENSION + "colour = 'red'\n")
    bad = returning([ExtensionSource("ext", DataFolder.at(tmp_path))], HOOKS[1])
    found = registry((bad, BROKEN), (good_plugin(), GOOD))
    assert [x.id for x in found.extensions()] == ["example-cymru", "ext"]
    with pytest.raises(
        EditionDataError, match=re.escape("extension 'ext' from inspectcore-broken 0.3")
    ):
        found.load_edition("example", ["ext"])
    assert found.load_edition("example", ["example-cymru"]).id == "example"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("from = \n", "not valid TOML"),
        ("x = " + "[" * 3000 + "]" * 3000 + "\n", "nested too deeply"),
        ('from = "example"\nto = "example-next"\npairs = 3\n', "pairs"),
    ],
)
def test_a_malformed_crosswalk_is_an_error_naming_the_plugin(
    tmp_path: Path, text: str, reason: str
) -> None:
    (tmp_path / "walk.toml").write_text(text)
    walk = CrosswalkSource("example", "example-next", DataFolder.at(tmp_path), "walk.toml")
    found = registry((returning([walk], HOOKS[2]), BROKEN), (good_plugin(), GOOD))
    assert [c.plugin for c in found.crosswalks()] == [BROKEN]
    with pytest.raises(CrosswalkDataError) as info:
        found.crosswalk("example", "example-next")
    message = str(info.value)
    assert message.startswith(
        "crosswalk example -> example-next from inspectcore-broken 0.3 cannot be loaded"
    )
    assert str(tmp_path / "walk.toml") in message
    assert reason in message
    assert found.load_edition("example").id == "example"


def test_a_crosswalk_folder_that_raises() -> None:
    walk = CrosswalkSource("example", "example-next", DataFolder(Rigged(SystemExit(2))))  # type: ignore[arg-type]
    found = registry((returning([walk], HOOKS[2]), BROKEN))
    with pytest.raises(CrosswalkDataError, match=re.escape("cannot be loaded: SystemExit: 2")):
        found.crosswalk("example", "example-next")


# -- through the command line ------------------------------------------------------------------


def run(*args: str) -> Result:
    """Run the command line; no exception may escape, and no traceback show."""
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def module(**hooks: Callable[[], object]) -> Callable[[], object]:
    """An entry point's ``load``: a plugin module with these hooks."""
    return lambda: SimpleNamespace(**{name: hookimpl(f) for name, f in hooks.items()})


def bad_entry_points(tmp_path: Path) -> list[SimpleNamespace]:
    """Plugins broken in every way, beside the installed ones."""
    (tmp_path / "edition.toml").write_text('id = "bad"\ntitle = \n')
    (tmp_path / "extension.toml").write_text('id = "ext"\nextends = "x"\n')

    def exits() -> object:
        raise SystemExit(4)

    def interrupts() -> object:
        raise KeyboardInterrupt

    return [
        entry_point("exits-on-import", exits, "inspectcore-exits"),
        entry_point("interrupts-on-import", interrupts, "inspectcore-interrupts"),
        entry_point("exits", module(inspectcore_register_editions=exits), "inspectcore-hook"),
        entry_point(
            "interrupts",
            module(inspectcore_register_extensions=interrupts),
            "inspectcore-hook-interrupts",
        ),
        entry_point(
            "bad-data",
            module(
                inspectcore_register_editions=lambda: [EditionSource.from_path("bad", tmp_path)],
                inspectcore_register_extensions=lambda: [
                    ExtensionSource("ext", DataFolder.at(tmp_path))
                ],
                inspectcore_register_crosswalks=lambda: [
                    CrosswalkSource("bad", "example", DataFolder.at(tmp_path / "nowhere"))
                ],
            ),
            "inspectcore-bad-data",
        ),
        entry_point(
            "missing-folder",
            module(
                inspectcore_register_editions=lambda: [
                    EditionSource.from_path("gone", tmp_path / "nowhere")
                ]
            ),
            "inspectcore-missing-folder",
        ),
    ]


EXPECTED_WARNINGS = [
    "warning: plugin inspectcore-exits 0.3: cannot be imported: SystemExit: 4",
    "warning: plugin inspectcore-interrupts 0.3: cannot be imported: KeyboardInterrupt",
    "warning: plugin inspectcore-hook 0.3: inspectcore_register_editions raised SystemExit: 4",
    "warning: plugin inspectcore-bad-data 0.3: edition 'bad': ",
    "warning: plugin inspectcore-missing-folder 0.3: edition 'gone': ",
    "warning: plugin inspectcore-hook-interrupts 0.3: inspectcore_register_extensions raised "
    "KeyboardInterrupt",
    "warning: plugin inspectcore-bad-data 0.3: extension 'ext': ",
]


def assert_warned(result: Result) -> None:
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == len(EXPECTED_WARNINGS), result.stderr
    for warning, expected in zip(warnings, EXPECTED_WARNINGS, strict=True):
        assert warning.startswith(expected)


def test_commands_work_beside_broken_plugins(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with_entry_points(monkeypatch, *bad_entry_points(tmp_path))
    listed = run("editions", "--all")
    assert listed.exit_code == 0, listed.output
    assert {"cag2016", "carag2024", "example"} <= {
        line.split("\t")[0] for line in listed.stdout.splitlines()
    }
    assert_warned(listed)
    questions = run("questions", "carag2024")
    assert questions.exit_code == 0
    assert questions.stdout.count("\n") > 50
    assert_warned(questions)
    plugins = json.loads(run("plugins", "--json").stdout)
    failed = [f["distribution"] for f in plugins["failures"]]
    assert failed == [
        "inspectcore-exits",
        "inspectcore-interrupts",
        "inspectcore-hook",
        "inspectcore-bad-data",
        "inspectcore-missing-folder",
        "inspectcore-hook-interrupts",
        "inspectcore-bad-data",
    ]
    assert "carag2024" in [p["id"] for p in plugins["provides"]]


def test_a_broken_crosswalk_through_the_command_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "crosswalk.toml").write_text("from = [[[\n")
    walk = CrosswalkSource("example", "carag2024", DataFolder.at(tmp_path))
    point = entry_point(
        "walks", module(inspectcore_register_crosswalks=lambda: [walk]), "inspectcore-walks"
    )
    with_entry_points(monkeypatch, point)
    result = run("crosswalk", "example", "carag2024")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "error: crosswalk example -> carag2024 from inspectcore-walks 0.3 cannot be loaded: "
        f"{tmp_path / 'crosswalk.toml'}: not valid TOML"
    )
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("command", [("editions",), ("plugins",), ("questions", "carag2024")])
def test_strict_mode_exits_2_with_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: tuple[str, ...]
) -> None:
    with_entry_points(monkeypatch, *bad_entry_points(tmp_path))
    monkeypatch.setenv("INSPECTCORE_STRICT_PLUGINS", "1")
    result = run(*command)
    assert result.exit_code == 2
    assert result.stderr == "error: inspectcore-exits 0.3: cannot be imported: SystemExit: 4\n"
    assert result.stdout == ""


def test_strict_mode_with_a_hook_that_interrupts(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupts() -> object:
        raise KeyboardInterrupt

    point = entry_point(
        "x", module(inspectcore_register_crosswalks=interrupts), "inspectcore-interrupts"
    )
    with_entry_points(monkeypatch, point)
    monkeypatch.setenv("INSPECTCORE_STRICT_PLUGINS", "1")
    result = run("questions", "carag2024")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: inspectcore-interrupts 0.3: inspectcore_register_crosswalks raised "
        "KeyboardInterrupt\n"
    )


@pytest.mark.parametrize("blocked", ["inspectcore_example", "Inspectcore_Example"])
def test_blocking_through_the_command_line(monkeypatch: pytest.MonkeyPatch, blocked: str) -> None:
    monkeypatch.setenv("INSPECTCORE_BLOCK_PLUGINS", blocked)
    result = run("editions", "--all", "--json")
    ids = [e["id"] for e in json.loads(result.stdout)]
    assert "carag2024" in ids
    assert "example" not in ids
    assert run("questions", "example").exit_code == 2
