"""From a case file's bytes to plain data, with a message for every way the file can be bad.

Whatever is in a file, reading it raises :class:`CaseFileError` naming the file and
the place, never another exception: nothing here trusts the parsers to fail politely
on deep nesting, enormous numbers, duplicated keys or text that is not text.
"""

from __future__ import annotations

import collections
import json
import os
import re
import stat
from collections import deque
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

from .._errors import CaseFileError
from .._util import toml as _toml
from .._util.terminal import printable

MAX_DEPTH = 32
"""How deeply tables and lists may nest; a case file needs five levels at most.

Checked before the data is structured, so that nothing after reading recurses deeply.
"""


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, for messages (``os.stat`` mode)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def check_regular(path: Path) -> None:
    """Raise :class:`CaseFileError` unless ``path`` is a regular file (links followed).

    A FIFO or a device is refused before it is opened: opening a FIFO waits for a
    writer for ever, and reading a device may never end.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise CaseFileError(str(path), (f"cannot be read: {_why(exc)}",)) from None
    if not stat.S_ISREG(mode):
        raise CaseFileError(str(path), (f"cannot be read: {file_kind(mode)}, not a case file",))


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file; anything else (a FIFO, a device) is an error, never opened."""
    name = str(path)
    check_regular(path)
    try:
        # Non-blocking, and checked again once open: the path may have been replaced by a
        # FIFO since it was looked at (O_NONBLOCK does nothing to a regular file).
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as stream:
            mode = os.fstat(stream.fileno()).st_mode
            if not stat.S_ISREG(mode):
                raise CaseFileError(name, (f"cannot be read: {file_kind(mode)}, not a case file",))
            return stream.read()
    except OSError as exc:
        raise CaseFileError(name, (f"cannot be read: {_why(exc)}",)) from None


def decode(path: str, data: bytes) -> str:
    """UTF-8 text, a byte order mark at the start accepted (Excel and Notepad write one)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CaseFileError(path, ("cannot be read: saved as UTF-16; save it as UTF-8",))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CaseFileError(
            path,
            (
                f"cannot be read: not UTF-8 text (byte 0x{data[exc.start]:02x} at line "
                f"{line}); save it as UTF-8",
            ),
        ) from None


class _Duplicated(dict[str, Any]):
    """A JSON object that gave some key more than once (JSON itself allows it)."""

    duplicated: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    marked = _Duplicated(found)
    # Counted once (not keys.count per key): a file of many repeated keys stays linear.
    counts = collections.Counter(key for key, _ in pairs)
    marked.duplicated = tuple(k for k, n in counts.items() if n > 1)
    return marked


def parse(path: str, text: str, kind: str) -> dict[str, Any]:
    """Parse TOML or JSON text (``kind`` is ``"toml"`` or ``"json"``) into a table."""
    name = "TOML" if kind == "toml" else "JSON"
    try:
        data = _toml.loads(text) if kind == "toml" else json.loads(text, object_pairs_hook=_object)
    except _toml.LongNumberError as exc:
        raise CaseFileError(path, (str(exc),)) from None
    except _toml.TOMLDecodeError as exc:
        raise CaseFileError(path, (f"not valid TOML: {exc}",)) from None
    except json.JSONDecodeError as exc:
        raise CaseFileError(
            path, (f"not valid JSON: {exc.msg} (at line {exc.lineno}, column {exc.colno})",)
        ) from None
    except RecursionError:
        raise CaseFileError(path, (_too_deep(),)) from None
    except ValueError as exc:
        # The only other ValueError the parsers raise: Python's limit on converting
        # long digit strings to int (a guard against denial of service).
        raise CaseFileError(
            path, (_toml.long_number(text) or f"not valid {name}: {exc}",)
        ) from None
    if not isinstance(data, dict):
        raise CaseFileError(path, ("expected a table/object at the top level",))
    return data


def _too_deep() -> str:
    return f"nested too deeply: a case file has at most {MAX_DEPTH} levels of tables and lists"


def _key(where: str, key: object) -> str:
    text = str(key)
    if not where:
        return text
    shown = text if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", text) else json.dumps(text)
    return f"{where}.{shown}"


_SURROGATE = re.compile("[\ud800-\udfff]")

# How a lone surrogate gets into parsed JSON: a \u escape (the text itself, decoded from
# UTF-8, has none; a pair of escapes matches too, and is then looked at by the walk).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def may_hold_surrogates(text: str, kind: str) -> bool:
    """Whether data parsed from ``text`` (``kind`` ``"toml"`` or ``"json"``) may hold a lone
    surrogate: TOML never (tomli refuses an escape of one); JSON through an escape."""
    return kind == "json" and _SURROGATE_ESCAPE.search(text) is not None


_Place = tuple["_Place", object, bool] | None
"""Where a value is in the data: ``(the place holding it, its key or index, is an index)``,
spelt out (:func:`_where`) only for a problem: most data has none, and spelling out
every key's place was most of the walk's time."""


def _where(place: _Place) -> str:
    steps: list[tuple[object, bool]] = []
    while place is not None:
        place, key, index = place
        steps.append((key, index))
    where = ""
    for key, index in reversed(steps):
        where = f"{where}[{key}]" if index else _key(where, key)
    return where


def check_data(path: str, data: Mapping[str, Any]) -> None:
    """Refuse data no case can hold: too deep, duplicated JSON keys, lone surrogates.

    Walks the data without recursion, so that it is safe on any input.
    """
    problems: list[str] = []
    pending: deque[tuple[object, _Place, int]] = deque([(data, None, 1)])
    while pending:
        value, place, depth = pending.popleft()
        if depth > MAX_DEPTH:
            _fail(path, [*problems, f"{_where(place)}: {_too_deep()}"])
        if isinstance(value, Mapping):
            for key in getattr(value, "duplicated", ()):
                shown = json.dumps(key, ensure_ascii=False)
                where = _where(place) or "top level"
                problems.append(f"{where}: the key {shown} is given twice or more")
            for key, item in value.items():
                inner = (place, key, False)
                if isinstance(key, str) and _SURROGATE.search(key):
                    problems.append(
                        f"{printable(_where(inner))}: a key that is not text (a lone surrogate)"
                    )
                pending.append((item, inner, depth + 1))
        elif isinstance(value, list | tuple):
            pending.extend((item, (place, i, True), depth + 1) for i, item in enumerate(value))
        elif isinstance(value, str) and _SURROGATE.search(value):
            problems.append(
                f"{printable(_where(place))}: not text: holds a lone surrogate "
                f"({printable(_SURROGATE.findall(value)[0])}), which no file can store"
            )
    if problems:
        _fail(path, problems)


def _fail(path: str, problems: list[str]) -> NoReturn:
    raise CaseFileError(path, tuple(problems))
