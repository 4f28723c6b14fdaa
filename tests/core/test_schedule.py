"""Reminders from the wall and the monotonic clock: time zones, DST, sleep, days done."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from selfmassage.core.routine import Schedule
from selfmassage.core.schedule import (
    CATCH_UP_WINDOW,
    Due,
    Reminder,
    Reminders,
    Rule,
    days_label,
    local_moment,
    rules_for,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
MON_WED_FRI = frozenset({0, 2, 4})


class FakeClock:
    """A wall clock and a monotonic clock; a sleep moves only the wall clock."""

    def __init__(self, start: datetime) -> None:
        self.wall = start.astimezone(UTC)
        self.monotonic = 1000.0

    def run(self, delta: timedelta) -> None:
        self.wall += delta
        self.monotonic += delta.total_seconds()

    def sleep(self, delta: timedelta) -> None:
        self.wall += delta


class Done:
    """The days each routine was done, as the history would say."""

    def __init__(self) -> None:
        self.days: dict[str, set[date]] = {}

    def add(self, routine: str, day: date) -> None:
        self.days.setdefault(routine, set()).add(day)
        self.days.setdefault("", set()).add(day)

    def __call__(self, routine: str) -> frozenset[date]:
        return frozenset(self.days.get(routine, set()))


def run_minutes(reminders: Reminders, clock: FakeClock, minutes: int) -> list[tuple[Due, datetime]]:
    """Check once a minute for ``minutes``, as the app's timer would; what came, when."""
    shown: list[tuple[Due, datetime]] = []
    for _ in range(minutes):
        clock.run(timedelta(minutes=1))
        due = reminders.check(clock.wall, clock.monotonic)
        if due is not None:
            shown.append((due, clock.wall))
    return shown


def make(
    rules: list[Rule], zone: ZoneInfo, clock: FakeClock, done: Done | None = None
) -> Reminders:
    reminders = Reminders(rules, zone, done or Done())
    assert reminders.check(clock.wall, clock.monotonic) is None  # the first check only starts
    return reminders


def test_words_for_days_and_times() -> None:
    assert Reminder("Neck", time(19, 0), MON_WED_FRI).label == "Mon, Wed, Fri at 19:00"
    assert Reminder("Neck", time(7, 30)).label == "every day at 07:30"
    assert days_label({0, 1, 2, 3, 4}) == "weekdays"
    with pytest.raises(ValueError):
        Reminder("Neck", time(7, 0), frozenset({7}))


def test_a_reminder_comes_at_its_time_once() -> None:
    clock = FakeClock(datetime(2026, 3, 2, 18, 50, tzinfo=BERLIN))  # a Monday
    reminders = make([Rule("Neck", time(19, 0), MON_WED_FRI)], BERLIN, clock)
    shown = run_minutes(reminders, clock, 60)
    assert [(due.routine, due.late, at.astimezone(BERLIN).time()) for due, at in shown] == [
        ("Neck", False, time(19, 0))
    ]


def test_a_week_of_reminders_on_their_days_only() -> None:
    clock = FakeClock(datetime(2026, 3, 2, 8, 0, tzinfo=BERLIN))
    reminders = make([Rule("Neck", time(19, 0), MON_WED_FRI)], BERLIN, clock)
    shown = run_minutes(reminders, clock, 7 * 24 * 60)
    assert [at.astimezone(BERLIN).strftime("%a %H:%M") for _, at in shown] == [
        "Mon 19:00",
        "Wed 19:00",
        "Fri 19:00",
    ]


def test_no_reminder_on_a_day_the_routine_was_done() -> None:
    clock = FakeClock(datetime(2026, 3, 2, 8, 0, tzinfo=BERLIN))
    done = Done()
    done.add("Neck", date(2026, 3, 2))
    reminders = make([Rule("Neck", time(19, 0))], BERLIN, clock, done)
    shown = run_minutes(reminders, clock, 36 * 60)
    assert [at.astimezone(BERLIN).date() for _, at in shown] == [date(2026, 3, 3)]


@pytest.mark.parametrize(
    ("zone", "spring", "autumn"),
    [
        (BERLIN, date(2026, 3, 29), date(2026, 10, 25)),
        (NEW_YORK, date(2026, 3, 8), date(2026, 11, 1)),
    ],
)
def test_the_wall_clock_time_holds_across_daylight_saving(
    zone: ZoneInfo, spring: date, autumn: date
) -> None:
    for change in (spring, autumn):
        clock = FakeClock(datetime.combine(change - timedelta(days=2), time(8, 0), tzinfo=zone))
        reminders = make([Rule("Neck", time(19, 0))], zone, clock)
        shown = run_minutes(reminders, clock, 4 * 24 * 60)
        local = [at.astimezone(zone) for _, at in shown]
        assert [moment.strftime("%H:%M") for moment in local] == ["19:00"] * 4
        # Across the change the UTC time moved by an hour: the local one did not.
        offsets = {moment.utcoffset() for moment in local}
        assert len(offsets) == 2


@pytest.mark.parametrize(
    ("zone", "change", "skipped", "shown_at"),
    [
        (BERLIN, date(2026, 3, 29), time(2, 30), "03:30"),
        (NEW_YORK, date(2026, 3, 8), time(2, 30), "03:30"),
    ],
)
def test_a_time_that_daylight_saving_skips_comes_after_the_gap(
    zone: ZoneInfo, change: date, skipped: time, shown_at: str
) -> None:
    clock = FakeClock(datetime.combine(change, time(0, 0), tzinfo=zone))
    reminders = make([Rule("Early", skipped)], zone, clock)
    shown = run_minutes(reminders, clock, 6 * 60)
    assert [at.astimezone(zone).strftime("%H:%M") for _, at in shown] == [shown_at]


@pytest.mark.parametrize(
    ("zone", "change"), [(BERLIN, date(2026, 10, 25)), (NEW_YORK, date(2026, 11, 1))]
)
def test_a_time_that_happens_twice_reminds_once(zone: ZoneInfo, change: date) -> None:
    repeated = time(2, 30) if zone is BERLIN else time(1, 30)
    clock = FakeClock(datetime.combine(change, time(0, 0), tzinfo=zone))
    reminders = make([Rule("Night", repeated)], zone, clock)
    shown = run_minutes(reminders, clock, 6 * 60)
    assert len(shown) == 1
    assert shown[0][1].astimezone(zone).fold == 0


def test_the_same_rule_in_two_zones_is_the_local_time_of_each() -> None:
    berlin = local_moment(date(2026, 7, 1), time(19, 0), BERLIN)
    new_york = local_moment(date(2026, 7, 1), time(19, 0), NEW_YORK)
    assert new_york - berlin == timedelta(hours=6)


def test_a_week_with_the_computer_off_for_three_days_gives_one_catch_up() -> None:
    clock = FakeClock(datetime(2026, 3, 2, 8, 0, tzinfo=BERLIN))  # Monday
    reminders = make([Rule("Neck", time(19, 0))], BERLIN, clock)
    shown = run_minutes(reminders, clock, 12 * 60)  # Monday to 20:00: Monday's reminder
    assert len(shown) == 1
    # Off from Monday 20:00 to Thursday 20:30: four reminder times pass unseen.
    clock.sleep(timedelta(days=3, minutes=30))
    due = reminders.check(clock.wall, clock.monotonic)
    assert reminders.clock_jumped
    assert due is not None and due.late
    assert due.when.astimezone(BERLIN) == datetime(2026, 3, 5, 19, 0, tzinfo=BERLIN)
    # ...and no burst after it: the rest of the week, one a day at 19:00.
    rest = run_minutes(reminders, clock, 4 * 24 * 60)
    assert [at.astimezone(BERLIN).strftime("%a %H:%M") for _, at in rest] == [
        "Fri 19:00",
        "Sat 19:00",
        "Sun 19:00",
        "Mon 19:00",
    ]
    assert not any(item.late for item, _ in rest)


def test_a_reminder_missed_long_ago_is_not_caught_up() -> None:
    clock = FakeClock(datetime(2026, 3, 2, 20, 0, tzinfo=BERLIN))
    reminders = make([Rule("Neck", time(19, 0))], BERLIN, clock)
    clock.sleep(timedelta(days=2, hours=12))  # Thursday 08:00: Wednesday 19:00 is 13 h old
    assert timedelta(hours=13) > CATCH_UP_WINDOW
    assert reminders.check(clock.wall, clock.monotonic) is None


def test_an_app_closed_through_a_reminder_catches_up_from_the_saved_check() -> None:
    clock = FakeClock(datetime(2026, 3, 2, 18, 0, tzinfo=BERLIN))
    first = make([Rule("Neck", time(19, 0))], BERLIN, clock)
    saved = first.last_checked
    clock.run(timedelta(hours=2))  # the app was closed from 18:00 to 20:00
    again = Reminders([Rule("Neck", time(19, 0))], BERLIN, Done(), last_checked=saved)
    due = again.check(clock.wall, clock.monotonic)
    assert due is not None and due.late and due.routine == "Neck"
    assert again.check(clock.wall + timedelta(minutes=1), clock.monotonic + 60) is None


def test_a_clock_set_back_does_not_repeat_a_reminder() -> None:
    clock = FakeClock(datetime(2026, 3, 2, 18, 59, tzinfo=BERLIN))
    reminders = make([Rule("Neck", time(19, 0))], BERLIN, clock)
    assert len(run_minutes(reminders, clock, 2)) == 1
    clock.wall -= timedelta(minutes=30)  # someone sets the clock back
    assert run_minutes(reminders, clock, 40) == []


def test_snooze_for_minutes_then_for_tomorrow() -> None:
    clock = FakeClock(datetime(2026, 3, 2, 18, 59, tzinfo=NEW_YORK))
    reminders = make([Rule("Neck", time(19, 0))], NEW_YORK, clock)
    (due, _), *_ = run_minutes(reminders, clock, 1)
    until = reminders.snooze(due, clock.wall, minutes=15)
    assert until == clock.wall + timedelta(minutes=15)
    shown = run_minutes(reminders, clock, 30)
    assert [(item.snoozed, at.astimezone(NEW_YORK).strftime("%H:%M")) for item, at in shown] == [
        (True, "19:15")
    ]
    until = reminders.snooze(shown[0][0], clock.wall, tomorrow=True)
    assert until.astimezone(NEW_YORK) == datetime(2026, 3, 3, 19, 0, tzinfo=NEW_YORK)
    later = run_minutes(reminders, clock, 24 * 60)
    assert [(item.snoozed, at.astimezone(NEW_YORK).strftime("%a %H:%M")) for item, at in later] == [
        (True, "Tue 19:00")
    ]


def test_snooze_until_tomorrow_across_a_daylight_saving_change() -> None:
    clock = FakeClock(datetime(2026, 3, 7, 18, 59, tzinfo=NEW_YORK))  # the day before
    reminders = make([Rule("Neck", time(19, 0))], NEW_YORK, clock)
    (due, _), *_ = run_minutes(reminders, clock, 1)
    until = reminders.snooze(due, clock.wall, tomorrow=True)
    assert until.astimezone(NEW_YORK).strftime("%H:%M") == "19:00"
    assert until - due.when == timedelta(hours=23)


def test_a_snoozed_reminder_is_dropped_once_the_routine_is_done() -> None:
    clock = FakeClock(datetime(2026, 3, 2, 18, 59, tzinfo=BERLIN))
    done = Done()
    reminders = make([Rule("Neck", time(19, 0))], BERLIN, clock, done)
    (due, _), *_ = run_minutes(reminders, clock, 1)
    reminders.snooze(due, clock.wall, minutes=60)
    done.add("Neck", date(2026, 3, 2))
    assert run_minutes(reminders, clock, 90) == []


def test_a_plan_reminds_after_rest_days_and_stops_when_the_week_is_done() -> None:
    plan = Schedule(times_per_week=3, weeks=4, start=date(2026, 3, 2))
    clock = FakeClock(datetime(2026, 3, 2, 8, 0, tzinfo=BERLIN))
    done = Done()
    reminders = make(rules_for([], {"Knee plan": plan}), BERLIN, clock, done)
    shown_days: list[str] = []
    for _ in range(7):  # each day: the reminder at 18:00, then the session at once
        for due, at in run_minutes(reminders, clock, 24 * 60):
            shown_days.append(at.astimezone(BERLIN).strftime("%a"))
            done.add(due.routine, at.astimezone(BERLIN).date())
    assert shown_days == ["Mon", "Wed", "Fri"]


def test_a_plan_behind_on_its_week_reminds_every_day_left() -> None:
    plan = Schedule(times_per_week=3, start=date(2026, 3, 2))
    clock = FakeClock(datetime(2026, 3, 6, 8, 0, tzinfo=BERLIN))  # Friday, nothing done
    done = Done()
    reminders = make(rules_for([], {"Knee plan": plan}), BERLIN, clock, done)
    shown = run_minutes(reminders, clock, 3 * 24 * 60)
    assert [at.astimezone(BERLIN).strftime("%a") for _, at in shown] == ["Fri", "Sat", "Sun"]


def test_a_plan_with_a_reminder_follows_its_days_and_ends_with_the_plan() -> None:
    plan = Schedule(times_per_week=2, weeks=1, start=date(2026, 3, 2))
    reminder = Reminder("Knee plan", time(7, 15), frozenset({1, 3, 5}))
    clock = FakeClock(datetime(2026, 3, 2, 0, 0, tzinfo=BERLIN))
    done = Done()
    rules = rules_for([reminder], {"Knee plan": plan})
    assert len(rules) == 1 and rules[0].plan == plan
    reminders = make(rules, BERLIN, clock, done)
    shown = run_minutes(reminders, clock, 14 * 24 * 60)
    # Tue and Thu; Sat is not needed once two are done; the plan ends after a week.
    assert [at.astimezone(BERLIN).strftime("%a %H:%M") for _, at in shown] == [
        "Tue 07:15",
        "Thu 07:15",
        "Sat 07:15",
    ]
    done.add("Knee plan", date(2026, 3, 3))
    done.add("Knee plan", date(2026, 3, 5))
    assert not rules[0].wanted_on(date(2026, 3, 7), done("Knee plan"))


def test_next_time_and_what_is_due_today() -> None:
    clock = FakeClock(datetime(2026, 3, 2, 12, 0, tzinfo=BERLIN))
    done = Done()
    rules = [Rule("Neck", time(19, 0), MON_WED_FRI), Rule("Back", time(7, 0))]
    reminders = make(rules, BERLIN, clock, done)
    upcoming = reminders.next_time(clock.wall)
    assert upcoming is not None
    assert upcoming[1] == "Neck"
    assert upcoming[0].astimezone(BERLIN).strftime("%a %H:%M") == "Mon 19:00"
    assert [title for title, _ in reminders.due_today(clock.wall)] == ["Back", "Neck"]
    done.add("Back", date(2026, 3, 2))
    assert [title for title, _ in reminders.due_today(clock.wall)] == ["Neck"]
    assert reminders.seconds_to_next_check(clock.wall) == 60.0
    near = clock.wall + timedelta(hours=6, minutes=59, seconds=30)
    assert reminders.seconds_to_next_check(near) == 30.0
