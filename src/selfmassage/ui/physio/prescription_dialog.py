"""Shown when a routine someone wrote for the user is opened: who wrote it, and their notes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core.routine import Routine
from selfmassage.core.words import count
from selfmassage.pdf.handout import schedule_text
from selfmassage.pdf.pages import breakable


def _plain(text: str) -> QLabel:
    label = QLabel(breakable(text))  # a title with no spaces wraps instead of widening
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class PrescriptionDialog(QDialog):
    def __init__(self, routine: Routine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("prescriptionDialog")
        self.setWindowTitle("A routine written for you")
        layout = QVBoxLayout(self)
        self.title_label = _plain(routine.title)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)
        layout.addWidget(self.title_label)
        author = routine.author.strip() or "someone who did not give their name"
        self.author_label = _plain(f"Written by {author}")
        layout.addWidget(self.author_label)
        self.schedule_label = _plain(f"Schedule: {schedule_text(routine)}")
        layout.addWidget(self.schedule_label)
        layout.addWidget(_plain(f"{count(len(routine.steps), 'step')}."))
        if routine.description:
            layout.addWidget(_plain("Their notes for you:"))
            self.notes = QPlainTextEdit(routine.description)
            self.notes.setReadOnly(True)
            self.notes.setAccessibleName("Notes from the author")
            layout.addWidget(self.notes, 1)
        layout.addWidget(
            _plain(
                "It is now in your library. Next, a few safety questions: please answer them "
                "before you start."
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(520, 420)
