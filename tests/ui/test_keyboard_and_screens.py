"""Found by using the app from the keyboard and on small screens: Tab must never get
stuck in a list, every Tab stop must show where it is, and the first window must fit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from selfmassage.core.anatomy import RegionSide
from selfmassage.core.builder import BuildRequest, Built, build_routine
from selfmassage.core.catalog import load_catalog
from selfmassage.core.history import HistoryStore, SessionStatus, StepRecord
from selfmassage.core.paths import AppPaths
from selfmassage.core.routine import Pacing, Routine, Tool
from selfmassage.core.selection import Selection
from selfmassage.ui.home.selection_panel import SelectionPanel
from selfmassage.ui.main_window import FRAME_ALLOWANCE, MainWindow
from selfmassage.ui.routine.routine_page import RoutinePage

CATALOG = load_catalog()


def _routine() -> Routine:
    keys = ["neck", "calves-left", "calves-right", "quads-left"]
    selection = Selection.of(RegionSide.parse(key) for key in keys)
    result = build_routine(BuildRequest(selection, frozenset({Tool.FOAM_ROLLER}), 10))
    assert isinstance(result, Built)
    return result.routine


def _shown_preview(qtbot: QtBot) -> RoutinePage:
    """The Routine page, shown and active, with a short routine on it."""
    page = RoutinePage(CATALOG)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.set_routine(_routine(), Pacing(), 10)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    return page


def _tab_until(qtbot: QtBot, start: QWidget, target: QWidget, presses: int = 40) -> list[str]:
    """Press Tab from ``start`` until ``target`` has the focus; the widgets passed."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    passed: list[str] = []
    for _ in range(presses):
        focused = QApplication.focusWidget()
        assert focused is not None
        if focused is target:
            return passed
        passed.append(f"{type(focused).__name__}:{focused.objectName()}")
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target!r}; it went: {passed}")


def test_tab_leaves_the_routine_steps_and_reaches_start(qtbot: QtBot) -> None:
    page = _shown_preview(qtbot)
    _tab_until(qtbot, page.table, page.start_button)


def test_tab_leaves_the_history_sessions(qtbot: QtBot, paths: AppPaths) -> None:
    from selfmassage.ui.history.history_presenter import HistoryPresenter

    _record_sessions(paths.history_file, 3)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    presenter = HistoryPresenter(window, paths.history_file, "0.1.0")
    window.show_page("history")
    page = presenter.page
    assert page is not None
    page.table.selectRow(0)
    _tab_until(qtbot, page.table, page.delete_button)


def test_an_empty_list_of_places_is_no_tab_stop(qtbot: QtBot) -> None:
    panel = SelectionPanel()
    qtbot.addWidget(panel)
    panel.show()
    scroll = panel.findChild(QScrollArea)
    assert scroll is not None
    # Focus on the empty area showed nothing: the places' own boxes take it instead.
    assert not scroll.focusPolicy() & Qt.FocusPolicy.TabFocus
    panel.set_selection(Selection.of([RegionSide.parse("neck")]))
    row = panel.rows()[RegionSide.parse("neck")]
    assert row.soreness.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_the_first_window_fits_a_small_laptop_screen(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    for width, height in ((1280, 720), (1366, 768)):
        screen = QRect(0, 0, width, height - 32)  # a task bar takes the rest
        window.fit_to_screen(screen)
        # For a window, pos() is where its frame goes: title bar and borders must fit too.
        frame = QRect(window.pos(), window.size() + FRAME_ALLOWANCE)
        assert screen.contains(frame), (screen, frame)
        assert window.height() >= window.minimumSizeHint().height()


def test_the_first_window_keeps_its_size_on_a_big_screen(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.fit_to_screen(QRect(0, 0, 1920, 1050))
    assert (window.width(), window.height()) == (1100, 720)
    frame = QRect(window.pos(), window.size() + FRAME_ALLOWANCE)
    assert abs(frame.center().x() - 960) <= 1  # in the middle of the screen


def _record_sessions(path: Path, count: int) -> None:
    with HistoryStore(path) as store:
        for _ in range(count):
            recorder = store.start_session("Calves", planned_seconds=300)
            recorder.step_ended(StepRecord(0, "calves", "both", "", "foam-roller", 240, 235))
            recorder.end(SessionStatus.COMPLETED)


def test_the_safety_questions_scroll_area_is_no_tab_stop(qtbot: QtBot) -> None:
    from selfmassage.core.safety import Screening
    from selfmassage.ui.safety.safety_dialog import SafetyDialog

    dialog = SafetyDialog(Screening({}))
    qtbot.addWidget(dialog)
    for scroll in dialog.findChildren(QScrollArea):
        assert not scroll.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_tab_goes_from_what_the_answers_mean_to_save(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from selfmassage.core.safety import Screening
    from selfmassage.ui.safety.safety_dialog import SafetyDialog

    dialog = SafetyDialog(Screening({}))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    _tab_until(qtbot, dialog.cautions_view, save, presses=4)


def _looks_focused(qtbot: QtBot, widget: QWidget, elsewhere: QWidget) -> bool:
    """Whether the widget looks different with the keyboard focus than without it."""
    elsewhere.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(elsewhere.hasFocus)
    without = widget.grab().toImage()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)
    return widget.grab().toImage() != without


def test_the_keyboard_focus_shows_on_the_pages_list_and_the_big_buttons(qtbot: QtBot) -> None:
    from selfmassage.ui.home.options_panel import RoutineOptions

    window = MainWindow()
    qtbot.addWidget(window)
    options = RoutineOptions()
    window.set_page("home", options)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    elsewhere = options.tool_buttons[Tool.MASSAGE_BALL]
    assert _looks_focused(qtbot, window.navigation, elsewhere)
    assert _looks_focused(qtbot, options.build_button, elsewhere)
    checked = options.budget_group.checkedButton()
    assert checked is not None and _looks_focused(qtbot, checked, elsewhere)


def test_the_keyboard_focus_shows_on_start(qtbot: QtBot) -> None:
    page = _shown_preview(qtbot)
    qtbot.waitUntil(page.isActiveWindow)
    assert _looks_focused(qtbot, page.start_button, page.back_button)


def test_help_lists_the_keys_that_no_menu_shows(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    help_menu = window.menuBar().actions()[-1].menu()
    assert window.shortcuts_action in help_menu.actions()
    assert not window.shortcuts_action.shortcut().isEmpty()
    window.shortcuts_action.trigger()
    box = window.findChild(QMessageBox, "keyboardShortcuts")
    assert box is not None and box.isVisible()
    assert box.textFormat() == Qt.TextFormat.PlainText
    text = box.text() + box.informativeText()
    # Build, Start and the session's keys are on buttons only, not in any menu.
    for key in ("Ctrl+B", "Ctrl+Return", "Space", "Esc", "Alt+Up", "F2"):
        assert key in text, key
    box.close()


def test_tab_goes_through_the_places_before_clear(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    # As on the Home page: the map before the list, the routine options after it.
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    body_map = QPushButton("Body map")
    layout.addWidget(body_map)
    panel = SelectionPanel()
    layout.addWidget(panel)
    layout.addWidget(QPushButton("Build routine"))
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    neck, calf = RegionSide.parse("neck"), RegionSide.parse("calves-left")
    panel.set_selection(Selection.of([neck]))
    panel.set_selection(Selection.of([neck, calf]))  # rows are made as places come
    rows = panel.rows()
    assert _tab_until(qtbot, body_map, rows[neck].soreness, presses=2) == ["QPushButton:"]
    passed = _tab_until(qtbot, rows[neck].soreness, panel.clear_button, presses=6)
    assert passed == [
        "QSpinBox:",
        "QToolButton:",  # remove the neck
        "QSpinBox:",
        "QToolButton:",  # remove the calf
    ]


def test_tab_goes_through_the_steps_editors_before_the_buttons(qtbot: QtBot) -> None:
    page = _shown_preview(qtbot)
    passed = _tab_until(qtbot, page.table, page.start_button)
    editors = [name for name in passed if name.startswith("QComboBox")]
    assert len(editors) >= len(page.technique_boxes)
    first_button = next(i for i, name in enumerate(passed) if name.startswith("QPushButton"))
    assert all(i < first_button for i, name in enumerate(passed) if name in editors)


def test_a_window_closed_in_full_screen_opens_normal_next_time(qtbot: QtBot) -> None:
    # Full screen is for a session (F); the next start must not open in it.
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.showFullScreen()
    qtbot.waitUntil(first.isFullScreen)
    saved = first.saved_geometry()

    second = MainWindow()
    qtbot.addWidget(second)
    assert second.restore_saved_geometry(saved)
    second.show()
    qtbot.waitExposed(second)
    assert not second.isFullScreen()
    assert not second.windowState() & Qt.WindowState.WindowFullScreen


def test_a_maximized_window_stays_maximized(qtbot: QtBot) -> None:
    first = MainWindow()
    qtbot.addWidget(first)
    first.showMaximized()
    qtbot.waitUntil(first.isMaximized)
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.restore_saved_geometry(first.saved_geometry())
    second.show()
    assert second.isMaximized()
