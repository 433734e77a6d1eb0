"""The cag2016 edition loads and passes the engine's checks."""

from __future__ import annotations

from inspectcore import Registry
from inspectcore.testing import assert_edition_lints_clean


def test_loads_and_lints_clean(inspectcore_registry: Registry) -> None:
    loaded = assert_edition_lints_clean(inspectcore_registry, "cag2016")
    assert loaded.edition.version == "16"
    assert [s.id for s in loaded.edition.sections] == [f"View {n}" for n in range(6)]


def test_welsh_language_questions_are_left_to_the_wales_extension(
    inspectcore_registry: Registry,
) -> None:
    edition = inspectcore_registry.load_edition("cag2016")
    assert edition.fact("3b") is not None  # the country they are routed on: an inspection fact
    for welsh in ("9a", "9b", "9c", "9d", "9e", "13c"):
        assert edition.find_question(welsh) is None
