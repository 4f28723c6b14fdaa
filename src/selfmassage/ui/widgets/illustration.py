"""The picture of a technique in a page: the position and the tool, for one side and theme.

A step without a catalog technique (written by hand) shows the catalog's picture for its
region and tool, if there is one. The picture's words (position and tool) are its
accessible description and its tooltip, and optionally a caption under it. The drawing
itself (mirrored for the right side) is ``pdf/illustration.py``'s, shared with the handout.

Reading, theming and rendering an SVG took several milliseconds of the paint that came
with each step change; the view keeps the pictures it drew as pixmaps (a few), and a
page can have the next one drawn ahead (``prepare``), so a step change paints a copy.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from selfmassage.core.anatomy import Side
from selfmassage.core.catalog import Technique
from selfmassage.core.illustration import (
    ASPECT,
    description,
    mirrored,
    picture,
    technique_for_step,
)
from selfmassage.core.language import _
from selfmassage.core.routine import Step
from selfmassage.pdf.illustration import paint_illustration
from selfmassage.ui.theme import is_dark

_KEPT = 3
"""Pictures kept drawn: this part's, the next part's, and one to spare (a resize); each
is a window-sized pixmap (about 0.4 MB on the Session page), so no more."""


class _Picture(QWidget):
    def __init__(self, owner: IllustrationView) -> None:
        super().__init__(owner)
        self._owner = owner
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return round(width / ASPECT)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = self._owner.preferred_width
        return QSize(width, round(width / ASPECT))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = self._owner.minimum_width
        return QSize(width, round(width / ASPECT))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        technique = self._owner.technique
        if technique is None:
            return
        pixmap = self._owner.pixmap(technique, self._owner.side, self.size())
        if pixmap is None:
            return
        painter = QPainter(self)
        painter.drawPixmap(0, 0, pixmap)
        painter.end()


class IllustrationView(QWidget):
    """A technique's picture for one side, with its words for screen readers."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        minimum_width: int = 160,
        preferred_width: int = 240,
        caption: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Picture of the position and the tool"))
        self.minimum_width = minimum_width
        self.preferred_width = preferred_width
        self.technique: Technique | None = None
        self.side: Side | None = None
        self._pixmaps: OrderedDict[tuple[object, ...], QPixmap | None] = OrderedDict()
        self.picture = _Picture(self)
        self.caption = QLabel()
        self.caption.setObjectName("illustrationCaption")
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        self.caption.setVisible(caption)
        self._captioned = caption
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.picture)
        layout.addWidget(self.caption)
        self.setVisible(False)

    @property
    def description(self) -> str:
        """The picture in words ("" when there is none)."""
        return self.accessibleDescription()

    def show_technique(self, technique: Technique | None, side: Side | None = None) -> None:
        """Show this technique's picture (for ``side``), or nothing for None."""
        self.technique = technique if technique is not None and picture(technique.id) else None
        self.side = side
        words = description(self.technique, side) if self.technique is not None else ""
        self.setAccessibleDescription(words)
        self.picture.setAccessibleName(_("Picture of the position and the tool"))
        self.picture.setAccessibleDescription(words)
        self.setToolTip(words)
        self.caption.setText(words)
        self.setVisible(self.technique is not None)
        self.picture.update()

    def show_step(self, step: Step | None, side: Side | None = None) -> None:
        """Show the picture of a step's technique (its first side unless ``side``)."""
        if step is None:
            self.show_technique(None)
            return
        if side is None and step.side is not None:
            side = step.sides[0]
        self.show_technique(technique_for_step(step), side)

    def prepare(self, step: Step | None, side: Side | None = None) -> bool:
        """Draw the picture a later ``show_step(step, side)`` will show, at the size the
        picture has now, so that showing it then paints a copy. True if there is one."""
        if step is None:
            return False
        if side is None and step.side is not None:
            side = step.sides[0]
        technique = technique_for_step(step)
        if technique is None or not picture(technique.id):
            return False
        return self.pixmap(technique, side, self.picture.size()) is not None

    def is_prepared(self, step: Step, side: Side | None = None) -> bool:
        """Whether the picture of ``step`` (for ``side``) is drawn already at this size."""
        if side is None and step.side is not None:
            side = step.sides[0]
        technique = technique_for_step(step)
        if technique is None:
            return False
        return self._key(technique, side, self.picture.size()) in self._pixmaps

    def pixmap(self, technique: Technique, side: Side | None, size: QSize) -> QPixmap | None:
        """The picture drawn at ``size`` in the theme's colours; kept for the next time."""
        if size.isEmpty():
            return None
        key = self._key(technique, side, size)
        if key in self._pixmaps:
            self._pixmaps.move_to_end(key)
            return self._pixmaps[key]
        while len(self._pixmaps) >= _KEPT:  # the oldest let go before the new one is made
            self._pixmaps.popitem(last=False)
        ratio = self.picture.devicePixelRatioF()
        pixmap = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        palette = self.picture.palette()
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        drawn = paint_illustration(
            painter,
            QRectF(0, 0, size.width(), size.height()),
            technique.id,
            side,
            is_dark(palette),
            palette.color(QPalette.ColorRole.Window),
        )
        painter.end()
        self._pixmaps[key] = pixmap if drawn else None
        return self._pixmaps[key]

    def _key(self, technique: Technique, side: Side | None, size: QSize) -> tuple[object, ...]:
        palette = self.picture.palette()
        return (
            technique.id,
            mirrored(side),
            is_dark(palette),
            palette.color(QPalette.ColorRole.Window).rgba(),
            size.width(),
            size.height(),
            self.picture.devicePixelRatioF(),
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._pixmaps.clear()
            self.picture.update()
