"""The history file's schema and connection: migrations by ``PRAGMA user_version``.

Each migration runs in an explicit transaction with its version bump; a file written
by a newer version is refused before anything here changes it.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from selfmassage.core import history_totals
from selfmassage.core.language import _
from selfmassage.core.private_files import private_file, tighten

log = logging.getLogger("selfmassage.core.history")

BUSY_TIMEOUT_SECONDS = 5.0
"""How long a write waits for another connection's transaction (an import's chunk)."""


class HistoryError(Exception):
    """The history cannot be used; the message says why, in the user's words."""


class HistoryUnavailableError(HistoryError):
    """The history cannot be opened just now; the message is a whole sentence to show."""


class NewerHistoryError(HistoryError):
    """The file was written by a newer version of the app; it is left untouched."""


# Migrations ------------------------------------------------------------------------------

# MIGRATIONS[n] turns a version-n database into a version-(n+1) one. Never edit one that
# has shipped: add a new one.
_V1 = """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    routine_title TEXT NOT NULL,
    routine_snapshot TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL,
    ended_at TEXT,
    planned_seconds INTEGER NOT NULL DEFAULT 0,
    done_seconds INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL
        CHECK (status IN ('running', 'completed', 'stopped', 'interrupted')),
    app_version TEXT NOT NULL DEFAULT ''
);
CREATE TABLE steps (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    region TEXT NOT NULL,
    side TEXT NOT NULL DEFAULT '',
    technique TEXT NOT NULL DEFAULT '',
    tool TEXT NOT NULL DEFAULT '',
    planned_seconds INTEGER NOT NULL DEFAULT 0,
    actual_seconds INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
    ended_at TEXT NOT NULL,
    UNIQUE (session_id, position, side)
);
"""

_V2 = """
ALTER TABLE sessions ADD COLUMN feeling INTEGER CHECK (feeling BETWEEN 1 AND 5);
ALTER TABLE sessions ADD COLUMN notes TEXT NOT NULL DEFAULT '';
CREATE TABLE soreness (
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    moment TEXT NOT NULL CHECK (moment IN ('before', 'after')),
    region TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 10),
    PRIMARY KEY (session_id, moment, region)
) WITHOUT ROWID;
"""

_V3 = """
CREATE INDEX sessions_by_start ON sessions(started_at);
CREATE INDEX sessions_by_status ON sessions(status) WHERE status = 'running';
CREATE INDEX soreness_by_region ON soreness(region, moment);
"""

# Version 4: a session can be "partly done" (a CHECK constraint, so the table is built
# anew), and a step remembers that it was ended early, with the seconds it got. Steps
# written before were either skipped (their time was not kept) or, when they got less
# than their planned time, ended by a stop.
_V4 = """
CREATE TABLE sessions_v4 (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    routine_title TEXT NOT NULL,
    routine_snapshot TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL,
    ended_at TEXT,
    planned_seconds INTEGER NOT NULL DEFAULT 0,
    done_seconds INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL
        CHECK (status IN ('running', 'completed', 'partly_done', 'stopped', 'interrupted')),
    app_version TEXT NOT NULL DEFAULT '',
    feeling INTEGER CHECK (feeling BETWEEN 1 AND 5),
    notes TEXT NOT NULL DEFAULT ''
);
INSERT INTO sessions_v4 (id, uuid, routine_title, routine_snapshot, started_at, ended_at,
    planned_seconds, done_seconds, status, app_version, feeling, notes)
SELECT id, uuid, routine_title, routine_snapshot, started_at, ended_at, planned_seconds,
    done_seconds, status, app_version, feeling, notes FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_v4 RENAME TO sessions;
CREATE INDEX sessions_by_start ON sessions(started_at);
CREATE INDEX sessions_by_status ON sessions(status) WHERE status = 'running';
ALTER TABLE steps ADD COLUMN ended_early INTEGER NOT NULL DEFAULT 0
    CHECK (ended_early IN (0, 1));
UPDATE steps SET ended_early = 1 WHERE skipped = 0 AND actual_seconds < planned_seconds
"""

# Version 5: soreness is rated per side, as chosen on the map (``calves-left``). A rating
# of a whole sided region, from before, stands for both its sides. The sided regions are
# written out: this migration must not change when the anatomy does.
_SIDED_IN_V5 = (
    "("
    "'upper-traps', 'shoulders', 'chest', 'lats', 'biceps', 'triceps', 'forearms', "
    "'hands', 'glutes', 'hip-flexors', 'outer-thighs', 'quads', 'adductors', 'hamstrings', "
    "'calves', 'shins', 'feet'"
    ")"
)
_V5 = f"""
INSERT OR IGNORE INTO soreness (session_id, moment, region, rating)
SELECT session_id, moment, region || '-left', rating FROM soreness
WHERE region IN {_SIDED_IN_V5};
INSERT OR IGNORE INTO soreness (session_id, moment, region, rating)
SELECT session_id, moment, region || '-right', rating FROM soreness
WHERE region IN {_SIDED_IN_V5};
DELETE FROM soreness WHERE region IN {_SIDED_IN_V5}
"""

# Version 6: running figures (soreness change per place, days with a session) kept by
# triggers, so the History page reads a few rows however long the history is.
_V6 = history_totals.MIGRATION

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5, _V6)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    conn: sqlite3.Connection,
    target: int = SCHEMA_VERSION,
    before_each: Callable[[int], None] | None = None,
) -> int:
    """Bring the database up to ``target``; returns the version it started at.

    ``before_each(version)`` runs before each migration of a database that held a
    schema already (the store takes its backup copy there); a new file has nothing to
    keep, so its first migrations take none.
    """
    start = schema_version(conn)
    _refuse_newer(start)
    version = start
    # A table built anew is dropped and replaced: with foreign keys on, the drop would
    # delete its steps and ratings. SQLite's own recipe: off outside the transaction,
    # and a foreign key check before each commit.
    keys_on = bool(conn.execute("PRAGMA foreign_keys").fetchone()[0])
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        while version < target:
            version = _migrate_one(conn, version, before_each if start > 0 else None)
    finally:
        if keys_on:
            conn.execute("PRAGMA foreign_keys = ON")
    return start


def _migrate_one(
    conn: sqlite3.Connection, version: int, before_each: Callable[[int], None] | None
) -> int:
    if before_each is not None:
        before_each(version)
    # executescript would commit on its own; run statement by statement instead, so
    # the migration and its version bump are one transaction.
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in _statements(MIGRATIONS[version]):
            conn.execute(statement)
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise sqlite3.IntegrityError(f"history migration broke links: {broken[:3]}")
        conn.execute(f"PRAGMA user_version = {version + 1}")
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise
    version += 1
    log.info("history migrated to version %s", version)
    return version


def _refuse_newer(version: int) -> None:
    if version > SCHEMA_VERSION:
        raise NewerHistoryError(
            _(
                "The history was written by a newer version of SelfMassage (history format "
                "{version}; this version reads up to {reads}). It has been left as it "
                "is: update SelfMassage to see it."
            ).format(version=version, reads=SCHEMA_VERSION)
        )


def _rollback(conn: sqlite3.Connection) -> None:
    # Some errors (a full disk) have already rolled the transaction back; a rollback
    # that fails too must not hide the error that caused it.
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error as error:
            log.warning("rollback failed: %s", error)


def _statements(script: str) -> Iterator[str]:
    # A trigger's body holds semicolons of its own: a statement ends where SQLite says
    # it is complete.
    statement = ""
    for part in script.split(";"):
        statement += part + ";"
        if sqlite3.complete_statement(statement):
            if statement.strip(" \n;"):
                yield statement.strip()
            statement = ""
    if statement.strip(" \n;"):
        yield statement.strip()


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the durability settings the history relies on.

    The file is made (or tightened to) 0600 first: SQLite gives its -wal and -shm the
    same permissions, so the whole history is private whatever the umask.
    """
    private_file(path)
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        # Refuse a newer file before anything here (even the journal mode) changes it.
        _refuse_newer(schema_version(conn))
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            log.warning("history journal mode is %s, not wal", mode)
        conn.execute("PRAGMA synchronous = FULL")
        # A deleted session is overwritten, not just unlinked: the person asked it gone.
        conn.execute("PRAGMA secure_delete = ON")
    except BaseException:
        conn.close()
        raise
    for extra in ("-wal", "-shm"):  # left readable by an older version, perhaps
        tighten(path.with_name(path.name + extra))
    return conn
