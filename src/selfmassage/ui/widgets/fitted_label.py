"""A word-wrapped label that keeps its height: long text gets a smaller font instead.

A person following a session keeps their eyes on one place; a label that grows by a
line pushes everything under it down. This one reserves a number of lines of its
full font and shrinks the font only for a text that would not fit them. A text too long
even at the smallest font loses its last words whole, for an ellipsis; the whole text is
in the tool tip (and for a screen reader).
"""

from __future__ import annotations

import html

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
        self._text = ""
        self.reserve()

    def reserve(self) -> None:
        """Take the current font as the full one and reserve its lines."""
        self._full = QFont(self.font())
        margins = self.contentsMargins()
        extra = margins.top() + margins.bottom() + 2 * self.margin()
        self.setFixedHeight(QFontMetrics(self._full).lineSpacing() * self._lines + extra)
        self._fit()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        self._text = text
        super().setText(text)
        self._fit()

    def full_text(self) -> str:
        """The text as set, before any of it was left off."""
        return self._text

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def _needed_height(self, font: QFont, text: str | None = None) -> int:
        width = self.contentsRect().width() - 2 * self.margin()
        flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        shown = self._text if text is None else text
        box = QFontMetrics(font).boundingRect(QRect(0, 0, max(1, width), 0), flags, shown)
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
        shown = self._text
        if self._needed_height(font) > room:
            shown = self._shortened(font, room)
        if shown != self.text():
            super().setText(shown)
        self.setToolTip(f"<p>{html.escape(self._text)}</p>" if shown != self._text else "")

    def _shortened(self, font: QFont, room: int) -> str:
        """The most whole words of the text that fit, and an ellipsis."""
        words = self._text.split(" ")
        low, high = 0, len(words)
        while low < high:  # the longest start that fits
            middle = (low + high + 1) // 2
            if self._needed_height(font, " ".join(words[:middle]) + " …") <= room:
                low = middle
            else:
                high = middle - 1
        return " ".join(words[:low]).rstrip(" ,;:") + " …"
