"""The engine's events written to the history: the seconds really done, the real status."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from selfmassage.core.history import HistoryStore
from selfmassage.core.history_queries import (
    list_sessions,
    minutes_per_region,
    session_days,
    session_detail,
)
from selfmassage.core.history_recording import HistoryListener
from selfmassage.core.routine import Pacing, Routine, Step
from selfmassage.core.session import Session
from selfmassage.core.timeline import build_timeline

T0 = 500.0
"""The clock reading at which the first step's work starts, after its 10 s get-ready."""
START = T0 - 10


def recorded(tmp_path: Path, routine: Routine) -> tuple[HistoryStore, Session, str]:
    store = HistoryStore(tmp_path / "h.sqlite3", clock=lambda: datetime(2026, 3, 2, tzinfo=UTC))
    session = Session(build_timeline(routine, Pacing(10, 5)))
    recorder = store.start_session(routine.title, planned_seconds=session.timeline.total_seconds)
    session.listeners.append(HistoryListener(recorder))
    return store, session, recorder.uuid


def test_next_after_83_of_150_seconds_records_83_seconds_partly_done(tmp_path: Path) -> None:
    store, session, key = recorded(tmp_path, Routine("Neck", (Step("neck", 150),)))
    session.start(START)
    session.tick(T0 + 83)
    session.next_step(T0 + 83)
    detail = session_detail(store.conn, key)
    assert detail is not None
    assert detail.summary.status == "partly_done"
    assert detail.summary.done_seconds == 83
    assert detail.summary.regions == ("neck",)
    [step] = detail.steps
    assert (step.actual_seconds, step.ended_early, step.skipped) == (83, True, False)
    # The charts count the same seconds.
    assert minutes_per_region(store.conn, datetime(2026, 1, 1, tzinfo=UTC)) == {"neck": 83 / 60}
    assert sum(session_days(store.conn).values()) == 83 / 60


def test_a_routine_run_to_its_end_is_completed(tmp_path: Path) -> None:
    store, session, _ = recorded(tmp_path, Routine("Neck", (Step("neck", 30),)))
    session.start(START)
    session.tick(T0 + 31)
    [summary] = list_sessions(store.conn)
    assert (summary.status, summary.done_seconds) == ("completed", 30)


def test_a_step_skipped_at_once_has_no_time_and_a_stop_keeps_its_seconds(
    tmp_path: Path,
) -> None:
    routine = Routine("Two", (Step("calves", 30), Step("neck", 60)))
    store, session, key = recorded(tmp_path, routine)
    session.start(START)
    session.next_step(T0 + 0.2)  # calves skipped: no time
    session.next_step(T0 + 0.3)  # the pause after it
    session.stop(T0 + 21.3)  # 21 s of neck
    detail = session_detail(store.conn, key)
    assert detail is not None
    assert detail.summary.status == "stopped"
    assert detail.summary.done_seconds == 21
    assert [(s.region, s.skipped, s.ended_early, s.actual_seconds) for s in detail.steps] == [
        ("calves", True, False, 0),
        ("neck", False, True, 21),
    ]
