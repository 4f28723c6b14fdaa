"""The cues of a step in the routine editor: a table of times and words, one row a cue."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QHeaderView, QLineEdit, QSpinBox, QTableWidget, QWidget

from selfmassage.core.routine_draft import CueDraft
from selfmassage.ui.physio.editor_fields import set_line


class CueTable(QTableWidget):
    """Shows a step's cues; an edit in a row is told by ``cue_edited``."""

    cue_edited = Signal(int, object, object)
    """Row, and the new time (int) or the new words (str); the other is None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setAccessibleName("Cues")
        self.setHorizontalHeaderLabels(["At (s)", "Say"])
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)

    def show_cues(self, cues: tuple[CueDraft, ...]) -> None:
        """Show these cues, without telling them as edits; rows are made only when the
        number of cues changes, so the one being typed into keeps its focus."""
        if self.rowCount() != len(cues):
            self.setRowCount(len(cues))
            for row in range(len(cues)):
                at = QSpinBox()
                at.setRange(0, 1800)
                at.setSuffix(" s")
                at.setAccessibleName(f"Cue {row + 1} time")
                at.valueChanged.connect(lambda value, r=row: self.cue_edited.emit(r, value, None))
                say = QLineEdit()
                say.setAccessibleName(f"Cue {row + 1} words")
                say.setPlaceholderText("What the voice says")
                say.textEdited.connect(lambda text, r=row: self.cue_edited.emit(r, None, text))
                self.setCellWidget(row, 0, at)
                self.setCellWidget(row, 1, say)
        for row, cue in enumerate(cues):
            at_widget = self.cellWidget(row, 0)
            say_widget = self.cellWidget(row, 1)
            assert isinstance(at_widget, QSpinBox) and isinstance(say_widget, QLineEdit)
            with QSignalBlocker(at_widget):
                at_widget.setValue(cue.at)
            set_line(say_widget, cue.say)
