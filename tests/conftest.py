"""Shared fixtures: a clean plugin environment and the example edition."""

from __future__ import annotations

import pytest

from inspectcore import Edition, Registry


@pytest.fixture(autouse=True)
def _plugin_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts without the plugin environment variables set."""
    monkeypatch.delenv("INSPECTCORE_STRICT_PLUGINS", raising=False)
    monkeypatch.delenv("INSPECTCORE_BLOCK_PLUGINS", raising=False)


@pytest.fixture
def example(inspectcore_registry: Registry) -> Edition:
    """The example edition, without extensions."""
    return inspectcore_registry.load_edition("example")


@pytest.fixture
def example_cymru(inspectcore_registry: Registry) -> Edition:
    """The example edition with the example-cymru extension."""
    return inspectcore_registry.load_edition("example", ["example-cymru"])
