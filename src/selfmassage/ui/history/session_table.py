"""The History page's table of sessions, filled a page at a time as it scrolls."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTableView, QWidget

from selfmassage.core.history_queries import SessionSummary
from selfmassage.core.shown_text import for_window
from selfmassage.core.words import region_name, session_status

SessionFetcher = Callable[[int, int], list[SessionSummary]]


def change_text(change: float | None) -> str:
    return "" if change is None else f"{change:+.1f}"


class SessionTableModel(QAbstractTableModel):
    COLUMNS = ("Date", "Routine", "Min", "Regions", "Change", "Status")

    PAGE = 200

    def __init__(self) -> None:
        super().__init__()
        self.sessions: list[SessionSummary] = []
        self.total = 0
        self.fetch: SessionFetcher | None = None
        """Gives (offset, limit) more sessions as the list scrolls; ten years is 7,000."""

    def set_sessions(self, sessions: list[SessionSummary], total: int) -> None:
        self.beginResetModel()
        self.sessions = list(sessions)
        self.total = total
        self.endResetModel()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        return not parent.isValid() and self.fetch is not None and len(self.sessions) < self.total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        if not self.canFetchMore(parent) or self.fetch is None:
            return
        more = self.fetch(len(self.sessions), self.PAGE)
        if not more:
            self.total = len(self.sessions)
            return
        first = len(self.sessions)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self.sessions.extend(more)
        self.endInsertRows()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self.sessions)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:  # noqa: N802
        return len(self.COLUMNS)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid():
            return None
        session = self.sessions[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return session.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
            if column == 1:
                return for_window(session.routine_title.replace("\n", " "))
            if column == 2:
                return f"{session.minutes:.0f}"
            if column == 3:
                return for_window(", ".join(region_name(r) for r in session.regions))
            if column == 4:
                return change_text(session.soreness_change)
            return session_status(session.status)
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 3):
            # The whole title or list, which a narrow column cuts; escaped, as titles come
            # from routine files.
            text = self.data(index, Qt.ItemDataRole.DisplayRole)
            return f"<p>{html.escape(str(text))}</p>" if text else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return session.uuid
        return None


GROWING = (1, 3)
"""Routine and Regions: the columns that take what room is left over."""


def share_width(
    wanted: Sequence[int], available: int, growing: Sequence[int] = GROWING
) -> list[int]:
    """Column widths for ``available`` pixels, by what each column's text wants.

    Columns that want less than an even share get all they want; the others share the
    rest evenly, so a long title is not cut while a short list has room to spare. Room
    left over goes to the ``growing`` columns, by what they want.
    """
    widths = [0] * len(wanted)
    left = max(0, available)
    by_need = sorted(range(len(wanted)), key=lambda c: wanted[c])
    for rank, column in enumerate(by_need):
        widths[column] = min(wanted[column], left // (len(wanted) - rank))
        left -= widths[column]
    if left > 0 and growing:
        total = sum(wanted[c] for c in growing) or len(growing)
        shares = [left * (wanted[c] or 1) // total for c in growing]
        shares[-1] += left - sum(shares)
        for column, extra in zip(growing, shares, strict=True):
            widths[column] += extra
    return widths


class SessionTable(QTableView):
    """The sessions, with the width shared by content whenever the rows or size change."""

    def __init__(self, model: SessionTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        for signal in (model.modelReset, model.rowsInserted):
            signal.connect(self.share_width)

    def wanted_widths(self) -> list[int]:
        header = self.horizontalHeader()
        margin = 2 * self.style().pixelMetric(self.style().PixelMetric.PM_FocusFrameHMargin) + 8
        return [
            max(self.sizeHintForColumn(c), header.sectionSizeHint(c)) + margin
            for c in range(header.count())
        ]

    def share_width(self) -> None:
        widths = share_width(self.wanted_widths(), self.viewport().width())
        for column, width in enumerate(widths):
            self.setColumnWidth(column, width)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.share_width()
