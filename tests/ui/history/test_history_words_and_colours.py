"""The History in words and colours: what it shows must match what happened."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from selfmassage.core.history import HistoryStore, SessionStatus
from selfmassage.core.paths import AppPaths
from selfmassage.ui.history.heatmap import BodyHeatMap, HeatMode
from tests.conftest import MakeApp
from tests.ui.sessions import wait_started


def test_no_change_is_neither_better_nor_worse(qtbot: QtBot) -> None:
    heat = BodyHeatMap(HeatMode.CHANGE, "points")
    qtbot.addWidget(heat)
    heat.set_values({"calves": 0.0, "neck": 1.0, "quads": -1.0})
    same, worse, better = heat.colour(0.0), heat.colour(1.0), heat.colour(-1.0)
    # "+0.0 points" was painted as a faint "more sore after" red.
    channels = (same.red(), same.green(), same.blue())
    assert max(channels) - min(channels) <= 6, same.name()  # a grey
    assert worse.red() > worse.green() and better.green() > better.red()
    assert same != heat.colour(None)  # rated, unlike a region without data
    assert "Calves: +0.0 points" in heat.describe()


def test_the_calendar_counts_one_day_in_the_singular(qtbot: QtBot, paths: AppPaths) -> None:
    from selfmassage.ui.history.history_presenter import HistoryPresenter
    from selfmassage.ui.main_window import MainWindow

    with HistoryStore(paths.history_file) as store:
        store.start_session("Calves").end(SessionStatus.COMPLETED)
    window = MainWindow()
    qtbot.addWidget(window)
    presenter = HistoryPresenter(window, paths.history_file, "0.1.0")
    window.show_page("history")
    page = presenter.page
    assert page is not None
    page.tabs.setCurrentIndex(1)
    assert page.streak.text().endswith("1 day with a session in all")


def test_after_a_stopped_session_the_rating_does_not_say_well_done(
    make_app: MakeApp, qtbot: QtBot
) -> None:
    from selfmassage.core.routine import Routine, Step

    app = make_app()
    app.start_session(Routine("Neck", (Step("neck", 30),)))
    wait_started(qtbot, app)  # once its first cues can be heard
    app.session.controller.stop()
    qtbot.waitUntil(lambda: app.history.after_dialog is not None)
    dialog = app.history.after_dialog
    assert dialog is not None
    assert not dialog.greeting.text().startswith("Well done")
    assert "stopped" in dialog.greeting.text()
    dialog.reject()


def test_after_a_finished_session_the_rating_says_well_done(qtbot: QtBot) -> None:
    from selfmassage.ui.session.soreness_dialogs import SorenessAfterDialog

    dialog = SorenessAfterDialog(["neck"], {"neck": 5})
    qtbot.addWidget(dialog)
    assert dialog.greeting.text().startswith("Well done")


def test_a_cut_off_title_or_list_of_regions_is_whole_in_its_tooltip(
    qtbot: QtBot, paths: AppPaths
) -> None:
    from selfmassage.core.history import StepRecord
    from selfmassage.ui.history.history_presenter import HistoryPresenter
    from selfmassage.ui.main_window import MainWindow

    title = "<b>Neck</b>, upper trapezius & forearms for a long day at the keyboard"
    with HistoryStore(paths.history_file) as store:
        recorder = store.start_session(title)
        recorder.step_ended(StepRecord(0, "neck", None, "", "hands", 60, 60))
        recorder.step_ended(StepRecord(1, "forearms", "left", "", "hands", 60, 60))
        recorder.end(SessionStatus.COMPLETED)
    window = MainWindow()
    qtbot.addWidget(window)
    presenter = HistoryPresenter(window, paths.history_file, "0.1.0")
    window.show_page("history")
    page = presenter.page
    assert page is not None
    model = page.model
    tip = model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole)
    # Titles come from routine files: escaped, never rich text.
    escaped = "&lt;b&gt;Neck&lt;/b&gt;, upper trapezius &amp; forearms"
    assert tip == f"<p>{escaped} for a long day at the keyboard</p>"
    regions = model.data(model.index(0, 3), Qt.ItemDataRole.ToolTipRole)
    assert regions == "<p>Neck, Forearms</p>"


def test_the_body_maps_name_their_views_and_the_persons_sides(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As on the Home page: "Front" and "Back" above, the person's sides below."""
    from PySide6.QtGui import QColor, QImage

    from selfmassage.core.anatomy import View
    from selfmassage.ui.history import heatmap
    from selfmassage.ui.home.body_map_look import CAPTION_SPACE, TITLE_SPACE

    heat = BodyHeatMap(HeatMode.AMOUNT, "min")
    qtbot.addWidget(heat)
    heat.resize(420, 340)
    heat.set_values({"calves": 12.0})
    labelled: list[View] = []
    paint = heatmap.paint_titles
    monkeypatch.setattr(
        heatmap,
        "paint_titles",
        lambda painter, font, box, view, colours: (
            labelled.append(view) or paint(painter, font, box, view, colours)
        ),
    )
    image = heat.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert labelled == [View.FRONT, View.BACK]
    ground = heat.palette().color(heat.backgroundRole())

    def inked(top: float, bottom: float, left: float, right: float) -> int:
        return sum(
            QColor(image.pixel(x, y)) != ground
            for y in range(int(top), int(bottom))
            for x in range(int(left), int(right))
        )

    for _view, box in heat.view_boxes():
        assert box.top() >= TITLE_SPACE and box.bottom() + CAPTION_SPACE <= heat.height()
        assert inked(box.top() - TITLE_SPACE, box.top(), box.left(), box.right()) > 20
        middle = box.center().x()
        below = (box.bottom(), box.bottom() + CAPTION_SPACE)
        assert inked(*below, box.left(), middle) > 20, "a side under the left half"
        assert inked(*below, middle, box.right()) > 20, "and one under the right half"
