"""Switching a step's technique in the Routine table: one box, on the current row only.

A box built into every row that had a choice (21 for all 42 places) made each Build
rebuild as many widgets; the table now paints every technique as text, and the current
row alone has its box open (Tab reaches it from the list), made when that row becomes
current.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from selfmassage.core.catalog import Catalog
from selfmassage.core.routine import Step
from selfmassage.core.routine_edit import alternatives
from selfmassage.ui.routine.steps_model import StepsModel, plain_tooltip

_Index = QModelIndex | QPersistentModelIndex


def choices(step: Step, catalog: Catalog) -> list[tuple[str, str, str | None]]:
    """The techniques a step may switch to, as (name, id, tooltip); a step from a file
    with its own text keeps it as the first choice. Empty when there is nothing to
    switch to."""
    options = alternatives(step, catalog)
    known = {technique.id for technique in options}
    if len(options) + (step.technique not in known) < 2:
        return []
    listed: list[tuple[str, str, str | None]] = []
    if step.technique not in known:
        listed.append((step.name or "(unnamed)", step.technique or "", None))
    listed.extend(
        (technique.name, technique.id, plain_tooltip(technique.instructions))
        for technique in options
    )
    return listed


class TechniqueDelegate(QStyledItemDelegate):
    """``changed(row, technique_id)`` is called when the person picks another one."""

    def __init__(
        self,
        catalog: Catalog,
        model: StepsModel,
        changed: Callable[[int, str], None],
        focus_filter: QObject | None = None,
    ) -> None:
        super().__init__(model)
        self.catalog = catalog
        self.model = model
        self.changed = changed
        self.focus_filter = focus_filter
        self.editor: QComboBox | None = None
        """The box open now, if any."""

    def has_choices(self, row: int) -> bool:
        steps = self.model.steps
        return 0 <= row < len(steps) and bool(choices(steps[row], self.catalog))

    def createEditor(  # noqa: N802 - Qt override
        self, parent: QWidget, _option: QStyleOptionViewItem, index: _Index
    ) -> QWidget:
        row = index.row()
        box = QComboBox(parent)
        box.setAccessibleName(f"Technique for step {row + 1}")
        box.setProperty("stepRow", row)
        if self.focus_filter is not None:
            box.installEventFilter(self.focus_filter)
        if 0 <= row < len(self.model.steps):
            for name, technique_id, tooltip in choices(self.model.steps[row], self.catalog):
                box.addItem(name, technique_id)
                if tooltip is not None:
                    box.setItemData(box.count() - 1, tooltip, Qt.ItemDataRole.ToolTipRole)
        box.currentIndexChanged.connect(
            lambda _index: self.changed(row, str(box.currentData() or ""))
        )
        self.editor = box
        return box

    def setEditorData(self, editor: QWidget, index: _Index) -> None:  # noqa: N802 - Qt
        row = index.row()
        if not isinstance(editor, QComboBox) or not 0 <= row < len(self.model.steps):
            return
        wanted = max(0, editor.findData(self.model.steps[row].technique or ""))
        if editor.currentIndex() != wanted:
            editor.blockSignals(True)  # the model only echoes the step as it is
            editor.setCurrentIndex(wanted)
            editor.blockSignals(False)

    def setModelData(  # noqa: N802 - Qt override
        self, _editor: QWidget, _model: QAbstractItemModel, _index: _Index
    ) -> None:
        """Nothing to write back: a pick is an edit of the routine at once (``changed``)."""

    def destroyEditor(self, editor: QWidget, index: _Index) -> None:  # noqa: N802 - Qt
        if editor is self.editor:
            self.editor = None
        super().destroyEditor(editor, index)
