"""Answering the app's questions in tests, as a person would: by pressing a button."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox

from selfmassage.ui.safety.today_check import TodayCheckDialog


def answering(accept: bool, asked: list[QMessageBox] | None = None) -> Callable[[QMessageBox], int]:
    """A stand-in for ``QMessageBox.exec`` that presses the box's accept button (or its
    cancel button) instead of waiting, and keeps each box asked in ``asked``."""

    def exec_(box: QMessageBox) -> int:
        if asked is not None:
            asked.append(box)
        role = QMessageBox.ButtonRole.AcceptRole if accept else QMessageBox.ButtonRole.RejectRole
        button = next(b for b in box.buttons() if box.buttonRole(b) == role)
        button.click()
        return 0

    return exec_


def none_today(ticked: tuple[str, ...] = ()) -> Callable[[TodayCheckDialog], int]:
    """A stand-in for ``TodayCheckDialog.exec``: ticks ``ticked`` (none: "no" to all) and
    presses the default button, as Enter would."""

    def exec_(dialog: TodayCheckDialog) -> int:
        for question_id in ticked:
            dialog.boxes[question_id].setChecked(True)
        dialog.go.click()
        return dialog.result()

    return exec_
