"""The Session page's body map, drawn ahead: the paint that shows a part copies a
picture of the map instead of drawing its shapes.

Drawing the map's shapes costs 3-4 ms of the GUI thread, inside the paint that shows a
new part (the one right after Start the busiest of a session). ``draw_ahead`` draws the
first part's map while the voice gets ready and each next part's while the part before
it runs; the two last drawn are kept. The map here is only a picture (no hover, focus
or cautions): what it shows is its size, place and views, and the palette and font.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap, QRegion
from PySide6.QtWidgets import QWidget

from selfmassage.core.anatomy import RegionSide, Side
from selfmassage.core.routine import Step
from selfmassage.core.selection import Selection
from selfmassage.ui.home.body_map import BodyMapWidget

_KEPT = 2
"""Pictures kept (about 0.75 MB each): the part's on screen and the next part's, drawn
ahead while the part before it runs. One would do for the paint that shows a part, but
a repaint of the part on screen (the session's start repaints it) would then draw the
shapes again, 3-4 ms more in the busiest second of a session."""


def place_of(step: Step, side: Side | None) -> RegionSide | None:
    """Where a part of ``step`` on ``side`` works (the map shows it), if a known place."""
    try:
        return RegionSide(step.region, side if step.side is not None else None)
    except (ValueError, KeyError):
        return None


class KeptMap(BodyMapWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kept: list[tuple[tuple[object, ...], QPixmap]] = []
        """(what it shows, its picture), the latest last; compared, not hashed (a
        selection cannot be)."""
        self._drawing = False

    def _shown(self, selection: Selection | None = None) -> tuple[object, ...]:
        return (
            self.size(),
            self.devicePixelRatioF(),
            self.selection() if selection is None else selection,
            tuple(self.views()),
            self.palette().cacheKey(),
            self.font().key(),
        )

    def _picture(self, shown: tuple[object, ...]) -> QPixmap | None:
        return next((pixmap for kept, pixmap in self._kept if kept == shown), None)

    @property
    def kept(self) -> bool:
        """True while a picture of what the map shows now is kept."""
        return self._picture(self._shown()) is not None

    def has_drawn(self, selection: Selection) -> bool:
        """True if the map with ``selection``, as it is otherwise now, is kept drawn."""
        return self._picture(self._shown(selection)) is not None

    def draw_ahead(self, selection: Selection | None = None) -> None:
        """Draw and keep what the map shows now, or would show with ``selection`` (the
        next part's place); not from inside a paint."""
        key = self._shown(selection)
        if (
            self._picture(key) is not None
            or self.load_problem
            or min(self.width(), self.height()) < 1
        ):
            return
        # The oldest let go before the new one is made: never one more than is kept.
        del self._kept[: len(self._kept) + 1 - _KEPT]
        ratio = self.devicePixelRatioF()
        size = self.size()
        pixmap = QPixmap(QSize(round(size.width() * ratio), round(size.height() * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        shown = self._selection
        if selection is not None:
            self._selection = selection  # for this drawing only: nothing else changes
        self._drawing = True
        try:  # the map itself, over what is behind it; its button draws itself
            self.render(pixmap, QPoint(), QRegion(), QWidget.RenderFlag(0))
        finally:
            self._drawing = False
            self._selection = shown
        self._kept.append((key, pixmap))

    def draw_place_ahead(self, place: RegionSide | None) -> None:
        """Draw and keep the map showing ``place`` only (the next part's), if there is one."""
        if place is not None:
            self.draw_ahead(Selection.of([place]))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        pixmap = None if self._drawing else self._picture(self._shown())
        if pixmap is None:
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.drawPixmap(0, 0, pixmap)
        painter.end()
