"""Breathing in the history: minutes of breathing, never a muscle, said plainly in the
exports; the routines that hold it are checked and rated like any other."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime
from pathlib import Path

from selfmassage.core.breathing import BreathPattern
from selfmassage.core.history import HistoryStore
from selfmassage.core.history_breathing import breathing_seconds
from selfmassage.core.history_export import export_csv, export_json
from selfmassage.core.history_queries import insights, list_sessions, minutes_per_region
from selfmassage.core.history_recording import HistoryListener
from selfmassage.core.routine import Pacing, Routine, Step, breathing_step
from selfmassage.core.session import Session
from selfmassage.core.session_start import SessionStart
from selfmassage.core.soreness import routine_places
from selfmassage.core.timeline import build_timeline

T0 = 500.0
WHEN = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ROUTINE = Routine(
    "Wind down",
    (
        breathing_step(120, BreathPattern(4, 0, 6)),
        Step("neck", 60),
        breathing_step(60, BreathPattern(4, 2, 6)),
    ),
)


def _run(tmp_path: Path) -> HistoryStore:
    store = HistoryStore(tmp_path / "h.sqlite3", clock=lambda: WHEN)
    session = Session(build_timeline(ROUTINE, Pacing(10, 5)))
    recorder = store.start_session(ROUTINE.title, planned_seconds=session.timeline.total_seconds)
    session.listeners.append(HistoryListener(recorder))
    session.start(T0)
    session.tick(T0 + 1000)
    return store


def test_breathing_is_minutes_of_breathing_not_a_muscle(tmp_path: Path) -> None:
    store = _run(tmp_path)
    since = datetime(2026, 1, 1, tzinfo=UTC)
    assert breathing_seconds(store.conn, since) == 180
    assert breathing_seconds(store.conn) == 180
    assert minutes_per_region(store.conn, since) == {"neck": 1.0}  # the body map's minutes
    [summary] = list_sessions(store.conn)
    assert summary.status == "completed" and summary.done_seconds == 240
    assert set(summary.regions) == {"breathing", "neck"}
    assert "Slow breathing: 3 min in the last 28 days." in insights(store.conn, date(2026, 3, 3))


def test_the_exports_say_breathing_plainly(tmp_path: Path) -> None:
    store = _run(tmp_path)
    _, steps_path = export_csv(store, tmp_path / "sessions.csv")
    with steps_path.open(encoding="utf-8") as rows:
        steps = list(csv.DictReader(rows))
    assert [(row["region"], row["tool"], row["actual_seconds"]) for row in steps] == [
        ("breathing", "", "120"),
        ("neck", "hands", "60"),
        ("breathing", "", "60"),
    ]
    export_json(store, tmp_path / "history.json")
    document = json.loads((tmp_path / "history.json").read_text(encoding="utf-8"))
    [session] = document["sessions"]
    assert [step["region"] for step in session["steps"]] == ["breathing", "neck", "breathing"]


def test_a_breathing_step_has_no_place_to_rate() -> None:
    assert routine_places(ROUTINE.steps) == ["neck"]
    assert SessionStart(ROUTINE).regions == ["neck"]
