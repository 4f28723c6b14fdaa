"""The body map: front and back views of the body, where the user picks the sore places.

The widget draws the outlines from core/bodymap_svg.py itself, so hit-testing follows
each shape exactly. It shows a Selection (a core value) and, on a click, a key or a menu
choice, emits the changed Selection; it keeps no other state of its own.

Each drawn shape has an invisible stand-in child widget, a checkable button covering the
shape's bounds, that carries the keyboard focus and tells screen readers the place's
name and state ("Left calf, selected, soreness 6"; a check box, checked when selected).
The map paints the focus ring where that child has focus.

Uniting the silhouette's pieces and building the shapes' paths costs ~14 ms; when the
app has set a cache folder (core/bodymap_cache.py) what the map draws is kept there,
through QDataStream, with where each place's soreness badge goes, and a warm start loads
no outlines (it reads the two SVGs only to check that they are the ones the cache was
made from), not even when places get a soreness.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QDataStream,
    QEvent,
    QIODevice,
    QPoint,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
    qVersion,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
    QTransform,
)
from PySide6.QtWidgets import QAbstractButton, QMenu, QSizePolicy, QToolButton, QToolTip, QWidget

from selfmassage.core.anatomy import ALL_REGION_SIDES, RegionSide, View
from selfmassage.core.bodymap_cache import cache_folder, drawing_source, read_entry, write_entry
from selfmassage.core.bodymap_svg import BodyMap, BodyMapError, Shape, load_body_map
from selfmassage.core.selection import Selection
from selfmassage.ui.theme import ACCENT, is_dark

if TYPE_CHECKING:  # wrapping this event type costs start-up time; the menu is rarely used
    from PySide6.QtGui import QContextMenuEvent

log = logging.getLogger(__name__)


VIEW_TITLES = {View.FRONT: "Front", View.BACK: "Back"}
# The side of the drawing each of the person's sides is on: the front view faces us.
SIDE_CAPTIONS = {View.FRONT: ("Right", "Left"), View.BACK: ("Left", "Right")}
NARROW_RATIO = 0.62
"""Below this width/height the map shows one view at a time with a front/back switch."""
_MARGIN = 12.0
_TITLE_SPACE = 28.0
_CAPTION_SPACE = 22.0
_VIEW_GAP = 36.0

Spot = tuple[View, RegionSide]
"""One drawn shape: a place on one view (a shoulder is drawn on both)."""
_PLACES = {place.key: place for place in ALL_REGION_SIDES}
"""Shape id -> the place it draws; ids of anything else are not places."""
_ORDER = {place: index for index, place in enumerate(ALL_REGION_SIDES)}
"""Places from head to foot."""

_DIRECTIONS = {
    Qt.Key.Key_Left: (-1.0, 0.0),
    Qt.Key.Key_Right: (1.0, 0.0),
    Qt.Key.Key_Up: (0.0, -1.0),
    Qt.Key.Key_Down: (0.0, 1.0),
}


def _mix(first: QColor, second: QColor, amount: float) -> QColor:
    """``amount`` of ``second`` over ``first``."""
    keep = 1.0 - amount
    return QColor.fromRgbF(
        first.redF() * keep + second.redF() * amount,
        first.greenF() * keep + second.greenF() * amount,
        first.blueF() * keep + second.blueF() * amount,
    )


def _qpath(subpaths: tuple[tuple[tuple[float, float], ...], ...]) -> QPainterPath:
    path = QPainterPath()
    for polygon in subpaths:
        path.addPolygon(QPolygonF([QPointF(x, y) for x, y in polygon]))
        path.closeSubpath()
    return path


def _united(pieces: Sequence[Shape]) -> QPainterPath:
    """The figure's pieces as one clean outline, whichever way each piece was drawn."""
    # The simple pieces, all turned the same way round, filled by the winding rule and
    # simplified in one go: their union, 3x quicker than uniting them one by one. A piece
    # of several subpaths (one with a hole) is filled even-odd: it is united on its own.
    outline = QPainterPath()
    outline.setFillRule(Qt.FillRule.WindingFill)
    several = []
    for piece in pieces:
        if len(piece.subpaths) != 1:
            several.append(piece)
            continue
        polygon = piece.subpaths[0]
        turn = sum(
            x0 * y1 - x1 * y0
            for (x0, y0), (x1, y1) in zip(polygon, polygon[1:] + polygon[:1], strict=True)
        )
        if turn > 0:
            polygon = polygon[::-1]
        outline.addPolygon(QPolygonF([QPointF(x, y) for x, y in polygon]))
        outline.closeSubpath()
    outline = outline.simplified()
    for piece in several:
        outline = outline.united(_qpath(piece.subpaths))
    return outline


class _Drawing:
    """One view's outlines, ready for QPainter, in the drawing's own coordinates."""

    # A plain class: a dataclass costs ~0.4 ms to define, on the start-up path.
    __slots__ = ("badges", "shapes", "silhouette", "view", "view_box")

    def __init__(
        self,
        view: View,
        view_box: QRectF,
        silhouette: QPainterPath,
        shapes: dict[RegionSide, QPainterPath],
        badges: dict[RegionSide, QPointF],
    ) -> None:
        self.view = view
        self.view_box = view_box
        self.silhouette = silhouette
        self.shapes = shapes
        self.badges = badges
        """Where each place's soreness badge goes, as far as the outlines said."""

    @classmethod
    def cached(cls, body_map: BodyMap) -> _Drawing:
        # Keyed by identity, holding the map so that its id cannot be reused.
        entry = _DRAWINGS.get(id(body_map))
        if entry is None:
            entry = _DRAWINGS[id(body_map)] = (body_map, cls.of(body_map))
        return entry[1]

    @classmethod
    def of(cls, body_map: BodyMap) -> _Drawing:
        outline = _united(body_map.silhouette)
        shapes = {
            _PLACES[key]: _qpath(shape.subpaths)
            for key, shape in body_map.shapes.items()
            if key in _PLACES
        }
        # Only the badge points the outlines carry: finding one costs ~2 ms, so the others
        # are found when a place is rated (maps handed in by tests and benchmarks).
        badges = {
            _PLACES[key]: QPointF(x, y)
            for key, (x, y) in body_map.badge_points.items()
            if key in _PLACES and key in body_map.shapes
        }
        x, y, width, height = body_map.view_box
        return cls(body_map.view, QRectF(x, y, width, height), outline, shapes, badges)

    def to_bytes(self) -> bytes:
        data = QByteArray()
        stream = QDataStream(data, QIODevice.OpenModeFlag.WriteOnly)
        stream.setVersion(_STREAM_VERSION)
        box = self.view_box
        for number in (box.x(), box.y(), box.width(), box.height()):
            stream.writeDouble(number)
        stream << self.silhouette
        stream.writeUInt32(len(self.shapes))
        for place, path in self.shapes.items():
            stream.writeQString(place.key)
            stream << path
        stream.writeUInt32(len(self.badges))
        for place, point in self.badges.items():
            stream.writeQString(place.key)
            stream.writeDouble(point.x())
            stream.writeDouble(point.y())
        return data.data()

    @classmethod
    def from_bytes(cls, view: View, payload: bytes) -> _Drawing | None:
        """None if the bytes are not a whole drawing (the caller then makes it again)."""
        stream = QDataStream(QByteArray(payload))
        stream.setVersion(_STREAM_VERSION)
        x, y, width, height = (stream.readDouble() for _ in range(4))
        silhouette = QPainterPath()
        stream >> silhouette
        shapes: dict[RegionSide, QPainterPath] = {}
        count = stream.readUInt32()
        for _ in range(min(count, len(_PLACES))):
            key = stream.readQString()
            path = QPainterPath()
            stream >> path
            if key not in _PLACES:
                return None
            shapes[_PLACES[key]] = path
        if len(shapes) != count:
            return None
        badges: dict[RegionSide, QPointF] = {}
        count = stream.readUInt32()
        for _ in range(min(count, len(shapes))):
            key = stream.readQString()
            # Two doubles, not ``stream >> QPointF``: PySide6 takes ~60 µs to pick that.
            point = QPointF(stream.readDouble(), stream.readDouble())
            if _PLACES.get(key) not in shapes:
                return None
            badges[_PLACES[key]] = point
        if stream.status() != QDataStream.Status.Ok or not stream.atEnd() or len(badges) != count:
            return None
        return cls(view, QRectF(x, y, width, height), silhouette, shapes, badges)


_DRAWINGS: dict[int, tuple[BodyMap, _Drawing]] = {}
"""Outlines made once per drawing: several pages show a map, and the union is costly."""

_STREAM_VERSION = QDataStream.Version.Qt_6_0
_CACHE_FORMAT = 2
"""Of the cached drawings: change it whenever to_bytes changes."""
_KEPT: dict[tuple[Path, str], _Drawing] = {}
"""Drawings read from (or put in) a cache folder in this run, by folder and key."""


def _app_drawing(view: View) -> _Drawing:
    """The app's own drawing of a view: from the cache folder if the app set one and it
    holds this very drawing, else made from the outlines (and then kept there).
    BodyMapError if the SVG cannot be read."""
    folder = cache_folder()
    if folder is None:
        return _Drawing.cached(load_body_map(view))
    # The union's result is Qt's, so a Qt upgrade makes it again too.
    key = f"{drawing_source(view).key} qt={qVersion()} drawing={_CACHE_FORMAT}"
    drawing = _KEPT.get((folder, key))
    if drawing is None:
        name = f"{view.value}.qtpaths"
        payload = read_entry(name, key)
        drawing = None if payload is None else _Drawing.from_bytes(view, payload)
        if drawing is None:
            if payload is not None:
                log.info("the cached %s cannot be read; making it again", name)
            drawing = _Drawing.cached(load_body_map(view))
            write_entry(name, key, drawing.to_bytes())
        _KEPT[folder, key] = drawing
    return drawing


class RegionProxy(QAbstractButton):
    """The accessible, focusable stand-in for one drawn shape. It paints nothing and lets
    the map handle the mouse and the keys; it only holds focus and state for screen
    readers (its role is a check box, "checked" when the place is selected)."""

    def __init__(self, body_map: BodyMapWidget, spot: Spot) -> None:
        super().__init__(body_map)
        self.spot = spot
        view, place = spot
        self.setObjectName(f"region-{view.value}-{place.key}")
        self.setCheckable(True)  # screen readers: a check box, "checked" when selected
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the map hands focus over by arrow keys
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleDescription(f"{VIEW_TITLES[view]} view. {place.region.description}")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        pass  # the map draws the shape

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        event.ignore()  # up to the map, which knows the neighbours

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        event.ignore()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.parentWidget().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.parentWidget().update()


class BodyMapWidget(QWidget):
    """Front and back views; click, keys or the menu change the selection."""

    selection_changed = Signal(object)
    """The new Selection, after a click, a key or a menu choice (not after set_selection)."""

    def __init__(
        self, parent: QWidget | None = None, maps: dict[View, BodyMap] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bodyMap")
        self.setAccessibleName("Body map")
        self.setAccessibleDescription(
            "Front and back of the body. Arrow keys move between areas, Space or Enter "
            "selects one, A or the menu key marks an area to avoid."
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 300)
        self.load_problem = ""
        """Why the drawings could not be read (a damaged install); the map says so."""
        self._cautions: dict[str, str] = {}
        """Region id -> why it needs care (from the safety questions), shown as a flag."""
        self._maps = maps
        """The outlines, when given; else the app's own, which carry every badge point."""
        self._drawings: dict[View, _Drawing] = {}
        if maps is not None:
            self._drawings = {view: _Drawing.cached(maps[view]) for view in View if view in maps}
        else:
            try:
                self._drawings = {view: _app_drawing(view) for view in View}
            except BodyMapError as error:
                log.error("cannot show the body map: %s", error)
                self.load_problem = f"The body map cannot be shown: {error}"
                self.setAccessibleDescription(self.load_problem)
        self._badge_points: dict[Spot, QPointF] = {}
        self._selection = Selection()
        self._hover: Spot | None = None
        self._focus: Spot | None = None
        self._keyboard_focus = False
        self._pressed: Spot | None = None
        self._single_view: View | None = None
        self._shown_view = View.FRONT
        self._transforms: dict[View, QTransform] = {}
        self._proxies: dict[Spot, RegionProxy] = {}
        for view, drawing in self._drawings.items():
            for place in sorted(drawing.shapes, key=_ORDER.__getitem__):  # head to foot
                self._proxies[(view, place)] = RegionProxy(self, (view, place))
        self.view_switch = QToolButton(self)
        self.view_switch.setObjectName("viewSwitch")
        self.view_switch.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.view_switch.clicked.connect(self._flip_view)
        self._update_proxies()
        self._layout()

    # The value shown -------------------------------------------------------------------

    def selection(self) -> Selection:
        return self._selection

    def set_selection(self, selection: Selection) -> None:
        """Show this selection; emits nothing (the caller already knows)."""
        if selection == self._selection:
            return
        self._selection = selection
        self._update_proxies()
        self.update()

    def set_cautions(self, flagged: Mapping[str, Sequence[object]]) -> None:
        """Flag regions that need care: region id -> the safety cautions that name it
        (anything with a ``why``). A flagged region stays selectable; it is outlined."""
        self._cautions = {
            region_id: " ".join(str(getattr(c, "why", c)) for c in cautions)
            for region_id, cautions in flagged.items()
        }
        self._update_proxies()
        self.update()

    def caution(self, place: RegionSide) -> str:
        """Why this place needs care, or "" when no caution names it."""
        return self._cautions.get(place.region_id, "")

    def _change(self, selection: Selection) -> None:
        if selection == self._selection:
            return
        self.set_selection(selection)
        self.selection_changed.emit(selection)

    def toggle(self, place: RegionSide) -> None:
        """Select or deselect, as a click does; an avoided place stays as it is."""
        self._change(self._selection.toggled(place))

    def set_avoided(self, place: RegionSide, avoided: bool) -> None:
        self._change(self._selection.with_avoided(place, avoided))

    # Where things are ------------------------------------------------------------------

    def views(self) -> tuple[View, ...]:
        """The views drawn now: both, or the one picked with the switch when narrow."""
        if self._single_view is not None:
            return (self._single_view,)
        return tuple(self._drawings)

    def spots(self) -> list[Spot]:
        """Every drawn shape in the views on screen."""
        shown = self.views()
        return [spot for spot in self._proxies if spot[0] in shown]

    def proxy(self, spot: Spot) -> RegionProxy:
        return self._proxies[spot]

    def shape_path(self, spot: Spot) -> QPainterPath:
        """The shape's outline in widget coordinates."""
        view, place = spot
        return self._transforms[view].map(self._drawings[view].shapes[place])

    def shape_rect(self, spot: Spot) -> QRectF:
        """The shape's bounding box in widget coordinates. The map only scales and moves
        a drawing, so this is the mapped path's box without mapping every point."""
        view, place = spot
        return self._transforms[view].mapRect(self._drawings[view].shapes[place].boundingRect())

    def to_widget(self, view: View, point: tuple[float, float]) -> QPointF:
        """A point of the drawing's coordinates (the SVG's viewBox) in the widget."""
        return self._transforms[view].map(QPointF(*point))

    def spot_at(self, pos: QPointF) -> Spot | None:
        for view in self.views():
            inverse, ok = self._transforms[view].inverted()
            if not ok:
                continue
            point = inverse.map(pos)
            drawing = self._drawings[view]
            if not drawing.view_box.contains(point):
                continue
            for place, path in drawing.shapes.items():
                if path.contains(point):
                    return (view, place)
        return None

    def focused_spot(self) -> Spot | None:
        widget = self.focusWidget()
        if isinstance(widget, RegionProxy) and widget.hasFocus():
            return widget.spot
        return None

    def label(self, place: RegionSide) -> str:
        """What a screen reader says: "Left calf, selected, soreness 6"."""
        parts = [place.label]
        if self._selection.is_avoided(place):
            parts.append("avoided")
        elif self._selection.is_selected(place):
            parts.append("selected")
            level = self._selection.soreness[place]
            if level is not None:
                parts.append(f"soreness {level}")
        if self.caution(place):
            parts.append("needs care")
        return ", ".join(parts)

    # Layout ----------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(640, 720)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._layout()

    def _layout(self) -> None:
        width, height = float(self.width()), float(self.height())
        narrow = len(self._drawings) > 1 and width < height * NARROW_RATIO
        if narrow and self._single_view is None:
            self._single_view = self._shown_view
        elif not narrow:
            self._single_view = None
        self.view_switch.setVisible(narrow)
        if narrow:
            other = View.BACK if self._single_view == View.FRONT else View.FRONT
            self.view_switch.setText(f"Show {VIEW_TITLES[other].lower()}")
            self.view_switch.setAccessibleName(f"Show the {VIEW_TITLES[other].lower()} view")
            self.view_switch.adjustSize()
            self.view_switch.move(int(width - self.view_switch.width() - _MARGIN / 2), 4)
        views = self.views()
        if not views:
            return
        boxes = [self._drawings[view].view_box for view in views]
        content_w = sum(box.width() for box in boxes) + _VIEW_GAP * (len(boxes) - 1)
        content_h = max(box.height() for box in boxes)
        room_w = max(1.0, width - 2 * _MARGIN)
        room_h = max(1.0, height - 2 * _MARGIN - _TITLE_SPACE - _CAPTION_SPACE)
        scale = min(room_w / content_w, room_h / content_h)
        left = (width - content_w * scale) / 2
        top = _MARGIN + _TITLE_SPACE + (room_h - content_h * scale) / 2
        self._transforms = {}
        for view, box in zip(views, boxes, strict=True):
            transform = QTransform()
            transform.translate(left, top)
            transform.scale(scale, scale)
            transform.translate(-box.x(), -box.y())
            self._transforms[view] = transform
            left += (box.width() + _VIEW_GAP) * scale
        for spot, proxy in self._proxies.items():
            shown = spot[0] in self._transforms
            proxy.setVisible(shown)
            if shown:
                proxy.setGeometry(self.shape_rect(spot).toAlignedRect())
        self.update()

    def _flip_view(self) -> None:
        self._shown_view = View.BACK if self._shown_view == View.FRONT else View.FRONT
        self._single_view = self._shown_view
        focus = self.focused_spot()
        self._layout()
        if focus is not None:
            twin = (self._shown_view, focus[1])
            self._focus_spot(twin if twin in self._proxies else self.spots()[0])

    def _update_proxies(self) -> None:
        for (_view, place), proxy in self._proxies.items():
            proxy.setChecked(self._selection.is_selected(place))
            proxy.setAccessibleName(self.label(place))

    # Painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        palette = self.palette()
        if self.load_problem:
            painter = QPainter(self)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            box = QRectF(self.rect()).adjusted(_MARGIN, _MARGIN, -_MARGIN, -_MARGIN)
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(box, int(flags), self.load_problem)
            painter.end()
            return
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        dark = is_dark(palette)
        accent = QColor(ACCENT)
        warning = QColor("#ff8a80") if dark else QColor("#c0392b")
        caution = QColor("#ffc857") if dark else QColor("#b9770e")
        body_fill = _mix(window, text, 0.09 if dark else 0.07)
        body_line = _mix(window, text, 0.28)
        idle_fill = _mix(window, accent, 0.26 if dark else 0.22)
        idle_line = _mix(window, accent, 0.55)
        hover_fill = _mix(window, accent, 0.55)
        selected_fill = accent.darker(115) if dark else accent
        selected_line = text

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        focus = self.focused_spot()
        for view, transform in self._transforms.items():
            drawing = self._drawings[view]
            self._paint_titles(painter, view, transform, text)
            painter.setTransform(transform)
            painter.setPen(self._pen(body_line, 1.0))
            painter.setBrush(body_fill)
            painter.drawPath(drawing.silhouette)
            for place, path in drawing.shapes.items():
                spot = (view, place)
                hovered = spot == self._hover
                if self._selection.is_avoided(place):
                    painter.setPen(self._pen(warning, 1.4, Qt.PenStyle.DashLine))
                    painter.setBrush(_mix(window, warning, 0.12))
                    painter.drawPath(path)
                    self._hatch(painter, path, transform, warning)
                elif self._selection.is_selected(place):
                    painter.setPen(self._pen(selected_line, 2.0))
                    painter.setBrush(selected_fill.lighter(112) if hovered else selected_fill)
                    painter.drawPath(path)
                    self._dots(painter, path, transform, window)
                else:
                    painter.setPen(self._pen(idle_line, 1.0))
                    painter.setBrush(hover_fill if hovered else idle_fill)
                    painter.drawPath(path)
                if self.caution(place) and not self._selection.is_avoided(place):
                    # Dotted amber outline: seen with or without colour, over any fill.
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.setPen(self._pen(caution, 2.2, Qt.PenStyle.DotLine))
                    painter.drawPath(path)
            painter.resetTransform()
        self._paint_soreness(painter, palette)
        if focus is not None and focus[0] in self._transforms and self._keyboard_focus:
            ring = self.shape_path(focus)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(self._pen(window, 5.0))
            painter.drawPath(ring)
            painter.setPen(self._pen(palette.color(QPalette.ColorRole.Highlight), 2.5))
            painter.drawPath(ring)
        painter.end()

    def _paint_soreness(self, painter: QPainter, palette: QPalette) -> None:
        """A small badge with the number on each rated place, so the map tells it all."""
        font = self.font()
        font.setBold(True)
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.8))
        painter.setFont(font)
        radius = 8.5
        for place, level in self._selection.soreness.items():
            if level is None:
                continue
            for view in self._transforms:
                if (view, place) not in self._proxies:
                    continue
                centre = self._transforms[view].map(self.badge_point((view, place)))
                box = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
                painter.setPen(self._pen(palette.color(QPalette.ColorRole.Text), 1.0))
                painter.setBrush(palette.color(QPalette.ColorRole.Base))
                painter.drawEllipse(box)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(level))

    def badge_point(self, spot: Spot) -> QPointF:
        """Where a place's soreness shows: well inside it (drawing coordinates)."""
        view, place = spot
        known = self._drawings[view].badges.get(place)
        if known is not None:
            return QPointF(known)
        if spot not in self._badge_points:
            # Maps handed in without badge points, or a drawing cached without one.
            try:
                body_map = self._maps[view] if self._maps is not None else load_body_map(view)
                point = QPointF(*body_map.badge_point(place.key))
            except (BodyMapError, KeyError) as error:
                # The drawing went missing since the map was drawn: the middle will do.
                log.warning("no place for the soreness badge of %s: %s", place.key, error)
                point = self._drawings[view].shapes[place].boundingRect().center()
            self._badge_points[spot] = point
        return self._badge_points[spot]

    @staticmethod
    def _pen(color: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
        pen = QPen(color, width, style)
        pen.setCosmetic(True)  # the same thickness at every size and on HiDPI screens
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def _paint_titles(
        self, painter: QPainter, view: View, transform: QTransform, color: QColor
    ) -> None:
        box = transform.mapRect(self._drawings[view].view_box)
        font = self.font()
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(color)
        title_rect = QRectF(box.left(), box.top() - _TITLE_SPACE, box.width(), _TITLE_SPACE)
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignCenter, VIEW_TITLES[view])
        font.setBold(False)
        painter.setFont(font)
        painter.setPen(_mix(self.palette().color(QPalette.ColorRole.Window), color, 0.6))
        caption = QRectF(box.left(), box.bottom(), box.width(), _CAPTION_SPACE)
        first, second = SIDE_CAPTIONS[view]
        inset = caption.adjusted(box.width() * 0.2, 0, -box.width() * 0.2, 0)
        painter.drawText(inset, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, first)
        painter.drawText(inset, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, second)

    def _hatch(
        self, painter: QPainter, path: QPainterPath, transform: QTransform, color: QColor
    ) -> None:
        """Diagonal lines, a fixed distance apart on screen whatever the scale."""
        self._pattern(painter, path, transform, color, dots=False)

    def _dots(
        self, painter: QPainter, path: QPainterPath, transform: QTransform, color: QColor
    ) -> None:
        """A light dot pattern: selected is visible without seeing the colour."""
        self._pattern(painter, path, transform, color, dots=True)

    def _pattern(
        self,
        painter: QPainter,
        path: QPainterPath,
        transform: QTransform,
        color: QColor,
        *,
        dots: bool,
    ) -> None:
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
            painter.setPen(self._pen(color, 1.2))
            step = 6.0
            start = bounds.left() - bounds.height()
            x = start
            while x < bounds.right():
                painter.drawLine(
                    QPointF(x, bounds.bottom()), QPointF(x + bounds.height(), bounds.top())
                )
                x += step
        painter.restore()

    # Mouse -----------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        spot = self.spot_at(event.position())
        if spot != self._hover:
            self._hover = spot
            if spot is None:
                self.unsetCursor()
            elif self._selection.is_avoided(spot[1]):
                self.setCursor(Qt.CursorShape.ForbiddenCursor)
            else:
                self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        self._hover = None
        self.unsetCursor()
        self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._pressed = None
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        spot = self.spot_at(event.position())
        self._pressed = spot
        self._keyboard_focus = False
        if spot is not None:
            self._focus_spot(spot, Qt.FocusReason.MouseFocusReason)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        spot = self.spot_at(event.position())
        if spot is not None and spot == self._pressed:
            self.toggle(spot[1])
        self._pressed = None
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            spot = self.spot_at(QPointF(event.pos()))  # type: ignore[attr-defined]
            if spot is None:
                QToolTip.hideText()
                event.ignore()
                return True
            QToolTip.showText(event.globalPos(), self._tooltip(spot[1]), self)  # type: ignore[attr-defined]
            return True
        return super().event(event)

    def _tooltip(self, place: RegionSide) -> str:
        import html  # here, not at the top: html.entities costs start-up time

        lines = [f"<b>{html.escape(self.label(place))}</b>", html.escape(place.region.description)]
        if self._selection.is_avoided(place):
            lines.append(html.escape("Marked to avoid. Right-click to allow it again."))
        if self.caution(place):
            lines.append(html.escape(f"Take care: {self.caution(place)}"))
        return "<p>" + "<br>".join(lines) + "</p>"

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        if event.reason() == event.Reason.Mouse:
            spot = self.spot_at(QPointF(event.pos()))
            position = event.globalPos()
        else:
            spot = self.focused_spot()
            position = (
                self.mapToGlobal(self.shape_rect(spot).center().toPoint())
                if spot is not None
                else event.globalPos()
            )
        if spot is None:
            return
        self.show_menu(self.menu_for(spot[1]), position)

    def show_menu(self, menu: QMenu, position: QPoint) -> None:
        menu.exec(position)

    def menu_for(self, place: RegionSide) -> QMenu:
        """The right-click menu of one place: select or deselect it, avoid or allow it."""
        menu = QMenu(self)
        menu.setObjectName("regionMenu")
        menu.setTitle(place.label)
        avoided = self._selection.is_avoided(place)
        if not avoided:
            selected = self._selection.is_selected(place)
            select = menu.addAction(
                f"Deselect {place.label}" if selected else f"Select {place.label}"
            )
            select.setObjectName("selectAction")
            select.triggered.connect(lambda: self.toggle(place))
            menu.addSeparator()
        avoid = menu.addAction("Allow again" if avoided else "Avoid this area")
        avoid.setObjectName("avoidAction")
        avoid.setShortcut(Qt.Key.Key_A)
        avoid.setToolTip(
            "Allow this area in routines again"
            if avoided
            else "Mark an injury, bruise or recent surgery: it cannot be selected"
        )
        avoid.triggered.connect(lambda: self.set_avoided(place, not avoided))
        return menu

    # Keyboard --------------------------------------------------------------------------

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        # The map hands its focus to a place, so screen readers hear which one.
        spots = self.spots()
        if not spots:
            return
        if event.reason() in (
            Qt.FocusReason.TabFocusReason,
            Qt.FocusReason.BacktabFocusReason,
            Qt.FocusReason.ShortcutFocusReason,
        ):
            self._keyboard_focus = True
        target = self._focus if self._focus in spots else spots[0]
        assert target is not None
        self._focus_spot(target, event.reason())

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 - Qt override
        # Tab leaves the map from any place in it: the places are not Tab stops, and the
        # map itself must not catch a Shift+Tab coming from one of them.
        policy = self.focusPolicy()
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        try:
            return super().focusNextPrevChild(next)
        finally:
            self.setFocusPolicy(policy)

    def _focus_spot(
        self, spot: Spot, reason: Qt.FocusReason = Qt.FocusReason.OtherFocusReason
    ) -> None:
        self._focus = spot
        self._proxies[spot].setFocus(reason)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = Qt.Key(event.key())
        spot = self.focused_spot()
        if key in _DIRECTIONS:
            self._keyboard_focus = True
            if spot is None:
                spots = self.spots()
                if spots:
                    self._focus_spot(spots[0], Qt.FocusReason.OtherFocusReason)
            else:
                target = self.neighbour(spot, _DIRECTIONS[key])
                if target is not None:
                    self._focus_spot(target, Qt.FocusReason.OtherFocusReason)
            event.accept()
            return
        if spot is not None and key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._keyboard_focus = True
            self.toggle(spot[1])
            event.accept()
            return
        if spot is not None and key == Qt.Key.Key_A and not event.modifiers():
            self.set_avoided(spot[1], not self._selection.is_avoided(spot[1]))
            event.accept()
            return
        super().keyPressEvent(event)

    def neighbour(self, spot: Spot, direction: tuple[float, float]) -> Spot | None:
        """The nearest shape in that direction: distance along it, plus twice the offset
        across it, so a shape straight ahead wins over a nearer one off to the side."""
        origin = self.shape_rect(spot).center()
        dx, dy = direction
        best: Spot | None = None
        best_score = math.inf
        for other in self.spots():
            if other == spot:
                continue
            centre = self.shape_rect(other).center()
            vx, vy = centre.x() - origin.x(), centre.y() - origin.y()
            along = vx * dx + vy * dy
            across = abs(vx * dy - vy * dx)
            if along <= 0.5 or across > along * 2.5:
                continue
            score = along + 2.0 * across
            if score < best_score:
                best, best_score = other, score
        return best
