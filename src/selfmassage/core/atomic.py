"""Writing a file so that a crash, a kill or a full disk never leaves half of it behind.

The data goes to a temporary file beside the target, is flushed to disk, and is then
renamed over the target in one step. Where Linux allows (``O_TMPFILE``), the temporary
file has no name until its data is complete, so even a kill (SIGKILL, a power cut) while
writing leaves nothing in the person's folder. Elsewhere, and for the instant between
naming and renaming, it is a hidden ``.NAME.PID.XXXX.tmp``: the next write of the same
target removes those whose process is gone.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

_STALE_SECONDS = 24 * 3600
"""Where a process cannot be asked whether it still runs, a leftover older than this goes."""
_NO_ANONYMOUS_FILES = {
    errno.EOPNOTSUPP,
    errno.EISDIR,
    errno.EINVAL,
    errno.ENOENT,
    errno.EPERM,
    errno.EXDEV,  # some sandboxes cannot link from /proc
}

_can_link_anonymous_files = True


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all.

    On any failure the old file is untouched and the temporary file is removed; the
    OSError (full disk, read-only folder) reaches the caller.
    """
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    remove_leftovers(path)
    temp_name = _write_anonymous(folder, path, data)
    if temp_name is None:
        temp_name = _write_named(folder, path, data)
    try:
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_folder(folder)


def temp_prefix(path: Path) -> str:
    """How the temporary files of ``path`` begin: hidden, named after the target."""
    return f".{path.name}."


def remove_leftovers(path: Path) -> None:
    """Remove the temporary files of ``path`` that a killed process left behind."""
    prefix = temp_prefix(path)
    shape = re.compile(re.escape(prefix) + r"(\d+)\.[A-Za-z0-9_-]+\.tmp")
    try:  # a listing, not glob: glob and fnmatch would load at every save of the settings
        with os.scandir(path.parent) as entries:
            found = [(entry.path, shape.fullmatch(entry.name)) for entry in entries]
    except OSError:
        return
    for name, match in found:
        if match is None or _still_writing(int(match.group(1)), name):
            continue
        with contextlib.suppress(OSError):
            os.unlink(name)


def _still_writing(pid: int, name: str) -> bool:
    if os.name == "posix":
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except OSError:
            return True  # another user's process: it exists
        return True
    try:
        return time.time() - os.stat(name).st_mtime < _STALE_SECONDS
    except OSError:
        return True


def _temp_name(folder: Path, path: Path) -> str:
    return str(folder / f"{temp_prefix(path)}{os.getpid()}.{os.urandom(4).hex()}.tmp")


def _write_anonymous(folder: Path, path: Path, data: bytes) -> str | None:
    """Write into an unnamed file and give it its temporary name only once complete; None
    where the system or the file system cannot (then :func:`_write_named` does it)."""
    global _can_link_anonymous_files
    flag = getattr(os, "O_TMPFILE", None)
    if os.name != "posix" or flag is None or not _can_link_anonymous_files:
        return None  # Linux only; Windows cannot even open a folder
    if not os.path.isdir("/proc/self/fd"):
        return None
    try:
        fd = os.open(folder, flag | os.O_WRONLY | os.O_CLOEXEC, 0o600)
    except OSError as error:
        if error.errno in _NO_ANONYMOUS_FILES:
            return None
        raise
    try:
        _write_all(fd, data)
        os.fsync(fd)
        name = _temp_name(folder, path)
        try:
            os.link(f"/proc/self/fd/{fd}", name, follow_symlinks=True)
        except OSError as error:
            if error.errno in _NO_ANONYMOUS_FILES:
                # Not here, nor anywhere in this process: spare the next writes the try.
                _can_link_anonymous_files = False
                return None
            raise
        return name
    finally:
        os.close(fd)


def _write_named(folder: Path, path: Path, data: bytes) -> str:
    fd, name = tempfile.mkstemp(
        prefix=f"{temp_prefix(path)}{os.getpid()}.", suffix=".tmp", dir=folder
    )
    try:
        _write_all(fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    os.close(fd)
    return name


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


@contextlib.contextmanager
def writing_atomic(path: Path) -> Iterator[IO[str]]:
    """A text file (UTF-8, newlines as written) that replaces ``path`` only when the
    ``with`` block ends without an error: for what is written as it is read, without
    holding the whole of it in memory first. Same guarantees as write_atomic."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Named as write_atomic names its files, so that remove_leftovers knows them too.
    fd, temp_name = tempfile.mkstemp(
        prefix=f"{temp_prefix(path)}{os.getpid()}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as temp:
            yield temp
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open folders this way.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
