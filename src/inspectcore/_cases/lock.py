"""A lock file beside a case file, so that two editing sessions never save over each other.

The lock for ``case-01.toml`` is ``.case-01.toml.lock`` in the same folder, created
with ``O_CREAT | O_EXCL`` (so only one process can make it) and holding JSON: who
(``user``), where (``host``), which process (``pid``) and since when (``started``).
A lock whose process is gone on this host is stale, and is taken over. A lock from
another host cannot be checked, so it is only ever removed by hand.
"""

from __future__ import annotations

import datetime as dt
import errno
import getpass
import json
import os
import socket
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import attrs

from .._errors import CaseLockedError

UNREADABLE_AGE = 10.0
"""Seconds after which a lock file that holds no readable JSON counts as stale.

A younger one may be being written by the process that has just created it.
"""


def lock_path(case_path: str | os.PathLike[str]) -> Path:
    """The lock file of a case file: ``.NAME.lock`` beside it."""
    path = Path(case_path)
    return path.with_name(f".{path.name}.lock")


@attrs.frozen
class LockHolder:
    """Who holds a lock: read from the lock file."""

    user: str
    host: str
    pid: int
    started: str
    """When the session started, ISO 8601 to the second."""

    @classmethod
    def me(cls) -> LockHolder:
        """This process."""
        try:
            user = getpass.getuser()
        except (KeyError, OSError):  # no name for this uid (e.g. in a container)
            user = str(os.getuid()) if hasattr(os, "getuid") else "unknown"
        started = dt.datetime.now().astimezone().replace(microsecond=0).isoformat()
        return cls(user, socket.gethostname(), os.getpid(), started)

    def __str__(self) -> str:
        return f"{self.user} on {self.host} (process {self.pid}) since {self.started}"

    def is_gone(self) -> bool:
        """Whether the holder's process has certainly ended (only knowable on this host)."""
        if self.host != socket.gethostname() or self.pid <= 0:
            return False
        return not _alive(self.pid)


def _alive(pid: int) -> bool:
    if sys.platform == "win32":
        # os.kill(pid, 0) would end the process there; assume it is alive.
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's
        return True
    return True


def _read(path: Path) -> LockHolder | None:
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        return LockHolder(
            str(data["user"]), str(data["host"]), int(data["pid"]), str(data["started"])
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


@attrs.define
class CaseLock:
    """A held lock on one case file; release it with :meth:`release` or ``with``.

    ``taken_over`` is the holder of a stale lock this one replaced, if any (worth
    telling the user: that session ended without saving its lock away).
    """

    path: Path
    holder: LockHolder
    taken_over: LockHolder | None = None
    _released: bool = False

    @classmethod
    def acquire(cls, case_path: str | os.PathLike[str]) -> CaseLock:
        """Lock ``case_path``; raise :class:`CaseLockedError` naming the holder if it is locked."""
        path = lock_path(case_path)
        if not path.parent.is_dir():
            raise FileNotFoundError(errno.ENOENT, "no such folder", str(path.parent))
        me = LockHolder.me()
        taken_over: LockHolder | None = None
        for _ in range(3):
            if _create(path, me):
                return cls(path, me, taken_over)
            holder = _read(path)
            if holder is None:
                if not _older_than(path, UNREADABLE_AGE):
                    raise CaseLockedError(
                        f"{case_path} is being opened by another session right now "
                        f"(its lock file {path} is not written yet); try again in a moment"
                    )
            elif not holder.is_gone():
                raise CaseLockedError(
                    f"{case_path} is open in another session: {holder}. Finish that "
                    f"session first (q saves and quits). If it is not running any more, "
                    f"delete {path} and try again."
                )
            # Stale: remove it, unless it was replaced meanwhile (then it is not stale).
            if _read(path) != holder:
                continue
            path.unlink(missing_ok=True)
            taken_over = holder or LockHolder("unknown", "unknown", 0, "unknown")
        raise CaseLockedError(f"{case_path}: could not take the lock {path}; try again")

    def release(self) -> None:
        """Remove the lock file, if it is still this session's own."""
        if self._released:
            return
        self._released = True
        if _read(self.path) == self.holder:
            self.path.unlink(missing_ok=True)

    def __enter__(self) -> CaseLock:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def _create(path: Path, me: LockHolder) -> bool:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as stream:
        json.dump(attrs.asdict(me), stream)
        stream.write("\n")
    return True


def _older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime >= seconds
    except FileNotFoundError:
        return True
