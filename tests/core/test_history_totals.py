"""The history's running figures: always what counting from scratch gives, whoever wrote
the rows, and what the History page reads instead of the whole history."""

from __future__ import annotations

import random
import re
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfmassage.core import history_schema, history_totals
from selfmassage.core.history import HistoryStore, SessionStatus, StepRecord
from selfmassage.core.history_export import export_json, import_json
from selfmassage.core.history_queries import (
    list_sessions,
    overview,
    rated_regions,
    session_days,
    soreness_change_per_region,
)
from selfmassage.core.history_salvage import merge_salvage, read_salvage
from selfmassage.core.history_schema import SCHEMA_VERSION, migrate

TODAY = date(2026, 3, 4)

# From scratch, as the page counted before the running figures: a place's change in a
# session where it was rated before and after and a step not skipped worked it.
_WORKED = """EXISTS (SELECT 1 FROM steps w
 WHERE w.session_id = b.session_id AND w.skipped = 0
   AND (w.region = b.region OR w.region || '-' || w.side = b.region
        OR (w.side IN ('both', '') AND b.region IN (w.region || '-left', w.region || '-right'))))"""
_SCRATCH_CHANGES = f"""
SELECT b.session_id, b.region, a.rating - b.rating FROM soreness b
  JOIN soreness a ON a.session_id = b.session_id AND a.region = b.region AND a.moment = 'after'
 WHERE b.moment = 'before' AND {_WORKED}"""


def assert_fresh(conn: sqlite3.Connection) -> None:
    """Every running figure equals its count from scratch."""
    changes = sorted(conn.execute(_SCRATCH_CHANGES).fetchall())
    assert sorted(conn.execute("SELECT * FROM soreness_changes").fetchall()) == changes
    per_place: dict[str, tuple[int, int]] = {
        place: (0, 0) for (place,) in conn.execute("SELECT DISTINCT region FROM soreness")
    }
    for _, place, change in changes:
        sessions, total = per_place[place]
        per_place[place] = (sessions + 1, total + change)
    kept = {p: (n, t) for p, n, t in conn.execute("SELECT * FROM region_totals")}
    assert kept == per_place
    days = conn.execute(
        "SELECT date(started_at, 'localtime') AS day, count(*), sum(done_seconds) "
        "FROM sessions GROUP BY day ORDER BY day"
    ).fetchall()
    assert [(d.isoformat(), n, s) for d, n, s in history_totals.day_totals(conn)] == days
    # ... and so the page's figures are those it counted before.
    by_place = {
        place: (mean, n)
        for place, mean, n in conn.execute(
            f"WITH c(session_id, region, change) AS ({_SCRATCH_CHANGES}) "
            "SELECT region, avg(change), count(*) FROM c GROUP BY region"
        )
    }
    assert {
        p: (c.mean_change, c.sessions) for p, c in soreness_change_per_region(conn).items()
    } == by_place
    by_session = {
        key: mean
        for key, mean in conn.execute(
            f"WITH c(session_id, region, change) AS ({_SCRATCH_CHANGES}) "
            "SELECT s.uuid, (SELECT avg(c.change) FROM c WHERE c.session_id = s.id) "
            "FROM sessions s"
        )
    }
    assert {s.uuid: s.soreness_change for s in list_sessions(conn)} == by_session


# Random histories ------------------------------------------------------------------------

PLACES = ["neck", "calves", "calves-left", "calves-right", "upper-back"]
STEPS = [("neck", None), ("calves", "both"), ("calves", "left"), ("calves", "right")]
STEPS += [("upper-back", None)]

ratings = st.dictionaries(st.sampled_from(PLACES), st.integers(0, 10), max_size=4)
steps = st.lists(st.tuples(st.sampled_from(STEPS), st.booleans()), max_size=4)
a_session = st.tuples(
    st.integers(0, 400),  # days ago
    st.integers(0, 23),  # hour, UTC
    steps,
    ratings,
    st.one_of(st.none(), ratings),
)
actions = st.lists(
    st.one_of(
        st.tuples(st.just("record"), a_session),
        st.tuples(st.just("rate after again"), st.tuples(st.integers(0, 50), ratings)),
        st.tuples(st.just("delete"), st.integers(0, 50)),
        st.tuples(st.just("import"), st.lists(a_session, max_size=3)),
        st.tuples(st.just("salvage"), st.lists(a_session, max_size=3)),
        st.tuples(st.just("delete all"), st.none()),
    ),
    max_size=8,
)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 4, 12, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def record(store: HistoryStore, clock: Clock, drawn: tuple[object, ...]) -> str:
    days_ago, hour, worked, before, after = drawn
    assert isinstance(days_ago, int) and isinstance(hour, int) and isinstance(worked, list)
    assert isinstance(before, dict)
    clock.now = datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time(), UTC)
    clock.now += timedelta(hours=hour)
    recorder = store.start_session("R", planned_seconds=60, soreness_before=before)
    for position, ((region_id, side), skipped) in enumerate(worked):
        recorder.step_ended(
            StepRecord(position, region_id, side, "", "hands", 60, 30 + position, skipped)
        )
    recorder.end(SessionStatus.COMPLETED)
    if after is not None:
        assert isinstance(after, dict)
        recorder.save_after(soreness_after=after, feeling=None, notes="")
    return recorder.uuid


@contextmanager
def other_history(folder: Path, sessions: list[tuple[object, ...]]) -> Iterator[HistoryStore]:
    clock = Clock()
    with HistoryStore(folder / f"other-{time.monotonic_ns()}.sqlite3", clock=clock) as other:
        for drawn in sessions:
            record(other, clock, drawn)
        yield other


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(actions)
def test_the_running_figures_always_equal_a_count_from_scratch(
    drawn_actions: list[tuple[str, object]],
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        clock = Clock()
        with HistoryStore(folder / "history.sqlite3", clock=clock) as store:
            kept: list[str] = []
            for action, drawn in drawn_actions:
                if action == "record":
                    assert isinstance(drawn, tuple)
                    kept.append(record(store, clock, drawn))
                elif action == "rate after again" and kept:
                    assert isinstance(drawn, tuple)
                    index, after = drawn
                    store.save_after(
                        kept[index % len(kept)], soreness_after=after, feeling=3, notes=""
                    )
                elif action == "delete" and kept:
                    assert isinstance(drawn, int)
                    store.delete_session(kept.pop(drawn % len(kept)))
                elif action == "import":
                    assert isinstance(drawn, list)
                    with other_history(folder, drawn) as other:
                        export_json(other, folder / "export.json")
                    import_json(store, folder / "export.json")
                    kept = [row[0] for row in store.conn.execute("SELECT uuid FROM sessions")]
                elif action == "salvage":
                    assert isinstance(drawn, list)
                    with other_history(folder, drawn) as other:
                        found = read_salvage(other.path)
                    merge_salvage(store, found)
                    kept = [row[0] for row in store.conn.execute("SELECT uuid FROM sessions")]
                elif action == "delete all":
                    store.delete_all()
                    kept = []
                assert_fresh(store.conn)


def test_ratings_replaced_and_steps_imported_again_are_counted_once(tmp_path: Path) -> None:
    """INSERT OR REPLACE fires no delete trigger: the figures must not count twice."""
    with HistoryStore(tmp_path / "h.sqlite3", clock=Clock()) as store:
        recorder = store.start_session("R", soreness_before={"calves": 7, "calves-left": 5})
        recorder.step_ended(StepRecord(0, "calves", "both", "", "hands", 60, 60))
        recorder.end(SessionStatus.COMPLETED)
        recorder.save_after(soreness_after={"calves": 2}, feeling=None, notes="")
        session_id = recorder.session_id
        with store.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO soreness VALUES (?, 'after', 'calves-left', 4)",
                (session_id,),
            )
            conn.execute(
                "INSERT OR REPLACE INTO steps (session_id, position, region, side, skipped, "
                "ended_at) VALUES (?, 0, 'calves', 'both', 1, '2026-03-04T12:01:00.000+00:00')",
                (session_id,),
            )
        assert_fresh(store.conn)
        assert soreness_change_per_region(store.conn) == {}  # the one step is now skipped


def test_a_place_no_longer_rated_after_loses_its_change(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "h.sqlite3", clock=Clock()) as store:
        worked = [(("neck", None), False), (("calves", "left"), False)]
        key = record(store, Clock(), (0, 9, worked, {"neck": 6, "calves": 5}, {"neck": 2}))
        assert set(soreness_change_per_region(store.conn)) == {"neck"}
        store.save_after(key, soreness_after={"calves-left": 1}, feeling=None, notes="")
        assert_fresh(store.conn)
        changes = soreness_change_per_region(store.conn)
        assert {p: c.mean_change for p, c in changes.items()} == {"calves-left": -4}
        store.save_after(key, soreness_after={}, feeling=None, notes="")
        assert_fresh(store.conn)
        assert soreness_change_per_region(store.conn) == {}
        assert rated_regions(store.conn) == ("neck", "calves-left", "calves-right")


# From the version before the running figures ---------------------------------------------


def test_the_migration_fills_the_running_figures_from_the_rows_there(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    before_figures = history_schema.MIGRATIONS.index(history_totals.MIGRATION)
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=before_figures)
    rng = random.Random(5)
    for number in range(120):
        started = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(hours=rng.randrange(24 * 400))
        conn.execute(
            "INSERT INTO sessions (uuid, routine_title, started_at, status, done_seconds) "
            "VALUES (?, 'R', ?, 'completed', ?)",
            (f"s{number}", started.isoformat(), rng.randrange(600)),
        )
        for position in range(rng.randrange(4)):
            region_id, side = rng.choice(STEPS)
            conn.execute(
                "INSERT OR IGNORE INTO steps (session_id, position, region, side, skipped, "
                "ended_at) VALUES (?, ?, ?, ?, ?, ?)",
                (number + 1, position, region_id, side or "", rng.random() < 0.2, "x"),
            )
        for moment in ("before", "after"):
            for place in rng.sample(["neck", "calves-left", "calves-right", "upper-back"], 2):
                conn.execute(
                    "INSERT INTO soreness VALUES (?, ?, ?, ?)",
                    (number + 1, moment, place, rng.randrange(11)),
                )
    scratch = conn.execute(_SCRATCH_CHANGES).fetchall()
    conn.close()
    assert scratch, "the history has changes to count"

    with HistoryStore(path) as store:
        assert history_schema.schema_version(store.conn) == SCHEMA_VERSION
        assert_fresh(store.conn)
        # ... and they go on being kept as the history changes.
        store.delete_session("s7")
        store.save_after("s8", soreness_after={"neck": 0}, feeling=None, notes="")
        assert_fresh(store.conn)


# What the page reads ----------------------------------------------------------------------


def a_history(path: Path, sessions: int = 60) -> HistoryStore:
    clock = Clock()
    store = HistoryStore(path, clock=clock)
    rng = random.Random(3)
    for number in range(sessions):
        before = {"calves": rng.randrange(11), "neck": rng.randrange(11)}
        after = {place: max(0, rating - 2) for place, rating in before.items()}
        drawn = (number, 9, [(STEPS[1], False), (STEPS[0], number % 5 == 0)], before, after)
        record(store, clock, drawn)
    return store


@contextmanager
def statements(conn: sqlite3.Connection) -> Iterator[list[str]]:
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        conn.set_trace_callback(None)


_FIGURES = ("region_totals", "day_totals", "day_totals_zone")


def full_scans(conn: sqlite3.Connection, sql: str) -> list[str]:
    """The tables a statement reads whole, by its query plan; the sessions' start index
    (read from the newest, with a limit) does not count."""
    plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]
    return [
        detail
        for detail in plan
        if detail.startswith("SCAN ")
        and detail.split()[1] not in _FIGURES
        and "sessions_by_start" not in detail
    ]


def test_the_page_reads_the_running_figures_not_the_ratings(tmp_path: Path) -> None:
    with a_history(tmp_path / "h.sqlite3") as store:
        with statements(store.conn) as seen:
            shown = overview(store.conn, TODAY)
            assert shown.region_changes and shown.rated_regions and shown.sessions
            calendar = shown.days, shown.current_streak, shown.longest_streak
            assert sum(shown.day_sessions.values()) == len(shown.sessions)
        assert calendar[0] and calendar[2] >= 1
        assert seen, "the trace saw the page's queries"
        for sql in seen:
            assert not re.search(r"\bsoreness\b", sql), f"reads the ratings: {sql}"
            assert full_scans(store.conn, sql) == [], sql
        # The calendar's days come from their running figures.
        with statements(store.conn) as seen:
            session_days(store.conn)
            rated_regions(store.conn)
        tables = re.compile(r"\b(FROM|JOIN)\s+(sessions|steps|soreness)\b", re.IGNORECASE)
        assert seen and not [sql for sql in seen if tables.search(sql)]


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset")
def test_days_are_counted_again_in_another_time_zone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    try:
        zone("UTC")
        clock = Clock()
        with HistoryStore(tmp_path / "h.sqlite3", clock=clock) as store:
            record(store, clock, (0, 23, [], {}, None))  # 23:00 UTC
            assert list(session_days(store.conn)) == [TODAY]
            zone("Pacific/Auckland")  # 23:00 UTC is the next morning there
            assert list(session_days(store.conn)) == [TODAY + timedelta(days=1)]
            assert_fresh(store.conn)
            # A session written from yet another zone: the days are counted again.
            zone("America/Los_Angeles")
            record(store, clock, (1, 23, [], {}, None))
            zone("Pacific/Auckland")
            assert list(session_days(store.conn)) == [TODAY, TODAY + timedelta(days=1)]
            assert_fresh(store.conn)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_the_latest_after_rating_is_read_newest_first_by_key(tmp_path: Path) -> None:
    """What the before-rating starts from: found in the newest sessions, not by reading
    and sorting every rating of a place (0.6 s at 40 years)."""
    from selfmassage.core.history_queries import latest_after

    clock = Clock()
    with HistoryStore(tmp_path / "h.sqlite3", clock=clock) as store:
        for days_ago, rating in ((30, 1), (3, 5), (10, 2)):  # not written in order
            record(store, clock, (days_ago, 9, [], {"neck": 8}, {"neck": rating}))
        record(store, clock, (1, 9, [], {"calves": 8}, None))  # rated before only
        newest = datetime.combine(TODAY - timedelta(days=3), datetime.min.time(), UTC)
        with statements(store.conn) as seen:
            found = latest_after(store.conn, ["neck", "calves-left", "feet-left"])
        assert found == {"neck": (5, newest + timedelta(hours=9))}
        for sql in seen:
            plan = [row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql)]
            assert not [d for d in plan if "TEMP B-TREE" in d or d.startswith("SCAN r")], plan
            assert full_scans(store.conn, sql) == [], plan
