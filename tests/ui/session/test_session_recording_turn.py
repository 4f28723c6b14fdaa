"""Pressing Start draws the Session page and nothing else: the session's row is written
to the history a moment later, after the page is drawn, with whatever the session did
meanwhile, in order."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from selfmassage.app import SelfMassageApp
from selfmassage.core.history_queries import list_sessions
from selfmassage.core.routine import Routine, Step
from selfmassage.core.session_start import SessionStart
from selfmassage.core.timeline import build_timeline
from tests.conftest import MakeApp

ROUTINE = Routine("Neck", (Step("neck", 30),))


def test_start_writes_nothing_in_its_own_turn_and_the_next_turn_writes_the_session(
    make_app: MakeApp, qtbot: QtBot
) -> None:
    app = make_app()
    store = app.history.store
    assert store is not None
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        # The turn a session starts in (Start, once its first cues can be heard).
        app.session.controller.start(build_timeline(ROUTINE), SessionStart(ROUTINE))
    finally:
        store.conn.set_trace_callback(None)
    assert not [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE"))]
    assert list_sessions(store.conn) == []
    qtbot.waitUntil(lambda: len(list_sessions(store.conn)) == 1)
    [summary] = list_sessions(store.conn)
    assert summary.status == "running" and summary.routine_title == "Neck"
    _stop(app, qtbot)


def test_the_turn_that_draws_the_session_page_writes_nothing_either(
    make_app: MakeApp, qtbot: QtBot
) -> None:
    app = make_app()
    store = app.history.store
    assert store is not None
    app.session.controller.start(build_timeline(ROUTINE), SessionStart(ROUTINE))
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        QCoreApplication.sendPostedEvents()  # the next turn: the page's layout and paint
    finally:
        store.conn.set_trace_callback(None)
    assert not [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE"))]
    qtbot.waitUntil(lambda: len(list_sessions(store.conn)) == 1)
    _stop(app, qtbot)


def test_the_after_rating_waits_for_the_summary_to_be_drawn(
    make_app: MakeApp, qtbot: QtBot
) -> None:
    app = make_app()
    app.session.controller.start(build_timeline(ROUTINE), SessionStart(ROUTINE))
    qtbot.waitUntil(lambda: app.history.recorder is not None)
    app.session.controller.stop()
    QCoreApplication.sendPostedEvents()  # the next turn: the summary's layout and paint
    assert app.history.after_dialog is None
    _stop_rating(app, qtbot)


def test_a_session_stopped_before_its_row_is_written_is_recorded_whole(
    make_app: MakeApp, qtbot: QtBot
) -> None:
    app = make_app()
    store = app.history.store
    assert store is not None
    app.session.controller.start(build_timeline(ROUTINE), SessionStart(ROUTINE))
    app.session.controller.stop()  # in the same turn as Start
    qtbot.waitUntil(lambda: len(list_sessions(store.conn)) == 1)
    [summary] = list_sessions(store.conn)
    assert summary.status == "stopped"
    qtbot.waitUntil(lambda: app.history.after_dialog is not None)
    dialog = app.history.after_dialog
    assert dialog is not None
    dialog.reject()


def _stop(app: SelfMassageApp, qtbot: QtBot) -> None:
    app.session.controller.stop()
    _stop_rating(app, qtbot)


def _stop_rating(app: SelfMassageApp, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: app.history.after_dialog is not None)
    dialog = app.history.after_dialog
    assert dialog is not None
    dialog.reject()
