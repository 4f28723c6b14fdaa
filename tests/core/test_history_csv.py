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

from selfmassage.core.history import HistoryStore, SessionStatus, StepRecord, from_text, to_text
from selfmassage.core.history_csv import FORMULA_STARTS, export_csv
from selfmassage.core.zone_offsets import offset_spans
from tests.time_zones import in_zone

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


# Local times are made from the zone's offsets looked up once for the history's span; each
# is compared with the straightforward conversion of that one time (``expected_csv``).

ZONES = [
    "Europe/Berlin",
    "America/St_Johns",
    "Australia/Lord_Howe",
    "Europe/Dublin",
    "Asia/Kathmandu",
    "Pacific/Apia",
    "Africa/Casablanca",
    "America/Sao_Paulo",
    "UTC",
]


def add_session(conn: sqlite3.Connection, key: str, started: str, ends: list[str | None]) -> None:
    """A session written as a salvage or an import may write it: any times, steps in any
    order (the last end is the session's)."""
    session_id = conn.execute(
        "INSERT INTO sessions (uuid, routine_title, started_at, ended_at, status) "
        "VALUES (?, 'R', ?, ?, 'completed')",
        (key, started, ends[-1] if ends else None),
    ).lastrowid
    conn.executemany(
        "INSERT INTO steps (session_id, position, region, ended_at) VALUES (?, ?, 'calves', ?)",
        [(session_id, position, end) for position, end in reversed(list(enumerate(ends))) if end],
    )


@pytest.mark.parametrize("name", ZONES)
def test_times_at_each_change_of_offset_since_1985(tmp_path: Path, name: str) -> None:
    # Every change from 1985 to 2027 (Kathmandu's 15 minutes in 1986, Apia skipped a day in
    # 2011, Casablanca's summer time stops for Ramadan), a millisecond before it, at it,
    # and a step ending across it.
    with in_zone(name):
        spans = offset_spans(
            int(datetime(1985, 1, 1, tzinfo=UTC).timestamp()),
            int(datetime(2028, 1, 1, tzinfo=UTC).timestamp()),
        )
        store = HistoryStore(tmp_path / "h.sqlite3")
        with store.transaction() as conn:
            for n, span in enumerate(spans):
                change = datetime.fromtimestamp(span.start, UTC)
                before = change - timedelta(milliseconds=1)
                add_session(conn, f"a{n}", to_text(before), [to_text(before), to_text(change)])
                add_session(conn, f"b{n}", to_text(change), [to_text(change + timedelta(hours=3))])
                add_session(
                    conn,
                    f"c{n}",
                    to_text(change - timedelta(hours=1)),
                    [
                        to_text(change - timedelta(minutes=1, microseconds=1)),
                        to_text(change + timedelta(seconds=59, milliseconds=999)),
                    ],
                )
        assert len(spans) > (1 if name != "UTC" else 0)
        with store:
            assert_exported_as_expected(store, tmp_path)


def test_a_history_as_the_app_writes_it_needs_no_python_per_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfmassage.core import history_csv

    asked: list[str | None] = []
    python = history_csv.python_local_time

    def counted(text: str | None) -> str:
        asked.append(text)
        return python(text)

    monkeypatch.setattr(history_csv, "python_local_time", counted)
    clock = [datetime(2026, 3, 28, 23, tzinfo=UTC)]
    with (
        HistoryStore(tmp_path / "h.sqlite3", clock=lambda: clock[0]) as store,
        in_zone("Europe/Berlin"),
    ):
        for _ in range(20):
            record(store, clock, "R", "calves.roll")
        assert_exported_as_expected(store, tmp_path)
        assert asked == []
        # Times the app never writes (a damaged file, an old import): made by Python.
        with store.transaction() as conn:
            add_session(
                conn, "old", "1850-06-01T12:00:00.000+00:00", ["1850-06-01T12:10:00.000+00:00"]
            )
            add_session(conn, "naive", "2026-03-29 01:30:00", ["2026-03-29T03:40:00+02:00"])
            # Python reads a small "t" too; SQLite would not
            add_session(conn, "t", "2026-03-29T01:35:00Z", ["2026-03-29t01:50:00.000+00:00"])
        assert_exported_as_expected(store, tmp_path)
        assert sorted(filter(None, asked)) == sorted(
            2 * ["2026-03-29T01:35:00Z", "2026-03-29t01:50:00.000+00:00"]
            + [
                "1850-06-01T12:00:00.000+00:00",  # its start, in both files
                "1850-06-01T12:00:00.000+00:00",
                "1850-06-01T12:10:00.000+00:00",  # its end and its step's end
                "1850-06-01T12:10:00.000+00:00",
                "2026-03-29 01:30:00",
                "2026-03-29 01:30:00",
                "2026-03-29T03:40:00+02:00",
                "2026-03-29T03:40:00+02:00",
            ]
        )


def test_steps_come_in_their_order_and_a_session_without_steps_has_no_line(
    tmp_path: Path,
) -> None:
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        with store.transaction() as conn:
            add_session(conn, "none", "2026-05-01T08:00:00.000+00:00", [])
            add_session(
                conn,
                "three",
                "2026-05-02T08:00:00.000+00:00",
                [f"2026-05-02T08:0{n}:00.000+00:00" for n in range(1, 4)],
            )
        assert_exported_as_expected(store, tmp_path)
        _, steps = export_csv(store, tmp_path / "out.csv")
        lines = steps.read_text(encoding="utf-8").splitlines()
        assert [line.split(",")[2] for line in lines[1:]] == ["1", "2", "3"]


moments = st.datetimes(
    min_value=datetime(1890, 1, 1), max_value=datetime(2110, 1, 1), timezones=st.just(UTC)
).map(lambda moment: moment.replace(microsecond=moment.microsecond // 1000 * 1000))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(ZONES),
    st.lists(
        st.tuples(moments, st.lists(st.timedeltas(timedelta(0), timedelta(days=3)), max_size=3)),
        min_size=1,
        max_size=6,
    ),
)
def test_any_time_is_the_local_time_python_gives(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    sessions: list[tuple[datetime, list[timedelta]]],
) -> None:
    folder = tmp_path_factory.mktemp("times")
    with HistoryStore(folder / "h.sqlite3") as store, in_zone(name):
        with store.transaction() as conn:
            for n, (start, steps) in enumerate(sessions):
                add_session(
                    conn, f"s{n}", to_text(start), [to_text(start + step) for step in steps]
                )
        assert_exported_as_expected(store, folder)
