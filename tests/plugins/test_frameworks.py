"""Inspection frameworks registered by plugins (inspectcore_register_frameworks)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from inspectcore import (
    DataFolder,
    FrameworkDataError,
    FrameworkSource,
    PluginError,
    PluginInfo,
    Plugins,
    Registry,
    UnknownFrameworkError,
    get_plugin_manager,
    hookimpl,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples/plugin/src/inspectcore_example/frameworks/example-programme.toml"


def framework_plugin(*sources: FrameworkSource) -> SimpleNamespace:
    @hookimpl
    def inspectcore_register_frameworks() -> list[FrameworkSource]:
        return list(sources)

    return SimpleNamespace(inspectcore_register_frameworks=inspectcore_register_frameworks)


def registry(*registered: tuple[object, str]) -> Registry:
    found = Plugins(get_plugin_manager())
    for plugin, name in registered:
        found.register(plugin, PluginInfo(name, f"dist-{name}", "1.0"))
    return Registry(found)


def source(tmp_path: Path, text: str, framework_id: str = "example-programme") -> FrameworkSource:
    (tmp_path / "f.toml").write_text(text, encoding="utf-8")
    return FrameworkSource(framework_id, DataFolder.at(tmp_path), "f.toml")


def test_installed_frameworks_are_listed_and_read() -> None:
    found = Registry.discover(strict=True, blocked=())
    ids = [f.id for f in found.frameworks()]
    assert {"hmip-youth-2018", "hmip-youth-2021", "example-programme"} <= set(ids)
    assert found.framework("hmip-youth-2021").edition == "carag2024"
    assert found.frameworks_for("carag2024") == ("hmip-youth-2021",)
    # Figures of an edition get intervals at its first framework's confidence, or none.
    rating = found.framework("hmip-youth-2021").sample.confidence
    assert found.sample_confidence("carag2024") == rating
    assert found.sample_confidence("no-such-edition") is None


def test_a_framework_from_a_folder_on_disk(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    found = registry((framework_plugin(source(tmp_path, text)), "mine"))
    assert found.framework("example-programme").bands_of == 9
    with pytest.raises(UnknownFrameworkError, match="installed: example-programme"):
        found.framework("other")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('basis = "derived: synthetic organisational standard"', 'basis = "guess"'),
            "provenance must start",
        ),
        (("of = 9", "of = 10"), "overall.of: 10 is not the top score"),
        (("min = 2", "min = 0"), "expected rising minimums"),
        (("margin = 0.05", "margin = 5"), "sample.margin: expected a number between 0 and 1"),
        (("minimum = 10", "minimum = 200"), "minimum is above maximum"),
        (('rated_by = "inspectors"', 'rated_by = "panel"'), "rated_by"),
        (
            ('counted_basis = "derived: synthetic, to test a standard that is not counted"\n', ""),
            "counted = false needs counted_basis",
        ),
        (("[sample]", "colour = 'red'\n[sample]"), "colour"),
    ],
)
def test_bad_framework_data_names_the_plugin_file_and_place(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert change[0] in text
    found = registry(
        (framework_plugin(source(tmp_path, text.replace(change[0], change[1], 1))), "mine")
    )
    with pytest.raises(FrameworkDataError, match="dist-mine") as raised:
        found.framework("example-programme")
    assert message in str(raised.value)
    assert "f.toml" in str(raised.value)


def test_a_framework_whose_file_says_another_id(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    found = registry((framework_plugin(source(tmp_path, text, "other")), "mine"))
    with pytest.raises(FrameworkDataError, match="says id = 'example-programme'"):
        found.framework("other")


def test_broken_hooks_and_duplicates_are_plugin_failures(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    same = source(tmp_path, text)
    wrong = SimpleNamespace(inspectcore_register_frameworks=hookimpl(lambda: "nope"))
    found = registry(
        (framework_plugin(same), "one"), (framework_plugin(same), "two"), (wrong, "three")
    )
    assert found.frameworks() == ()
    reasons = [f.reason for f in found.failures]
    assert any("inspectcore_register_frameworks returned str" in r for r in reasons)
    assert sum("registered by both" in r for r in reasons) == 2
    with pytest.raises(PluginError, match="registered by both"):
        found.framework("example-programme")
