import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from selfmassage.core.report_file import (
    MAX_BYTES,
    Report,
    ReportSession,
    dump_report,
    parse_report,
    read_report,
    write_report,
)
from selfmassage.core.routine import Schedule

CET = timezone(timedelta(hours=1))
HOSTILE = "<b>hi</b><img src=x>"


def sample_report() -> Report:
    return Report(
        created=datetime(2026, 11, 27, 18, 2, 11, tzinfo=CET),
        routine_title="Post-run calves",
        routine_author="A. Physio",
        schedule=Schedule(3, 4, date(2026, 11, 2)),
        period_from=date(2026, 11, 2),
        period_to=date(2026, 11, 27),
        sessions_planned=11,
        app_version="0.1.0",
        sessions=(
            ReportSession(
                started=datetime(2026, 11, 3, 19, 10, tzinfo=CET),
                status="completed",
                planned_seconds=420,
                done_seconds=415,
                steps_done=4,
                steps_skipped=0,
                feeling=4,
                soreness_before={"calves-left": 6, "calves-right": 4},
                soreness_after={"calves-left": 3, "calves-right": 3},
                notes="Left calf tight after the long run.",
            ),
        ),
    )


def document() -> dict:  # type: ignore[type-arg]
    return json.loads(dump_report(sample_report()))


def problems(doc: object) -> list[str]:
    result = parse_report(json.dumps(doc).encode())
    return [str(p) for p in result.errors]


def test_round_trip_and_the_spec_example_reads(tmp_path: Path) -> None:
    path = tmp_path / "r.smreport"
    write_report(path, sample_report())
    result = read_report(path)
    assert result.ok and not result.warnings
    assert result.report == sample_report()
    data = path.read_bytes()
    assert data.endswith(b"}\n") and b'\n  "version": 1,' in data
    assert list(json.loads(data)) == [
        "format",
        "version",
        "created",
        "app_version",
        "routine",
        "period",
        "sessions_planned",
        "sessions",
    ]

    spec = (Path(__file__).parents[2] / "docs" / "formats" / "report-file.md").read_text()
    example = spec.split("```json\n", 1)[1].split("```", 1)[0]
    assert parse_report(example.encode()).ok


def test_hostile_text_is_kept_exactly() -> None:
    doc = document()
    doc["routine"]["title"] = HOSTILE
    doc["sessions"][0]["notes"] = HOSTILE
    result = parse_report(json.dumps(doc).encode())
    assert result.report is not None
    assert result.report.routine_title == HOSTILE
    assert result.report.sessions[0].notes == HOSTILE


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(format="selfmassage-routine"), "$.format: must be"),
        (
            lambda d: d.update(version=3),
            "$.version: this file needs a newer version of SelfMassage (file version 3",
        ),
        (lambda d: d.pop("sessions"), "$.sessions: missing"),
        (lambda d: d["routine"].update(title="  "), "$.routine.title: must not be empty"),
        (lambda d: d["period"].update(to="2026-10-01"), "$.period.to: must not be before"),
        (lambda d: d["period"].update(to="2028-01-01"), "$.period.to: at most 366 days"),
        (lambda d: d["sessions"][0].update(status="great"), "$.sessions[0].status: unknown"),
        (
            lambda d: d["sessions"][0].update(started="2026-11-03T19:10:00"),
            "$.sessions[0].started: must say its time zone",
        ),
        (
            lambda d: d["sessions"][0].update(done_seconds=-1),
            "$.sessions[0].done_seconds: must be from 0 to 86400",
        ),
        (
            lambda d: d["sessions"][0].update(feeling=9),
            "$.sessions[0].feeling: must be from 1 to 5",
        ),
        (
            lambda d: d["sessions"][0]["soreness_after"].update({"calves-left": 11}),
            '$.sessions[0].soreness_after["calves-left"]: must be from 0 to 10',
        ),
        (
            lambda d: d["sessions"][0]["soreness_after"].update({"tail": 1}),
            '$.sessions[0].soreness_after["tail"]: unknown region',
        ),
        (
            lambda d: d["sessions"][0].update(notes="x" * 2001),
            "$.sessions[0].notes: at most 2,000 characters",
        ),
        (lambda d: d.update(sessions_planned=True), "$.sessions_planned: must be a whole number"),
    ],
)
def test_bad_values_are_errors_with_json_paths(change, expected: str) -> None:  # type: ignore[no-untyped-def]
    doc = document()
    change(doc)
    found = problems(doc)
    assert any(p.startswith(expected) for p in found), found


def test_unknown_keys_are_warnings() -> None:
    doc = document()
    doc["mood"] = "good"
    doc["sessions"][0]["heart_rate"] = 60
    result = parse_report(json.dumps(doc).encode())
    assert result.ok
    assert [str(w) for w in result.warnings] == [
        "$.mood: unknown key, ignored",
        "$.sessions[0].heart_rate: unknown key, ignored",
    ]


def test_whole_file_problems_point_at_the_root(tmp_path: Path) -> None:
    assert str(parse_report(b"x" * (MAX_BYTES + 1)).errors[0]).startswith("$: too large")
    assert str(parse_report(b"[" * 100 + b"]" * 100).errors[0]).startswith("$: nested too deep")
    assert str(parse_report(b'{"format": ').errors[0]).startswith("$: not valid JSON")
    assert str(parse_report(b"\xff\xfe").errors[0]).startswith("$: not UTF-8")
    assert str(read_report(tmp_path).errors[0]).startswith("$: cannot read it")
    assert str(read_report(tmp_path / "missing").errors[0]).startswith("$: cannot read it")


def test_a_partly_done_session_makes_a_version_2_report_that_reads_back() -> None:
    import dataclasses

    base = sample_report()
    partly = dataclasses.replace(base.sessions[0], status="partly_done", done_seconds=200)
    report = dataclasses.replace(base, sessions=(partly,))
    data = dump_report(report)
    assert b'\n  "version": 2,' in data
    result = parse_report(data)
    assert result.report is not None
    assert result.report.sessions[0].status == "partly_done"


def test_a_version_1_report_cannot_say_partly_done() -> None:
    doc = document()
    doc["sessions"][0]["status"] = "partly_done"
    assert doc["version"] == 1
    [problem] = problems(doc)
    assert "$.sessions[0].status" in problem


def test_an_app_that_reads_version_1_only_is_told_a_version_2_report_needs_a_newer_app(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dataclasses

    from selfmassage.core import report_file

    base = sample_report()
    partly = dataclasses.replace(base.sessions[0], status="partly_done")
    data = dump_report(dataclasses.replace(base, sessions=(partly,)))
    monkeypatch.setattr(report_file, "VERSION", 1)
    [problem] = [str(p) for p in parse_report(data).errors]
    assert "needs a newer version of SelfMassage (file version 2" in problem
