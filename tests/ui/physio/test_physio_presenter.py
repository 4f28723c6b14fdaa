"""The physio presenter on its own: built from what it is given, it talks back by signals.

No SelfMassageApp here: a plain window, a library folder, a history store (or none) and
the routine on screen are all it needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from selfmassage.core.history import HistoryStore, SessionStatus, StepRecord
from selfmassage.core.library import Library
from selfmassage.core.paths import AppPaths
from selfmassage.core.report_file import read_report
from selfmassage.core.routine import Routine, Schedule, Step
from selfmassage.core.routine_file import write_routine
from selfmassage.ui.physio.physio_presenter import PhysioPresenter
from selfmassage.ui.physio.prescription_dialog import PrescriptionDialog

HOSTILE = "<b>hi</b><img src=x>"


def plan(title: str = "Calves plan") -> Routine:
    return Routine(
        title=title,
        author=f"Dr {HOSTILE}",
        description="Go gently.",
        schedule=Schedule(3, 4, date.today() - timedelta(days=7)),
        steps=(Step("calves", 30), Step("neck", 20)),
    )


class Parts:
    """What the app would hand the presenter, and what came back through its signals."""

    def __init__(self, qtbot: QtBot, paths: AppPaths, store: HistoryStore | None) -> None:
        self.window = QMainWindow()
        qtbot.addWidget(self.window)
        self.library = Library(paths.routines_dir)
        self.on_screen: Routine | None = None
        self.presenter = PhysioPresenter(
            self.window,
            library=lambda: self.library,
            history_store=lambda: store,
            routines_dir=paths.routines_dir,
            routine_on_screen=lambda: self.on_screen,
            window_icon=QIcon,
        )
        self.statuses: list[tuple[str, int]] = []
        self.progress: list[list[tuple[str, str]]] = []
        self.saved: list[Path] = []
        self.safety: list[str] = []
        self.presenter.menu_actions()  # as the app does once the window has painted
        self.presenter.status.connect(lambda text, ms: self.statuses.append((text, ms)))
        self.presenter.plan_progress_changed.connect(self.progress.append)
        self.presenter.routine_saved.connect(self.saved.append)
        self.presenter.safety_questions_requested.connect(self.safety.append)

    def add_to_library(self, routine: Routine) -> Path:
        self.library.user_dir.mkdir(parents=True, exist_ok=True)
        # Titles may hold slashes: the file is named by count.
        path = self.library.user_dir / f"{len(self.library.user_entries())}.smroutine"
        write_routine(path, routine)
        return path


@pytest.fixture
def store(paths: AppPaths) -> Iterator[HistoryStore]:
    with HistoryStore(paths.history_file) as opened:
        opened.clock = lambda: datetime.now(UTC)
        yield opened


@pytest.fixture
def parts(qtbot: QtBot, paths: AppPaths, store: HistoryStore) -> Parts:
    return Parts(qtbot, paths, store)


def test_its_actions_are_the_file_menus_physio_entries(parts: Parts) -> None:
    actions = parts.presenter.menu_actions()
    assert [a.text() for a in actions] == [
        "&Write a routine…",
        "&Edit a routine file…",
        "Open a &client report…",
        "E&xport an adherence report…",
        "Print a &handout of this routine…",
    ]
    shortcuts = {a.text(): a.shortcut().toString() for a in actions}
    assert shortcuts["&Write a routine…"] == "Ctrl+Shift+N"
    assert shortcuts["Open a &client report…"] == "Ctrl+Shift+O"
    assert shortcuts["Print a &handout of this routine…"] == "Ctrl+P"
    assert all(a.parent() is parts.window for a in actions)


def test_plan_progress_comes_from_the_library_and_the_store(
    parts: Parts, store: HistoryStore
) -> None:
    parts.add_to_library(plan())
    parts.add_to_library(Routine(title="No schedule", steps=(Step("neck", 30),)))
    parts.presenter.update_plan_progress()
    assert parts.progress[-1] == [("Calves plan", "0 of 3 this week")]
    for title in ("Calves plan", "Someone else's"):
        recorder = store.start_session(title, planned_seconds=60)
        recorder.step_ended(StepRecord(0, "neck", None, "", "hands", 60, 60))
        recorder.end(SessionStatus.COMPLETED)
    # Stopped after 14 s: not one of the plan's sessions.
    short = store.start_session("Calves plan", planned_seconds=60)
    short.step_ended(StepRecord(0, "neck", None, "", "hands", 60, 14, ended_early=True))
    short.end(SessionStatus.STOPPED)
    parts.presenter.update_plan_progress()
    assert parts.progress[-1] == [("Calves plan", "1 of 3 this week")]


def test_without_a_history_there_is_progress_but_no_report(qtbot: QtBot, paths: AppPaths) -> None:
    parts = Parts(qtbot, paths, None)
    parts.add_to_library(plan())
    assert parts.presenter.plan_progress() == [("Calves plan", "0 of 3 this week")]
    today = date.today()
    assert not parts.presenter.export_report("Calves plan", today, today, paths.data / "r")
    parts.presenter.ask_report_export()
    box = parts.presenter.message
    assert isinstance(box, QMessageBox)
    assert (box.windowTitle(), box.text()) == (
        "No history",
        "There is no history to report on yet.",
    )
    assert parts.presenter.report_export_dialog is None


def test_a_history_without_sessions_has_no_report_to_export(parts: Parts) -> None:
    parts.presenter.ask_report_export()
    assert parts.presenter.message is not None
    assert parts.presenter.message.text() == "Run a session of your plan first."


def test_the_adherence_report_is_written_and_said(
    parts: Parts, store: HistoryStore, tmp_path: Path
) -> None:
    parts.add_to_library(plan())
    store.start_session("Calves plan", planned_seconds=60).end(SessionStatus.COMPLETED)
    out = tmp_path / "out.smreport"
    today = date.today()
    assert parts.presenter.export_report("Calves plan", today - timedelta(days=6), today, out)
    report = read_report(out).report
    assert report is not None
    assert report.routine_author == f"Dr {HOSTILE}"  # from the library's copy
    assert len(report.sessions) == 1
    assert parts.statuses == [(f"Report written to {out}", 8000)]
    pdf = tmp_path / "out.PDF"
    assert parts.presenter.export_report("Calves plan", today, today, pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert parts.statuses[-1] == (f"Report written to {pdf}", 8000)
    del parts.statuses[1:]

    (tmp_path / "a file").write_text("")
    blocked = tmp_path / "a file" / "out.smreport"  # its folder is a file
    assert not parts.presenter.export_report("Calves plan", today, today, blocked)
    assert parts.presenter.message is not None
    assert parts.presenter.message.windowTitle() == "Report not written"
    assert len(parts.statuses) == 1


def test_a_prescribed_routine_is_welcomed_then_the_safety_questions_are_asked(
    qtbot: QtBot, parts: Parts
) -> None:
    routine = plan(HOSTILE)
    parts.add_to_library(routine)
    parts.presenter.routine_imported(routine)
    dialog = parts.presenter.prescription_dialog
    assert isinstance(dialog, PrescriptionDialog) and dialog.isVisible()
    assert dialog.title_label.textFormat() == Qt.TextFormat.PlainText
    assert parts.progress[-1] == [(HOSTILE, "0 of 3 this week")]
    assert parts.safety == []
    dialog.accept()
    assert parts.safety == [f"Before you start “{HOSTILE}”, please check these safety questions."]


def test_a_routine_of_ones_own_is_not_a_prescription(parts: Parts) -> None:
    parts.presenter.routine_imported(Routine(title="Mine", steps=(Step("neck", 30),)))
    assert parts.presenter.prescription_dialog is None
    assert parts.progress == []
    assert parts.safety == []


def test_the_handout_needs_a_routine_on_screen(
    parts: Parts, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts.presenter.handout_action.trigger()
    assert parts.presenter.message is not None
    assert parts.presenter.message.windowTitle() == "No routine on screen"

    parts.on_screen = plan()
    target = tmp_path / "handout.pdf"
    asked: list[str] = []

    def choose(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), ""

    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", choose)
    parts.presenter.handout_action.trigger()
    assert asked == [str(Path.home() / "calves-plan-handout.pdf")]
    assert target.read_bytes().startswith(b"%PDF")
    assert parts.statuses == [(f"Handout written to {target}", 8000)]


# Qt's own word that the PDF writer could not open the file; the person gets the box.
@pytest.mark.qt_log_ignore(r"^QPainter::begin\(\): Returned false$")
def test_a_handout_that_cannot_be_written_says_so(parts: Parts, tmp_path: Path) -> None:
    (tmp_path / "a file").write_text("")
    target = tmp_path / "a file" / "handout.pdf"  # its folder is a file
    assert not parts.presenter.export_handout(plan(), target)
    box = parts.presenter.message
    assert box is not None
    assert box.windowTitle() == "Handout not written"
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert str(target) in box.text()
    assert parts.statuses == []


def test_an_editor_save_lists_the_routine_and_recounts_the_plans(
    qtbot: QtBot, parts: Parts, paths: AppPaths
) -> None:
    editor = parts.presenter.open_editor()
    assert editor is not None  # it deletes itself on close: not handed to qtbot
    assert parts.presenter.editors == [editor]
    qtbot.keyClicks(editor.routine_form.title_edit, "Neck plan")
    editor.add_step()
    path = paths.routines_dir / "neck.smroutine"
    paths.routines_dir.mkdir(parents=True, exist_ok=True)
    assert editor.save_as(path)
    assert parts.saved == [path]
    assert parts.progress  # counted again once the Library has the file
    assert parts.presenter.editors_may_close()
    qtbot.waitUntil(lambda: parts.presenter.editors == [])


def test_a_report_file_opens_in_its_own_window_until_closed(
    qtbot: QtBot, parts: Parts, tmp_path: Path
) -> None:
    from selfmassage.core.report_file import write_report
    from tests.core.test_report_file import sample_report

    path = tmp_path / "jo.smreport"
    write_report(path, sample_report())
    window = parts.presenter.open_report_file(str(path))
    assert window is not None
    assert parts.presenter.report_windows == [window]
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.close()
    qtbot.waitUntil(lambda: parts.presenter.report_windows == [])

    broken = tmp_path / "bad.smreport"
    broken.write_text("{}")
    assert parts.presenter.open_report_file(str(broken)) is None
    assert parts.presenter.message is not None
    assert parts.presenter.message.text().startswith(
        "bad.smreport cannot be opened as a client report."
    )
    assert parts.presenter.message.objectName() == "reportProblems"
    assert parts.presenter.report_windows == []


@pytest.mark.slow
def test_the_physio_tools_and_the_crash_dialog_wait_for_the_first_paint(app_home: Path) -> None:
    from tests.app.test_start_up import _modules_at_first_paint

    loaded = _modules_at_first_paint(app_home)
    assert "selfmassage.ui.desktop.crash_reporter" in loaded  # installed before the window
    # The presenter is made with the app (it is light); its windows, dialogs and PDFs
    # load when first asked for.
    assert "selfmassage.ui.physio.physio_presenter" in loaded
    early = {
        "selfmassage.ui.physio.routine_editor",
        "selfmassage.ui.physio.report_export_dialog",
        "selfmassage.ui.desktop.crash_dialog",
        "selfmassage.ui.physio.client_report_window",
        "selfmassage.ui.physio.prescription_dialog",
        "selfmassage.pdf.handout",
    } & loaded
    assert early == set()
