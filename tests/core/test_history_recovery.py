"""Recovery from damage: the newest good backup, plus every row still readable in the file."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from selfmassage.core.history import HistoryStore, SessionStatus, StepRecord
from selfmassage.core.history_backups import (
    FileState,
    check_file,
    make_daily_backup,
    open_history,
)
from selfmassage.core.history_queries import list_sessions
from selfmassage.core.history_salvage import read_salvage

NOW = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)


def step(position: int) -> StepRecord:
    return StepRecord(position, "calves", "both", "calves.foam-roller.roll", "foam-roller", 60, 55)


def record(path: Path, title: str, when: datetime, steps: int = 2, end: bool = True) -> str:
    clock = [when]
    with HistoryStore(path, clock=lambda: clock[0]) as store:
        recorder = store.start_session(title, soreness_before={"calves-left": 6})
        for position in range(steps):
            clock[0] += timedelta(minutes=1)
            recorder.step_ended(step(position))
        if end:
            recorder.end(SessionStatus.COMPLETED)
            store.save_after(
                recorder.uuid, soreness_after={"calves-left": 3}, feeling=4, notes="ok"
            )
        else:
            recorder.lock.release()
        return recorder.uuid


def checkpoint(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def drop_log(path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


# A zero-byte file ----------------------------------------------------------------------------


def test_a_zero_byte_history_is_restored_from_the_newest_good_backup_and_said_so(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    first = record(path, "Kept", datetime(2026, 3, 1, 9, tzinfo=UTC))
    make_daily_backup(path, date(2026, 3, 1))
    record(path, "After the backup", datetime(2026, 3, 2, 9, tzinfo=UTC))
    checkpoint(path)
    drop_log(path)
    path.write_bytes(b"")  # cut short: a full disk during a copy, a crash of the file system
    assert check_file(path) is FileState.EMPTY

    opened = open_history(path, clock=lambda: NOW)
    assert opened.store is not None
    [message] = opened.messages
    assert "empty (0 bytes)" in message
    assert "The backup of 2026-03-01 was restored" in message
    assert "holds 1 session, from 2026-03-01." in message
    assert "after 2026-03-01 are missing" in message
    [aside] = tmp_path.glob("history.sqlite3.empty-*")
    assert aside.read_bytes() == b""  # kept, as every file moved aside
    assert [s.uuid for s in list_sessions(opened.store.conn)] == [first]


def test_a_zero_byte_history_without_any_backup_is_a_new_one(tmp_path: Path) -> None:
    # Only a start killed before its first write leaves that: nothing was ever in it.
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"")
    opened = open_history(path, clock=lambda: NOW)
    assert opened.store is not None and opened.messages == []
    assert opened.store.count() == 0


# Merging what is still readable ------------------------------------------------------------


def test_sessions_after_the_backup_are_recovered_from_the_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    in_backup = record(path, "In the backup", datetime(2026, 3, 1, 9, tzinfo=UTC))
    # Running when the backup was taken: it ended, with more steps, only in the damaged file.
    running = record(path, "Running at the backup", datetime(2026, 3, 2, 7, tzinfo=UTC), 1, False)
    make_daily_backup(path, date(2026, 3, 2))
    with HistoryStore(path) as store:
        recorder = store.resume_session(running)
        recorder.step_ended(step(1))
        recorder.end(SessionStatus.COMPLETED)
    later = [record(path, f"Later {n}", datetime(2026, 3, 3 + n, 9, tzinfo=UTC)) for n in range(3)]
    checkpoint(path)
    drop_log(path)
    # Damage the header's page-size field: SQLite refuses the file as a whole...
    data = bytearray(path.read_bytes())
    assert not read_salvage_of(bytes(data), tmp_path).unreadable
    data[16:18] = b"\x00\x07"
    path.write_bytes(bytes(data))
    assert check_file(path) is FileState.DAMAGED
    # ...so nothing can be salvaged from it, and the message says so.
    opened = open_history(path, clock=lambda: NOW)
    assert opened.store is not None
    [message] = opened.messages
    assert "damaged" in message and "Nothing more could be read" in message
    assert opened.store.count() == 2
    opened.store.close()

    # A damaged page in the middle, the rest readable: every readable row comes back.
    path.unlink()
    drop_log(path)
    for aside in tmp_path.glob("history.sqlite3.damaged-*"):
        aside.unlink()
    good = bytearray(data)
    good[16:18] = b"\x10\x00"  # the page size as it was (4096)
    path.write_bytes(bytes(good))
    conn = sqlite3.connect(path)
    steps_root = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'sessions_by_start'"
    ).fetchone()[0]
    conn.close()
    page = 4096
    broken = bytearray(good)
    broken[(steps_root - 1) * page : steps_root * page] = b"\xa5" * page
    path.write_bytes(bytes(broken))
    assert check_file(path) is FileState.DAMAGED

    # Checked, as a start checks after an unclean exit or once the day's backup
    # found damage: a page damaged after a clean exit opens without a check.
    opened = open_history(path, clock=lambda: NOW, check=True)
    assert opened.store is not None
    [message] = opened.messages
    assert "The backup of 2026-03-02 was restored" in message
    assert "4 sessions still readable in the damaged file" in message
    assert "from 2026-03-02 to 2026-03-05" in message
    assert "Your history now holds 5 sessions, from 2026-03-01 to 2026-03-05" in message
    conn = opened.store.conn
    keys = {row[0] for row in conn.execute("SELECT uuid FROM sessions")}
    assert keys == {in_backup, running, *later}
    status, steps = conn.execute(
        "SELECT status, (SELECT count(*) FROM steps WHERE session_id = sessions.id) "
        "FROM sessions WHERE uuid = ?",
        (running,),
    ).fetchone()
    assert (status, steps) == ("completed", 2)
    for key in later:
        feeling, ratings, steps = conn.execute(
            "SELECT feeling, (SELECT count(*) FROM soreness WHERE session_id = s.id), "
            "(SELECT count(*) FROM steps WHERE session_id = s.id) FROM sessions s WHERE uuid = ?",
            (key,),
        ).fetchone()
        assert (feeling, ratings, steps) == (4, 2, 2)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def read_salvage_of(data: bytes, folder: Path):  # type: ignore[no-untyped-def]
    copy = folder / "copy.sqlite3"
    copy.write_bytes(data)
    try:
        return read_salvage(copy)
    finally:
        copy.unlink()


def test_with_no_good_backup_the_readable_rows_start_the_new_history(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore(path) as store:
        for n in range(200):
            store.start_session(f"Session {n} " + "x" * 200).end(SessionStatus.COMPLETED)
    checkpoint(path)
    drop_log(path)
    data = bytearray(path.read_bytes())
    page = 4096
    # Scribble over the table page that holds session 100 (and its neighbours).
    where = bytes(data).index(b"Session 100 ") // page * page
    for offset in range(where, where + page, 7):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
    # Checked, as a start checks after an unclean exit or once the day's backup
    # found damage: a page damaged after a clean exit opens without a check.
    opened = open_history(path, clock=lambda: NOW, check=True)
    assert opened.store is not None
    [message] = opened.messages
    assert "There was no good backup" in message
    recovered = opened.store.count()
    assert 150 <= recovered < 200
    assert f"{recovered} sessions still readable" in message
    assert "could not be read and are missing" in message
    assert "new, empty history" not in message
