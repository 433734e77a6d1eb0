"""Fixtures for the wales extension's tests: the editions with and without it, and cases."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib.resources import files
from pathlib import Path

import pytest

from inspectcore import (
    Answer,
    AppliedExtension,
    CaseAssessment,
    Edition,
    EditionRef,
    Registry,
    Value,
    write_case,
)

SEED = ("data", "source", "iyow-cag-v16-2016.txt")
"""The 2016 Case Assessment Guidance, as text: the source of every word the extension ships
(shipped in this package, so that it does not need the cag2016 plugin)."""

MakeCase = Callable[..., CaseAssessment]


@pytest.fixture(autouse=True)
def _no_plugin_settings(isolated_plugins: None) -> None:
    """Every test starts with INSPECTCORE_BLOCK_PLUGINS and _STRICT_PLUGINS unset."""


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry.discover(strict=True, blocked=())


@pytest.fixture(scope="session")
def cag2016_wales(registry: Registry) -> Edition:
    return registry.load_edition("cag2016", ["wales"])


@pytest.fixture(scope="session")
def carag2024_wales(registry: Registry) -> Edition:
    return registry.load_edition("carag2024", ["wales"])


@pytest.fixture
def make_case(registry: Registry) -> MakeCase:
    """A case of ``edition`` assessed with the wales extension, with these answers."""

    def make(
        edition: str, answers: Mapping[str, Value], context: Mapping[str, Value] | None = None
    ) -> CaseAssessment:
        info = registry.extension_info("wales")
        version = registry.edition_info(edition).header.version
        return CaseAssessment(
            edition=EditionRef(edition, version),
            case="W-TEST",
            extensions=(AppliedExtension("wales", info.header.version, info.plugin.distribution),),
            context=dict(context or {}),
            answers=tuple(Answer(qid, value) for qid, value in answers.items()),
        )

    return make


@pytest.fixture
def case_file(tmp_path: Path, make_case: MakeCase) -> Callable[..., Path]:
    """Write a case (as ``make_case`` builds it) to a TOML file and return its path."""

    def write(
        edition: str,
        answers: Mapping[str, Value],
        context: Mapping[str, Value] | None = None,
        name: str = "case.toml",
    ) -> Path:
        path = tmp_path / name
        write_case(make_case(edition, answers, context), path)
        return path

    return write


@pytest.fixture(scope="session")
def seed() -> str:
    """The 2016 guidance's text, as this package ships it (read as a package resource)."""
    return files("inspectcore_wales").joinpath(*SEED).read_text(encoding="utf-8")
