"""The Session page shows each step's cautions, and the general ones while getting ready."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from selfmassage.app import SelfMassageApp
from selfmassage.core.routine import Routine, Step, StepSide, Tool
from tests.ui.session.test_session_page import FakeSpeaker, ManualClock


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def _no_sound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("selfmassage.speech.speaker.Speaker", FakeSpeaker)


@pytest.fixture
def app(_no_sound: None, active_app: SelfMassageApp, clock: ManualClock) -> SelfMassageApp:
    active_app.session.controller.clock = clock
    active_app.session.controller.session_hooks.clear()  # unrecorded: no rating dialogs
    return active_app


def test_the_step_cautions_show_and_the_general_ones_while_getting_ready(
    app: SelfMassageApp, qtbot: QtBot, clock: ManualClock
) -> None:
    from selfmassage.core.catalog import load_catalog

    catalog = load_catalog()
    roll = catalog.get("calves.foam-roller.roll")
    assert roll is not None and roll.boundary
    page = app.session.page
    routine = Routine(
        "Calves then neck",
        (
            Step("calves", 30, StepSide.LEFT, Tool.FOAM_ROLLER, roll.id),
            Step("neck", 30, technique="neck.hands.knead"),
        ),
    )
    assert app.start_session(routine)
    # The whole text: what its lines cannot hold ends in "…", whole in the tool tip.
    text = page.cautions.full_text()
    assert page.cautions.isVisible() and page.cautions.textFormat() is Qt.TextFormat.PlainText
    assert text.startswith(f"⚠ {roll.boundary}")
    assert "clot" in text
    assert "5 to 7 out of 10" in text  # the general cautions, before the first step
    assert page.where.text() == "Get ready for step 1 of 2"
    clock.advance(41)  # the first get-ready and the calf: into the get-ready before the neck
    qtbot.waitUntil(lambda: page.where.text().startswith("Get ready"))
    assert "front or sides" in page.cautions.full_text()
    assert "5 to 7 out of 10" in page.cautions.full_text()
    clock.advance(10)
    qtbot.waitUntil(lambda: page.where.text().startswith("Step 2"))
    assert "5 to 7 out of 10" not in page.cautions.full_text()
    assert "front or sides" in page.cautions.text()
    app.session.controller.stop()
