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

from selfmassage.core.language import _, ngettext
from selfmassage.core.routine import Routine
from selfmassage.pdf.handout import schedule_text
from selfmassage.pdf.pages import breakable


def _plain(text: str) -> QLabel:
    label = QLabel(breakable(text))  # a title with no spaces wraps instead of widening
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class PrescriptionDialog(QDialog):
    def __init__(
        self, routine: Routine, parent: QWidget | None = None, *, again: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("prescriptionDialog")
        self.setWindowTitle(_("A routine written for you"))
        layout = QVBoxLayout(self)
        self.title_label = _plain(routine.title)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)
        layout.addWidget(self.title_label)
        author = routine.author.strip()
        self.author_label = _plain(
            _("Written by {author}").format(author=author)
            if author
            else _("Written by someone who did not give their name")
        )
        layout.addWidget(self.author_label)
        self.schedule_label = _plain(
            _("Schedule: {schedule}").format(schedule=schedule_text(routine))
        )
        layout.addWidget(self.schedule_label)
        steps = len(routine.steps)
        layout.addWidget(_plain(ngettext("{n} step.", "{n} steps.", steps).format(n=steps)))
        if routine.description:
            layout.addWidget(_plain(_("Their notes for you:")))
            self.notes = QPlainTextEdit(routine.description)
            self.notes.setReadOnly(True)
            self.notes.setAccessibleName(_("Notes from the author"))
            layout.addWidget(self.notes, 1)
        if not again:  # read again from the Routine page: no news, no questions
            layout.addWidget(
                _plain(
                    _(
                        "It is now in your library. Next, a few safety questions: please "
                        "answer them before you start."
                    )
                )
            )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(520, 420)
