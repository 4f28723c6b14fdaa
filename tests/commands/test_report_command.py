import json
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from selfmassage.cli import main
from selfmassage.core.history import HistoryStore
from selfmassage.core.library import Library
from selfmassage.core.paths import AppPaths
from selfmassage.core.report_file import read_report
from selfmassage.core.routine import Routine, Schedule, Step
from tests.core.test_adherence import Clock, run_session

HOSTILE = "<b>hi</b><img src=x>"


def make_history(paths: AppPaths, title: str) -> None:
    clock = Clock(datetime(2026, 11, 1, tzinfo=UTC))
    with HistoryStore(paths.history_file, clock=clock) as store:
        base = datetime(2026, 11, 3, 12, 0, tzinfo=UTC)
        for day in (0, 2, 7):
            run_session(store, clock, base + timedelta(days=day), title, skip_second=day == 2)


def test_check_good_and_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], paths: AppPaths
) -> None:
    make_history(paths, "Calves")
    good = tmp_path / "good.smreport"
    assert (
        main(
            [
                "report",
                "export",
                "--routine",
                "Calves",
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-30",
                "-o",
                str(good),
            ]
        )
        == 0
    )
    document = json.loads(good.read_text())
    document["extra"] = 1
    warned = tmp_path / "warned.smreport"
    warned.write_text(json.dumps(document))
    document["sessions"][0]["done_seconds"] = "long"
    bad = tmp_path / "bad.smreport"
    bad.write_text(json.dumps(document))
    capsys.readouterr()

    assert main(["report", "check", str(good), str(warned)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{good}: ok",
        f"{warned}: ok",
        f"{warned}: warning: $.extra: unknown key, ignored",
    ]
    assert main(["report", "check", str(bad), str(tmp_path / "none.smreport")]) == 1
    err = capsys.readouterr().err
    assert f"{bad}: error: $.sessions[0].done_seconds: must be a whole number, not a string" in err
    assert f"{tmp_path / 'none.smreport'}: error: $: cannot read it" in err
    assert "Traceback" not in err


def test_export_uses_the_library_schedule_and_writes_a_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], paths: AppPaths
) -> None:
    Library(paths.routines_dir).save(
        Routine(
            title=HOSTILE,
            author="A. Physio",
            steps=(Step("calves", 60),),
            schedule=Schedule(3, 4, date(2026, 11, 2)),
        )
    )
    make_history(paths, HOSTILE)
    out = tmp_path / "out.smreport"
    args = ["report", "export", "--routine", HOSTILE, "--from", "2026-11-02", "--to", "2026-11-15"]
    assert main([*args, "-o", str(out)]) == 0
    report = read_report(out).report
    assert report is not None
    assert report.routine_title == HOSTILE
    assert report.routine_author == "A. Physio"
    assert report.sessions_planned == 6
    assert len(report.sessions) == 3
    assert [s.steps_skipped for s in report.sessions] == [0, 1, 0]

    pdf = tmp_path / "out.pdf"
    assert main([*args, "-o", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert f"Adherence report: {HOSTILE}" in text
        assert "3 of 6 planned sessions done" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--routine", "Nope", "-o", "x.smreport"], "no session of a routine called 'Nope'"),
        (["--routine", "Calves", "-o", "x.txt"], "the output must end in .smreport or .pdf"),
        (
            ["--routine", "Calves", "--from", "2026-11-10", "--to", "2026-11-01", "-o", "x.pdf"],
            "is before --from",
        ),
    ],
)
def test_export_mistakes_are_plain_messages(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str], paths: AppPaths
) -> None:
    make_history(paths, "Calves")
    assert main(["report", "export", *args]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_export_without_history_says_so(
    capsys: pytest.CaptureFixture[str], paths: AppPaths
) -> None:
    assert main(["report", "export", "--routine", "X", "-o", "x.smreport"]) == 1
    assert "there is no history yet" in capsys.readouterr().err


def test_a_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "export", "--routine", "X", "--from", "yesterday", "-o", "x.pdf"])
    assert exit_info.value.code == 2
    assert "write it as YYYY-MM-DD" in capsys.readouterr().err
