"""The history store: one SQLite file that keeps every session as it happens.

A session is written while it runs: its row at start, each step when it ends, its end
status last, each in its own committed transaction (WAL, synchronous=FULL), so a crash
or a kill loses nothing that was finished. The schema evolves by ``PRAGMA user_version``
migrations, each in an explicit transaction, with a copy of the file taken first.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid as uuid_module
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from selfmassage.core.history_locks import SessionLock, is_alive
from selfmassage.core.history_schema import MIGRATIONS

log = logging.getLogger(__name__)


class HistoryError(Exception):
    """The history cannot be used; the message says why, in the user's words."""


class NewerHistoryError(HistoryError):
    """The file was written by a newer version of the app; it is left untouched."""


class SessionStatus(StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"
    """Ran to its end with every step done in full."""
    PARTLY_DONE = "partly_done"
    """Ran to its end, but some steps were ended early or skipped."""
    STOPPED = "stopped"
    """The person stopped it before its end."""
    INTERRUPTED = "interrupted"
    """Found still running at the next start: a crash, a power cut or a kill."""


class Moment(StrEnum):
    BEFORE = "before"
    AFTER = "after"


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_text(moment: datetime) -> str:
    """Times are stored in UTC, ISO 8601, so that they sort and compare as text."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def from_text(text: str) -> datetime:
    return datetime.fromisoformat(text)


# Migrations ------------------------------------------------------------------------------

# The schema's steps live in history_schema.py; MIGRATIONS is read from here, at run time.
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
    if version > 0 and before_each is not None:
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
            f"The history was written by a newer version of SelfMassage (history format "
            f"{version}; this version reads up to {SCHEMA_VERSION}). It has been left as it "
            "is: update SelfMassage to see it."
        )


def _rollback(conn: sqlite3.Connection) -> None:
    # Some errors (a full disk) have already rolled the transaction back.
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def _statements(script: str) -> Iterator[str]:
    for part in script.split(";"):
        if part.strip():
            yield part.strip()


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the durability settings the history relies on."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=5.0)
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
    return conn


# Records -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StepRecord:
    """One step as it ended: done, ended early after ``actual_seconds``, or skipped
    (no time)."""

    position: int
    """The step's index in the routine, from 0."""
    region: str
    side: str | None
    """left, right, both, or None for a midline region."""
    technique: str
    tool: str
    planned_seconds: int
    actual_seconds: int
    skipped: bool = False
    ended_early: bool = False


@dataclass(frozen=True, slots=True)
class Unfinished:
    """A session found unfinished at start: now marked interrupted, and resumable."""

    uuid: str
    routine_title: str
    routine_snapshot: str
    started_at: datetime
    steps_done: int
    next_position: int
    """Where to resume: the step after the last one that ended."""


# The store -----------------------------------------------------------------------------


class HistoryStore:
    """The open history file. Use it from one thread; backups open their own connection."""

    def __init__(
        self,
        path: Path,
        *,
        app_version: str = "",
        clock: Callable[[], datetime] = utc_now,
        before_migration: Callable[[int], None] | None = None,
    ) -> None:
        self.path = path
        self.app_version = app_version
        self.clock = clock
        try:
            self.conn = connect(path)
        except sqlite3.Error as error:
            raise HistoryError(f"Could not open the history at {path}: {error}.") from error
        try:
            self.migrated_from = migrate(self.conn, before_each=before_migration)
        except BaseException:
            self.conn.close()
            raise

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            _rollback(self.conn)
            raise
        self.conn.execute("COMMIT")

    # Writing a session as it happens -----------------------------------------------------

    def start_session(
        self,
        routine_title: str,
        *,
        routine_snapshot: str = "",
        planned_seconds: int = 0,
        soreness_before: Mapping[str, int] | None = None,
        session_uuid: str | None = None,
    ) -> SessionRecorder:
        """Write the session's row now; the recorder writes the rest as it happens."""
        key = session_uuid or str(uuid_module.uuid4())
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO sessions (uuid, routine_title, routine_snapshot, started_at, "
                "planned_seconds, status, app_version) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    key,
                    routine_title,
                    routine_snapshot,
                    to_text(self.clock()),
                    planned_seconds,
                    SessionStatus.RUNNING.value,
                    self.app_version,
                ),
            )
            session_id = int(cursor.lastrowid or 0)
            _write_soreness(conn, session_id, Moment.BEFORE, soreness_before or {})
        return SessionRecorder(self, session_id, key)

    def resume_session(self, session_uuid: str) -> SessionRecorder:
        """Go on recording an interrupted session: its finished steps stay as they are."""
        with self.transaction() as conn:
            row = conn.execute("SELECT id FROM sessions WHERE uuid = ?", (session_uuid,)).fetchone()
            if row is None:
                raise HistoryError("That session is no longer in the history.")
            conn.execute(
                "UPDATE sessions SET status = ?, ended_at = NULL WHERE id = ?",
                (SessionStatus.RUNNING.value, row[0]),
            )
        return SessionRecorder(self, int(row[0]), session_uuid)

    def recover_unfinished(self) -> list[Unfinished]:
        """Mark sessions left 'running' as interrupted; return them to offer resume.

        A session another process is still recording (its lock is held) is left alone.
        Call once at start, before any new session begins.
        """
        found: list[Unfinished] = []
        with self.transaction() as conn:
            rows = conn.execute(
                "SELECT id, uuid, routine_title, routine_snapshot, started_at FROM sessions "
                "WHERE status = 'running' ORDER BY started_at"
            ).fetchall()
            for session_id, key, title, snapshot, started in rows:
                if is_alive(self.path, key):
                    continue  # another process is recording it right now
                done, last = conn.execute(
                    "SELECT count(*), max(position) FROM steps WHERE session_id = ?",
                    (session_id,),
                ).fetchone()
                last_end = conn.execute(
                    "SELECT max(ended_at) FROM steps WHERE session_id = ?", (session_id,)
                ).fetchone()[0]
                conn.execute(
                    "UPDATE sessions SET status = 'interrupted', ended_at = ? WHERE id = ?",
                    (last_end or started, session_id),
                )
                found.append(
                    Unfinished(
                        key,
                        title,
                        snapshot,
                        from_text(started),
                        int(done),
                        0 if last is None else int(last) + 1,
                    )
                )
        for item in found:
            log.info("session %s was interrupted after %s steps", item.uuid, item.steps_done)
        return found

    # After the session -------------------------------------------------------------------

    def save_after(
        self,
        session_uuid: str,
        *,
        soreness_after: Mapping[str, int],
        feeling: int | None,
        notes: str,
    ) -> None:
        """Keep what the person said after the session: soreness, feeling, a note."""
        if feeling is not None and not 1 <= feeling <= 5:
            raise ValueError(f"feeling must be 1–5, not {feeling}")
        with self.transaction() as conn:
            session_id = self._session_id(conn, session_uuid)
            conn.execute(
                "UPDATE sessions SET feeling = ?, notes = ? WHERE id = ?",
                (feeling, notes, session_id),
            )
            conn.execute(
                "DELETE FROM soreness WHERE session_id = ? AND moment = 'after'", (session_id,)
            )
            _write_soreness(conn, session_id, Moment.AFTER, soreness_after)

    # Deleting ------------------------------------------------------------------------------

    def delete_session(self, session_uuid: str) -> bool:
        with self.transaction() as conn:
            cursor = conn.execute("DELETE FROM sessions WHERE uuid = ?", (session_uuid,))
        # Copy the overwritten pages home and empty the log, where the old rows still are.
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return cursor.rowcount > 0

    def delete_all(self) -> int:
        with self.transaction() as conn:
            cursor = conn.execute("DELETE FROM sessions")
        # Give the space back and leave no trace of the deleted rows in the file, nor in
        # the write-ahead log.
        self.conn.execute("VACUUM")
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return cursor.rowcount

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM sessions").fetchone()[0])

    def has_session(self, session_uuid: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM sessions WHERE uuid = ?", (session_uuid,))
        return row.fetchone() is not None

    @staticmethod
    def _session_id(conn: sqlite3.Connection, session_uuid: str) -> int:
        row = conn.execute("SELECT id FROM sessions WHERE uuid = ?", (session_uuid,)).fetchone()
        if row is None:
            raise HistoryError("That session is no longer in the history.")
        return int(row[0])


def _write_soreness(
    conn: sqlite3.Connection, session_id: int, moment: Moment, ratings: Mapping[str, int]
) -> None:
    """Ratings keyed by place: ``calves-left``, ``neck``; a whole sided region stands for
    both its sides, so that the history holds places only."""
    from selfmassage.core.soreness import both_sides

    for region_id, rating in ratings.items():
        if not 0 <= rating <= 10:
            raise ValueError(f"soreness of {region_id} must be 0–10, not {rating}")
    conn.executemany(
        "INSERT OR REPLACE INTO soreness (session_id, moment, region, rating) VALUES (?, ?, ?, ?)",
        [
            (session_id, moment.value, place, rating)
            for region_id, rating in ratings.items()
            for place in both_sides(region_id)
        ],
    )


class SessionRecorder:
    """Writes one session as it runs. It never raises: a failing disk disables it.

    After the first failure ``problem`` holds a message for the user, ``on_problem`` is
    called once, and later calls do nothing, so the session itself goes on.
    """

    def __init__(self, store: HistoryStore, session_id: int, session_uuid: str) -> None:
        self.store = store
        self.session_id = session_id
        self.uuid = session_uuid
        self.problem: str | None = None
        self.on_problem: Callable[[str], None] | None = None
        self.ended = False
        self.lock = SessionLock(store.path, session_uuid)
        self.lock.acquire()

    @property
    def recording(self) -> bool:
        return self.problem is None and not self.ended

    def step_ended(self, step: StepRecord) -> None:
        if not self.recording:
            return
        now = to_text(self.store.clock())
        seconds = 0 if step.skipped else max(int(step.actual_seconds), 0)

        def write(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO steps (session_id, position, region, side, technique, tool, "
                "planned_seconds, actual_seconds, skipped, ended_early, ended_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (session_id, position, side) DO UPDATE SET "
                "actual_seconds = excluded.actual_seconds, skipped = excluded.skipped, "
                "ended_early = excluded.ended_early, ended_at = excluded.ended_at",
                (
                    self.session_id,
                    step.position,
                    step.region,
                    step.side or "",
                    step.technique,
                    step.tool,
                    step.planned_seconds,
                    seconds,
                    int(step.skipped),
                    int(step.ended_early and not step.skipped),
                    now,
                ),
            )
            conn.execute(
                "UPDATE sessions SET done_seconds = "
                "(SELECT coalesce(sum(actual_seconds), 0) FROM steps WHERE session_id = ?) "
                "WHERE id = ?",
                (self.session_id, self.session_id),
            )

        self._write(write)

    def end(self, status: SessionStatus) -> None:
        """Write the end status, last of all; the recorder is done after this."""
        if not self.recording:
            return
        if status is SessionStatus.RUNNING:
            raise ValueError("a session ends completed, partly done, stopped or interrupted")
        now = to_text(self.store.clock())

        def write(conn: sqlite3.Connection) -> None:
            conn.execute(
                "UPDATE sessions SET status = ?, ended_at = ? WHERE id = ?",
                (status.value, now, self.session_id),
            )

        self._write(write)
        self.ended = True
        self.lock.release()

    def _write(self, action: Callable[[sqlite3.Connection], None]) -> None:
        try:
            with self.store.transaction() as conn:
                action(conn)
        except (sqlite3.Error, OSError) as error:
            self.problem = recording_problem(error, self.store.path)
            log.error("history recording disabled: %s", error)
            if self.on_problem is not None:
                self.on_problem(self.problem)


def recording_problem(error: BaseException, path: Path) -> str:
    """A sentence for the user about why the history cannot be written."""
    text = str(error).lower()
    if "full" in text or "no space" in text:
        reason = "the disk is full"
    elif "readonly" in text or "read-only" in text or "permission" in text:
        reason = "the folder cannot be written to"
    else:
        reason = str(error)
    return (
        f"This session is not being saved to your history: {reason} ({path.parent}). "
        "The session goes on; free some space or fix the folder to record the next one."
    )
