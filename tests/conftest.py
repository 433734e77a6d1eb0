"""Shared fixtures: a clean plugin environment and the example edition."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from inspectcore import Edition, Registry


@pytest.fixture(autouse=True)
def _plugin_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts without the plugin environment variables set."""
    monkeypatch.delenv("INSPECTCORE_STRICT_PLUGINS", raising=False)
    monkeypatch.delenv("INSPECTCORE_BLOCK_PLUGINS", raising=False)


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A copy of the repository's files (tracked, or new and not ignored), without .venv."""
    root = Path(__file__).resolve().parent.parent
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    target = tmp_path / "repo"
    for name in filter(None, listed):
        source = root / os.fsdecode(name)
        if source.is_file():  # a file deleted but not yet committed is listed too
            destination = target / os.fsdecode(name)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
    return target


@pytest.fixture
def example(inspectcore_registry: Registry) -> Edition:
    """The example edition, without extensions."""
    return inspectcore_registry.load_edition("example")


@pytest.fixture
def example_cymru(inspectcore_registry: Registry) -> Edition:
    """The example edition with the example-cymru extension."""
    return inspectcore_registry.load_edition("example", ["example-cymru"])


# -- small editions written by a test ---------------------------------------------------------

_KINDS = [
    {
        "id": kind,
        "domain": {"type": "yes_no"},
        "domain_basis": "stated: the tests",
        "scored": True,
        "scored_basis": "stated: the tests",
        "sufficient": ["Yes"],
        "insufficient": ["No"],
    }
    for kind in ("judgement", "summary_judgement")
]


@pytest.fixture
def write_edition(tmp_path: Path) -> Callable[..., Path]:
    """Write a small edition's data folder under ``tmp_path``; return the folder.

    ``write_edition("old", sections=[...], questions=[...])`` takes the tables of the
    edition data format as lists of dicts (see docs/edition-data.md); the header, and
    judgement and summary_judgement kinds (Yes/No, scored), are filled in.
    """

    def write(
        name: str,
        *,
        edition_id: str | None = None,
        version: str = "1.0",
        levels: Sequence[str] = ("area", "topic"),
        rating: dict[str, Any] | None = None,
        **tables: Sequence[dict[str, Any]],
    ) -> Path:
        import tomli_w

        folder = tmp_path / name
        (folder / "questions").mkdir(parents=True)
        header: dict[str, Any] = {
            "id": edition_id or name,
            "title": f"Test edition {name}",
            "version": version,
            "publisher": "tests",
            "published": "2026-01",
            "source": "written by the tests",
            "licence": "CC0-1.0",
            "levels": list(levels),
            "kinds": _KINDS,
        }
        if rating is not None:
            header["rating"] = rating
        content = {key: list(value) for key, value in tables.items() if value}
        questions: dict[str, Any] = {
            k: content.pop(k) for k in ("questions", "exclusions") if k in content
        }
        (folder / "edition.toml").write_text(tomli_w.dumps({**header, **content}))
        (folder / "questions" / "01.toml").write_text(tomli_w.dumps(questions))
        return folder

    return write


# -- property-based tests (tests/test_properties_*.py) ----------------------------------------

settings.register_profile(
    "inspectcore",
    derandomize=True,  # the same examples on every run, so CI is reproducible
    database=None,  # no .hypothesis folder written into the repository
    deadline=None,  # no timed tests: speed belongs to the benchmarks
    max_examples=50,  # each property may lower or raise this; the suite stays well under a minute
    print_blob=False,
)
settings.load_profile("inspectcore")
