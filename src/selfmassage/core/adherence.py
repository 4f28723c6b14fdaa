"""Adherence to a prescribed plan: sessions planned and done, and the report built from them.

Pure functions over the history (a SQLite connection) and the plan's schedule; the
report's file format is report_file.py.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from selfmassage.core.anatomy import REGIONS
from selfmassage.core.history_queries import local_day, session_detail
from selfmassage.core.language import N_, _, ngettext
from selfmassage.core.report_file import SESSIONS_PLANNED_MAX, Report, ReportSession
from selfmassage.core.routine import Routine, Schedule
from selfmassage.core.routine_file import parse_routine
from selfmassage.core.words import rounded_minutes

COUNTS_FROM = 0.5
"""A session counts towards the plan when at least this share of its planned time was
done, however it ended: a session stopped after 14 s is not one of the plan's."""
PLAN_RULE = N_("a session counts when at least half its planned time was done")
"""Marked, in English: show ``_(PLAN_RULE)``."""


def counts_toward_plan(planned_seconds: int, done_seconds: int) -> bool:
    if planned_seconds <= 0:
        return done_seconds > 0
    return done_seconds >= planned_seconds * COUNTS_FROM


DEFAULT_REPORT_DAYS = 28
"""A report's period when nothing says when the plan began: the last four weeks."""


def report_start(received: date | None, schedule: Schedule | None, last: date) -> date:
    """Where a report's period starts by default: the day the plan was received (or its
    schedule's start, if later), else four weeks back; never more than 366 days back."""
    start = received
    if schedule is not None and schedule.start is not None:
        start = schedule.start if start is None else max(start, schedule.start)
    if start is None or start > last:
        start = last - timedelta(days=DEFAULT_REPORT_DAYS - 1)
    return max(start, last - timedelta(days=366))


def received_on(received: dict[str, str], title: str) -> date | None:
    """The date a plan was received, from the settings; None if unknown or unreadable."""
    try:
        return date.fromisoformat(received[title])
    except (KeyError, ValueError):
        return None


def plan_days(schedule: Schedule, first: date, last: date) -> tuple[date, date] | None:
    """The days of ``first``..``last`` (inclusive) that the plan covers, or None."""
    start = schedule.start or first
    end = start + timedelta(weeks=schedule.weeks) - timedelta(days=1) if schedule.weeks else last
    low, high = max(first, start), min(last, end)
    if high < low:
        return None
    return low, high


def planned_sessions(schedule: Schedule, first: date, last: date) -> int:
    """Sessions the schedule asks for in a period: times per week, pro rata by days."""
    days = plan_days(schedule, first, last)
    if days is None:
        return 0
    count = (days[1] - days[0]).days + 1
    # Rounded half up: 3 a week over 10 days is 4.3 -> 4; over 12 days 5.1 -> 5.
    return min((count * schedule.times_per_week * 2 + 7) // 14, SESSIONS_PLANNED_MAX)


@dataclass(frozen=True, slots=True)
class WeekProgress:
    done: int
    planned: int
    state: str
    """``running``, ``not started`` (before the start date) or ``finished``."""

    @property
    def label(self) -> str:
        if self.state == "not started":
            return _("starts later")
        if self.state == "finished":
            return _("plan finished")
        # Translators: sessions done of those planned this week: "2 of 3 this week"
        return _("{done} of {planned} this week").format(done=self.done, planned=self.planned)


def week_progress(schedule: Schedule, session_days: Iterable[date], today: date) -> WeekProgress:
    """This week's (Monday to Sunday) sessions against the schedule: "2 of 3 this week"."""
    monday = today - timedelta(days=today.weekday())
    sunday = monday + timedelta(days=6)
    if schedule.start is not None and today < schedule.start:
        return WeekProgress(0, schedule.times_per_week, "not started")
    if schedule.weeks is not None and schedule.start is not None:
        last_day = schedule.start + timedelta(weeks=schedule.weeks) - timedelta(days=1)
        if today > last_day:
            return WeekProgress(0, 0, "finished")
    first = max(monday, schedule.start) if schedule.start else monday
    done = sum(1 for day in session_days if first <= day <= sunday)
    return WeekProgress(done, schedule.times_per_week, "running")


def plan_session_days(conn: sqlite3.Connection, routine_title: str) -> list[date]:
    """Local days of the counted sessions of one routine, oldest first."""
    days = [
        local_day(datetime.fromisoformat(started))
        for started, planned, done in conn.execute(
            "SELECT started_at, planned_seconds, done_seconds FROM sessions "
            "WHERE routine_title = ? ORDER BY started_at",
            (routine_title,),
        )
        if counts_toward_plan(int(planned), int(done))
    ]
    return days


def routine_titles(conn: sqlite3.Connection) -> list[str]:
    """Every routine title in the history, for telling the user what exists."""
    return [str(row[0]) for row in conn.execute("SELECT DISTINCT routine_title FROM sessions")]


def snapshot_routine(conn: sqlite3.Connection, routine_title: str) -> Routine | None:
    """The routine as it was last run, if the session kept a readable copy of it."""
    row = conn.execute(
        "SELECT routine_snapshot FROM sessions WHERE routine_title = ? AND routine_snapshot != '' "
        "ORDER BY started_at DESC LIMIT 1",
        (routine_title,),
    ).fetchone()
    if row is None:
        return None
    return parse_routine(str(row[0]).encode("utf-8")).routine


def build_report(
    conn: sqlite3.Connection,
    routine_title: str,
    first: date,
    last: date,
    *,
    now: datetime,
    routine: Routine | None = None,
    app_version: str = "",
) -> Report:
    """The report of one routine's sessions that started on a local day in first..last.

    ``routine`` (from the library) gives the author and the schedule; without it the
    copy kept with the last session is used.
    """
    if routine is None:
        routine = snapshot_routine(conn, routine_title)
    sessions: list[ReportSession] = []
    for (key,) in conn.execute(
        "SELECT uuid FROM sessions WHERE routine_title = ? ORDER BY started_at", (routine_title,)
    ):
        detail = session_detail(conn, str(key))
        if detail is None:
            continue
        summary = detail.summary
        if not first <= local_day(summary.started_at) <= last:
            continue
        # A session still marked running was cut off: the app or computer stopped.
        status = "interrupted" if summary.status == "running" else summary.status
        sessions.append(
            ReportSession(
                started=summary.started_at.astimezone(),
                status=status,
                planned_seconds=summary.planned_seconds,
                done_seconds=summary.done_seconds,
                steps_done=sum(
                    1 for step in detail.steps if not (step.skipped or step.ended_early)
                ),
                steps_skipped=sum(1 for step in detail.steps if step.skipped or step.ended_early),
                feeling=summary.feeling,
                soreness_before=dict(detail.soreness_before),
                soreness_after=dict(detail.soreness_after),
                notes=detail.notes,
            )
        )
    schedule = routine.schedule if routine is not None else None
    return Report(
        created=now,
        routine_title=routine_title,
        routine_author=routine.author if routine is not None else "",
        schedule=schedule,
        period_from=first,
        period_to=last,
        sessions_planned=planned_sessions(schedule, first, last) if schedule else None,
        sessions=tuple(sessions),
        app_version=app_version,
    )


# What a reader shows: sums over the sessions, never totals the file claims. -------------


@dataclass(frozen=True, slots=True)
class ReportTotals:
    sessions_done: int
    """Sessions that count towards the plan (see ``counts_toward_plan``)."""
    sessions_completed: int
    minutes: float
    steps_skipped: int
    soreness: dict[str, tuple[float, float, int]]
    """Place -> (mean before, mean after, sessions rated both times)."""
    minutes_per_week: list[tuple[date, float]]
    """Monday of each week in the period -> minutes."""


def report_totals(report: Report) -> ReportTotals:
    counted = [s for s in report.sessions if counts_toward_plan(s.planned_seconds, s.done_seconds)]
    pairs: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for session in report.sessions:
        for place, before in session.soreness_before.items():
            after = session.soreness_after.get(place)
            if after is not None:
                pairs[place].append((before, after))
    soreness = {
        place: (
            sum(b for b, _after in found) / len(found),
            sum(a for _before, a in found) / len(found),
            len(found),
        )
        for place, found in pairs.items()
    }
    first_monday = report.period_from - timedelta(days=report.period_from.weekday())
    weeks: dict[date, float] = {}
    monday = first_monday
    while monday <= report.period_to:
        weeks[monday] = 0.0
        monday += timedelta(weeks=1)
    for session in report.sessions:
        day = session.started.date()
        week = day - timedelta(days=day.weekday())
        if week in weeks:
            weeks[week] += session.done_seconds / 60
    return ReportTotals(
        sessions_done=len(counted),
        sessions_completed=sum(1 for s in report.sessions if s.status == "completed"),
        minutes=sum(s.done_seconds for s in report.sessions) / 60,
        steps_skipped=sum(s.steps_skipped for s in report.sessions),
        soreness=soreness,
        minutes_per_week=sorted(weeks.items()),
    )


def summary_lines(report: Report) -> list[str]:
    """The report's summary in sentences, for the window and the PDF alike."""
    totals = report_totals(report)
    done = totals.sessions_done
    if report.sessions_planned is not None:
        planned = ngettext(
            "{done} of {n} planned session done ({rule})",
            "{done} of {n} planned sessions done ({rule})",
            report.sessions_planned,
        ).format(done=done, n=report.sessions_planned, rule=_(PLAN_RULE))
    else:
        planned = ngettext(
            "{n} session done (the routine has no schedule) ({rule})",
            "{n} sessions done (the routine has no schedule) ({rule})",
            done,
        ).format(n=done, rule=_(PLAN_RULE))
    seconds_done = sum(session.done_seconds for session in report.sessions)
    statuses = [s.status for s in report.sessions]
    skipped = totals.steps_skipped
    return [
        planned,
        _(
            "{completed} completed, {partly_done} partly done, {stopped} stopped, "
            "{interrupted} interrupted"
        ).format(
            completed=statuses.count("completed"),
            partly_done=statuses.count("partly_done"),
            stopped=statuses.count("stopped"),
            interrupted=statuses.count("interrupted"),
        ),
        _("{time} of massage in all").format(time=rounded_minutes(seconds_done)),
        ngettext(
            "{n} step skipped or ended early", "{n} steps skipped or ended early", skipped
        ).format(n=skipped),
    ]


def soreness_change_by_region(report: Report) -> dict[str, float]:
    """Region id -> mean change (after minus before; below zero is better), sides pooled."""
    changes: dict[str, list[int]] = defaultdict(list)
    for session in report.sessions:
        for place, before in session.soreness_before.items():
            after = session.soreness_after.get(place)
            if after is not None:
                changes[_region_of(place)].append(after - before)
    return {region_id: sum(found) / len(found) for region_id, found in changes.items()}


def _region_of(place: str) -> str:
    for side in ("-left", "-right"):
        if place.endswith(side):
            return place[: -len(side)]
    return place


def is_prescribed(routine: Routine) -> bool:
    """A routine someone wrote for the user: it names its author or carries a schedule."""
    return bool(routine.author.strip()) or routine.schedule is not None


def rated_places(report: Report) -> list[str]:
    """The places the client rated before a session, in body order (head to foot)."""
    found = {place for session in report.sessions for place in session.soreness_before}
    order = {reg.id: index for index, reg in enumerate(REGIONS)}
    return sorted(found, key=lambda place: (order.get(_region_of(place), 99), place))


def soreness_series(report: Report, place: str) -> list[tuple[datetime, int | None, int | None]]:
    """(start, before, after) of each session that rated ``place``, oldest first."""
    return [
        (session.started, session.soreness_before.get(place), session.soreness_after.get(place))
        for session in sorted(report.sessions, key=lambda s: s.started)
        if place in session.soreness_before or place in session.soreness_after
    ]
