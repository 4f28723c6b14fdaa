"""The app's two kinds of message box: a question with one way on, and a problem to read.

Every box shows its text as plain text (titles and names from files are not markup), and
the safe answer is the default, so Enter or Escape never loses anything.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    accept: str,
    *,
    cancel: str = "Cancel",
    object_name: str = "question",
) -> bool:
    """Ask and wait; True only if the person chose ``accept``."""
    box = QMessageBox(parent)
    box.setObjectName(object_name)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    go = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
    stay = box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.exec()
    return box.clickedButton() is go


def tell(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    more: str = "",
    details: str = "",
    object_name: str = "problem",
    icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
) -> QMessageBox:
    """Show a problem (or a note) without waiting; the box deletes itself when closed.

    ``more`` goes under the text, ``details`` behind Show Details. The box is returned
    so that a caller (or a test) can keep hold of it while it is open.
    """
    box = QMessageBox(parent)
    box.setObjectName(object_name)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if more:
        box.setInformativeText(more)
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
