"""Writing files so that a crash never leaves a half-written one behind."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder.

    The old file (if any) stays whole until the new one is complete and flushed
    to disk; then one rename replaces it.
    """
    write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` like :func:`write_atomic` (for binary files such as xlsx)."""
    target = Path(path)
    if not target.parent.is_dir():
        # Name the folder, not the temporary file mkstemp would have failed on.
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(target.parent))
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
