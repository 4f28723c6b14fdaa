"""The whole round: the physio writes a routine, the client opens and runs it, the client
exports a report, the physio opens it and sees what the client did."""

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from selfmassage.core.history import HistoryStore
from selfmassage.core.history_queries import list_sessions
from selfmassage.core.paths import AppPaths
from selfmassage.core.report_file import read_report
from tests.conftest import MakeApp
from tests.day_answers import ANSWERED_TODAY

NOTES = "Roll slowly. <b>Stop</b> if it tingles."


def home(root: Path) -> AppPaths:
    paths = AppPaths(root / "config", root / "data", root / "cache", root / "logs")
    paths.ensure()
    return paths


def run_headless(client_root: Path, routine_file: Path) -> None:
    env = {**os.environ, "SELFMASSAGE_HOME": str(client_root), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "selfmassage",
            "run",
            str(routine_file),
            "--no-voice",
            "--speed",
            "1000",
            "--record",
            *ANSWERED_TODAY,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Finished" in result.stdout


@pytest.mark.slow
def test_routine_to_client_to_report_to_physio(
    make_app: MakeApp, qtbot: QtBot, tmp_path: Path
) -> None:
    physio_paths = home(tmp_path / "physio")
    client_root = tmp_path / "client"
    client_paths = home(client_root)

    # 1. The physio writes the routine in the editor and saves it.
    physio = make_app(paths=physio_paths, show=False)
    editor = physio.physio.open_editor()
    assert editor is not None
    qtbot.addWidget(editor)
    qtbot.keyClicks(editor.routine_form.title_edit, "Calves after running")
    qtbot.keyClicks(editor.routine_form.author_edit, "A. Physio")
    qtbot.keyClicks(editor.routine_form.description_edit, NOTES)
    editor.routine_form.schedule_box.setChecked(True)
    editor.routine_form.times_spin.setValue(3)
    editor.routine_form.weeks_spin.setValue(4)
    editor.routine_form.start_check.setChecked(True)
    editor.routine_form.start_edit.setDate(QDate(date.today() - timedelta(days=3)))
    editor.add_step()
    editor.step_form.seconds_spin.setValue(20)
    editor.add_step()
    editor.step_form.region_combo.setCurrentIndex(editor.step_form.region_combo.findData("neck"))
    editor.step_form.region_combo.activated.emit(editor.step_form.region_combo.currentIndex())
    editor.step_form.seconds_spin.setValue(10)
    assert editor.problems == ()
    routine_file = tmp_path / "for-jo.smroutine"
    assert editor.save_as(routine_file)

    # 2. The client opens it: who wrote it, the notes as typed, then the safety questions.
    client = make_app(paths=client_paths)
    client.open_files([str(routine_file)])
    dialog = client.physio.prescription_dialog
    assert dialog is not None
    assert dialog.author_label.text() == "Written by A. Physio"
    assert dialog.notes.toPlainText() == NOTES
    dialog.accept()
    qtbot.waitUntil(lambda: client.safety.dialog is not None)
    client.safety.dialog.reject()  # type: ignore[union-attr]
    library_copy = next(
        e.path for e in client.library.routines.user_entries() if e.title == "Calves after running"
    )
    assert client.physio.plan_progress() == [("Calves after running", "0 of 3 this week")]

    # 3. The client runs it twice, headless, as its own process; the history records it.
    run_headless(client_root, library_copy)
    run_headless(client_root, library_copy)
    client.history.changed.emit()
    assert client.physio.plan_progress() == [("Calves after running", "2 of 3 this week")]
    with HistoryStore(client_paths.history_file) as store:
        done = [s for s in list_sessions(store.conn) if s.routine_title == "Calves after running"]
    assert len(done) == 2

    # 4. The client exports the report.
    report_file = tmp_path / "jo.smreport"
    today = date.today()
    assert client.physio.export_report(
        "Calves after running", today - timedelta(days=6), today, report_file
    )
    assert read_report(report_file).ok

    # 5. The physio opens it; their own history stays empty.
    window = physio.physio.open_report_file(str(report_file))
    assert window is not None
    qtbot.addWidget(window)
    page = window.page
    assert page.title_label.text() == "Calves after running"
    assert "Routine by A. Physio" in page.details_label.text()
    summary = page.summary_label.text()
    planned = read_report(report_file).report.sessions_planned  # type: ignore[union-attr]
    assert f"2 of {planned} planned sessions done" in summary
    assert "2 completed, 0 partly done, 0 stopped, 0 interrupted" in summary
    assert page.table.rowCount() == 2
    for row, session in enumerate(sorted(done, key=lambda s: s.started_at)):
        assert page.table.item(row, 1).text() == "Completed"
        assert page.table.item(row, 2).text() == f"{session.done_seconds / 60:.1f}"
        assert page.table.item(row, 4).text() == "0"
    total = sum(s.done_seconds for s in done)
    assert f"{(total + 30) // 60} min of massage in all" in summary
    physio_store = physio.history.store
    assert physio_store is not None and physio_store.count() == 0
    editor.undo_stack.setClean()
