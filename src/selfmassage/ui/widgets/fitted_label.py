"""A word-wrapped label that keeps its height: long text gets a smaller font instead.

A person following a session keeps their eyes on one place; a label that grows by a
line pushes everything under it down. This one reserves a number of lines of its
full font and shrinks the font only for a text that would not fit them.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

SMALLEST_POINTS = 7.0


class FittedLabel(QLabel):
    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        # From the top: a short text starts where a long one does.
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._lines = lines
        self._full = QFont(self.font())
        self.reserve()

    def reserve(self) -> None:
        """Take the current font as the full one and reserve its lines."""
        self._full = QFont(self.font())
        margins = self.contentsMargins()
        extra = margins.top() + margins.bottom() + 2 * self.margin()
        self.setFixedHeight(QFontMetrics(self._full).lineSpacing() * self._lines + extra)
        self._fit()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def _needed_height(self, font: QFont) -> int:
        width = self.contentsRect().width() - 2 * self.margin()
        flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        box = QFontMetrics(font).boundingRect(QRect(0, 0, max(1, width), 0), flags, self.text())
        return box.height()

    def _fit(self) -> None:
        font = QFont(self._full)
        room = self.contentsRect().height() - 2 * self.margin()
        size = font.pointSizeF()
        while size > SMALLEST_POINTS and self._needed_height(font) > room:
            size = max(SMALLEST_POINTS, size * 0.9)
            font.setPointSizeF(size)
        if font != self.font():
            self.setFont(font)
