"""A lock per running session, so that a second process knows the session is alive.

The window and ``selfmassage run`` may record at the same time. At start each marks the
sessions still 'running' as interrupted, but only those whose lock nobody holds: the
operating system drops a lock when its process ends, however it ends (even SIGKILL).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import IO

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
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = self.path.open("a+b")
        except OSError:
            return False
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
