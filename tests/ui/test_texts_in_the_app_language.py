"""The window's texts come out in the app's language, made when they are shown: the
pseudo-language brackets every text that went through the catalogue, so a text left in
English, or frozen in English at import, shows here."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from selfmassage.core.anatomy import RegionSide
from selfmassage.core.breathing import DEFAULT_PATTERN, BreathSound, PacerChoice
from selfmassage.core.catalog import load_catalog
from selfmassage.core.language import PSEUDO, pseudo, set_app_language, speaking
from selfmassage.core.routine import Pacing, Routine, Step, StepSide
from selfmassage.core.selection import Selection
from selfmassage.core.words import in_sentence
from selfmassage.ui.breathing.breathing_presenter import pacer_routine
from selfmassage.ui.dialogs import offer
from selfmassage.ui.home.options_panel import RoutineOptions
from selfmassage.ui.home.selection_panel import SelectionPanel
from selfmassage.ui.library.library_page import HEADERS, LibraryPage
from selfmassage.ui.main_window import PAGES, MainWindow, shortcuts_text
from selfmassage.ui.routine.routine_page import RoutinePage
from selfmassage.ui.routine.steps_model import COLUMNS


@pytest.fixture
def in_pseudo() -> Iterator[None]:
    set_app_language(PSEUDO)
    try:
        yield
    finally:
        set_app_language("en")


def _bracketed(text: str) -> bool:
    return text.startswith("[") and text.endswith("]")


def _places(*keys: str) -> Selection:
    return Selection.of(RegionSide.parse(key) for key in keys)


def test_the_window_s_menus_pages_and_keys_are_in_the_app_language(
    qtbot: QtBot, in_pseudo: None
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == [pseudo("&File"), pseudo("&View"), pseudo("&Help")]
    shown = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    # The pages' table was made at import, in English: each title is translated when shown.
    assert shown == [pseudo(page.title) for page in PAGES]
    assert PAGES[0].title == "Home"
    for action in (window.open_action, window.quit_action, window.shortcuts_action):
        assert _bracketed(action.text())
    lines = [line.strip() for line in shortcuts_text().splitlines() if line.strip()]
    assert lines and all(_bracketed(line) for line in lines)


def test_the_cancel_button_is_in_the_language_of_the_moment(qtbot: QtBot) -> None:
    # Its default was once made with the function, in English for good.
    set_app_language(PSEUDO)
    try:
        box = offer(None, "t", "text", "Go", lambda: None)
        assert box.defaultButton().text() == pseudo("Cancel")
        box.close()
    finally:
        set_app_language("en")
    box = offer(None, "t", "text", "Go", lambda: None)
    assert box.defaultButton().text() == "Cancel"
    box.close()


def test_counts_take_the_language_s_plural(qtbot: QtBot, in_pseudo: None) -> None:
    panel = SelectionPanel()
    qtbot.addWidget(panel)
    panel.set_selection(_places("neck"))
    assert panel.count_label.text() == pseudo("{n} place selected").format(n=1)
    panel.set_selection(_places("neck", "calves-left"))
    assert panel.count_label.text() == pseudo("{n} places selected").format(n=2)


def test_english_counts_stay_as_they_were(qtbot: QtBot) -> None:
    panel = SelectionPanel()
    qtbot.addWidget(panel)
    panel.set_selection(_places("neck"))
    assert panel.count_label.text() == "1 place selected"
    panel.set_selection(_places("neck", "calves-left"))
    assert panel.count_label.text() == "2 places selected"


def test_home_options_routine_and_library_are_in_the_app_language(
    qtbot: QtBot, in_pseudo: None
) -> None:
    options = RoutineOptions()
    qtbot.addWidget(options)
    assert _bracketed(options.build_button.text())
    assert _bracketed(options.intensity_hint.text())
    assert _bracketed(options.budget_group.button(0).text())  # no limit

    page = RoutinePage(load_catalog())
    qtbot.addWidget(page)
    assert _bracketed(page.title_label.text())  # no routine yet
    page.set_routine(
        Routine("Mine", (Step("neck", 60), Step("calves", 40, side=StepSide.BOTH))), Pacing()
    )
    headers = [page.model.headerData(i, Qt.Orientation.Horizontal) for i in range(len(COLUMNS))]
    assert all(_bracketed(header) for header in headers)
    assert "[" in page.total_label.text()

    library = LibraryPage()
    qtbot.addWidget(library)
    tree_headers = [library.tree.headerItem().text(i) for i in range(len(HEADERS))]
    assert tree_headers == [pseudo(header) for header in HEADERS]
    library.filter_bar.show_count(0, 3)
    routines = pseudo("{n} routines").format(n=3)
    expected = pseudo("None of {count} fits: try Show all").format(count=routines)
    assert library.filter_bar.shown.text() == expected
    # The step's seconds, "40 s each side", in the app's language too.
    assert page.model.data(page.model.index(1, 5)) == pseudo("{seconds} s each side").format(
        seconds=40
    )


def test_the_pacer_s_routine_is_in_the_app_language(in_pseudo: None) -> None:
    routine = pacer_routine(PacerChoice(3, DEFAULT_PATTERN, BreathSound.WORDS))
    assert routine.title == pseudo("Breathing pacer")
    assert _bracketed(routine.steps[0].name)


def test_a_place_inside_a_sentence_keeps_german_capitals() -> None:
    assert in_sentence("Left calf") == "left calf"
    with speaking("fr"):
        assert in_sentence("Mollet gauche") == "mollet gauche"
    with speaking("de"):
        assert in_sentence("Linke Wade") == "Linke Wade"


def test_nothing_is_left_in_the_pseudo_language_afterwards(qtbot: QtBot) -> None:
    options = RoutineOptions()
    qtbot.addWidget(options)
    assert options.build_button.text() == "Build routine"
