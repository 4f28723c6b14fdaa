"""A label for a problem the person must see, in a red that reads on either theme.

One red cannot: #b3261e is 2.1:1 on the dark window, and a red light enough for the
dark one is too light on the light one. So the label picks by its palette, and again
when the palette changes (the system switched themes)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget

from selfmassage.ui.theme import is_dark

RED_ON_LIGHT = "#b3261e"
RED_ON_DARK = "#ff8a80"


class ProblemLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._follow_palette()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._follow_palette()

    def _follow_palette(self) -> None:
        red = RED_ON_DARK if is_dark(self.palette()) else RED_ON_LIGHT
        style = f"color: {red}; font-weight: bold;"
        if self.styleSheet() != style:  # setting a style sheet changes the palette again
            self.setStyleSheet(style)
