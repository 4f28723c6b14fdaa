"""Painting a technique's picture with a QPainter: on a PDF page or in a widget.

Only QtGui and QtSvg, no widgets, so the PDF writers can use it as the app does. The
shipped SVGs show the person's left side; the right side is drawn mirrored.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QColor, QPainter
from PySide6.QtSvg import QSvgRenderer

from selfmassage.core.anatomy import Side
from selfmassage.core.illustration import ASPECT, mirrored, picture


def _renderer(technique_id: str, dark: bool, paper: str | None) -> QSvgRenderer | None:
    svg = picture(technique_id, dark, paper)
    if svg is None:
        return None
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    return renderer if renderer.isValid() else None


def paint_illustration(
    painter: QPainter,
    rect: QRectF,
    technique_id: str,
    side: Side | None,
    dark: bool = False,
    paper: QColor | None = None,
) -> bool:
    """Draw the picture into ``rect`` (kept 4:3, centred), mirrored for the right side.

    Drawn as vectors, so it stays sharp in a PDF. ``paper`` is the background it sits
    on (white if None). False if there is no picture.
    """
    renderer = _renderer(technique_id, dark, paper.name() if paper is not None else None)
    if renderer is None:
        return False
    width = min(rect.width(), rect.height() * ASPECT)
    height = width / ASPECT
    target = QRectF(
        rect.x() + (rect.width() - width) / 2,
        rect.y() + (rect.height() - height) / 2,
        width,
        height,
    )
    painter.save()
    if mirrored(side):
        painter.translate(target.x() * 2 + target.width(), 0)
        painter.scale(-1, 1)
    renderer.render(painter, target)
    painter.restore()
    return True
