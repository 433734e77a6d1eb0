"""Plugins: isolation of broken plugins, duplicates, blocking, strict mode, bad data, hook docs."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from importlib.metadata import EntryPoint, entry_points, version
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from inspectcore import (
    CrosswalkSource,
    DataFolder,
    EditionDataError,
    EditionSource,
    ExtensionSource,
    PluginError,
    PluginInfo,
    Plugins,
    Registry,
    UnknownEditionError,
    get_plugin_manager,
    hookimpl,
)
from inspectcore.testing import use_entry_points

ROOT = Path(__file__).resolve().parents[2]

EDITION_TOML = """\
id = "{id}"
title = "Test edition {id}"
version = "1.0"
publisher = "tests"
published = "2026-01"
source = "written by the tests"
licence = "CC0-1.0"
levels = ["area"]

[[sections]]
id = "A"
level = "area"
title = "Area A"

[[questions]]
id = "1"
kind = "information"
section = "A"
text = "A question"
domain = {{ type = "yes_no" }}
domain_basis = "stated: the tests"
"""


def edition_folder(root: Path, edition_id: str, header_id: str | None = None) -> Path:
    """A small valid edition's data folder (``header_id`` changes the id in edition.toml)."""
    folder = root / edition_id
    folder.mkdir(parents=True)
    (folder / "edition.toml").write_text(EDITION_TOML.format(id=header_id or edition_id))
    return folder


def edition_plugin(*sources: EditionSource) -> SimpleNamespace:
    @hookimpl
    def inspectcore_register_editions() -> list[EditionSource]:
        return list(sources)

    return SimpleNamespace(inspectcore_register_editions=inspectcore_register_editions)


def returning(value: object, hook: str = "inspectcore_register_editions") -> SimpleNamespace:
    """A plugin whose hook returns ``value`` (or raises it, when it is an exception)."""

    def function() -> object:
        if isinstance(value, BaseException):
            raise value
        return value

    return SimpleNamespace(**{hook: hookimpl(function)})


def plugins(*registered: tuple[object, PluginInfo], strict: bool = False) -> Plugins:
    found = Plugins(get_plugin_manager(), strict=strict)
    for plugin, info in registered:
        found.register(plugin, info)
    return found


GOOD = PluginInfo("good", "inspectcore-good", "1.0")
BROKEN = PluginInfo("broken", "inspectcore-broken", "0.3")


@pytest.fixture
def good(tmp_path: Path) -> SimpleNamespace:
    return edition_plugin(EditionSource.from_path("good", edition_folder(tmp_path, "good")))


# -- isolation -------------------------------------------------------------------------------


def test_plugin_that_raises_is_reported_and_others_work(good: SimpleNamespace) -> None:
    found = plugins((returning(RuntimeError("boom")), BROKEN), (good, GOOD))
    registry = Registry(found)
    assert [e.id for e in registry.editions()] == ["good"]
    assert registry.editions()[0].plugin == GOOD
    [failure] = registry.failures
    assert failure.plugin == BROKEN
    assert str(failure) == (
        "inspectcore-broken 0.3: inspectcore_register_editions raised RuntimeError: boom"
    )
    assert registry.load_edition("good").question("1").wording == "A question"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("good", "inspectcore_register_editions returned str, expected a list of EditionSource"),
        (None, "inspectcore_register_editions returned NoneType, expected a list of EditionSource"),
        (
            {"id": "x"},
            "inspectcore_register_editions returned dict, expected a list of EditionSource",
        ),
        (
            [ExtensionSource("x", DataFolder.at("."))],
            "inspectcore_register_editions returned a ExtensionSource, expected EditionSource",
        ),
        (["good"], "inspectcore_register_editions returned a str, expected EditionSource"),
    ],
)
def test_plugin_returning_the_wrong_type(good: SimpleNamespace, value: object, reason: str) -> None:
    found = plugins((good, GOOD), (returning(value), BROKEN))
    assert [(info, s.id) for info, s in found.editions()] == [(GOOD, "good")]
    assert [(f.plugin, f.reason) for f in found.failures] == [(BROKEN, reason)]


def test_good_items_of_a_partly_bad_list_are_kept(tmp_path: Path) -> None:
    source = EditionSource.from_path("good", edition_folder(tmp_path, "good"))
    found = plugins((returning([source, 42]), BROKEN))
    assert [s.id for _, s in found.editions()] == ["good"]
    assert [f.reason for f in found.failures] == [
        "inspectcore_register_editions returned a int, expected EditionSource"
    ]


def test_failures_in_other_hooks_are_isolated(good: SimpleNamespace) -> None:
    bad_extensions = returning(ValueError("no"), "inspectcore_register_extensions")
    bad_crosswalks = returning("x", "inspectcore_register_crosswalks")
    found = plugins(
        (good, GOOD),
        (bad_extensions, BROKEN),
        (bad_crosswalks, PluginInfo("worse", "inspectcore-worse", "2")),
    )
    registry = Registry(found)
    assert [e.id for e in registry.editions()] == ["good"]
    assert registry.extensions() == ()
    assert registry.crosswalks() == ()
    assert sorted(str(f) for f in registry.failures) == [
        "inspectcore-broken 0.3: inspectcore_register_extensions raised ValueError: no",
        "inspectcore-worse 2: inspectcore_register_crosswalks returned str, "
        "expected a list of CrosswalkSource",
    ]


def test_strict_mode_raises(good: SimpleNamespace) -> None:
    found = plugins((good, GOOD), (returning(RuntimeError("boom")), BROKEN), strict=True)
    with pytest.raises(PluginError, match=r"inspectcore-broken 0\.3: .* raised RuntimeError: boom"):
        found.editions()
    with pytest.raises(PluginError, match=re.escape("inspectcore-broken 0.3")):
        Registry(plugins((returning(42), BROKEN), strict=True)).editions()


def test_hooks_are_called_in_registration_order(tmp_path: Path) -> None:
    first = edition_plugin(EditionSource.from_path("one", edition_folder(tmp_path, "one")))
    second = edition_plugin(EditionSource.from_path("two", edition_folder(tmp_path, "two")))
    found = plugins((first, PluginInfo("first")), (second, PluginInfo("second")))
    assert [(info.name, s.id) for info, s in found.editions()] == [
        ("first", "one"),
        ("second", "two"),
    ]


def test_registering_a_name_twice_is_a_failure(good: SimpleNamespace) -> None:
    other = returning([])
    found = plugins((good, GOOD), (other, PluginInfo("good", "inspectcore-impostor", "1")))
    [failure] = found.failures
    assert failure.plugin.distribution == "inspectcore-impostor"
    assert failure.reason.startswith("cannot be registered: ")
    assert list(found.infos) == ["good"]


def test_plugin_label() -> None:
    assert PluginInfo("x").label == "plugin 'x'"
    assert PluginInfo("x", "inspectcore-x", "1.2").label == "inspectcore-x 1.2"
    assert PluginInfo("x", "inspectcore-x").label == "inspectcore-x"


def test_hand_registered_extension_and_crosswalk() -> None:
    example = ROOT / "examples" / "plugin" / "src" / "inspectcore_example"
    cymru = ExtensionSource("example-cymru", DataFolder.at(example / "cymru"))
    walk = CrosswalkSource(
        "example", "example-next", DataFolder.at(example / "crosswalks"), "example.toml"
    )
    source = EditionSource.from_path("example", example / "data")
    plugin = SimpleNamespace(
        inspectcore_register_editions=hookimpl(lambda: [source]),
        inspectcore_register_extensions=hookimpl(lambda: [cymru]),
        inspectcore_register_crosswalks=hookimpl(lambda: (walk,)),
    )
    registry = Registry(plugins((plugin, GOOD), strict=True))
    assert [(x.id, x.header.extends) for x in registry.extensions()] == [
        ("example-cymru", ("example",))
    ]
    assert [(c.source.from_edition, c.plugin) for c in registry.crosswalks()] == [("example", GOOD)]
    edition = registry.load_edition("example", ["example-cymru"])
    assert edition.find_question("6c") is not None
    assert edition.extensions[0].distribution == "inspectcore-good"


# -- duplicates ------------------------------------------------------------------------------


def test_two_plugins_registering_the_same_edition(tmp_path: Path, good: SimpleNamespace) -> None:
    one = edition_plugin(EditionSource.from_path("dup", edition_folder(tmp_path / "a", "dup")))
    two = edition_plugin(EditionSource.from_path("dup", edition_folder(tmp_path / "b", "dup")))
    first = PluginInfo("a", "inspectcore-a", "1.0")
    second = PluginInfo("b", "inspectcore-b", "2.0")
    registry = Registry(plugins((one, first), (good, GOOD), (two, second)))
    assert [e.id for e in registry.editions()] == ["good"]
    failures = registry.failures
    assert {f.plugin for f in failures} == {first, second}
    for failure in failures:
        assert "edition 'dup' is registered by both" in failure.reason
        assert "inspectcore-a 1.0" in failure.reason
        assert "inspectcore-b 2.0" in failure.reason
    with pytest.raises(PluginError) as info:
        registry.load_edition("dup")
    assert "inspectcore-a 1.0" in str(info.value)
    assert "inspectcore-b 2.0" in str(info.value)
    assert registry.load_edition("good").id == "good"


def test_duplicate_edition_in_strict_mode(tmp_path: Path) -> None:
    one = edition_plugin(EditionSource.from_path("dup", edition_folder(tmp_path / "a", "dup")))
    two = edition_plugin(EditionSource.from_path("dup", edition_folder(tmp_path / "b", "dup")))
    registry = Registry(
        plugins(
            (one, PluginInfo("a", "inspectcore-a", "1")),
            (two, PluginInfo("b", "inspectcore-b", "1")),
            strict=True,
        )
    )
    with pytest.raises(PluginError, match="registered by both inspectcore-a 1 and inspectcore-b 1"):
        registry.editions()


def test_two_plugins_registering_the_same_extension() -> None:
    example = ROOT / "examples" / "plugin" / "src" / "inspectcore_example" / "cymru"
    cymru = ExtensionSource("example-cymru", DataFolder.at(example))
    one = returning([cymru], "inspectcore_register_extensions")
    two = returning([cymru], "inspectcore_register_extensions")
    registry = Registry(plugins((one, GOOD), (two, BROKEN)))
    assert registry.extensions() == ()
    assert len(registry.failures) == 2
    with pytest.raises(
        PluginError, match=re.escape("inspectcore-good 1.0 and inspectcore-broken 0.3")
    ):
        registry.extension_info("example-cymru")


# -- data problems ---------------------------------------------------------------------------


def test_edition_toml_id_differs_from_registered_id(tmp_path: Path, good: SimpleNamespace) -> None:
    mine = edition_plugin(
        EditionSource.from_path("mine", edition_folder(tmp_path, "mine", header_id="other"))
    )
    registry = Registry(plugins((mine, BROKEN), (good, GOOD)))
    assert [e.id for e in registry.editions()] == ["good"]
    [failure] = registry.failures
    assert str(failure) == (
        "inspectcore-broken 0.3: registers edition 'mine' but its edition.toml says id = 'other'"
    )
    with pytest.raises(UnknownEditionError, match="no edition 'mine' is installed"):
        registry.load_edition("mine")
    with pytest.raises(PluginError, match=re.escape("edition.toml says id = 'other'")):
        Registry(plugins((mine, BROKEN), strict=True)).editions()


def test_unreadable_edition_toml_is_a_listing_failure(tmp_path: Path) -> None:
    folder = edition_folder(tmp_path, "bad")
    (folder / "edition.toml").write_text('id = "bad"\ntitle = \n')
    registry = Registry(plugins((edition_plugin(EditionSource.from_path("bad", folder)), BROKEN)))
    assert registry.editions() == ()
    [failure] = registry.failures
    assert failure.plugin == BROKEN
    assert str(folder / "edition.toml") in failure.reason
    assert "not valid TOML" in failure.reason


def test_bad_question_data_names_distribution_and_file(tmp_path: Path) -> None:
    folder = edition_folder(tmp_path, "bad")
    questions = folder / "questions"
    questions.mkdir()
    (questions / "01-more.toml").write_text(
        '[[questions]]\nid = "2"\nkind = "information"\nsection = "A"\ncolour = "red"\n'
        'domain = { type = "yes_no" }\n'
    )
    registry = Registry(plugins((edition_plugin(EditionSource.from_path("bad", folder)), BROKEN)))
    assert [e.id for e in registry.editions()] == ["bad"]  # listing reads edition.toml only
    with pytest.raises(EditionDataError) as info:
        registry.load_edition("bad")
    message = str(info.value)
    assert message.startswith("edition 'bad' from inspectcore-broken 0.3 cannot be loaded")
    assert str(questions / "01-more.toml") in message
    assert "colour" in message
    assert any("questions[0]" in p and "colour" in p for p in info.value.problems)


def test_broken_condition_names_distribution_and_file(tmp_path: Path) -> None:
    folder = edition_folder(tmp_path, "bad")
    with (folder / "edition.toml").open("a") as stream:
        stream.write('applies = \'answer("9") == "Yes"\'\napplies_basis = "stated: x"\n')
    registry = Registry(plugins((edition_plugin(EditionSource.from_path("bad", folder)), BROKEN)))
    with pytest.raises(EditionDataError) as info:
        registry.load_edition("bad")
    message = str(info.value)
    assert "inspectcore-broken 0.3" in message
    assert str(folder / "edition.toml") in message
    assert 'answer("9") names an unknown question' in message


def test_bad_extension_data_names_distribution_and_file(tmp_path: Path) -> None:
    good_folder = edition_folder(tmp_path, "good")
    extension = tmp_path / "ext"
    (extension / "good").mkdir(parents=True)
    (extension / "extension.toml").write_text(
        'id = "ext"\ntitle = "Ext"\nversion = "0.1"\nextends = ["good"]\n'
    )
    (extension / "good" / "more.toml").write_text(
        '[[questions]]\nid = "1"\nkind = "information"\nsection = "A"\n'
        'domain = { type = "yes_no" }\n'
    )
    plugin = SimpleNamespace(
        inspectcore_register_editions=hookimpl(
            lambda: [EditionSource.from_path("good", good_folder)]
        ),
        inspectcore_register_extensions=hookimpl(
            lambda: [ExtensionSource("ext", DataFolder.at(extension))]
        ),
    )
    registry = Registry(plugins((plugin, BROKEN)))
    with pytest.raises(EditionDataError) as info:
        registry.load_edition("good", ["ext"])
    message = str(info.value)
    assert message.startswith("extension 'ext' from inspectcore-broken 0.3 cannot be applied")
    assert str(extension / "good" / "more.toml") in message
    assert "cannot replace the existing question '1'" in message


# -- entry points and the environment --------------------------------------------------------


def fake_entry_points(
    *extra: Any,
) -> Callable[..., list[Any]]:
    def found(*, group: str) -> list[Any]:
        return [*entry_points(group=group), *extra]

    return found


def broken_entry_point() -> SimpleNamespace:
    def load() -> object:
        raise ImportError("No module named 'inspectcore_broken'")

    return SimpleNamespace(
        name="broken",
        dist=SimpleNamespace(name="inspectcore-broken", version="0.3"),
        load=load,
    )


def test_discover_finds_the_example_plugin() -> None:
    registry = Registry.discover(strict=True, blocked=())
    [example] = [p for p in registry.plugins if p.name == "example"]
    assert example == PluginInfo("example", "inspectcore-example", version("inspectcore-example"))
    ids = [e.id for e in registry.editions()]
    assert "example" in ids
    assert "example-next" in ids
    assert "example-cymru" in [x.id for x in registry.extensions()]


def test_entry_point_that_fails_to_import(monkeypatch: pytest.MonkeyPatch) -> None:
    use_entry_points(monkeypatch, fake_entry_points(broken_entry_point()))
    registry = Registry.discover(strict=False, blocked=())
    mine = [f for f in registry.failures if f.plugin.name == "broken"]
    assert [str(f) for f in mine] == [
        "inspectcore-broken 0.3: cannot be imported: "
        "ImportError: No module named 'inspectcore_broken'"
    ]
    assert "broken" not in [p.name for p in registry.plugins]
    assert registry.load_edition("example").question("B 1.1").kind == "judgement"


def test_entry_point_that_raises_any_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def load() -> object:
        raise ZeroDivisionError("division by zero")

    point = SimpleNamespace(name="odd", dist=None, load=load)
    use_entry_points(monkeypatch, fake_entry_points(point))
    registry = Registry.discover(strict=False, blocked=())
    assert "plugin 'odd': cannot be imported: ZeroDivisionError: division by zero" in [
        str(f) for f in registry.failures
    ]
    assert "example" in [e.id for e in registry.editions()]


def test_real_entry_point_object_that_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    point = EntryPoint("ghost", "inspectcore_no_such_module_xyz", "inspectcore")
    use_entry_points(monkeypatch, fake_entry_points(point))
    registry = Registry.discover(strict=False, blocked=())
    [failure] = [f for f in registry.failures if f.plugin.name == "ghost"]
    assert "ModuleNotFoundError" in failure.reason
    assert "example" in [e.id for e in registry.editions()]


@pytest.mark.parametrize("setting", ["1", "true", "YES", "on"])
def test_strict_environment_makes_failures_fatal(
    monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    use_entry_points(monkeypatch, fake_entry_points(broken_entry_point()))
    monkeypatch.setenv("INSPECTCORE_STRICT_PLUGINS", setting)
    with pytest.raises(PluginError, match=re.escape("inspectcore-broken 0.3: cannot be imported")):
        Registry.discover(blocked=())
    # an explicit argument wins over the environment
    assert "example" in [e.id for e in Registry.discover(strict=False, blocked=()).editions()]


@pytest.mark.parametrize("setting", ["", "0", "no"])
def test_strict_environment_off(monkeypatch: pytest.MonkeyPatch, setting: str) -> None:
    use_entry_points(monkeypatch, fake_entry_points(broken_entry_point()))
    monkeypatch.setenv("INSPECTCORE_STRICT_PLUGINS", setting)
    registry = Registry.discover(blocked=())
    assert any(f.plugin.name == "broken" for f in registry.failures)


@pytest.mark.parametrize("setting", ["example", "inspectcore-example", " other , example "])
def test_block_environment(monkeypatch: pytest.MonkeyPatch, setting: str) -> None:
    monkeypatch.setenv("INSPECTCORE_BLOCK_PLUGINS", setting)
    registry = Registry.discover(strict=False)
    assert "example" not in [p.name for p in registry.plugins]
    assert not any(e.id.startswith("example") for e in registry.editions())
    assert not any(f.plugin.name == "example" for f in registry.failures)
    with pytest.raises(UnknownEditionError):
        registry.load_edition("example")
    # an explicit list wins over the environment
    assert "example" in [e.id for e in Registry.discover(blocked=()).editions()]


def test_blocking_a_broken_plugin_avoids_its_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    use_entry_points(monkeypatch, fake_entry_points(broken_entry_point()))
    monkeypatch.setenv("INSPECTCORE_STRICT_PLUGINS", "1")
    monkeypatch.setenv("INSPECTCORE_BLOCK_PLUGINS", "inspectcore-broken")
    registry = Registry.discover()
    assert "example" in [e.id for e in registry.editions()]


# -- hook documentation ----------------------------------------------------------------------


def test_every_hook_is_documented_and_tested() -> None:
    hooks = [
        (name, caller.spec.function)
        for name, caller in vars(get_plugin_manager().hook).items()
        if name.startswith("inspectcore_") and caller.spec is not None
    ]
    assert len(hooks) >= 3
    docs = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md"))
    own = inspect.getsource(test_every_hook_is_documented_and_tested)
    tests = "\n".join(
        p.read_text(encoding="utf-8").replace(own, "")
        for p in Path(__file__).parents[1].rglob("test_*.py")
    )
    for name, function in hooks:
        doc = inspect.getdoc(function) or ""
        assert "Called" in doc, name
        assert "Example" in doc, name
        assert re.search(rf"\b{name}\b", docs), f"{name} is not documented in docs/"
        assert re.search(rf"\b{name}\b", tests), f"{name} is named in no test"
