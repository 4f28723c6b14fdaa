"""The before rating: the map's ratings prefill only the routine built from the map."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from selfmassage.core.anatomy import RegionSide, Side
from selfmassage.core.routine import Routine, Step
from selfmassage.core.selection import Selection
from selfmassage.ui.safety.today_check import TodayCheckDialog
from tests.conftest import MakeApp
from tests.ui.answers import none_today
from tests.ui.sessions import wait_started


def test_home_ratings_prefill_the_built_routine_only(
    make_app: MakeApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(TodayCheckDialog, "exec", none_today())  # the day's check: all no
    app = make_app()
    app.finish_start_up()
    left_traps = RegionSide("upper-traps", Side.LEFT)
    app.home.page.set_selection(Selection().with_soreness(left_traps, 7))
    routine = Routine("Hands and shoulders", (Step("upper-traps", 30),))

    app.routine.from_home = False  # as after opening a routine from the Library
    app.rate_then_start(routine)
    dialog = app.history.before_dialog
    assert dialog is not None
    assert dialog.form.boxes["upper-traps-left"].text() == "–"  # no old Home rating
    dialog.reject()
    wait_started(qtbot, app)
    app.session.controller.stop()

    app.routine.from_home = True  # as right after Build
    app.rate_then_start(routine)
    dialog = app.history.before_dialog
    assert dialog is not None
    assert dialog.form.boxes["upper-traps-left"].value() == 7
    assert dialog.form.boxes["upper-traps-right"].text() == "–"
    dialog.reject()
    wait_started(qtbot, app)
    app.session.controller.stop()
