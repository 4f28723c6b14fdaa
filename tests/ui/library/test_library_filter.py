"""The Library finds the right routine: the tools on Home, the length, a place or title
typed in the search; every routine says what it is for, its tools and its time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from selfmassage.app import SelfMassageApp
from selfmassage.core.library_filter import needed_tools
from selfmassage.core.routine import Routine, Step
from selfmassage.core.routine_file import dump_routine
from selfmassage.core.tools import Tool
from selfmassage.ui.library.library_page import Column, LibraryPage
from tests.ui.library.test_library_page import bad_file


def library(app: SelfMassageApp) -> LibraryPage:
    app.window.show_page("library")
    app.window.activateWindow()
    return app.library.page


def shown(page: LibraryPage) -> list[str]:
    tree = page.tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return [item.text(Column.TITLE) for item in items if item is not None and not item.isHidden()]


def routines_by_title(page: LibraryPage) -> dict[str, Routine]:
    return {e.title: e.routine for e in page.entries() if e.routine is not None}


def test_the_tools_chosen_on_home_filter_the_library_at_first(app: SelfMassageApp) -> None:
    app.home.options.set_values({Tool.FOAM_ROLLER}, None, app.home.options.intensity())
    page = library(app)
    titles = shown(page)
    everything = routines_by_title(page)
    assert {"Warm-up before exercise", "After cycling", "Hands only, no tools"} <= set(titles)
    assert "Gentle and seated" not in titles  # it needs a ball
    for title, routine in everything.items():
        assert (title in titles) == (needed_tools(routine) <= {Tool.FOAM_ROLLER}), title
    assert page.filter_bar.tool_boxes[Tool.FOAM_ROLLER].isChecked()
    assert page.filter_bar.shown.text() == f"{len(titles)} of {len(everything)} routines"
    # The selection is on a routine that is shown, with its details under the list.
    entry = page.selected_entry()
    assert entry is not None and entry.title in titles
    # Home's tools change: the Library follows when it is shown again.
    app.home.options.set_values({Tool.MASSAGE_BALL}, None, app.home.options.intensity())
    app.window.show_page("home")
    app.window.show_page("library")
    assert "Gentle and seated" in shown(page) and "After cycling" not in shown(page)


def test_tools_chosen_on_the_library_stay_until_show_all(app: SelfMassageApp, qtbot: QtBot) -> None:
    page = library(app)
    hands_only = shown(page)
    assert "Hands only, no tools" in hands_only and "After cycling" not in hands_only
    ball = page.filter_bar.tool_boxes[Tool.MASSAGE_BALL]
    qtbot.mouseClick(ball, Qt.MouseButton.LeftButton)
    assert ball.isChecked() and "Gentle and seated" in shown(page)
    app.library.refresh()  # Home still says hands: the choice made here stays
    assert ball.isChecked() and "Gentle and seated" in shown(page)
    qtbot.mouseClick(page.filter_bar.show_all_button, Qt.MouseButton.LeftButton)
    assert len(shown(page)) == len(page.entries())
    assert page.filter_bar.shown.text() == f"{len(page.entries())} routines"


def test_search_by_place_by_keyboard_then_open(app: SelfMassageApp, qtbot: QtBot) -> None:
    page = library(app)
    page.filter_bar.show_all()
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = page.filter_bar.search
    assert QApplication.focusWidget() is search
    qtbot.keyClicks(search, "heel")
    titles = shown(page)
    assert "Heel and arch" in titles and "Desk neck and shoulders" not in titles
    by_title = routines_by_title(page)
    assert all(any(s.region == "feet" for s in by_title[t].steps) for t in titles)
    # A lay name finds the place too; the search is plain words, not a pattern.
    search.clear()
    qtbot.keyClicks(search, "bum")
    assert all(any(s.region == "glutes" for s in by_title[t].steps) for t in shown(page))
    assert "Desk worker's lower back and hips" in shown(page)
    search.clear()
    qtbot.keyClicks(search, "cycling")
    assert shown(page) == ["After cycling"]
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.tree
    with qtbot.waitSignal(page.open_requested) as opened:
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert opened.args[0].title == "After cycling"


def test_escape_clears_the_search(app: SelfMassageApp, qtbot: QtBot) -> None:
    page = library(app)
    page.filter_bar.show_all()
    search = page.filter_bar.search
    search.setFocus()
    qtbot.keyClicks(search, "zzz")
    assert shown(page) == []
    assert page.selected_entry() is None and not page.open_button.isEnabled()
    assert page.details.text() == ""
    assert "try Show all" in page.filter_bar.shown.text()
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == "" and len(shown(page)) == len(page.entries())
    assert page.open_button.isEnabled()


def test_length_keeps_the_routines_that_fit(app: SelfMassageApp, qtbot: QtBot) -> None:
    page = library(app)
    page.filter_bar.show_all()
    length = page.filter_bar.length
    length.setFocus()
    qtbot.keyClick(length, Qt.Key.Key_Down)  # "Up to 5 min"
    qtbot.keyClick(length, Qt.Key.Key_Down)  # "Up to 10 min"
    assert length.currentText() == "Up to 10 min"
    titles = shown(page)
    assert "Warm-up before exercise" in titles and "Full body in 20 minutes" not in titles
    tree = page.tree
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        assert item is not None
        minutes = int(item.text(Column.TIME).split()[0])
        assert item.isHidden() == (minutes > 10), item.text(Column.TITLE)


def test_every_routine_shows_what_it_is_for_its_tools_and_time(
    app: SelfMassageApp, tmp_path: Path
) -> None:
    routine = Routine(
        "<b>Mine</b>",
        (Step("calves", 60, tool=Tool.FOAM_ROLLER, name="Calf"),),
        description="For <i>my</i> calves. Roll slowly.",
    )
    app.paths.routines_dir.mkdir(parents=True, exist_ok=True)
    (app.paths.routines_dir / "mine.smroutine").write_bytes(dump_routine(routine))
    bad_file(app.paths.routines_dir)
    page = library(app)
    page.filter_bar.show_all()
    page.filter_bar.search.setText("calf")
    titles = shown(page)
    assert "<b>Mine</b>" in titles
    assert "broken" in titles  # a broken file shows whatever the filter: it needs a look
    tree = page.tree
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        assert item is not None
        if item.text(Column.KIND) == "Broken":
            continue
        assert item.text(Column.ABOUT) and item.text(Column.TOOLS) and item.text(Column.TIME)
    mine = next(e for e in page.entries() if e.title == "<b>Mine</b>")
    assert page.select_path(mine.path)
    row = tree.currentItem()
    assert row is not None and row.text(Column.ABOUT) == "For <i>my</i> calves."
    assert row.text(Column.TOOLS) == "Foam roller"
    assert page.details.textFormat() is Qt.TextFormat.PlainText
    # 10 s to get ready, 60 s a side and 5 s to switch between them.
    assert page.details.text() == (
        "For <i>my</i> calves. Roll slowly.\nTools: Foam roller · 2 min 15 s · 1 step"
    )


def test_a_routine_opened_from_a_file_is_never_hidden(app: SelfMassageApp, tmp_path: Path) -> None:
    page = library(app)  # hands only, from Home
    source = tmp_path / "roller.smroutine"
    source.write_bytes(
        dump_routine(Routine("Roller plan", (Step("calves", 60, tool=Tool.FOAM_ROLLER),)))
    )
    app.library.open_file(str(source))
    app.window.show_page("library")
    assert "Roller plan" in shown(page)
    entry = page.selected_entry()
    assert entry is not None and entry.title == "Roller plan"


def test_every_control_has_its_own_alt_key(app: SelfMassageApp, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    page = library(app)
    texts = [w.text() for w in page.findChildren(QAbstractButton)]
    texts += [w.text() for w in page.findChildren(QLabel) if w.buddy() is not None]
    texts += [action.text() for action in app.window.menuBar().actions()]
    keys = [text.split("&", 1)[1][0].lower() for text in texts if "&" in text]
    assert len(keys) == len(set(keys)), sorted(keys)
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow)
    qtbot.keyClick(app.window, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is page.filter_bar.length
    qtbot.keyClick(app.window, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is page.filter_bar.search


def test_tab_goes_from_the_search_through_the_filter_to_the_list(
    app: SelfMassageApp, qtbot: QtBot
) -> None:
    page = library(app)
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow)
    bar = page.filter_bar
    bar.search.setFocus()
    expected = [
        bar.search,
        bar.length,
        bar.show_all_button,
        *bar.tool_boxes.values(),
        page.tree,
    ]
    for widget in expected:
        assert QApplication.focusWidget() is widget
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
