"""`selfmassage self-test`, run in-process: every check real, failures one line each."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from selfmassage.cli import main
from selfmassage.commands import selftest
from selfmassage.commands.selftest import Check, CheckError, run_checks


@pytest.mark.slow
def test_self_test_runs_every_check_for_real(
    qapp: QApplication, app_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["self-test"]) == 0
    out = capsys.readouterr().out
    for name in ("assets", "window", "routine", "session", "speech", "history"):
        assert f"  ok   {name} " in out, out
    # A computer without a sound output is told so, and the install still passes.
    assert "  ok   sound    sound output: " in out or (
        "  WARN sound    No sound output: cues are on screen only." in out
    ), out
    assert "self-test passed: 7 checks" in out
    assert "of audio at 22050 Hz" in out
    # Everything happened in a temporary folder: the user's history was never made.
    assert not (app_home / "data" / "history.sqlite3").exists()
    assert not (app_home / "config" / "settings.json").exists()


def test_window_check_leaves_the_main_event_loop_alone(qtbot: QtBot, qapp: QApplication) -> None:
    quits: list[bool] = []
    qapp.aboutToQuit.connect(lambda: quits.append(True))
    skips = ["--skip", "speech", "--skip", "routine", "--skip", "session", "--skip", "history"]
    skips += ["--skip", "sound"]
    assert main(["self-test", *skips]) == 0
    # Had it run qapp.exec(), Qt would consider the app quit: no more deferred deletes.
    later = QObject()
    later.deleteLater()
    qtbot.waitUntil(lambda: not isValid(later), timeout=1000)
    assert quits == []


def test_skipped_checks_do_not_run(capsys: pytest.CaptureFixture[str]) -> None:
    skips = ["--skip", "window", "--skip", "speech", "--skip", "history", "--skip", "sound"]
    assert main(["self-test", *skips]) == 0
    out = capsys.readouterr().out
    assert "ok   routine" in out
    assert "window" not in out.split("\n", 1)[1]
    assert "self-test passed: 3 checks" in out


def test_a_failing_check_is_one_line_and_the_rest_still_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(folder: Path) -> str:
        raise RuntimeError("the disk caught fire")

    def refused(folder: Path) -> str:
        raise CheckError("the speech engine did not start: eSpeak NG is not installed")

    ran: list[Path] = []

    def fine(folder: Path) -> str:
        ran.append(folder)
        return "all good"

    failed = run_checks(
        [Check("broken", broken), Check("refused", refused), Check("fine", fine)], tmp_path
    )
    out = capsys.readouterr().out
    assert failed == ["broken", "refused"]
    assert "FAIL broken   RuntimeError: the disk caught fire" in out
    assert "FAIL refused  the speech engine did not start: eSpeak NG is not installed" in out
    assert "ok   fine     all good" in out
    assert "Traceback" not in out
    assert ran == [tmp_path / "fine"]


def test_failure_exits_non_zero_with_a_clear_last_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(folder: Path) -> str:
        raise CheckError("no window")

    monkeypatch.setattr(selftest, "CHECKS", (Check("window", broken),))
    assert main(["self-test"]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == "self-test FAILED: window"


def test_keep_leaves_the_files_for_a_look(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["self-test", "--keep", "--skip", "window", "--skip", "speech"]) == 0
    out = capsys.readouterr().out
    kept = Path(out.split("kept the files in ", 1)[1].splitlines()[0])
    try:
        assert (kept / "routine" / "self-test.smroutine").is_file()
        assert (kept / "history" / "history.sqlite3").is_file()
    finally:
        import shutil

        shutil.rmtree(kept)


def test_no_temporary_folder_is_a_clear_failure(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_space(*args: object, **kwargs: object) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(selftest.tempfile, "mkdtemp", no_space)
    assert main(["self-test"]) == 1
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("self-test FAILED: cannot make a temporary folder:")


def test_no_sound_output_is_a_warning_not_a_failure(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from PySide6.QtMultimedia import QMediaDevices

    monkeypatch.setattr(QMediaDevices, "audioOutputs", staticmethod(lambda: []))
    skips = ["--skip", "window", "--skip", "speech", "--skip", "history", "--skip", "routine"]
    assert main(["self-test", *skips, "--skip", "session", "--skip", "assets"]) == 0
    out = capsys.readouterr().out
    assert "WARN sound    No sound output: cues are on screen only." in out
    assert "self-test passed: 1 checks" in out
