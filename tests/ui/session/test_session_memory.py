"""What a session keeps in memory: given back when it is freed."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from selfmassage.app import SelfMassageApp
from selfmassage.core.anatomy import RegionSide, Side
from selfmassage.core.routine import Routine, Step
from selfmassage.core.selection import Selection
from selfmassage.ui.desktop import freed_memory
from selfmassage.ui.session.kept_map import KeptMap
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


def _places(*regions: str) -> list[Selection]:
    return [Selection.of([RegionSide(region, Side.LEFT)]) for region in regions]


def test_the_session_map_keeps_two_pictures_and_lets_the_oldest_go_before_drawing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    map_widget = KeptMap()
    qtbot.addWidget(map_widget)
    map_widget.resize(400, 500)
    kept_while_drawing: list[int] = []
    render = map_widget.render

    def counting(*args: object) -> None:
        kept_while_drawing.append(len(map_widget._kept))
        render(*args)  # type: ignore[call-overload]

    monkeypatch.setattr(map_widget, "render", counting)
    calves, forearms, shoulders = _places("calves", "forearms", "shoulders")
    for place in (calves, forearms, shoulders):
        map_widget.draw_ahead(place)
    assert kept_while_drawing == [0, 1, 1]  # about 0.75 MB each: never three at once
    assert map_widget.has_drawn(shoulders)  # the next part's, the latest drawn
    assert map_widget.has_drawn(forearms)  # the part's on screen, for its repaints
    assert not map_widget.has_drawn(calves)
    map_widget.draw_ahead(forearms)
    assert kept_while_drawing == [0, 1, 1]  # kept: not drawn again
