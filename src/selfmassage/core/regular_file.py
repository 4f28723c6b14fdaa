"""Reading a file from outside only if it is a plain file, and never more of it than needed.

A name such as ``plan.smroutine`` can belong to a FIFO (reading waits for a writer that
never comes), a device (``/dev/zero`` never ends), a folder or a link that points to
itself. Every reader of files from outside goes through :func:`read_regular_file`, which
looks at what the name is before reading, opens without waiting (``O_NONBLOCK``), looks
again at what it opened (the name may have changed in between) and reads a bounded amount.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_CHUNK = 1024 * 1024
_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class NotReadableError(OSError):
    """The file cannot be read; ``reason`` says why in words for people ("it is a folder")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The first bytes of ``path``, at most one byte past ``max_bytes`` so that the caller
    can tell a file that is too large; NotReadableError if it is not a regular file or
    cannot be opened."""
    try:
        _refuse_unless_regular(os.stat(path))
        fd = os.open(path, _FLAGS)
    except NotReadableError:
        raise
    except OSError as error:
        raise NotReadableError(_why(error)) from None
    try:
        _refuse_unless_regular(os.fstat(fd))
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except NotReadableError:
        raise
    except OSError as error:
        raise NotReadableError(_why(error)) from None
    finally:
        os.close(fd)


def _refuse_unless_regular(info: os.stat_result) -> None:
    mode = info.st_mode
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise NotReadableError("it is a folder, not a file")
    if stat.S_ISFIFO(mode):
        raise NotReadableError("it is a pipe (FIFO), not a file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise NotReadableError("it is a device, not a file")
    if stat.S_ISSOCK(mode):
        raise NotReadableError("it is a socket, not a file")
    raise NotReadableError("it is not a regular file")


def _why(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "it is a link that leads back to itself (a loop)"
    if error.errno == errno.EISDIR:
        return "it is a folder, not a file"
    return error.strerror or str(error)
