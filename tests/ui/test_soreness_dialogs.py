"""Before and after a session: the rating dialogs, by keyboard, and the recording hook."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from selfmassage.core.history_queries import list_sessions, session_detail
from selfmassage.core.paths import AppPaths
from selfmassage.core.routine import Routine, Step
from selfmassage.core.session import Session
from selfmassage.core.timeline import build_timeline
from selfmassage.ui import history_presenter as presenter_module
from selfmassage.ui.history_presenter import HistoryPresenter
from selfmassage.ui.main_window import MainWindow
from selfmassage.ui.soreness_dialogs import SorenessAfterDialog, SorenessBeforeDialog


def test_before_is_prefilled_and_typed_into(qtbot: QtBot) -> None:
    dialog = SorenessBeforeDialog(["neck", "calves"], {"calves": 6, "neck": None})
    qtbot.addWidget(dialog)
    dialog.show()
    neck, calves = dialog.form.boxes["neck"], dialog.form.boxes["calves"]
    assert neck.text() == "–" and calves.value() == 6
    neck.setFocus()
    neck.selectAll()
    qtbot.keyClicks(neck, "4")
    qtbot.keyClick(neck, Qt.Key.Key_Return)  # Enter starts
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.ratings() == {"neck": 4, "calves": 6}
    assert neck.accessibleName() == "Soreness of Neck, 0 to 10"


def test_before_can_be_skipped_with_escape(qtbot: QtBot) -> None:
    dialog = SorenessBeforeDialog(["neck"], {"neck": 5})
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.ratings() == {}


def test_after_keeps_ratings_feeling_and_note(qtbot: QtBot) -> None:
    dialog = SorenessAfterDialog(["calves"], {"calves": 7})
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.form.boxes["calves"].value() == 7  # starts at what was said before
    dialog.form.boxes["calves"].setValue(3)
    assert dialog.feeling() is None
    dialog.feeling_group.button(4).click()
    qtbot.keyClicks(dialog.note, "  Tight left calf  ")
    assert (dialog.ratings(), dialog.feeling(), dialog.notes()) == (
        {"calves": 3},
        4,
        "Tight left calf",
    )


def test_the_session_hook_records_a_gui_session_with_both_ratings(
    qtbot: QtBot, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    presenter = HistoryPresenter(window, paths.history_file, "0.1.0")
    asked: list[tuple[list[str], dict[str, int | None]]] = []

    def rate_before(regions, prefill, parent):  # type: ignore[no-untyped-def]
        asked.append((list(regions), dict(prefill)))
        return {"calves": 8}

    monkeypatch.setattr(presenter, "ask_soreness_before", rate_before)
    monkeypatch.setattr(SorenessAfterDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(SorenessAfterDialog, "ratings", lambda self: {"calves": 5})
    monkeypatch.setattr(SorenessAfterDialog, "feeling", lambda self: 5)
    monkeypatch.setattr(SorenessAfterDialog, "notes", lambda self: "Loose")
    routine = Routine(
        "Calves", (Step("calves", 10), Step("neck", 10), Step("calves", 10, technique="x"))
    )
    session = Session(build_timeline(routine))
    presenter.session_hook(lambda: {"calves": 6})(session)
    assert asked == [(["calves", "neck"], {"calves": 6})]
    session.start(0.0)
    session.tick(25.0)  # the first step (both sides) is done
    assert presenter.store is not None
    [summary] = list_sessions(presenter.store.conn)
    assert summary.status == "running" and summary.done_seconds == 20
    session.tick(36.0)  # the neck has begun
    session.next_step(36.0)  # skip it
    session.stop(37.0)
    qtbot.waitUntil(lambda: session_detail(presenter.store.conn, summary.uuid).notes == "Loose")
    detail = session_detail(presenter.store.conn, summary.uuid)
    assert detail is not None
    assert detail.summary.status == "stopped"
    assert detail.soreness_before == {"calves": 8} and detail.soreness_after == {"calves": 5}
    assert detail.summary.feeling == 5
    assert [(s.position, s.skipped) for s in detail.steps][:2] == [(0, False), (1, True)]
    assert "Calves" in detail.routine_snapshot  # the routine as run, as a file


def test_resume_runs_the_rest_into_the_same_session(
    qtbot: QtBot, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfmassage.core.history import HistoryStore
    from selfmassage.core.history_recording import HistoryListener
    from selfmassage.core.routine_file import dump_routine

    routine = Routine("Three", (Step("neck", 10), Step("calves", 10), Step("feet", 10)))
    with HistoryStore(paths.history_file) as store:
        recorder = store.start_session("Three", routine_snapshot=dump_routine(routine).decode())
        session = Session(build_timeline(routine))
        session.listeners.append(HistoryListener(recorder))
        session.start(0.0)
        session.tick(12.0)  # neck done, then the process dies
    window = MainWindow()
    qtbot.addWidget(window)
    presenter = HistoryPresenter(window, paths.history_file, "0.1.0")
    [unfinished] = presenter.opened.unfinished
    assert unfinished.next_position == 1
    rest = presenter.routine_to_resume(unfinished)
    assert rest is not None and [s.region for s in rest.steps] == ["calves", "feet"]
    monkeypatch.setattr(SorenessAfterDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    session = Session(build_timeline(rest))
    presenter.session_hook()(session)
    session.start(0.0)
    session.tick(10_000.0)
    assert presenter.store is not None
    [summary] = list_sessions(presenter.store.conn)
    detail = session_detail(presenter.store.conn, summary.uuid)
    assert detail is not None and detail.summary.status == "completed"
    assert [s.region for s in detail.steps] == ["neck", "calves", "feet"]
    assert presenter_module.HistoryPresenter is HistoryPresenter
