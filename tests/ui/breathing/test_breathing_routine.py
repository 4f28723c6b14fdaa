"""A routine that holds breathing, through the whole app: the Routine page, the session
on the Session page, its summary, its history details, its handout."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from selfmassage.app import SelfMassageApp
from selfmassage.core.assets import asset_path
from selfmassage.core.history_queries import list_sessions, session_detail
from selfmassage.core.routine_file import load_routine
from selfmassage.core.session import SessionState
from selfmassage.pdf.handout import export_handout_pdf
from selfmassage.ui.history.history_page import describe_session
from tests.ui.sessions import wait_started

T0 = 2000.0


def test_the_wind_down_runs_from_the_routine_page_to_the_history(
    app: SelfMassageApp, qtbot: QtBot
) -> None:
    routine = load_routine(asset_path("routines", "wind-down-for-sleep.smroutine"))
    assert app.routine.show(routine)
    model = app.routine.page.model
    assert model is not None and model.rowCount() == 6
    assert model.index(0, 0).data() == "Breathing"
    assert model.index(0, 3).data() == "—"  # no tool
    controller = app.session.controller
    now = [T0]
    controller.clock = lambda: now[0]
    controller.session_hooks[:] = [app.history.session_hook()]
    assert app.session.start_routine(routine)
    wait_started(qtbot, app)  # once its first cues can be heard
    page = app.session.page
    assert page.pacer.isVisible() and not page.map_widget.isVisible()
    timeline = controller.timeline
    assert timeline is not None
    now[0] = T0 + timeline.work_segments(0)[0].start + 1  # into the first breathing
    controller.tick()
    assert page.next_up.text() == "Next up: Palm press · hands"
    seen_pacer_in_massage = False
    for quarter in range(timeline.total_seconds * 4 + 8):
        now[0] = T0 + quarter / 4
        controller.tick()
        session = controller.session
        if session is not None and session.is_active:
            breathing = timeline.step(session.segment).is_breathing
            seen_pacer_in_massage |= page.pacer.isVisible() and not breathing
    assert controller.state is SessionState.FINISHED
    assert not seen_pacer_in_massage
    assert "Slow breaths to sleep" in page.summary_steps.item(5).text()
    store = app.history.store
    assert store is not None
    # The session's row is written on the turn after Start's, with all it did meanwhile.
    qtbot.waitUntil(lambda: len(list_sessions(store.conn)) == 1)
    [summary] = list_sessions(store.conn)
    detail = session_detail(store.conn, summary.uuid)
    assert detail is not None
    text = describe_session(detail)
    assert "1. Breathing — slow breathing: 2 min of 2 min" in text
    assert "6. Breathing — slow breathing: 3 min of 3 min" in text


def test_a_handout_of_a_routine_with_breathing(tmp_path: Path, qtbot: QtBot) -> None:
    routine = load_routine(asset_path("routines", "wind-down-for-sleep.smroutine"))
    export_handout_pdf(routine, tmp_path / "handout.pdf")
    assert (tmp_path / "handout.pdf").read_bytes().startswith(b"%PDF")
