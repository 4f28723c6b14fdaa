"""The Library page and the one path by which routine files open (pytest-qt)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from selfmassage.app import SelfMassageApp
from selfmassage.core.library import Origin
from selfmassage.core.routine import Routine, Step
from selfmassage.core.routine_file import dump_routine
from selfmassage.ui.library.library_page import Column, LibraryPage
from tests.ui.answers import answering


@pytest.fixture
def page(app: SelfMassageApp) -> LibraryPage:
    app.window.show_page("library")
    app.window.activateWindow()
    page = app.library.page
    page.filter_bar.show_all()  # about opening and copying: every routine in sight
    return page


def good_file(folder: Path, name: str = "physio.smroutine", title: str = "Physio plan") -> Path:
    path = folder / name
    path.write_bytes(dump_routine(Routine(title, (Step("calves", 60, name="Calf"),))))
    return path


def bad_file(folder: Path) -> Path:
    path = folder / "broken.smroutine"
    path.write_text(
        json.dumps(
            {
                "format": "selfmassage-routine",
                "version": 1,
                "title": "<b>Broken</b>",
                "steps": [{"region": "calves", "seconds": 2}, {"region": "elbow", "seconds": 30}],
            }
        )
    )
    return path


def titles(page: LibraryPage) -> list[str]:
    return [
        page.tree.topLevelItem(i).text(Column.TITLE) for i in range(page.tree.topLevelItemCount())
    ]


def select(page: LibraryPage, title: str) -> None:
    index = titles(page).index(title)
    page.tree.setCurrentItem(page.tree.topLevelItem(index))


def test_the_library_page_lists_the_builtins(app: SelfMassageApp, page: LibraryPage) -> None:
    assert app.window.page("library") is page
    assert page.tree.topLevelItemCount() >= 8
    first = page.tree.topLevelItem(0)
    assert first.text(Column.KIND) == "Built-in"
    assert int(first.text(Column.STEPS)) >= 1
    assert "min" in first.text(Column.TIME)
    assert first.text(Column.AUTHOR) == "SelfMassage"
    assert page.tree.accessibleName() == "Routines"
    assert page.count_label.text().endswith("0 of your own")
    # Built-ins can be opened and copied, never deleted.
    assert page.open_button.isEnabled() and page.duplicate_button.isEnabled()
    assert not page.delete_button.isEnabled()


def test_open_emits_the_routine(qtbot: QtBot, page: LibraryPage) -> None:
    select(page, "Post-run legs")
    with qtbot.waitSignal(page.open_requested) as signal:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    routine = signal.args[0]
    assert isinstance(routine, Routine) and routine.title == "Post-run legs"


def test_enter_on_the_list_opens(qtbot: QtBot, page: LibraryPage) -> None:
    select(page, "Desk neck and shoulders")
    page.tree.setFocus()
    with qtbot.waitSignal(page.open_requested) as signal:
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert signal.args[0].title == "Desk neck and shoulders"


def test_opening_shows_the_routine_in_the_preview(
    qtbot: QtBot, app: SelfMassageApp, page: LibraryPage
) -> None:
    select(page, "Post-run legs")
    page.open_selected()
    shown = app.routine.page.routine()
    assert shown is not None and shown.title == "Post-run legs"
    assert not app.routine.page.is_edited()
    assert app.window.current_page_key() == "routine"


def test_opening_asks_before_replacing_unsaved_edits(
    app: SelfMassageApp, page: LibraryPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    select(page, "Desk neck and shoulders")
    page.open_selected()
    monkeypatch.setattr(app.routine.page, "is_edited", lambda: True)
    app.window.show_page("library")
    asked: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", answering(False, asked))
    select(page, "Post-run legs")
    page.open_selected()
    assert app.routine.page.routine().title == "Desk neck and shoulders"
    assert app.window.current_page_key() == "library"
    assert "did not save it" in asked[0].text() and "Post-run legs" in asked[0].text()
    assert asked[0].objectName() == "replaceRoutine"

    monkeypatch.setattr(QMessageBox, "exec", answering(True))
    page.open_selected()
    assert app.routine.page.routine().title == "Post-run legs"
    assert app.window.current_page_key() == "routine"
    monkeypatch.setattr(app.routine.page, "is_edited", lambda: False)  # close without asking


def test_duplicate_then_delete_with_confirmation(
    qtbot: QtBot, app: SelfMassageApp, page: LibraryPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    select(page, "Post-run legs")
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert "Post-run legs (copy)" in titles(page)
    copy = page.selected_entry()
    assert copy is not None and copy.origin is Origin.MINE and copy.title == "Post-run legs (copy)"
    assert copy.path.parent == app.paths.routines_dir
    assert page.delete_button.isEnabled()

    asked: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", answering(False, asked))
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Delete)
    assert len(asked) == 1 and "Post-run legs (copy)" in asked[0].text()
    assert asked[0].textFormat() == Qt.TextFormat.PlainText
    assert copy.path.exists()

    monkeypatch.setattr(QMessageBox, "exec", answering(True))
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert not copy.path.exists()
    assert "Post-run legs (copy)" not in titles(page)


def test_delete_never_asks_for_a_builtin(
    page: LibraryPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "exec", lambda *a: pytest.fail("asked"))
    select(page, "Post-run legs")
    page.delete_selected()


def test_file_open_imports_and_opens(
    qtbot: QtBot, app: SelfMassageApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = good_file(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    with qtbot.waitSignal(app.library.open_requested) as signal:
        app.window.open_action.trigger()
    assert signal.args[0].title == "Physio plan"
    entry = app.library.page.selected_entry()
    assert entry is not None and entry.origin is Origin.MINE
    assert entry.path.read_bytes() == source.read_bytes()


def test_import_button_goes_the_same_way(
    qtbot: QtBot,
    app: SelfMassageApp,
    page: LibraryPage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = good_file(tmp_path, title="From the button")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    with qtbot.waitSignal(app.library.open_requested):
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert "From the button" in titles(page)


def test_a_broken_file_shows_its_errors_as_plain_text_and_changes_nothing(
    qtbot: QtBot, app: SelfMassageApp, page: LibraryPage, tmp_path: Path
) -> None:
    before = titles(page)
    opened: list[object] = []
    page.open_requested.connect(opened.append)
    app.open_files([str(bad_file(tmp_path))])
    box = app.library.problems_box
    qtbot.waitUntil(box.isVisible)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text() == "broken.smroutine cannot be opened as a routine file. Nothing was changed."
    assert "Step 1, seconds:" in box.informativeText()
    assert "Step 2, region:" in box.informativeText()
    assert "$." not in box.informativeText()  # no JSON paths for people
    assert titles(page) == before and opened == []
    assert app.library.routines.user_entries() == []
    box.close()


def test_a_broken_file_of_mine_is_listed_and_explains_itself(
    qtbot: QtBot, app: SelfMassageApp, page: LibraryPage
) -> None:
    app.paths.routines_dir.mkdir(parents=True, exist_ok=True)
    bad_file(app.paths.routines_dir)
    app.library.refresh()
    select(page, "broken")
    item = page.tree.currentItem()
    assert item.text(Column.KIND) == "Broken"
    assert "&lt;" not in item.text(Column.TITLE)
    tooltip = item.toolTip(Column.TITLE)
    assert tooltip.startswith("<p>") and "Step 2, region:" in tooltip
    assert not page.duplicate_button.isEnabled()
    page.open_selected()
    boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "routineProblems"]
    assert boxes and boxes[-1].isVisible()
    assert boxes[-1].textFormat() == Qt.TextFormat.PlainText
    boxes[-1].close()


def test_titles_from_files_are_plain_text(
    app: SelfMassageApp, page: LibraryPage, tmp_path: Path
) -> None:
    source = good_file(tmp_path, "html.smroutine", title="<b>Bold</b> & <i>sly</i>")
    app.library.open_file(str(source))
    item = page.tree.currentItem()
    assert item.text(Column.TITLE) == "<b>Bold</b> & <i>sly</i>"
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;i&gt;sly&lt;/i&gt;" in item.toolTip(Column.TITLE)


def _drop_events(files: list[Path]) -> tuple[QMimeData, QDragEnterEvent, QDropEvent]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in files])
    enter = QDragEnterEvent(
        QPoint(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    return mime, enter, drop


def test_dropping_a_routine_file_on_the_window_opens_it(
    qtbot: QtBot, app: SelfMassageApp, tmp_path: Path
) -> None:
    source = good_file(tmp_path, title="Dropped in")
    _mime, enter, drop = _drop_events([source])
    QApplication.sendEvent(app.window, enter)
    assert enter.isAccepted()
    with qtbot.waitSignal(app.library.open_requested) as signal:
        QApplication.sendEvent(app.window, drop)
    assert drop.isAccepted()
    assert signal.args[0].title == "Dropped in"
    assert app.window.acceptDrops()


def test_other_files_are_not_taken(app: SelfMassageApp, tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    _mime, enter, _drop = _drop_events([other])
    QApplication.sendEvent(app.window, enter)
    assert not enter.isAccepted()


def test_files_on_the_command_line_open_by_the_same_path(
    qtbot: QtBot, app: SelfMassageApp, tmp_path: Path
) -> None:
    first = good_file(tmp_path, "one.smroutine", "One")
    second = good_file(tmp_path, "two.smroutine", "Two")
    seen: list[str] = []
    app.library.open_requested.connect(lambda routine: seen.append(routine.title))
    app.open_files([str(first), str(second)])
    assert seen == ["One", "Two"]
    mine = [e.title for e in app.library.routines.user_entries()]
    assert mine == ["One", "Two"]


def test_the_list_refreshes_when_the_page_is_shown(app: SelfMassageApp, tmp_path: Path) -> None:
    app.window.show_page("home")
    app.paths.routines_dir.mkdir(parents=True, exist_ok=True)
    good_file(app.paths.routines_dir, "saved.smroutine", "Saved from the preview")
    app.window.show_page("library")
    assert "Saved from the preview" in titles(app.library.page)


def test_select_path(app: SelfMassageApp, page: LibraryPage, tmp_path: Path) -> None:
    entry = app.library.open_file(str(good_file(tmp_path)))
    assert entry is not None
    select(page, "Post-run legs")
    assert page.select_path(entry.path)
    assert page.selected_entry() == entry
    assert not page.select_path(tmp_path / "elsewhere.smroutine")


def test_this_weeks_progress_shows_whole(
    qtbot: QtBot, app: SelfMassageApp, page: LibraryPage
) -> None:
    app.window.resize(1100, 720)
    first = titles(page)[0]
    page.set_plan_progress({first: "3 of 3 this week"})
    qtbot.waitUntil(lambda: page.tree.topLevelItem(0).text(Column.PLAN) == "3 of 3 this week")
    needed = page.tree.sizeHintForColumn(Column.PLAN)  # the text and the cell's margins
    assert page.tree.header().sectionSize(Column.PLAN) >= needed


def test_a_routine_of_one_step_reads_as_one_step_and_as_long_as_elsewhere(
    app: SelfMassageApp, page: LibraryPage
) -> None:
    # The details once said "1 steps", and "9 min 5 s" where the Routine page said
    # "9 min 05 s".
    app.paths.routines_dir.mkdir(parents=True, exist_ok=True)
    path = app.paths.routines_dir / "one.smroutine"
    # 535 s of work and its 10 s get-ready.
    path.write_bytes(dump_routine(Routine("One step", (Step("neck", 535),))))
    app.library.refresh()
    select(page, "One step")
    item = page.tree.currentItem()
    assert item.text(Column.STEPS) == "1"
    assert item.text(Column.TIME) == "9 min"
    assert "1 step, 9 min 5 s with the pauses between them" in item.toolTip(Column.TITLE)


def test_the_selected_routine_shows_a_picture_per_step(page: LibraryPage, qtbot: QtBot) -> None:
    good = next(entry for entry in page.entries() if entry.ok and entry.routine is not None)
    assert page.select_path(good.path)
    routine = good.routine
    assert routine is not None
    pictures = page.pictures
    qtbot.waitUntil(lambda: len(pictures.views) == len(routine.steps), timeout=2000)
    assert pictures.isVisible()
    for view, step in zip(pictures.views, routine.steps, strict=True):
        assert view.technique is not None
        assert view.technique.tool is step.tool
        if step.technique is not None:
            assert view.technique.id == step.technique
        assert view.description.endswith(".")
    # At least the first pictures are on screen, once the new ones are laid out.
    qtbot.waitUntil(lambda: any(not view.visibleRegion().isEmpty() for view in pictures.views))


def test_a_broken_routine_shows_no_pictures(
    app: SelfMassageApp, page: LibraryPage, qtbot: QtBot
) -> None:
    app.paths.routines_dir.mkdir(parents=True, exist_ok=True)
    bad = bad_file(app.paths.routines_dir)
    app.library.refresh()
    assert page.select_path(bad)
    assert page.pictures.views == []
    assert not page.pictures.isVisible()
