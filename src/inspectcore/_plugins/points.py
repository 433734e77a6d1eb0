"""The entry points of one group, found the way :mod:`importlib.metadata` finds them.

Importing :mod:`importlib.metadata` (with the email, zipfile and pathlib modules it
brings) took longer than the rest of ``inspectcore editions`` after click. Plugin
discovery needs little of it: the ``*.dist-info`` folders on :data:`sys.path`, each
one's ``entry_points.txt``, and the name and version of the few distributions with an
entry point in the group. :func:`entry_points` reads those itself, following
importlib.metadata step by step (Python 3.11 to 3.13: which folders, in which order,
which duplicates are skipped, how the files are parsed), and hands anything it does not
follow exactly to importlib.metadata: another finder of distributions on
:data:`sys.meta_path`, a zip file or egg on the path, an ``*.egg-info``, a line the
simple parsers would read differently. ``tests/plugins/test_points.py`` compares the
two on the real environment and on constructed site folders.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from importlib import import_module
from importlib.machinery import PathFinder
from typing import Any

__all__ = ["FoundDistribution", "FoundEntryPoint", "entry_points"]

_SKIPPED = (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError)
"""What importlib.metadata takes as "no such file" when it reads a metadata file."""

_PATTERN = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")
"""An entry point's value (``EntryPoint.pattern`` of importlib.metadata)."""

_HEADER = re.compile(r"[\041-\071\073-\176]+:[^\r\n]*")
"""A one-line header of a metadata file that the email parser reads as ``name: value``
(its own pattern for a header name, with nothing it would treat specially)."""


class _UnfollowedError(Exception):
    """Something this module does not read exactly as importlib.metadata does."""


class FoundDistribution:
    """The installed distribution an entry point belongs to: its ``name`` and ``version``,
    read from its ``METADATA`` when first asked for."""

    def __init__(self, path: str) -> None:
        self.path = path
        """The ``*.dist-info`` folder."""

    def __repr__(self) -> str:
        return f"FoundDistribution({self.path!r})"

    @property
    def name(self) -> Any:
        """The ``Name`` of the distribution's metadata."""
        return self._field("Name")

    @property
    def version(self) -> Any:
        """The ``Version`` of the distribution's metadata."""
        return self._field("Version")

    def _field(self, name: str) -> Any:
        try:
            return _headers(self.path)[name.lower()]
        except _UnfollowedError:
            # Whatever importlib.metadata makes of it: a value, None, or an error.
            from importlib.metadata import PathDistribution
            from pathlib import Path

            return getattr(PathDistribution(Path(self.path)), name.lower())


@functools.cache
def _headers(path: str) -> dict[str, str]:
    """The one-line headers of a ``METADATA`` file, lower-cased names, first one kept."""
    try:
        text = _read(os.path.join(path, "METADATA"))
    except Exception as exc:  # an unreadable file: importlib.metadata raises its own error
        raise _UnfollowedError from exc
    if not text:  # importlib.metadata would read PKG-INFO next
        raise _UnfollowedError
    headers: dict[str, str] = {}
    for line in text.split("\n"):
        if not line:
            break  # the end of the headers
        if not _HEADER.fullmatch(line):  # a folded, unix-from or malformed line
            raise _UnfollowedError
        key, value = line.split(":", 1)
        headers.setdefault(key.lower(), value.lstrip(" \t"))
    for wanted in ("name", "version"):
        if wanted not in headers:  # importlib.metadata warns, or raises, its own way
            raise _UnfollowedError
    return headers


class FoundEntryPoint:
    """One entry point: ``name = value`` in a ``[group]`` of a distribution's
    ``entry_points.txt``; :meth:`load` imports it as importlib.metadata's does."""

    def __init__(self, name: str, value: str, group: str, dist: FoundDistribution) -> None:
        self.name = name
        self.value = value
        self.group = group
        self.dist = dist

    def __repr__(self) -> str:
        return f"FoundEntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"

    def load(self) -> Any:
        """The module the value names, or the object within it (``module:attr.attr``)."""
        # The same steps as importlib.metadata, so that a bad value fails the same way.
        match: Any = _PATTERN.match(self.value)
        module = import_module(match.group("module"))
        attributes = filter(None, (match.group("attr") or "").split("."))
        return functools.reduce(getattr, attributes, module)


def entry_points(*, group: str) -> tuple[Any, ...]:
    """The entry points of ``group`` of every installed distribution, in the order and
    with the duplicates skipped as :func:`importlib.metadata.entry_points` gives them."""
    try:
        return _scan(group)
    except _UnfollowedError:
        from importlib.metadata import entry_points as metadata_entry_points

        return tuple(metadata_entry_points(group=group))


def _scan(group: str) -> tuple[FoundEntryPoint, ...]:
    for finder in sys.meta_path:
        if finder is not PathFinder and getattr(finder, "find_distributions", None):
            raise _UnfollowedError  # a finder of distributions of its own
    seen: set[str] = set()
    found: list[FoundEntryPoint] = []
    for root in sys.path:
        for child in _dist_infos(root):
            # A distribution is known by the name in its folder's name; the first wins.
            known_as = _normalise(child[: -len(".dist-info")].partition("-")[0])
            if not known_as:
                raise _UnfollowedError  # importlib.metadata would read the name from METADATA
            if known_as in seen:
                continue
            seen.add(known_as)
            path = os.path.join(root, child)
            try:
                text = _read(os.path.join(path, "entry_points.txt"))
            except Exception as exc:  # importlib.metadata raises its own error
                raise _UnfollowedError from exc
            dist = FoundDistribution(path)
            found.extend(
                FoundEntryPoint(name, value, group, dist)
                for section, name, value in _entries(text or "")
                if section == group
            )
    return tuple(found)


def _dist_infos(root: object) -> list[str]:
    """The ``*.dist-info`` folders in one folder of the path, in importlib.metadata's order:
    grouped by name, each name where the folder listing first shows it."""
    if not isinstance(root, str):
        raise _UnfollowedError
    try:
        children = os.listdir(root or ".")
    except OSError:
        if os.path.exists(root):
            raise _UnfollowedError from None  # a zip file, read as one by importlib.metadata
        return []
    if os.path.basename(root).lower().endswith(".egg"):
        raise _UnfollowedError
    by_name: dict[str, list[str]] = {}
    for child in children:
        low = child.lower()
        if low.endswith(".egg-info") or (
            low.endswith(".dist-info") and not child.endswith(".dist-info")
        ):
            raise _UnfollowedError
        if low.endswith(".dist-info"):
            by_name.setdefault(_normalise(low.rpartition(".")[0].partition("-")[0]), []).append(
                child
            )
    return [child for children in by_name.values() for child in children]


def _entries(text: str) -> list[tuple[str, str, str]]:
    """``(section, name, value)`` of each entry of an ``entry_points.txt``."""
    entries = []
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
        elif section is not None:
            if "=" not in line:
                raise _UnfollowedError  # importlib.metadata fails on it
            name, value = line.split("=", 1)
            entries.append((section, name.strip(), value.strip()))
    return entries


def _normalise(name: str) -> str:
    """A distribution's name as importlib.metadata compares them."""
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as file:
            return file.read()
    except _SKIPPED:
        return None
