"""What a session keeps in memory: given back when it is freed."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from selfmassage.app import SelfMassageApp
from selfmassage.core.routine import Routine, Step
from selfmassage.ui.desktop import freed_memory
from selfmassage.ui.session.session_page import SessionPage

ROUTINE = Routine("One step", (Step("neck", 60),))


def test_large_blocks_are_given_back_from_before_the_session_page_is_made(
    app: SelfMassageApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        freed_memory, "give_large_blocks_back", lambda: asked.append("large blocks") or True
    )
    monkeypatch.setattr(freed_memory, "give_back_freed", lambda: asked.append("freed") or True)
    assert not isinstance(app.window.page("session"), SessionPage)  # not made yet
    app.routine.show(ROUTINE)
    qtbot.waitUntil(lambda: app.session.prepared)
    assert asked == ["large blocks", "freed"]  # once, what start-up freed with it
    assert isinstance(app.window.page("session"), SessionPage)
