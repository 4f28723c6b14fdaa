"""A body map: the outlines of one view of the figure, and what one can ask of them.

A ``BodyMap`` holds the silhouette's pieces and one ``Shape`` per region-side, as
polygons in the drawing's own units. It is read from the app's SVGs
(core/bodymap_svg.py) or from the outlines shipped and cached beside them
(core/bodymap_cache.py, which also loads the app's own drawings); the widget draws and
hit-tests it, the tests check it for overlaps and gaps.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from selfmassage.core.anatomy import View

Point = tuple[float, float]
Polygon = tuple[Point, ...]

BADGE_GRID = 10
"""The coarse grid ``badge_point`` searches: a soreness badge needs no finer place."""


class BodyMapError(ValueError):
    """A body-map SVG that cannot be read; the message says where and why."""


class Shape(NamedTuple):
    """One closed outline, possibly of several subpaths (filled even-odd). (A named tuple,
    not a dataclass: cheaper to define before the first paint.)"""

    id: str
    subpaths: tuple[Polygon, ...]

    def contains(self, point: Point) -> bool:
        return point_in_subpaths(point, self.subpaths)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom)."""
        return _bounds(self.subpaths)


@dataclass(frozen=True, slots=True)
class BodyMap:
    view: View
    view_box: tuple[float, float, float, float]
    """(x, y, width, height) of the drawing's coordinate system."""
    silhouette: tuple[Shape, ...]
    """The figure's pieces (head, torso, arms...); a point is on the body if in any."""
    shapes: Mapping[str, Shape] = field(default_factory=dict)
    """Region-side key (``calves-left``, ``neck``) -> its outline."""
    badge_points: Mapping[str, Point] = field(default_factory=dict, compare=False)
    """Shape key -> where its soreness badge goes, when already found: the app's own
    drawings carry them all (core/bodymap_cache.py). Made from the shapes, so two maps
    with the same outlines are equal whether or not they carry them."""

    def badge_point(self, key: str) -> Point:
        """Where the soreness badge of this shape goes; KeyError if there is no such shape."""
        point = self.badge_points.get(key)
        return point if point is not None else badge_point(self.shapes[key])

    def on_body(self, point: Point) -> bool:
        return any(piece.contains(point) for piece in self.silhouette)

    def shape_at(self, point: Point) -> str | None:
        """The key of the region-side under this point, or None."""
        for key, shape in self.shapes.items():
            left, top, right, bottom = shape.bounds
            if left <= point[0] <= right and top <= point[1] <= bottom and shape.contains(point):
                return key
        return None


# Plane geometry used by the widget's keyboard moves and by the tests ------------------


def point_in_polygon(point: Point, polygon: Sequence[Point]) -> bool:
    x, y = point
    inside = False
    n = len(polygon)
    for i in range(n):
        x1, y1 = polygon[i]
        x2, y2 = polygon[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def point_in_subpaths(point: Point, subpaths: Iterable[Sequence[Point]]) -> bool:
    """Even-odd rule across subpaths, as Qt's QPainterPath fills by default."""
    return sum(point_in_polygon(point, polygon) for polygon in subpaths) % 2 == 1


def _segments(subpaths: Iterable[Sequence[Point]]) -> Iterator[tuple[Point, Point]]:
    for polygon in subpaths:
        for i in range(len(polygon)):
            yield polygon[i], polygon[(i + 1) % len(polygon)]


def _point_segment_distance(p: Point, a: Point, b: Point) -> float:
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / length2))
    return math.hypot(p[0] - ax - t * dx, p[1] - ay - t * dy)


def distance_to_outline(point: Point, subpaths: Iterable[Sequence[Point]]) -> float:
    return min(_point_segment_distance(point, a, b) for a, b in _segments(subpaths))


def _bounds(subpaths: Iterable[Sequence[Point]]) -> tuple[float, float, float, float]:
    xs = [p[0] for polygon in subpaths for p in polygon]
    ys = [p[1] for polygon in subpaths for p in polygon]
    return (min(xs), min(ys), max(xs), max(ys))


def interior_point(shape: Shape, grid: int = 16, rounds: int = 3) -> Point:
    """A point well inside the shape: of a grid's points inside, the one farthest from
    the outline, refined on finer grids around it (a cheap pole of inaccessibility).
    Tests click there; it never lies on or near an edge."""
    left, top, right, bottom = shape.bounds
    step_x, step_y = (right - left) / grid, (bottom - top) / grid
    candidates = [
        (left + step_x * i, top + step_y * j) for i in range(1, grid) for j in range(1, grid)
    ]
    edges = [
        (ax, ay, bx - ax, by - ay, (bx - ax) * (bx - ax) + (by - ay) * (by - ay))
        for (ax, ay), (bx, by) in _segments(shape.subpaths)
    ]
    best: Point | None = None
    best_distance = -1.0
    for _ in range(rounds):
        for point in candidates:
            if shape.contains(point):
                distance = _distance_beyond(point, edges, best_distance)
                if distance > best_distance:
                    best, best_distance = point, distance
        if best is None:
            break
        step_x, step_y = step_x / 2, step_y / 2
        candidates = [
            (best[0] + step_x * i, best[1] + step_y * j) for i in range(-2, 3) for j in range(-2, 3)
        ]
    if best is None:
        raise BodyMapError(f"{shape.id}: the shape has no inside")
    return best


def _distance_beyond(
    point: Point, edges: Sequence[tuple[float, float, float, float, float]], floor: float
) -> float:
    """distance_to_outline, as exactly, from edges made ready; it stops at the first edge
    no farther than ``floor``, as that point cannot be the farthest (3.5x quicker)."""
    px, py = point
    best = math.inf
    hypot = math.hypot
    for ax, ay, dx, dy, length2 in edges:
        t = 0.0 if length2 == 0 else ((px - ax) * dx + (py - ay) * dy) / length2
        if t < 0.0:
            t = 0.0
        elif t > 1.0:
            t = 1.0
        distance = hypot(px - ax - t * dx, py - ay - t * dy)
        if distance <= floor:
            return distance
        if distance < best:
            best = distance
    return best


def badge_point(shape: Shape) -> Point:
    """Where a shape's soreness badge goes: well inside it. It costs ~2 ms a shape, so
    the app's own drawings ship theirs, found once from the SVGs (core/bodymap_cache.py)."""
    return interior_point(shape, grid=BADGE_GRID)


def _segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    def orient(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    o1, o2, o3, o4 = orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)
    return (o1 > 0) != (o2 > 0) and (o3 > 0) != (o4 > 0) and 0 not in (o1, o2, o3, o4)


def gap_between(first: Shape, second: Shape) -> float:
    """The narrowest distance between two outlines; 0 if they touch, cross or nest."""
    a_left, a_top, a_right, a_bottom = first.bounds
    b_left, b_top, b_right, b_bottom = second.bounds
    apart_x = max(b_left - a_right, a_left - b_right, 0.0)
    apart_y = max(b_top - a_bottom, a_top - b_bottom, 0.0)
    if apart_x or apart_y:
        return math.hypot(apart_x, apart_y)
    if second.contains(first.subpaths[0][0]) or first.contains(second.subpaths[0][0]):
        return 0.0
    first_segments = list(_segments(first.subpaths))
    second_segments = list(_segments(second.subpaths))
    for a, b in first_segments:
        for c, d in second_segments:
            if _segments_cross(a, b, c, d):
                return 0.0
    best = math.inf
    for p in (p for polygon in first.subpaths for p in polygon):
        for c, d in second_segments:
            best = min(best, _point_segment_distance(p, c, d))
    for p in (p for polygon in second.subpaths for p in polygon):
        for a, b in first_segments:
            best = min(best, _point_segment_distance(p, a, b))
    return best
