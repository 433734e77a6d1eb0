"""Writing files so that a crash never leaves a half-written one behind.

Each write goes to a temporary file ``.NAME.<random>.tmp`` beside the target, which
one rename then puts in place. A process killed mid-write leaves its temporary
behind; the next write of the same target removes such leftovers, but only those
older than :data:`LEFTOVER_AGE` seconds: a younger one may be another process's
write in progress. A temporary lives only while bytes already in memory are written
and flushed, so an older one is a leftover. (For case files under `assess`, the
session's lock keeps a second writer away in the first place.)
"""

from __future__ import annotations

import errno
import io
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import IO

from .._errors import WriteError

_CHUNK = 1 << 20
LEFTOVER_AGE = 30.0
"""Seconds after its last change that a temporary file counts as a leftover of a killed write."""


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder.

    The old file (if any) stays whole until the new one is complete and flushed
    to disk; then one rename replaces it. A failure raises :class:`WriteError`
    naming ``path`` (not the temporary) and leaves no temporary behind.
    """
    write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` like :func:`write_atomic` (for binary files such as xlsx)."""
    write_atomic_stream(path, io.BytesIO(data))


def write_atomic_stream(path: str | os.PathLike[str], source: IO[bytes]) -> None:
    """Copy ``source`` (from where it stands to its end) to ``path`` like :func:`write_atomic`.

    For output too large to hold in memory, spooled first to an anonymous temporary
    file (never beside the target, where it could pass for a leftover): the target's
    temporary still lives only while bytes already written are copied.
    """
    target = Path(path)
    if not target.parent.is_dir():
        # Name the folder, not the temporary file mkstemp would have failed on.
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(target.parent))
    try:
        fd, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise _naming(target, exc) from exc
    try:
        with os.fdopen(fd, "wb") as stream:
            shutil.copyfileobj(source, stream, _CHUNK)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644 & ~_umask())
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise _naming(target, exc) from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    remove_leftovers(target)


def _naming(target: Path, exc: OSError) -> WriteError:
    """The error as one about ``target``: the temporary file means nothing to the user."""
    code = exc.errno if exc.errno is not None else errno.EIO
    reason = os.strerror(exc.errno) if exc.errno is not None else (exc.strerror or str(exc))
    return WriteError(code, reason, str(target))


def leftover_pattern(name: str) -> re.Pattern[str]:
    """The names of the temporary files :func:`write_atomic` makes for a file called ``name``.

    ``tempfile.mkstemp`` puts eight characters of ``[a-z0-9_]`` between prefix and
    suffix; matching exactly that keeps ``a.toml`` from matching ``a.toml.b.toml``'s.
    """
    return re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp")


def remove_leftovers(target: str | os.PathLike[str], *, age: float = LEFTOVER_AGE) -> list[Path]:
    """Remove temporaries of ``target`` left by killed writes (older than ``age`` s); list them.

    Best effort: a temporary that cannot be removed is left, and never stops a save.
    """
    target = Path(target)
    pattern = leftover_pattern(target.name)
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if now - entry.stat(follow_symlinks=False).st_mtime < age:
                continue  # may be a write in progress
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
