"""The Routine page: the routine as a list, its total time, and edits before starting.

The page is thin: each edit is a pure function from core.routine_edit, recorded in an
EditHistory for undo; the page shows the current routine and forwards Start and Save.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core.catalog import Catalog
from selfmassage.core.language import _, ngettext
from selfmassage.core.routine import Pacing, Routine, plan
from selfmassage.core.routine_edit import (
    EditHistory,
    move_step,
    remove_step,
    set_seconds,
    switch_technique,
)
from selfmassage.core.shown_text import for_window
from selfmassage.core.words import duration
from selfmassage.ui.routine.seconds_editor import SecondsDelegate
from selfmassage.ui.routine.steps_model import REGION, SECONDS, TECHNIQUE, StepsModel
from selfmassage.ui.routine.technique_editor import choices, technique_box
from selfmassage.ui.widgets.illustration import IllustrationView

_STYLE = """
QPushButton#startButton {
    background-color: palette(highlight); color: palette(highlighted-text);
    border: 1px solid palette(highlight); border-radius: 6px; padding: 6px 18px;
}
QPushButton#startButton:disabled { background-color: palette(mid); border-color: palette(mid); }
QPushButton#startButton:pressed { background-color: palette(dark); }
/* The style sheet took the platform's focus frame away: a ring in the text colour. */
QPushButton#startButton:focus { border: 2px solid palette(window-text); }
"""


class _FocusRow(QObject):
    """Makes the row of an editor the current row when the editor gets focus."""

    def __init__(self, page: RoutinePage) -> None:
        super().__init__(page)
        self.page = page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusIn:
            row = watched.property("stepRow")
            if isinstance(row, int):
                self.page.select_row(row)
        return False


def _plain(text: str = "", word_wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(word_wrap)
    return label


class RoutinePage(QWidget):
    start_requested = Signal(object)
    """The Routine to run."""
    save_requested = Signal(object)
    """The Routine to save as a file."""
    back_requested = Signal()
    routine_changed = Signal(object)
    notes_requested = Signal(object)
    """The Routine whose author's notes the person wants to read."""
    """The Routine after an edit or undo."""

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewPage")
        self.setStyleSheet(_STYLE)
        self.catalog = catalog
        self.pacing = Pacing()
        self.budget_minutes: int | None = None
        self.history: EditHistory | None = None
        self._saved: Routine | None = None
        self._focus_row = _FocusRow(self)
        self._technique_index: QPersistentModelIndex | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.title_label = _plain(_("No routine yet"))
        self.title_label.setObjectName("routineTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title_label.setFont(font)
        layout.addWidget(self.title_label)
        self.total_label = _plain()
        self.total_label.setObjectName("routineTotal")
        self.total_label.setAccessibleName(_("Total time"))
        font = self.total_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.total_label.setFont(font)
        layout.addWidget(self.total_label)
        self.notes_label = _plain()
        self.notes_label.setObjectName("routineNotes")
        self.notes_label.hide()
        layout.addWidget(self.notes_label)

        self.model = StepsModel(catalog, self)
        self.model.move_requested.connect(self.move_row)
        self.table = QTableView()
        self.table.setObjectName("routineSteps")
        self.table.setAccessibleName(_("Routine steps"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setDragDropOverwriteMode(False)
        # The seconds are edited with F2 (below) or a double click, in a box made then.
        self.seconds_delegate = SecondsDelegate(catalog, self.model, self.set_step_seconds)
        self.table.setItemDelegateForColumn(SECONDS, self.seconds_delegate)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)
        self.table.setAlternatingRowColors(True)
        # Tab leaves the list for the buttons; the arrow keys move within it.
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setDefaultSectionSize(36)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TECHNIQUE, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.table.selectionModel().currentRowChanged.connect(self._open_technique_box)
        layout.addWidget(self.table, 1)

        self.details_label = _plain()
        self.details_label.setObjectName("stepDetails")
        self.details_label.setAccessibleName(_("Instructions for the selected step"))
        self.details_label.setMinimumHeight(48)
        self.details_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # The selected step's position and tool, beside its instructions.
        self.illustration = IllustrationView(minimum_width=160, preferred_width=180)
        self.illustration.setObjectName("stepIllustration")
        self.illustration.setMaximumWidth(200)
        details = QHBoxLayout()
        details.addWidget(self.illustration, 0, Qt.AlignmentFlag.AlignTop)
        details.addWidget(self.details_label, 1)
        layout.addLayout(details)

        self.empty_label = _plain(
            _("No steps left. Undo (Ctrl+Z) to bring them back, or build a new routine.")
        )
        self.empty_label.hide()
        layout.addWidget(self.empty_label)

        # Two rows, so the page stays narrow: edits on the left, then what comes next.
        edits = QHBoxLayout()
        self.up_button = self._button(_("Move up"), "Alt+Up", self.move_current_up, edits)
        self.down_button = self._button(_("Move down"), "Alt+Down", self.move_current_down, edits)
        self.remove_button = self._button(_("Remove"), "Delete", self.remove_current, edits)
        self.undo_button = self._button(_("Undo"), QKeySequence.StandardKey.Undo, self.undo, edits)
        self.redo_button = self._button(_("Redo"), QKeySequence.StandardKey.Redo, self.redo, edits)
        # F2 edits the current step's seconds, Escape goes back to the list.
        for key, slot in (("F2", self.edit_current_seconds), ("Escape", self._back_to_list)):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        edits.addStretch(1)
        layout.addLayout(edits)
        actions = QHBoxLayout()
        self.back_button = QPushButton(_("Back to the body map"))
        self.back_button.clicked.connect(self.back_requested)
        actions.addWidget(self.back_button)
        # A prescribed routine's notes from its author, a click away (not crowding the page).
        self.notes_button = QPushButton(_("Notes…"))
        self.notes_button.setObjectName("routineNotesButton")
        self.notes_button.setToolTip(_("The notes of the person who wrote this routine"))
        self.notes_button.clicked.connect(self._notes)
        self.notes_button.hide()
        actions.addWidget(self.notes_button)
        actions.addStretch(1)
        self.save_button = self._button(
            _("Save as…"), QKeySequence.StandardKey.SaveAs, self._save, actions
        )
        self.start_button = self._button(_("Start"), "Ctrl+Return", self._start, actions)
        self.start_button.setObjectName("startButton")
        self.start_button.setDefault(True)
        self.start_button.setMinimumSize(140, 40)
        font = self.start_button.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.start_button.setFont(font)
        layout.addLayout(actions)
        self._refresh()

    def _button(
        self,
        text: str,
        shortcut: str | QKeySequence.StandardKey,
        slot: Any,
        row: QHBoxLayout,
    ) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.rstrip("…"))
        sequence = QKeySequence(shortcut)
        action = QAction(text, self)
        action.setShortcut(sequence)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        shown = sequence.toString(QKeySequence.SequenceFormat.NativeText)
        # Translators: a button's tooltip: its name, then its key ("Undo (Ctrl+Z)").
        button.setToolTip(_("{action} ({key})").format(action=text, key=shown) if shown else text)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # State -----------------------------------------------------------------------------

    def set_routine(
        self,
        routine: Routine,
        pacing: Pacing | None = None,
        budget_minutes: int | None = None,
        notes: Sequence[str] = (),
        saved: bool = False,
    ) -> None:
        """Show a new routine; its edits start from here (undo cannot go further back)."""
        self.history = EditHistory(routine)
        self.pacing = pacing or self.pacing
        self.budget_minutes = budget_minutes
        self._saved = routine if saved else None
        self.notes_label.setText("\n".join(notes))
        self.notes_label.setVisible(bool(notes))
        self._rebuild()
        if routine.steps:
            self.select_row(0)

    def show_routine(self, routine: Routine, pacing: Pacing | None = None) -> None:
        """Show a routine opened from the library or a file: no budget, nothing to save."""
        self.set_routine(routine, pacing, budget_minutes=None, saved=True)

    def set_pacing(self, pacing: Pacing) -> None:
        """The person changed the get-ready or other pacing: the total follows."""
        self.pacing = pacing
        self.total_label.setText(self._total_text(self.routine()))

    def routine(self) -> Routine | None:
        return None if self.history is None else self.history.current

    def is_edited(self) -> bool:
        """True when the routine shown has edits that are neither saved nor started."""
        return (
            self.history is not None
            and self.history.can_undo
            and (self.history.current != self._saved)
        )

    def mark_saved(self) -> None:
        self._saved = self.routine()

    def current_row(self) -> int:
        return self.table.currentIndex().row()

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, REGION))
            self.table.selectRow(row)

    # Edits -----------------------------------------------------------------------------

    def _apply(self, routine: Routine, merge: object = None, structural: bool = True) -> bool:
        if self.history is None or not self.history.apply(routine, merge):
            return False
        if structural:
            self._rebuild()
        else:
            self.model.update_steps(routine.steps)
            self._refresh()
        self.routine_changed.emit(routine)
        return True

    def move_row(self, source: int, target: int) -> None:
        routine = self.routine()
        if routine is None or not 0 <= source < len(routine.steps):
            return
        if self._apply(move_step(routine, source, target)):
            self.select_row(max(0, min(target, len(routine.steps) - 1)))

    def move_current_up(self) -> None:
        row = self.current_row()
        if row > 0:
            self.move_row(row, row - 1)

    def move_current_down(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.move_row(row, row + 1)

    def edit_current_seconds(self) -> QSpinBox | None:
        """Open the seconds box of the current step, focused, its text selected."""
        row = self.current_row()
        if not 0 <= row < self.model.rowCount():
            return None
        index = self.model.index(row, SECONDS)
        self.table.setCurrentIndex(index)
        self.table.edit(index)
        editor = self.seconds_delegate.editor
        if editor is not None:
            editor.setFocus(Qt.FocusReason.ShortcutFocusReason)
            editor.selectAll()
        return editor

    def _back_to_list(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def remove_current(self) -> None:
        routine = self.routine()
        row = self.current_row()
        if routine is None or not 0 <= row < len(routine.steps):
            return
        if self._apply(remove_step(routine, row)):
            self.select_row(min(row, len(routine.steps) - 2))

    def set_step_seconds(self, row: int, seconds: int) -> None:
        routine = self.routine()
        if routine is None or not 0 <= row < len(routine.steps):
            return
        edited = set_seconds(routine, row, seconds, self.catalog)
        self._apply(edited, merge=("seconds", row), structural=False)

    def set_step_technique(self, row: int, technique_id: str) -> None:
        routine = self.routine()
        technique = self.catalog.get(technique_id)
        if routine is None or technique is None or not 0 <= row < len(routine.steps):
            return
        if self._apply(switch_technique(routine, row, technique, self.catalog), structural=False):
            self._show_details()

    def undo(self) -> None:
        self._step_history(undo=True)

    def redo(self) -> None:
        self._step_history(undo=False)

    def _step_history(self, undo: bool) -> None:
        if self.history is None:
            return
        row = self.current_row()
        if self.history.undo() if undo else self.history.redo():
            self._rebuild()
            self.select_row(max(0, min(row, self.model.rowCount() - 1)))
            self.routine_changed.emit(self.history.current)

    def _start(self) -> None:
        routine = self.routine()
        if routine is not None and routine.steps:
            self.start_requested.emit(routine)

    def _save(self) -> None:
        routine = self.routine()
        if routine is not None and routine.steps:
            self.save_requested.emit(routine)

    # Showing ---------------------------------------------------------------------------

    def _rebuild(self) -> None:
        routine = self.routine()
        self.seconds_delegate.forget()
        self._technique_index = None  # the reset takes the box away
        self.model.set_steps(routine.steps if routine else ())
        self._refresh()

    @property
    def technique_boxes(self) -> dict[int, QComboBox]:
        """The box to switch technique that is open (on the current row), by row."""
        index = self._technique_index
        box = self.table.indexWidget(index) if index is not None and index.isValid() else None
        return {index.row(): box} if isinstance(box, QComboBox) and index is not None else {}

    def has_choices(self, row: int) -> bool:
        """Whether the step of ``row`` has other techniques to switch to."""
        steps = self.model.steps
        return 0 <= row < len(steps) and bool(choices(steps[row], self.catalog))

    def _open_technique_box(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """The current row's box to switch technique, if it has a choice; the last
        row's box goes. Tab goes from the list to the box, then to the buttons."""
        row = current.row() if current.isValid() else -1
        old = self._technique_index
        if old is not None and old.isValid() and old.row() != row:
            # No widget there any more (Qt's nullptr); the view deletes the box later.
            self.table.setIndexWidget(self.model.index(old.row(), TECHNIQUE), None)  # type: ignore[arg-type]
        self._technique_index = None
        if not self.has_choices(row):
            QWidget.setTabOrder(self.table, self.up_button)
            return
        index = self.model.index(row, TECHNIQUE)
        self._technique_index = QPersistentModelIndex(index)
        box = self.table.indexWidget(index)
        if not isinstance(box, QComboBox):
            box = technique_box(
                row, self.model.steps[row], self.catalog, self.set_step_technique, self._focus_row
            )
            self.table.setIndexWidget(index, box)
        QWidget.setTabOrder(self.table, box)
        QWidget.setTabOrder(box, self.up_button)

    def _refresh(self) -> None:
        routine = self.routine()
        has_steps = bool(routine and routine.steps)
        self.title_label.setText(for_window(routine.title) if routine else _("No routine yet"))
        self.notes_button.setVisible(bool(routine and routine.description.strip()))
        self.total_label.setText(self._total_text(routine))
        self.empty_label.setVisible(routine is not None and not routine.steps)
        self.table.setVisible(routine is not None)
        for button in (self.start_button, self.save_button, self.remove_button):
            button.setEnabled(has_steps)
        row = self.current_row()
        count = len(routine.steps) if routine else 0
        self.up_button.setEnabled(has_steps and row > 0)
        self.down_button.setEnabled(has_steps and 0 <= row < count - 1)
        self.undo_button.setEnabled(self.history is not None and self.history.can_undo)
        self.redo_button.setEnabled(self.history is not None and self.history.can_redo)
        if not has_steps:
            self.illustration.show_step(None)
        if routine is None:
            self.details_label.setText(
                _("Pick the sore places on the Home page and press Build routine (Ctrl+B).")
            )

    def _total_text(self, routine: Routine | None) -> str:
        if routine is None or not routine.steps:
            return ""
        timing = plan(routine, self.pacing)
        steps = ngettext("{n} step", "{n} steps", timing.steps).format(n=timing.steps)
        text = _(
            "Total {total} · {steps} · {massage} of massage, {changes} to change position and side"
        ).format(
            total=duration(timing.total_seconds),
            steps=steps,
            massage=duration(timing.work_seconds),
            changes=duration(timing.transition_seconds),
        )
        budget = self.budget_minutes
        if budget is not None:
            over = timing.total_seconds - budget * 60
            if over > 0:
                # Translators: after the routine's total: "3 min over your 10 minutes".
                text += " · " + ngettext(
                    "{over} over your {n} minute", "{over} over your {n} minutes", budget
                ).format(over=duration(over), n=budget)
            else:
                # Translators: after the routine's total: "within your 10 minutes".
                text += " · " + ngettext(
                    "within your {n} minute", "within your {n} minutes", budget
                ).format(n=budget)
        return text

    def lay_out_ahead(self, size: QSize) -> None:
        """Before the first routine, off screen: polish and lay out the page at the size
        it will be shown at, so the first Build does not pay for it."""
        if self.isVisible() or self.routine() is not None:
            return
        self.resize(size)
        self.ensurePolished()
        layout = self.layout()
        if layout is not None:
            layout.activate()

    def _notes(self) -> None:
        routine = self.routine()
        if routine is not None:
            self.notes_requested.emit(routine)

    def _show_details(self, *_args: object) -> None:
        self._refresh()
        routine = self.routine()
        row = self.current_row()
        if routine is None or not 0 <= row < len(routine.steps):
            self.details_label.setText("")
            self.illustration.show_step(None)
            return
        step = routine.steps[row]
        self.illustration.show_step(step)
        parts = [step.instructions or step.name]
        technique = self.catalog.get(step.technique) if step.technique else None
        if technique is not None and technique.cautions:
            parts.append(_("Take care: {cautions}").format(cautions=" ".join(technique.cautions)))
        self.details_label.setText(for_window("\n".join(part for part in parts if part)))
