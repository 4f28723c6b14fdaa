"""Rescuing what is still readable in a damaged history file.

A damaged file is moved aside and the newest good backup takes its place; the sessions
done since that backup are often still readable in the damaged file. Here every row
that SQLite can still read (sessions, their steps, their soreness ratings) is read from
a copy of it, row by row where a whole table cannot be read, and added to the restored
history where it is missing.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfmassage.core.history import HistoryStore

log = logging.getLogger(__name__)

SESSION_COLUMNS = (
    "uuid",
    "routine_title",
    "routine_snapshot",
    "started_at",
    "ended_at",
    "planned_seconds",
    "done_seconds",
    "status",
    "app_version",
    "feeling",
    "notes",
)
STEP_COLUMNS = (
    "position",
    "region",
    "side",
    "technique",
    "tool",
    "planned_seconds",
    "actual_seconds",
    "skipped",
    "ended_at",
)
MAX_PROBED_IDS = 1_000_000
"""Row ids probed one by one when the sessions table cannot be read whole."""
_STATUSES = ("running", "completed", "stopped", "interrupted")
_ENDED = ("completed", "stopped")


@dataclass
class SalvagedSession:
    values: dict[str, Any]
    """The sessions row, column by column (only the columns the damaged file has)."""
    steps: list[tuple[Any, ...]] = field(default_factory=list)
    """Rows of STEP_COLUMNS."""
    soreness: list[tuple[str, str, int]] = field(default_factory=list)
    """(moment, region, rating)."""


@dataclass
class Salvage:
    sessions: list[SalvagedSession] = field(default_factory=list)
    unreadable: int = 0
    """Sessions the damaged file still knows of (by their id) that could not be read."""


@dataclass(frozen=True, slots=True)
class MergeResult:
    added: int
    """Sessions that were not in the restored history at all."""
    completed: int
    """Sessions that were, to which steps, ratings or an end were added."""
    skipped: int
    """Readable rows that made no sense (a status the app does not know, no uuid)."""
    first: str | None = None
    last: str | None = None
    """When the first and the last of the sessions added or completed started."""


def read_salvage(damaged: Path) -> Salvage:
    """Read every row still readable in ``damaged``; the file itself is not touched.

    A copy (with its -wal) is read, in a private temporary folder beside it, so that
    SQLite's own recovery of the log changes the copy and not the file kept for the
    person. Raises OSError if the copy cannot be made (a full disk).
    """
    with tempfile.TemporaryDirectory(prefix=".salvage-", dir=damaged.parent) as folder:
        copy = Path(folder) / "damaged.sqlite3"
        shutil.copyfile(damaged, copy)
        wal = damaged.with_name(damaged.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        try:
            conn = sqlite3.connect(copy)
        except sqlite3.Error as error:
            log.warning("damaged history cannot be opened at all: %s", error)
            return Salvage()
        try:
            return _read(conn)
        finally:
            conn.close()


def _rows(
    conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()
) -> tuple[list[tuple[Any, ...]], bool]:
    """The rows SQLite can give before it meets damage, and whether it gave them all."""
    found: list[tuple[Any, ...]] = []
    try:
        cursor = conn.execute(sql, params)
        while (row := cursor.fetchone()) is not None:
            found.append(tuple(row))
    except sqlite3.Error:
        return found, False
    return found, True


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    rows, _ = _rows(conn, f"PRAGMA table_info({table})")
    return {str(row[1]) for row in rows}


def _read(conn: sqlite3.Connection) -> Salvage:
    have = _columns(conn, "sessions")
    if not {"uuid", "started_at", "status"} <= have:
        return Salvage()  # the schema itself is gone: nothing can be named
    session_columns = [c for c in SESSION_COLUMNS if c in have]
    select = f"SELECT id, {', '.join(session_columns)} FROM sessions"
    rows, whole = _rows(conn, select)
    by_id = {int(row[0]): row[1:] for row in rows}
    known = set(by_id)
    # Ids the indexes and the other tables still know, even where the table is damaged.
    for sql in (
        "SELECT id FROM sessions INDEXED BY sessions_by_start",
        "SELECT DISTINCT session_id FROM steps",
        "SELECT DISTINCT session_id FROM soreness",
    ):
        ids, _ = _rows(conn, sql)
        known.update(int(row[0]) for row in ids if isinstance(row[0], int))
    if not whole or known - set(by_id):
        top = min(max(known, default=0), MAX_PROBED_IDS)
        for session_id in sorted(set(range(1, top + 1)) | known):
            if session_id in by_id:
                continue
            found, _ = _rows(conn, f"{select} WHERE id = ?", (session_id,))
            if found:
                by_id[session_id] = found[0][1:]
    salvage = Salvage(unreadable=len(known - set(by_id)))
    steps = _by_session(conn, "steps", STEP_COLUMNS, set(by_id))
    ratings = _by_session(conn, "soreness", ("moment", "region", "rating"), set(by_id))
    for session_id, values in sorted(by_id.items()):
        salvage.sessions.append(
            SalvagedSession(
                dict(zip(session_columns, values, strict=True)),
                steps.get(session_id, []),
                [(str(m), str(r), v) for m, r, v in ratings.get(session_id, []) if type(v) is int],
            )
        )
    return salvage


def _by_session(
    conn: sqlite3.Connection, table: str, wanted: Sequence[str], ids: set[int]
) -> dict[int, list[tuple[Any, ...]]]:
    have = _columns(conn, table)
    if not have:
        return {}
    columns = [c for c in wanted if c in have]
    if len(columns) != len(wanted):
        return {}  # an older schema without a needed column: nothing to merge safely
    select = f"SELECT session_id, {', '.join(columns)} FROM {table}"
    rows, whole = _rows(conn, select)
    if not whole:  # read session by session what the whole scan could not reach
        for session_id in ids:
            more, _ = _rows(conn, f"{select} WHERE session_id = ?", (session_id,))
            rows.extend(more)
    found: dict[int, dict[tuple[Any, ...], tuple[Any, ...]]] = {}
    for row in rows:
        if type(row[0]) is not int:
            continue  # a damaged page can give any value in any column
        # Keyed on the table's unique columns, so a row read twice counts once.
        key = row[1:4] if table == "steps" else row[1:3]
        found.setdefault(int(row[0]), {})[key] = row[1:]
    return {session_id: list(values.values()) for session_id, values in found.items()}


def merge_salvage(store: HistoryStore, salvage: Salvage) -> MergeResult:
    """Add what the restored history lacks, in one transaction; raises if it cannot."""
    added = completed = skipped = 0
    starts: list[str] = []
    with store.transaction() as conn:
        for session in salvage.sessions:
            values = session.values
            if not values.get("uuid") or values.get("status") not in _STATUSES:
                skipped += 1
                continue
            conn.execute("SAVEPOINT salvaged")
            try:
                outcome = _merge_one(conn, session)
            except (sqlite3.IntegrityError, sqlite3.InterfaceError, ValueError, TypeError):
                conn.execute("ROLLBACK TO salvaged")
                outcome = "skipped"
            conn.execute("RELEASE salvaged")
            added += outcome == "added"
            completed += outcome == "completed"
            skipped += outcome == "skipped"
            if outcome in ("added", "completed") and isinstance(values["started_at"], str):
                starts.append(values["started_at"])
    return MergeResult(
        added, completed, skipped, min(starts, default=None), max(starts, default=None)
    )


def _merge_one(conn: sqlite3.Connection, session: SalvagedSession) -> str:
    values = session.values
    row = conn.execute(
        "SELECT id, status FROM sessions WHERE uuid = ?", (values["uuid"],)
    ).fetchone()
    if row is None:
        names = list(values)
        cursor = conn.execute(
            f"INSERT INTO sessions ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [values[name] for name in names],
        )
        session_id = int(cursor.lastrowid or 0)
        outcome = "added"
    else:
        session_id, status = int(row[0]), str(row[1])
        outcome = "unchanged"
        if status not in _ENDED and values.get("status") in _ENDED:
            conn.execute(
                "UPDATE sessions SET status = ?, ended_at = ? WHERE id = ?",
                (values["status"], values.get("ended_at"), session_id),
            )
            outcome = "completed"
        if values.get("feeling") is not None or values.get("notes"):
            cursor = conn.execute(
                "UPDATE sessions SET feeling = coalesce(feeling, ?), notes = ? "
                "WHERE id = ? AND (feeling IS NULL OR notes = '')",
                (values.get("feeling"), values.get("notes") or "", session_id),
            )
            if cursor.rowcount:
                outcome = "completed"
    steps_before = _count(conn, "steps", session_id)
    conn.executemany(
        f"INSERT OR IGNORE INTO steps (session_id, {', '.join(STEP_COLUMNS)}) "
        f"VALUES ({', '.join('?' * (len(STEP_COLUMNS) + 1))})",
        [(session_id, *step) for step in session.steps],
    )
    ratings_before = _count(conn, "soreness", session_id)
    conn.executemany(
        "INSERT OR IGNORE INTO soreness (session_id, moment, region, rating) VALUES (?, ?, ?, ?)",
        [(session_id, *rating) for rating in session.soreness],
    )
    grew = (
        _count(conn, "steps", session_id) > steps_before
        or _count(conn, "soreness", session_id) > ratings_before
    )
    if grew:
        conn.execute(
            "UPDATE sessions SET done_seconds = max(done_seconds, "
            "(SELECT coalesce(sum(actual_seconds), 0) FROM steps WHERE session_id = ?)) "
            "WHERE id = ?",
            (session_id, session_id),
        )
        if outcome == "unchanged":
            outcome = "completed"
    return outcome


def _count(conn: sqlite3.Connection, table: str, session_id: int) -> int:
    row = conn.execute(f"SELECT count(*) FROM {table} WHERE session_id = ?", (session_id,))
    return int(row.fetchone()[0])
