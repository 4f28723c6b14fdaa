"""Reading a body-map SVG into outlines: one shape per region-side, and the silhouette.

The drawings in assets/bodymap/ are edited in Inkscape, so this reads what Inkscape
writes: layers (``<g inkscape:groupmode="layer">``), ``<path>``, ``<polygon>``,
``<polyline>``, ``<rect>``, ``<circle>`` and ``<ellipse>``, and ``transform`` attributes.
Curves and arcs are flattened into polygons (a BodyMap, core/bodymap.py), which the
widget draws and hit-tests and the tests check for overlaps and gaps. The files are the
app's own data, but a broken edit must fail with a message that names the file and the
element, not a traceback.

The app ships what this reads from its two drawings, with each shape's badge point
(core/bodymap_cache.py): after editing a drawing, or how one is read, make them again
with ``python -m selfmassage.core.bodymap_cache`` (a test fails until then). So the app
seldom reads an SVG: xml.etree is imported and the regular expressions are compiled
only when one is really read.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from selfmassage.core.anatomy import ALL_REGION_SIDES, View
from selfmassage.core.bodymap import BodyMap, BodyMapError, Point, Polygon, Shape

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

Matrix = tuple[float, float, float, float, float, float]
"""An affine transform as SVG writes it: (a, b, c, d, e, f)."""

INKSCAPE_NS = "http://www.inkscape.org/namespaces/inkscape"
SILHOUETTE_LAYER = "Silhouette"
REGIONS_LAYER = "Regions"
FLATNESS = 1.5
"""Longest straight segment a flattened curve may have, in viewBox units."""
DIGITS = 3
"""Decimals kept of every outline point: a thousandth of a viewBox unit is far below the
flattening's own error and a pixel, and short numbers make the shipped outlines
(core/bodymap_cache.py) half the size and quicker to read."""

_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_SHAPE_TAGS = {"path", "polygon", "polyline", "rect", "circle", "ellipse"}


# Reading -------------------------------------------------------------------------------


def parse_body_map(text: str | bytes, view: View, source: str = "body map") -> BodyMap:
    """Read one SVG document; BodyMapError names ``source`` and the bad element."""
    import xml.etree.ElementTree as ET  # ~3 ms: imported only when an SVG is read

    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise BodyMapError(f"{source}: not a readable SVG file ({error})") from None
    if _local(root.tag) != "svg":
        raise BodyMapError(f"{source}: the root element is <{_local(root.tag)}>, not <svg>")
    view_box = _view_box(root, source)
    silhouette: list[Shape] = []
    shapes: dict[str, Shape] = {}
    found_layers: set[str] = set()
    for layer, matrix in _layers(root):
        label = layer.get(f"{{{INKSCAPE_NS}}}label", "")
        if label not in (SILHOUETTE_LAYER, REGIONS_LAYER):
            continue
        found_layers.add(label)
        for element, element_matrix in _shape_elements(layer, matrix, source):
            element_id = element.get("id", "")
            where = f"{source}: <{_local(element.tag)} id={element_id!r}>"
            try:
                subpaths = _outline(element, element_matrix)
            except (ValueError, IndexError) as error:
                raise BodyMapError(f"{where}: {error}") from None
            if not subpaths:
                raise BodyMapError(f"{where}: the shape is empty")
            if label == SILHOUETTE_LAYER:
                silhouette.append(Shape(element_id, subpaths))
                continue
            if not element_id:
                raise BodyMapError(f"{where}: a region shape needs an id")
            if element_id in shapes:
                raise BodyMapError(f"{where}: the id is used twice")
            shapes[element_id] = Shape(element_id, subpaths)
    for label in (SILHOUETTE_LAYER, REGIONS_LAYER):
        if label not in found_layers:
            raise BodyMapError(f"{source}: no layer labelled {label!r}")
    return BodyMap(view, view_box, tuple(silhouette), shapes)


def read_body_map(path: Path, view: View) -> BodyMap:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BodyMapError(f"{path}: cannot read the body map ({error.strerror})") from None
    return parse_body_map(data, view, str(path))


def problems_with(body_map: BodyMap) -> list[str]:
    """How a drawing disagrees with core/anatomy.py: missing, misplaced or unknown ids."""
    expected = {rs.key for rs in ALL_REGION_SIDES if body_map.view in rs.region.views}
    known = {rs.key for rs in ALL_REGION_SIDES}
    found = set(body_map.shapes)
    problems = [f"missing shape {key}" for key in sorted(expected - found)]
    for key in sorted(found - expected):
        if key in known:
            problems.append(f"{key} is not shown on the {body_map.view.value} view")
        else:
            problems.append(f"unknown region id {key}")
    return problems


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _view_box(root: ET.Element, source: str) -> tuple[float, float, float, float]:
    raw = root.get("viewBox")
    if raw is None:
        raise BodyMapError(f"{source}: the <svg> element has no viewBox")
    try:
        x, y, width, height = (float(part) for part in _pattern(_SEPARATOR).split(raw.strip()))
    except ValueError:
        raise BodyMapError(f"{source}: viewBox {raw!r} is not four numbers") from None
    if width <= 0 or height <= 0:
        raise BodyMapError(f"{source}: viewBox {raw!r} has no area")
    return (x, y, width, height)


def _layers(root: ET.Element) -> Iterator[tuple[ET.Element, Matrix]]:
    """Top-level Inkscape layers with the transform they inherit."""
    for child in root:
        if _local(child.tag) == "g" and child.get(f"{{{INKSCAPE_NS}}}groupmode") == "layer":
            yield child, parse_transform(child.get("transform", ""))


def _shape_elements(
    group: ET.Element, matrix: Matrix, source: str
) -> Iterator[tuple[ET.Element, Matrix]]:
    for child in group:
        tag = _local(child.tag)
        try:
            child_matrix = _multiply(matrix, parse_transform(child.get("transform", "")))
        except ValueError as error:
            raise BodyMapError(f"{source}: <{tag} id={child.get('id', '')!r}>: {error}") from None
        if tag == "g":
            yield from _shape_elements(child, child_matrix, source)
        elif tag in _SHAPE_TAGS:
            yield child, child_matrix


# Geometry of the SVG elements ---------------------------------------------------------


def _outline(element: ET.Element, matrix: Matrix) -> tuple[Polygon, ...]:
    tag = _local(element.tag)
    if tag == "path":
        subpaths = parse_path_data(element.get("d", ""))
    elif tag in ("polygon", "polyline"):
        numbers = _numbers(element.get("points", ""))
        if len(numbers) % 2 or len(numbers) < 6:
            raise ValueError("points must be at least three x,y pairs")
        subpaths = [list(zip(numbers[::2], numbers[1::2], strict=True))]
    elif tag == "rect":
        x, y = _attr(element, "x", 0.0), _attr(element, "y", 0.0)
        w, h = _attr(element, "width"), _attr(element, "height")
        subpaths = [[(x, y), (x + w, y), (x + w, y + h), (x, y + h)]]
    else:  # circle or ellipse
        cx, cy = _attr(element, "cx", 0.0), _attr(element, "cy", 0.0)
        if tag == "circle":
            rx = ry = _attr(element, "r")
        else:
            rx, ry = _attr(element, "rx"), _attr(element, "ry")
        steps = max(16, math.ceil(2 * math.pi * max(rx, ry) / FLATNESS))
        angles = [2 * math.pi * i / steps for i in range(steps)]
        subpaths = [[(cx + rx * math.cos(a), cy + ry * math.sin(a)) for a in angles]]
    result = []
    for subpath in subpaths:
        if matrix != _IDENTITY:
            subpath = [_apply(matrix, p) for p in subpath]
        points = [(round(x, DIGITS), round(y, DIGITS)) for x, y in subpath]
        if len(points) > 1 and points[0] == points[-1]:
            points.pop()
        if len(points) >= 3:
            result.append(tuple(points))
    return tuple(result)


def _attr(element: ET.Element, name: str, default: float | None = None) -> float:
    raw = element.get(name)
    if raw is None:
        if default is None:
            raise ValueError(f"the {name} attribute is missing")
        return default
    try:
        return float(raw.strip().removesuffix("px"))
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a number") from None


_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_NOT_PATH_DATA = r"[^\sMmLlHhVvCcSsQqTtAaZz0-9eE.,+-]+"
_TOKEN = rf"([MmLlHhVvCcSsQqTtAaZz])|({_NUMBER})"
_TRANSFORM = r"\s*,?\s*(\w+)\s*\(([^)]*)\)"
_SEPARATOR = r"[\s,]+"


@cache
def _pattern(source: str) -> re.Pattern[str]:
    """Compiled on first use: compiling them all cost ~2 ms of every start-up."""
    return re.compile(source)


def _numbers(text: str) -> list[float]:
    return [float(match) for match in _pattern(_NUMBER).findall(text)]


def parse_transform(text: str) -> Matrix:
    """An SVG transform list (matrix, translate, scale, rotate, skewX, skewY) as a matrix."""
    result = _IDENTITY
    text = text.strip()
    position = 0
    for match in _pattern(_TRANSFORM).finditer(text):
        if match.start() != position:
            break
        position = match.end()
        name, args = match.group(1), _numbers(match.group(2))
        result = _multiply(result, _transform(name, args))
    if text[position:].strip():
        raise ValueError(f"cannot read the transform {text!r}")
    return result


def _transform(name: str, args: list[float]) -> Matrix:
    if name == "matrix" and len(args) == 6:
        return (args[0], args[1], args[2], args[3], args[4], args[5])
    if name == "translate" and len(args) in (1, 2):
        return (1.0, 0.0, 0.0, 1.0, args[0], args[1] if len(args) == 2 else 0.0)
    if name == "scale" and len(args) in (1, 2):
        return (args[0], 0.0, 0.0, args[-1], 0.0, 0.0)
    if name == "rotate" and len(args) in (1, 3):
        angle = math.radians(args[0])
        cos, sin = math.cos(angle), math.sin(angle)
        rotation = (cos, sin, -sin, cos, 0.0, 0.0)
        if len(args) == 1:
            return rotation
        cx, cy = args[1], args[2]
        around = _multiply((1.0, 0.0, 0.0, 1.0, cx, cy), rotation)
        return _multiply(around, (1.0, 0.0, 0.0, 1.0, -cx, -cy))
    if name == "skewX" and len(args) == 1:
        return (1.0, 0.0, math.tan(math.radians(args[0])), 1.0, 0.0, 0.0)
    if name == "skewY" and len(args) == 1:
        return (1.0, math.tan(math.radians(args[0])), 0.0, 1.0, 0.0, 0.0)
    raise ValueError(f"cannot read the transform {name}({', '.join(map(str, args))})")


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n applied to a point is m(n(p)), as nested SVG transforms compose."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + c * b2,
        b * a2 + d * b2,
        a * c2 + c * d2,
        b * c2 + d * d2,
        a * e2 + c * f2 + e,
        b * e2 + d * f2 + f,
    )


def _apply(m: Matrix, point: Point) -> Point:
    a, b, c, d, e, f = m
    x, y = point
    return (a * x + c * y + e, b * x + d * y + f)


# Path data -----------------------------------------------------------------------------

_ARGUMENT_COUNTS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}


def parse_path_data(d: str) -> list[list[Point]]:
    """SVG path data as subpaths of points, curves and arcs flattened. ValueError if bad."""
    tokens = _path_tokens(d)
    subpaths: list[list[Point]] = []
    current: list[Point] = []
    x = y = 0.0
    start = (0.0, 0.0)
    last_control: Point | None = None
    last_command = ""
    index = 0
    command = ""
    while index < len(tokens):
        token = tokens[index]
        if isinstance(token, str):
            command = token
            index += 1
        elif not command:
            raise ValueError("path data must start with a command such as M")
        elif command in "Mm":
            command = "l" if command == "m" else "L"  # extra pairs after M are lines
        upper = command.upper()
        relative = command.islower()
        count = _ARGUMENT_COUNTS[upper]
        args = tokens[index : index + count]
        if len(args) < count or any(isinstance(arg, str) for arg in args):
            raise ValueError(f"the {command} command needs {count} numbers")
        values = [float(arg) for arg in args]
        index += count
        ox, oy = (x, y) if relative else (0.0, 0.0)
        control: Point | None = None
        if upper == "M":
            if len(current) >= 2:
                subpaths.append(current)
            x, y = ox + values[0], oy + values[1]
            start = (x, y)
            current = [start]
        elif upper == "Z":
            if len(current) >= 2:
                subpaths.append(current)
            current = [start]
            x, y = start
            command = ""  # Z takes no numbers; the next token must be a command
        else:
            if not current:
                current = [(x, y)]
            if upper == "L":
                x, y = ox + values[0], oy + values[1]
                current.append((x, y))
            elif upper == "H":
                x = ox + values[0]
                current.append((x, y))
            elif upper == "V":
                y = (y if relative else 0.0) + values[0]
                current.append((x, y))
            elif upper in ("C", "S"):
                if upper == "C":
                    c1 = (ox + values[0], oy + values[1])
                    rest = values[2:]
                else:
                    c1 = _reflect(last_control, (x, y)) if last_command in "CS" else (x, y)
                    rest = values
                c2 = (ox + rest[0], oy + rest[1])
                end = (ox + rest[2], oy + rest[3])
                current.extend(_cubic((x, y), c1, c2, end))
                control = c2
                x, y = end
            elif upper in ("Q", "T"):
                if upper == "Q":
                    c1 = (ox + values[0], oy + values[1])
                    end = (ox + values[2], oy + values[3])
                else:
                    c1 = _reflect(last_control, (x, y)) if last_command in "QT" else (x, y)
                    end = (ox + values[0], oy + values[1])
                current.extend(_quadratic((x, y), c1, end))
                control = c1
                x, y = end
            else:  # A
                end = (ox + values[5], oy + values[6])
                current.extend(
                    _arc((x, y), values[0], values[1], values[2], values[3], values[4], end)
                )
                x, y = end
        last_control = control
        last_command = upper
    if len(current) >= 2:
        subpaths.append(current)
    return subpaths


def _path_tokens(d: str) -> list[str | float]:
    bad = _pattern(_NOT_PATH_DATA).search(d)
    if bad:
        raise ValueError(f"cannot read {bad.group()!r} in the path data")
    tokens: list[str | float] = [
        letter if letter else float(number) for letter, number in _pattern(_TOKEN).findall(d)
    ]
    if not tokens:
        raise ValueError("the path data is empty")
    return tokens


def _reflect(control: Point | None, around: Point) -> Point:
    if control is None:
        return around
    return (2 * around[0] - control[0], 2 * around[1] - control[1])


def _steps(*points: Point) -> int:
    length = sum(math.dist(a, b) for a, b in itertools.pairwise(points))
    return max(2, min(200, math.ceil(length / FLATNESS)))


def _cubic(p0: Point, p1: Point, p2: Point, p3: Point) -> list[Point]:
    n = _steps(p0, p1, p2, p3)
    out = []
    for i in range(1, n + 1):
        t = i / n
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        out.append(
            (
                a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
            )
        )
    return out


def _quadratic(p0: Point, p1: Point, p2: Point) -> list[Point]:
    n = _steps(p0, p1, p2)
    out = []
    for i in range(1, n + 1):
        t = i / n
        u = 1 - t
        out.append(
            (
                u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0],
                u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1],
            )
        )
    return out


def _arc(
    p0: Point, rx: float, ry: float, rotation: float, large: float, sweep: float, p1: Point
) -> list[Point]:
    """An elliptical arc flattened (SVG 1.1 appendix F.6, endpoint to centre form)."""
    rx, ry = abs(rx), abs(ry)
    if rx == 0 or ry == 0 or p0 == p1:
        return [p1]
    phi = math.radians(rotation)
    cos, sin = math.cos(phi), math.sin(phi)
    dx, dy = (p0[0] - p1[0]) / 2, (p0[1] - p1[1]) / 2
    x1 = cos * dx + sin * dy
    y1 = -sin * dx + cos * dy
    scale = x1 * x1 / (rx * rx) + y1 * y1 / (ry * ry)
    if scale > 1:
        rx, ry = rx * math.sqrt(scale), ry * math.sqrt(scale)
    numerator = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1
    denominator = rx * rx * y1 * y1 + ry * ry * x1 * x1
    factor = math.sqrt(max(0.0, numerator / denominator))
    if bool(large) == bool(sweep):
        factor = -factor
    cx1, cy1 = factor * rx * y1 / ry, -factor * ry * x1 / rx
    cx = cos * cx1 - sin * cy1 + (p0[0] + p1[0]) / 2
    cy = sin * cx1 + cos * cy1 + (p0[1] + p1[1]) / 2
    start = math.atan2((y1 - cy1) / ry, (x1 - cx1) / rx)
    end = math.atan2((-y1 - cy1) / ry, (-x1 - cx1) / rx)
    delta = end - start
    if sweep and delta < 0:
        delta += 2 * math.pi
    elif not sweep and delta > 0:
        delta -= 2 * math.pi
    n = max(2, math.ceil(abs(delta) * max(rx, ry) / FLATNESS))
    out = []
    for i in range(1, n + 1):
        angle = start + delta * i / n
        ex, ey = rx * math.cos(angle), ry * math.sin(angle)
        out.append((cos * ex - sin * ey + cx, sin * ex + cos * ey + cy))
    out[-1] = p1
    return out
