"""The Library's details: the selected routine's steps as a row of pictures.

One picture per step (its first side), with the step's number and name under it, so a
person sees at a glance what a routine asks of them: the positions and the tools.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from selfmassage.core.language import _
from selfmassage.core.routine import Routine
from selfmassage.core.routine_file import default_step_name
from selfmassage.core.shown_text import for_window
from selfmassage.ui.widgets.illustration import IllustrationView

PICTURE_WIDTH = 160


class RoutinePictures(QScrollArea):
    """A strip of step pictures that scrolls sideways when the routine is long."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routinePictures")
        self.setAccessibleName(_("Steps of the selected routine"))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.views: list[IllustrationView] = []
        self._strip = QWidget()
        self._row = QHBoxLayout(self._strip)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addStretch(1)
        self.setWidget(self._strip)
        picture_height = round(PICTURE_WIDTH * 3 / 4)
        caption_height = self.fontMetrics().lineSpacing() * 2
        scrollbar = self.horizontalScrollBar().sizeHint().height()
        self.setFixedHeight(picture_height + caption_height + scrollbar + 12)
        self.setVisible(False)

    def show_routine(self, routine: Routine | None) -> None:
        """Draw the steps of ``routine``; hide for None or a routine without steps."""
        while self._row.count() > 1:
            item = self._row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.views = []
        if routine is None or not routine.steps:
            self.setVisible(False)
            return
        for number, step in enumerate(routine.steps, start=1):
            cell = QWidget()
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            view = IllustrationView(minimum_width=PICTURE_WIDTH, preferred_width=PICTURE_WIDTH)
            view.setFixedWidth(PICTURE_WIDTH)
            view.show_step(step)
            name = QLabel(for_window(f"{number}. {step.name or default_step_name(step)}"))
            name.setTextFormat(Qt.TextFormat.PlainText)
            name.setWordWrap(True)
            name.setFixedWidth(PICTURE_WIDTH)
            name.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            column.addWidget(view)
            column.addWidget(name)
            column.addStretch(1)
            self._row.insertWidget(self._row.count() - 1, cell)
            self.views.append(view)
        self.setVisible(True)
