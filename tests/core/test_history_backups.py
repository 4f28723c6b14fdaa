"""Rolling backups, the check at start, and recovery from a damaged history file."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from selfmassage.core import history_backups
from selfmassage.core.history import HistoryStore, SessionStatus
from selfmassage.core.history_backups import (
    KEEP_DAILY,
    KEEP_WEEKLY,
    backups_folder,
    backups_to_keep,
    check_mark,
    daily_backups,
    is_healthy,
    make_daily_backup,
    open_history,
)
from selfmassage.core.history_queries import list_sessions

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def add_session(path: Path, title: str) -> str:
    with HistoryStore(path) as store:
        recorder = store.start_session(title)
        recorder.end(SessionStatus.COMPLETED)
        return recorder.uuid


def test_one_backup_a_day_made_with_the_backup_api(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    add_session(path, "First")
    store = HistoryStore(path)  # open, as during a session: the backup must still be whole
    first = make_daily_backup(path, date(2026, 3, 2))
    assert first is not None and first.name == "history-2026-03-02.sqlite3"
    assert make_daily_backup(path, date(2026, 3, 2)) is None  # at most one a day
    assert is_healthy(first)
    copy = sqlite3.connect(first)
    assert copy.execute("SELECT routine_title FROM sessions").fetchall() == [("First",)]
    copy.close()
    store.close()


def test_no_history_no_backup(tmp_path: Path) -> None:
    assert make_daily_backup(tmp_path / "history.sqlite3", date(2026, 3, 2)) is None


def test_seven_daily_and_four_weekly_backups_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    add_session(path, "One")
    start = date(2026, 1, 1)
    for n in range(60):
        make_daily_backup(path, start + timedelta(days=n))
    kept = [day for day, _ in daily_backups(backups_folder(path))]
    newest = start + timedelta(days=59)
    assert kept[:KEEP_DAILY] == [newest - timedelta(days=n) for n in range(KEEP_DAILY)]
    weekly = kept[KEEP_DAILY:]
    assert len(weekly) == KEEP_WEEKLY
    weeks = [day.isocalendar()[:2] for day in weekly]
    assert len(set(weeks)) == KEEP_WEEKLY
    assert all(
        day.isocalendar()[:2] not in {d.isocalendar()[:2] for d in kept[:KEEP_DAILY]}
        for day in weekly
    )


def test_backups_to_keep_with_gaps() -> None:
    days = [date(2026, 1, 1) + timedelta(days=3 * n) for n in range(20)]
    keep = backups_to_keep(days)
    assert len(keep) == KEEP_DAILY + KEEP_WEEKLY
    assert max(days) in keep and min(days) not in keep


def test_a_damaged_file_is_moved_aside_and_the_newest_good_backup_restored(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    kept_uuid = add_session(path, "Before the backup")
    make_daily_backup(path, date(2026, 3, 1))
    add_session(path, "After the backup")
    # A newer backup that is itself damaged must be passed over.
    broken_backup = backups_folder(path) / "history-2026-03-02.sqlite3"
    broken_backup.write_bytes(b"not a database at all" * 100)
    damaged = b"SQLite format 3\x00" + b"\xff" * 4000
    path.write_bytes(damaged)

    opened = open_history(path, clock=lambda: NOW)
    assert opened.store is not None
    [message] = opened.messages
    assert "damaged" in message and "2026-03-01" in message
    [aside] = tmp_path.glob("history.sqlite3.damaged-*")
    assert str(aside) in message
    assert aside.read_bytes() == damaged  # kept, never deleted
    assert [s.uuid for s in list_sessions(opened.store.conn)] == [kept_uuid]
    # Recording goes on in the restored file.
    opened.store.start_session("Next").end(SessionStatus.COMPLETED)
    assert opened.store.count() == 2


def test_a_damaged_file_without_a_backup_starts_a_new_history(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"garbage" * 1000)
    opened = open_history(path, clock=lambda: NOW)
    assert opened.store is not None and opened.store.count() == 0
    assert "no good backup" in opened.messages[0]
    assert len(list(tmp_path.glob("history.sqlite3.damaged-*"))) == 1


def test_a_corrupted_page_is_found_by_the_check(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore(path) as store:
        for n in range(200):
            store.start_session(f"Session {n}" * 20).end(SessionStatus.COMPLETED)
    assert is_healthy(path)
    data = bytearray(path.read_bytes())
    page_size = 4096
    # Scribble over the middle of the sessions table's pages, keeping the header.
    for offset in range(2 * page_size, min(len(data), 6 * page_size), 7):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
    assert not is_healthy(path)
    # Forced, the check at start finds it.
    opened = open_history(path, clock=lambda: NOW, check=True)
    assert opened.store is not None and "damaged" in opened.messages[0]


def scribbled_history(path: Path, pages: range = range(2, 6)) -> None:
    with HistoryStore(path) as store:
        for n in range(200):
            store.start_session(f"Session {n}" * 20).end(SessionStatus.COMPLETED)
    data = bytearray(path.read_bytes())
    for offset in range(pages.start * 4096, min(len(data), pages.stop * 4096), 7):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))


def test_after_a_clean_exit_the_start_runs_no_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.sqlite3"
    add_session(path, "Calves")
    assert not path.with_name("history.sqlite3-wal").exists()  # closed: a clean exit

    def no_check(_path: Path) -> bool:
        raise AssertionError("the integrity check ran at start")

    monkeypatch.setattr(history_backups, "is_healthy", no_check)
    opened = open_history(path, clock=lambda: NOW)
    assert opened.store is not None and opened.store.count() == 1


def test_after_an_unclean_exit_the_start_checks_and_repairs(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    scribbled_history(path)
    # The last run was killed: its -wal is still there.
    path.with_name("history.sqlite3-wal").write_bytes(b"")
    opened = open_history(path, clock=lambda: NOW)
    assert opened.store is not None and "damaged" in opened.messages[0]


def test_damage_found_by_the_daily_backup_is_repaired_at_the_next_start(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    add_session(path, "Calves")
    good = make_daily_backup(path, date(2026, 3, 1))
    assert good is not None
    scribbled_history(path, range(6, 10))  # pages a start does not read
    # The clean start does not see it...
    opened = open_history(path, clock=lambda: NOW)
    assert opened.messages == [] and opened.store is not None
    opened.store.close()
    # ...the day's backup (off the GUI thread) checks its copy, keeps no damaged one...
    assert make_daily_backup(path, date(2026, 3, 2)) is None
    assert [day for day, _ in daily_backups(backups_folder(path))] == [date(2026, 3, 1)]
    assert check_mark(path).exists()
    # ...and the next start repairs the file from the good backup.
    opened = open_history(path, clock=lambda: NOW)
    assert opened.store is not None and "2026-03-01" in opened.messages[0]
    assert not check_mark(path).exists()


def test_two_starts_at_the_same_moment_make_exactly_one_backup(tmp_path: Path) -> None:
    """Two processes (the window and ``selfmassage run``) starting on a new day."""
    import subprocess
    import sys

    path = tmp_path / "history.sqlite3"
    with HistoryStore(path) as store:
        for n in range(300):  # a copy that takes a moment, so that the starts overlap
            store.start_session(f"Session {n} " + "x" * 500).end(SessionStatus.COMPLETED)
    go = tmp_path / "go"
    script = (
        "import sys, time, pathlib\n"
        "from datetime import date\n"
        "from selfmassage.core.history_backups import make_daily_backup\n"
        "go = pathlib.Path(sys.argv[2])\n"
        "while not go.exists(): time.sleep(0.001)\n"
        "made = make_daily_backup(pathlib.Path(sys.argv[1]), date(2026, 3, 2))\n"
        "print('made' if made else 'found')\n"
    )
    starts = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(path), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    go.touch()
    outputs = [start.communicate(timeout=60) for start in starts]
    assert all(start.returncode == 0 for start in starts), outputs
    assert sorted(out.strip() for out, _ in outputs) == ["found", "found", "found", "made"]
    folder = backups_folder(path)
    assert [p.name for p in folder.glob("*.sqlite3")] == ["history-2026-03-02.sqlite3"]
    assert not list(folder.glob(".*.tmp"))  # no half copy left behind
    assert is_healthy(folder / "history-2026-03-02.sqlite3")


def test_starts_in_threads_make_one_backup_too(tmp_path: Path) -> None:
    import threading

    path = tmp_path / "history.sqlite3"
    add_session(path, "One")
    barrier = threading.Barrier(6)
    made: list[Path | None] = []

    def start() -> None:
        barrier.wait()
        made.append(make_daily_backup(path, date(2026, 3, 2)))

    threads = [threading.Thread(target=start) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len([m for m in made if m is not None]) == 1
    assert len(list(backups_folder(path).glob("*.sqlite3"))) == 1
