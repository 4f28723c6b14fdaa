"""The breathing pacer: from Home (button and shortcut) through its dialog to a session
of breathing on the Session page, with the shape following the session's clock."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from selfmassage.app import SelfMassageApp
from selfmassage.core import aftercare
from selfmassage.core.breathing import BreathPattern, BreathPhase
from selfmassage.core.history_queries import list_sessions
from selfmassage.core.session import SessionState
from selfmassage.ui.breathing.pacer import BreathPacer
from selfmassage.ui.breathing.pacer_dialog import PacerDialog
from tests.ui.sessions import wait_started

T0 = 1000.0


def _dialog(qtbot: QtBot) -> PacerDialog:
    found: list[PacerDialog] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, PacerDialog)]
        return bool(found) and found[0].isVisible()

    qtbot.waitUntil(shown)
    return found[0]


def test_the_pacer_runs_from_home_on_the_session_clock(
    active_app: SelfMassageApp, qtbot: QtBot
) -> None:
    app = active_app
    now = [T0]
    controller = app.session.controller
    controller.clock = lambda: now[0]

    def at(seconds: float) -> None:
        now[0] = T0 + seconds
        controller.tick()

    # The shortcut opens the dialog from Home, wherever the focus is.
    qtbot.keyClick(
        app.window,
        Qt.Key.Key_B,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = _dialog(qtbot)
    dialog.minutes.setValue(2)
    dialog.pattern.setCurrentIndex(dialog.pattern.findData("4-2-6"))
    dialog.sound.setCurrentIndex(dialog.sound.findData("tones"))
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    wait_started(qtbot, app)  # once its first cues can be heard

    assert app.window.current_page_key() == "session"
    page = app.session.page
    pacer = page.pacer
    assert pacer.isVisible() and not page.illustration.isVisible()
    assert not page.map_widget.isVisible()  # breathing works on no place of the body
    assert page.cautions.text() == ""  # nor has it massage's cautions
    assert page.tool.text() == "In for 4 s, hold for 2 s, out for 6 s"
    assert app.settings.pacer_minutes == 2
    assert app.settings.pacer_pattern == "4-2-6"
    assert app.settings.breath_sound == "tones"
    timeline = controller.timeline
    assert timeline is not None
    (work,) = timeline.work_segments(0)
    assert work.seconds == 120
    b = work.start  # the breathing starts after a get-ready pause, if there is one

    at(b + 2.0)
    assert pacer.phase.text() == "Breathe in"
    assert 0.45 < pacer.shape.fullness < 0.55
    at(b + 5.0)
    assert pacer.phase.text() == "Hold"
    assert pacer.shape.fullness == 1.0
    at(b + 9.0)
    assert pacer.phase.text() == "Breathe out"
    assert 0.45 < pacer.shape.fullness < 0.55

    # "+30 s" is for massage: the breath's cues keep the step's length.
    assert not page.add_button.isEnabled()
    session = controller.session
    assert session is not None
    planned = session.total
    qtbot.keyClick(app.window, Qt.Key.Key_Plus)
    assert session.total == planned

    # Paused: the shape stays where it was, however long the pause.
    controller.pause()
    held = pacer.shape.fullness
    at(b + 300.0)
    assert controller.state is SessionState.PAUSED
    assert pacer.shape.fullness == held and pacer.phase.text() == "Breathe out"
    controller.resume()
    at(b + 300.0 + 3.0)  # 12 s of breathing: a new breath begins
    assert pacer.phase.text() == "Breathe in"
    assert pacer.shape.fullness < 0.05

    at(b + 291.0 + 120.0 + 1.0)  # the end: two minutes of breathing and the pause
    assert controller.state is SessionState.FINISHED
    store = app.history.store
    assert store is not None
    # The session's row is written on the turn after Start's, with all it did meanwhile.
    qtbot.waitUntil(lambda: len(list_sessions(store.conn)) == 1)
    [summary] = list_sessions(store.conn)
    assert summary.routine_title == "Breathing pacer"
    assert summary.regions == ("breathing",)
    assert summary.done_seconds == 120  # the breathing, not the get-ready before it
    # No place was massaged: no card on tenderness and bruises, no such words at the end.
    assert not app.session.page.summary.aftercare.isVisible()
    assert aftercare.SPOKEN not in controller.timeline.finish.text


def test_the_home_button_opens_the_dialog_with_the_last_choice(
    app: SelfMassageApp, qtbot: QtBot
) -> None:
    app.settings.pacer_minutes = 7
    app.settings.pacer_pattern = "5-5"
    button = app.breathing.button
    assert button.isVisible() and button.text().replace("&", "") == "Breathing pacer…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot)
    assert dialog.minutes.value() == 7
    assert dialog.choice().pattern == BreathPattern(5, 0, 5)
    assert dialog.preview.phase.text() == "Breathe in"
    dialog.reject()
    assert app.window.current_page_key() == "home"
    assert not (app.session.controller.is_active)


def test_the_shape_repaints_only_when_it_moves(qtbot: QtBot) -> None:
    pacer = BreathPacer()
    qtbot.addWidget(pacer)
    pacer.resize(300, 360)
    pacer.show()
    qtbot.waitExposed(pacer)
    pacer.set_pattern(BreathPattern(4, 4, 6))
    before = pacer.shape.repaints
    for tick in range(80):  # 4 s of hold, ticks 50 ms apart
        pacer.show_at(4.0 + tick * 0.05, 60)
    assert pacer.state is not None and pacer.state.phase is BreathPhase.HOLD
    assert pacer.shape.repaints - before <= 1  # the step into the hold, then nothing
    growing = pacer.shape.repaints
    for tick in range(80):  # 4 s of breathing in: it moves, and repaints as it does
        pacer.show_at(12.0 + tick * 0.05, 60)
    assert 20 < pacer.shape.repaints - growing <= 80
    assert pacer.remaining.text() == "01:00 left"
