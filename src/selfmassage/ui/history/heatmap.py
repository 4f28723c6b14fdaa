"""A read-only body map coloured by a number per region or per side: minutes, or soreness
change (per side: the left calf apart from the right).

It draws the app's own body-map outlines (front and back, side by side); regions with
no value stay in the silhouette's colour. Hovering names the region and its value.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from enum import Enum

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from selfmassage.core.anatomy import RegionSide, View
from selfmassage.core.bodymap import BodyMap, BodyMapError, Shape
from selfmassage.core.bodymap_cache import load_body_map
from selfmassage.core.language import _
from selfmassage.core.words import place_key_name
from selfmassage.ui.history.locale_format import decimal
from selfmassage.ui.home.body_map_look import CAPTION_SPACE, TITLE_SPACE, Colours, paint_titles


class HeatMode(Enum):
    AMOUNT = "amount"
    """0 and up: the more, the stronger the colour (minutes)."""
    CHANGE = "change"
    """Below zero green (less sore after), above zero red; 3 points is full colour."""


_AMOUNT = QColor("#2a9d8f")
_DROP = QColor("#2a9d8f")
_RISE = QColor("#e76f51")
_FULL_CHANGE = 3.0


def _path(shape: Shape) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for polygon in shape.subpaths:
        # One addPolygon per outline: far fewer calls into Qt than a lineTo per point.
        path.addPolygon(QPolygonF([QPointF(x, y) for x, y in polygon]))
        path.closeSubpath()
    return path


class BodyHeatMap(QWidget):
    def __init__(self, mode: HeatMode, unit: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.unit = unit
        self.values: dict[str, float] = {}
        self.setMouseTracking(True)
        self.setMinimumSize(240, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.maps: list[BodyMap] = []
        self.problem = ""
        try:
            self.maps = [load_body_map(View.FRONT), load_body_map(View.BACK)]
        except BodyMapError as error:
            self.problem = str(error)
        # Outlines are converted once; painting only scales them.
        self._paths = [
            (
                body,
                [_path(piece) for piece in body.silhouette],
                {key: _path(shape) for key, shape in body.shapes.items()},
            )
            for body in self.maps
        ]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(360, 320)

    def set_values(self, values: Mapping[str, float]) -> None:
        self.values = dict(values)
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self, limit: int | None = None) -> str:
        """The values in words, largest first, for screen readers and the caption."""
        if not self.values:
            return _("No data yet.")
        ordered = sorted(self.values.items(), key=lambda item: -abs(item[1]))[:limit]
        return "; ".join(_place_value(place_key_name(r), self._format(v)) for r, v in ordered)

    def _format(self, value: float) -> str:
        if self.mode is HeatMode.CHANGE:
            return f"{decimal(value, 1, signed=True)} {self.unit}"
        return f"{decimal(value, 0)} {self.unit}"

    def colour(self, value: float | None) -> QColor:
        base = self.palette().color(self.backgroundRole()).darker(115)
        if value is None:
            return base
        if self.mode is HeatMode.AMOUNT:
            top = max(self.values.values(), default=0.0) or 1.0
            strength, target = min(max(value / top, 0.0), 1.0), _AMOUNT
        elif round(value, 1) == 0:
            # Shown as "+0.0": neither better nor worse, but rated, unlike a blank region.
            return base.darker(125)
        else:
            strength = min(abs(value) / _FULL_CHANGE, 1.0)
            target = _DROP if value < 0 else _RISE
        strength = 0.2 + 0.8 * strength
        return QColor.fromRgbF(
            base.redF() + (target.redF() - base.redF()) * strength,
            base.greenF() + (target.greenF() - base.greenF()) * strength,
            base.blueF() + (target.blueF() - base.blueF()) * strength,
        )

    # Layout: each view gets half the width, scaled to fit, centred.

    def _frames(self) -> list[tuple[float, QPointF]]:
        """Scale and origin of each view, with room above for its title and below for
        the person's sides, labelled as on the Home page's map."""
        frames = []
        width = self.width() / max(len(self.maps), 1)
        room = self.height() - 8 - TITLE_SPACE - CAPTION_SPACE
        for index, body in enumerate(self.maps):
            x, y, w, h = body.view_box
            scale = max(0.01, min((width - 8) / w, room / h))
            left = index * width + (width - w * scale) / 2 - x * scale
            top = TITLE_SPACE + (self.height() - TITLE_SPACE - CAPTION_SPACE - h * scale) / 2
            frames.append((scale, QPointF(left, top - y * scale)))
        return frames

    def view_boxes(self) -> list[tuple[View, QRectF]]:
        """Where each view is drawn, in the widget."""
        boxes = []
        for (scale, origin), body in zip(self._frames(), self.maps, strict=True):
            x, y, w, h = body.view_box
            box = QRectF(origin.x() + x * scale, origin.y() + y * scale, w * scale, h * scale)
            boxes.append((body.view, box))
        return boxes

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.problem:
            painter.drawText(self.rect(), Qt.TextFlag.TextWordWrap, self.problem)
            return
        outline = QPen(self.palette().color(self.foregroundRole()), 0)
        outline.setCosmetic(True)
        for (scale, origin), (_body, silhouette, shapes) in zip(
            self._frames(), self._paths, strict=True
        ):
            painter.save()
            painter.translate(origin)
            painter.scale(scale, scale)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.palette().color(self.backgroundRole()).darker(108))
            for piece in silhouette:
                painter.drawPath(piece)
            painter.setPen(outline)
            for key, path in shapes.items():
                painter.setBrush(self.colour(self.value_of(key)))
                painter.drawPath(path)
            painter.restore()
        colours = Colours(self.palette())
        for view, box in self.view_boxes():
            paint_titles(painter, self.font(), box, view, colours)

    def region_at(self, point: QPointF) -> str | None:
        for (scale, origin), body in zip(self._frames(), self.maps, strict=True):
            local = ((point.x() - origin.x()) / scale, (point.y() - origin.y()) / scale)
            key = body.shape_at(local)
            if key is not None:
                # Values per side (soreness) name the side; per region (minutes), the region.
                return key if key in self.values else _region_of(key)
        return None

    def value_of(self, key: str) -> float | None:
        """A shape's value: its own (``calves-left``) or its region's (``calves``)."""
        value = self.values.get(key)
        return self.values.get(_region_of(key)) if value is None else value

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        region_id = self.region_at(event.position())
        if region_id is None:
            QToolTip.hideText()
            return
        value = self.values.get(region_id)
        place = place_key_name(region_id)
        text = (
            _("{place}: no data").format(place=place)
            if value is None
            else _place_value(place, self._format(value))
        )
        QToolTip.showText(
            event.globalPosition().toPoint(), f"<p>{html.escape(text)}</p>", self, QRectF().toRect()
        )


def _place_value(place: str, value: str) -> str:
    # Translators: a place on the body and its number, such as "Left calf: -1.5 points".
    return _("{place}: {value}").format(place=place, value=value)


def _region_of(key: str) -> str:
    try:
        return RegionSide.parse(key).region_id
    except ValueError:
        return key
