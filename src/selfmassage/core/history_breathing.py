"""Breathing in the history: its minutes, apart from the minutes of massage.

A breathing step is kept like any step, with BREATHING where a massage step keeps its
region (core/breathing.py), so no schema change was needed; these queries tell the two
apart, so breathing never shows as a muscle.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from selfmassage.core.breathing import BREATHING
from selfmassage.core.history_records import to_text
from selfmassage.core.language import ngettext
from selfmassage.core.words import rounded_minutes


def breathing_seconds(conn: sqlite3.Connection, since: datetime | None = None) -> int:
    """Seconds of breathing done (steps not skipped) in sessions started since ``since``."""
    # From the sessions' start index (CROSS JOIN keeps that order): the History page asks
    # for the last 28 days, which must not read every step of the history.
    sql = (
        "SELECT coalesce(sum(t.actual_seconds), 0) FROM sessions s "
        "CROSS JOIN steps t ON t.session_id = s.id "
        "WHERE t.region = ? AND t.skipped = 0 AND s.started_at >= ?"
    )
    (seconds,) = conn.execute(sql, (BREATHING, to_text(since) if since else "")).fetchone()
    return int(seconds)


def breathing_sentence(conn: sqlite3.Connection, since: datetime, days: int) -> str | None:
    """ "Slow breathing: 25 min in the last 28 days." when there was any."""
    seconds = breathing_seconds(conn, since)
    if seconds < 60:
        return None
    return ngettext(
        "Slow breathing: {time} in the last {n} day.",
        "Slow breathing: {time} in the last {n} days.",
        days,
    ).format(time=rounded_minutes(seconds), n=days)
