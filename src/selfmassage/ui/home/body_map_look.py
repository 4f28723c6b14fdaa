"""How the body map looks: its colours, drawn from the palette, and the marks it paints.

A selected place is filled and dotted, an avoided one hatched with a dashed outline, a
place that needs care gets a dotted amber outline: each state is seen with or without
colour. Pens are cosmetic, so lines keep their width at every size and on HiDPI screens.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QTransform,
)

from selfmassage.core.anatomy import View
from selfmassage.core.words import side_captions, view_title
from selfmassage.ui.theme import ACCENT, is_dark

TITLE_SPACE = 28.0
"""Room above each view for its title."""
CAPTION_SPACE = 22.0
"""Room below each view for its side captions."""
BADGE_RADIUS = 8.5
FOCUS_ON_DARK = QColor("#b3fff4")
FOCUS_ON_LIGHT = QColor("#063530")
"""The keyboard focus ring: a pale teal on dark, a deep one on light. (The palette's
highlight is 2.8:1 on the dark window, under WCAG's 3:1 for a focus indicator; these
are over 10:1 on the window and over 3:1 on a selected place.)"""


def mix(first: QColor, second: QColor, amount: float) -> QColor:
    """``amount`` of ``second`` over ``first``."""
    keep = 1.0 - amount
    return QColor.fromRgbF(
        first.redF() * keep + second.redF() * amount,
        first.greenF() * keep + second.greenF() * amount,
        first.blueF() * keep + second.blueF() * amount,
    )


def pen(color: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    made = QPen(color, width, style)
    made.setCosmetic(True)  # the same thickness at every size and on HiDPI screens
    made.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return made


class Colours:
    """The map's colours in this palette, light or dark."""

    # A plain class: a dataclass costs ~0.4 ms to define, on the start-up path.
    __slots__ = (
        "body_fill",
        "body_line",
        "caution",
        "focus",
        "highlight",
        "hover_fill",
        "idle_fill",
        "idle_line",
        "selected_fill",
        "selected_line",
        "text",
        "warning",
        "window",
    )

    def __init__(self, palette: QPalette) -> None:
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        dark = is_dark(palette)
        accent = QColor(ACCENT)
        self.window = window
        self.text = text
        self.highlight = palette.color(QPalette.ColorRole.Highlight)
        self.focus = QColor(FOCUS_ON_DARK if dark else FOCUS_ON_LIGHT)
        self.warning = QColor("#ff8a80") if dark else QColor("#c0392b")
        self.caution = QColor("#ffc857") if dark else QColor("#b9770e")
        self.body_fill = mix(window, text, 0.09 if dark else 0.07)
        self.body_line = mix(window, text, 0.28)
        self.idle_fill = mix(window, accent, 0.26 if dark else 0.22)
        self.idle_line = mix(window, accent, 0.55)
        self.hover_fill = mix(window, accent, 0.55)
        self.selected_fill = accent.darker(115) if dark else accent
        self.selected_line = text


def paint_place(
    painter: QPainter,
    path: QPainterPath,
    transform: QTransform,
    colours: Colours,
    *,
    avoided: bool,
    selected: bool,
    hovered: bool,
    needs_care: bool,
) -> None:
    """One place's shape, in the painter's drawing coordinates (``transform`` maps them
    to the widget, for the patterns, which keep their spacing on screen)."""
    if avoided:
        painter.setPen(pen(colours.warning, 1.4, Qt.PenStyle.DashLine))
        painter.setBrush(mix(colours.window, colours.warning, 0.12))
        painter.drawPath(path)
        _pattern(painter, path, transform, colours.warning, dots=False)
    elif selected:
        painter.setPen(pen(colours.selected_line, 2.0))
        fill = colours.selected_fill
        painter.setBrush(fill.lighter(112) if hovered else fill)
        painter.drawPath(path)
        _pattern(painter, path, transform, colours.window, dots=True)
    else:
        painter.setPen(pen(colours.idle_line, 1.0))
        painter.setBrush(colours.hover_fill if hovered else colours.idle_fill)
        painter.drawPath(path)
    if needs_care and not avoided:
        # Dotted amber outline: seen with or without colour, over any fill.
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(pen(colours.caution, 2.2, Qt.PenStyle.DotLine))
        painter.drawPath(path)


def paint_titles(painter: QPainter, font: QFont, box: QRectF, view: View, colours: Colours) -> None:
    """The view's title above ``box`` (the view on screen) and its sides below it."""
    font = QFont(font)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(colours.text)
    title_rect = QRectF(box.left(), box.top() - TITLE_SPACE, box.width(), TITLE_SPACE)
    # Asked for at each paint, not kept: they are in the language of the moment.
    painter.drawText(title_rect, Qt.AlignmentFlag.AlignCenter, view_title(view))
    font.setBold(False)
    painter.setFont(font)
    painter.setPen(mix(colours.window, colours.text, 0.6))
    caption = QRectF(box.left(), box.bottom(), box.width(), CAPTION_SPACE)
    # The side of the drawing each of the person's sides is on: the front view faces us.
    first, second = side_captions(view)
    inset, font = fit_side_captions(font, caption, first, second)
    painter.setFont(font)
    painter.drawText(inset, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, first)
    painter.drawText(inset, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, second)


def fit_side_captions(
    font: QFont, caption: QRectF, first: str, second: str
) -> tuple[QRectF, QFont]:
    """Where the two side words go under a view, and in what font: in from the edges as
    a rule; long words ("Izquierda" beside "Derecha") move out to the edges, and then
    take a smaller font, rather than run into each other."""
    font = QFont(font)
    inset = caption.adjusted(caption.width() * 0.2, 0, -caption.width() * 0.2, 0)
    while not _side_by_side(QFontMetricsF(font), inset, first, second):
        if inset.width() < caption.width():
            inset = caption
        elif font.pointSizeF() > 6:
            font.setPointSizeF(font.pointSizeF() * 0.9)
        else:
            break
    return inset, font


def _side_by_side(metrics: QFontMetricsF, room: QRectF, first: str, second: str) -> bool:
    gap = metrics.horizontalAdvance(" ")
    return (
        metrics.horizontalAdvance(first) + gap + metrics.horizontalAdvance(second) <= room.width()
    )


def badge_font(font: QFont) -> QFont:
    font = QFont(font)
    font.setBold(True)
    font.setPointSizeF(max(6.5, font.pointSizeF() * 0.8))
    return font


def paint_badge(painter: QPainter, centre: QPointF, level: int, palette: QPalette) -> None:
    """A small round badge with the soreness on a place, so the map tells it all."""
    radius = BADGE_RADIUS
    box = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
    painter.setPen(pen(palette.color(QPalette.ColorRole.Text), 1.0))
    painter.setBrush(palette.color(QPalette.ColorRole.Base))
    painter.drawEllipse(box)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(level))


def paint_focus_ring(painter: QPainter, ring: QPainterPath, colours: Colours) -> None:
    """The keyboard focus around a place, in widget coordinates: a halo in the window's
    colour, then the line, so it stands out over any fill."""
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(pen(colours.window, 6.0))
    painter.drawPath(ring)
    painter.setPen(pen(colours.focus, 3.0))
    painter.drawPath(ring)


def _pattern(
    painter: QPainter,
    path: QPainterPath,
    transform: QTransform,
    color: QColor,
    *,
    dots: bool,
) -> None:
    """Light dots (selected) or diagonal lines (avoided), a fixed distance apart on
    screen whatever the scale."""
    screen = transform.map(path)
    painter.save()
    painter.resetTransform()
    painter.setClipPath(screen)
    bounds = screen.boundingRect()
    if dots:
        painter.setPen(Qt.PenStyle.NoPen)
        faded = QColor(color)
        faded.setAlphaF(0.55)
        painter.setBrush(faded)
        step = 7.0
        row = 0
        y = bounds.top() + step / 2
        while y < bounds.bottom():
            x = bounds.left() + (step / 2 if row % 2 else 0.0)
            while x < bounds.right() + step:
                painter.drawEllipse(QPointF(x, y), 1.1, 1.1)
                x += step
            y += step * 0.87
            row += 1
    else:
        painter.setPen(pen(color, 1.2))
        step = 6.0
        x = bounds.left() - bounds.height()
        while x < bounds.right():
            painter.drawLine(
                QPointF(x, bounds.bottom()), QPointF(x + bounds.height(), bounds.top())
            )
            x += step
    painter.restore()
