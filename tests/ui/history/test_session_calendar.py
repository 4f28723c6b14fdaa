"""The History's calendar: a day with a session is not drawn like the selected day."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QEvent, QPoint
from PySide6.QtGui import QHelpEvent, QPalette
from PySide6.QtWidgets import QApplication, QTableView, QToolTip
from pytestqt.qtbot import QtBot

from selfmassage.core.history import HistoryStore, SessionStatus
from selfmassage.core.paths import AppPaths
from selfmassage.ui.history.session_calendar import SessionCalendar, mark_colour
from selfmassage.ui.theme import contrast, dark_palette, light_palette

SESSION_DAY = date(2026, 11, 12)
SELECTED_DAY = date(2026, 11, 19)


def _palette(theme: str) -> QPalette:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return dark_palette() if theme == "dark" else light_palette(app)


@pytest.fixture(params=["light", "dark"])
def calendar(request: pytest.FixtureRequest, qtbot: QtBot) -> SessionCalendar:
    widget = SessionCalendar()
    qtbot.addWidget(widget)
    widget.setPalette(_palette(request.param))
    widget.setSelectedDate(QDate(2026, 11, 19))
    widget.resize(560, 420)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_days({SESSION_DAY: 25.4, SELECTED_DAY: 10.0}, {SESSION_DAY: 2, SELECTED_DAY: 1})
    return widget


def _near(pixels: list[int], colour: int, within: int = 8) -> int:
    """How many pixels are that colour, give or take the style's shading."""

    def channels(value: int) -> tuple[int, int, int]:
        return (value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF

    wanted = channels(colour)
    return sum(
        all(abs(a - b) <= within for a, b in zip(channels(p), wanted, strict=True)) for p in pixels
    )


def _cell(calendar: SessionCalendar, day: date) -> tuple[QTableView, QPoint]:
    calendar.grab()  # paints, so the cells are where they are drawn
    view = calendar.findChild(QTableView)
    assert view is not None
    rect = calendar._cells[day]
    return view, rect.center()


def test_a_day_with_a_session_has_a_dot_and_not_the_selection_colour(
    calendar: SessionCalendar,
) -> None:
    palette = calendar.palette()
    highlight = palette.color(QPalette.ColorRole.Highlight).rgb() & 0xFFFFFF
    mark = mark_colour(palette).rgb() & 0xFFFFFF
    view, _ = _cell(calendar, SESSION_DAY)
    image = view.viewport().grab().toImage()
    session_cell = calendar._cells[SESSION_DAY]
    selected_cell = calendar._cells[SELECTED_DAY]

    def pixels(rect: object) -> list[int]:
        return [
            image.pixel(x, y) & 0xFFFFFF
            for x in range(rect.left() + 1, rect.right())  # type: ignore[attr-defined]
            for y in range(rect.top() + 1, rect.bottom())  # type: ignore[attr-defined]
        ]

    in_session = pixels(session_cell)
    in_selected = pixels(selected_cell)
    # The selected day is filled with the highlight; the session day is not, and has
    # its mark; the selected day that also had a session shows its dot on the highlight.
    assert _near(in_selected, highlight) > len(in_selected) // 2
    assert _near(in_session, highlight) < len(in_session) // 10
    assert _near(in_session, mark, 0) >= 4
    dot_on_highlight = palette.color(QPalette.ColorRole.HighlightedText).rgb() & 0xFFFFFF
    assert _near(in_selected, dot_on_highlight, 0) >= 4
    # The dot reads on either: 3:1 at least, as WCAG asks of a mark that means something.
    assert contrast(mark_colour(palette), palette.color(QPalette.ColorRole.Base)) >= 3.0
    assert (
        contrast(
            palette.color(QPalette.ColorRole.HighlightedText),
            palette.color(QPalette.ColorRole.Highlight),
        )
        >= 3.0
    )
    # The number of a session day is bold.
    assert calendar.dateTextFormat(QDate(2026, 11, 12)).fontWeight() >= 700
    assert calendar.dateTextFormat(QDate(2026, 11, 13)).fontWeight() < 700


def test_the_tooltip_says_how_many_sessions(calendar: SessionCalendar) -> None:
    view, centre = _cell(calendar, SESSION_DAY)
    viewport = view.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, viewport.mapToGlobal(centre))
    QApplication.sendEvent(viewport, event)
    assert QToolTip.text() == "2 sessions, 25 minutes"
    assert calendar.describe(SELECTED_DAY) == "1 session, 10 minutes"
    assert calendar.describe(date(2026, 11, 13)) == ""


def test_the_history_page_counts_sessions_per_day(qtbot: QtBot, paths: AppPaths) -> None:
    from selfmassage.ui.history.history_presenter import HistoryPresenter
    from selfmassage.ui.main_window import MainWindow

    with HistoryStore(paths.history_file) as store:
        for title in ("Calves", "Neck"):
            store.start_session(title).end(SessionStatus.COMPLETED)
    window = MainWindow()
    qtbot.addWidget(window)
    presenter = HistoryPresenter(window, paths.history_file, "0.1.0")
    window.show_page("history")
    page = presenter.page
    assert page is not None
    page.tabs.setCurrentIndex(1)
    today = date.today()
    assert page.calendar.sessions == {today: 2}
    page.calendar.setSelectedDate(QDate(today.year, today.month, today.day).addDays(-1))
    page.calendar.setSelectedDate(QDate(today.year, today.month, today.day))
    assert page.day_text.text().endswith(": 2 sessions, 0 minutes")
