"""The Routine page's table of steps: one row a step, dragged to move it.

The model never changes the routine itself: a drop asks the page for a move, which
becomes an undoable edit.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from selfmassage.core.catalog import Catalog
from selfmassage.core.routine import Step, StepSide
from selfmassage.core.shown_text import for_window
from selfmassage.core.words import region_name, step_side

STEP_MIME = "application/x-selfmassage-step-row"

COLUMNS = ("Region", "Side", "Technique", "Tool", "Position", "Seconds")
REGION, SIDE, TECHNIQUE, TOOL, POSITION, SECONDS = range(len(COLUMNS))

_Index = QModelIndex | QPersistentModelIndex


def plain_tooltip(text: str) -> str:
    """Tooltips guess rich text from the content: escape file text so it stays text."""
    return f"<p>{html.escape(for_window(text))}</p>"


class StepsModel(QAbstractTableModel):
    """The steps as rows. It never changes the routine itself: a drop asks for a move."""

    move_requested = Signal(int, int)

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.steps: tuple[Step, ...] = ()

    def set_steps(self, steps: Sequence[Step]) -> None:
        self.beginResetModel()
        self.steps = tuple(steps)
        self.endResetModel()

    def update_steps(self, steps: Sequence[Step]) -> None:
        """Same rows, new values: no reset, so editors keep their focus."""
        self.steps = tuple(steps)
        if self.steps:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.steps) - 1, len(COLUMNS) - 1)
            )

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt
        return 0 if parent.isValid() else len(self.steps)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return str(section + 1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.steps):
            return None
        step = self.steps[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == REGION:
                return region_name(step.region)
            if column == SIDE:
                return step_side(step.side)
            if column == TECHNIQUE:
                return for_window(step.name) or "(unnamed)"
            if column == TOOL:
                return "—" if step.is_breathing else step.tool.label
            if column == POSITION:
                technique = self.catalog.get(step.technique) if step.technique else None
                return technique.position.label if technique is not None else ""
            if column == SECONDS:
                each = " each side" if step.side is StepSide.BOTH else ""
                return f"{step.seconds} s{each}"
        if role == Qt.ItemDataRole.ToolTipRole and column in (REGION, TECHNIQUE):
            return plain_tooltip(step.instructions) if step.instructions else None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid():
            flags = base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
            return flags | Qt.ItemFlag.ItemIsEditable if index.column() == SECONDS else flags
        return Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt override
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt override
        return [STEP_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802 - Qt
        data = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        if rows:
            data.setData(STEP_MIME, QByteArray(str(rows[0]).encode("ascii")))
        return data

    def dropMimeData(  # noqa: N802 - Qt override
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: _Index,
    ) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(STEP_MIME):
            return False
        try:
            source = int(bytes(data.data(STEP_MIME).data()).decode("ascii"))
        except ValueError:
            return False
        if not 0 <= source < len(self.steps):
            return False
        if row != -1:  # between two rows: in front of ``row``
            target = row - 1 if source < row else row
        elif parent.isValid():  # onto a row: take its place
            target = parent.row()
        else:  # below the last row
            target = len(self.steps) - 1
        if target != source:
            # Queued: the view is still inside its drop handling when this returns.
            QTimer.singleShot(0, lambda: self.move_requested.emit(source, target))
        # False: the view must not remove or overwrite anything itself.
        return False
