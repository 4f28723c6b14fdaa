"""The history out to two CSV files, sessions and steps, for spreadsheets.

Each line is made by SQLite as the rows are read: local times, the escape of text that a
spreadsheet would run as a formula, the CSV quoting. Python only moves finished lines
from the cursor to the file, so ten years (58,000 steps) take a fraction of a second
and forty years are never held in memory at once.

The lines are what Python's ``csv`` module (``QUOTE_MINIMAL``, ``\\r\\n``) writes for the
same cells, and the times what ``datetime.astimezone().isoformat(timespec="seconds")``
gives: the local offsets over the history's span are Python's own (``zone_offsets``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import IO

from selfmassage.core.atomic import writing_atomic
from selfmassage.core.history import HistoryStore, from_text, to_text
from selfmassage.core.zone_offsets import OffsetSpan, offset_spans

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
# Most histories hold no text that needs escaping or quotes: their lines are the values
# joined as they are. Only a history holding such a text (``_need_care``) takes the careful
# query, which looks at every kept value.

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


_PYTHON_LOCAL_TIME = "selfmassage_local_time"


def python_local_time(text: str | None) -> str:
    """A stored UTC time as Python writes it in local time; one that is not a time
    (from a damaged file) as nothing."""
    try:
        return from_text(text).astimezone().isoformat(timespec="seconds") if text else ""
    except (ValueError, TypeError, OverflowError, OSError):
        return ""


# Local times: the zone's offsets over the history's span come from Python
# (``zone_offsets``) and go into the query as a search tree of literal UTC times, each
# leaf the local time made with its span's offset; a time outside the spans, or not
# written as the history writes times (from a damaged file), is made by Python.
_STORED = "????-??-??T??:??:??.???+00:00"
"""The shape of a stored time (``to_text``), a GLOB: as texts, such times sort as times do."""


def _stored(moment: int) -> str:
    return to_text(datetime.fromtimestamp(moment, UTC))


def _offset_text(offset: int) -> str:
    """``+01:00`` or ``-03:30``, or with seconds (``+00:53:28``), as ``isoformat`` writes it."""
    return datetime(2000, 1, 1, tzinfo=timezone(timedelta(seconds=offset))).isoformat()[19:]


def _in_span(utc: str, span: OffsetSpan) -> str:
    shift = f", '{span.offset:+d} seconds'" if span.offset else ""
    return f"strftime('%Y-%m-%dT%H:%M:%S', {utc}{shift}) || '{_offset_text(span.offset)}'"


def _search(utc: str, spans: Sequence[OffsetSpan]) -> str:
    if len(spans) == 1:
        return _in_span(utc, spans[0])
    middle = len(spans) // 2
    return (
        f"CASE WHEN {utc} < '{_stored(spans[middle].start)}' THEN {_search(utc, spans[:middle])} "
        f"ELSE {_search(utc, spans[middle:])} END"
    )


def _local_time(utc: str, spans: Sequence[OffsetSpan]) -> str:
    """SQL for the stored UTC time ``utc`` as Python's ``isoformat(timespec="seconds")``
    of the local time writes it (``2026-03-29T03:00:00+02:00``); none as an empty text."""
    python = f"{_PYTHON_LOCAL_TIME}({utc})"
    if not spans:
        return f"CASE WHEN {utc} IS NULL THEN '' ELSE {python} END"
    return (
        f"CASE WHEN {utc} >= '{_stored(spans[0].start)}' AND {utc} < '{_stored(spans[-1].end)}' "
        f"AND {utc} GLOB '{_STORED}' THEN {_search(utc, spans)} "
        f"WHEN {utc} IS NULL THEN '' ELSE {python} END"
    )


def _line(cells: list[tuple[str, bool]], careful: bool) -> str:
    """SQL for a CSV line of cells. A cell is (SQL, kept): a kept value came from the
    history (any text: escaped and quoted as needed if ``careful``); the others are made
    here and need neither (times, yes/no)."""
    # printf: one text made at once (each || makes a new one); %s of nothing is ''.
    pattern = "'" + ",".join(["%s"] * len(cells)) + "' || char(13, 10)"
    values = ", ".join(_cell(sql) if kept and careful else sql for sql, kept in cells)
    return f"printf({pattern}, {values})"


def needs_care(value: object) -> bool:
    """True for a text the CSV would escape or quote (a number never needs it)."""
    return isinstance(value, str) and (
        value.startswith(FORMULA_STARTS) or any(c in value for c in ',"\n\r')
    )


def _sessions_query(spans: Sequence[OffsetSpan], careful: bool) -> str:
    """One row a session, its line. An inner query reads each row's values once ("OFFSET
    0" keeps SQLite from folding it into the outer one, which would work each value out
    again at every use in a careful line)."""
    line = _line(
        [
            ("uuid", True),
            ("started", False),
            ("ended", False),
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
        careful,
    )
    return f"""SELECT {line} FROM (
SELECT s.uuid, s.routine_title, s.status, s.planned_seconds, s.done_seconds,
       s.feeling, s.notes, s.app_version,
       {_local_time("s.started_at", spans)} AS started,
       {_local_time("s.ended_at", spans)} AS ended,
       (SELECT group_concat(r.region || '=' || r.rating, '; ') FROM soreness r
         WHERE r.session_id = s.id AND r.moment = 'before') AS before,
       (SELECT group_concat(r.region || '=' || r.rating, '; ') FROM soreness r
         WHERE r.session_id = s.id AND r.moment = 'after') AS after
  FROM sessions s ORDER BY s.started_at, s.id LIMIT -1 OFFSET 0)"""


def _steps_query(spans: Sequence[OffsetSpan], careful: bool) -> str:
    """One row a session, the lines of its steps (none for a session without steps):
    the session's key and local start are made once for all its steps, and its steps
    come in their order from the index on (session, position, side)."""
    line = _line(
        [
            ("s.uuid", True),
            ("s.started", False),
            ("t.position + 1", True),
            ("t.region", True),
            ("t.side", True),
            ("t.technique", True),
            ("t.tool", True),
            ("t.planned_seconds", True),
            ("t.actual_seconds", True),
            ("CASE WHEN t.skipped THEN 'yes' ELSE 'no' END", False),
            (_local_time("t.ended_at", spans), False),
            (
                "CASE WHEN t.skipped THEN 'skipped' WHEN t.ended_early THEN 'ended_early' "
                "ELSE 'done' END",
                False,
            ),
        ],
        careful,
    )
    return f"""SELECT (SELECT group_concat({line}, '') FROM steps t WHERE t.session_id = s.id)
  FROM (SELECT id, uuid, {_local_time("started_at", spans)} AS started FROM sessions
         ORDER BY started_at, id LIMIT -1 OFFSET 0) s"""


# Whether a file needs the careful query: the sessions' texts are looked at by SQLite
# (one row a session); the steps' are a few names repeated (places, techniques, tools),
# looked at once each, as are the places rated (``region_totals``). A number kept as
# text (from a damaged file) counts as needing care.
_FORMULA_START = "'[' || char({}) || ']*'".format(
    ", ".join(str(ord(c)) for c in sorted(FORMULA_STARTS, key=lambda c: c == "-"))
)  # a "-" last in a GLOB's brackets is itself, not a range
_QUOTED = "'*[' || char(44, 34, 10, 13) || ']*'"  # , " \n \r


def _care(value: str) -> str:
    """SQL: whether ``value`` is a text that ``needs_care``."""
    return (
        f"(typeof({value}) = 'text' AND ({value} GLOB {_FORMULA_START} OR {value} GLOB {_QUOTED}))"
    )


_SESSION_CARE = f"""
SELECT coalesce(max({_care("uuid")}), 0),
       coalesce(max({" OR ".join(map(_care, ("routine_title", "status", "notes", "app_version")))}
                    OR typeof(planned_seconds) = 'text' OR typeof(done_seconds) = 'text'
                    OR typeof(feeling) = 'text'), 0)
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
    uuids, sessions = (bool(care) for care in conn.execute(_SESSION_CARE).fetchone())
    places = any(needs_care(place) for (place,) in conn.execute("SELECT region FROM region_totals"))
    steps = any(
        number_as_text or any(map(needs_care, texts))
        for *texts, number_as_text in conn.execute(_STEP_TEXTS)
    )
    return uuids or sessions or places, uuids or steps


def _write_lines(out: IO[str], header: tuple[str, ...], cursor: sqlite3.Cursor) -> None:
    out.write(",".join(header) + "\r\n")
    while rows := cursor.fetchmany(100):
        out.write("".join([row[0] for row in rows if row[0] is not None]))


_SPAN_YEARS = (1900, 2100)
"""Local times are made from offsets looked up beforehand only in these years (a
damaged file may hold any year)."""


def _history_spans(conn: sqlite3.Connection) -> list[OffsetSpan]:
    """The local offsets from the history's first start to a day after its last time."""
    first, last = conn.execute(
        "SELECT min(started_at), max(started_at) FROM sessions WHERE started_at GLOB ?",
        (_STORED,),
    ).fetchone()
    (last_end,) = conn.execute(
        "SELECT max(ended_at) FROM sessions WHERE ended_at GLOB ?", (_STORED,)
    ).fetchone()
    if first is None:
        return []
    try:
        start = from_text(first).timestamp()
        end = from_text(max(last, last_end or last)).timestamp() + 86_400
        lowest, highest = (datetime(y, 1, 1, tzinfo=UTC).timestamp() for y in _SPAN_YEARS)
        return offset_spans(int(max(start, lowest)) - 1, int(min(end, highest)))
    except (ValueError, OverflowError, OSError):
        return []


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
        spans = _history_spans(conn)
        with writing_atomic(path) as out:
            sessions = _sessions_query(spans, careful_sessions)
            _write_lines(out, SESSION_COLUMNS, conn.execute(sessions))
        with writing_atomic(steps_path) as out:
            _write_lines(out, STEP_COLUMNS, conn.execute(_steps_query(spans, careful_steps)))
    finally:
        conn.execute("RELEASE export_csv")
    return path, steps_path
