"""Plugin discovery finds exactly the entry points importlib.metadata finds.

``inspectcore._plugins.points`` reads ``*.dist-info`` folders itself (importing
importlib.metadata was most of the start-up time of ``inspectcore editions``); here the
two are compared on the real environment and on site folders made for the purpose: the
same entry points in the same order, the same distribution names and versions, the same
errors, and the same failure when one is loaded.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import sys
import warnings
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from inspectcore._plugins import points
from inspectcore._plugins.manager import describe

GROUPS = ("inspectcore", "console_scripts", "pytest11", "other")


def outcome(read: Callable[[], object]) -> object:
    try:
        return read()
    except Exception as exc:
        return ("raised", type(exc).__name__)


def seen(found: Callable[..., Any], group: str) -> object:
    """What discovery sees: each entry point with its distribution, or the error raised."""
    try:
        listed = list(found(group=group))
    except Exception as exc:
        return ("raised", type(exc).__name__)
    return [
        (
            e.name,
            e.value,
            e.group,
            outcome(partial(getattr, e.dist, "name")),
            outcome(partial(getattr, e.dist, "version")),
        )
        for e in listed
    ]


def same_as_importlib(group: str) -> None:
    importlib.invalidate_caches()  # importlib.metadata caches folder listings by mtime
    with warnings.catch_warnings():  # importlib.metadata's warning for a missing header
        warnings.simplefilter("ignore", DeprecationWarning)
        assert seen(points.entry_points, group) == seen(importlib.metadata.entry_points, group)


def fast(group: str) -> bool:
    """Whether the entry points came from points' own reading (not importlib.metadata)."""
    found = points.entry_points(group=group)
    return all(isinstance(e, points.FoundEntryPoint) for e in found)


@pytest.mark.parametrize("group", GROUPS)
def test_the_real_environment(group: str) -> None:
    same_as_importlib(group)
    assert fast(group)


def test_the_real_environment_has_the_bundled_plugins() -> None:
    found = points.entry_points(group="inspectcore")
    assert {e.dist.name for e in found} >= {
        "inspectcore-carag2024",
        "inspectcore-cag2016",
        "inspectcore-wales",
        "inspectcore-example",
    }
    assert all(isinstance(e, points.FoundEntryPoint) for e in found)


def dist(
    site: Path,
    folder: str,
    entry_points: str | None = "",
    metadata: str | None = None,
) -> Path:
    path = site / folder
    path.mkdir(parents=True)
    if metadata is None:
        stem = folder.removesuffix(".dist-info").removesuffix(".egg-info")
        name, _, version = stem.partition("-")
        metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nA body: here.\n"
    if metadata != "-":
        (path / ("PKG-INFO" if folder.endswith(".egg-info") else "METADATA")).write_text(
            metadata, encoding="utf-8"
        )
    if entry_points is not None:
        (path / "entry_points.txt").write_text(entry_points, encoding="utf-8")
    return path


@pytest.fixture
def sites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path]]:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    monkeypatch.setattr(
        sys, "path", [str(first), str(tmp_path / "missing"), "", str(second), *sys.path]
    )
    monkeypatch.chdir(tmp_path)
    yield first, second
    importlib.invalidate_caches()


PLUGINS = "[inspectcore]\nalpha = pkg_alpha\nbeta = pkg_beta:plugin.hooks [extra]\n"


def test_order_duplicates_and_parsing(sites: tuple[Path, Path]) -> None:
    first, second = sites
    # The same distribution twice in one folder and again in the next: the first wins.
    dist(first, "Shared_Name-1.0.dist-info", PLUGINS)
    dist(first, "shared.name-2.0.dist-info", "[inspectcore]\nlater = pkg_later\n")
    dist(second, "SHARED_NAME-3.0.dist-info", "[inspectcore]\nsecond = pkg_second\n")
    dist(first, "zeta-1.0.dist-info", "# a comment\n\n[other]\nz = z\n[inspectcore]\n  z =  pz  \n")
    dist(first, "no_points-1.0.dist-info", None)
    dist(second, "aardvark-0.1.dist-info", "ignored = before any section\n[inspectcore]\na = pa\n")
    dist(second, "plain-1.0", "[inspectcore]\nnot = a dist-info folder\n")
    dist(second.parent, "cwd_dist-1.0.dist-info", "[inspectcore]\ncwd = from_the_current_folder\n")
    for group in GROUPS:
        same_as_importlib(group)
        assert fast(group)
    names = [e.name for e in points.entry_points(group="inspectcore")]
    assert "cwd" in names
    assert not {"later", "second", "not"} & set(names)


@pytest.mark.parametrize(
    "metadata",
    [
        "Name: folded\n  on two lines\nVersion: 1\n",
        "-",  # no METADATA at all
        "",
        "Version: 1.0\n",  # no Name
        "Name: x\n",  # no Version
        "From someone\nName: x\nVersion: 1\n",
        "Name:   spaced  \nVersion:\t2 \nName: second\n",
        "Name: ünïcode\nVersion: 1\n",
        "Name: a\r\nVersion: 1\r\n",
        "Not a header\nName: x\nVersion: 1\n",
    ],
)
def test_metadata_read_as_importlib_reads_it(sites: tuple[Path, Path], metadata: str) -> None:
    first, _ = sites
    dist(first, "odd-1.0.dist-info", PLUGINS, metadata=metadata)
    same_as_importlib("inspectcore")


@pytest.mark.parametrize(
    ("folder", "entry_points"),
    [
        ("egg_style-1.0.egg-info", PLUGINS),  # left to importlib.metadata
        ("Upper-1.0.DIST-INFO", PLUGINS),
        ("-1.0.dist-info", PLUGINS),
        ("broken-1.0.dist-info", "[inspectcore]\nno equals sign\n"),
        ("broken-1.0.dist-info", "[other]\nno equals sign\n"),
    ],
)
def test_what_is_left_to_importlib(
    sites: tuple[Path, Path], folder: str, entry_points: str
) -> None:
    first, _ = sites
    dist(first, "ordinary-1.0.dist-info", PLUGINS)
    dist(first, folder, entry_points)
    same_as_importlib("inspectcore")


def test_undecodable_entry_points_fail_as_importlib_does(sites: tuple[Path, Path]) -> None:
    first, _ = sites
    points_file = dist(first, "latin-1.0.dist-info") / "entry_points.txt"
    points_file.write_bytes(b"[inspectcore]\nx=\xff\n")
    assert seen(points.entry_points, "inspectcore") == ("raised", "UnicodeDecodeError")
    same_as_importlib("inspectcore")


def test_a_zip_on_the_path(sites: tuple[Path, Path], tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "site.zip"
    with zipfile.ZipFile(archive, "w") as written:
        written.writestr("zipped-1.0.dist-info/METADATA", "Name: zipped\nVersion: 1.0\n")
        written.writestr("zipped-1.0.dist-info/entry_points.txt", "[inspectcore]\nz = zipped\n")
    sys.path.insert(0, str(archive))
    same_as_importlib("inspectcore")
    assert "z" in [e.name for e in points.entry_points(group="inspectcore")]


def test_another_finder_of_distributions(
    sites: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Finder:
        @staticmethod
        def find_spec(*_: object) -> None:
            return None

        @staticmethod
        def find_distributions(*_: object, **__: object) -> list[object]:
            meta = importlib.metadata
            return [meta.PathDistribution(sites[0] / "elsewhere-1.0.dist-info")]

    dist(sites[0], "elsewhere-1.0.dist-info", "[inspectcore]\nfar = far_away\n")
    monkeypatch.setattr(sys, "meta_path", [Finder, *sys.meta_path])
    same_as_importlib("inspectcore")
    assert not fast("inspectcore")


@pytest.mark.parametrize(
    "value", ["no_such_module_here", "json:no_such_attribute", "json:dumps", "not a value!", "json"]
)
def test_loading_fails_as_importlib_fails(sites: tuple[Path, Path], value: str) -> None:
    dist(sites[0], "loading-1.0.dist-info", f"[inspectcore]\nit = {value}\n")
    ours = [e for e in points.entry_points(group="inspectcore") if e.name == "it"]
    theirs = [e for e in importlib.metadata.entry_points(group="inspectcore") if e.name == "it"]
    assert len(ours) == len(theirs) == 1
    assert outcome_of_load(ours[0]) == outcome_of_load(theirs[0])


def outcome_of_load(point: Any) -> object:
    try:
        return point.load()
    except Exception as exc:
        return describe(exc)
