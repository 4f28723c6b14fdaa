"""Your data is yours: the history out to CSV and JSON, and a JSON export back in.

An import adds only the sessions not already there (each session has a stable UUID), so
importing the same file twice, or a file from a computer that shares some sessions,
never duplicates anything. An export file is untrusted input when it comes back.
"""

from __future__ import annotations

import sqlite3
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import msgspec

from selfmassage.core.atomic import write_atomic
from selfmassage.core.document_check import aware, is_iso_datetime, moment_in_range, out_of_range
from selfmassage.core.history import HistoryStore, SessionStatus, from_text, to_text, utc_now
from selfmassage.core.history_csv import export_csv as export_csv
from selfmassage.core.history_csv import steps_csv_path as steps_csv_path
from selfmassage.core.history_locks import any_alive
from selfmassage.core.language import _, ngettext
from selfmassage.core.regular_file import NotReadableError, read_regular_file
from selfmassage.core.soreness import both_sides

EXPORT_FORMAT = "selfmassage-history"
EXPORT_VERSION = 2
"""Version 2 adds the status "partly_done" and a step's ``ended_early``. An export
without a partly done session is written as version 1, which older apps read."""
_NEW_IN_2 = frozenset({SessionStatus.PARTLY_DONE.value})
MAX_IMPORT_BYTES = 256 * 1024 * 1024

_Text = Annotated[str, msgspec.Meta(max_length=100_000)]
_Short = Annotated[str, msgspec.Meta(max_length=200)]
_Seconds = Annotated[int, msgspec.Meta(ge=0, le=7 * 24 * 3600)]
_Rating = Annotated[int, msgspec.Meta(ge=0, le=10)]
_Time = Annotated[str, msgspec.Meta(min_length=10, max_length=40)]


class ExportedStep(msgspec.Struct, forbid_unknown_fields=False):
    position: Annotated[int, msgspec.Meta(ge=0, le=10_000)]
    region: _Short
    planned_seconds: _Seconds
    actual_seconds: _Seconds
    ended_at: _Time
    side: _Short | None = None
    technique: _Short = ""
    tool: _Short = ""
    skipped: bool = False
    ended_early: bool | None = None
    """Absent in version 1: a step not skipped that got less than its time ended early."""

    def was_ended_early(self) -> bool:
        if self.ended_early is None:
            return not self.skipped and self.actual_seconds < self.planned_seconds
        return self.ended_early and not self.skipped


class ExportedSession(msgspec.Struct, forbid_unknown_fields=False):
    uuid: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    routine_title: _Text
    started_at: _Time
    status: str
    ended_at: _Time | None = None
    planned_seconds: _Seconds = 0
    done_seconds: _Seconds = 0
    app_version: _Short = ""
    routine_snapshot: Annotated[str, msgspec.Meta(max_length=2 * 1024 * 1024)] = ""
    feeling: Annotated[int, msgspec.Meta(ge=1, le=5)] | None = None
    notes: _Text = ""
    soreness_before: dict[_Short, _Rating] = {}
    soreness_after: dict[_Short, _Rating] = {}
    steps: list[ExportedStep] = []


class ExportFile(msgspec.Struct, forbid_unknown_fields=False):
    format: str
    version: int
    sessions: list[ExportedSession]
    exported_at: str = ""
    app_version: str = ""


class HistoryImportError(Exception):
    """The file cannot be imported; the message says where and why."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    already_there: int


# Export --------------------------------------------------------------------------------


def _ratings_by_session(conn: sqlite3.Connection) -> dict[tuple[int, str], dict[str, int]]:
    """(session id, "before" or "after") -> place -> rating, for every session."""
    ratings: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
    for session_id, moment, place, rating in conn.execute(
        "SELECT session_id, moment, region, rating FROM soreness"
    ):
        ratings[(session_id, moment)][place] = rating
    return ratings


def _all_sessions(conn: sqlite3.Connection) -> list[ExportedSession]:
    steps: dict[int, list[ExportedStep]] = defaultdict(list)
    for row in conn.execute(
        "SELECT session_id, position, region, side, technique, tool, planned_seconds, "
        "actual_seconds, skipped, ended_at, ended_early FROM steps "
        "ORDER BY session_id, position, side"
    ):
        (session_id, position, region_id, side, technique, tool, planned, actual, skip, end) = row[
            :10
        ]
        steps[session_id].append(
            ExportedStep(
                position=position,
                region=region_id,
                side=side or None,
                technique=technique,
                tool=tool,
                planned_seconds=planned,
                actual_seconds=actual,
                skipped=bool(skip),
                ended_at=end,
                ended_early=bool(row[10]),
            )
        )
    ratings = _ratings_by_session(conn)
    return [
        ExportedSession(
            uuid=key,
            routine_title=title,
            started_at=started,
            status=status,
            ended_at=ended,
            planned_seconds=planned,
            done_seconds=done,
            app_version=version,
            routine_snapshot=snapshot,
            feeling=feeling,
            notes=notes,
            soreness_before=ratings.get((session_id, "before"), {}),
            soreness_after=ratings.get((session_id, "after"), {}),
            steps=steps.get(session_id, []),
        )
        for (
            session_id,
            key,
            title,
            started,
            status,
            ended,
            planned,
            done,
            version,
            snapshot,
            feeling,
            notes,
        ) in conn.execute(
            "SELECT id, uuid, routine_title, started_at, status, ended_at, planned_seconds, "
            "done_seconds, app_version, routine_snapshot, feeling, notes FROM sessions "
            "ORDER BY started_at"
        )
    ]


def export_json(store: HistoryStore, path: Path) -> int:
    """Write every session to one JSON file; returns how many."""
    sessions = _all_sessions(store.conn)
    document = ExportFile(
        format=EXPORT_FORMAT,
        version=export_version(sessions),
        exported_at=to_text(utc_now()),
        app_version=store.app_version,
        sessions=sessions,
    )
    data = msgspec.json.format(msgspec.json.encode(document), indent=2) + b"\n"
    write_atomic(path, data)
    return len(sessions)


def export_version(sessions: list[ExportedSession]) -> int:
    """The lowest version that holds these sessions."""
    return 2 if any(session.status in _NEW_IN_2 for session in sessions) else 1


def step_outcome(step: ExportedStep) -> str:
    """done, ended_early or skipped: the words of the steps' CSV column ``outcome``."""
    if step.skipped:
        return "skipped"
    return "ended_early" if step.was_ended_early() else "done"


# Import --------------------------------------------------------------------------------


def read_export(path: Path) -> ExportFile:
    """Read and check an export file; HistoryImportError says what is wrong with it."""
    try:
        raw = read_regular_file(path, MAX_IMPORT_BYTES)
    except NotReadableError as error:
        raise HistoryImportError(
            _("{path}: cannot read it: {reason}.").format(path=path, reason=error.reason)
        ) from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise HistoryImportError(
            _("{path}: too large to be a history export (more than {size} MiB).").format(
                path=path, size=MAX_IMPORT_BYTES // (1024 * 1024)
            )
        )
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        header = msgspec.json.decode(raw)
    except msgspec.DecodeError as error:
        raise HistoryImportError(_not_json(path, error)) from None
    except RecursionError:
        raise HistoryImportError(
            _("{path}: not a history export (nested too deep).").format(path=path)
        ) from None
    except (msgspec.ValidationError, ValueError) as error:
        raise HistoryImportError(_not_json(path, error)) from None
    if not isinstance(header, dict) or header.get("format") != EXPORT_FORMAT:
        raise HistoryImportError(_("{path}: not a SelfMassage history export.").format(path=path))
    version = header.get("version")
    if not isinstance(version, int) or version > EXPORT_VERSION:
        raise HistoryImportError(
            _(
                "{path}: made by a newer version of SelfMassage (export version {version}); "
                "update SelfMassage to import it."
            ).format(path=path, version=version)
        )
    try:
        document = msgspec.convert(header, ExportFile)
    except msgspec.ValidationError as error:
        raise HistoryImportError(f"{path}: {error}.") from error
    for index, session in enumerate(document.sessions):
        _check_session(path, index, session)
    return document


_STATUSES = {status.value for status in SessionStatus}


def _not_json(path: Path, error: Exception) -> str:
    # Translators: {error} is the JSON reader's own message, in English
    return _("{path}: not a JSON file ({error}).").format(path=path, error=error)


def _check_session(path: Path, index: int, session: ExportedSession) -> None:
    where = f"{path}: $.sessions[{index}]"
    if session.status not in _STATUSES:
        raise HistoryImportError(
            _("{where}: unknown status {value}.").format(
                where=f"{where}.status", value=repr(session.status)
            )
        )
    times: list[tuple[str, str | None]] = [
        ("started_at", session.started_at),
        ("ended_at", session.ended_at),
    ]
    times += [(f"steps[{n}].ended_at", step.ended_at) for n, step in enumerate(session.steps)]
    for name, value in times:
        if value is None:
            continue
        # The same rules as the other files: a time without a zone is local time, and
        # dates lie in the range every window and command can show.
        if not is_iso_datetime(value):
            raise HistoryImportError(
                _("{where}: not a date and time: {value}.").format(
                    where=f"{where}.{name}", value=repr(value)
                )
            )
        if not moment_in_range(from_text(value)):
            raise HistoryImportError(f"{where}.{name}: {out_of_range(value)}.")
    for n, step in enumerate(session.steps):
        if step.side not in (None, "left", "right", "both"):
            raise HistoryImportError(
                _("{where}: unknown side {value}.").format(
                    where=f"{where}.steps[{n}].side", value=repr(step.side)
                )
            )


def _utc(text: str | None) -> str | None:
    return to_text(aware(from_text(text))) if text else None


CHUNK_SECONDS = 0.25
"""How long one import transaction may hold the history before it lets others write."""
SHARED_CHUNK_SECONDS = 0.05
SHARED_PAUSE_SECONDS = 0.12
"""While a session is being recorded (its lock is held): shorter chunks, and gaps longer
than the longest sleep of SQLite's busy wait (100 ms), so the session's next write finds
a gap however its wait began and never waits more than a chunk and a sleep."""


class ImportInterruptedError(Exception):
    """The history refused a write half-way (a full disk, a lock held too long).

    The sessions of the chunks before are in the history, each whole; importing the
    same file again adds the rest and nothing twice.
    """

    def __init__(self, message: str, added: int) -> None:
        super().__init__(message)
        self.added = added


def import_json(store: HistoryStore, path: Path) -> ImportResult:
    """Add the sessions of an export file that are not in the history yet.

    The file is read and checked whole first: a bad file adds nothing. The sessions then
    go in by chunks, each a short transaction of whole sessions, so that a session being
    recorded at the same time (in the window, or by ``selfmassage run``) is never kept
    waiting long enough to fail.
    """
    document = read_export(path)
    known = {row[0] for row in store.conn.execute("SELECT uuid FROM sessions")}
    waiting: list[ExportedSession] = []
    already = 0
    for session in document.sessions:
        if session.uuid in known:
            already += 1
            continue
        known.add(session.uuid)
        waiting.append(session)
    added = 0
    while waiting:
        shared = any_alive(store.path)
        if shared and added:
            time.sleep(SHARED_PAUSE_SECONDS)
        try:
            with store.transaction() as conn:
                limit = SHARED_CHUNK_SECONDS if shared else CHUNK_SECONDS
                deadline = time.monotonic() + limit
                done = 0
                for session in waiting:
                    # Another process may have added it since: skip, never duplicate.
                    if conn.execute(
                        "SELECT 1 FROM sessions WHERE uuid = ?", (session.uuid,)
                    ).fetchone():
                        already += 1
                    else:
                        _insert(conn, session)
                        added += 1
                    done += 1
                    if time.monotonic() >= deadline:
                        break
        except sqlite3.Error as error:
            raise ImportInterruptedError(
                ngettext(
                    "the import stopped after {n} session ({error}). It is in your "
                    "history; importing the file again adds the rest.",
                    "the import stopped after {n} sessions ({error}). They are in your "
                    "history; importing the file again adds the rest.",
                    added,
                ).format(n=added, error=error),
                added,
            ) from error
        del waiting[:done]
    return ImportResult(added, already)


def _insert(conn: sqlite3.Connection, session: ExportedSession) -> None:
    # A session that was running on the other computer can only be an interrupted one.
    status = "interrupted" if session.status == "running" else session.status
    cursor = conn.execute(
        "INSERT INTO sessions (uuid, routine_title, routine_snapshot, started_at, ended_at, "
        "planned_seconds, done_seconds, status, app_version, feeling, notes) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            session.uuid,
            session.routine_title,
            session.routine_snapshot,
            _utc(session.started_at),
            _utc(session.ended_at),
            session.planned_seconds,
            session.done_seconds,
            status,
            session.app_version,
            session.feeling,
            session.notes,
        ),
    )
    session_id = cursor.lastrowid
    conn.executemany(
        "INSERT OR REPLACE INTO steps (session_id, position, region, side, technique, tool, "
        "planned_seconds, actual_seconds, skipped, ended_at, ended_early) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
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
                _utc(step.ended_at),
                int(step.was_ended_early()),
            )
            for step in session.steps
        ],
    )
    # A whole sided region (an export of an older history) stands for both its sides.
    rows: list[tuple[Any, ...]] = [
        (session_id, "before", place, rating)
        for region_id, rating in session.soreness_before.items()
        for place in both_sides(region_id)
    ]
    rows += [
        (session_id, "after", place, rating)
        for region_id, rating in session.soreness_after.items()
        for place in both_sides(region_id)
    ]
    conn.executemany(
        "INSERT OR REPLACE INTO soreness (session_id, moment, region, rating) VALUES (?, ?, ?, ?)",
        rows,
    )
