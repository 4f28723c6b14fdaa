"""Files only their owner can read: the history, its backups and the logs.

The person's sessions say where they hurt and when; on a shared computer nobody else
should read them. Files are made 0600 and folders 0700 whatever the umask, and files
left readable by an older version are tightened when they are opened.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def _posix() -> bool:
    # Windows keeps a user's profile private by its access lists; chmod means little there.
    return os.name == "posix"


def private_folder(folder: Path) -> None:
    """Make ``folder`` (and any missing parents) and leave it 0700."""
    folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    if _posix():
        tighten(folder, FOLDER_MODE)


def private_file(path: Path) -> None:
    """Create ``path`` empty and 0600 if it is missing; tighten it if it exists."""
    if _posix():
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        tighten(path, FILE_MODE)


def tighten(path: Path, mode: int = FILE_MODE) -> None:
    """Take away what ``mode`` does not allow; a file that is not ours is left alone."""
    if not _posix():
        return
    try:
        current = stat.S_IMODE(path.stat().st_mode)
        if current & ~mode:
            path.chmod(current & mode)
    except OSError:
        pass  # not ours, or gone: nothing to tighten


def open_private(path: Path, flags: int) -> int:
    """``os.open`` that creates the file 0600 and tightens an existing one."""
    fd = os.open(path, flags, FILE_MODE)
    if _posix():
        with contextlib.suppress(OSError):
            mode = stat.S_IMODE(os.fstat(fd).st_mode)
            if mode & ~FILE_MODE:
                os.fchmod(fd, FILE_MODE)
    return fd
