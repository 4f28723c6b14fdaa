"""A lock per running session, so that a second process knows the session is alive.

The window and ``selfmassage run`` may record at the same time. At start each marks the
sessions still 'running' as interrupted, but only those whose lock nobody holds: the
operating system drops a lock when its process ends, however it ends (even SIGKILL).
"""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path
from typing import IO

from selfmassage.core.private_files import FILE_MODE, private_folder, tighten

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


def locks_folder(history_file: Path) -> Path:
    return history_file.parent / "running-sessions"


class SessionLock:
    """Held while this process records a session; released by close() or by exiting."""

    def __init__(self, history_file: Path, session_uuid: str) -> None:
        self.path = locks_folder(history_file) / f"{session_uuid}.lock"
        self._handle: IO[bytes] | None = None

    def acquire(self) -> bool:
        """True if held now. A folder that cannot be written means no lock, not an error:
        the session is then only protected by its process being the only one."""
        try:
            private_folder(self.path.parent)
            handle = self.path.open("a+b")
        except OSError:
            return False
        tighten(self.path, FILE_MODE)
        if not _try_lock(handle):
            handle.close()
            return False
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is None:
            return
        # Removed while still held, so no other process takes over the path in between;
        # Windows refuses to remove an open file, so there it goes once it is closed.
        try:
            self.path.unlink()
            removed = True
        except OSError:
            removed = False
        self._handle.close()
        self._handle = None
        if not removed:
            with contextlib.suppress(OSError):
                self.path.unlink()


def is_alive(history_file: Path, session_uuid: str) -> bool:
    """True if another process holds this session's lock: it is still being recorded."""
    probe = SessionLock(history_file, session_uuid)
    if not probe.path.exists():
        return False
    if probe.acquire():
        probe.release()  # nobody held it: a leftover of a process that died
        return False
    return True


def any_alive(history_file: Path) -> bool:
    """True if any process is recording a session into this history right now."""
    try:
        paths = list(locks_folder(history_file).glob("*.lock"))
    except OSError:
        return False
    return any(_held(path) for path in paths)


def _held(path: Path) -> bool:
    # Only looks: unlike is_alive it removes nothing, so a lock being taken right now
    # by a starting session is never pulled from under it.
    try:
        handle = path.open("rb")
    except OSError:
        return False
    with handle:
        return not _try_lock(handle)  # closing the file drops a lock it got


class FolderLock:
    """An exclusive lock on a file, waited for up to ``timeout`` seconds.

    ``with FolderLock(path) as held:`` — ``held`` is False if the wait ran out (or the
    lock file cannot be made); the operating system drops the lock if the holder dies.
    """

    def __init__(self, path: Path, timeout: float = 30.0) -> None:
        self.path = path
        self.timeout = timeout
        self._handle: IO[bytes] | None = None

    def __enter__(self) -> bool:
        try:
            handle = self.path.open("a+b")
        except OSError:
            return False
        tighten(self.path, FILE_MODE)
        deadline = time.monotonic() + self.timeout
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                handle.close()
                return False
            time.sleep(0.02)
        self._handle = handle
        return True

    def __exit__(self, *_: object) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file drops the lock
            self._handle = None
