"""The history page and its presenter, driven like a person would, with a real store."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from selfmassage.core.history import SCHEMA_VERSION, HistoryStore, SessionStatus, StepRecord
from selfmassage.core.paths import AppPaths
from selfmassage.ui.history import history_page as page_module
from selfmassage.ui.history.delete_all_dialog import DELETE_ALL_WORD, DeleteAllDialog
from selfmassage.ui.history.history_page import HistoryPage
from selfmassage.ui.history.history_presenter import HistoryPresenter
from selfmassage.ui.main_window import MainWindow
from tests.conftest import MakeApp
from tests.ui.answers import answering
from tests.ui.sessions import wait_started

TODAY = date(2026, 3, 4)


def fill(path: Path, count: int) -> list[str]:
    clock = [datetime(2026, 3, 4, 12, tzinfo=UTC) - timedelta(days=count)]
    keys = []
    with HistoryStore(path, clock=lambda: clock[0]) as store:
        for n in range(count):
            clock[0] += timedelta(days=1)
            title = "<b>Calves</b> & feet" if n == count - 1 else f"Routine {n}"
            recorder = store.start_session(
                title,
                planned_seconds=300,
                soreness_before={"calves-left": 7, "calves-right": 5, "neck": 3},
            )
            # The left calf only: the right one was avoided, the neck skipped.
            recorder.step_ended(StepRecord(0, "calves", "left", "", "foam-roller", 240, 235))
            recorder.step_ended(StepRecord(1, "neck", None, "", "hands", 60, 0, True))
            recorder.end(SessionStatus.COMPLETED)
            store.save_after(
                recorder.uuid,
                soreness_after={"calves-left": 4, "calves-right": 5},
                feeling=4,
                notes="<i>felt</i> good",
            )
            keys.append(recorder.uuid)
    return keys


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    main = MainWindow()
    qtbot.addWidget(main)
    main.show()
    return main


def open_page(window: MainWindow, paths: AppPaths) -> tuple[HistoryPresenter, HistoryPage]:
    presenter = HistoryPresenter(window, paths.history_file, "0.1.0", today=lambda: TODAY)
    assert presenter.page is None  # built on first show, not at start
    window.show_page("history")
    assert presenter.page is not None
    assert window.page("history") is presenter.page
    return presenter, presenter.page


def test_an_empty_history_says_so(window: MainWindow, paths: AppPaths) -> None:
    _, page = open_page(window, paths)
    assert page.empty.isVisible() and not page.tabs.isVisible()
    assert not page.export_button.isEnabled() and not page.delete_all_button.isEnabled()
    assert page.import_button.isEnabled()


def test_sessions_list_and_details_are_plain_text(
    window: MainWindow, paths: AppPaths, qtbot: QtBot
) -> None:
    keys = fill(paths.history_file, 6)
    _, page = open_page(window, paths)
    assert page.model.rowCount() == 6
    newest = page.model.index(0, 1)
    assert page.model.data(newest) == "<b>Calves</b> & feet"  # newest first
    assert page.model.data(page.model.index(0, 2)) == "4"  # 235 s
    assert page.model.data(page.model.index(0, 3)) == "Calves"  # the skipped neck is not
    assert page.model.data(page.model.index(0, 4)) == "-3.0"
    with qtbot.waitSignal(page.session_selected) as selected:
        page.select_row(0)
    assert selected.args == [keys[-1]]
    text = page.detail.toPlainText()
    assert text.startswith("<b>Calves</b> & feet\n")
    assert "Left calf: 7 → 4" in text and "Right calf: 5 → 5" in text
    assert "Neck: 3 → –" in text
    assert "Status: Completed\nDone: 3 min 55 s of 5 min planned\n" in text
    assert "1. Left calf — Foam roller: 3 min 55 s of 4 min\n" in text
    assert "2. Neck — Hands: skipped of 1 min" in text
    assert "<i>felt</i> good" in text
    assert page.delete_button.isEnabled()
    # The insight is there once five sessions rated calves before and after.
    assert "Left calf: soreness drops 3.0 points on average after a session, 6 sessions." in (
        page.insight.text()
    )
    assert page.insight.textFormat() == Qt.TextFormat.PlainText


def test_charts_calendar_and_body_maps_show_the_data(window: MainWindow, paths: AppPaths) -> None:
    fill(paths.history_file, 6)
    _, page = open_page(window, paths)
    assert not hasattr(page, "week_chart")  # built on first view of its tab
    page.tabs.setCurrentIndex(2)
    bars = page.week_chart.bars
    assert bars.count() == page_module.WEEKS_SHOWN
    assert bars.at(bars.count() - 1) == pytest.approx(3 * 235 / 60, abs=0.1)  # Mon–Wed
    assert page.region_box.count() == 3  # each calf apart, and the neck
    assert page.region_box.currentData() == "neck"  # head to foot
    assert page.region_box.itemText(1) == "Left calf"
    page.region_box.setCurrentIndex(page.region_box.findData("calves-left"))
    before, after = page.soreness_chart.before_line, page.soreness_chart.after_line
    assert [p.y() for p in before.points()] == [7.0] * 6
    assert [p.y() for p in after.points()] == [4.0] * 6
    page.tabs.setCurrentIndex(1)
    assert "Current streak: 6 days" in page.streak.text()
    page.tabs.setCurrentIndex(3)
    assert page.minutes_map.values == {"calves": pytest.approx(6 * 235 / 60)}
    # Only the side worked enters the change: the avoided right calf says nothing.
    assert page.change_map.describe() == "Left calf: -3.0 points"
    assert not page.minutes_map.grab().isNull()


def test_delete_one_session_after_confirmation(
    window: MainWindow, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = fill(paths.history_file, 3)
    presenter, page = open_page(window, paths)
    page.select_row(0)
    asked: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", answering(False, asked))
    page.confirm_delete()
    assert page.model.rowCount() == 3
    assert asked[0].objectName() == "historyQuestion"
    assert asked[0].textFormat() == Qt.TextFormat.PlainText
    monkeypatch.setattr(QMessageBox, "exec", answering(True))
    page.confirm_delete()
    assert page.model.rowCount() == 2
    assert presenter.store is not None and not presenter.store.has_session(keys[-1])
    assert page.detail.toPlainText() == ""


def test_delete_all_needs_the_word_typed(qtbot: QtBot) -> None:
    dialog = DeleteAllDialog(12)
    qtbot.addWidget(dialog)
    assert not dialog.delete_button.isEnabled()
    qtbot.keyClicks(dialog.word, "delete")
    assert not dialog.delete_button.isEnabled()  # the exact word, in capitals
    dialog.word.clear()
    qtbot.keyClicks(dialog.word, DELETE_ALL_WORD)
    assert dialog.delete_button.isEnabled()


def test_delete_all_through_the_page(
    window: MainWindow, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(paths.history_file, 3)
    presenter, page = open_page(window, paths)
    monkeypatch.setattr(DeleteAllDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    page.confirm_delete_all()
    assert page.model.rowCount() == 3
    presenter.start_up()  # makes the day's backup
    assert presenter.backup_thread is not None
    presenter.backup_thread.join(10)
    assert list((paths.data / "backups").glob("*.sqlite3"))
    monkeypatch.setattr(DeleteAllDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    page.confirm_delete_all()
    assert presenter.store is not None and presenter.store.count() == 0
    assert page.empty.isVisible()
    assert not list((paths.data / "backups").glob("*.sqlite3"))  # gone from the computer


def test_export_and_import_through_the_page(
    window: MainWindow, paths: AppPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(paths.history_file, 4)
    presenter, page = open_page(window, paths)
    told: list[tuple[str, str, bool]] = []
    monkeypatch.setattr(
        HistoryPage,
        "tell",
        lambda self, title, text, warning=False: told.append((title, text, warning)),
    )
    page.export_requested.emit("json", str(tmp_path / "out.json"))
    page.export_requested.emit("csv", str(tmp_path / "out.csv"))
    assert [t[0] for t in told] == ["History exported", "History exported"]
    assert len(json.loads((tmp_path / "out.json").read_text())["sessions"]) == 4
    assert (tmp_path / "out-steps.csv").exists()

    page.export_requested.emit("json", str(tmp_path / "out.json" / "nested.json"))
    assert told[-1][0] == "Export failed" and told[-1][2]

    assert presenter.store is not None
    presenter.store.delete_all()
    presenter.changed.emit()
    assert page.model.rowCount() == 0
    page.import_requested.emit(str(tmp_path / "out.json"))
    assert told[-1] == ("History imported", "4 sessions added; 0 were already here.", False)
    assert page.model.rowCount() == 4
    page.import_requested.emit(str(tmp_path / "out.csv"))
    assert told[-1][0] == "Import failed" and "not a JSON file" in told[-1][1]


def test_a_newer_history_is_explained_on_the_page(window: MainWindow, paths: AppPaths) -> None:
    conn = sqlite3.connect(paths.history_file)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    presenter, page = open_page(window, paths)
    assert presenter.store is None
    assert "newer version of SelfMassage" in page.empty.text()
    assert not page.import_button.isEnabled()
    problems: list[str] = []
    presenter.problem.connect(problems.append)
    assert (
        presenter.begin_session("R", routine_snapshot="", planned_seconds=60, soreness_before={})
        is None
    )
    assert problems and "not being saved" in problems[0]


def test_the_page_is_refreshed_when_a_session_is_recorded(
    window: MainWindow, paths: AppPaths
) -> None:
    presenter, page = open_page(window, paths)
    listener = presenter.begin_session(
        "Fresh", routine_snapshot="", planned_seconds=60, soreness_before={"neck": 5}
    )
    assert listener is not None
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, 5)) == "Running"


def test_a_long_list_is_fetched_page_by_page(window: MainWindow, paths: AppPaths) -> None:
    fill(paths.history_file, 230)
    _, page = open_page(window, paths)
    model = page.model
    assert (model.rowCount(), model.total) == (model.PAGE, 230)
    assert model.canFetchMore(QModelIndex())
    page.table.scrollToBottom()  # the view asks for more as it reaches the end
    QApplication.processEvents()
    assert model.rowCount() == 230 and not model.canFetchMore(QModelIndex())
    oldest = model.data(model.index(229, 1))
    assert oldest == "Routine 0"
    assert len({s.uuid for s in model.sessions}) == 230


def test_the_app_shows_a_banner_while_sessions_cannot_be_saved(
    make_app: MakeApp, paths: AppPaths
) -> None:

    conn = sqlite3.connect(paths.history_file)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    app = make_app()
    assert app.history_banner.isVisible()
    assert app.history_banner.text() == "History: not recording"
    assert "newer version" in app.window.statusBar().currentMessage()
    boxes = [w for w in app.window.findChildren(QMessageBox) if w.isVisible()]
    assert boxes and "newer version" in boxes[0].text()
    assert boxes[0].textFormat() == Qt.TextFormat.PlainText


def test_a_repaired_history_is_told_without_a_banner(make_app: MakeApp, paths: AppPaths) -> None:

    paths.history_file.write_bytes(b"not a database" * 500)
    app = make_app()
    assert not app.history_banner.isVisible()
    assert "damaged" in app.window.statusBar().currentMessage()
    assert app.history.recording_possible
    assert len(list(paths.data.glob("history.sqlite3.damaged-*"))) == 1


def test_start_from_the_preview_asks_the_rating_first(
    make_app: MakeApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfmassage.core.routine import Routine, Step
    from selfmassage.ui.safety.today_check import TodayCheckDialog
    from tests.ui.answers import none_today

    monkeypatch.setattr(TodayCheckDialog, "exec", none_today())
    app = make_app()
    app.routine.page.start_requested.emit(Routine("Neck", (Step("neck", 30),)))
    dialog = app.history.before_dialog
    assert dialog is not None and dialog.isVisible()
    assert not app.session.controller.is_active  # nothing runs while the person rates
    dialog.form.boxes["neck"].setValue(6)
    dialog.accept()
    wait_started(qtbot, app)  # once its first cues can be heard
    assert app.history.store is not None
    from selfmassage.core.history_queries import list_sessions, session_detail

    conn = app.history.store.conn
    qtbot.waitUntil(lambda: len(list_sessions(conn)) == 1)  # the turn after Start's
    [summary] = list_sessions(conn)
    detail = session_detail(app.history.store.conn, summary.uuid)
    assert detail is not None and detail.soreness_before == {"neck": 6}
    app.session.controller.stop()


def test_start_up_makes_the_days_backup_in_a_thread(window: MainWindow, paths: AppPaths) -> None:
    fill(paths.history_file, 2)
    presenter = HistoryPresenter(window, paths.history_file, "0.1.0", today=lambda: TODAY)
    presenter.start_up()
    assert presenter.backup_thread is not None
    presenter.backup_thread.join(10)
    backup = paths.data / "backups" / f"history-{TODAY.isoformat()}.sqlite3"
    assert backup.exists()
    copy = sqlite3.connect(backup)
    assert copy.execute("SELECT count(*) FROM sessions").fetchone() == (2,)
    copy.close()


def test_an_interrupted_session_is_offered_and_resumed_from_its_next_step(
    make_app: MakeApp, qtbot: QtBot, paths: AppPaths
) -> None:
    from selfmassage.core.history_queries import list_sessions, session_detail
    from selfmassage.core.history_recording import HistoryListener
    from selfmassage.core.routine import Routine, Step
    from selfmassage.core.routine_file import dump_routine
    from selfmassage.core.session import Session
    from selfmassage.core.timeline import build_timeline

    routine = Routine("Evening", (Step("neck", 10), Step("upper-back", 10), Step("feet", 10)))
    with HistoryStore(paths.history_file) as store:
        recorder = store.start_session("Evening", routine_snapshot=dump_routine(routine).decode())
        session = Session(build_timeline(routine))
        session.listeners.append(HistoryListener(recorder))
        session.start(0.0)
        session.tick(22.0)  # the neck is done (after its get-ready); then the power goes
        recorder.lock.release()

    app = make_app()
    boxes = [w for w in app.window.findChildren(QMessageBox) if w.isVisible()]
    assert len(boxes) == 1 and "interrupted after 1 step." in boxes[0].text()
    assert "from step 2" in boxes[0].informativeText()
    resume = next(b for b in boxes[0].buttons() if b.text() == "Resume")
    resume.click()
    wait_started(qtbot, app)  # once its first cues can be heard
    timeline = app.session.controller.timeline
    assert timeline is not None
    assert [s.region for s in timeline.routine.steps] == ["upper-back", "feet"]
    assert app.history.store is not None
    conn = app.history.store.conn
    qtbot.waitUntil(lambda: list_sessions(conn)[0].status == "running")  # the turn after
    [summary] = list_sessions(conn)  # the same session, not a new one
    assert summary.status == "running"
    app.session.controller.next_step()  # past the upper back's get-ready, into its work
    app.session.controller.stop()
    detail = session_detail(app.history.store.conn, summary.uuid)
    assert detail is not None and detail.summary.status == "stopped"
    assert [s.position for s in detail.steps] == [0, 1]  # neck before, upper back now


def test_the_detail_says_partly_done_and_the_time_of_a_step_ended_early(tmp_path: Path) -> None:
    from selfmassage.core.history_queries import session_detail
    from selfmassage.ui.history.history_page import describe_session

    with HistoryStore(tmp_path / "h.sqlite3") as store:
        recorder = store.start_session("Neck", planned_seconds=150)
        recorder.step_ended(StepRecord(0, "neck", None, "", "hands", 150, 83, ended_early=True))
        recorder.end(SessionStatus.PARTLY_DONE)
        detail = session_detail(store.conn, recorder.uuid)
    assert detail is not None
    text = describe_session(detail)
    assert "Status: Partly done" in text
    assert "Done: 1 min 23 s of 2 min 30 s planned" in text
    assert "1. Neck — Hands: ended early after 1 min 23 s of 2 min 30 s" in text


def test_share_width_gives_short_columns_what_they_need_and_the_rest_evenly() -> None:
    from selfmassage.ui.history.session_table import share_width

    # Everything fits: each column gets its text, the room left goes to Routine and Regions.
    assert share_width([100, 200, 30, 60, 40, 80], 610) == [100, 276, 30, 84, 40, 80]
    # Too narrow: the short columns keep their text; the long ones share what is left,
    # so a long title is not cut while a short Regions list has room to spare.
    widths = share_width([100, 400, 30, 60, 40, 80], 500)
    assert widths[0] == 100 and widths[2:] == [30, 60, 40, 80]
    assert widths[1] == 500 - 310
    widths = share_width([100, 400, 30, 300, 40, 80], 600)
    assert widths[1] == widths[3] == 175 and sum(widths) == 600
    assert share_width([10, 10], 0) == [0, 0]


def test_the_routine_column_is_not_cut_while_regions_has_room(
    window: MainWindow, paths: AppPaths, qtbot: QtBot
) -> None:
    title = "Upper trapezius, Shoulders and Chest — 20 min"
    with HistoryStore(paths.history_file) as store:
        recorder = store.start_session(title, planned_seconds=1200)
        recorder.step_ended(StepRecord(0, "neck", None, "", "hands", 60, 60))
        recorder.end(SessionStatus.COMPLETED)
    window.resize(1366, 768)
    _, page = open_page(window, paths)
    qtbot.waitUntil(lambda: page.table.isVisible())
    table = page.table
    wanted = table.wanted_widths()
    assert table.columnWidth(1) >= wanted[1], "the whole title shows"
    assert all(table.columnWidth(c) >= wanted[c] for c in range(6))
    assert sum(table.columnWidth(c) for c in range(6)) <= table.viewport().width()
    window.resize(1000, 720)  # narrower: the long columns share what the short ones leave
    qtbot.waitUntil(lambda: table.viewport().width() < sum(wanted))
    QApplication.processEvents()
    assert table.columnWidth(1) > table.columnWidth(3), "the long title gets the most room"
    for column in (0, 2, 4, 5):
        assert table.columnWidth(column) >= wanted[column]
    assert sum(table.columnWidth(c) for c in range(6)) <= table.viewport().width()
    tip = page.model.data(page.model.index(0, 1), Qt.ItemDataRole.ToolTipRole)
    assert tip == f"<p>{title}</p>", "the whole title in the tooltip"
