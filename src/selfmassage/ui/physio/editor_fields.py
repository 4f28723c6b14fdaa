"""What the routine editor's forms share: showing a value without it counting as an
edit, and marking a field that has a problem."""

from __future__ import annotations

import html

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

ERROR_STYLE = "border: 2px solid #c0392b;"


def plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def set_line(edit: QLineEdit, text: str) -> None:
    if edit.text() != text:
        with QSignalBlocker(edit):
            edit.setText(text)


def set_plain(edit: QPlainTextEdit, text: str) -> None:
    if edit.toPlainText() != text:
        with QSignalBlocker(edit):
            edit.setPlainText(text)


def select_data(combo: QComboBox, data: str) -> None:
    with QSignalBlocker(combo):
        index = combo.findData(data)
        combo.setCurrentIndex(max(index, 0))


def mark(widget: QWidget, bad: bool, reasons: str) -> None:
    # Scoped to the widget's own class, so the cells of the cue table keep their look.
    widget.setStyleSheet(f"{type(widget).__name__} {{ {ERROR_STYLE} }}" if bad else "")
    # Tooltips may be read as rich text: escape the reader's words (they quote the file).
    widget.setToolTip(f"<p>{html.escape(reasons)}</p>" if bad and reasons else "")
