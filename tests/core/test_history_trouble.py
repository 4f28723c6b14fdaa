"""Damage or trouble: a full disk, a lock, a read-only folder never move the history aside.

Only a file SQLite cannot read as a database, or whose integrity check fails, is
damage. Anything else leaves the history where it is, keeps the session in memory and
writes it as soon as the history takes it.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from selfmassage.cli import main
from selfmassage.core import history
from selfmassage.core.history import (
    HistoryStore,
    HistoryUnavailableError,
    SessionRecorder,
    SessionStatus,
    StepRecord,
    new_draft,
    utc_now,
)
from selfmassage.core.history_backups import (
    FileState,
    backups_folder,
    check_file,
    make_daily_backup,
    open_history,
)
from selfmassage.core.history_trouble import TroubleKind, is_damage, trouble_of
from selfmassage.core.paths import AppPaths
from tests.day_answers import ANSWERED_TODAY


def sqlite_error(message: str, code: int, name: str) -> sqlite3.OperationalError:
    """An error as SQLite raises it, with its result code."""
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    error.sqlite_errorname = name  # type: ignore[attr-defined]
    return error


def full_disk() -> sqlite3.OperationalError:
    return sqlite_error("database or disk is full", 13, "SQLITE_FULL")


def step(position: int) -> StepRecord:
    return StepRecord(position, "neck", None, "neck.hands.knead", "hands", 60, 60)


def fill(path: Path, count: int) -> list[str]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with HistoryStore(path) as store:
        keys = []
        for n in range(count):
            recorder = store.start_session(f"Session {n}")
            recorder.step_ended(step(0))
            recorder.end(SessionStatus.COMPLETED)
            keys.append(recorder.uuid)
    return keys


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


# Telling them apart ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (full_disk(), TroubleKind.FULL),
        (OSError(errno.ENOSPC, "No space left on device"), TroubleKind.FULL),
        (
            sqlite_error("attempt to write a readonly database", 8, "SQLITE_READONLY"),
            TroubleKind.READ_ONLY,
        ),
        (OSError(errno.EROFS, "Read-only file system"), TroubleKind.READ_ONLY),
        (sqlite_error("database is locked", 5, "SQLITE_BUSY"), TroubleKind.LOCKED),
        (OSError(errno.EMFILE, "Too many open files"), TroubleKind.TOO_MANY_FILES),
        (sqlite_error("disk I/O error", 10 | (3 << 8), "SQLITE_IOERR_WRITE"), TroubleKind.IO_ERROR),
        (OSError(errno.EIO, "Input/output error"), TroubleKind.IO_ERROR),
    ],
)
def test_trouble_is_not_damage(error: BaseException, kind: TroubleKind) -> None:
    assert not is_damage(error)
    assert trouble_of(error).kind is kind
    wrapped = history.HistoryError("Could not open the history.")
    wrapped.__cause__ = error
    assert not is_damage(wrapped) and trouble_of(wrapped).kind is kind


def test_only_a_file_that_is_no_database_or_corrupt_is_damage() -> None:
    assert is_damage(sqlite3.DatabaseError("file is not a database"))
    assert is_damage(sqlite_error("database disk image is malformed", 11, "SQLITE_CORRUPT"))
    assert is_damage(sqlite_error("file is not a database", 26, "SQLITE_NOTADB"))
    assert not is_damage(OSError(errno.EIO, "Input/output error"))


# A full disk at start ----------------------------------------------------------------------


def test_a_full_disk_at_start_leaves_the_history_where_it_is(
    tmp_path: Path, refusing: Callable[[Path, BaseException | None], None]
) -> None:
    path = tmp_path / "history.sqlite3"
    keys = fill(path, 3)
    make_daily_backup(path, date(2026, 3, 1))
    before = files_of(tmp_path)

    refusing(path, full_disk())
    opened = open_history(path)
    assert opened.store is None and opened.trouble
    [message] = opened.messages
    assert "the disk is full" in message and "Free some space" in message
    assert "damaged" not in message
    assert files_of(tmp_path) == before  # nothing moved, nothing written
    assert not list(tmp_path.glob("*.damaged-*"))

    refusing(path, None)  # space is free again: the next start has every session
    again = open_history(path)
    assert again.store is not None and again.messages == []
    assert {row[0] for row in again.store.conn.execute("SELECT uuid FROM sessions")} == set(keys)
    again.store.close()


def test_a_full_disk_while_repairing_leaves_the_damaged_file_where_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.sqlite3"
    fill(path, 2)
    make_daily_backup(path, date(2026, 3, 1))
    damaged = b"garbage, not a database " * 200
    path.write_bytes(damaged)
    from selfmassage.core import history_backups

    def no_space(source: Path, target: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(history_backups, "copy_database", no_space)
    opened = open_history(path)
    assert opened.store is None and opened.trouble
    assert "damaged" in opened.messages[0] and "the disk is full" in opened.messages[0]
    assert path.read_bytes() == damaged  # left for the next start to repair whole
    assert not list(tmp_path.glob("*.damaged-*"))


def test_a_lock_held_by_another_program_is_trouble(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.sqlite3"
    fill(path, 1)
    monkeypatch.setattr(history, "BUSY_TIMEOUT_SECONDS", 0.05)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        opened = open_history(path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert opened.store is None and opened.trouble
    assert "another program is using the history" in opened.messages[0]
    assert not list(tmp_path.glob("*.damaged-*"))


@pytest.mark.skipif(sys.platform != "linux", reason="file limits as Linux sets them")
def test_too_many_open_files_is_said_so(tmp_path: Path) -> None:
    import resource

    path = tmp_path / "history.sqlite3"
    fill(path, 1)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    highest = max(int(fd) for fd in os.listdir("/proc/self/fd"))
    resource.setrlimit(resource.RLIMIT_NOFILE, (highest + 1, hard))
    fillers: list[int] = []
    try:
        try:  # take every free number below the limit too: the process is out of files
            while True:
                fillers.append(os.open(os.devnull, os.O_RDONLY))
        except OSError as error:
            assert error.errno == errno.EMFILE
        opened = open_history(path)
    finally:
        for fd in fillers:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    assert opened.store is None and opened.trouble
    assert "too many files are open" in opened.messages[0]
    assert check_file(path) is FileState.HEALTHY


# Recording through trouble ----------------------------------------------------------------


def test_a_session_refused_by_a_full_disk_is_kept_and_written_when_space_returns(
    tmp_path: Path,
) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    recorder = store.start_session("R")
    problems: list[str] = []
    saved: list[str] = []
    recorder.on_problem = problems.append
    recorder.on_saved = saved.append
    recorder.step_ended(step(0))
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own SQLITE_FULL
    big = "x" * 20_000
    for position in range(1, 4):
        recorder.step_ended(StepRecord(position, "neck", None, big, "hands", 60, 60))
    assert recorder.problem is not None and "the disk is full" in recorder.problem
    assert problems == [recorder.problem]  # told once
    assert recorder.pending
    assert store.conn.execute("SELECT count(*) FROM steps").fetchone()[0] == 1

    store.conn.execute("PRAGMA max_page_count = 1000000")  # space again
    recorder.step_ended(StepRecord(4, "neck", None, "", "hands", 60, 60))
    assert recorder.problem is None and not recorder.pending
    assert saved and "saved" in saved[0]
    positions = [row[0] for row in store.conn.execute("SELECT position FROM steps ORDER BY 1")]
    assert positions == [0, 1, 2, 3, 4]
    recorder.end(SessionStatus.COMPLETED)
    status, done = store.conn.execute("SELECT status, done_seconds FROM sessions").fetchone()
    assert (status, done) == ("completed", 300)


def test_a_session_whose_end_is_refused_is_written_at_the_next_try(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    recorder = store.start_session("R", soreness_before={"neck": 6})
    recorder.step_ended(step(0))
    store.conn.execute("PRAGMA query_only = ON")
    recorder.end(SessionStatus.COMPLETED)
    recorder.save_after(soreness_after={"neck": 2}, feeling=4, notes="better")
    assert recorder.pending and "cannot be written to" in (recorder.problem or "")
    store.conn.execute("PRAGMA query_only = OFF")
    assert recorder.retry()
    row = store.conn.execute("SELECT status, feeling, notes FROM sessions").fetchone()
    assert row == ("completed", 4, "better")
    ratings = store.conn.execute("SELECT moment, rating FROM soreness ORDER BY 1").fetchall()
    assert ratings == [("after", 2), ("before", 6)]
    assert not recorder.lock.path.exists()


def test_a_session_started_while_the_history_cannot_open_is_saved_once_it_can(
    tmp_path: Path, refusing: Callable[[Path, BaseException | None], None]
) -> None:
    path = tmp_path / "history.sqlite3"
    fill(path, 2)
    refusing(path, full_disk())
    opened = open_history(path)
    assert opened.store is None and opened.trouble

    def reopen() -> HistoryStore:
        again = open_history(path)
        if again.store is None:
            raise HistoryUnavailableError(" ".join(again.messages))
        return again.store

    draft = new_draft("In memory", started_at=utc_now(), soreness_before={"neck": 5})
    recorder = SessionRecorder.for_draft(path, draft, store=None, reopen=reopen)
    assert not recorder.retry()
    assert recorder.problem is not None and "the disk is full" in recorder.problem
    recorder.step_ended(step(0))
    assert recorder.pending

    refusing(path, None)
    recorder.step_ended(step(1))
    assert not recorder.pending and recorder.problem is None
    recorder.end(SessionStatus.COMPLETED)
    assert recorder.store is not None
    conn = recorder.store.conn
    assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 3
    title, status = conn.execute(
        "SELECT routine_title, status FROM sessions WHERE uuid = ?", (draft.uuid,)
    ).fetchone()
    assert (title, status) == ("In memory", "completed")
    assert (
        conn.execute(
            "SELECT count(*) FROM steps WHERE session_id = ?", (recorder.session_id,)
        ).fetchone()[0]
        == 2
    )


# A real small disk (root only: mounts a tmpfs) -------------------------------------------


def system(*command: str) -> bool:
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    if not system("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)):
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        system("umount", "--lazy", str(mount))  # even if a file there is still open


def fill_the_disk(folder: Path) -> Path:
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"x" * 4096)
    except OSError as error:
        assert error.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


def test_a_really_full_disk_moves_nothing_and_the_session_is_saved_after(
    small_disk: Path,
) -> None:
    path = small_disk / "data" / "history.sqlite3"
    keys = fill(path, 20)
    make_daily_backup(path, date(2026, 3, 1))
    filler = fill_the_disk(small_disk)
    before = files_of(path.parent)

    opened = open_history(path)
    assert opened.trouble and "the disk is full" in opened.messages[0]
    assert path.read_bytes() == before[path.name]  # where it was, as it was
    assert not list(path.parent.glob("*.damaged-*"))

    def reopen() -> HistoryStore:
        again = open_history(path)
        if again.store is None:
            raise HistoryUnavailableError(" ".join(again.messages))
        return again.store

    draft = new_draft("During the full disk", started_at=utc_now())
    recorder = SessionRecorder.for_draft(path, draft, store=None, reopen=reopen)
    recorder.step_ended(step(0))
    assert recorder.pending and "the disk is full" in (recorder.problem or "")

    filler.unlink()
    recorder.step_ended(step(1))
    recorder.end(SessionStatus.COMPLETED)
    assert not recorder.pending and recorder.store is not None
    uuids = {row[0] for row in recorder.store.conn.execute("SELECT uuid FROM sessions")}
    assert uuids == {*keys, draft.uuid}
    recorder.store.close()
    backups = list(backups_folder(path).iterdir())
    assert any(p.name == "history-2026-03-01.sqlite3" for p in backups)


def test_a_read_only_disk_says_read_only_not_damaged(small_disk: Path) -> None:
    path = small_disk / "data" / "history.sqlite3"
    fill(path, 2)
    assert system("mount", "-o", "remount,ro", str(small_disk))
    opened = open_history(path)
    assert opened.store is None and opened.trouble
    assert "cannot be written to" in opened.messages[0]
    assert "damaged" not in opened.messages[0]
    assert not list(path.parent.glob("*.damaged-*"))
    assert system("mount", "-o", "remount,rw", str(small_disk))
    assert check_file(path) is FileState.HEALTHY


# The command line ---------------------------------------------------------------------------


def write_routine(folder: Path) -> Path:
    routine = folder / "r.smroutine"
    routine.write_text(
        json.dumps(
            {
                "format": "selfmassage-routine",
                "version": 1,
                "title": "Through trouble",
                "steps": [
                    {"region": "neck", "seconds": 5, "name": "Neck", "instructions": "Rub."},
                    {"region": "calves", "seconds": 5, "name": "Calf", "instructions": "Roll."},
                ],
            }
        )
    )
    return routine


def run_recorded(routine: Path) -> int:
    """``selfmassage run`` of ``routine``, fast and recorded, the day's questions answered."""
    return main(["run", "--no-voice", "--speed", "1000", "--record", str(routine), *ANSWERED_TODAY])


def test_the_commands_say_what_is_wrong_without_a_traceback(
    paths: AppPaths,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    refusing: Callable[[Path, BaseException | None], None],
) -> None:
    fill(paths.history_file, 1)
    refusing(paths.history_file, full_disk())
    assert main(["history", "list"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("selfmassage history: ") and "the disk is full" in err
    assert "Traceback" not in err and "repairs it" not in err

    # A run goes on; it says why it is not saved, and that it is lost if it stays so.
    assert run_recorded(write_routine(tmp_path)) == 0
    captured = capsys.readouterr()
    assert "Finished after" in captured.out
    assert "the disk is full" in captured.err and "Traceback" not in captured.err
    assert "could not be saved" in captured.err
    assert not list(paths.data.glob("*.damaged-*"))
    refusing(paths.history_file, None)
    assert main(["history", "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1  # the history as it was


def test_a_run_whose_writes_are_refused_is_saved_at_its_end(
    paths: AppPaths,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill(paths.history_file, 1)
    # Each step's write is refused (a lock held by an import, say); the end's write works.
    real = SessionRecorder.write_now
    refused: list[int] = []

    def write_now(self: SessionRecorder) -> None:
        if self.draft.end is None and self._head_written:
            refused.append(len(self.draft.steps))
            raise sqlite_error("database is locked", 5, "SQLITE_BUSY")
        real(self)

    monkeypatch.setattr(SessionRecorder, "write_now", write_now)
    assert run_recorded(write_routine(tmp_path)) == 0
    err = capsys.readouterr().err
    assert refused and "another program is using the history" in err
    assert "has been saved" in err and "could not be saved" not in err
    assert main(["history", "list", "--json"]) == 0
    newest = json.loads(capsys.readouterr().out)[0]
    assert newest["routine_title"] == "Through trouble" and newest["status"] == "completed"
    assert newest["regions"] == ["neck", "calves"]


def test_a_disk_that_fills_during_a_session_loses_no_step(small_disk: Path) -> None:
    path = small_disk / "data" / "history.sqlite3"
    fill(path, 1)
    store = HistoryStore(path)
    recorder = store.start_session("Filling up")
    recorder.step_ended(step(0))
    filler = fill_the_disk(small_disk)
    big = "x" * 100_000  # each step needs new pages, which a full disk refuses
    for position in range(1, 4):
        recorder.step_ended(StepRecord(position, "neck", None, big, "hands", 60, 60))
    assert recorder.pending and "the disk is full" in (recorder.problem or "")
    filler.unlink()
    recorder.step_ended(step(4))
    recorder.end(SessionStatus.COMPLETED)
    assert not recorder.pending and recorder.problem is None
    positions = [
        row[0]
        for row in store.conn.execute(
            "SELECT position FROM steps WHERE session_id = ? ORDER BY 1", (recorder.session_id,)
        )
    ]
    status = store.conn.execute("SELECT status FROM sessions WHERE uuid = ?", (recorder.uuid,))
    assert positions == [0, 1, 2, 3, 4]
    assert status.fetchone()[0] == "completed"
    assert store.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    store.close()


def test_once_refused_by_a_lock_a_retry_does_not_hold_the_window_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    monkeypatch.setattr(history, "BUSY_TIMEOUT_SECONDS", 1.0)
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path)
    recorder = store.start_session("Locked out")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program writing, for a long while
    started = time.monotonic()
    recorder.step_ended(step(0))
    first = time.monotonic() - started
    assert recorder.pending and "another program" in (recorder.problem or "")
    started = time.monotonic()
    recorder.step_ended(step(1))
    retry = time.monotonic() - started
    assert first >= 0.9 and retry < 0.6, (first, retry)
    other.execute("ROLLBACK")
    other.close()
    recorder.step_ended(step(2))
    assert not recorder.pending
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 1000  # as it was
    store.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_history_file_of_another_user_says_so_not_damaged(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    fill(path, 1)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    path.chmod(0o000)
    try:
        opened = open_history(path)
    finally:
        path.chmod(0o600)
    assert opened.store is None and opened.trouble
    assert "belongs to another user" in opened.messages[0]
    assert check_file(path) is FileState.HEALTHY
