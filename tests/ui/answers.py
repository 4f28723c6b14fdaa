"""Answering the app's questions in tests, as a person would: by pressing a button."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox


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
