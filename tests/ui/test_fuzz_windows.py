"""Fuzzing the windows that show files from outside, offscreen: a routine file through
the library import to the Routine page, a report file to the client-report window and
its PDF. What the readers accept, the windows show without an exception; what they
refuse, the app says why in a message, never a crash dialog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from selfmassage.app import SelfMassageApp
from selfmassage.core.report_file import parse_report
from selfmassage.core.routine_file import parse_routine
from selfmassage.core.shown_text import BIDI_CONTROLS
from selfmassage.pdf.report import export_report_pdf
from selfmassage.ui.physio.client_report_window import ClientReportWindow
from tests.file_strategies import (
    FUZZ_WINDOWS,
    file_bytes,
    history_documents,
    report_documents,
    routine_documents,
)
from tests.time_zones import far_from_utc


def _close_dialogs() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) or widget.windowTitle() == "A routine written for you":
            widget.close()


def test_routine_files_through_the_library_to_the_routine_page(
    app: SelfMassageApp, tmp_path: Path
) -> None:
    count = 0

    @FUZZ_WINDOWS
    @given(file_bytes(routine_documents()))
    def open_one(data: bytes) -> None:
        nonlocal count
        count += 1
        path = tmp_path / f"fuzz-{count}.smroutine"
        path.write_bytes(data)
        expected = parse_routine(data)
        entry = app.library.open_file(str(path))
        QApplication.processEvents()
        if expected.routine is None:
            assert entry is None
            assert app.library.problems_box is not None
        else:
            assert entry is not None and entry.routine is not None
            assert app.routine.page.routine() is not None
            texts = [label.text() for label in app.routine.page.findChildren(QLabel)]
            assert not any("\u202e" in text for text in texts)
        _close_dialogs()

    open_one()


GOOD_REPORT = json.dumps(
    {
        "format": "selfmassage-report",
        "version": 1,
        "created": "2026-11-30T18:00:00Z",
        "routine": {"title": "Calves after running"},
        "period": {"from": "2026-11-01", "to": "2026-11-30"},
        "sessions": [
            {
                "started": "2026-11-03T18:05:00+01:00",
                "status": "completed",
                "planned_seconds": 600,
                "done_seconds": 600,
                "steps_done": 6,
                "steps_skipped": 0,
                "soreness_before": {"calves-left": 6},
                "soreness_after": {"calves-left": 3},
            }
        ],
    }
).encode()


def test_report_files_in_the_client_report_window_and_its_pdf(qtbot: QtBot, tmp_path: Path) -> None:
    count = 0
    shown: list[int] = []

    @FUZZ_WINDOWS
    @given(file_bytes(report_documents()))
    @example(GOOD_REPORT)  # about one generated report in four is good; this one always is
    def show_one(data: bytes) -> None:
        nonlocal count
        count += 1
        result = parse_report(data)
        if result.report is None:
            assert result.errors
            return
        window = ClientReportWindow(result.report, Path(f"fuzz-{count}.smreport"))
        qtbot.addWidget(window)
        window.show()
        QApplication.processEvents()
        assert window.page.shown_text()
        shown.append(count)
        window.page.place_box.setCurrentIndex(window.page.place_box.count() - 1)
        export_report_pdf(result.report, tmp_path / f"fuzz-{count}.pdf")
        window.close()

    show_one()
    assert shown  # some reports were good enough to reach the window


def test_history_imports_on_the_history_page_far_from_utc(
    app: SelfMassageApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    presenter = app.history
    page = presenter.build_page()
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(
        page, "tell", lambda title, text, _warning=False: told.append((title, text))
    )
    count = 0
    outcomes: set[str] = set()

    @FUZZ_WINDOWS
    @given(file_bytes(history_documents()))
    def import_one(data: bytes) -> None:
        nonlocal count
        count += 1
        path = tmp_path / f"fuzz-{count}.json"
        path.write_bytes(data)
        told.clear()
        with far_from_utc():
            presenter.import_file(str(path))
            assert told and told[-1][0] in ("History imported", "Import failed"), told
            outcomes.add(told[-1][0])
            presenter.refresh()
            model = page.model
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    model.data(model.index(row, column))
                uuid = model.data(model.index(row, 0), Qt.ItemDataRole.UserRole)
                page.session_selected.emit(uuid)
                shown = [page.detail.toPlainText()] + [
                    str(model.data(model.index(row, column))) for column in (1, 3)
                ]
                assert not any(char in text for text in shown for char in BIDI_CONTROLS)
            QApplication.processEvents()

    import_one()
    assert outcomes == {"History imported", "Import failed"}  # both roads were taken
