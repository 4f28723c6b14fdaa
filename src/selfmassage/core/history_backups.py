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
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from selfmassage.core.history import (
    HistoryError,
    HistoryStore,
    NewerHistoryError,
    Unfinished,
    recording_problem,
    utc_now,
)

log = logging.getLogger(__name__)

KEEP_DAILY = 7
KEEP_WEEKLY = 4
_PREFIX = "history-"
_SUFFIX = ".sqlite3"


def backups_folder(history_file: Path) -> Path:
    return history_file.parent / "backups"


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a live database, written beside ``target`` then renamed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.tmp")
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(temp)
        try:
            src.backup(dst)
            # The copy is a plain single file; no -wal beside it.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    finally:
        src.close()


def is_healthy(path: Path) -> bool:
    """True if SQLite can read the file and its quick check finds nothing wrong."""
    # A plain connection, not mode=ro: read-only cannot open a WAL file left by a crash.
    try:
        conn = sqlite3.connect(path)
    except sqlite3.Error:
        return False
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        return rows == [("ok",)]
    except sqlite3.Error:
        return False
    finally:
        conn.close()


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
    worker thread: it opens its own connections. The copy is checked: a damaged one is
    removed (it must not push a good backup out) and the history is marked, so that the
    next start repairs it from the newest good backup.
    """
    if not history_file.exists():
        return None
    folder = backups_folder(history_file)
    target = folder / f"{_PREFIX}{today.isoformat()}{_SUFFIX}"
    if target.exists():
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
    keep = backups_to_keep([day for day, _ in backups])
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
    for extra in ("-wal", "-shm"):
        side = path.with_name(path.name + extra)
        if side.exists():
            side.replace(target.with_name(target.name + extra))
    return target


@dataclass
class OpenedHistory:
    """The result of opening the history at start: the store (or None) and what to say."""

    store: HistoryStore | None
    messages: list[str] = field(default_factory=list)
    """Sentences for the user: what was repaired, or why recording is off."""
    unfinished: list[Unfinished] = field(default_factory=list)


def open_history(
    history_file: Path,
    *,
    app_version: str = "",
    clock: Callable[[], datetime] = utc_now,
    check: bool | None = None,
) -> OpenedHistory:
    """Open the history for a run of the app: check it, repair it, recover sessions.

    The check runs when ``needs_check`` says so, or when the file cannot be opened;
    ``check`` forces it on or off. Never raises for a problem of the file or the disk;
    returns no store and a message.
    """
    result = OpenedHistory(None)
    folder = history_file.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        result.messages.append(recording_problem(error, history_file))
        return result
    wanted = needs_check(history_file) if check is None else check
    checked = wanted and _check(history_file, result, clock)

    def backup_before_migration(version: int) -> None:
        stamp = clock().astimezone().strftime("%Y%m%d-%H%M%S")
        target = backups_folder(history_file) / f"before-upgrade-v{version}-{stamp}{_SUFFIX}"
        copy_database(history_file, target)
        log.info("history backed up before upgrade to %s", target)

    def open_store() -> HistoryStore:
        return HistoryStore(
            history_file,
            app_version=app_version,
            clock=clock,
            before_migration=backup_before_migration,
        )

    store: HistoryStore | None = None
    try:
        try:
            store = open_store()
            result.unfinished = store.recover_unfinished()
        except (sqlite3.DatabaseError, HistoryError) as error:
            if store is not None:
                store.close()
            unreadable = isinstance(error, sqlite3.DatabaseError) or isinstance(
                error.__cause__, sqlite3.DatabaseError
            )
            if isinstance(error, NewerHistoryError) or not unreadable or checked:
                raise
            if not _check(history_file, result, clock):
                raise
            store = open_store()  # the damaged file is aside now
            result.unfinished = store.recover_unfinished()
    except NewerHistoryError as error:
        result.messages.append(f"{error} Sessions are not being saved meanwhile.")
        return result
    except HistoryError as error:
        result.messages.append(f"{error} Sessions are not being saved meanwhile.")
        return result
    except (sqlite3.Error, OSError) as error:
        log.error("history unavailable: %s", error)
        result.messages.append(recording_problem(error, history_file))
        return result
    result.store = store
    return result


def _check(history_file: Path, result: OpenedHistory, clock: Callable[[], datetime]) -> bool:
    """The integrity check, and the repair if it fails; True if it could run."""
    if not history_file.exists() or not os.access(history_file.parent, os.W_OK):
        return False
    if not is_healthy(history_file):
        result.messages.append(_recover(history_file, clock()))
    with contextlib.suppress(OSError):
        check_mark(history_file).unlink(missing_ok=True)
    return True


def _recover(history_file: Path, now: datetime) -> str:
    aside = move_aside(history_file, "damaged", now)
    log.error("history file damaged; moved to %s", aside)
    for day, backup in daily_backups(backups_folder(history_file)):
        if is_healthy(backup):
            copy_database(backup, history_file)
            log.info("history restored from %s", backup)
            return (
                "Your history file was damaged and could not be read. It has been kept as "
                f"{aside}. The backup of {day.isoformat()} was restored, so sessions after "
                "that day are missing from the history."
            )
    return (
        "Your history file was damaged and could not be read. It has been kept as "
        f"{aside}. There was no good backup, so a new, empty history was started."
    )
