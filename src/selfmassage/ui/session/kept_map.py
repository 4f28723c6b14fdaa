"""The Session page's body map, drawn ahead: the paint that shows the first part copies
a picture of it instead of drawing its shapes.

Drawing the map's shapes costs 3-4 ms of the GUI thread, inside the paint right after
Start, the busiest moment of a session; ``draw_ahead`` draws it while the voice gets
ready and keeps it until the map shows something else (then it is drawn as before). The
map here is only a picture (no hover, focus or cautions): what it shows is its size,
place and views, and the palette and font.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap, QRegion
from PySide6.QtWidgets import QWidget

from selfmassage.ui.home.body_map import BodyMapWidget


class KeptMap(BodyMapWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kept: QPixmap | None = None
        self._kept_for: tuple[object, ...] = ()
        self._drawing = False

    def _shown(self) -> tuple[object, ...]:
        return (
            self.size(),
            self.devicePixelRatioF(),
            self.selection(),
            tuple(self.views()),
            self.palette().cacheKey(),
            self.font().key(),
        )

    @property
    def kept(self) -> bool:
        """True while a picture of what the map shows now is kept."""
        return self._kept is not None and self._kept_for == self._shown()

    def draw_ahead(self) -> None:
        """Draw what the map shows now and keep it (not from inside a paint)."""
        if self.kept or self.load_problem or self.width() < 1 or self.height() < 1:
            return
        ratio = self.devicePixelRatioF()
        size = self.size()
        pixmap = QPixmap(QSize(round(size.width() * ratio), round(size.height() * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        self._drawing = True
        try:  # the map itself, over what is behind it; its button draws itself
            self.render(pixmap, QPoint(), QRegion(), QWidget.RenderFlag(0))
        finally:
            self._drawing = False
        self._kept, self._kept_for = pixmap, self._shown()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if self._drawing or self._kept is None:
            super().paintEvent(event)
        elif not self.kept:
            self._kept = None  # it shows something else now
            super().paintEvent(event)
        else:
            painter = QPainter(self)
            painter.drawPixmap(0, 0, self._kept)
            painter.end()
