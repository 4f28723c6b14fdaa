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
from selfmassage.core.language import N_, _
from selfmassage.core.routine import Step, StepSide
from selfmassage.core.shown_text import for_window
from selfmassage.core.words import region_name, step_side

STEP_MIME = "application/x-selfmassage-step-row"

COLUMNS = (N_("Region"), N_("Side"), N_("Technique"), N_("Tool"), N_("Position"), N_("Seconds"))
"""The columns' headers, in English, marked for translation: shown as ``_(header)``."""
REGION, SIDE, TECHNIQUE, TOOL, POSITION, SECONDS = range(len(COLUMNS))

_Index = QModelIndex | QPersistentModelIndex

_TEXT_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.AccessibleTextRole)})
_TOOLTIP_ROLE = int(Qt.ItemDataRole.ToolTipRole)
_DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole)
_CELL = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemIsDropEnabled
)
_SECONDS_CELL = _CELL | Qt.ItemFlag.ItemIsEditable


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
        self._texts: list[tuple[str, ...]] = []
        """Each row's cells as shown, worked out once: the view asks for them on every
        paint and for each column's width, thousands of times for a long routine."""

    def set_steps(self, steps: Sequence[Step]) -> None:
        self.beginResetModel()
        self.steps = tuple(steps)
        self._texts = [self._cells(step) for step in self.steps]
        self.endResetModel()

    def update_steps(self, steps: Sequence[Step]) -> None:
        """Same rows, new values: no reset, so editors keep their focus."""
        self.steps = tuple(steps)
        self._texts = [self._cells(step) for step in self.steps]
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
        if int(role) != _DISPLAY_ROLE:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section])
        return str(section + 1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        role = int(role)
        if role in _TEXT_ROLES:
            row = index.row()
            return self._texts[row][index.column()] if 0 <= row < len(self._texts) else None
        if role == _TOOLTIP_ROLE and index.column() in (REGION, TECHNIQUE):
            row = index.row()
            if 0 <= row < len(self.steps) and self.steps[row].instructions:
                return plain_tooltip(self.steps[row].instructions)
        return None

    def _cells(self, step: Step) -> tuple[str, ...]:
        technique = self.catalog.get(step.technique) if step.technique else None
        seconds = (
            _("{seconds} s each side") if step.side is StepSide.BOTH else _("{seconds} s")
        ).format(seconds=step.seconds)
        return (
            region_name(step.region),
            step_side(step.side),
            for_window(step.name) or _("(unnamed)"),
            "—" if step.is_breathing else step.tool.label,
            technique.position.label if technique is not None else "",
            seconds,
        )

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if index.isValid():
            return _SECONDS_CELL if index.column() == SECONDS else _CELL
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
