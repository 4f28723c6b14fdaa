"""The routine options beside the body map."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from selfmassage.core.anatomy import ALL_REGION_SIDES
from selfmassage.core.builder import BuildRequest, Choice, Refusal, build_routine
from selfmassage.core.routine import Tool
from selfmassage.core.routine_options import Intensity
from selfmassage.core.selection import Selection
from selfmassage.ui.home.options_panel import RoutineOptions


@pytest.fixture
def options(qtbot: QtBot) -> RoutineOptions:
    widget = RoutineOptions()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_sensible_defaults(options: RoutineOptions) -> None:
    assert options.tools() == {Tool.HANDS}
    assert options.budget_minutes() == 10
    assert options.intensity() is Intensity.STANDARD
    hands = options.tool_buttons[Tool.HANDS]
    assert hands.isChecked() and not hands.isEnabled()


def test_clicks_change_the_options_and_say_so(options: RoutineOptions, qtbot: QtBot) -> None:
    with qtbot.waitSignal(options.options_changed):
        qtbot.mouseClick(options.tool_buttons[Tool.FOAM_ROLLER], Qt.MouseButton.LeftButton)
    assert options.tools() == {Tool.HANDS, Tool.FOAM_ROLLER}
    with qtbot.waitSignal(options.options_changed):
        qtbot.mouseClick(options.budget_group.button(0), Qt.MouseButton.LeftButton)
    assert options.budget_minutes() is None
    with qtbot.waitSignal(options.options_changed):
        qtbot.mouseClick(options.intensity_buttons[Intensity.GENTLE], Qt.MouseButton.LeftButton)
    assert options.intensity() is Intensity.GENTLE
    assert "Light pressure" in options.intensity_hint.text()
    qtbot.mouseClick(options.tool_buttons[Tool.FOAM_ROLLER], Qt.MouseButton.LeftButton)
    assert options.tools() == {Tool.HANDS}


def test_set_values_shows_them_quietly(options: RoutineOptions, qtbot: QtBot) -> None:
    with qtbot.assertNotEmitted(options.options_changed):
        options.set_values({Tool.MASSAGE_GUN}, 30, Intensity.DEEP)
    assert options.tools() == {Tool.HANDS, Tool.MASSAGE_GUN}
    assert options.budget_minutes() == 30
    assert options.intensity() is Intensity.DEEP
    options.set_values(set(), None, Intensity.GENTLE)
    assert options.budget_minutes() is None and options.tools() == {Tool.HANDS}
    options.set_values(set(), 7, Intensity.GENTLE)  # not offered: shown as no limit
    assert options.budget_minutes() is None


def test_ctrl_b_asks_for_a_build(options: RoutineOptions, qtbot: QtBot) -> None:
    with qtbot.waitSignal(options.build_requested):
        qtbot.keyClick(options, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(options.build_requested):
        qtbot.mouseClick(options.build_button, Qt.MouseButton.LeftButton)


def test_a_refusal_is_shown_plainly_with_its_choices(options: RoutineOptions, qtbot: QtBot) -> None:
    refusal = build_routine(BuildRequest(Selection.of(ALL_REGION_SIDES), frozenset(Tool), 5))
    assert isinstance(refusal, Refusal)
    options.show_refusal(refusal)
    assert options.refusal_box.isVisible()
    assert options.refusal_label.text() == refusal.message
    # Long labels wrap onto more lines; the words are the same.
    assert [b.text().replace("\n", " ") for b in options.choice_buttons] == [
        c.label for c in refusal.choices
    ]
    with qtbot.waitSignal(options.choice_chosen) as chosen:
        qtbot.mouseClick(options.choice_buttons[0], Qt.MouseButton.LeftButton)
    assert isinstance(chosen.args[0], Choice)
    assert chosen.args[0].request.budget_minutes == 30
    assert not options.refusal_box.isVisible()


def test_changing_an_option_clears_an_old_refusal(options: RoutineOptions, qtbot: QtBot) -> None:
    options.show_refusal(Refusal("<b>Pick at least one</b> sore place."))
    assert all(
        label.textFormat() == Qt.TextFormat.PlainText for label in options.findChildren(QLabel)
    )
    qtbot.mouseClick(options.budget_group.button(30), Qt.MouseButton.LeftButton)
    assert not options.refusal_box.isVisible()


def test_every_control_has_a_name_for_screen_readers(options: RoutineOptions) -> None:
    buttons = [
        *options.tool_buttons.values(),
        *options.budget_group.buttons(),
        *options.intensity_buttons.values(),
        options.build_button,
    ]
    assert all(button.accessibleName() for button in buttons)
