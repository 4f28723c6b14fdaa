"""The physio's and the client's parts wired into the app: menus, prescribed routines,
plan progress and client reports."""

import html
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from selfmassage.app import SelfMassageApp
from selfmassage.core.history import SessionStatus, StepRecord
from selfmassage.core.paths import AppPaths
from selfmassage.core.report_file import write_report
from selfmassage.core.routine import Routine, Schedule, Step
from selfmassage.core.routine_file import write_routine
from selfmassage.ui.physio.client_report_window import ClientReportWindow
from selfmassage.ui.physio.prescription_dialog import PrescriptionDialog
from tests.core.test_report_file import sample_report

HOSTILE = "<b>hi</b><img src=x>"


def prescribed(title: str = HOSTILE) -> Routine:
    return Routine(
        title=title,
        author=f"Dr {HOSTILE}",
        description=f"Go gently. {HOSTILE}",
        schedule=Schedule(3, 4, date.today() - timedelta(days=7)),
        steps=(Step("calves", 30), Step("neck", 20)),
    )


def plain_labels_with(widget: object, text: str) -> list[QLabel]:
    labels = [label for label in widget.findChildren(QLabel) if text in label.text()]  # type: ignore[attr-defined]
    for label in labels:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    return labels


def test_the_file_menu_offers_the_physio_actions(app: SelfMassageApp) -> None:
    texts = [a.text() for a in app.window.menuBar().actions()[0].menu().actions()]
    for wanted in (
        "&Write a routine…",
        "&Edit a routine file…",
        "Open a &client report…",
        "E&xport an adherence report…",
    ):
        assert wanted in texts
    assert texts[-1] == "&Quit"


def test_opening_a_prescribed_routine_says_who_wrote_it_then_screens(
    qtbot: QtBot, app: SelfMassageApp, tmp_path: Path
) -> None:
    source = tmp_path / "from physio.smroutine"
    write_routine(source, prescribed())
    app.open_files([str(source)])
    dialog = app.physio.prescription_dialog
    assert isinstance(dialog, PrescriptionDialog) and dialog.isVisible()
    assert plain_labels_with(dialog, HOSTILE)
    assert dialog.title_label.text() == HOSTILE
    assert dialog.author_label.text() == f"Written by Dr {HOSTILE}"
    assert dialog.notes.toPlainText() == f"Go gently. {HOSTILE}"
    # Added to the library as a plan, with its progress in the status bar.
    assert any(e.title == HOSTILE for e in app.library.routines.user_entries())
    assert app.plan_progress_label.text() == f"{HOSTILE}: 0 of 3 this week"
    assert app.plan_progress_label.textFormat() == Qt.TextFormat.PlainText
    assert (
        app.plan_progress_label.toolTip() == f"<p>{html.escape(app.plan_progress_label.text())}</p>"
    )

    dialog.accept()
    qtbot.waitUntil(lambda: app.safety.dialog is not None)
    assert app.safety.dialog is not None
    reason = plain_labels_with(app.safety.dialog, "Before you start")
    assert reason[0].text() == f"Before you start “{HOSTILE}”, please check these safety questions."


def test_a_routine_without_author_or_schedule_opens_quietly(
    app: SelfMassageApp, tmp_path: Path
) -> None:
    source = tmp_path / "mine.smroutine"
    write_routine(source, Routine(title="Mine", steps=(Step("neck", 30),)))
    app.open_files([str(source)])
    assert app.physio.prescription_dialog is None
    assert app.plan_progress_label.isHidden()


def test_plan_progress_counts_this_weeks_sessions(app: SelfMassageApp, tmp_path: Path) -> None:
    source = tmp_path / "plan.smroutine"
    write_routine(source, prescribed("Calves plan"))
    app.open_files([str(source)])
    app.physio.prescription_dialog.close()  # type: ignore[union-attr]
    store = app.history.store
    assert store is not None
    recorder = store.start_session("Calves plan", planned_seconds=180)
    recorder.step_ended(StepRecord(0, "neck", None, "", "hands", 180, 90, ended_early=True))
    recorder.end(SessionStatus.PARTLY_DONE)  # half its time: it counts
    short = store.start_session("Calves plan", planned_seconds=180)
    short.step_ended(StepRecord(0, "neck", None, "", "hands", 180, 14, ended_early=True))
    short.end(SessionStatus.STOPPED)  # stopped after 14 s: it does not
    app.history.changed.emit()
    assert app.physio.plan_progress() == [("Calves plan", "1 of 3 this week")]
    assert app.plan_progress_label.text() == "Calves plan: 1 of 3 this week"
    # The library shows it beside the plan too.
    from selfmassage.ui.library.library_page import Column

    app.library.refresh()
    tree = app.library.page.tree
    rows = {
        tree.topLevelItem(i).text(Column.TITLE): tree.topLevelItem(i).text(Column.PLAN)
        for i in range(tree.topLevelItemCount())
    }
    assert rows["Calves plan"] == "1 of 3 this week"
    assert all(plan == "" for title, plan in rows.items() if title != "Calves plan")


def test_a_client_report_opens_read_only_and_leaves_the_history_alone(
    qtbot: QtBot, app: SelfMassageApp, tmp_path: Path
) -> None:
    store = app.history.store
    assert store is not None
    before = store.count()
    report = sample_report()
    from dataclasses import replace

    session = replace(report.sessions[0], notes=f"Sore {HOSTILE}")
    report = replace(report, routine_title=HOSTILE, client=HOSTILE, sessions=(session,))
    path = tmp_path / "jo.smreport"
    write_report(path, report)

    app.open_files([str(path)])
    assert len(app.physio.report_windows) == 1
    window = app.physio.report_windows[0]
    assert isinstance(window, ClientReportWindow)
    qtbot.addWidget(window)
    page = window.page
    assert page.title_label.text() == HOSTILE
    assert f"Client: {HOSTILE}" in page.details_label.text()
    assert plain_labels_with(page, HOSTILE)
    assert f"Sore {HOSTILE}" in page.shown_text()
    assert page.table.item(0, 7).toolTip() == ""
    assert window.windowTitle().startswith(HOSTILE)
    assert "1 of 11 planned sessions done" in page.summary_label.text()
    assert store.count() == before


def test_a_broken_report_gets_a_plain_message(app: SelfMassageApp, tmp_path: Path) -> None:
    path = tmp_path / "bad.smreport"
    path.write_text('{"format": "selfmassage-report", "version": 1}')
    assert app.physio.open_report_file(str(path)) is None
    box = app.physio.message
    assert isinstance(box, QMessageBox)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text() == "bad.smreport cannot be opened as a client report. Nothing was changed."
    assert "• Created: missing" in box.informativeText()


def test_an_editor_with_unsaved_changes_keeps_the_window_open(
    qtbot: QtBot, app: SelfMassageApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = app.physio.open_editor()
    assert editor is not None
    qtbot.keyClicks(editor.routine_form.title_edit, "Half written")
    monkeypatch.setattr(editor, "_ask_unsaved", lambda: QMessageBox.StandardButton.Cancel)
    assert not app.window.close()
    assert app.window.isVisible() and editor.isVisible()
    monkeypatch.setattr(editor, "_ask_unsaved", lambda: QMessageBox.StandardButton.Discard)
    assert app.window.close()


def test_the_client_exports_a_report_from_the_window(app: SelfMassageApp, tmp_path: Path) -> None:
    source = tmp_path / "plan.smroutine"
    write_routine(source, prescribed("Calves plan"))
    app.open_files([str(source)])
    app.physio.prescription_dialog.close()  # type: ignore[union-attr]
    store = app.history.store
    assert store is not None
    store.clock = lambda: datetime.now(UTC)
    store.start_session("Calves plan", planned_seconds=60).end(SessionStatus.COMPLETED)
    out = tmp_path / "out.smreport"
    today = date.today()
    assert app.physio.export_report("Calves plan", today - timedelta(days=6), today, out)
    from selfmassage.core.report_file import read_report

    report = read_report(out).report
    assert report is not None
    assert len(report.sessions) == 1
    assert report.routine_author == f"Dr {HOSTILE}"
    assert report.sessions_planned == 3


def test_handout_of_the_routine_on_screen(
    app: SelfMassageApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.physio.handout_of_routine_on_screen()
    assert app.physio.message.text().startswith("Build a routine or open one")
    app.routine.page.show_routine(prescribed("Calves plan"))
    target = tmp_path / "handout.pdf"
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName",
        lambda *args, **kwargs: (str(target), ""),
    )
    app.physio.handout_action.trigger()
    assert target.read_bytes().startswith(b"%PDF")
    assert app.window.statusBar().currentMessage() == f"Handout written to {target}"


def test_a_plan_saved_in_the_editor_shows_in_the_library_with_its_progress(
    app: SelfMassageApp, paths: AppPaths
) -> None:
    from selfmassage.ui.library.library_page import Column

    editor = app.physio.open_editor()
    assert editor is not None
    editor.load_routine(prescribed("Written here"))
    assert editor.save_as(paths.routines_dir / "written.smroutine")
    tree = app.library.page.tree
    rows = {
        tree.topLevelItem(i).text(Column.TITLE): tree.topLevelItem(i).text(Column.PLAN)
        for i in range(tree.topLevelItemCount())
    }
    assert rows["Written here"] == "0 of 3 this week"
    assert app.plan_progress_label.text() == "Written here: 0 of 3 this week"
    editor.close()


def test_the_report_export_dialog_checks_the_days_and_writes_the_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QDate

    from selfmassage.ui.physio.report_export_dialog import ReportExportDialog

    dialog = ReportExportDialog([HOSTILE, "Calves"])
    qtbot.addWidget(dialog)
    assert dialog.routine_combo.itemText(0) == HOSTILE
    dialog.from_edit.setDate(QDate(2026, 11, 10))
    dialog.to_edit.setDate(QDate(2026, 11, 1))
    assert dialog.choice() is None
    assert dialog.problem_label.text() == "The last day is before the first."
    dialog.to_edit.setDate(QDate(2026, 11, 20))
    asked: list[tuple[str, date, date, Path]] = []
    dialog.export_requested.connect(lambda *args: asked.append(args))
    monkeypatch.setattr(
        "selfmassage.ui.physio.report_export_dialog.QFileDialog.getSaveFileName",
        lambda *args, **kwargs: (str(tmp_path / "for-physio"), "Report for your physio"),
    )
    dialog._save()
    assert asked == [
        (HOSTILE, date(2026, 11, 10), date(2026, 11, 20), tmp_path / "for-physio.smreport")
    ]


def test_the_report_page_charts_soreness_over_time_per_place(qtbot: QtBot) -> None:
    from dataclasses import replace

    from selfmassage.ui.physio.client_report_window import ClientReportPage

    report = sample_report()
    first = report.sessions[0]
    later = replace(
        first,
        started=first.started + timedelta(days=2),
        soreness_before={"calves-left": 5},
        soreness_after={"calves-left": 2},
    )
    page = ClientReportPage()
    qtbot.addWidget(page)
    page.show_report(replace(report, sessions=(first, later)))
    places = [page.place_box.itemData(i) for i in range(page.place_box.count())]
    assert places == ["calves-left", "calves-right"]
    before, after = page.soreness_chart.before_line, page.soreness_chart.after_line
    assert [p.y() for p in before.points()] == [6.0, 5.0]
    assert [p.y() for p in after.points()] == [3.0, 2.0]
    page.place_box.setCurrentIndex(1)
    assert [p.y() for p in before.points()] == [4.0]
    assert page.soreness_chart.title().startswith("Right calf: ")
    page.show_report(None)
    assert page.place_box.count() == 0


def test_a_report_dropped_on_the_window_opens_and_routines_still_drop(
    app: SelfMassageApp, tmp_path: Path
) -> None:
    from PySide6.QtCore import QMimeData, QPoint, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    def drop(path: Path) -> tuple[QDragEnterEvent, QDropEvent]:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        rest = (
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        enter = QDragEnterEvent(QPoint(50, 50), *rest)
        dropped = QDropEvent(QPointF(50, 50), *rest)
        QApplication.sendEvent(app.window, enter)
        QApplication.sendEvent(app.window, dropped)
        return enter, dropped

    report = tmp_path / "jo.smreport"
    write_report(report, sample_report())
    enter, dropped = drop(report)
    assert enter.isAccepted() and dropped.isAccepted()
    assert len(app.physio.report_windows) == 1

    routine = tmp_path / "plan.smroutine"
    write_routine(routine, Routine(title="Dropped plan", steps=(Step("neck", 30),)))
    enter, dropped = drop(routine)
    assert enter.isAccepted() and dropped.isAccepted()
    assert any(e.title == "Dropped plan" for e in app.library.routines.user_entries())
    assert len(app.physio.report_windows) == 1


def test_a_plan_remembers_when_it_came_and_its_report_starts_there(
    app: SelfMassageApp, tmp_path: Path
) -> None:
    source = tmp_path / "plan.smroutine"
    write_routine(source, prescribed("Calves plan"))
    app.open_files([str(source)])
    app.physio.prescription_dialog.close()  # type: ignore[union-attr]
    today = date.today()
    assert app.settings.plans_received == {"Calves plan": today.isoformat()}
    store = app.history.store
    assert store is not None
    for title in ("Another routine", "Calves plan"):
        store.start_session(title, planned_seconds=60).end(SessionStatus.COMPLETED)
    # The plan is on screen: the dialog picks it, not the first title, from the day it came.
    app.library.open_file(str(source))
    app.physio.ask_report_export()
    dialog = app.physio.report_export_dialog
    assert dialog is not None
    assert dialog.routine_combo.currentData() == "Calves plan"
    from selfmassage.ui.widgets.dates import from_qdate

    assert from_qdate(dialog.from_edit.date()) == today
    dialog.routine_combo.setCurrentIndex(dialog.routine_combo.findData("Another routine"))
    assert from_qdate(dialog.from_edit.date()) == today - timedelta(days=27)
    dialog.reject()
