"""The history store: schema migrations, writing as it happens, recovery, deletion."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from selfmassage.core import history, history_schema
from selfmassage.core.history import (
    SCHEMA_VERSION,
    HistoryStore,
    NewerHistoryError,
    SessionStatus,
    StepRecord,
    migrate,
)
from selfmassage.core.history_backups import backups_folder, open_history
from selfmassage.core.history_queries import list_sessions, session_detail


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def calf_step(position: int, seconds: int = 60, skipped: bool = False) -> StepRecord:
    return StepRecord(
        position, "calves", "both", "calves.foam-roller.roll", "foam-roller", 60, seconds, skipped
    )


def tables(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


# Migrations ------------------------------------------------------------------------------


def test_a_new_file_gets_the_current_schema_with_wal_and_full_sync(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        assert history_schema.schema_version(store.conn) == SCHEMA_VERSION
        assert store.migrated_from == 0
        assert {"sessions", "steps", "soreness"} <= tables(store.conn)
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


@pytest.mark.parametrize("old_version", range(1, SCHEMA_VERSION))
def test_each_earlier_version_is_upgraded_keeping_its_sessions_and_backed_up_first(
    tmp_path: Path, old_version: int
) -> None:
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=old_version)
    conn.execute(
        "INSERT INTO sessions (uuid, routine_title, started_at, status, done_seconds) "
        "VALUES ('old-1', 'Old routine', '2025-01-01T10:00:00.000+00:00', 'completed', 300)"
    )
    conn.execute(
        "INSERT INTO steps (session_id, position, region, side, planned_seconds, "
        "actual_seconds, ended_at) VALUES (1, 0, 'neck', '', 300, 300, "
        "'2025-01-01T10:05:00.000+00:00')"
    )
    # A step a stop cut short, in the days when it was not marked so.
    conn.execute(
        "INSERT INTO steps (session_id, position, region, side, planned_seconds, "
        "actual_seconds, ended_at) VALUES (1, 1, 'neck', '', 300, 40, "
        "'2025-01-01T10:06:00.000+00:00')"
    )
    if old_version >= 2:
        conn.execute("INSERT INTO soreness VALUES (1, 'before', 'neck', 6)")
        calves = "calves" if old_version < 5 else "calves-left"
        conn.execute(f"INSERT INTO soreness VALUES (1, 'after', '{calves}', 3)")
    conn.close()

    opened = open_history(path)
    assert opened.store is not None and opened.messages == []
    store = opened.store
    assert store.migrated_from == old_version
    assert history_schema.schema_version(store.conn) == SCHEMA_VERSION
    [summary] = list_sessions(store.conn)
    assert (summary.uuid, summary.routine_title, summary.done_seconds) == (
        "old-1",
        "Old routine",
        300,
    )
    assert summary.regions == ("neck",)
    # Rebuilding the sessions table lost none of what hangs on it.
    kept = session_detail(store.conn, "old-1")
    assert kept is not None
    # A stop's short step, from before steps said so, is known as ended early.
    short_step_ended_early = old_version < 4
    assert [(s.actual_seconds, s.ended_early) for s in kept.steps] == [
        (300, False),
        (40, short_step_ended_early),
    ]
    assert kept.soreness_before == ({"neck": 6} if old_version >= 2 else {})
    # A rating of a whole sided region, from before, stands for both its sides.
    if 2 <= old_version < 5:
        assert kept.soreness_after == {"calves-left": 3, "calves-right": 3}
    # The new columns work on the old session.
    store.save_after("old-1", soreness_after={"neck": 2}, feeling=3, notes="later")
    detail = session_detail(store.conn, "old-1")
    assert detail is not None and detail.notes == "later" and detail.soreness_after == {"neck": 2}
    assert detail.summary.soreness_change == (-4 if old_version >= 2 else None)
    # A copy of the old file was taken before the upgrade, still at the old version.
    [copy] = backups_folder(path).glob(f"before-upgrade-v{old_version}-*.sqlite3")
    old = sqlite3.connect(copy)
    assert old.execute("PRAGMA user_version").fetchone()[0] == old_version
    assert old.execute("SELECT uuid FROM sessions").fetchall() == [("old-1",)]
    old.close()
    store.close()


def test_a_new_file_takes_no_backup_before_its_first_migrations(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    opened = open_history(path)
    assert opened.store is not None
    opened.store.close()
    assert list(backups_folder(path).glob("before-upgrade-*")) == []


def test_a_partly_done_session_keeps_the_seconds_of_a_step_ended_early(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3", clock=FakeClock())
    recorder = store.start_session("Neck", planned_seconds=150)
    recorder.step_ended(StepRecord(0, "neck", None, "", "hands", 150, 83, ended_early=True))
    recorder.end(SessionStatus.PARTLY_DONE)
    detail = session_detail(store.conn, recorder.uuid)
    assert detail is not None
    assert detail.summary.status == "partly_done"
    assert detail.summary.done_seconds == 83
    assert detail.summary.regions == ("neck",)
    assert [(s.actual_seconds, s.ended_early, s.skipped) for s in detail.steps] == [
        (83, True, False)
    ]
    store.close()


def test_a_failed_migration_leaves_the_old_version_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "h.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=1)
    shipped = history_schema.MIGRATIONS
    broken = (*shipped[:1], shipped[1] + ";CREATE TABLE sessions (x)")
    monkeypatch.setattr(history_schema, "MIGRATIONS", broken)
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, target=2)
    assert history_schema.schema_version(conn) == 1
    columns = {row[1] for row in conn.execute("PRAGMA table_info(sessions)")}
    assert "feeling" not in columns  # the ALTER TABLE before the failure was rolled back
    assert "soreness" not in tables(conn)


def test_a_database_from_a_newer_app_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerHistoryError, match="newer version of SelfMassage"):
        HistoryStore(path)
    opened = open_history(path)
    assert opened.store is None
    assert "newer version" in opened.messages[0] and "not being saved" in opened.messages[0]
    assert path.read_bytes() == before


# Writing as it happens -------------------------------------------------------------------


def test_a_session_is_written_as_it_runs(tmp_path: Path) -> None:
    clock = FakeClock()
    path = tmp_path / "h.sqlite3"
    store = HistoryStore(path, app_version="9.9", clock=clock)
    recorder = store.start_session(
        "Post-run calves",
        routine_snapshot='{"title": "Post-run calves"}',
        planned_seconds=300,
        soreness_before={"calves": 7},
    )
    # A second connection sees each write as soon as it is made: nothing waits for the end.
    reader = sqlite3.connect(path)
    assert reader.execute("SELECT status FROM sessions").fetchall() == [("running",)]
    clock.advance(60)
    recorder.step_ended(calf_step(0, seconds=58))
    assert reader.execute("SELECT count(*), sum(actual_seconds) FROM steps").fetchone() == (1, 58)
    assert reader.execute("SELECT done_seconds FROM sessions").fetchone() == (58,)
    clock.advance(60)
    recorder.step_ended(calf_step(1, skipped=True))
    recorder.end(SessionStatus.COMPLETED)
    reader.close()
    store.save_after(recorder.uuid, soreness_after={"calves": 4}, feeling=5, notes="better")

    detail = session_detail(store.conn, recorder.uuid)
    assert detail is not None
    assert detail.summary.status == "completed"
    assert detail.summary.done_seconds == 58  # a skipped step adds nothing
    assert detail.summary.soreness_change == -3
    assert detail.app_version == "9.9"
    assert detail.ended_at == clock.now
    assert [(s.position, s.skipped) for s in detail.steps] == [(0, False), (1, True)]
    assert detail.routine_snapshot == '{"title": "Post-run calves"}'


def test_after_end_the_recorder_writes_nothing_more(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    recorder = store.start_session("R")
    recorder.end(SessionStatus.STOPPED)
    recorder.step_ended(calf_step(0))
    assert store.conn.execute("SELECT count(*) FROM steps").fetchone() == (0,)
    with pytest.raises(ValueError):
        store.start_session("R").end(SessionStatus.RUNNING)


def test_bad_ratings_are_refused(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    with pytest.raises(ValueError, match="0–10"):
        store.start_session("R", soreness_before={"neck": 11})
    recorder = store.start_session("R")
    with pytest.raises(ValueError, match="1–5"):
        store.save_after(recorder.uuid, soreness_after={}, feeling=0, notes="")


def test_unfinished_sessions_are_marked_interrupted_and_offered_for_resume(
    tmp_path: Path,
) -> None:
    path = tmp_path / "h.sqlite3"
    clock = FakeClock()
    store = HistoryStore(path, clock=clock)
    recorder = store.start_session("Evening")
    clock.advance(30)
    recorder.step_ended(calf_step(0))
    clock.advance(30)
    recorder.step_ended(calf_step(1))
    finished = store.start_session("Done")
    finished.end(SessionStatus.COMPLETED)
    # As if the app had been killed here: the system drops the session's lock.
    recorder.lock.release()
    store.close()

    opened = open_history(path, clock=clock)
    assert opened.store is not None
    [unfinished] = opened.unfinished
    assert (unfinished.uuid, unfinished.steps_done, unfinished.next_position) == (
        recorder.uuid,
        2,
        2,
    )
    summaries = {s.uuid: s for s in list_sessions(opened.store.conn)}
    assert summaries[recorder.uuid].status == "interrupted"
    assert summaries[recorder.uuid].done_seconds == 120
    assert summaries[finished.uuid].status == "completed"
    # Recovery happens once.
    assert opened.store.recover_unfinished() == []

    resumed = opened.store.resume_session(unfinished.uuid)
    resumed.step_ended(calf_step(2))
    resumed.end(SessionStatus.COMPLETED)
    detail = session_detail(opened.store.conn, unfinished.uuid)
    assert detail is not None and detail.summary.status == "completed"
    assert [s.position for s in detail.steps] == [0, 1, 2]


def test_delete_one_and_delete_all(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    keep = store.start_session("Keep", soreness_before={"neck": 3})
    gone = store.start_session("Gone with private words", soreness_before={"neck": 3})
    gone.step_ended(calf_step(0))
    assert store.delete_session(gone.uuid)
    assert not store.delete_session(gone.uuid)
    for part in (store.path, store.path.with_name(store.path.name + "-wal")):
        if part.exists():
            assert b"private words" not in part.read_bytes()
    assert [s.uuid for s in list_sessions(store.conn)] == [keep.uuid]
    # Steps and ratings go with their session.
    assert store.conn.execute("SELECT count(*) FROM steps").fetchone() == (0,)
    assert store.conn.execute("SELECT count(*) FROM soreness").fetchone() == (1,)
    store.start_session("Secret words in the title")
    assert store.delete_all() == 2
    assert store.count() == 0
    # Nothing of the deleted sessions is left on disk, in the file or its log.
    for part in (store.path, store.path.with_name(store.path.name + "-wal")):
        if part.exists():
            assert b"Secret words" not in part.read_bytes()
    assert store.conn.execute("SELECT count(*) FROM soreness").fetchone() == (0,)


# A disk that refuses -------------------------------------------------------------------


def test_a_full_disk_is_told_once_and_raises_nothing(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    recorder = store.start_session("R")
    recorder.step_ended(calf_step(0))
    page_size = store.conn.execute("PRAGMA page_size").fetchone()[0]
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    # The file may not grow any more: the next write that needs a page fails as a full disk.
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    problems: list[str] = []
    recorder.on_problem = problems.append
    big = "x" * (page_size * 4)
    for position in range(1, 6):
        recorder.step_ended(
            StepRecord(position, "neck", None, big, "hands", 60, 60)
        )  # each row needs new pages
    assert recorder.problem is not None and "disk is full" in recorder.problem
    assert problems == [recorder.problem]  # told once
    assert not recorder.recording
    recorder.end(SessionStatus.COMPLETED)  # kept in memory with the rest, raises nothing
    assert recorder.pending
    positions = [row[0] for row in store.conn.execute("SELECT position FROM steps")]
    assert positions[0] == 0  # what was written before stays


@pytest.mark.posix("Windows has no read-only folders by mode bits")
@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores file permissions"
)
def test_a_read_only_folder_gives_a_clear_message(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        opened = open_history(folder / "history.sqlite3")
    finally:
        folder.chmod(0o700)
    assert opened.store is None
    assert "cannot be written to" in opened.messages[0]


def test_a_read_only_history_file_gives_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    HistoryStore(path).close()
    # query_only makes SQLite refuse every write, as a read-only mount would, even for root.
    store = HistoryStore(path)
    store.conn.execute("PRAGMA query_only = ON")
    recorder = history.SessionRecorder(store, 1, "x")
    recorder.step_ended(calf_step(0))
    assert recorder.problem is not None and "cannot be written to" in recorder.problem


def test_a_data_folder_that_cannot_be_made_gives_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    opened = open_history(blocker / "history.sqlite3")
    assert opened.store is None
    assert "not being saved to your history" in opened.messages[0]
    assert blocker.read_text() == "a file where the folder should be"


def test_a_session_another_process_records_is_not_marked_interrupted(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    other = HistoryStore(path)  # as if another process: its own connection and lock
    live = other.start_session("Live in the window")
    live.step_ended(calf_step(0))
    dead = other.start_session("Killed")
    dead.lock.release()  # its process died: the system dropped its lock

    opened = open_history(path)
    assert opened.store is not None
    assert [u.uuid for u in opened.unfinished] == [dead.uuid]
    status = dict(opened.store.conn.execute("SELECT uuid, status FROM sessions").fetchall())
    assert status == {live.uuid: "running", dead.uuid: "interrupted"}
    # The live one goes on and ends normally; its lock goes with it.
    live.step_ended(calf_step(1))
    live.end(SessionStatus.COMPLETED)
    assert not live.lock.path.exists()
    assert opened.store.recover_unfinished() == []
