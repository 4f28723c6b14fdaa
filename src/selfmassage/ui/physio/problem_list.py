"""The routine editor's list of problems: the reader's words for each, and where each
points (a top field, or a step and its field or cue) for going to it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QListWidget, QWidget

from selfmassage.core.language import _
from selfmassage.core.routine_draft import Where, locate
from selfmassage.core.routine_file import RoutineReadResult
from selfmassage.core.words import problem_words


class ProblemList(QListWidget):
    """Errors first, then notes (warnings). ``chosen`` carries where the one activated
    (double-click, Enter) points."""

    chosen = Signal(object)
    """A Where."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problems")
        self.setAccessibleName(_("Problems"))
        self.setToolTip(_("Double-click a problem, or press Enter on it, to go to it."))
        self.setMaximumHeight(110)
        self.places: list[Where] = []
        """Where each row points."""
        self.itemActivated.connect(lambda item: self.go_to(self.row(item)))

    def show_result(self, result: RoutineReadResult) -> None:
        self.places = [locate(problem) for problem in (*result.errors, *result.warnings)]
        self.clear()
        self.addItems([problem_words(problem) for problem in result.errors])
        self.addItems(
            [
                # Translators: a warning about the routine, less than a problem to fix.
                _("Note: {problem}").format(problem=problem_words(problem))
                for problem in result.warnings
            ]
        )

    def go_to(self, row: int) -> None:
        if 0 <= row < len(self.places):
            self.chosen.emit(self.places[row])
