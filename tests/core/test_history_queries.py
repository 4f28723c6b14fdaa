"""The figures and sentences the history page shows."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from selfmassage.core.history import HistoryStore, SessionStatus, StepRecord
from selfmassage.core.history_queries import (
    MIN_SESSIONS_FOR_INSIGHT,
    insights,
    list_sessions,
    minutes_per_region,
    minutes_per_week,
    rated_regions,
    session_days,
    soreness_change_per_region,
    soreness_over_time,
    streaks,
)

TODAY = date(2026, 3, 4)  # a Wednesday


def at_noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = at_noon(TODAY)

    def __call__(self) -> datetime:
        return self.now


def session(
    store: HistoryStore,
    clock: Clock,
    day: date,
    steps: list[tuple[str, int]],
    before: dict[str, int] | None = None,
    after: dict[str, int] | None = None,
) -> str:
    clock.now = at_noon(day)
    recorder = store.start_session("R", soreness_before=before or {})
    for position, (region_id, seconds) in enumerate(steps):
        recorder.step_ended(StepRecord(position, region_id, None, "", "hands", seconds, seconds))
    recorder.end(SessionStatus.COMPLETED)
    if after is not None:
        store.save_after(recorder.uuid, soreness_after=after, feeling=None, notes="")
    return recorder.uuid


def test_minutes_per_week_and_per_region(tmp_path: Path) -> None:
    clock = Clock()
    store = HistoryStore(tmp_path / "h.sqlite3", clock=clock)
    session(store, clock, TODAY, [("calves", 300), ("neck", 120)])
    session(store, clock, TODAY - timedelta(days=2), [("calves", 180)])  # Monday, same week
    session(store, clock, TODAY - timedelta(days=3), [("neck", 600)])  # last week's Sunday
    session(store, clock, TODAY - timedelta(days=40), [("feet", 600)])
    weeks = minutes_per_week(store.conn, TODAY, weeks=4)
    assert [monday for monday, _ in weeks] == [
        date(2026, 2, 9),
        date(2026, 2, 16),
        date(2026, 2, 23),
        date(2026, 3, 2),
    ]
    assert [minutes for _, minutes in weeks] == [0, 0, 10, 10]
    since = at_noon(TODAY - timedelta(days=30))
    assert minutes_per_region(store.conn, since) == {"calves": 8.0, "neck": 12.0}
    assert session_days(store.conn)[TODAY] == 7.0


def test_soreness_change_needs_both_ratings(tmp_path: Path) -> None:
    clock = Clock()
    store = HistoryStore(tmp_path / "h.sqlite3", clock=clock)
    session(store, clock, TODAY, [("calves", 60)], {"calves": 8, "neck": 5}, {"calves": 5})
    session(store, clock, TODAY, [("calves", 60)], {"calves": 6}, {"calves": 5})
    session(store, clock, TODAY, [("calves", 60)], {"calves": 9})  # never rated after
    # A whole region's rating stands for both its sides.
    change = soreness_change_per_region(store.conn)
    assert set(change) == {"calves-left", "calves-right"}
    assert change["calves-left"].mean_change == -2.0 and change["calves-left"].sessions == 2
    over_time = soreness_over_time(store.conn, "calves-right")
    assert [(b, a) for _, b, a in over_time] == [(8, 5), (6, 5), (9, None)]
    assert rated_regions(store.conn) == ("neck", "calves-left", "calves-right")
    summaries = list_sessions(store.conn)
    assert sorted(s.soreness_change or 0 for s in summaries) == [-3.0, -1.0, 0]


def test_streaks() -> None:
    days = {TODAY - timedelta(days=n) for n in (1, 2, 3, 7, 8, 9, 10, 11)}
    assert streaks(days, TODAY) == (3, 5)  # today not done yet: the run to yesterday counts
    assert streaks(days | {TODAY}, TODAY) == (4, 5)
    assert streaks({TODAY - timedelta(days=2)}, TODAY) == (0, 1)
    assert streaks(set(), TODAY) == (0, 0)


def test_insights_speak_only_when_the_data_supports_them(tmp_path: Path) -> None:
    clock = Clock()
    store = HistoryStore(tmp_path / "h.sqlite3", clock=clock)
    assert insights(store.conn, TODAY) == []
    for n in range(MIN_SESSIONS_FOR_INSIGHT - 1):
        day = TODAY - timedelta(days=30 + n)
        session(store, clock, day, [("calves", 60)], {"calves": 7}, {"calves": 4})
    assert insights(store.conn, TODAY) == []  # one session short
    session(
        store, clock, TODAY - timedelta(days=40), [("calves", 60)], {"calves": 6}, {"calves": 5}
    )
    assert insights(store.conn, TODAY) == [
        "Left calf: soreness drops 2.6 points on average after a session, 5 sessions.",
        "Right calf: soreness drops 2.6 points on average after a session, 5 sessions.",
    ]
    for n in (5, 9, 14):
        session(store, clock, TODAY - timedelta(days=n), [("neck", 60)])
    assert not any("of the last 28 days" in s for s in insights(store.conn, TODAY))
    session(store, clock, TODAY - timedelta(days=20), [("neck", 60)])
    assert "You had a session on 4 of the last 28 days." in insights(store.conn, TODAY)
    for n in range(3):
        session(store, clock, TODAY - timedelta(days=n), [("neck", 60)])
    assert "3 days in a row: keep it going." in insights(store.conn, TODAY)


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset")
@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Tokyo", "UTC"])
def test_days_are_local_days(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: str) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        clock = Clock()
        store = HistoryStore(tmp_path / "h.sqlite3", clock=clock)
        moments = [datetime(2026, 3, 4, hour, 30, tzinfo=UTC) for hour in (0, 3, 12, 16, 23)]
        for moment in moments:
            clock.now = moment
            recorder = store.start_session("R")
            recorder.step_ended(StepRecord(0, "neck", None, "", "hands", 60, 60))
        expected: dict[date, float] = {}
        for moment in moments:
            day = moment.astimezone().date()
            expected[day] = expected.get(day, 0) + 1.0
        assert session_days(store.conn) == expected
    finally:
        monkeypatch.undo()
        time.tzset()


def test_only_the_sides_worked_enter_the_change_figures(tmp_path: Path) -> None:
    from selfmassage.core.history_queries import latest_after

    clock = Clock()
    store = HistoryStore(tmp_path / "h.sqlite3", clock=clock)
    recorder = store.start_session(
        "Left calf", soreness_before={"calves-left": 7, "calves-right": 6, "neck": 4}
    )
    recorder.step_ended(StepRecord(0, "calves", "left", "", "hands", 60, 60))
    recorder.step_ended(StepRecord(1, "neck", None, "", "hands", 60, 0, skipped=True))
    recorder.end(SessionStatus.PARTLY_DONE)
    store.save_after(
        recorder.uuid,
        soreness_after={"calves-left": 3, "calves-right": 2, "neck": 1},
        feeling=None,
        notes="",
    )
    [summary] = list_sessions(store.conn)
    assert summary.soreness_change == -4  # the left calf only: the right was avoided
    changes = soreness_change_per_region(store.conn)
    assert list(changes) == ["calves-left"]
    assert rated_regions(store.conn) == ("neck", "calves-left", "calves-right")
    assert latest_after(store.conn, ["calves-left", "calves-right", "shins-left"]) == {
        "calves-left": (3, clock.now),
        "calves-right": (2, clock.now),
    }
