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
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from selfmassage.core.history_locks import SessionLock, is_alive
from selfmassage.core.history_records import Moment as Moment
from selfmassage.core.history_records import SessionStatus as SessionStatus
from selfmassage.core.history_records import StepRecord as StepRecord
from selfmassage.core.history_records import Unfinished as Unfinished
from selfmassage.core.history_records import from_text as from_text
from selfmassage.core.history_records import to_text as to_text
from selfmassage.core.history_records import utc_now as utc_now
from selfmassage.core.history_schema import BUSY_TIMEOUT_SECONDS as BUSY_TIMEOUT_SECONDS
from selfmassage.core.history_schema import SCHEMA_VERSION as SCHEMA_VERSION
from selfmassage.core.history_schema import HistoryError as HistoryError
from selfmassage.core.history_schema import HistoryUnavailableError as HistoryUnavailableError
from selfmassage.core.history_schema import NewerHistoryError as NewerHistoryError
from selfmassage.core.history_schema import _rollback, connect, migrate
from selfmassage.core.history_trouble import recording_problem as recording_problem
from selfmassage.core.language import _

log = logging.getLogger(__name__)

RETRY_BUSY_MILLISECONDS = 250
"""How long a session's retry waits for a lock, once a write has been refused."""


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
        except (sqlite3.Error, OSError) as error:
            raise HistoryError(
                _("Could not open the history at {path}: {error}.").format(path=path, error=error)
            ) from error
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
            # A COMMIT refused (a full disk, a reader in the way) may leave the
            # transaction open; rolled back here, the next one can begin.
            self.conn.execute("COMMIT")
        except BaseException:
            _rollback(self.conn)
            raise

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
        """Write the session's row now; the recorder writes the rest as it happens.

        Raises if the row cannot be written; ``record_session`` keeps it in memory instead.
        """
        draft = self.draft(
            routine_title,
            routine_snapshot=routine_snapshot,
            planned_seconds=planned_seconds,
            soreness_before=soreness_before,
            session_uuid=session_uuid,
        )
        recorder = SessionRecorder.for_draft(self.path, draft, store=self)
        try:
            recorder.write_now()
        except BaseException:
            recorder.lock.release()
            raise
        return recorder

    def draft(
        self,
        routine_title: str,
        *,
        routine_snapshot: str = "",
        planned_seconds: int = 0,
        soreness_before: Mapping[str, int] | None = None,
        session_uuid: str | None = None,
        resumed: bool = False,
    ) -> SessionDraft:
        return new_draft(
            routine_title,
            started_at=self.clock(),
            routine_snapshot=routine_snapshot,
            planned_seconds=planned_seconds,
            soreness_before=soreness_before,
            session_uuid=session_uuid,
            app_version=self.app_version,
            resumed=resumed,
        )

    def resume_session(self, session_uuid: str) -> SessionRecorder:
        """Go on recording an interrupted session: its finished steps stay as they are."""
        if not self.has_session(session_uuid):
            raise HistoryError(_("That session is no longer in the history."))
        draft = self.draft("", session_uuid=session_uuid, resumed=True)
        recorder = SessionRecorder.for_draft(self.path, draft, store=self)
        try:
            recorder.write_now()
        except BaseException:
            recorder.lock.release()
            raise
        return recorder

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
            raise HistoryError(_("That session is no longer in the history."))
        return int(row[0])


def _check_ratings(ratings: Mapping[str, int]) -> None:
    for region_id, rating in ratings.items():
        if not 0 <= rating <= 10:
            raise ValueError(f"soreness of {region_id} must be 0–10, not {rating}")


def _write_soreness(
    conn: sqlite3.Connection, session_id: int, moment: Moment, ratings: Mapping[str, int]
) -> None:
    """Ratings keyed by place: ``calves-left``, ``neck``; a whole sided region stands for
    both its sides, so that the history holds places only."""
    from selfmassage.core.soreness import both_sides

    _check_ratings(ratings)
    conn.executemany(
        "INSERT OR REPLACE INTO soreness (session_id, moment, region, rating) VALUES (?, ?, ?, ?)",
        [
            (session_id, moment.value, place, rating)
            for region_id, rating in ratings.items()
            for place in both_sides(region_id)
        ],
    )


@dataclass
class SessionDraft:
    """A session as this process knows it, kept in memory until it is in the history.

    The recorder writes it piece by piece as it happens; when a write is refused (a full
    disk, a lock) the pieces wait here and go in together with the next write that works.
    """

    uuid: str
    routine_title: str
    routine_snapshot: str
    started_at: str
    planned_seconds: int
    soreness_before: dict[str, int]
    app_version: str
    resumed: bool = False
    """The session's row is already in the history (an interrupted session resumed)."""
    steps: dict[tuple[int, str], tuple[StepRecord, str]] = field(default_factory=dict)
    """Each ended step and the time it ended, by (position, side)."""
    end: tuple[SessionStatus, str] | None = None
    after: tuple[dict[str, int], int | None, str] | None = None
    """Soreness after, feeling and notes, once the person said them."""


def new_draft(
    routine_title: str,
    *,
    started_at: datetime,
    routine_snapshot: str = "",
    planned_seconds: int = 0,
    soreness_before: Mapping[str, int] | None = None,
    session_uuid: str | None = None,
    app_version: str = "",
    resumed: bool = False,
) -> SessionDraft:
    ratings = dict(soreness_before or {})
    _check_ratings(ratings)
    return SessionDraft(
        uuid=session_uuid or str(uuid_module.uuid4()),
        routine_title=routine_title,
        routine_snapshot=routine_snapshot,
        started_at=to_text(started_at),
        planned_seconds=planned_seconds,
        soreness_before=ratings,
        app_version=app_version,
        resumed=resumed,
    )


class SessionRecorder:
    """Writes one session as it runs. It never raises: the session goes on regardless.

    When a write is refused, ``problem`` holds a message for the user and ``on_problem``
    is called once; the session is kept in memory, and every later event (a step ending,
    the end, the ratings after) tries again to write all that is waiting. When one
    works, ``problem`` is cleared and ``on_saved`` is called. ``reopen`` gives a store
    when there was none (the history could not be opened at start).
    """

    def __init__(
        self,
        store: HistoryStore | None,
        session_id: int | None,
        session_uuid: str,
        *,
        draft: SessionDraft | None = None,
        path: Path | None = None,
        reopen: Callable[[], HistoryStore] | None = None,
    ) -> None:
        if store is None and path is None:
            raise ValueError("a recorder needs a store or the history's path")
        self.store = store
        self.path = path if path is not None else store.path  # type: ignore[union-attr]
        self.clock = store.clock if store is not None else utc_now
        self.session_id = session_id
        self.uuid = session_uuid
        # A recorder made for a row already written (session_id known) has only the
        # rest to write.
        self.draft = draft or SessionDraft(session_uuid, "", "", "", 0, {}, "", resumed=True)
        self._head_written = session_id is not None
        self._written_steps: set[tuple[int, str]] = set()
        self._end_written = False
        self._after_written = False
        self.reopen = reopen
        self.problem: str | None = None
        self.on_problem: Callable[[str], None] | None = None
        self.on_saved: Callable[[str], None] | None = None
        self.ended = False
        self.lock = SessionLock(self.path, session_uuid)
        self.lock.acquire()

    @classmethod
    def for_draft(
        cls,
        path: Path,
        draft: SessionDraft,
        *,
        store: HistoryStore | None,
        reopen: Callable[[], HistoryStore] | None = None,
    ) -> SessionRecorder:
        return cls(store, None, draft.uuid, draft=draft, path=path, reopen=reopen)

    @property
    def recording(self) -> bool:
        """True while every event so far is in the history and more may come."""
        return self.problem is None and not self.ended

    @property
    def pending(self) -> bool:
        """True while something of this session is only in memory."""
        draft = self.draft
        return (
            not self._head_written
            or any(key not in self._written_steps for key in draft.steps)
            or (draft.end is not None and not self._end_written)
            or (draft.after is not None and not self._after_written)
        )

    def step_ended(self, step: StepRecord) -> None:
        if self.ended:
            return
        now = to_text(self.clock())
        seconds = 0 if step.skipped else max(int(step.actual_seconds), 0)
        kept = StepRecord(
            step.position,
            step.region,
            step.side,
            step.technique,
            step.tool,
            step.planned_seconds,
            seconds,
            step.skipped,
            step.ended_early and not step.skipped,
        )
        key = (step.position, step.side or "")
        self.draft.steps[key] = (kept, now)
        self._written_steps.discard(key)
        self.retry()

    def end(self, status: SessionStatus) -> None:
        """Write the end status, last of all; no more steps come after this."""
        if self.ended:
            return
        if status is SessionStatus.RUNNING:
            raise ValueError("a session ends completed, partly done, stopped or interrupted")
        self.draft.end = (status, to_text(self.clock()))
        self.ended = True
        self.retry()
        if not self.pending:
            self.lock.release()

    def save_after(
        self, *, soreness_after: Mapping[str, int], feeling: int | None, notes: str
    ) -> None:
        """Keep what the person said after the session, written with the rest."""
        if feeling is not None and not 1 <= feeling <= 5:
            raise ValueError(f"feeling must be 1–5, not {feeling}")
        ratings = dict(soreness_after)
        _check_ratings(ratings)
        self.draft.after = (ratings, feeling, notes)
        self._after_written = False
        self.retry()

    def retry(self) -> bool:
        """Write whatever is waiting; True if nothing is left in memory. Never raises."""
        if not self.pending:
            return True
        had_problem = self.problem is not None
        try:
            self.write_now()
        except (sqlite3.Error, OSError, HistoryError) as error:
            message = _problem_text(error, self.path)
            log.error("history write refused, session kept in memory: %s", error)
            if self.problem is None:
                self.problem = message
                if self.on_problem is not None:
                    self.on_problem(message)
            else:
                self.problem = message
            return False
        if had_problem:
            self.problem = None
            log.info("history writable again; session %s saved", self.uuid)
            if self.on_saved is not None:
                self.on_saved(
                    _("Your history can be written again: this session has been saved to it.")
                )
        if self.ended:
            self.lock.release()
        return True

    def write_now(self) -> None:
        """Write all that waits in one transaction; raises if the history refuses it."""
        if self.store is None and self.reopen is not None:
            self.store = self.reopen()
        store = self.store
        if store is None:
            raise HistoryError(_("The history cannot be opened just now."))
        # Once refused, a retry waits only briefly for a lock: the window's clock runs
        # on this thread, and the next step tries again anyway.
        patient = self.problem is None
        if not patient:
            store.conn.execute(f"PRAGMA busy_timeout = {RETRY_BUSY_MILLISECONDS}")
        try:
            self._write_all(store)
        finally:
            if not patient:
                store.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")

    def _write_all(self, store: HistoryStore) -> None:
        draft = self.draft
        steps = [key for key in draft.steps if key not in self._written_steps]
        with store.transaction() as conn:
            session_id = self._write_head(conn)
            for key in steps:
                step, ended_at = draft.steps[key]
                _write_step(conn, session_id, step, ended_at)
            if steps:
                conn.execute(
                    "UPDATE sessions SET done_seconds = "
                    "(SELECT coalesce(sum(actual_seconds), 0) FROM steps WHERE session_id = ?) "
                    "WHERE id = ?",
                    (session_id, session_id),
                )
            if draft.end is not None and not self._end_written:
                status, ended_at = draft.end
                conn.execute(
                    "UPDATE sessions SET status = ?, ended_at = ? WHERE id = ?",
                    (status.value, ended_at, session_id),
                )
            if draft.after is not None and not self._after_written:
                ratings, feeling, notes = draft.after
                conn.execute(
                    "UPDATE sessions SET feeling = ?, notes = ? WHERE id = ?",
                    (feeling, notes, session_id),
                )
                conn.execute(
                    "DELETE FROM soreness WHERE session_id = ? AND moment = 'after'",
                    (session_id,),
                )
                _write_soreness(conn, session_id, Moment.AFTER, ratings)
        # Committed: all of it is in the history now.
        self.session_id = session_id
        self._head_written = True
        self._written_steps.update(steps)
        self._end_written = draft.end is not None
        self._after_written = draft.after is not None

    def _write_head(self, conn: sqlite3.Connection) -> int:
        draft = self.draft
        if self._head_written and self.session_id is not None:
            return self.session_id
        row = conn.execute("SELECT id FROM sessions WHERE uuid = ?", (draft.uuid,)).fetchone()
        if draft.resumed:
            if row is None:
                raise HistoryError(_("That session is no longer in the history."))
            conn.execute(
                "UPDATE sessions SET status = ?, ended_at = NULL WHERE id = ?",
                (SessionStatus.RUNNING.value, row[0]),
            )
            return int(row[0])
        if row is not None:  # written by an earlier attempt whose answer was lost
            return int(row[0])
        cursor = conn.execute(
            "INSERT INTO sessions (uuid, routine_title, routine_snapshot, started_at, "
            "planned_seconds, status, app_version) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                draft.uuid,
                draft.routine_title,
                draft.routine_snapshot,
                draft.started_at,
                draft.planned_seconds,
                SessionStatus.RUNNING.value,
                draft.app_version,
            ),
        )
        session_id = int(cursor.lastrowid or 0)
        _write_soreness(conn, session_id, Moment.BEFORE, draft.soreness_before)
        return session_id


def _write_step(conn: sqlite3.Connection, session_id: int, step: StepRecord, ended_at: str) -> None:
    conn.execute(
        "INSERT INTO steps (session_id, position, region, side, technique, tool, "
        "planned_seconds, actual_seconds, skipped, ended_early, ended_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (session_id, position, side) DO UPDATE SET "
        "actual_seconds = excluded.actual_seconds, skipped = excluded.skipped, "
        "ended_early = excluded.ended_early, ended_at = excluded.ended_at",
        (
            session_id,
            step.position,
            step.region,
            step.side or "",
            step.technique,
            step.tool,
            step.planned_seconds,
            step.actual_seconds,
            int(step.skipped),
            int(step.ended_early),
            ended_at,
        ),
    )


def _problem_text(error: BaseException, path: Path) -> str:
    if isinstance(error, HistoryUnavailableError):
        return str(error)
    if isinstance(error, HistoryError) and error.__cause__ is None:
        return _(
            "This session is not being saved to your history just now: {reason}. The "
            "session goes on and is kept in memory; it is saved as soon as the history can "
            "be written."
        ).format(reason=str(error).rstrip("."))
    return recording_problem(error, path)
