"""Telling damage from trouble: what went wrong with the history file, in plain words.

Damage is a file SQLite cannot read as a database, or one whose integrity check fails:
only then may the file be moved aside and repaired. Everything else (a full disk, a
read-only folder, a lock held by another program, too many open files, an I/O error) is
trouble: the file is fine, the moment is not. The history stays where it is and is
written as soon as it can be.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from selfmassage.core.language import _

# SQLite's primary result codes (an extended code keeps its primary one in the low byte).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_NOMEM = 7
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


class TroubleKind(StrEnum):
    FULL = "full"
    READ_ONLY = "read-only"
    LOCKED = "locked"
    TOO_MANY_FILES = "too-many-files"
    IO_ERROR = "io-error"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Trouble:
    """Why the history cannot be used just now, and what the person can do about it."""

    kind: TroubleKind
    reason: str
    """What is wrong, in the user's words: "the disk is full"."""
    remedy: str
    """What to do: "Free some space on the disk"."""


def _root(error: BaseException) -> BaseException:
    """The error underneath a HistoryError (raised ``from`` the sqlite3 or OS error)."""
    while error.__cause__ is not None:
        error = error.__cause__
    return error


def _sqlite_code(error: BaseException) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def is_damage(error: BaseException) -> bool:
    """True only if the file itself is broken: not a database, or its pages are corrupt."""
    error = _root(error)
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    code = _sqlite_code(error)
    if code is not None:
        return code in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(error).lower()
    return "not a database" in text or "malformed" in text


def trouble_of(
    error: BaseException, folder: Path | None = None, file: Path | None = None
) -> Trouble:
    """What an error that is not damage means for the person.

    ``folder`` (and the history ``file`` in it) let SQLite's vaguer errors be told
    apart by asking the system directly.
    """
    error = _root(error)
    code = _sqlite_code(error)
    number = error.errno if isinstance(error, OSError) else None
    if code in (_SQLITE_CANTOPEN, _SQLITE_IOERR) and folder is not None:
        # SQLite does not say why it could not open or grow a file; the system does.
        number = _why_not_open(folder, file) or (errno.ENOSPC if _nearly_full(folder) else number)
    text = str(error).lower()
    if (
        code == _SQLITE_FULL
        or number in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
        or "disk is full" in text
        or "no space" in text
    ):
        return Trouble(TroubleKind.FULL, _("the disk is full"), _("Free some space on the disk."))
    if number in (errno.EMFILE, errno.ENFILE) or "too many open files" in text:
        return Trouble(
            TroubleKind.TOO_MANY_FILES,
            _("too many files are open on this computer"),
            _("Close some programs, or restart the computer."),
        )
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in text:
        return Trouble(
            TroubleKind.LOCKED,
            _("another program is using the history"),
            _("Wait for it to finish (an import, another copy of SelfMassage), then go on."),
        )
    if (
        code in (_SQLITE_READONLY, _SQLITE_PERM)
        or number in (errno.EROFS, errno.EACCES, errno.EPERM)
        or "readonly" in text
        or "read-only" in text
        or "permission" in text
        or (code == _SQLITE_CANTOPEN and folder is not None and not _writable(folder))
    ):
        return Trouble(
            TroubleKind.READ_ONLY,
            _(
                "the history's folder cannot be written to (it is read-only, or it or the "
                "history file belongs to another user)"
            ),
            _("Make them writable for your user."),
        )
    if code == _SQLITE_IOERR or number == errno.EIO or "i/o error" in text:
        return Trouble(
            TroubleKind.IO_ERROR,
            _("the disk reported a read or write error"),
            _("Check the disk (is it still connected?); your history file was left as it is."),
        )
    if code == _SQLITE_NOMEM or isinstance(error, MemoryError):
        return Trouble(
            TroubleKind.OTHER, _("the computer is out of memory"), _("Close some programs.")
        )
    return Trouble(TroubleKind.OTHER, str(error) or type(error).__name__, "")


def _why_not_open(folder: Path, file: Path | None) -> int | None:
    # As many descriptors as SQLite needs for a WAL database: the file, -wal, -shm.
    opened: list[int] = []
    try:
        for _try in range(3):
            opened.append(os.open(folder, os.O_RDONLY))
        if file is not None and file.exists():
            opened.append(os.open(file, os.O_RDWR))
    except OSError as error:
        return error.errno
    finally:
        for fd in opened:
            os.close(fd)
    return None


def _nearly_full(folder: Path) -> bool:
    """Less free space than SQLite needs to open a WAL database (its -shm takes 32 KiB)."""
    try:
        return shutil.disk_usage(folder).free < 256 * 1024
    except OSError:
        return False


def _writable(folder: Path) -> bool:
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def opening_problem(error: BaseException, path: Path) -> str:
    """The sentence for a history that cannot be opened just now (not damaged)."""
    trouble = trouble_of(error, path.parent, path)
    kept = (
        _("Your history ({path}) has been left as it is; nothing in it is lost.").format(path=path)
        if path.exists()
        else _("Your history cannot be made in {folder} for now.").format(folder=path.parent)
    )
    return (
        _(
            "Sessions are not being saved to your history just now: {reason}. {kept} "
            "A session you run is kept in memory and saved as soon as the history can be "
            "written. {remedy}"
        )
        .format(reason=trouble.reason, kept=kept, remedy=trouble.remedy)
        .strip()
    )


def recording_problem(error: BaseException, path: Path) -> str:
    """The sentence for a session whose writes are refused (not damaged)."""
    trouble = trouble_of(error, path.parent, path)
    return (
        _(
            "This session is not being saved to your history just now: {reason} "
            "({folder}). The session goes on and is kept in memory; it is saved as soon "
            "as the history can be written. {remedy}"
        )
        .format(reason=trouble.reason, folder=path.parent, remedy=trouble.remedy)
        .strip()
    )
