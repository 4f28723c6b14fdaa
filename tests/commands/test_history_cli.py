"""``selfmassage history list / export / import`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selfmassage.cli import main
from selfmassage.core.history import HistoryStore, SessionStatus, StepRecord
from selfmassage.core.paths import AppPaths
from tests.day_answers import ANSWERED_TODAY


def record(paths: AppPaths, title: str) -> str:
    with HistoryStore(paths.history_file) as store:
        recorder = store.start_session(title, soreness_before={"calves": 6})
        recorder.step_ended(StepRecord(0, "calves", "both", "", "foam-roller", 120, 120))
        recorder.end(SessionStatus.COMPLETED)
        store.save_after(recorder.uuid, soreness_after={"calves": 4}, feeling=4, notes="")
        return recorder.uuid


def test_list_of_an_empty_history(paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "list"]) == 0
    assert capsys.readouterr().out == "No sessions yet.\n"
    assert not paths.history_file.exists()  # listing creates nothing
    assert main(["history", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_list_as_a_table_and_as_json(paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    key = record(paths, "Calves\x1b[31m after a run")
    assert main(["history", "list"]) == 0
    out = capsys.readouterr().out
    assert "Calves\\x1b[31m after a run — Calves" in out  # a terminal escape is shown, not obeyed
    assert "Completed" in out and "-2.0" in out and "2.0" in out
    assert main(["history", "list", "--json"]) == 0
    [item] = json.loads(capsys.readouterr().out)
    assert item["uuid"] == key and item["done_seconds"] == 120
    assert item["regions"] == ["calves"] and item["soreness_change"] == -2.0


def test_export_then_import_elsewhere_is_idempotent(
    paths: AppPaths,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record(paths, "One")
    record(paths, "Two")
    out_json = tmp_path / "all.json"
    assert main(["history", "export", "--format", "json", "-o", str(out_json)]) == 0
    assert "2 sessions written" in capsys.readouterr().out
    assert main(["history", "export", "--format", "csv", "-o", str(tmp_path / "all.csv")]) == 0
    assert "all-steps.csv" in capsys.readouterr().out
    assert len((tmp_path / "all.csv").read_text().splitlines()) == 3
    assert len((tmp_path / "all-steps.csv").read_text().splitlines()) == 3

    monkeypatch.setenv("SELFMASSAGE_HOME", str(tmp_path / "new-computer"))
    assert main(["history", "import", str(out_json)]) == 0
    assert "2 sessions added, 0 already" in capsys.readouterr().out
    assert main(["history", "import", str(out_json)]) == 0
    assert "0 sessions added, 2 already" in capsys.readouterr().out


def test_bad_input_is_a_message_not_a_traceback(
    paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    assert main(["history", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("selfmassage history: ") and "not a JSON file" in err
    assert "Traceback" not in err
    assert main(["history", "import", str(tmp_path / "missing.json")]) == 1
    assert "cannot read it" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["history", "export", "--format", "json", "-o", str(blocker / "x.json")]) == 1
    assert "cannot write" in capsys.readouterr().err
    # A damaged file with no write-ahead log beside it: a leftover log of the history the
    # import above created would supply a valid first page.
    for suffix in ("-wal", "-shm"):
        paths.history_file.with_name(paths.history_file.name + suffix).unlink(missing_ok=True)
    paths.history_file.write_bytes(b"this is no database" * 200)
    assert main(["history", "list"]) == 1
    assert "starting the app repairs it" in capsys.readouterr().err


def test_a_headless_run_is_recorded_like_a_gui_session(
    paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    routine = tmp_path / "r.smroutine"
    routine.write_text(
        json.dumps(
            {
                "format": "selfmassage-routine",
                "version": 1,
                "title": "Headless",
                "steps": [
                    {"region": "neck", "seconds": 5, "name": "Neck", "instructions": "Rub."},
                    {"region": "calves", "seconds": 5, "name": "Calf", "instructions": "Roll."},
                ],
            }
        )
    )
    assert (
        main(["run", "--no-voice", "--speed", "1000", "--record", str(routine), *ANSWERED_TODAY])
        == 0
    )
    capsys.readouterr()
    assert main(["history", "list", "--json"]) == 0
    [item] = json.loads(capsys.readouterr().out)
    assert item["routine_title"] == "Headless" and item["status"] == "completed"
    assert item["regions"] == ["neck", "calves"]
    assert item["done_seconds"] == 15  # the neck once, the calves on both sides
    with HistoryStore(paths.history_file) as store:
        snapshot = store.conn.execute("SELECT routine_snapshot FROM sessions").fetchone()[0]
    assert json.loads(snapshot)["title"] == "Headless"  # the file as run
    # The run made the day's backup too.
    assert len(list((paths.data / "backups").glob("history-*.sqlite3"))) == 1
