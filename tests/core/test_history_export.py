"""Export to CSV and JSON, and the idempotent import of a JSON export."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from selfmassage.core.history import HistoryStore, SessionStatus, StepRecord
from selfmassage.core.history_export import (
    HistoryImportError,
    ImportResult,
    export_csv,
    export_json,
    import_json,
    steps_csv_path,
)
from selfmassage.core.history_queries import list_sessions, session_detail


def filled_store(path: Path, count: int = 3) -> HistoryStore:
    now = [datetime(2026, 2, 1, 18, 0, tzinfo=UTC)]
    store = HistoryStore(path, app_version="0.1.0", clock=lambda: now[0])
    for n in range(count):
        recorder = store.start_session(
            '=HYPERLINK("x")' if n == 0 else f"Routine {n}",
            routine_snapshot=json.dumps({"title": f"Routine {n}"}),
            planned_seconds=240,
            soreness_before={"calves": 6, "neck": 4},
        )
        recorder.step_ended(StepRecord(0, "calves", "both", "calves.roll", "foam-roller", 120, 110))
        recorder.step_ended(StepRecord(1, "neck", None, "neck.hands", "hands", 60, 0, True))
        recorder.end(SessionStatus.COMPLETED if n else SessionStatus.STOPPED)
        store.save_after(
            recorder.uuid, soreness_after={"calves": 3}, feeling=4, notes=f'note, "{n}"\nline'
        )
        now[0] += timedelta(days=1)
    return store


def test_json_round_trip_into_an_empty_history_keeps_everything(tmp_path: Path) -> None:
    source = filled_store(tmp_path / "a.sqlite3")
    assert export_json(source, tmp_path / "export.json") == 3
    target = HistoryStore(tmp_path / "b.sqlite3")
    result = import_json(target, tmp_path / "export.json")
    assert (result.added, result.already_there) == (3, 0)
    for summary in list_sessions(source.conn):
        assert session_detail(target.conn, summary.uuid) == session_detail(
            source.conn, summary.uuid
        )


def test_import_is_idempotent_and_merges_only_new_sessions(tmp_path: Path) -> None:
    source = filled_store(tmp_path / "a.sqlite3", count=2)
    export_json(source, tmp_path / "first.json")
    target = HistoryStore(tmp_path / "b.sqlite3")
    assert import_json(target, tmp_path / "first.json").added == 2
    assert import_json(target, tmp_path / "first.json").added == 0
    source.start_session("A third one").end(SessionStatus.COMPLETED)
    export_json(source, tmp_path / "second.json")
    result = import_json(target, tmp_path / "second.json")
    assert (result.added, result.already_there) == (1, 2)
    assert target.count() == 3
    assert target.conn.execute("SELECT count(*) FROM steps").fetchone() == (4,)


def test_a_running_session_comes_in_as_interrupted(tmp_path: Path) -> None:
    source = HistoryStore(tmp_path / "a.sqlite3")
    source.start_session("Cut short")
    export_json(source, tmp_path / "x.json")
    target = HistoryStore(tmp_path / "b.sqlite3")
    import_json(target, tmp_path / "x.json")
    assert [s.status for s in list_sessions(target.conn)] == ["interrupted"]


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


GOOD_SESSION = {
    "uuid": "u-1",
    "routine_title": "T",
    "started_at": "2026-01-01T10:00:00+01:00",
    "status": "completed",
}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not a JSON file"),
        (b"[]", "not a SelfMassage history export"),
        (b'{"format": "selfmassage-routine", "version": 1}', "not a SelfMassage history"),
        (b'{"format": "selfmassage-history", "version": 3, "sessions": []}', "newer version"),
        (b'{"format": "selfmassage-history", "version": 1}', "sessions"),
        (
            json.dumps(
                {
                    "format": "selfmassage-history",
                    "version": 1,
                    "sessions": [{**GOOD_SESSION, "status": "exploded"}],
                }
            ).encode(),
            "$.sessions[0].status",
        ),
        (
            json.dumps(
                {
                    "format": "selfmassage-history",
                    "version": 1,
                    "sessions": [{**GOOD_SESSION, "started_at": "yesterday-ish"}],
                }
            ).encode(),
            "not a date and time",
        ),
        (
            json.dumps(
                {
                    "format": "selfmassage-history",
                    "version": 1,
                    "sessions": [{**GOOD_SESSION, "started_at": "9999-12-31T23:59:59+00:00"}],
                }
            ).encode(),
            "must lie from 1971-01-01 to 9000-12-31",
        ),
        (
            json.dumps(
                {
                    "format": "selfmassage-history",
                    "version": 1,
                    "sessions": [{**GOOD_SESSION, "ended_at": "0001-01-01T00:00:00"}],
                }
            ).encode(),
            "$.sessions[0].ended_at: must lie from",
        ),
        (
            json.dumps(
                {
                    "format": "selfmassage-history",
                    "version": 1,
                    "sessions": [{**GOOD_SESSION, "soreness_before": {"neck": 11}}],
                }
            ).encode(),
            "soreness_before",
        ),
    ],
)
def test_bad_import_files_are_refused_with_a_clear_message_and_change_nothing(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    store = HistoryStore(tmp_path / "h.sqlite3")
    with pytest.raises(HistoryImportError) as caught:
        import_json(store, path)
    assert message in str(caught.value)
    assert store.count() == 0


def test_a_missing_file_is_a_clear_message(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    with pytest.raises(HistoryImportError, match="cannot read it"):
        import_json(store, tmp_path / "nowhere.json")


def test_an_import_that_fails_half_way_adds_nothing(tmp_path: Path) -> None:
    sessions = [{**GOOD_SESSION, "uuid": f"u-{n}"} for n in range(5)]
    # Same uuid twice inside one file is skipped the second time, not an error.
    sessions.append({**GOOD_SESSION, "uuid": "u-0"})
    path = write(
        tmp_path / "ok.json", {"format": "selfmassage-history", "version": 1, "sessions": sessions}
    )
    store = HistoryStore(tmp_path / "h.sqlite3")
    result = import_json(store, path)
    assert (result.added, result.already_there) == (5, 1)
    # A time zone other than UTC is stored as the same moment in UTC.
    stored = store.conn.execute("SELECT started_at FROM sessions LIMIT 1").fetchone()[0]
    assert stored == "2026-01-01T09:00:00.000+00:00"


def test_csv_export_has_sessions_and_steps_and_defuses_formulas(tmp_path: Path) -> None:
    store = filled_store(tmp_path / "h.sqlite3")
    sessions_path, steps_path = export_csv(store, tmp_path / "out.csv")
    assert steps_path == steps_csv_path(tmp_path / "out.csv") == tmp_path / "out-steps.csv"
    with sessions_path.open(newline="", encoding="utf-8") as f:
        sessions = list(csv.DictReader(f))
    with steps_path.open(newline="", encoding="utf-8") as f:
        steps = list(csv.DictReader(f))
    assert len(sessions) == 3 and len(steps) == 6
    first = sessions[0]
    assert first["routine_title"] == '\'=HYPERLINK("x")'
    assert first["status"] == "stopped"
    assert first["soreness_before"] == "calves-left=6; calves-right=6; neck=4"
    assert first["soreness_after"] == "calves-left=3; calves-right=3"
    assert first["notes"] == 'note, "0"\nline'  # quotes and new lines survive
    assert first["done_seconds"] == "110" and first["feeling"] == "4"
    assert {s["session_uuid"] for s in steps} == {s["session_uuid"] for s in sessions}
    assert [(s["position"], s["region"], s["skipped"]) for s in steps[:2]] == [
        ("1", "calves", "no"),
        ("2", "neck", "yes"),
    ]
    assert datetime.fromisoformat(first["started_at"]).tzinfo is not None


def test_export_to_a_folder_that_cannot_be_written_raises_oserror(tmp_path: Path) -> None:
    store = filled_store(tmp_path / "h.sqlite3", count=1)
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    with pytest.raises(OSError):
        export_json(store, blocker / "x.json")


def test_csv_export_streams_from_the_database_not_from_memory(tmp_path: Path) -> None:
    """The files are written as the rows are read: memory does not grow with the history."""
    import tracemalloc

    def peak_bytes(sessions: int) -> int:
        path = tmp_path / f"h{sessions}.sqlite3"
        store = HistoryStore(path)
        with store.transaction() as conn:
            for n in range(sessions):
                session_id = conn.execute(
                    "INSERT INTO sessions (uuid, routine_title, started_at, status) "
                    "VALUES (?, ?, ?, 'completed')",
                    (
                        f"uuid-{n}",
                        f"Routine {n} " + "x" * 200,
                        f"2026-01-01T{n % 24:02}:00:00+00:00",
                    ),
                ).lastrowid
                conn.executemany(
                    "INSERT INTO steps (session_id, position, region, ended_at) "
                    "VALUES (?, ?, ?, ?)",
                    [(session_id, p, "calves", "2026-01-01T00:10:00+00:00") for p in range(8)],
                )
        tracemalloc.start()
        try:
            export_csv(store, tmp_path / f"out{sessions}.csv")
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            store.close()

    small, large = peak_bytes(100), peak_bytes(3000)
    # Thirty times the history: held at once, as before, it took 14 MB more; streamed,
    # what grows is only the batch of rows on their way to the file.
    assert large - small < 1024 * 1024, (small, large)


def partly_done_store(path: Path) -> HistoryStore:
    store = HistoryStore(path, clock=lambda: datetime(2026, 2, 1, 18, 0, tzinfo=UTC))
    recorder = store.start_session("Neck", planned_seconds=150)
    recorder.step_ended(StepRecord(0, "neck", None, "", "hands", 150, 83, ended_early=True))
    recorder.end(SessionStatus.PARTLY_DONE)
    return store


def test_an_export_with_a_partly_done_session_is_version_2_and_says_ended_early(
    tmp_path: Path,
) -> None:
    store = partly_done_store(tmp_path / "a.sqlite3")
    export_json(store, tmp_path / "x.json")
    data = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    assert data["version"] == 2
    [session] = data["sessions"]
    assert session["status"] == "partly_done" and session["done_seconds"] == 83
    assert session["steps"][0]["ended_early"] is True
    assert session["steps"][0]["actual_seconds"] == 83
    _, steps = export_csv(store, tmp_path / "h.csv")
    [row] = list(csv.DictReader(steps.open(encoding="utf-8")))
    assert (row["actual_seconds"], row["skipped"], row["outcome"]) == ("83", "no", "ended_early")
    target = HistoryStore(tmp_path / "b.sqlite3")
    import_json(target, tmp_path / "x.json")
    [summary] = list_sessions(target.conn)
    assert session_detail(target.conn, summary.uuid) == session_detail(store.conn, summary.uuid)


def test_an_export_with_nothing_new_stays_version_1(tmp_path: Path) -> None:
    store = filled_store(tmp_path / "a.sqlite3", count=1)
    export_json(store, tmp_path / "x.json")
    assert json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))["version"] == 1


def test_a_version_1_step_that_got_less_than_its_time_comes_in_ended_early(
    tmp_path: Path,
) -> None:
    step = {
        "position": 0,
        "region": "neck",
        "planned_seconds": 60,
        "actual_seconds": 20,
        "ended_at": "2026-01-01T10:01:00+01:00",
    }
    document = {
        "format": "selfmassage-history",
        "version": 1,
        "sessions": [{**GOOD_SESSION, "status": "stopped", "steps": [step]}],
    }
    target = HistoryStore(tmp_path / "b.sqlite3")
    import_json(target, write(tmp_path / "v1.json", document))
    detail = session_detail(target.conn, "u-1")
    assert detail is not None
    assert [(s.actual_seconds, s.ended_early) for s in detail.steps] == [(20, True)]


def test_a_large_import_lets_a_running_session_write_its_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two connections, as the window (or ``selfmassage run``) and ``history import`` are."""
    import threading
    import time

    from selfmassage.core import history

    steps = [
        {
            "position": n,
            "region": "neck",
            "planned_seconds": 60,
            "actual_seconds": 60,
            "ended_at": "2026-01-01T10:05:00+00:00",
        }
        for n in range(4)
    ]
    # Any wait longer than this fails a write: one transaction for the whole import would.
    monkeypatch.setattr(history, "BUSY_TIMEOUT_SECONDS", 0.5)
    count = 20_000
    sessions = [
        {**GOOD_SESSION, "uuid": f"big-{n}", "steps": steps, "soreness_before": {"neck": 4}}
        for n in range(count)
    ]
    path = write(
        tmp_path / "big.json", {"format": "selfmassage-history", "version": 1, "sessions": sessions}
    )
    history_file = tmp_path / "h.sqlite3"
    session_store = HistoryStore(history_file)
    recorder = session_store.start_session("Running during the import")
    problems: list[str] = []
    recorder.on_problem = problems.append
    results: list[object] = []

    def run_import() -> None:
        with HistoryStore(history_file) as import_store:
            results.append(import_json(import_store, path))

    importer = threading.Thread(target=run_import)
    importer.start()
    position = 0
    while importer.is_alive() and position < 60:
        recorder.step_ended(StepRecord(position, "neck", None, "", "hands", 1, 1))
        assert recorder.problem is None and not recorder.pending, problems
        position += 1
        time.sleep(0.02)
    recorder.end(SessionStatus.COMPLETED)
    importer.join(timeout=120)
    assert problems == []
    assert position > 10  # the session wrote while the import ran
    [result] = results
    assert result == ImportResult(count, 0)
    assert session_store.count() == count + 1
    written = session_store.conn.execute(
        "SELECT count(*) FROM steps WHERE session_id = ?", (recorder.session_id,)
    ).fetchone()[0]
    assert written == position
