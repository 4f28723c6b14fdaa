"""Run a routine again from the History page: the session's own routine, rated first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from selfmassage.core.history import HistoryStore, SessionStatus
from selfmassage.core.paths import AppPaths
from selfmassage.core.routine import Routine, Step
from selfmassage.core.routine_file import dump_routine
from selfmassage.ui.safety.today_check import TodayCheckDialog
from tests.conftest import MakeApp
from tests.ui.answers import none_today
from tests.ui.sessions import wait_started


def test_a_session_from_the_history_runs_again(
    make_app: MakeApp, qtbot: QtBot, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(TodayCheckDialog, "exec", none_today())
    routine = Routine("Calves <b>after</b> a run", (Step("calves", 30), Step("neck", 20)))
    with HistoryStore(paths.history_file) as store:
        recorder = store.start_session(
            routine.title, routine_snapshot=dump_routine(routine).decode("utf-8")
        )
        recorder.end(SessionStatus.COMPLETED)
    app = make_app()
    app.window.show_page("history")
    page = app.history.page
    assert page is not None
    assert not page.run_again_button.isEnabled()  # nothing chosen yet
    page.select_row(0)
    assert page.run_again_button.isEnabled()
    assert page.run_again_button.accessibleName()
    qtbot.mouseClick(page.run_again_button, Qt.MouseButton.LeftButton)

    # As from the Routine page: the rating first, then the session, of that routine.
    dialog = app.history.before_dialog
    assert dialog is not None and dialog.isVisible()
    assert set(dialog.form.boxes) == {"calves-left", "calves-right", "neck"}
    dialog.accept()
    wait_started(qtbot, app)  # once its first cues can be heard
    assert app.window.current_page_key() == "session"
    timeline = app.session.controller.timeline
    assert timeline is not None
    assert timeline.routine.title == routine.title
    assert [step.region for step in timeline.routine.steps] == ["calves", "neck"]
    app.session.controller.stop()


def test_a_session_without_its_routine_cannot_run_again(make_app: MakeApp, paths: AppPaths) -> None:
    with HistoryStore(paths.history_file) as store:
        store.start_session("Imported long ago").end(SessionStatus.COMPLETED)
    app = make_app()
    app.window.show_page("history")
    page = app.history.page
    assert page is not None
    page.select_row(0)
    assert not page.run_again_button.isEnabled()
    assert "not kept" in page.run_again_button.toolTip()
