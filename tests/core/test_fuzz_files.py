"""Fuzzing the readers of files from outside: what a reader accepts, everything after it
(the sums, the terminal output, the writers, the history and its exports) takes too, in
a time zone far from UTC; what it refuses, it refuses with a message, never a traceback.

The number of examples is bounded (tests/file_strategies.py says how to run more)."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given

from selfmassage.cli import main
from selfmassage.commands.routine import describe
from selfmassage.core.adherence import (
    planned_sessions,
    rated_places,
    report_totals,
    soreness_change_by_region,
    soreness_series,
    summary_lines,
)
from selfmassage.core.document_check import EARLIEST_DAY, LATEST_DAY
from selfmassage.core.history import HistoryStore
from selfmassage.core.history_export import (
    HistoryImportError,
    export_csv,
    export_json,
    import_json,
    read_export,
)
from selfmassage.core.history_queries import list_sessions, overview, session_detail
from selfmassage.core.report_file import dump_report, parse_report
from selfmassage.core.routine import Pacing, plan
from selfmassage.core.routine_file import dump_routine, parse_routine
from selfmassage.core.shown_text import BIDI_CONTROLS
from tests.file_strategies import (
    FUZZ,
    file_bytes,
    history_documents,
    report_documents,
    routine_documents,
)
from tests.time_zones import far_from_utc


def in_range(moment: datetime) -> bool:
    return EARLIEST_DAY <= moment.astimezone(UTC).date() <= LATEST_DAY


@FUZZ
@given(file_bytes(routine_documents()))
def test_routine_files(data: bytes) -> None:
    result = parse_routine(data)
    assert result.ok == (not result.errors)
    if result.routine is None:
        return
    routine = result.routine
    written = dump_routine(routine)
    again = parse_routine(written)
    assert again.routine is not None, again.errors  # what the app writes, it reads
    assert dump_routine(again.routine) == written
    plan(routine, Pacing())
    shown = describe(routine, Pacing())
    assert not any(char in shown for char in ("\x1b", "\x9b", *BIDI_CONTROLS))


@FUZZ
@given(file_bytes(report_documents()))
def test_report_files(data: bytes) -> None:
    with far_from_utc():
        result = parse_report(data)
        if result.report is None:
            assert result.errors
            return
        report = result.report
        assert report.created.tzinfo is not None and in_range(report.created)
        assert report.created < datetime.now(UTC).replace(year=9999)  # compares with now
        for session in report.sessions:
            assert session.started.tzinfo is not None and in_range(session.started)
        report_totals(report)
        summary_lines(report)
        soreness_change_by_region(report)
        for place in rated_places(report):
            soreness_series(report, place)
        if report.schedule is not None:
            planned_sessions(report.schedule, report.period_from, report.period_to)
        report.created.strftime("%Y-%m-%d %H:%M")
        again = parse_report(dump_report(report))
        assert again.report is not None, again.errors


@FUZZ
@given(file_bytes(history_documents()))
def test_history_imports(data: bytes) -> None:
    with far_from_utc(), tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = root / "import.json"
        source.write_bytes(data)
        with HistoryStore(root / "h.sqlite3") as store:
            try:
                read_export(source)
                import_json(store, source)
            except HistoryImportError as error:
                assert str(error).startswith(str(source))
                return
            summaries = list_sessions(store.conn)
            for summary in summaries:
                summary.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
                assert session_detail(store.conn, summary.uuid) is not None
            overview(store.conn, datetime.now(UTC).date())
            export_csv(store, root / "out.csv")
            export_json(store, root / "out.json")
            # What was exported comes back in whole.
            with HistoryStore(root / "again.sqlite3") as again:
                assert import_json(again, root / "out.json").added == len(summaries)


@pytest.mark.usefixtures("paths")
def test_history_commands_after_a_fuzzed_import(capsys: pytest.CaptureFixture[str]) -> None:
    """The commands, once, over what a fuzzed import let in (the reader-level test above
    covers the many examples; this one covers the printing)."""

    @FUZZ
    @given(file_bytes(history_documents()))
    def run(data: bytes) -> None:
        with far_from_utc(), tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "import.json"
            source.write_bytes(data)
            main(["history", "import", str(source)])
            assert main(["history", "list"]) == 0
            assert main(["history", "list", "--json"]) == 0
            out = Path(folder) / "out.csv"
            assert main(["history", "export", "--format", "csv", "-o", str(out)]) == 0
            _out, err = capsys.readouterr()
            assert "Traceback" not in err

    run()
