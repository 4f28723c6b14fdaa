"""What the Home page's Today card says: what is due, how the last session went, the week.

Plain values from the reminders (core/schedule.py), the plans in the library, the days
each routine was done and the last session of the history; the card only shows them.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from selfmassage.core.adherence import counts_toward_plan, week_progress
from selfmassage.core.history_queries import SessionSummary, local_day
from selfmassage.core.language import _, ngettext
from selfmassage.core.routine import Schedule
from selfmassage.core.schedule import DoneDays, Reminders
from selfmassage.core.words import feeling, in_sentence, session_status, short_date


def done_days_by_routine(conn: sqlite3.Connection) -> dict[str, frozenset[date]]:
    """Routine title -> the local days it was done (at least half its planned time, as
    a plan counts it); "" -> the days any routine was."""
    days: dict[str, set[date]] = defaultdict(set)
    for title, started, planned, done in conn.execute(
        "SELECT routine_title, started_at, planned_seconds, done_seconds FROM sessions"
    ):
        if counts_toward_plan(int(planned or 0), int(done or 0)):
            day = local_day(datetime.fromisoformat(str(started)))
            days[str(title)].add(day)
            days[""].add(day)
    return {title: frozenset(found) for title, found in days.items()}


def active_plan(plans: Mapping[str, Schedule], done: DoneDays, today: date) -> str | None:
    """The plan the person is on: of the plans running today, the one done most lately
    (then the first by title)."""
    running = [
        title
        for title, plan in plans.items()
        if week_progress(plan, done(title), today).state == "running"
    ]
    if not running:
        return None
    return max(sorted(running, reverse=True), key=lambda title: max(done(title), default=date.min))


@dataclass(frozen=True, slots=True)
class Today:
    due: str
    """"Due today: Knee plan at 18:00", "Done today: Knee plan", "Nothing due today"."""
    routine: str | None
    """The routine its Start button starts (a title), or None for none."""
    last: str
    """"Last session: Knee plan, Mon 2 Mar: Completed, felt better", or no sessions yet."""
    week: str
    """"Knee plan: 1 of 3 this week", or the sessions of this week."""


def today_view(
    reminders: Reminders,
    plans: Mapping[str, Schedule],
    last: SessionSummary | None,
    wall: datetime,
) -> Today:
    zone = reminders.zone
    day = wall.astimezone(zone).date()
    done = reminders.done_days
    due = reminders.due_today(wall)
    plan = active_plan(plans, done, day)
    if due:
        title, at = due[0]
        name = title or _("a self-massage")
        # Translators: a reminder: "Due today: Desk break at 09:30"
        text = _("Due today: {title} at {time}").format(
            title=name, time=at.astimezone(zone).strftime("%H:%M")
        )
        if len(due) > 1:
            more = len(due) - 1
            text = ngettext("{due} (and {n} more)", "{due} (and {n} more)", more).format(
                due=text, n=more
            )
        routine: str | None = title or plan or (last.routine_title if last else None)
    else:
        finished = [title for title in (plan, *plans) if title and day in done(title)]
        text = (
            _("Done today: {title}").format(title=finished[0])
            if finished
            else _("Nothing due today")
        )
        routine = plan or (last.routine_title if last else None)
    return Today(text, routine, _last_text(last, zone), _week_text(plan, plans, done, day))


def _last_text(last: SessionSummary | None, zone: tzinfo) -> str:
    if last is None:
        return _("No sessions yet")
    when = last.started_at.astimezone(zone)
    status = session_status("interrupted" if last.status == "running" else last.status)
    if last.feeling is not None:
        # Translators: "Last session: Desk break, Mon 05 Jan: Completed, felt better"
        text = _("Last session: {title}, {date}: {status}, felt {feeling}")
    else:
        text = _("Last session: {title}, {date}: {status}")
    return text.format(
        title=last.routine_title,
        date=short_date(when),
        status=status,
        feeling=in_sentence(feeling(last.feeling)) if last.feeling is not None else "",
    )


def _week_text(plan: str | None, plans: Mapping[str, Schedule], done: DoneDays, day: date) -> str:
    if plan is not None:
        return f"{plan}: {week_progress(plans[plan], done(plan), day).label}"
    monday = day - timedelta(days=day.weekday())
    this_week = sum(1 for found in done("") if monday <= found <= day)
    return ngettext(
        "This week: {n} day with a session", "This week: {n} days with a session", this_week
    ).format(n=this_week)
