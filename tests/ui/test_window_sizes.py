"""Windows fit the screen they open on: a 1366x768 laptop shows each one whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from selfmassage.core.catalog import load_catalog
from selfmassage.ui.main_window import FRAME_ALLOWANCE, fit_to_screen
from selfmassage.ui.physio import client_report_window as client_report_page
from selfmassage.ui.physio import routine_editor

LAPTOP = QRect(0, 0, 1366, 768 - 32)  # less a panel


def test_the_routine_editor_fits_a_laptop_screen(qtbot: QtBot) -> None:
    editor = routine_editor.RoutineEditor(load_catalog())
    qtbot.addWidget(editor)
    fit_to_screen(editor, QSize(1100, 760), LAPTOP)
    frame = QRect(editor.pos(), editor.size() + FRAME_ALLOWANCE)
    assert LAPTOP.contains(frame), (frame, LAPTOP)
    assert editor.width() == 1100  # only as much smaller as it must be


@pytest.mark.parametrize(
    ("module", "wanted"),
    [(routine_editor, QSize(1100, 760)), (client_report_page, QSize(1000, 720))],
    ids=["routine editor", "client report"],
)
def test_the_physio_windows_size_themselves_to_their_screen(
    monkeypatch: pytest.MonkeyPatch, module: object, wanted: QSize
) -> None:
    fitted: list[QSize] = []

    def record(window: QWidget, size: QSize, available: QRect) -> None:
        fitted.append(size)
        window.resize(size)

    monkeypatch.setattr(module, "fit_to_screen", record)
    if module is routine_editor:
        window: QWidget = routine_editor.RoutineEditor(load_catalog())
    else:
        window = _report_window()
    window.deleteLater()
    assert fitted == [wanted]


def _report_window() -> QWidget:
    from pathlib import Path

    from tests.core.test_report_file import sample_report

    return client_report_page.ClientReportWindow(sample_report(), Path("client.smreport"))
