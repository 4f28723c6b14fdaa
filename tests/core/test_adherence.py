from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from selfmassage.core.adherence import (
    build_report,
    plan_session_days,
    planned_sessions,
    report_totals,
    summary_lines,
    week_progress,
)
from selfmassage.core.history import HistoryStore, SessionStatus, StepRecord
from selfmassage.core.report_file import dump_report, parse_report
from selfmassage.core.routine import Schedule


def test_planned_sessions_pro_rata_within_the_plan() -> None:
    schedule = Schedule(3, weeks=4, start=date(2026, 11, 2))
    assert planned_sessions(schedule, date(2026, 11, 2), date(2026, 11, 29)) == 12
    assert planned_sessions(schedule, date(2026, 11, 2), date(2026, 11, 8)) == 3
    # The plan ends after four weeks: later days ask for nothing.
    assert planned_sessions(schedule, date(2026, 10, 1), date(2026, 12, 31)) == 12
    assert planned_sessions(schedule, date(2026, 12, 1), date(2026, 12, 31)) == 0
    assert planned_sessions(Schedule(2), date(2026, 1, 1), date(2026, 1, 14)) == 4


def test_week_progress() -> None:
    schedule = Schedule(3, weeks=4, start=date(2026, 11, 2))
    wednesday = date(2026, 11, 11)
    days = [date(2026, 11, 5), date(2026, 11, 9), date(2026, 11, 10)]
    progress = week_progress(schedule, days, wednesday)
    assert (progress.done, progress.planned) == (2, 3)
    assert progress.label == "2 of 3 this week"
    assert week_progress(schedule, days, date(2026, 10, 30)).label == "starts later"
    assert week_progress(schedule, days, date(2026, 12, 1)).label == "plan finished"
    # A plan that starts mid-week does not count earlier sessions of that week.
    midweek = Schedule(2, start=date(2026, 11, 11))
    assert week_progress(midweek, days, date(2026, 11, 12)).label == "0 of 2 this week"


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def run_session(
    store: HistoryStore,
    clock: Clock,
    when: datetime,
    title: str,
    *,
    skip_second: bool = False,
    status: SessionStatus = SessionStatus.COMPLETED,
) -> None:
    clock.now = when
    recorder = store.start_session(title, planned_seconds=120, soreness_before={"calves": 6})
    for position in range(2):
        skipped = skip_second and position == 1
        recorder.step_ended(
            StepRecord(
                position=position,
                region="calves",
                side="left",
                technique="calves.hands.knead",
                tool="hands",
                planned_seconds=60,
                actual_seconds=0 if skipped else 60,
                skipped=skipped,
            )
        )
    recorder.end(status)
    store.save_after(recorder.uuid, soreness_after={"calves": 3}, feeling=4, notes="ok <b>")


def test_build_report_from_the_history(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 11, 1, tzinfo=UTC))
    title = "Post-run calves"
    with HistoryStore(tmp_path / "h.sqlite3", clock=clock) as store:
        base = datetime(2026, 11, 3, 12, 0, tzinfo=UTC)
        run_session(store, clock, base, title)
        run_session(store, clock, base + timedelta(days=2), title, skip_second=True)
        run_session(store, clock, base + timedelta(days=3), "Other routine")
        run_session(store, clock, base + timedelta(days=4), title, status=SessionStatus.STOPPED)
        run_session(store, clock, base + timedelta(days=40), title)  # outside the period
        report = build_report(
            store.conn,
            title,
            date(2026, 11, 2),
            date(2026, 11, 15),
            now=datetime(2026, 11, 27, tzinfo=UTC),
            routine=None,
        )
        days = plan_session_days(store.conn, title)
    assert len(days) == 4
    assert [s.status for s in report.sessions] == ["completed", "completed", "stopped"]
    assert [s.steps_skipped for s in report.sessions] == [0, 1, 0]
    assert report.sessions[1].done_seconds == 60
    assert report.sessions[0].soreness_before == {"calves-left": 6, "calves-right": 6}
    assert report.sessions[0].notes == "ok <b>"
    assert report.sessions_planned is None  # no schedule known

    totals = report_totals(report)
    assert totals.sessions_done == 3
    assert totals.sessions_completed == 2
    assert totals.minutes == 5.0
    assert totals.steps_skipped == 1
    assert totals.soreness == {"calves-left": (6.0, 3.0, 3), "calves-right": (6.0, 3.0, 3)}
    assert sum(minutes for _, minutes in totals.minutes_per_week) == 5.0

    # What is written reads back the same.
    again = parse_report(dump_report(report))
    assert again.report is not None
    assert report_totals(again.report) == totals


def test_the_summary_counts_skipped_steps_in_words() -> None:
    import dataclasses

    from tests.core.test_report_file import sample_report

    report = sample_report()
    session = report.sessions[0]
    one_skipped = [dataclasses.replace(session, steps_skipped=1)]
    lines = summary_lines(dataclasses.replace(report, sessions=one_skipped))
    assert lines[-1] == "1 step skipped or ended early"
    none_skipped = [dataclasses.replace(session, steps_skipped=0)]
    assert summary_lines(dataclasses.replace(report, sessions=none_skipped))[-1] == (
        "0 steps skipped or ended early"
    )


def test_a_session_counts_toward_the_plan_only_with_half_its_planned_time_done(
    tmp_path: Path,
) -> None:
    from selfmassage.core.adherence import counts_toward_plan

    assert not counts_toward_plan(180, 14)
    assert not counts_toward_plan(180, 89)
    assert counts_toward_plan(180, 90)
    store = HistoryStore(tmp_path / "h.sqlite3", clock=lambda: datetime(2026, 3, 2, 9, tzinfo=UTC))
    for done, status in ((14, SessionStatus.STOPPED), (120, SessionStatus.PARTLY_DONE)):
        recorder = store.start_session("Plan", planned_seconds=180)
        recorder.step_ended(StepRecord(0, "neck", None, "", "hands", 180, done, ended_early=True))
        recorder.end(status)
    assert len(plan_session_days(store.conn, "Plan")) == 1
    report = build_report(
        store.conn, "Plan", date(2026, 3, 1), date(2026, 3, 7), now=datetime.now(UTC)
    )
    totals = report_totals(report)
    assert (totals.sessions_done, len(report.sessions)) == (1, 2)
    assert "at least half its planned time" in summary_lines(report)[0]


def test_a_report_starts_on_the_day_the_plan_came() -> None:
    from selfmassage.core.adherence import received_on, report_start

    today = date(2026, 3, 10)
    assert report_start(date(2026, 3, 10), None, today) == today
    assert report_start(None, None, today) == date(2026, 2, 11)  # four weeks back
    # The schedule starting later than the day it came: from the schedule's start.
    assert report_start(date(2026, 3, 1), Schedule(3, 4, date(2026, 3, 4)), today) == date(
        2026, 3, 4
    )
    assert report_start(date(2024, 1, 1), None, today) == today - timedelta(days=366)
    assert received_on({"Plan": "2026-03-01", "Bad": "x"}, "Plan") == date(2026, 3, 1)
    assert received_on({"Bad": "x"}, "Bad") is None
    assert received_on({}, "Plan") is None
