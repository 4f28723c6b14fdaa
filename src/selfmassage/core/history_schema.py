"""The history database's schema, as the steps that build it: one migration per version.

``MIGRATIONS[n]`` turns a version-n database into a version-(n+1) one; ``core/history.py``
runs them by ``PRAGMA user_version``, each in its own transaction after a backup copy.
"""

from __future__ import annotations

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

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5)
