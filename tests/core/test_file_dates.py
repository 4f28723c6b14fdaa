"""Dates and times from files, one rule for every way in: a time without a zone is local
time, and dates lie from 1971 to 9000, so that what a reader accepts every window, PDF
and command can show (edge dates used to crash them in non-UTC zones)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from selfmassage.cli import main
from selfmassage.core.document_check import EARLIEST_DAY, LATEST_DAY
from selfmassage.core.history import HistoryStore
from selfmassage.core.history_export import HistoryImportError, import_json
from selfmassage.core.paths import AppPaths
from selfmassage.core.report_file import parse_report
from selfmassage.core.routine_file import parse_routine
from tests.core.test_report_file import document as report_document
from tests.time_zones import far_from_utc

ROUTINE = {
    "format": "selfmassage-routine",
    "version": 1,
    "title": "Calves",
    "steps": [{"region": "calves", "seconds": 60}],
}


@pytest.fixture
def far_east() -> Iterator[None]:
    """A zone far from UTC, where edge dates used to overflow."""
    with far_from_utc():
        yield


def report_errors(doc: object) -> list[str]:
    return [str(p) for p in parse_report(json.dumps(doc).encode()).errors]


def test_a_report_created_without_a_zone_is_read_as_local_time() -> None:
    doc = report_document()
    doc["created"] = "2026-11-27T18:02:11"
    result = parse_report(json.dumps(doc).encode())
    assert result.report is not None
    created = result.report.created
    assert created.tzinfo is not None  # compares with now, and with zoned times
    assert created.replace(tzinfo=None) == datetime(2026, 11, 27, 18, 2, 11)
    assert created.utcoffset() == datetime(2026, 11, 27, 18, 2, 11).astimezone().utcoffset()
    assert created < datetime.now(UTC).replace(year=9000)


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("created", "9999-12-31T23:59:59+00:00"),
        ("created", "0001-01-01T00:00:00"),
        ("period", {"from": "9999-12-01", "to": "9999-12-31"}),
        ("period", {"from": "0001-01-01", "to": "0001-01-02"}),
        ("schedule", {"times_per_week": 3, "weeks": 52, "start": "9999-12-01"}),
        ("started", "9999-12-31T23:00:00-01:00"),
    ],
)
def test_report_dates_at_the_edge_of_the_calendar_are_refused(where: str, value: object) -> None:
    doc = report_document()
    if where == "schedule":
        doc["routine"]["schedule"] = value
    elif where == "started":
        doc["sessions"][0]["started"] = value
    else:
        doc[where] = value
    errors = report_errors(doc)
    assert errors and all("must lie from 1971-01-01 to 9000-12-31" in e for e in errors), errors


def test_the_range_ends_are_accepted() -> None:
    doc = report_document()
    doc["period"] = {"from": LATEST_DAY.isoformat(), "to": LATEST_DAY.isoformat()}
    doc["routine"]["schedule"] = {"times_per_week": 3, "weeks": 52, "start": "9000-12-31"}
    doc["created"] = "1971-01-01T00:00:00"
    assert report_errors(doc) == []
    assert date(1971, 1, 1) == EARLIEST_DAY


@pytest.mark.parametrize(
    ("key", "value"),
    [("created", "9999-12-31"), ("created", "0001-01-01T00:00:00"), ("schedule", None)],
)
def test_routine_dates_at_the_edge_of_the_calendar_are_refused(key: str, value: object) -> None:
    doc = dict(ROUTINE)
    if key == "schedule":
        doc["schedule"] = {"times_per_week": 3, "weeks": 52, "start": "9999-12-27"}
    else:
        doc[key] = value
    errors = [str(p) for p in parse_routine(json.dumps(doc).encode()).errors]
    assert errors and "must lie from 1971-01-01 to 9000-12-31" in errors[0], errors


def write_export(path: Path, **session: object) -> Path:
    base = {
        "uuid": "u-1",
        "routine_title": "Calves",
        "started_at": "2026-01-01T10:00:00+01:00",
        "status": "completed",
    }
    document = {"format": "selfmassage-history", "version": 1, "sessions": [{**base, **session}]}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_an_imported_time_without_a_zone_is_local_time(tmp_path: Path) -> None:
    path = write_export(tmp_path / "e.json", started_at="2026-01-01T10:00:00")
    store = HistoryStore(tmp_path / "h.sqlite3")
    assert import_json(store, path).added == 1
    stored = store.conn.execute("SELECT started_at FROM sessions").fetchone()[0]
    assert datetime.fromisoformat(stored) == datetime(2026, 1, 1, 10).astimezone()


@pytest.mark.usefixtures("far_east")
@pytest.mark.parametrize(
    "moment", ["9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+00:00", "9000-12-31T12:00:00"]
)
def test_history_import_at_the_edge_is_refused_or_shown_everywhere(
    tmp_path: Path, paths: AppPaths, capsys: pytest.CaptureFixture[str], moment: str
) -> None:
    path = write_export(tmp_path / "e.json", started_at=moment, ended_at=moment)
    status = main(["history", "import", str(path)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if moment.startswith("9000"):
        assert status == 0  # the last day in range: accepted, and shown by everything
    else:
        assert status != 0 and "must lie from 1971-01-01 to 9000-12-31" in err
    assert main(["history", "list"]) == 0
    assert main(["history", "list", "--json"]) == 0
    assert main(["history", "export", "--format", "csv", "-o", str(tmp_path / "h.csv")]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_report_export_refuses_dates_out_of_range(
    paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.smreport"
    with pytest.raises(SystemExit):
        main(["report", "export", "--routine", "x", "--to", "9999-12-31", "-o", str(out)])
    err = capsys.readouterr().err
    assert "from 1971-01-01 to 9000-12-31" in err and "Traceback" not in err


def test_an_import_with_an_edge_date_adds_nothing(tmp_path: Path) -> None:
    path = write_export(tmp_path / "e.json", started_at="9999-12-31T23:59:59+14:00")
    store = HistoryStore(tmp_path / "h.sqlite3")
    with pytest.raises(HistoryImportError):
        import_json(store, path)
    assert store.count() == 0


@pytest.mark.parametrize("moment", ["1971-01-01T00:00:00+14:00", "9000-12-31T23:00:00-05:00"])
def test_a_time_in_range_as_written_but_not_in_utc_is_refused(tmp_path: Path, moment: str) -> None:
    # Found by fuzzing: the history keeps times in UTC, so such a time was imported but
    # its own export (1970-12-31T10:00Z) could not be imported again.
    store = HistoryStore(tmp_path / "h.sqlite3")
    with pytest.raises(HistoryImportError, match="must lie from"):
        import_json(store, write_export(tmp_path / "e.json", started_at=moment))
    doc = report_document()
    doc["created"] = moment
    assert report_errors(doc) == [
        f'$.created: must lie from 1971-01-01 to 9000-12-31, not "{moment}"'
    ]
