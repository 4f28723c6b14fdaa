"""A small page layout on QPdfWriter: plain-text paragraphs flowing over A4 pages.

Text from files (titles, notes, instructions) is drawn with QPainter.drawText, which
never interprets markup, so a title like ``<b>hi</b>`` prints exactly as typed.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QPolygonF,
    QTextOption,
)

from selfmassage.core.anatomy import RegionSide, Side, View, region
from selfmassage.core.atomic import write_atomic
from selfmassage.core.bodymap import BodyMapError
from selfmassage.core.bodymap_cache import load_body_map
from selfmassage.core.language import _
from selfmassage.core.shown_text import for_window
from selfmassage.core.words import side_captions, view_title

RESOLUTION = 300
"""Dots per inch of the PDF's coordinate system."""
_MM = RESOLUTION / 25.4
INK = QColor("#1f2328")
MUTED = QColor("#5c636a")
ACCENT = QColor("#2a9d8f")
CAUTION = QColor("#b5651d")


def mm(value: float) -> float:
    return value * _MM


# Between words, and inside a word too long for a line rather than past the margin.
_WRAP = QTextOption()
_WRAP.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)


_LONG_RUN = re.compile(r"[^\s\u200b]{24}(?=[^\s\u200b])")


def breakable(text: str) -> str:
    """``text`` with an invisible break point (U+200B) every 24 characters of a run without
    spaces, for labels: their word wrap never breaks inside a word, so a long one from a
    file would otherwise widen the window past the screen."""
    return _LONG_RUN.sub(lambda match: match.group(0) + "\u200b", for_window(text))


class PdfPages:
    """Draws top to bottom; a block that does not fit starts a new page."""

    def __init__(self, path: Path, title: str, footer: str) -> None:
        if QGuiApplication.instance() is None:
            # QtGui only: creating the application is the caller's (a QApplication, so that
            # widgets still work later); commands/offscreen.py makes one for commands.
            raise RuntimeError("a PDF is drawn with Qt: create the Qt application first")
        self.path = path
        # Drawn in memory and written whole by finish(), so that a failure or a kill
        # half-way leaves no partial PDF in the person's folder.
        self.buffer = QBuffer()
        self.buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.writer = QPdfWriter(self.buffer)
        self.writer.setTitle(title)
        self.writer.setCreator("SelfMassage")
        self.writer.setResolution(RESOLUTION)
        self.writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(18, 16, 18, 18),
                QPageLayout.Unit.Millimeter,
            )
        )
        self.painter = QPainter()
        if not self.painter.begin(self.writer):
            raise OSError(_("cannot write the PDF to {file}").format(file=path))
        self.footer = footer
        paint_rect = self.writer.pageLayout().paintRectPixels(RESOLUTION)
        self.width = float(paint_rect.width())
        self.height = float(paint_rect.height())
        self.page = 1
        self.y = 0.0

    # Fonts ---------------------------------------------------------------------------

    @staticmethod
    def font(points: float, *, bold: bool = False) -> QFont:
        font = QFont()
        font.setPointSizeF(points)
        font.setBold(bold)
        return font

    # Flow ----------------------------------------------------------------------------

    def text_height(self, text: str, font: QFont, width: float | None = None) -> float:
        self.painter.save()
        self.painter.setFont(font)
        bounds = self.painter.boundingRect(QRectF(0, 0, width or self.width, 1e6), text, _WRAP)
        self.painter.restore()
        return bounds.height()

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` still fits on this one."""
        if self.y + height > self.height - mm(10) and self.y > 0:
            self.new_page()

    def new_page(self) -> None:
        self._draw_footer()
        self.writer.newPage()
        self.page += 1
        self.y = 0.0

    def space(self, millimetres: float) -> None:
        self.y += mm(millimetres)

    def paragraph(
        self,
        text: str,
        points: float = 10.5,
        *,
        bold: bool = False,
        color: QColor = INK,
        left: float = 0.0,
        width: float | None = None,
        keep: float = 0.0,
    ) -> float:
        """Draw wrapped plain text; returns its height. ``keep`` keeps room after it."""
        font = self.font(points, bold=bold)
        usable = (width if width is not None else self.width) - left
        height = self.text_height(text, font, usable)
        self.ensure(height + keep)
        self.painter.setFont(font)
        self.painter.setPen(color)
        # File text: its bidi controls could reorder the words around it.
        self.painter.drawText(QRectF(left, self.y, usable, height + 2), for_window(text), _WRAP)
        self.y += height
        return height

    def rule(self, color: QColor = ACCENT) -> None:
        self.painter.setPen(QPen(color, mm(0.4)))
        self.painter.drawLine(QPointF(0, self.y), QPointF(self.width, self.y))
        self.y += mm(2)

    def finish(self) -> None:
        """End the document and write it to the path; OSError if it cannot be written."""
        self._draw_footer()
        self.painter.end()
        write_atomic(self.path, bytes(self.buffer.data().data()))

    def _draw_footer(self) -> None:
        self.painter.setFont(self.font(8))
        self.painter.setPen(MUTED)
        rect = QRectF(0, self.height - mm(6), self.width, mm(6))
        number = _("Page {n}").format(n=self.page)
        metrics = QFontMetricsF(self.painter.font(), self.writer)
        # A long title in the footer is cut short rather than written over the page number.
        room = self.width - metrics.horizontalAdvance(number) - mm(6)
        footer = metrics.elidedText(self.footer, Qt.TextElideMode.ElideRight, room)
        self.painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), footer
        )
        self.painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), number
        )


LABEL_POINTS = 7.0
"""The size of a body picture's labels: its view above, the person's sides below."""


def draw_region_picture(
    painter: QPainter, rect: QRectF, region_id: str, sides: tuple[Side | None, ...]
) -> bool:
    """The body figure with the step's region-sides filled, labelled as on screen: the
    view ("Front") above, and the person's sides below ("Right … Left" on the front, as
    if the person were facing you). False if the map is missing."""
    reg = region(region_id)
    view = View.FRONT if View.FRONT in reg.views else View.BACK
    try:
        body_map = load_body_map(view)
    except BodyMapError:
        return False
    keys = {RegionSide(region_id, side).key for side in sides}
    painter.save()
    painter.setFont(PdfPages.font(LABEL_POINTS))
    strip = painter.fontMetrics().height() * 1.3
    figure = rect.adjusted(0, strip, 0, -strip)
    x, y, width, height = body_map.view_box
    scale = min(figure.width() / width, figure.height() / height)
    drawn = QRectF(
        figure.x() + (figure.width() - width * scale) / 2,
        figure.y() + (figure.height() - height * scale) / 2,
        width * scale,
        height * scale,
    )
    painter.save()
    painter.translate(drawn.topLeft())
    painter.scale(scale, scale)
    painter.translate(-x, -y)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#dde1e4"))
    for piece in body_map.silhouette:
        painter.drawPath(_path(piece.subpaths))
    painter.setBrush(ACCENT)
    for key, shape in body_map.shapes.items():
        if key in keys:
            painter.drawPath(_path(shape.subpaths))
    painter.restore()
    _draw_picture_labels(painter, rect, drawn, strip, view)
    painter.restore()
    return True


def _draw_picture_labels(
    painter: QPainter, rect: QRectF, drawn: QRectF, strip: float, view: View
) -> None:
    metrics = painter.fontMetrics()
    first, second = side_captions(view)
    # The sides under the figure's own edges, or wider apart if the figure is narrow.
    words = 2 * max(metrics.horizontalAdvance(t) for t in (first, second))
    wide = max(drawn.width() * 1.3, words * 1.5)
    sides = QRectF(drawn.center().x() - wide / 2, drawn.bottom(), wide, strip)
    sides = sides.intersected(QRectF(rect.left(), sides.top(), rect.width(), strip))
    painter.setPen(MUTED)
    middle = Qt.AlignmentFlag.AlignVCenter
    painter.drawText(sides, int(Qt.AlignmentFlag.AlignLeft | middle), first)
    painter.drawText(sides, int(Qt.AlignmentFlag.AlignRight | middle), second)
    title = QFont(painter.font())
    title.setBold(True)
    painter.setFont(title)
    painter.setPen(INK)
    above = QRectF(rect.left(), drawn.top() - strip, rect.width(), strip)
    painter.drawText(above, int(Qt.AlignmentFlag.AlignCenter), view_title(view))


def _path(subpaths: tuple[tuple[tuple[float, float], ...], ...]) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for polygon in subpaths:
        if not polygon:
            continue
        # One addPolygon call per outline: PySide6 6.12 crashes (a None refcount bug)
        # after many thousands of lineTo calls.
        path.addPolygon(QPolygonF([QPointF(x, y) for x, y in polygon]))
        path.closeSubpath()
    return path
