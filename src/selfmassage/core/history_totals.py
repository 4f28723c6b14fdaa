"""Running figures of the history, kept by triggers as rows are written and deleted.

The History page reads these small tables instead of the whole history, so it costs the
same after forty years as after one:

- ``soreness_changes``: per session and place, after minus before, where the place was
  rated both times and worked in the session (one row per session and place at most);
- ``region_totals``: per place with any rating, the sum and count of those changes;
- ``day_totals``: per local day with a session, sessions and seconds done.

Triggers keep them, whoever writes (a session as it runs, an import, a salvage, a
delete), within the writer's own transaction. Each trigger works out the figures of
the one session and place it touched from the rows as they are, so an ``INSERT OR
REPLACE`` (which fires no delete trigger) is counted right too.

Local days depend on the computer's time zone. ``day_totals_zone`` remembers the zone
the days were counted in (the local clock at noon UTC on the 15th of every month of two
years); a write from another zone marks them out of date, and a reader in a zone other
than theirs counts them again (``day_totals``).
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import date

log = logging.getLogger(__name__)

# Never edit after it has shipped: the migration and its triggers use it as it is.
ZONE = (
    "("
    + " || ".join(
        f"strftime('%H%M', '{year}-{month:02}-15 12:00', 'localtime')"
        for year in (2001, 2021)
        for month in range(1, 13)
    )
    + ")"
)
"""SQL: the local clock at 24 moments, standing for the computer's time zone."""

# A rated place (``b.region``) was worked in its session when a step not skipped worked
# that side (a sided step with no side worked both). Written out here, not shared with
# the queries: the migration must not change when they do.
_WORKED = """EXISTS (SELECT 1 FROM steps w
 WHERE w.session_id = b.session_id AND w.skipped = 0
   AND (w.region = b.region OR w.region || '-' || w.side = b.region
        OR (w.side IN ('both', '') AND b.region IN (w.region || '-left', w.region || '-right'))))"""

_CHANGES = f"""SELECT b.session_id, b.region, a.rating - b.rating FROM soreness b
 JOIN soreness a ON a.session_id = b.session_id AND a.region = b.region AND a.moment = 'after'
 WHERE b.moment = 'before' AND {_WORKED}"""


def _changes_of_place(session: str, region: str) -> str:
    return (
        f"DELETE FROM soreness_changes WHERE session_id = {session} AND region = {region};\n"
        f"INSERT INTO soreness_changes (session_id, region, change) {_CHANGES}\n"
        f" AND b.session_id = {session} AND b.region = {region};\n"
    )


def _changes_of_session(session: str) -> str:
    return (
        f"DELETE FROM soreness_changes WHERE session_id = {session};\n"
        f"INSERT INTO soreness_changes (session_id, region, change) {_CHANGES}\n"
        f" AND b.session_id = {session};\n"
    )


def _day_added(started: str, done: str) -> str:
    return (
        "INSERT INTO day_totals (day, sessions, seconds)\n"
        f" VALUES (date({started}, 'localtime'), 1, {done})\n"
        " ON CONFLICT (day) DO UPDATE SET sessions = sessions + 1,\n"
        "  seconds = seconds + excluded.seconds;\n"
        f"UPDATE day_totals_zone SET zone = '' WHERE zone <> {ZONE};\n"
    )


def _day_removed(started: str, done: str) -> str:
    return (
        "UPDATE day_totals SET sessions = sessions - 1, seconds = seconds - "
        f"{done}\n WHERE day = date({started}, 'localtime');\n"
        f"DELETE FROM day_totals WHERE day = date({started}, 'localtime') AND sessions <= 0;\n"
        f"UPDATE day_totals_zone SET zone = '' WHERE zone <> {ZONE};\n"
    )


def _region_gone(region: str) -> str:
    return (
        f"DELETE FROM region_totals WHERE region = {region}\n"
        f" AND NOT EXISTS (SELECT 1 FROM soreness WHERE region = {region});\n"
    )


_REGION_SEEN = "INSERT INTO region_totals (region) VALUES ({}) ON CONFLICT (region) DO NOTHING;\n"

# A step or rating deleted with its session (a cascade) finds the session gone: its
# figures go with the session's own trigger, without working anything out again.
_SESSION_KEPT = "EXISTS (SELECT 1 FROM sessions WHERE id = {})"
_RATED_AFTER = "EXISTS (SELECT 1 FROM soreness WHERE session_id = {} AND moment = 'after')"


MIGRATION = f"""
CREATE TABLE soreness_changes (
    session_id INTEGER NOT NULL,
    region TEXT NOT NULL,
    change INTEGER NOT NULL,
    PRIMARY KEY (session_id, region)
) WITHOUT ROWID;
CREATE TABLE region_totals (
    region TEXT PRIMARY KEY,
    sessions INTEGER NOT NULL DEFAULT 0,
    change_total INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE day_totals (
    day TEXT PRIMARY KEY,
    sessions INTEGER NOT NULL,
    seconds INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE day_totals_zone (zone TEXT NOT NULL);

INSERT INTO soreness_changes (session_id, region, change) {_CHANGES};
INSERT INTO region_totals (region, sessions, change_total)
SELECT r.region, count(c.change), coalesce(sum(c.change), 0)
  FROM (SELECT DISTINCT region FROM soreness) r
  LEFT JOIN soreness_changes c ON c.region = r.region
 GROUP BY r.region;
INSERT INTO day_totals (day, sessions, seconds)
SELECT date(started_at, 'localtime'), count(*), sum(done_seconds) FROM sessions GROUP BY 1;
INSERT INTO day_totals_zone (zone) VALUES ({ZONE});

CREATE TRIGGER soreness_change_added AFTER INSERT ON soreness_changes BEGIN
UPDATE region_totals SET sessions = sessions + 1, change_total = change_total + NEW.change
 WHERE region = NEW.region;
END;
CREATE TRIGGER soreness_change_removed AFTER DELETE ON soreness_changes BEGIN
UPDATE region_totals SET sessions = sessions - 1, change_total = change_total - OLD.change
 WHERE region = OLD.region;
END;

CREATE TRIGGER soreness_added AFTER INSERT ON soreness BEGIN
{_REGION_SEEN.format("NEW.region")}{_changes_of_place("NEW.session_id", "NEW.region")}END;
CREATE TRIGGER soreness_removed AFTER DELETE ON soreness BEGIN
DELETE FROM soreness_changes WHERE session_id = OLD.session_id AND region = OLD.region;
{_region_gone("OLD.region")}END;
CREATE TRIGGER soreness_updated AFTER UPDATE ON soreness BEGIN
DELETE FROM soreness_changes WHERE session_id = OLD.session_id AND region = OLD.region;
{_REGION_SEEN.format("NEW.region")}{_changes_of_place("OLD.session_id", "OLD.region")}\
{_changes_of_place("NEW.session_id", "NEW.region")}{_region_gone("OLD.region")}END;

CREATE TRIGGER step_added AFTER INSERT ON steps
WHEN {_RATED_AFTER.format("NEW.session_id")} BEGIN
{_changes_of_session("NEW.session_id")}END;
CREATE TRIGGER step_removed AFTER DELETE ON steps
WHEN {_SESSION_KEPT.format("OLD.session_id")} AND {_RATED_AFTER.format("OLD.session_id")} BEGIN
{_changes_of_session("OLD.session_id")}END;
CREATE TRIGGER step_updated AFTER UPDATE OF session_id, region, side, skipped ON steps BEGIN
{_changes_of_session("OLD.session_id")}{_changes_of_session("NEW.session_id")}END;

CREATE TRIGGER session_added AFTER INSERT ON sessions BEGIN
{_day_added("NEW.started_at", "NEW.done_seconds")}END;
CREATE TRIGGER session_removed AFTER DELETE ON sessions BEGIN
DELETE FROM soreness_changes WHERE session_id = OLD.id;
{_day_removed("OLD.started_at", "OLD.done_seconds")}END;
CREATE TRIGGER session_day_changed AFTER UPDATE OF started_at, done_seconds ON sessions BEGIN
{_day_removed("OLD.started_at", "OLD.done_seconds")}\
{_day_added("NEW.started_at", "NEW.done_seconds")}END
"""
"""The schema step that adds the running figures and fills them from the rows there."""


def day_totals(conn: sqlite3.Connection) -> list[tuple[date, int, int]]:
    """(local day, sessions, seconds done) for every day with a session, oldest first.

    Counted again first when they were counted in another time zone; if the history
    cannot be written just now, counted from the sessions without keeping the result.
    """
    sql = "SELECT day, sessions, seconds FROM day_totals ORDER BY day"
    current = conn.execute(f"SELECT coalesce(max(zone = {ZONE}), 0) FROM day_totals_zone")
    if not current.fetchone()[0]:
        try:
            _count_days_again(conn)
        except sqlite3.Error as error:
            log.warning("days with a session counted without keeping them: %s", error)
            sql = (
                "SELECT date(started_at, 'localtime') AS day, count(*), sum(done_seconds) "
                "FROM sessions GROUP BY day ORDER BY day"
            )
    return [(date.fromisoformat(day), int(n), int(s)) for day, n, s in conn.execute(sql)]


def _count_days_again(conn: sqlite3.Connection) -> None:
    conn.execute("SAVEPOINT day_totals")
    try:
        conn.execute("DELETE FROM day_totals")
        conn.execute(
            "INSERT INTO day_totals (day, sessions, seconds) "
            "SELECT date(started_at, 'localtime'), count(*), sum(done_seconds) "
            "FROM sessions GROUP BY 1"
        )
        conn.execute("DELETE FROM day_totals_zone")
        conn.execute(f"INSERT INTO day_totals_zone (zone) VALUES ({ZONE})")
        conn.execute("RELEASE day_totals")
    except BaseException:
        conn.execute("ROLLBACK TO day_totals")
        conn.execute("RELEASE day_totals")
        raise
    log.info("days with a session counted again in this time zone")
