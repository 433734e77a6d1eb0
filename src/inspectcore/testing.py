"""Helpers for testing inspectcore plugins: fixtures and edition assertions.

Installed as a pytest plugin (entry point ``pytest11``), so a plugin's tests can
use the fixtures directly::

    def test_my_edition_loads(inspectcore_registry):
        edition = inspectcore_registry.load_edition("myedition")
        assert_edition_lints_clean(inspectcore_registry, "myedition")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest

from ._loading.lint import Severity
from ._loading.load import LoadedEdition, load_edition_folder
from ._plugins import manager as _manager
from ._plugins.registry import Registry
from ._util.resources import DataFolder

__all__ = [
    "assert_edition_folder_lints_clean",
    "assert_edition_lints_clean",
    "inspectcore_registry",
    "isolated_plugins",
    "use_entry_points",
]


def _fail_on_findings(loaded: LoadedEdition, what: str, allow_warnings: bool) -> None:
    shown = [
        str(p) for p in loaded.findings if not (allow_warnings and p.severity is Severity.WARNING)
    ]
    if shown:
        pytest.fail(f"{what} has {len(shown)} lint finding(s):\n" + "\n".join(shown))


def assert_edition_lints_clean(
    registry: Registry,
    edition_id: str,
    extensions: Sequence[str] = (),
    *,
    allow_warnings: bool = False,
) -> LoadedEdition:
    """Assert that an installed edition (with extensions) loads, with no lint findings.

    Returns the loaded edition for further checks. Load errors fail with the
    message naming each file and place; warnings (such as a rule without
    provenance) fail too unless ``allow_warnings``.
    """
    loaded = registry.load(edition_id, extensions)
    _fail_on_findings(loaded, f"edition {edition_id!r}", allow_warnings)
    return loaded


def assert_edition_folder_lints_clean(
    path: str | Path, *, allow_warnings: bool = False
) -> LoadedEdition:
    """Assert that edition data in a folder (not installed) loads with no findings."""
    loaded = load_edition_folder(DataFolder.at(path))
    _fail_on_findings(loaded, str(path), allow_warnings)
    return loaded


@pytest.fixture
def inspectcore_registry() -> Registry:
    """The registry of every installed plugin, with plugin failures fatal."""
    return Registry.discover(strict=True, blocked=())


@pytest.fixture
def isolated_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Clear ``INSPECTCORE_STRICT_PLUGINS`` and ``INSPECTCORE_BLOCK_PLUGINS`` for one test."""
    monkeypatch.delenv("INSPECTCORE_STRICT_PLUGINS", raising=False)
    monkeypatch.delenv("INSPECTCORE_BLOCK_PLUGINS", raising=False)


def use_entry_points(monkeypatch: pytest.MonkeyPatch, found: Callable[..., Iterable[Any]]) -> None:
    """Make plugin discovery see, for one test, the entry points ``found(group=...)`` returns.

    To test what a plugin that is not installed, or broken, does to discovery: ``found``
    stands in for :func:`importlib.metadata.entry_points` (called with ``group=`` only), and
    each entry point it returns needs ``name``, ``dist`` (with ``name`` and ``version``, or
    ``None``) and ``load()``.
    """
    # Discovery reads the entry points through its own module's name for the function.
    monkeypatch.setattr(_manager, "entry_points", found)
