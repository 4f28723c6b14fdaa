"""Keeping the history safe: rolling backups, a check at start, recovery from damage.

Backups are made with SQLite's online backup API, so a copy is consistent even while a
session writes. A damaged file is never deleted: it is moved aside and the newest good
backup takes its place.

The integrity check reads the whole file (a quarter of a second at forty years), so a
start runs it only when there is reason to: the last run did not close the history (a
crash, a power cut, a killed process: its -wal file is still there), the file cannot be
opened, or the daily backup, which checks its copy off the GUI thread, found damage.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from selfmassage.core.history import (
    BUSY_TIMEOUT_SECONDS,
    HistoryError,
    HistoryStore,
    NewerHistoryError,
    utc_now,
)
from selfmassage.core.history_locks import FolderLock
from selfmassage.core.history_opened import OpenedHistory
from selfmassage.core.history_salvage import MergeResult, merge_salvage, read_salvage
from selfmassage.core.history_trouble import is_damage, opening_problem, trouble_of
from selfmassage.core.language import _, ngettext
from selfmassage.core.private_files import private_folder, tighten

log = logging.getLogger(__name__)

KEEP_DAILY = 7
KEEP_WEEKLY = 4
_PREFIX = "history-"
_SUFFIX = ".sqlite3"


def backups_folder(history_file: Path) -> Path:
    return history_file.parent / "backups"


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a live database, written beside ``target`` then renamed.

    The temporary file has a name of its own (two starts may copy at once) and is
    private from its first byte.
    """
    private_folder(target.parent)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    temp = Path(temp_name)
    try:
        src = sqlite3.connect(source)
        try:
            dst = sqlite3.connect(temp)
            try:
                src.backup(dst)
                # The copy is a plain single file; no -wal beside it.
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


class FileState(StrEnum):
    HEALTHY = "healthy"
    DAMAGED = "damaged"
    """Not a database, or its integrity check failed."""
    EMPTY = "empty"
    """Zero bytes and no write-ahead log: nothing SQLite could read, nothing written."""


def check_file(path: Path) -> FileState:
    """Whether the history file is damaged; raises the error if it cannot be checked.

    Only SQLite saying the file is not a database or is corrupt, or a failed quick
    check, counts as damage. A full disk, a lock, a read-only folder or an I/O error
    raises (sqlite3.Error or OSError): that is trouble, and the file must stay.
    """
    if path.stat().st_size == 0 and not _has_content(path.with_name(path.name + "-wal")):
        return FileState.EMPTY
    # A plain connection, not mode=ro: read-only cannot open a WAL file left by a crash.
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as error:
        if is_damage(error):
            return FileState.DAMAGED
        raise
    finally:
        conn.close()
    return FileState.HEALTHY if rows == [("ok",)] else FileState.DAMAGED


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def is_healthy(path: Path) -> bool:
    """True if SQLite can read the file and its quick check finds nothing wrong."""
    try:
        return check_file(path) is FileState.HEALTHY
    except (sqlite3.Error, OSError):
        return False


def check_mark(history_file: Path) -> Path:
    """Left beside the history when a backup found it damaged: check it at next start."""
    return history_file.with_name(history_file.name + ".check")


def needs_check(history_file: Path) -> bool:
    """True if the last run did not close the history, or a backup found it damaged."""
    wal = history_file.with_name(history_file.name + "-wal")
    return wal.exists() or check_mark(history_file).exists()


def _mark_for_check(history_file: Path) -> None:
    try:
        check_mark(history_file).touch()
    except OSError as error:
        log.warning("could not mark the history for a check: %s", error)


def daily_backups(folder: Path) -> list[tuple[date, Path]]:
    """The rolling backups, newest first."""
    found: list[tuple[date, Path]] = []
    if not folder.is_dir():
        return found
    for path in folder.glob(f"{_PREFIX}*{_SUFFIX}"):
        stamp = path.name[len(_PREFIX) : -len(_SUFFIX)]
        try:
            found.append((date.fromisoformat(stamp), path))
        except ValueError:
            continue
    found.sort(reverse=True)
    return found


def make_daily_backup(history_file: Path, today: date) -> Path | None:
    """Back up the history unless today's backup exists; then thin out old ones.

    Returns the new backup, or None if there was nothing to do. Safe to call from a
    worker thread (it opens its own connections) and from two processes at once: the
    backups folder's lock lets one make the day's backup, the other then finds it. The
    copy is checked: a damaged one is removed (it must not push a good backup out) and
    the history is marked, so that the next start checks it and repairs it from the
    newest good backup.
    """
    if not history_file.exists():
        return None
    folder = backups_folder(history_file)
    target = folder / f"{_PREFIX}{today.isoformat()}{_SUFFIX}"
    if target.exists():
        return None
    private_folder(folder)
    with FolderLock(folder / ".lock") as held:
        if not held:
            log.warning("history backup skipped: another process kept the backups locked")
            return None
        if target.exists():  # made by the other start while this one waited
            return None
        try:
            copy_database(history_file, target)
        except sqlite3.DatabaseError:
            _mark_for_check(history_file)
            raise
        if not is_healthy(target):
            log.error("history damaged: its backup failed the check; repaired at next start")
            with contextlib.suppress(OSError):
                target.unlink()
            _mark_for_check(history_file)
            return None
        log.info("history backed up to %s", target)
        prune_backups(folder)
    return target


def backups_to_keep(days: list[date]) -> set[date]:
    """The newest KEEP_DAILY days, and the newest day of each of KEEP_WEEKLY weeks more."""
    ordered = sorted(set(days), reverse=True)
    keep = set(ordered[:KEEP_DAILY])
    kept_weeks = {day.isocalendar()[:2] for day in keep}
    weeks: list[tuple[int, int]] = []
    for day in ordered[KEEP_DAILY:]:
        week = day.isocalendar()[:2]
        if week in kept_weeks or week in weeks:
            continue
        if len(weeks) == KEEP_WEEKLY:
            break
        weeks.append(week)
        keep.add(day)
    return keep


def prune_backups(folder: Path) -> list[Path]:
    backups = daily_backups(folder)
    keep = backups_to_keep([day for day, _path in backups])
    removed = []
    for day, path in backups:
        if day not in keep:
            try:
                path.unlink()
                removed.append(path)
            except OSError as error:
                log.warning("could not remove old backup %s: %s", path, error)
    return removed


def remove_backups(history_file: Path) -> int:
    """Delete every backup of the history (after "delete everything"); returns how many.

    Files a repair moved aside are left: the person was told where they are.
    """
    removed = 0
    for path in backups_folder(history_file).glob(f"*{_SUFFIX}"):
        try:
            path.unlink()
            removed += 1
        except OSError as error:
            log.warning("could not remove backup %s: %s", path, error)
    return removed


def move_aside(path: Path, label: str, now: datetime) -> Path:
    """Rename a file (and its -wal and -shm) out of the way; never delete it."""
    stamp = now.astimezone().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.{label}-{stamp}-{number}")
    path.replace(target)
    tighten(target)
    for extra in ("-wal", "-shm"):
        side = path.with_name(path.name + extra)
        if side.exists():
            side.replace(target.with_name(target.name + extra))
            tighten(target.with_name(target.name + extra))
    return target


def open_history(
    history_file: Path,
    *,
    app_version: str = "",
    clock: Callable[[], datetime] = utc_now,
    check: bool | None = None,
) -> OpenedHistory:
    """Open the history for a run of the app: check it, repair it, recover sessions.

    The integrity check runs when ``needs_check`` says so, or when the file cannot be
    opened; ``check`` forces it on or off. Never raises for a problem of the file or the
    disk; returns no store and a message. Only damage (see ``check_file``) moves the file
    aside; trouble leaves it where it is.
    """
    result = OpenedHistory(None)
    try:
        private_folder(history_file.parent)
        _tighten_backups(history_file)
        wanted = needs_check(history_file) if check is None else check
        state = _state(history_file, checked=wanted)
    except (sqlite3.Error, OSError) as error:
        return _in_trouble(result, error, history_file)
    repair: _Repair | None = None
    if state is FileState.DAMAGED or (
        state is FileState.EMPTY and daily_backups(backups_folder(history_file))
    ):
        try:
            repair = _repair(history_file, state, clock())
        except (sqlite3.Error, OSError) as error:
            log.error("history %s but cannot be repaired now: %s", state.value, error)
            result.trouble = True
            result.messages.append(_unrepaired(state, error, history_file))
            return result

    def backup_before_migration(version: int) -> None:
        stamp = clock().astimezone().strftime("%Y%m%d-%H%M%S")
        target = backups_folder(history_file) / f"before-upgrade-v{version}-{stamp}{_SUFFIX}"
        copy_database(history_file, target)
        log.info("history backed up before upgrade to %s", target)

    store: HistoryStore | None = None
    try:
        store = HistoryStore(
            history_file,
            app_version=app_version,
            clock=clock,
            before_migration=backup_before_migration,
        )
        if repair is not None:
            result.messages.append(repair.finish(store))
        result.unfinished = store.recover_unfinished()
    except NewerHistoryError as error:
        result.messages.append(
            _("{problem} Sessions are not being saved meanwhile.").format(problem=error)
        )
        return result
    except (HistoryError, sqlite3.Error, OSError) as error:
        if store is not None:
            store.close()
        if repair is not None:
            repair.undo()  # the next start repairs it again, whole
        if not wanted and _unreadable(error):
            # Not checked at this start (the last exit was clean), yet it cannot be read.
            return open_history(history_file, app_version=app_version, clock=clock, check=True)
        return _in_trouble(result, error, history_file)
    if wanted:
        with contextlib.suppress(OSError):
            check_mark(history_file).unlink(missing_ok=True)
    result.store = store
    return result


def _state(history_file: Path, *, checked: bool) -> FileState:
    """The file's state: with the integrity check when ``checked``, else only what its
    size says (an empty file is seen without reading it)."""
    if not history_file.exists():
        return FileState.HEALTHY
    if checked:
        return check_file(history_file)
    wal = history_file.with_name(history_file.name + "-wal")
    if history_file.stat().st_size == 0 and not _has_content(wal):
        return FileState.EMPTY
    return FileState.HEALTHY


def _unreadable(error: BaseException) -> bool:
    """True for SQLite saying the file is not a database or is corrupt."""
    cause = error.__cause__ if isinstance(error, HistoryError) else error
    return isinstance(cause, sqlite3.DatabaseError) and is_damage(cause)


def _tighten_backups(history_file: Path) -> None:
    """Backups an older version left readable by others become private too."""
    folder = backups_folder(history_file)
    if folder.is_dir():
        private_folder(folder)
        for backup in folder.glob(f"*{_SUFFIX}"):
            tighten(backup)


def _in_trouble(result: OpenedHistory, error: BaseException, history_file: Path) -> OpenedHistory:
    log.error("history unavailable, left as it is: %s", error)
    result.trouble = True
    result.messages.append(opening_problem(error, history_file))
    return result


def _unrepaired(state: FileState, error: BaseException, history_file: Path) -> str:
    trouble = trouble_of(error, history_file.parent)
    if state is FileState.DAMAGED:
        text = _(
            "Your history file is damaged and cannot be repaired just now: {reason}. "
            "It has been left as it is ({file}) and is repaired at the next start. "
            "Sessions are kept in memory meanwhile. {remedy}"
        )
    else:
        text = _(
            "Your history file is empty (0 bytes) and cannot be repaired just now: {reason}. "
            "It has been left as it is ({file}) and is repaired at the next start. "
            "Sessions are kept in memory meanwhile. {remedy}"
        )
    return text.format(reason=trouble.reason, file=history_file, remedy=trouble.remedy).strip()


@dataclass
class _Repair:
    """A damaged (or empty) file moved aside and, if there was one, a backup in its place."""

    history_file: Path
    state: FileState
    aside: Path
    backup_day: date | None

    def finish(self, store: HistoryStore) -> str:
        """Add back what is still readable in the damaged file; say what was done."""
        merged = MergeResult(0, 0, 0)
        unreadable = 0
        if self.state is FileState.DAMAGED:
            salvage = read_salvage(self.aside)
            unreadable = salvage.unreadable
            merged = merge_salvage(store, salvage)
        log.info(
            "history repaired: backup %s, %s sessions added back, %s completed, %s unreadable",
            self.backup_day,
            merged.added,
            merged.completed,
            unreadable,
        )
        return _repair_message(self, store, merged, unreadable)

    def undo(self) -> None:
        """Put the damaged file back where it was, as if nothing had been done."""
        for extra in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                self.history_file.with_name(self.history_file.name + extra).unlink()
        with contextlib.suppress(OSError):
            self.aside.replace(self.history_file)
            for extra in ("-wal", "-shm"):
                side = self.aside.with_name(self.aside.name + extra)
                if side.exists():
                    side.replace(self.history_file.with_name(self.history_file.name + extra))


def _repair(history_file: Path, state: FileState, now: datetime) -> _Repair:
    """Move the file aside and put the newest good backup in its place.

    The backup is copied first, beside the history, so that a disk too full for the copy
    leaves the damaged file where it was, untouched.
    """
    staged: Path | None = None
    day: date | None = None
    for backup_day, backup in daily_backups(backups_folder(history_file)):
        if is_healthy(backup):
            staged = history_file.with_name(f".{history_file.name}.restoring")
            copy_database(backup, staged)
            day = backup_day
            break
    label = "damaged" if state is FileState.DAMAGED else "empty"
    try:
        aside = move_aside(history_file, label, now)
    except BaseException:
        if staged is not None:
            with contextlib.suppress(OSError):
                staged.unlink()
        raise
    log.error("history file %s; moved to %s", state.value, aside)
    if staged is not None:
        os.replace(staged, history_file)
        log.info("history restored from the backup of %s", day)
    return _Repair(history_file, state, aside, day)


def _repair_message(
    repair: _Repair, store: HistoryStore, merged: MergeResult, unreadable: int
) -> str:
    count, oldest, newest = store.conn.execute(
        "SELECT count(*), min(started_at), max(started_at) FROM sessions"
    ).fetchone()
    if repair.state is FileState.DAMAGED:
        parts = [
            _("Your history file was damaged. It has been kept as {file}.").format(
                file=repair.aside
            )
        ]
    else:
        parts = [
            _(
                "Your history file was empty (0 bytes), as if it had been cut short. "
                "It has been kept as {file}."
            ).format(file=repair.aside)
        ]
    if repair.backup_day is not None:
        parts.append(
            _("The backup of {day} was restored.").format(day=repair.backup_day.isoformat())
        )
    else:
        parts.append(_("There was no good backup."))
    rescued = merged.added + merged.completed
    if repair.state is FileState.DAMAGED:
        if rescued:
            when = _span(merged.first, merged.last)
            parts.append(
                ngettext(
                    "{n} session still readable in the damaged file ({when}) was recovered.",
                    "{n} sessions still readable in the damaged file ({when}) were recovered.",
                    rescued,
                ).format(n=rescued, when=when)
            )
        else:
            parts.append(_("Nothing more could be read from the damaged file."))
        if unreadable:
            parts.append(
                ngettext(
                    "{n} session could not be read and is missing.",
                    "{n} sessions could not be read and are missing.",
                    unreadable,
                ).format(n=unreadable)
            )
    if count:
        parts.append(
            ngettext(
                "Your history now holds {n} session, {span}.",
                "Your history now holds {n} sessions, {span}.",
                int(count),
            ).format(n=int(count), span=_span(oldest, newest))
        )
    elif repair.backup_day is None:
        parts.append(_("A new, empty history was started."))
    else:
        parts.append(_("The restored history holds no sessions."))
    if repair.backup_day is not None and repair.state is FileState.EMPTY:
        parts.append(
            _("Sessions after {day} are missing.").format(day=repair.backup_day.isoformat())
        )
    return " ".join(parts)


def _span(first: str | None, last: str | None) -> str:
    start, end = _day(first), _day(last)
    if start == end:
        return _("from {day}").format(day=start)
    return _("from {start} to {end}").format(start=start, end=end)


def _day(text: str | None) -> str:
    try:
        return datetime.fromisoformat(text or "").astimezone().strftime("%Y-%m-%d")
    except (ValueError, OverflowError):
        return _("an unknown day")
