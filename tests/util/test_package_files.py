"""package_files gives what importlib.resources.files gives, without importing it when it
need not (listing editions)."""

from __future__ import annotations

import importlib.resources
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from inspectcore._util.resources import package_files

PACKAGES = (
    "inspectcore",
    "inspectcore._web",
    "inspectcore_carag2024",
    "inspectcore_cag2016",
    "inspectcore_wales",
    "inspectcore_example",
    "click",
)


@pytest.mark.parametrize("package", PACKAGES)
def test_installed_packages(package: str) -> None:
    found = package_files(package)
    expected = importlib.resources.files(package)
    assert type(found) is type(expected)
    assert found == expected
    assert isinstance(found, Path)


def test_a_zipped_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "zipped.zip"
    with zipfile.ZipFile(archive, "w") as written:
        written.writestr("zipped_pkg/__init__.py", "")
        written.writestr("zipped_pkg/data/edition.toml", "id = 'z'\n")
    monkeypatch.syspath_prepend(str(archive))
    monkeypatch.delitem(sys.modules, "zipped_pkg", raising=False)
    found = package_files("zipped_pkg")
    assert not isinstance(found, Path)
    assert (found / "data" / "edition.toml").read_text() == "id = 'z'\n"
    assert type(found) is type(importlib.resources.files("zipped_pkg"))


def outcome(package: str, files: Callable[[str], object]) -> object:
    try:
        return files(package)
    except Exception as exc:
        return (type(exc).__name__, str(exc))


def test_a_module_that_is_not_a_package() -> None:
    # Refused by Python 3.11, its folder from 3.12 on: the same either way.
    name = "inspectcore._errors"
    assert outcome(name, package_files) == outcome(name, importlib.resources.files)
