"""The body map's outlines ready for QPainter, and kept between runs.

Uniting the silhouette's pieces and building the shapes' paths costs ~14 ms; when the
app has set a cache folder (core/bodymap_cache.py) what the map draws is kept there,
through QDataStream, with where each place's soreness badge goes, and a warm start loads
no outlines (it reads the two SVGs only to check that they are the ones the cache was
made from), not even when places get a soreness.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QPointF, QRectF, Qt, qVersion
from PySide6.QtGui import QPainterPath, QPolygonF

from selfmassage.core.anatomy import ALL_REGION_SIDES, RegionSide, View
from selfmassage.core.bodymap import BodyMap, Shape
from selfmassage.core.bodymap_cache import (
    cache_folder,
    drawing_source,
    load_body_map,
    read_entry,
    write_entry,
)

log = logging.getLogger(__name__)

PLACES = {place.key: place for place in ALL_REGION_SIDES}
"""Shape id -> the place it draws; ids of anything else are not places."""


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


class Drawing:
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
    def cached(cls, body_map: BodyMap) -> Drawing:
        # Keyed by identity, holding the map so that its id cannot be reused.
        entry = _DRAWINGS.get(id(body_map))
        if entry is None:
            entry = _DRAWINGS[id(body_map)] = (body_map, cls.of(body_map))
        return entry[1]

    @classmethod
    def of(cls, body_map: BodyMap) -> Drawing:
        outline = _united(body_map.silhouette)
        shapes = {
            PLACES[key]: _qpath(shape.subpaths)
            for key, shape in body_map.shapes.items()
            if key in PLACES
        }
        # Only the badge points the outlines carry: finding one costs ~2 ms, so the others
        # are found when a place is rated (maps handed in by tests and benchmarks).
        badges = {
            PLACES[key]: QPointF(x, y)
            for key, (x, y) in body_map.badge_points.items()
            if key in PLACES and key in body_map.shapes
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
        return bytes(data.data())

    @classmethod
    def from_bytes(cls, view: View, payload: bytes) -> Drawing | None:
        """None if the bytes are not a whole drawing (the caller then makes it again)."""
        stream = QDataStream(QByteArray(payload))
        stream.setVersion(_STREAM_VERSION)
        x, y, width, height = (stream.readDouble() for _ in range(4))
        silhouette = QPainterPath()
        stream >> silhouette
        shapes: dict[RegionSide, QPainterPath] = {}
        count = stream.readUInt32()
        for _ in range(min(count, len(PLACES))):
            key = stream.readQString()
            path = QPainterPath()
            stream >> path
            if key not in PLACES:
                return None
            shapes[PLACES[key]] = path
        if len(shapes) != count:
            return None
        badges: dict[RegionSide, QPointF] = {}
        count = stream.readUInt32()
        for _ in range(min(count, len(shapes))):
            key = stream.readQString()
            # Two doubles, not ``stream >> QPointF``: PySide6 takes ~60 µs to pick that.
            point = QPointF(stream.readDouble(), stream.readDouble())
            if PLACES.get(key) not in shapes:
                return None
            badges[PLACES[key]] = point
        if stream.status() != QDataStream.Status.Ok or not stream.atEnd() or len(badges) != count:
            return None
        return cls(view, QRectF(x, y, width, height), silhouette, shapes, badges)


_DRAWINGS: dict[int, tuple[BodyMap, Drawing]] = {}
"""Outlines made once per drawing: several pages show a map, and the union is costly."""

_STREAM_VERSION = QDataStream.Version.Qt_6_0
_CACHE_FORMAT = 2
"""Of the cached drawings: change it whenever to_bytes changes."""
_KEPT: dict[tuple[Path, str], Drawing] = {}
"""Drawings read from (or put in) a cache folder in this run, by folder and key."""


def app_drawing(view: View) -> Drawing:
    """The app's own drawing of a view: from the cache folder if the app set one and it
    holds this very drawing, else made from the outlines (and then kept there).
    BodyMapError if the SVG cannot be read."""
    folder = cache_folder()
    if folder is None:
        return Drawing.cached(load_body_map(view))
    # The union's result is Qt's, so a Qt upgrade makes it again too.
    key = f"{drawing_source(view).key} qt={qVersion()} drawing={_CACHE_FORMAT}"
    drawing = _KEPT.get((folder, key))
    if drawing is None:
        name = f"{view.value}.qtpaths"
        payload = read_entry(name, key)
        drawing = None if payload is None else Drawing.from_bytes(view, payload)
        if drawing is None:
            if payload is not None:
                log.info("the cached %s cannot be read; making it again", name)
            drawing = Drawing.cached(load_body_map(view))
            write_entry(name, key, drawing.to_bytes())
        _KEPT[folder, key] = drawing
    return drawing
