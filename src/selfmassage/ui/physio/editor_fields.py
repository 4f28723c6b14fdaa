"""What the routine editor's forms share: showing a value without it counting as an
edit, marking a field that has a problem, and asking about unsaved changes."""

from __future__ import annotations

import html

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QWidget

from selfmassage.core.language import _, current_language

ERROR_STYLE = "border: 2px solid #c0392b;"


def plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def lowered(text: str) -> str:
    """Words made to follow a colon or go in brackets: the first letter small ("In for
    4 s" -> "in for 4 s", "Foam roller" -> "foam roller"); in German, as they are, since
    its nouns keep their capital ("Faszienrolle")."""
    if current_language() == "de":
        return text
    return text[:1].lower() + text[1:]


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


def ask_unsaved(parent: QWidget, title: str) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel for the changes to the routine called ``title``."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Unsaved changes"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(_("Save the changes to “{title}”?").format(title=title.strip() or _("Untitled")))
    box.setInformativeText(_("Your changes will be lost if you don't save them."))
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    return QMessageBox.StandardButton(box.exec())
