"""The History page's table of sessions, filled a page at a time as it scrolls."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTableView, QWidget

from selfmassage.core.history_queries import SessionSummary
from selfmassage.core.language import N_, _
from selfmassage.core.shown_text import for_window
from selfmassage.core.words import region_name, session_status
from selfmassage.ui.history.locale_format import decimal, local_datetime

SessionFetcher = Callable[[int, int], list[SessionSummary]]


def change_text(change: float | None) -> str:
    return "" if change is None else decimal(change, 1, signed=True)


class SessionTableModel(QAbstractTableModel):
    COLUMNS = (
        N_("Date"),
        N_("Routine"),
        # Translators: the heading of a narrow column of minutes.
        N_("Min"),
        N_("Regions"),
        # Translators: the heading of a column of soreness changes (after minus before).
        N_("Change"),
        N_("Status"),
    )

    PAGE = 200

    def __init__(self) -> None:
        super().__init__()
        self.sessions: list[SessionSummary] = []
        self.texts: list[tuple[str, ...]] = []
        """Each row's shown text, made once: the view asks for it many times."""
        self.total = 0
        self.fetch: SessionFetcher | None = None
        """Gives (offset, limit) more sessions as the list scrolls; ten years is 7,000."""

    def set_sessions(self, sessions: list[SessionSummary], total: int) -> None:
        self.beginResetModel()
        self.sessions = list(sessions)
        self.texts = [row_texts(session) for session in self.sessions]
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
        self.texts.extend(row_texts(session) for session in more)
        self.endInsertRows()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self.sessions)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:  # noqa: N802
        return len(self.COLUMNS)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.COLUMNS[section])
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid():
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts[index.row()][column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 3):
            # The whole title or list, which a narrow column cuts; escaped, as titles come
            # from routine files.
            text = self.data(index, Qt.ItemDataRole.DisplayRole)
            return f"<p>{html.escape(str(text))}</p>" if text else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return self.sessions[index.row()].uuid
        return None


def row_texts(session: SessionSummary) -> tuple[str, ...]:
    """A session's row as shown: date, routine, minutes, regions, change, status."""
    return (
        # Translators: a Qt date format for the sessions' table (yyyy year, MM month,
        # dd day, HH:mm hours and minutes).
        local_datetime(session.started_at.astimezone(), _("yyyy-MM-dd HH:mm")),
        for_window(session.routine_title.replace("\n", " ")),
        decimal(session.minutes, 0),
        for_window(", ".join(region_name(r) for r in session.regions)),
        change_text(session.soreness_change),
        session_status(session.status),
    )


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
    """The sessions, with the width shared by content whenever the rows or size change.

    What each column wants is measured from the rows' text when rows come, once (asking
    the view, ``sizeHintForColumn``, walks every cell through Python each time: 60 ms
    for 200 rows), and shared out again at every resize.
    """

    def __init__(self, model: SessionTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._text_widths = [0] * model.columnCount()
        self._measured = 0
        """How many of the model's rows ``_text_widths`` has seen."""
        model.modelReset.connect(self._rows_reset)
        model.rowsInserted.connect(self.share_width)

    def _rows_reset(self) -> None:
        self._text_widths = [0] * len(self._text_widths)
        self._measured = 0
        self.share_width()

    def wanted_widths(self) -> list[int]:
        model = self.model()
        assert isinstance(model, SessionTableModel)
        metrics = self.fontMetrics()
        for column in range(len(self._text_widths)):
            shown = {row[column] for row in model.texts[self._measured :]}
            self._text_widths[column] = max(
                [self._text_widths[column], *map(metrics.horizontalAdvance, shown)]
            )
        self._measured = len(model.texts)
        header = self.horizontalHeader()
        frame = self.style().pixelMetric(self.style().PixelMetric.PM_FocusFrameHMargin)
        # A cell is its text, the delegate's margins (frame + 1 a side) and the grid's line
        # (what sizeHintForColumn gives); then some room.
        cell = 2 * (frame + 1) + 1
        return [
            max(width + cell, header.sectionSizeHint(c)) + 2 * frame + 8
            for c, width in enumerate(self._text_widths)
        ]

    def share_width(self) -> None:
        widths = share_width(self.wanted_widths(), self.viewport().width())
        for column, width in enumerate(widths):
            self.setColumnWidth(column, width)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.share_width()
