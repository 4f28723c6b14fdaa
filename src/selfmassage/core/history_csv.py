"""The history out to two CSV files, sessions and steps, for spreadsheets.

Each line is made by SQLite as the rows are read: local times, the escape of text that a
spreadsheet would run as a formula, the CSV quoting. Python only moves finished lines
from the cursor to the file, so ten years (58,000 steps) take a fraction of a second
and forty years are never held in memory at once.

The lines are what Python's ``csv`` module (``QUOTE_MINIMAL``, ``\\r\\n``) writes for the
same cells, and the times what ``datetime.astimezone().isoformat(timespec="seconds")``
gives: SQLite's ``localtime`` is the same system time zone.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from selfmassage.core.atomic import writing_atomic
from selfmassage.core.history import HistoryStore, from_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet would take for a formula (OWASP's list): such a cell gets a ``'``."""

SESSION_COLUMNS = (
    "session_uuid",
    "started_at",
    "ended_at",
    "routine_title",
    "status",
    "planned_seconds",
    "done_seconds",
    "feeling",
    "soreness_before",
    "soreness_after",
    "notes",
    "app_version",
)
STEP_COLUMNS = (
    "session_uuid",
    "session_started_at",
    "position",
    "region",
    "side",
    "technique",
    "tool",
    "planned_seconds",
    "actual_seconds",
    "skipped",
    "ended_at",
    "outcome",
)


def steps_csv_path(path: Path) -> Path:
    """The steps go beside the sessions file: ``history.csv`` -> ``history-steps.csv``."""
    return path.with_name(f"{path.stem}-steps{path.suffix or '.csv'}")


# The SQL -----------------------------------------------------------------------------------
# An inner query reads each row's values once ("OFFSET 0" keeps SQLite from folding it
# into the outer one, which would work each value out again at every use) and joins them
# into the plain line. Most lines need nothing more: the outer query checks the line
# whole, and only one with a comma, quote or line break in a value, or a value that
# starts like a formula, is made again cell by cell.

_STARTS = ", ".join(f"char({ord(c)})" for c in FORMULA_STARTS)


def _cell(value: str) -> str:
    """A value as the csv module writes it: a text with a ``'`` first if it starts like
    a formula, in quotes (doubled inside) if it holds a comma, a quote or a line break; a
    number as it is; nothing as nothing."""
    safe = f"(CASE WHEN substr({value}, 1, 1) IN ({_STARTS}) THEN char(39) ELSE '' END || {value})"
    quote = (
        f"instr({value}, ',') OR instr({value}, char(34)) OR instr({value}, char(10)) "
        f"OR instr({value}, char(13))"
    )
    return (
        f"CASE typeof({value}) WHEN 'null' THEN '' WHEN 'text' THEN CASE WHEN {quote} "
        f"THEN char(34) || replace({safe}, char(34), char(34, 34)) || char(34) ELSE {safe} END "
        f"ELSE CAST({value} AS TEXT) END"
    )


def _local_parts(moment: str, name: str) -> str:
    """Inner-query columns: ``<name>_utc`` as stored, ``<name>_local``, the local time
    to the second, and ``<name>_offset``, seconds east of UTC."""
    return (
        f"{moment} AS {name}_utc, "
        f"strftime('%Y-%m-%dT%H:%M:%S', {moment}, 'localtime') AS {name}_local, "
        f"CAST(round((julianday({moment}, 'localtime') - julianday({moment})) * 86400) "
        f"AS INTEGER) AS {name}_offset"
    )


# SQLite knows the time zone's rules only from 1970 to 2037 (outside, it takes a year
# like it in that range); other times, which an import may bring, are made by Python.
_SQLITE_ZONES = ("1970-01-02", "2037-12-31")
_PYTHON_LOCAL_TIME = "selfmassage_local_time"


def python_local_time(text: str | None) -> str:
    """A stored UTC time as Python writes it in local time; one that is not a time
    (from a damaged file) as nothing."""
    try:
        return from_text(text).astimezone().isoformat(timespec="seconds") if text else ""
    except (ValueError, TypeError, OverflowError):
        return ""


def _local_time(name: str) -> str:
    """A time from ``_local_parts`` as Python's ``isoformat(timespec="seconds")`` of the
    local time writes it (``2026-03-29T03:00:00+02:00``); none as an empty text."""
    local, offset, utc = f"{name}_local", f"abs({name}_offset)", f"{name}_utc"
    return (
        f"CASE WHEN NOT ({utc} >= '{_SQLITE_ZONES[0]}' AND {utc} < '{_SQLITE_ZONES[1]}') "
        f"THEN {_PYTHON_LOCAL_TIME}({utc}) "
        f"WHEN {local} IS NULL THEN '' WHEN {offset} % 60 = 0 THEN printf('%s%s%02d:%02d', "
        f"{local}, CASE WHEN {name}_offset < 0 THEN '-' ELSE '+' END, {offset} / 3600, "
        f"{offset} % 3600 / 60) ELSE printf('%s%s%02d:%02d:%02d', {local}, "
        f"CASE WHEN {name}_offset < 0 THEN '-' ELSE '+' END, {offset} / 3600, "
        f"{offset} % 3600 / 60, {offset} % 60) END"
    )


@dataclass(frozen=True)
class _Lines:
    """Queries of one column, each row's CSV line: ``plain`` writes the values as they
    are, ``careful`` escapes and quotes every kept value."""

    plain: str
    careful: str


def _lines(cells: list[tuple[str, bool]], inner: str) -> _Lines:
    """A cell is (SQL, kept) over ``inner``'s columns: a kept value came from the history
    (any text, escaped and quoted as needed); the others are made here and need neither
    (times, yes/no)."""
    # printf: one text made at once (each || makes a new one); %s of nothing is ''.
    pattern = "'" + ",".join(["%s"] * len(cells)) + "' || char(13, 10)"
    plain = f"printf({pattern}, {', '.join(sql for sql, _ in cells)})"
    careful = f"printf({pattern}, {', '.join(_cell(sql) if kept else sql for sql, kept in cells)})"
    rows = f"FROM ({inner} LIMIT -1 OFFSET 0)"
    return _Lines(
        plain=f"SELECT {plain} {rows}",
        careful=f"SELECT {careful} {rows}",
    )


def needs_care(value: object) -> bool:
    """True for a text the CSV would escape or quote (a number never needs it)."""
    return isinstance(value, str) and (
        value.startswith(FORMULA_STARTS) or any(c in value for c in ',"\n\r')
    )


_SESSIONS = _lines(
    [
        ("uuid", True),
        (_local_time("started"), False),
        (_local_time("ended"), False),
        ("routine_title", True),
        ("status", True),
        ("planned_seconds", True),
        ("done_seconds", True),
        ("feeling", True),
        ("before", True),
        ("after", True),
        ("notes", True),
        ("app_version", True),
    ],
    f"""SELECT s.uuid, s.routine_title, s.status, s.planned_seconds, s.done_seconds,
       s.feeling, s.notes, s.app_version, {_local_parts("s.started_at", "started")},
       {_local_parts("s.ended_at", "ended")},
       (SELECT group_concat(r.region || '=' || r.rating, '; ') FROM soreness r
         WHERE r.session_id = s.id AND r.moment = 'before') AS before,
       (SELECT group_concat(r.region || '=' || r.rating, '; ') FROM soreness r
         WHERE r.session_id = s.id AND r.moment = 'after') AS after
  FROM sessions s ORDER BY s.started_at, s.id""",
)

_STEPS = _lines(
    [
        ("uuid", True),
        (_local_time("started"), False),
        ("position + 1", True),
        ("region", True),
        ("side", True),
        ("technique", True),
        ("tool", True),
        ("planned_seconds", True),
        ("actual_seconds", True),
        ("CASE WHEN skipped THEN 'yes' ELSE 'no' END", False),
        (_local_time("ended"), False),
        (
            "CASE WHEN skipped THEN 'skipped' WHEN ended_early THEN 'ended_early' ELSE 'done' END",
            False,
        ),
    ],
    f"""SELECT s.uuid, t.position, t.region, t.side, t.technique, t.tool,
       t.planned_seconds, t.actual_seconds, t.skipped, t.ended_early,
       {_local_parts("s.started_at", "started")}, {_local_parts("t.ended_at", "ended")}
  FROM sessions s CROSS JOIN steps t ON t.session_id = s.id
 ORDER BY s.started_at, s.id, t.position, t.side""",
)


# Whether a file needs the careful query is known from its distinct texts: the steps'
# are a few names repeated (places, techniques, tools), the places rated are kept apart
# (``region_totals``), the rest are one row a session. A number kept as text (from a
# damaged file) counts as needing care.
_SESSION_TEXTS = """
SELECT DISTINCT uuid, routine_title, status, notes, app_version,
       typeof(planned_seconds) = 'text' OR typeof(done_seconds) = 'text'
       OR typeof(feeling) = 'text'
  FROM sessions
"""
_STEP_TEXTS = """
SELECT DISTINCT region, side, technique, tool,
       typeof(position) = 'text' OR typeof(planned_seconds) = 'text'
       OR typeof(actual_seconds) = 'text'
  FROM steps
"""


def _need_care(conn: sqlite3.Connection) -> tuple[bool, bool]:
    """Whether the sessions' file and the steps' file each need the careful query."""
    uuids = False
    sessions = False
    for *texts, number_as_text in conn.execute(_SESSION_TEXTS):
        uuids = uuids or needs_care(texts[0])
        sessions = sessions or number_as_text or any(map(needs_care, texts))
    places = any(needs_care(place) for (place,) in conn.execute("SELECT region FROM region_totals"))
    steps = any(
        number_as_text or any(map(needs_care, texts))
        for *texts, number_as_text in conn.execute(_STEP_TEXTS)
    )
    return sessions or places, uuids or steps


def _write_lines(out: IO[str], header: tuple[str, ...], cursor: sqlite3.Cursor) -> None:
    out.write(",".join(header) + "\r\n")
    while rows := cursor.fetchmany(200):
        out.write("".join([row[0] for row in rows]))


def export_csv(store: HistoryStore, path: Path) -> tuple[Path, Path]:
    """Write sessions to ``path`` and their steps beside it; returns both paths.

    Rows go from the database's cursor straight to the files, and each file replaces
    the old one only whole.
    """
    conn = store.conn
    steps_path = steps_csv_path(path)
    # One read of the history for both files and the look at the steps' texts: what
    # another process writes meanwhile is in neither.
    conn.create_function(_PYTHON_LOCAL_TIME, 1, python_local_time, deterministic=True)
    conn.execute("SAVEPOINT export_csv")
    try:
        careful_sessions, careful_steps = _need_care(conn)
        sessions = _SESSIONS.careful if careful_sessions else _SESSIONS.plain
        with writing_atomic(path) as out:
            _write_lines(out, SESSION_COLUMNS, conn.execute(sessions))
        steps = _STEPS.careful if careful_steps else _STEPS.plain
        with writing_atomic(steps_path) as out:
            _write_lines(out, STEP_COLUMNS, conn.execute(steps))
    finally:
        conn.execute("RELEASE export_csv")
    return path, steps_path
