"""The small platform branches outside speech, run here with the system faked:
Windows' file locks (msvcrt instead of fcntl) and its folders that cannot be fsynced."""

from __future__ import annotations

import importlib.util
import os
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from selfmassage.core import atomic, history_locks

pytestmark = pytest.mark.posix("Windows' msvcrt locks are faked with POSIX flock")


class FakeMsvcrt(types.ModuleType):
    """msvcrt.locking as Windows does it: a non-blocking lock on bytes of the file that
    fails with OSError while another handle holds them (flock gives the same answer)."""

    LK_UNLCK = 0
    LK_NBLCK = 2

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.calls: list[tuple[int, int]] = []

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        import fcntl  # here: Windows has none, and this module is collected there too

        self.calls.append((mode, nbytes))
        if mode == self.LK_NBLCK:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        elif mode == self.LK_UNLCK:
            fcntl.flock(fd, fcntl.LOCK_UN)


@pytest.fixture
def windows_locks(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, FakeMsvcrt]]:
    """A copy of history_locks loaded as on Windows, beside the real one."""
    msvcrt = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", msvcrt)
    monkeypatch.setattr(sys, "platform", "win32")
    spec = importlib.util.spec_from_file_location(
        "history_locks_on_windows", history_locks.__file__
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(sys, "platform", "linux")
    yield module, msvcrt


@pytest.fixture
def no_removing_open_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to remove a file that is open."""
    open_files: dict[Path, IO[bytes]] = {}
    original_open, original_unlink = Path.open, Path.unlink

    def opening(self: Path, *args: Any, **kwargs: Any) -> Any:
        handle = original_open(self, *args, **kwargs)
        open_files[self] = handle
        return handle

    def unlinking(self: Path, missing_ok: bool = False) -> None:
        handle = open_files.get(self)
        if handle is not None and not handle.closed:
            raise PermissionError(13, "The process cannot access the file", str(self))
        original_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "open", opening)
    monkeypatch.setattr(Path, "unlink", unlinking)


def test_on_windows_a_session_lock_is_taken_with_msvcrt(
    windows_locks: tuple[Any, FakeMsvcrt], tmp_path: Path
) -> None:
    module, msvcrt = windows_locks
    history = tmp_path / "history.sqlite3"
    lock = module.SessionLock(history, "session-1")
    assert lock.acquire()
    assert msvcrt.calls == [(msvcrt.LK_NBLCK, 1)]
    assert module.is_alive(history, "session-1"), "a second handle cannot take it"
    assert not module.SessionLock(history, "session-1").acquire()
    lock.release()
    assert not module.is_alive(history, "session-1")


@pytest.mark.usefixtures("no_removing_open_files")
def test_on_windows_a_released_lock_leaves_no_file_behind(
    windows_locks: tuple[Any, FakeMsvcrt], tmp_path: Path
) -> None:
    module, _ = windows_locks
    history = tmp_path / "history.sqlite3"
    lock = module.SessionLock(history, "session-2")
    assert lock.acquire()
    lock.release()
    assert list(module.locks_folder(history).iterdir()) == []
    # A leftover of a process that died: the check that finds nobody holding it removes it.
    leftover = module.locks_folder(history) / "session-3.lock"
    leftover.write_bytes(b"")
    assert not module.is_alive(history, "session-3")
    assert not leftover.exists()


def test_on_windows_a_folder_is_not_opened_to_be_fsynced(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    class WindowsOs:
        """The os module as atomic.py sees it on Windows, where a folder cannot be opened."""

        name = "nt"

        def __getattr__(self, attribute: str) -> Any:
            return getattr(os, attribute)

        @staticmethod
        def open(path: Any, flags: int, *args: Any) -> int:
            if os.path.isdir(path):
                raise PermissionError(13, "Access is denied", str(path))
            return os.open(path, flags, *args)

    monkeypatch.setattr(atomic, "os", WindowsOs())
    target = tmp_path / "routine.smroutine"
    atomic.write_atomic(target, b"{}")
    assert target.read_bytes() == b"{}"
