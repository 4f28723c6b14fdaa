"""Reading the history for the page and the command line: lists, details, figures, insight.

Times are stored in UTC; days and weeks are counted in the computer's local time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property, lru_cache

from selfmassage.core.anatomy import REGIONS
from selfmassage.core.history import from_text, to_text
from selfmassage.core.history_breathing import breathing_sentence
from selfmassage.core.history_totals import day_totals
from selfmassage.core.language import _, ngettext
from selfmassage.core.soreness import region_of
from selfmassage.core.words import decimal, place_key_name

MIN_SESSIONS_FOR_INSIGHT = 5
"""A region needs this many sessions rated before and after before we say anything."""
MEANINGFUL_CHANGE = 0.5
"""Smaller average changes than this are reported as no real change."""

_BODY_ORDER = {reg.id: index for index, reg in enumerate(REGIONS)}


def body_order(region_ids: Iterable[str]) -> tuple[str, ...]:
    """Region ids head to foot; unknown ids (from an imported file) last."""
    return tuple(sorted(set(region_ids), key=_body_key))


def _body_key(key: str) -> tuple[int, str]:
    """Head to foot by region; a place (``calves-left``) beside its region, left first."""
    return (_BODY_ORDER.get(region_of(key), len(_BODY_ORDER)), key)


@lru_cache(maxsize=4096)
def _regions_of(joined: str) -> tuple[str, ...]:
    # Sessions of one routine share one list: sort each distinct list once.
    return body_order(joined.split(","))


@dataclass(frozen=True, slots=True)
class SessionSummary:
    uuid: str
    started_at: datetime
    routine_title: str
    planned_seconds: int
    done_seconds: int
    status: str
    regions: tuple[str, ...]
    soreness_change: float | None
    """Average of after minus before over the places worked and rated both times."""
    feeling: int | None

    @property
    def minutes(self) -> float:
        return self.done_seconds / 60


@dataclass(frozen=True, slots=True)
class StepDone:
    position: int
    region: str
    side: str | None
    technique: str
    tool: str
    planned_seconds: int
    actual_seconds: int
    skipped: bool
    ended_at: datetime
    ended_early: bool = False
    """Left before its planned time was up, after ``actual_seconds``."""


@dataclass(frozen=True, slots=True)
class SessionDetail:
    summary: SessionSummary
    ended_at: datetime | None
    app_version: str
    notes: str
    routine_snapshot: str
    steps: tuple[StepDone, ...]
    soreness_before: dict[str, int]
    soreness_after: dict[str, int]


@dataclass(frozen=True, slots=True)
class RegionChange:
    region: str
    """The place: ``calves-left``, ``neck``."""
    mean_change: float
    """After minus before, averaged: negative means less sore after."""
    sessions: int


# A session's change of soreness: the places rated before and after and worked in it
# (kept as the session is written, see core/history_totals.py).
_SUMMARY_SQL = """
SELECT s.id, s.uuid, s.started_at, s.routine_title, s.planned_seconds, s.done_seconds,
       s.status, s.feeling,
       (SELECT group_concat(DISTINCT t.region) FROM steps t
         WHERE t.session_id = s.id AND t.skipped = 0),
       (SELECT avg(c.change) FROM soreness_changes c WHERE c.session_id = s.id)
FROM sessions s
"""


def _summary(row: tuple[object, ...]) -> SessionSummary:
    (_id, key, started, title, planned, done, status, feeling, regions, change) = row
    return SessionSummary(
        uuid=str(key),
        started_at=from_text(str(started)),
        routine_title=str(title),
        planned_seconds=int(str(planned)),
        done_seconds=int(str(done)),
        status=str(status),
        regions=_regions_of(str(regions)) if regions else (),
        soreness_change=None if change is None else float(str(change)),
        feeling=None if feeling is None else int(str(feeling)),
    )


def list_sessions(
    conn: sqlite3.Connection, limit: int | None = None, offset: int = 0
) -> list[SessionSummary]:
    """Sessions newest first: all of them, or ``limit`` from ``offset`` (a page of the list)."""
    sql = _SUMMARY_SQL + " ORDER BY s.started_at DESC, s.id DESC LIMIT ? OFFSET ?"
    return [_summary(row) for row in conn.execute(sql, (-1 if limit is None else limit, offset))]


def count_sessions(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])


def session_detail(conn: sqlite3.Connection, session_uuid: str) -> SessionDetail | None:
    row = conn.execute(_SUMMARY_SQL + " WHERE s.uuid = ?", (session_uuid,)).fetchone()
    if row is None:
        return None
    session_id = row[0]
    extra = conn.execute(
        "SELECT ended_at, app_version, notes, routine_snapshot FROM sessions WHERE id = ?",
        (session_id,),
    ).fetchone()
    steps = tuple(
        StepDone(
            position=int(position),
            region=str(region_id),
            side=str(side) or None,
            technique=str(technique),
            tool=str(tool),
            planned_seconds=int(planned),
            actual_seconds=int(actual),
            skipped=bool(skipped),
            ended_at=from_text(str(ended)),
            ended_early=bool(early),
        )
        for position, region_id, side, technique, tool, planned, actual, skipped, ended, early in (
            conn.execute(
                "SELECT position, region, side, technique, tool, planned_seconds, "
                "actual_seconds, skipped, ended_at, ended_early FROM steps WHERE session_id = ? "
                "ORDER BY position, side",
                (session_id,),
            )
        )
    )
    ratings: dict[str, dict[str, int]] = {"before": {}, "after": {}}
    for moment, region_id, rating in conn.execute(
        "SELECT moment, region, rating FROM soreness WHERE session_id = ?", (session_id,)
    ):
        ratings[str(moment)][str(region_id)] = int(rating)
    ended_at, app_version, notes, snapshot = extra
    return SessionDetail(
        summary=_summary(row),
        ended_at=from_text(ended_at) if ended_at else None,
        app_version=str(app_version),
        notes=str(notes),
        routine_snapshot=str(snapshot),
        steps=steps,
        soreness_before={r: ratings["before"][r] for r in body_order(list(ratings["before"]))},
        soreness_after={r: ratings["after"][r] for r in body_order(list(ratings["after"]))},
    )


def local_day(moment: datetime) -> date:
    return moment.astimezone().date()


def session_days(conn: sqlite3.Connection) -> dict[date, float]:
    """Minutes done on each local day that has a session, oldest first."""
    # SQLite's 'localtime' is the same system time zone Python's astimezone() uses.
    return {day: seconds / 60 for day, _number, seconds in day_totals(conn)}


def sessions_per_day(conn: sqlite3.Connection) -> dict[date, int]:
    """How many sessions each local day with a session has (the calendar's "2 sessions")."""
    return {day: number for day, number, _seconds in day_totals(conn)}


def minutes_per_week(
    conn: sqlite3.Connection, today: date, weeks: int = 12
) -> list[tuple[date, float]]:
    """Minutes per week (weeks start on Monday), oldest first, the last one this week's."""
    this_monday = today - timedelta(days=today.weekday())
    first = this_monday - timedelta(weeks=weeks - 1)
    # One day of margin either side of the UTC cutoff for time zones; days decide below.
    since = datetime.combine(first - timedelta(days=1), datetime.min.time()).astimezone()
    totals = dict.fromkeys((first + timedelta(weeks=n) for n in range(weeks)), 0.0)
    for started, done in conn.execute(
        "SELECT started_at, done_seconds FROM sessions WHERE started_at >= ?", (to_text(since),)
    ):
        day = local_day(from_text(started))
        monday = day - timedelta(days=day.weekday())
        if monday in totals:
            totals[monday] += done / 60
    return sorted(totals.items())


def minutes_per_region(conn: sqlite3.Connection, since: datetime) -> dict[str, float]:
    """Minutes of massage per region in sessions started since ``since`` (breathing is
    no region: see core/history_breathing.py)."""
    # The recent sessions first, by their start (CROSS JOIN keeps that order): the
    # steps of the whole history are never read.
    return {
        str(region_id): seconds / 60
        for region_id, seconds in conn.execute(
            "SELECT t.region, sum(t.actual_seconds) FROM sessions s "
            "CROSS JOIN steps t ON t.session_id = s.id "
            "WHERE s.started_at >= ? AND t.skipped = 0 AND t.region != 'breathing' "
            "GROUP BY t.region",
            (to_text(since),),
        )
        if seconds
    }


def soreness_change_per_region(conn: sqlite3.Connection) -> dict[str, RegionChange]:
    """The average change of soreness over a session, per place (side) rated before and
    after in sessions that worked it."""
    return {
        str(place): RegionChange(str(place), int(total) / int(sessions), int(sessions))
        for place, total, sessions in conn.execute(
            "SELECT region, change_total, sessions FROM region_totals WHERE sessions > 0"
        )
    }


def latest_after(
    conn: sqlite3.Connection, places: Iterable[str]
) -> dict[str, tuple[int, datetime]]:
    """Each place's latest after-rating and when its session started: where the next
    before-rating starts."""
    found: dict[str, tuple[int, datetime]] = {}
    for place in places:
        # The newest sessions first, by their start index, each asked for the place's
        # rating by its key: a place rated lately is found at once, however long the
        # history (by place instead, 40 years of a place's ratings were read and sorted).
        # A place never rated after is known from the ratings' index, and not looked for.
        row = conn.execute(
            "SELECT r.rating, s.started_at FROM sessions s "
            "CROSS JOIN soreness r ON r.session_id = s.id AND r.moment = 'after' "
            "AND r.region = ?1 "
            "WHERE EXISTS (SELECT 1 FROM soreness WHERE region = ?1 AND moment = 'after') "
            "ORDER BY s.started_at DESC, s.id DESC LIMIT 1",
            (place,),
        ).fetchone()
        if row is not None:
            found[place] = (int(row[0]), from_text(str(row[1])))
    return found


def soreness_over_time(
    conn: sqlite3.Connection, region_id: str
) -> list[tuple[datetime, int | None, int | None]]:
    """(start, before, after) for every session that rated this place, oldest first."""
    return [
        (from_text(started), before, after)
        for started, before, after in conn.execute(
            "SELECT s.started_at, "
            "max(CASE WHEN r.moment = 'before' THEN r.rating END), "
            "max(CASE WHEN r.moment = 'after' THEN r.rating END) "
            "FROM soreness r JOIN sessions s ON s.id = r.session_id "
            "WHERE r.region = ? GROUP BY s.id ORDER BY s.started_at",
            (region_id,),
        )
    ]


def rated_regions(conn: sqlite3.Connection) -> tuple[str, ...]:
    """Places (``calves-left``, ``neck``) that have any soreness rating, head to foot."""
    return body_order([row[0] for row in conn.execute("SELECT region FROM region_totals")])


def streaks(days: Collection[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days with a session.

    The current run may end yesterday: today is not over yet.
    """
    longest = run = 0
    previous = -1
    for number in sorted({day.toordinal() for day in days}):  # whole numbers: quick
        run = run + 1 if number - previous == 1 else 1
        longest = max(longest, run)
        previous = number
    current = 0
    day = today if today in days else today - timedelta(days=1)
    while day in days:
        current += 1
        day -= timedelta(days=1)
    return current, longest


def insights(
    conn: sqlite3.Connection,
    today: date,
    limit: int = 3,
    changes_by_region: dict[str, RegionChange] | None = None,
) -> list[str]:
    """Plain sentences, only where there is enough data to support them."""
    sentences: list[str] = []
    if changes_by_region is None:
        changes_by_region = soreness_change_per_region(conn)
    changes = sorted(
        (c for c in changes_by_region.values() if c.sessions >= MIN_SESSIONS_FOR_INSIGHT),
        key=lambda c: (-c.sessions, c.mean_change),
    )
    for change in changes[:limit]:
        name = place_key_name(change.region)
        n = change.sessions
        if change.mean_change <= -MEANINGFUL_CHANGE:
            text = ngettext(
                "{place}: soreness drops {points} points on average after a session, {n} session.",
                "{place}: soreness drops {points} points on average after a session, {n} sessions.",
                n,
            )
        elif change.mean_change >= MEANINGFUL_CHANGE:
            text = ngettext(
                "{place}: soreness rises {points} points on average after a session, {n} session.",
                "{place}: soreness rises {points} points on average after a session, {n} sessions.",
                n,
            )
        else:
            text = ngettext(
                "{place}: soreness barely changes after a session, {n} session.",
                "{place}: soreness barely changes after a session, {n} sessions.",
                n,
            )
        points = decimal(abs(change.mean_change))
        sentences.append(text.format(place=name, points=points, n=n))
    start = today - timedelta(days=27)
    since = datetime.combine(start - timedelta(days=1), datetime.min.time()).astimezone()
    recent = {
        local_day(from_text(started))
        for (started,) in conn.execute(
            "SELECT started_at FROM sessions WHERE started_at >= ?", (to_text(since),)
        )
    }
    recent = {day for day in recent if start <= day <= today}
    if len(recent) >= 4:
        sentences.append(_("You had a session on {n} of the last 28 days.").format(n=len(recent)))
    current, _longest = streaks(recent, today)
    if current >= 3:
        sentences.append(
            ngettext(
                "{n} day in a row: keep it going.", "{n} days in a row: keep it going.", current
            ).format(n=current)
        )
    breathing = breathing_sentence(conn, since, 28)
    if breathing is not None:
        sentences.append(breathing)
    return sentences


@dataclass
class HistoryOverview:
    """Everything the history page shows, read in one go; the days with a session (for
    the calendar) only when first asked for, as their number grows with the years."""

    sessions: list[SessionSummary]
    """The newest ones: the first page of the list."""
    session_count: int
    weeks: list[tuple[date, float]]
    region_minutes: dict[str, float]
    """Minutes per region over the last 30 days."""
    region_changes: dict[str, RegionChange]
    insights: list[str]
    rated_regions: tuple[str, ...]
    today: date
    read_days: Callable[[], list[tuple[date, int, int]]]
    """(day, sessions, seconds) of every local day with a session: ``day_totals``."""

    @cached_property
    def _day_rows(self) -> list[tuple[date, int, int]]:
        return self.read_days()

    @cached_property
    def days(self) -> dict[date, float]:
        """Minutes done on each local day with a session."""
        return {day: seconds / 60 for day, _number, seconds in self._day_rows}

    @cached_property
    def day_sessions(self) -> dict[date, int]:
        """How many sessions each day of ``days`` has."""
        return {day: number for day, number, _seconds in self._day_rows}

    @cached_property
    def _streaks(self) -> tuple[int, int]:
        return streaks(self.days, self.today)

    @property
    def current_streak(self) -> int:
        return self._streaks[0]

    @property
    def longest_streak(self) -> int:
        return self._streaks[1]


def overview(
    conn: sqlite3.Connection, today: date, weeks: int = 26, first_sessions: int = 200
) -> HistoryOverview:
    changes = soreness_change_per_region(conn)
    since = datetime.combine(today - timedelta(days=29), datetime.min.time()).astimezone()
    return HistoryOverview(
        sessions=list_sessions(conn, first_sessions),
        session_count=count_sessions(conn),
        weeks=minutes_per_week(conn, today, weeks),
        region_minutes=minutes_per_region(conn, since),
        region_changes=changes,
        insights=insights(conn, today, changes_by_region=changes),
        rated_regions=rated_regions(conn),
        today=today,
        read_days=lambda: day_totals(conn),
    )
