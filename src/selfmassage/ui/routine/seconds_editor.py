"""Editing a step's seconds in the Routine table: a spin box made only while it is used.

A spin box built into every row cost the first Build most of its time (42 of them for
a long routine, each a widget with its own line edit and style); the table now paints
the seconds as text and makes one box when the person edits (F2, or a double click).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QSpinBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from selfmassage.core.catalog import Catalog
from selfmassage.core.language import _
from selfmassage.core.routine import StepSide
from selfmassage.core.routine_edit import seconds_range
from selfmassage.ui.routine.steps_model import StepsModel

_Index = QModelIndex | QPersistentModelIndex


class SecondsDelegate(QStyledItemDelegate):
    """``changed(row, seconds)`` is called as the value moves (arrows) or is typed."""

    def __init__(
        self, catalog: Catalog, model: StepsModel, changed: Callable[[int, int], None]
    ) -> None:
        super().__init__(model)
        self.catalog = catalog
        self.model = model
        self.changed = changed
        self.editor: QSpinBox | None = None
        """The box open now, if any."""

    def createEditor(  # noqa: N802 - Qt override
        self, parent: QWidget, _option: QStyleOptionViewItem, index: _Index
    ) -> QWidget:
        row = index.row()
        spin = QSpinBox(parent)
        spin.setAccessibleName(_("Seconds for step {number}").format(number=row + 1))
        spin.setSingleStep(5)
        spin.setKeyboardTracking(False)
        spin.setToolTip(_("How long this step runs (Enter to keep, Escape to go back to the list)"))
        spin.valueChanged.connect(lambda value: self.changed(row, value))
        self.editor = spin
        return spin

    def setEditorData(self, editor: QWidget, index: _Index) -> None:  # noqa: N802 - Qt
        row = index.row()
        if not isinstance(editor, QSpinBox) or not 0 <= row < len(self.model.steps):
            return
        step = self.model.steps[row]
        low, high = seconds_range(step, self.catalog)
        # Translators: after a number of seconds in a box: "30 s each side", "30 s".
        suffix = _(" s each side") if step.side is StepSide.BOTH else _(" s")
        if (editor.minimum(), editor.maximum(), editor.value(), editor.suffix()) == (
            low,
            high,
            step.seconds,
            suffix,
        ):
            return  # the model only echoes this box's own edit
        editor.blockSignals(True)
        editor.setRange(low, high)
        editor.setSuffix(suffix)
        editor.setValue(step.seconds)
        editor.blockSignals(False)

    def setModelData(  # noqa: N802 - Qt override
        self, editor: QWidget, _model: QAbstractItemModel, index: _Index
    ) -> None:
        if isinstance(editor, QSpinBox):
            editor.interpretText()
            self.changed(index.row(), editor.value())

    def forget(self) -> None:
        """Before the rows are made again: the view lets go of the open box itself, but
        takes off only its default delegate's filter, and the box's focus-out would then
        commit into rows that are gone."""
        if self.editor is not None:
            self.editor.removeEventFilter(self)
            self.editor = None

    def destroyEditor(self, editor: QWidget, index: _Index) -> None:  # noqa: N802 - Qt
        if editor is self.editor:
            self.editor = None
        super().destroyEditor(editor, index)
