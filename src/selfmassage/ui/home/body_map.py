"""The body map: front and back views of the body, where the user picks the sore places.

The widget draws the outlines of a BodyMap (core/bodymap.py) itself, so hit-testing
follows each shape exactly. It shows a Selection (a core value) and, on a click, a key or
a menu choice, emits the changed Selection; it keeps no other state of its own.

Its parts: the outlines ready for QPainter and kept between runs (body_drawing.py), how
it looks (body_map_look.py), and a stand-in per place for the keyboard and screen
readers (body_map_access.py).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTransform,
)
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolButton, QToolTip, QWidget

from selfmassage.core.anatomy import ALL_REGION_SIDES, RegionSide, View
from selfmassage.core.bodymap import BodyMap, BodyMapError
from selfmassage.core.bodymap_cache import load_body_map
from selfmassage.core.language import _
from selfmassage.core.selection import Selection
from selfmassage.core.words import view_title
from selfmassage.ui.home.body_drawing import Drawing, app_drawing
from selfmassage.ui.home.body_map_access import DIRECTIONS, RegionProxy, Spot, neighbour
from selfmassage.ui.home.body_map_look import (
    CAPTION_SPACE,
    TITLE_SPACE,
    Colours,
    badge_font,
    paint_badge,
    paint_focus_ring,
    paint_place,
    paint_titles,
    pen,
)

if TYPE_CHECKING:  # wrapping this event type costs start-up time; the menu is rarely used
    from PySide6.QtGui import QContextMenuEvent

log = logging.getLogger(__name__)

NARROW_RATIO = 0.62
"""Below this width/height the map shows one view at a time with a front/back switch."""
_MARGIN = 12.0
_VIEW_GAP = 36.0

_ORDER = {place: index for index, place in enumerate(ALL_REGION_SIDES)}
"""Places from head to foot."""


def _view_description(view: View, description: str) -> str:
    """What a screen reader says of a place on one view, after its name."""
    if view == View.FRONT:
        return _("Front view. {description}").format(description=description)
    return _("Back view. {description}").format(description=description)


class BodyMapWidget(QWidget):
    """Front and back views; click, keys or the menu change the selection."""

    selection_changed = Signal(object)
    """The new Selection, after a click, a key or a menu choice (not after set_selection)."""

    def __init__(
        self, parent: QWidget | None = None, maps: dict[View, BodyMap] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bodyMap")
        self.setAccessibleName(_("Body map"))
        self.setAccessibleDescription(
            _(
                "Front and back of the body. Arrow keys move between areas, Space or Enter "
                "selects one, A or the menu key marks an area to avoid."
            )
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
        self._drawings: dict[View, Drawing] = {}
        if maps is not None:
            self._drawings = {view: Drawing.cached(maps[view]) for view in View if view in maps}
        else:
            try:
                self._drawings = {view: app_drawing(view) for view in View}
            except BodyMapError as error:
                log.error("cannot show the body map: %s", error)
                self.load_problem = _("The body map cannot be shown: {error}").format(error=error)
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
                description = _view_description(view, place.region.description)
                self._proxies[(view, place)] = RegionProxy(self, (view, place), description)
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
            # Translators: what a screen reader says of a place: "Left calf, avoided".
            parts.append(_("avoided"))
        elif self._selection.is_selected(place):
            # Translators: what a screen reader says of a place: "Left calf, selected".
            parts.append(_("selected"))
            level = self._selection.soreness[place]
            if level is not None:
                # Translators: "Left calf, selected, soreness 6" (out of 10).
                parts.append(_("soreness {level}").format(level=level))
        if self.caution(place):
            # Translators: "Left calf, needs care" (a safety answer names the place).
            parts.append(_("needs care"))
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
            if other == View.BACK:
                self.view_switch.setText(_("Show back"))
                self.view_switch.setAccessibleName(_("Show the back view"))
            else:
                self.view_switch.setText(_("Show front"))
                self.view_switch.setAccessibleName(_("Show the front view"))
            self.view_switch.adjustSize()
            self.view_switch.move(int(width - self.view_switch.width() - _MARGIN / 2), 4)
        views = self.views()
        if not views:
            return
        boxes = [self._drawings[view].view_box for view in views]
        content_w = sum(box.width() for box in boxes) + _VIEW_GAP * (len(boxes) - 1)
        content_h = max(box.height() for box in boxes)
        room_w = max(1.0, width - 2 * _MARGIN)
        # A view's title that would run under the switch (a longer word than "Back")
        # goes below it.
        below = self._switch_overlap(views[0]) if narrow else 0.0
        room_h = max(1.0, height - 2 * _MARGIN - TITLE_SPACE - CAPTION_SPACE - below)
        scale = min(room_w / content_w, room_h / content_h)
        left = (width - content_w * scale) / 2
        top = _MARGIN + below + TITLE_SPACE + (room_h - content_h * scale) / 2
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

    def _switch_overlap(self, view: View) -> float:
        """How far down the view's title must go to clear the switch: 0 if it clears it."""
        font = QFont(self.font())
        font.setBold(True)
        half = QFontMetricsF(font).horizontalAdvance(view_title(view)) / 2
        if self.width() / 2 + half < self.view_switch.x():
            return 0.0
        return float(self.view_switch.y() + self.view_switch.height())

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
        painter = QPainter(self)
        if self.load_problem:
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            box = QRectF(self.rect()).adjusted(_MARGIN, _MARGIN, -_MARGIN, -_MARGIN)
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(box, int(flags), self.load_problem)
            painter.end()
            return
        colours = Colours(palette)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for view, transform in self._transforms.items():
            drawing = self._drawings[view]
            paint_titles(painter, self.font(), transform.mapRect(drawing.view_box), view, colours)
            painter.setTransform(transform)
            painter.setPen(pen(colours.body_line, 1.0))
            painter.setBrush(colours.body_fill)
            painter.drawPath(drawing.silhouette)
            for place, path in drawing.shapes.items():
                paint_place(
                    painter,
                    path,
                    transform,
                    colours,
                    avoided=self._selection.is_avoided(place),
                    selected=self._selection.is_selected(place),
                    hovered=(view, place) == self._hover,
                    needs_care=bool(self.caution(place)),
                )
            painter.resetTransform()
        painter.setFont(badge_font(self.font()))
        for place, level in self._selection.soreness.items():
            for view, transform in self._transforms.items():
                if level is not None and (view, place) in self._proxies:
                    centre = transform.map(self.badge_point((view, place)))
                    paint_badge(painter, centre, level, palette)
        focus = self.focused_spot()
        if focus is not None and focus[0] in self._transforms and self._keyboard_focus:
            paint_focus_ring(painter, self.shape_path(focus), colours)
        painter.end()

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
            lines.append(html.escape(_("Marked to avoid. Right-click to allow it again.")))
        if self.caution(place):
            lines.append(html.escape(_("Take care: {caution}").format(caution=self.caution(place))))
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
                (_("Deselect {place}") if selected else _("Select {place}")).format(
                    place=place.label
                )
            )
            select.setObjectName("selectAction")
            select.triggered.connect(lambda: self.toggle(place))
            menu.addSeparator()
        avoid = menu.addAction(_("Allow again") if avoided else _("Avoid this area"))
        avoid.setObjectName("avoidAction")
        avoid.setShortcut(Qt.Key.Key_A)
        avoid.setToolTip(
            _("Allow this area in routines again")
            if avoided
            else _("Mark an injury, bruise or recent surgery: it cannot be selected")
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
        if key in DIRECTIONS:
            self._keyboard_focus = True
            if spot is None:
                spots = self.spots()
                if spots:
                    self._focus_spot(spots[0], Qt.FocusReason.OtherFocusReason)
            else:
                target = self.neighbour(spot, DIRECTIONS[key])
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
        """The nearest place on screen in that direction (body_map_access.neighbour)."""
        return neighbour(spot, direction, {s: self.shape_rect(s).center() for s in self.spots()})
