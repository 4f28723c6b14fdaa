"""The Today card's words: what is due, the last session, the week, the plan one is on."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from selfmassage.core.history import HistoryStore, SessionStatus, StepRecord
from selfmassage.core.history_queries import list_sessions
from selfmassage.core.routine import Schedule
from selfmassage.core.schedule import Reminder, Reminders, rules_for
from selfmassage.core.today import active_plan, done_days_by_routine, today_view

BERLIN = ZoneInfo("Europe/Berlin")
PLAN = Schedule(times_per_week=3, weeks=4, start=date(2026, 3, 2))


def reminders_with(done: dict[str, frozenset[date]], reminders: list[Reminder]) -> Reminders:
    return Reminders(
        rules_for(reminders, {"Knee plan": PLAN}),
        BERLIN,
        lambda title: done.get(title, frozenset()),
    )


def test_a_plan_due_today_with_nothing_done_yet() -> None:
    wall = datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN)
    view = today_view(reminders_with({}, []), {"Knee plan": PLAN}, None, wall)
    assert view.due == "Due today: Knee plan at 18:00"
    assert view.routine == "Knee plan"
    assert view.last == "No sessions yet"
    assert view.week == "Knee plan: 0 of 3 this week"


def test_a_plan_done_today_says_so_and_counts_the_week() -> None:
    wall = datetime(2026, 3, 2, 20, 0, tzinfo=BERLIN)
    done = {"Knee plan": frozenset({date(2026, 3, 2)}), "": frozenset({date(2026, 3, 2)})}
    view = today_view(reminders_with(done, []), {"Knee plan": PLAN}, None, wall)
    assert view.due == "Done today: Knee plan"
    assert view.week == "Knee plan: 1 of 3 this week"
    assert view.routine == "Knee plan"


def test_a_personal_reminder_without_a_plan(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.sqlite")
    recorder = store.start_session("Neck", planned_seconds=60)
    recorder.step_ended(StepRecord(0, "neck", None, "", "hands", 60, 60))  # done: it counts
    recorder.end(SessionStatus.COMPLETED)
    store.save_after(recorder.uuid, soreness_after={}, feeling=4, notes="")
    last = list_sessions(store.conn, 1)[0]
    done = done_days_by_routine(store.conn)
    started = last.started_at.astimezone(BERLIN)
    assert done["Neck"] == done[""] == frozenset({started.date()})
    reminders = Reminders(
        rules_for([Reminder("Neck", time(23, 59))], {}),
        BERLIN,
        lambda title: frozenset(),
    )
    view = today_view(reminders, {}, last, started)
    assert view.due == "Due today: Neck at 23:59"
    assert (
        view.last == f"Last session: Neck, {started.strftime('%a %d %b')}: Completed, felt better"
    )
    assert view.week == "This week: 0 days with a session"  # its done days were not given
    store.close()


def test_the_plan_one_is_on_is_the_running_one_done_last() -> None:
    old = Schedule(times_per_week=2, weeks=1, start=date(2026, 1, 5))
    other = Schedule(times_per_week=2)
    plans = {"Knee plan": PLAN, "Old plan": old, "Back plan": other}
    done = {"Back plan": frozenset({date(2026, 3, 3)}), "Knee plan": frozenset({date(2026, 3, 1)})}
    assert active_plan(plans, lambda t: done.get(t, frozenset()), date(2026, 3, 4)) == "Back plan"
    assert active_plan({"Old plan": old}, lambda t: frozenset(), date(2026, 3, 4)) is None
    assert active_plan(plans, lambda t: frozenset(), datetime(2026, 3, 4, tzinfo=UTC).date()) in {
        "Knee plan",
        "Back plan",
    }
