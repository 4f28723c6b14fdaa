"""Text that wraps must get the height it needs: found cut in half on the Session page."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from selfmassage.ui.session.session_page import SessionPage


def _clipped(label: QLabel) -> bool:
    return label.height() < label.heightForWidth(label.width())


def test_the_idle_session_page_shows_its_hint_whole(qtbot: QtBot) -> None:
    page = SessionPage()
    qtbot.addWidget(page)
    hint = page.findChild(QLabel, "idleHint")
    assert hint is not None
    for width, height in ((1000, 600), (700, 500)):
        page.resize(width, height)
        page.show()
        qtbot.waitExposed(page)
        assert hint.isVisible()
        qtbot.waitUntil(lambda: hint.width() > 0)
        assert not _clipped(hint), (hint.size(), hint.heightForWidth(hint.width()))
        # Routines are built on the Home page, not the Routine page.
        assert "Home page" in hint.text()


def test_a_refusal_and_its_choices_fit_beside_the_body_map(qtbot: QtBot) -> None:
    from selfmassage.core.anatomy import RegionSide
    from selfmassage.core.builder import BuildRequest, Refusal, build_routine
    from selfmassage.core.selection import Selection
    from selfmassage.core.tools import Tool
    from selfmassage.ui.home.home_page import HomePage
    from selfmassage.ui.home.options_panel import RoutineOptions

    keys = ["neck", "calves-left", "calves-right", "hamstrings-left", "upper-traps-left"]
    keys += ["forearms-right", "feet-left", "quads-right"]
    selection = Selection.of(RegionSide.parse(key) for key in keys)
    refusal = build_routine(BuildRequest(selection, frozenset({Tool.HANDS}), 5))
    assert isinstance(refusal, Refusal)
    assert max(len(choice.label) for choice in refusal.choices) > 50  # a long one

    home = HomePage()
    qtbot.addWidget(home)
    options = RoutineOptions()
    home.set_options_widget(options)
    home.set_selection(selection)
    home.resize(1000, 640)
    home.show()
    qtbot.waitExposed(home)
    options.show_refusal(refusal)
    qtbot.waitUntil(lambda: options.refusal_box.isVisible())
    # Until the layout has given the new buttons their room (it runs on posted events).
    qtbot.waitUntil(
        lambda: (
            all(b.width() >= b.sizeHint().width() for b in options.choice_buttons)
            and not _clipped(options.refusal_label)
        )
    )
    for button, choice in zip(options.choice_buttons, refusal.choices, strict=True):
        # Every word of the choice can be read: the text wraps, the button is not cut.
        assert button.text().split() == choice.label.split()
        assert button.width() >= button.sizeHint().width(), button.text()
        assert button.accessibleName() == choice.label
    label = options.refusal_label
    assert not _clipped(label), (label.size(), label.heightForWidth(label.width()))
    # The column scrolls to show them: they came below the Build button, out of sight.
    viewport = home.side_scroll.viewport()

    def in_sight(widget: QWidget) -> bool:
        top_left = widget.mapTo(viewport, QPoint(0, 0))
        return viewport.rect().contains(QRect(top_left, widget.size()))

    qtbot.waitUntil(lambda: all(in_sight(button) for button in options.choice_buttons))
    # ... and nothing else beside the map was squeezed to make room for them.
    for button in options.tool_buttons.values():
        assert button.height() >= button.minimumSizeHint().height(), button.text()
