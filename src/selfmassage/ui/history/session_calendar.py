"""The History's calendar: a day with a session is marked (bold, with a dot under its
number), so it never looks like the selected day; its tooltip says how many sessions.

The selected day keeps the palette's highlight; a day with a session on it draws its dot
in the highlighted text's colour, so both are seen at once.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPalette, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QTableView, QToolTip, QWidget

from selfmassage.core.language import ngettext
from selfmassage.ui.theme import HIGHLIGHT, is_dark

MARK_ON_DARK = QColor("#7fd1c6")
"""The dot on the dark theme's cells: the accent lightened to read on them."""


def mark_colour(palette: QPalette) -> QColor:
    """The dot of a day with a session, on an unselected cell."""
    return QColor(MARK_ON_DARK if is_dark(palette) else HIGHLIGHT)


def day_words(sessions: int, minutes: float) -> str:
    """ "2 sessions, 25 minutes": a day's tooltip and the line under the calendar."""
    rounded = round(minutes)
    return (
        ngettext("{n} session", "{n} sessions", sessions).format(n=sessions)
        + ", "
        + ngettext("{n} minute", "{n} minutes", rounded).format(n=rounded)
    )


class SessionCalendar(QCalendarWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.minutes: dict[date, float] = {}
        self.sessions: dict[date, int] = {}
        self._cells: dict[date, QRect] = {}
        """Where each day was last painted, in the view's viewport: for its tooltip."""
        view = self.findChild(QTableView)
        if view is not None:
            view.viewport().installEventFilter(self)
            view.setMouseTracking(True)
        self.currentPageChanged.connect(lambda *_: self._page_changed())

    def show_days(self, minutes: dict[date, float], sessions: dict[date, int]) -> None:
        """Mark the days with a session: their minutes, and how many sessions."""
        self.minutes, self.sessions = dict(minutes), dict(sessions)
        self.mark_shown_month()

    def mark_shown_month(self) -> None:
        """Bold numbers for the days with a session around the month shown (cheap however
        long the history is); the dots are painted with the cells."""
        self.setDateTextFormat(QDate(), QTextCharFormat())  # clear all
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        year, month = self.yearShown(), self.monthShown()
        for day in self.minutes:
            if abs((day.year - year) * 12 + day.month - month) <= 1:
                self.setDateTextFormat(QDate(day.year, day.month, day.day), bold)
        self.update()

    def _page_changed(self) -> None:
        self._cells.clear()  # another month: its cells are painted anew
        self.mark_shown_month()

    def describe(self, day: date) -> str:
        """What a day had: "" for none."""
        if day not in self.minutes:
            return ""
        return day_words(self.sessions.get(day, 1), self.minutes[day])

    def paintCell(self, painter: QPainter, rect: QRect, qdate: QDate) -> None:  # noqa: N802
        super().paintCell(painter, rect, qdate)
        day = date(qdate.year(), qdate.month(), qdate.day())
        self._cells[day] = QRect(rect)
        if day not in self.minutes:
            return
        palette = self.palette()
        selected = qdate == self.selectedDate()
        colour = palette.color(QPalette.ColorRole.HighlightedText) if selected else None
        radius = max(2.5, rect.height() * 0.09)
        centre = QPointF(rect.center().x() + 0.5, rect.bottom() - radius - 2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour or mark_colour(palette))
        painter.drawEllipse(centre, radius, radius)
        painter.restore()

    def day_at(self, x: int, y: int) -> date | None:
        """The day painted at a point of the view's viewport."""
        for day, rect in self._cells.items():
            if rect.contains(x, y):
                return day
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            day = self.day_at(event.pos().x(), event.pos().y())
            text = self.describe(day) if day is not None else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)
