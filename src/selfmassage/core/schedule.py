"""When to remind: a prescribed plan's days and a person's own reminders, in local time.

A reminder is a routine, the days of the week it is for (none: every day) and a time of
day on the wall clock of the person's time zone ("Mon, Wed, Fri at 19:00"; "every day
after work" is simply a time). A prescribed plan ("3 times a week for 4 weeks") reminds
on its own when it has no such days: on a day after a rest day while the week still
needs sessions, and every remaining day once the week needs them all.

``Reminders`` decides, each time it is asked with the wall clock and the monotonic
clock, whether a reminder is due now. It never bursts: however many reminder times
passed while the computer slept or the app was closed, at most one catch-up is shown,
and only if the last one missed is recent. A reminder is not shown on a day the routine
was already done. Times are kept in UTC; a local time that daylight saving skips is
moved forward by the gap, one that happens twice reminds once (the first).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from selfmassage.core.adherence import week_progress
from selfmassage.core.language import N_, _
from selfmassage.core.routine import Schedule

DAY_NAMES = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
"""Marked for translation: show ``_(name)``."""

CATCH_UP_WINDOW = timedelta(hours=12)
"""A reminder missed longer ago than this is not caught up: the next one will come."""

LATE_AFTER = timedelta(minutes=2)
"""A reminder shown later than this after its time (sleep, app closed) is a catch-up."""

CHECK_AT_LEAST_EVERY = 60.0
"""Seconds: the longest wait between checks, so a clock change or a sleep is seen soon."""

JUMP_TOLERANCE = 90.0
"""Seconds the wall clock may drift from the monotonic one before it counts as a jump."""

DEFAULT_PLAN_TIME = time(18, 0)
"""When a plan with no time of its own reminds."""


@dataclass(frozen=True, slots=True)
class Reminder:
    """A person's reminder: ``routine`` (its title; empty for any routine) on ``days``
    (0 = Monday; empty = every day) at ``at``, local time."""

    routine: str
    at: time
    days: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        if not self.days <= set(range(7)):
            raise ValueError(f"days are 0 (Monday) to 6 (Sunday), not {sorted(self.days)}")

    @property
    def label(self) -> str:
        """ "Mon, Wed, Fri at 19:00", "every day at 07:30"."""
        # Translators: when a reminder comes: "Mon, Wed, Fri at 19:00", "every day at 07:30"
        return _("{days} at {time}").format(
            days=days_label(self.days), time=self.at.strftime("%H:%M")
        )


def days_label(days: Iterable[int]) -> str:
    chosen = sorted(set(days))
    if not chosen or len(chosen) == 7:
        return _("every day")
    if chosen == [0, 1, 2, 3, 4]:
        return _("weekdays")
    if chosen == [5, 6]:
        return _("weekends")
    return ", ".join(_(DAY_NAMES[day]) for day in chosen)


def local_moment(day: date, at: time, zone: tzinfo) -> datetime:
    """``day`` at ``at`` on the local wall clock, in UTC.

    A time skipped by daylight saving (02:30 when clocks go 02:00 -> 03:00) is read with
    the offset before the change, which lands it as far past the change as it was meant
    to be (03:30); a time that happens twice is its first occurrence (fold 0).
    """
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Rule:
    """One source of reminders: a person's reminder, or a plan (with or without one)."""

    routine: str
    at: time
    days: frozenset[int] = frozenset()
    plan: Schedule | None = None
    """The prescribed plan the routine follows; its weeks bound the reminders."""

    def wanted_on(self, day: date, done_days: frozenset[date]) -> bool:
        """Whether ``day`` is a reminder day, given the days the routine was done."""
        if self.plan is None:
            return not self.days or day.weekday() in self.days
        progress = week_progress(self.plan, done_days, day)
        if progress.state != "running":
            return False
        if self.days:
            return day.weekday() in self.days and progress.done < progress.planned
        return plan_wants(self.plan, done_days, day)


def plan_wants(plan: Schedule, done_days: frozenset[date], day: date) -> bool:
    """A plan's day without days of its own: the week still needs sessions, and either
    yesterday was a rest day or every day left this week is needed."""
    progress = week_progress(plan, done_days, day)
    needed = progress.planned - progress.done
    if needed <= 0:
        return False
    days_left = 7 - day.weekday()
    return (day - timedelta(days=1)) not in done_days or needed >= days_left


def rules_for(reminders: Iterable[Reminder], plans: dict[str, Schedule]) -> list[Rule]:
    """The rules from the person's reminders and the plans in their library: a plan with
    a reminder of its own follows that reminder's days and time."""
    rules: list[Rule] = []
    covered: set[str] = set()
    for reminder in reminders:
        plan = plans.get(reminder.routine)
        rules.append(Rule(reminder.routine, reminder.at, reminder.days, plan))
        covered.add(reminder.routine)
    for title, plan in plans.items():
        if title not in covered:
            rules.append(Rule(title, DEFAULT_PLAN_TIME, frozenset(), plan))
    return rules


@dataclass(frozen=True, slots=True)
class Due:
    """A reminder to show now."""

    routine: str
    when: datetime
    """The reminder's time (UTC) as planned (before any snooze)."""
    late: bool = False
    """A catch-up: its time passed while the computer slept or the app was closed."""
    snoozed: bool = False
    """It comes back from a snooze."""


DoneDays = Callable[[str], frozenset[date]]
"""routine title ("" for any routine) -> the local days it was done."""


@dataclass
class Reminders:
    """What is due and when, from the rules, the time zone and the days done.

    ``last_checked`` (UTC) is kept by the caller across runs (in the settings): reminder
    times up to it are handled. ``snoozed_until`` likewise.
    """

    rules: list[Rule]
    zone: tzinfo
    done_days: DoneDays
    last_checked: datetime | None = None
    snoozed_until: datetime | None = None
    snoozed_routine: str = ""
    snoozed_from: datetime | None = None
    """The planned time of the reminder that was snoozed."""
    _last_wall: datetime | None = field(default=None, repr=False)
    _last_monotonic: float | None = field(default=None, repr=False)
    clock_jumped: bool = field(default=False, repr=False)
    """The last check saw the wall clock move apart from the monotonic clock: the
    computer slept, or someone changed the clock or the time zone."""

    def occurrences(self, rule: Rule, after: datetime, until: datetime) -> Iterator[datetime]:
        """The rule's reminder times in (after, until], UTC, oldest first."""
        done = self.done_days(rule.routine)
        day = after.astimezone(self.zone).date()
        last = until.astimezone(self.zone).date()
        while day <= last:
            moment = local_moment(day, rule.at, self.zone)
            if after < moment <= until and day not in done and rule.wanted_on(day, done):
                yield moment
            day += timedelta(days=1)

    def check(self, wall: datetime, monotonic: float) -> Due | None:
        """The reminder to show at ``wall`` (aware) if any; marks everything up to
        ``wall`` handled, so each reminder time is shown once, however often asked."""
        wall = wall.astimezone(UTC)
        self._note_clocks(wall, monotonic)
        if self.last_checked is None or wall < self.last_checked - timedelta(days=1):
            # A first run (nothing to catch up) or a clock set far back: start afresh.
            self.last_checked = wall
            return None
        after = self.last_checked
        if wall <= after:
            return None  # the clock went back a little: those times were handled
        self.last_checked = wall
        snoozed = self._from_snooze(after, wall)
        if snoozed is not None:
            return snoozed
        latest: tuple[datetime, str] | None = None
        for rule in self.rules:
            for moment in self.occurrences(rule, after, wall):
                if self._in_snooze(rule.routine, moment):
                    continue
                if latest is None or moment > latest[0]:
                    latest = (moment, rule.routine)
        if latest is None:
            return None
        moment, routine = latest
        if wall - moment > CATCH_UP_WINDOW:
            return None
        return Due(routine, moment, late=wall - moment > LATE_AFTER)

    def _from_snooze(self, after: datetime, wall: datetime) -> Due | None:
        until = self.snoozed_until
        if until is None or until > wall:
            return None
        routine, planned = self.snoozed_routine, self.snoozed_from or until
        self.snoozed_until, self.snoozed_routine, self.snoozed_from = None, "", None
        local_day = until.astimezone(self.zone).date()
        if local_day in self.done_days(routine) or wall - until > CATCH_UP_WINDOW:
            return None
        return Due(routine, planned, late=wall - until > LATE_AFTER, snoozed=True)

    def _in_snooze(self, routine: str, moment: datetime) -> bool:
        """A snoozed routine's reminder times before the snooze ends are skipped."""
        until = self.snoozed_until
        return until is not None and routine == self.snoozed_routine and moment < until

    def snooze(
        self, due: Due, wall: datetime, *, minutes: int = 0, tomorrow: bool = False
    ) -> datetime:
        """Put ``due`` off by ``minutes`` or until tomorrow at its time; returns when."""
        wall = wall.astimezone(UTC)
        if tomorrow:
            local = due.when.astimezone(self.zone)
            day = max(local.date(), wall.astimezone(self.zone).date()) + timedelta(days=1)
            until = local_moment(day, local.time().replace(tzinfo=None), self.zone)
        else:
            until = wall + timedelta(minutes=minutes)
        self.snoozed_until, self.snoozed_routine, self.snoozed_from = until, due.routine, due.when
        return until

    def next_time(self, wall: datetime, horizon_days: int = 8) -> tuple[datetime, str] | None:
        """The next reminder after ``wall`` (UTC, routine), the snooze included."""
        wall = wall.astimezone(UTC)
        after = max(wall, self.last_checked or wall)
        found: list[tuple[datetime, str]] = []
        if self.snoozed_until is not None and self.snoozed_until > wall:
            found.append((self.snoozed_until, self.snoozed_routine))
        until = wall + timedelta(days=horizon_days)
        for rule in self.rules:
            for moment in self.occurrences(rule, after, until):
                if not self._in_snooze(rule.routine, moment):
                    found.append((moment, rule.routine))
                    break
        return min(found) if found else None

    def due_today(self, wall: datetime) -> list[tuple[str, datetime]]:
        """(routine, its time today in UTC) of each rule that wants today and is not yet
        done today, earliest first: what the Today card shows."""
        local = wall.astimezone(self.zone)
        day = local.date()
        found: list[tuple[str, datetime]] = []
        for rule in self.rules:
            done = self.done_days(rule.routine)
            if day not in done and rule.wanted_on(day, done):
                found.append((rule.routine, local_moment(day, rule.at, self.zone)))
        return sorted(found, key=lambda item: item[1])

    def seconds_to_next_check(self, wall: datetime) -> float:
        """How long the caller may wait before asking again: until the next reminder,
        but never more than CHECK_AT_LEAST_EVERY (a sleep or a clock change is then
        seen within a minute)."""
        upcoming = self.next_time(wall, horizon_days=1)
        if upcoming is None:
            return CHECK_AT_LEAST_EVERY
        wait = (upcoming[0] - wall.astimezone(UTC)).total_seconds()
        return min(max(wait, 0.5), CHECK_AT_LEAST_EVERY)

    def _note_clocks(self, wall: datetime, monotonic: float) -> None:
        previous_wall, previous_monotonic = self._last_wall, self._last_monotonic
        self._last_wall, self._last_monotonic = wall, monotonic
        if previous_wall is None or previous_monotonic is None:
            self.clock_jumped = False
            return
        drift = (wall - previous_wall).total_seconds() - (monotonic - previous_monotonic)
        self.clock_jumped = abs(drift) > JUMP_TOLERANCE


def system_zone() -> tzinfo:
    """The computer's time zone: its IANA name where the system says it, else the fixed
    offset Python sees now."""
    import os

    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ValueError, OSError, KeyError):
            pass
    try:
        target = os.path.realpath("/etc/localtime")
        marker = "zoneinfo/"
        if marker in target:
            return ZoneInfo(target.split(marker, 1)[1])
    except (ValueError, OSError, KeyError):
        pass
    found = datetime.now().astimezone().tzinfo
    return found if found is not None else UTC
