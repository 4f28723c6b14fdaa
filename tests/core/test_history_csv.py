"""The CSV export, made by SQLite line by line, is what Python's csv module writes for the
same cells: local times as ``astimezone().isoformat(timespec="seconds")``, formulas
escaped, commas, quotes and line breaks quoted."""

from __future__ import annotations

import csv
import io
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfmassage.core.history import HistoryStore, SessionStatus, StepRecord, from_text
from selfmassage.core.history_csv import FORMULA_STARTS, export_csv

pytestmark = pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset")


@contextmanager
def zone(name: str) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", name)
        time.tzset()
        try:
            yield
        finally:
            patch.undo()
            time.tzset()


def expected_csv(conn: sqlite3.Connection) -> tuple[str, str]:
    """The two files as the csv module writes them from the rows, cell by cell."""

    def local(text: str | None) -> str:
        return from_text(text).astimezone().isoformat(timespec="seconds") if text else ""

    def cell(value: object) -> object:
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            return "'" + value
        return "" if value is None else value

    def ratings(session_id: int, moment: str) -> str:
        return "; ".join(
            f"{place}={rating}"
            for place, rating in conn.execute(
                "SELECT region, rating FROM soreness WHERE session_id = ? AND moment = ? "
                "ORDER BY region",
                (session_id, moment),
            )
        )

    sessions, steps = io.StringIO(newline=""), io.StringIO(newline="")
    sessions_out, steps_out = csv.writer(sessions), csv.writer(steps)
    sessions_out.writerow(
        [
            "session_uuid",
            "started_at",
            "ended_at",
            "routine_title",
            "status",
            "planned_seconds",
            "done_seconds",
            "feeling",
            "soreness_before",
            "soreness_after",
            "notes",
            "app_version",
        ]
    )
    steps_out.writerow(
        [
            "session_uuid",
            "session_started_at",
            "position",
            "region",
            "side",
            "technique",
            "tool",
            "planned_seconds",
            "actual_seconds",
            "skipped",
            "ended_at",
            "outcome",
        ]
    )
    for row in conn.execute(
        "SELECT id, uuid, started_at, ended_at, routine_title, status, planned_seconds, "
        "done_seconds, feeling, notes, app_version FROM sessions ORDER BY started_at, id"
    ).fetchall():
        session_id, key, started, ended, title, status, planned, done, feeling, notes, version = row
        sessions_out.writerow(
            [
                cell(key),
                local(started),
                local(ended),
                cell(title),
                cell(status),
                cell(planned),
                cell(done),
                cell(feeling),
                cell(ratings(session_id, "before")),
                cell(ratings(session_id, "after")),
                cell(notes),
                cell(version),
            ]
        )
        for step in conn.execute(
            "SELECT position, region, side, technique, tool, planned_seconds, actual_seconds, "
            "skipped, ended_at, ended_early FROM steps WHERE session_id = ? "
            "ORDER BY position, side",
            (session_id,),
        ):
            position, region_id, side, technique, tool, planned, actual, skipped, at, early = step
            steps_out.writerow(
                [
                    cell(key),
                    local(started),
                    position + 1,
                    cell(region_id),
                    cell(side),
                    cell(technique),
                    cell(tool),
                    cell(planned),
                    cell(actual),
                    "yes" if skipped else "no",
                    local(at),
                    "skipped" if skipped else "ended_early" if early else "done",
                ]
            )
    return sessions.getvalue(), steps.getvalue()


def assert_exported_as_expected(store: HistoryStore, folder: Path) -> None:
    sessions_path, steps_path = export_csv(store, folder / "out.csv")
    sessions, steps = expected_csv(store.conn)
    assert sessions_path.read_bytes().decode("utf-8") == sessions
    assert steps_path.read_bytes().decode("utf-8") == steps


def record(store: HistoryStore, clock: list[datetime], title: str, text: str) -> None:
    recorder = store.start_session(title, planned_seconds=300, soreness_before={"calves": 6})
    for position in range(3):
        clock[0] += timedelta(minutes=7, seconds=13, milliseconds=999)
        recorder.step_ended(
            StepRecord(position, "calves", "both", text, "foam-roller", 120, 100, position == 1)
        )
    recorder.end(SessionStatus.COMPLETED)
    recorder.save_after(soreness_after={"calves-left": 2}, feeling=None, notes=text)


@pytest.mark.parametrize("name", ["Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "UTC"])
def test_times_across_changes_of_offset_are_those_of_the_zone(tmp_path: Path, name: str) -> None:
    # Summer time began at 01:00 UTC on 2026-03-29 in Berlin, 05:31 UTC on 2026-03-08 in
    # St John's (a half-hour zone): sessions every 7 minutes around both, and one in 1950.
    clock = [datetime(1950, 6, 1, 12, 0, 0, 500000, tzinfo=UTC)]
    with HistoryStore(tmp_path / "h.sqlite3", clock=lambda: clock[0]) as store:
        record(store, clock, "Old", "old")
        for start in (datetime(2026, 3, 28, 23, tzinfo=UTC), datetime(2026, 3, 8, 4, tzinfo=UTC)):
            clock[0] = start
            for _ in range(20):
                record(store, clock, "R", "calves.roll")
        with zone(name):
            assert_exported_as_expected(store, tmp_path)


texts = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)).filter(lambda c: c != "\x00")
    | st.sampled_from([",", '"', "\n", "\r", "=", "+", "-", "@", "\t", ";", "'"]),
    max_size=12,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(texts, texts), min_size=1, max_size=4))
def test_any_text_is_escaped_and_quoted_as_the_csv_module_does(
    tmp_path_factory: pytest.TempPathFactory, drawn: list[tuple[str, str]]
) -> None:
    folder = tmp_path_factory.mktemp("csv")
    clock = [datetime(2026, 3, 1, 9, tzinfo=UTC)]
    with HistoryStore(folder / "h.sqlite3", clock=lambda: clock[0]) as store:
        record(store, clock, "Plain", "calves.roll")  # most of a history: nothing to escape
        for title, text in drawn:
            record(store, clock, title, text)
        with zone("Europe/Berlin"):
            assert_exported_as_expected(store, folder)


def test_a_number_kept_as_text_is_escaped_like_any_text(tmp_path: Path) -> None:
    clock = [datetime(2026, 3, 1, 9, tzinfo=UTC)]
    with HistoryStore(tmp_path / "h.sqlite3", clock=lambda: clock[0]) as store:
        record(store, clock, "R", "calves.roll")
        # What a salvage from a damaged file may bring: a text where a number belongs.
        store.conn.execute("UPDATE steps SET actual_seconds = '=1+1' WHERE position = 0")
        store.conn.execute("UPDATE sessions SET planned_seconds = '-3,5'")
        assert_exported_as_expected(store, tmp_path)
        _, steps = export_csv(store, tmp_path / "out.csv")
        assert "'=1+1" in steps.read_text(encoding="utf-8")
