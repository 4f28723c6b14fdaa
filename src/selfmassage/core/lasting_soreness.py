"""Places that have stayed sore: from the person's own soreness ratings in the history.

A place has stayed sore when every session that rated it over the last two weeks or
more rated it 6 out of 10 or higher, the latest of them recently. Each session counts
with its before rating (how the place has been since the last time), or its after
rating when no before rating was given: a massage can ease a place for an hour without
changing how it has been for days.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from selfmassage.core.aftercare import LASTING_DAYS, SORE_RATING
from selfmassage.core.history_queries import body_order
from selfmassage.core.history_records import from_text, to_text

RECENT_DAYS = 7
"""The latest sore rating is at most this old: an old run says nothing about today."""
LOOK_BACK_DAYS = 90
"""How far back a run is followed; older ratings are not read."""


@dataclass(frozen=True, slots=True)
class LastingSoreness:
    place: str
    """``calves-left``, ``neck``."""
    since: datetime
    """The start of the first session of the run (within the look-back)."""
    latest: datetime
    ratings: tuple[int, ...]
    """The run's ratings, oldest first."""


def lasting_soreness(conn: sqlite3.Connection, now: datetime) -> list[LastingSoreness]:
    """Places that have been rated sore in every session for two weeks or more, head to
    foot; empty when none has."""
    rows = conn.execute(
        "SELECT r.region, s.started_at, "
        "max(CASE WHEN r.moment = 'before' THEN r.rating END), "
        "max(CASE WHEN r.moment = 'after' THEN r.rating END) "
        "FROM soreness r JOIN sessions s ON s.id = r.session_id "
        "WHERE s.started_at >= ? AND s.started_at <= ? "
        "GROUP BY s.id, r.region ORDER BY s.started_at, s.id",
        (to_text(now - timedelta(days=LOOK_BACK_DAYS)), to_text(now)),
    )
    runs: dict[str, list[tuple[datetime, int]]] = {}
    for place, started, before, after in rows:
        rating = before if before is not None else after
        if rating is None:
            continue
        run = runs.setdefault(str(place), [])
        if int(rating) < SORE_RATING:
            run.clear()  # a rating below sore ends the run
        else:
            run.append((from_text(str(started)), int(rating)))
    found: dict[str, LastingSoreness] = {}
    for place, run in runs.items():
        if not run:
            continue
        since, latest = run[0][0], run[-1][0]
        if latest - since >= timedelta(days=LASTING_DAYS) and now - latest <= timedelta(
            days=RECENT_DAYS
        ):
            found[place] = LastingSoreness(place, since, latest, tuple(r for _, r in run))
    return [found[place] for place in body_order(found)]
