"""Drawing a technique's picture: the posed figure, the muscle, the tool, the arrow, the room.

Everything is placed in the figure's coordinates (centimetres, y up, facing +x) and
written flipped, so the picture shows the person's left side. Colours are written as
the light theme's; ``illustration.themed`` swaps them.
"""

from __future__ import annotations

import cmath
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from selfmassage.core.catalog import Technique
from selfmassage.core.figure import (
    HEAD_RADIUS,
    POSES,
    WIDTHS,
    Figure,
    Segment,
    direction,
    pose_figure,
    reach,
)
from selfmassage.core.illustration import (
    ASPECT,
    LIGHT,
    PIXEL_WIDTH,
    ArrowSpec,
    IllustrationError,
    IllustrationSpec,
    MuscleSpec,
    ToolSpec,
    describe,
    illustrations_path,
    load_illustrations,
)
from selfmassage.core.tools import Tool

# Which way each named face points, as a multiple of a part's left-hand normal. From the
# side, a limb's left-hand normal is its front, the torso's its back; from the front, a
# left limb's left-hand normal is its inner side, the torso's its left (outer) side.
_FACES: dict[tuple[str, str], dict[str, float]] = {
    ("side", "limb"): {"front": 1, "back": -1, "top": 1, "sole": -1},
    ("side", "trunk"): {"back": 1, "front": -1},
    ("front", "limb"): {"inner": 1, "outer": -1, "top": 1, "sole": -1},
    ("front", "trunk"): {"outer": 1, "inner": -1},
}


def face_normal(figure: Figure, segment: Segment, face: str) -> complex:
    """The unit vector out of a face; 0 for the face toward the viewer (drawn on top)."""
    group = "trunk" if segment.kind in ("torso", "neck") else "limb"
    sign = _FACES[(figure.view, group)].get(face, 0)
    return segment.left_normal * sign


@dataclass
class _Canvas:
    """SVG elements in model coordinates, and the box they cover."""

    elements: list[str] = field(default_factory=list)
    low: complex = complex(1e9, 1e9)
    high: complex = complex(-1e9, -1e9)

    def cover(self, point: complex, radius: float = 0.0) -> None:
        self.low = complex(
            min(self.low.real, point.real - radius), min(self.low.imag, point.imag - radius)
        )
        self.high = complex(
            max(self.high.real, point.real + radius), max(self.high.imag, point.imag + radius)
        )

    def line(
        self, a: complex, b: complex, width: float, colour: str, *, cap: str = "round"
    ) -> None:
        self.cover(a, width / 2)
        self.cover(b, width / 2)
        self.elements.append(
            f'<line x1="{_x(a)}" y1="{_y(a)}" x2="{_x(b)}" y2="{_y(b)}" '
            f'stroke="{colour}" stroke-width="{width:.1f}" stroke-linecap="{cap}"/>'
        )

    def circle(
        self, centre: complex, radius: float, fill: str, stroke: str = "none", width: float = 0
    ) -> None:
        self.cover(centre, radius + width / 2)
        outline = f' stroke="{stroke}" stroke-width="{width:.1f}"' if stroke != "none" else ""
        self.elements.append(
            f'<circle cx="{_x(centre)}" cy="{_y(centre)}" r="{radius:.1f}" fill="{fill}"{outline}/>'
        )

    def ellipse(
        self,
        centre: complex,
        rx: float,
        ry: float,
        axis: complex,
        fill: str,
        stroke: str,
        width: float,
    ) -> None:
        """An ellipse whose rx runs along ``axis`` (a roller's round end)."""
        self.cover(centre, max(rx, ry) + width)
        degrees = -math.degrees(cmath.phase(-axis.conjugate()))
        self.elements.append(
            f'<ellipse cx="{_x(centre)}" cy="{_y(centre)}" rx="{rx:.1f}" ry="{ry:.1f}" '
            f'transform="rotate({degrees:.1f} {_x(centre)} {_y(centre)})" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{width:.1f}"/>'
        )

    def polygon(
        self, points: list[complex], fill: str, stroke: str = "none", width: float = 0
    ) -> None:
        for point in points:
            self.cover(point)
        outline = (
            f' stroke="{stroke}" stroke-width="{width:.1f}" stroke-linejoin="round"'
            if stroke != "none"
            else ""
        )
        coords = " ".join(f"{_x(p)},{_y(p)}" for p in points)
        self.elements.append(f'<polygon points="{coords}" fill="{fill}"{outline}/>')

    def path(self, d: str, stroke: str, width: float) -> None:
        self.elements.append(
            f'<path d="{d}" fill="none" stroke="{stroke}" stroke-width="{width:.1f}" '
            'stroke-linecap="round"/>'
        )


def _x(point: complex) -> str:
    # Flipped: the model faces +x, the picture shows the person's left side.
    return f"{-point.real + 0.0:.1f}"


def _y(point: complex) -> str:
    return f"{-point.imag + 0.0:.1f}"


_HALO = 2.4
"""The gap drawn round each limb in the page's colour, so overlapping parts read apart."""
_GROUPS_SIDE = (
    ("far_upper_arm", "far_forearm", "far_hand"),
    ("far_thigh", "far_shin", "far_foot"),
    ("torso", "neck"),
    ("thigh", "shin", "foot"),
    ("upper_arm", "forearm", "hand"),
)
_GROUPS_FRONT = (
    ("torso", "neck"),
    ("far_thigh", "far_shin", "far_foot"),
    ("thigh", "shin", "foot"),
    ("far_upper_arm", "far_forearm", "far_hand"),
    ("upper_arm", "forearm", "hand"),
)


@dataclass(frozen=True)
class _Placed:
    """Where the tool ended up: its contact point, the face's normal, what holds it."""

    contact: complex
    normal: complex
    grips: tuple[complex, ...]
    extent: tuple[complex, float]
    """A point and radius the tool covers, for walls and tables to touch."""


def _tool_geometry(
    canvas: _Canvas, tool: Tool, contact: complex, normal: complex, along: complex, spec: ToolSpec
) -> tuple[tuple[complex, ...], tuple[complex, float]]:
    """Draw the tool at the contact point; the points a hand grips, and the tool's extent."""
    angle = spec.angle
    away = normal if abs(normal) else direction(angle if angle is not None else 90)
    if tool is Tool.FOAM_ROLLER and spec.lengthwise:
        axis = direction(angle) if angle is not None else along
        centre = contact + (normal if abs(normal) else -1j) * 7.5
        half = axis * 17
        canvas.line(centre - half, centre + half, 15.0, "{tool_dark}", cap="butt")
        canvas.line(centre - half * 0.96, centre + half * 0.96, 12.6, "{tool}", cap="butt")
        # A light band along its length: round, not a box.
        band = centre + axis * 1j * 3.2 * (1 if (axis * 1j).imag >= 0 else -1)
        canvas.line(band - half * 0.9, band + half * 0.9, 2.4, "{tool_light}", cap="round")
        # The round end shows it is a cylinder lying along the body, not a box.
        canvas.ellipse(centre + half, 3.6, 7.5, axis, "{tool}", "{tool_dark}", 1.2)
        canvas.circle(centre + half + axis * 0.6, 1.6, "{tool_dark}")
        return (), (centre, 7.5)
    if tool is Tool.FOAM_ROLLER:
        centre = contact + away * 7.5
        canvas.circle(centre, 7.5, "{tool}", "{tool_dark}", 1.2)
        canvas.circle(centre, 2.6, "{tool_dark}")
        return (), (centre, 7.5)
    if tool is Tool.MASSAGE_BALL:
        centre = contact + away * 5.6
        canvas.circle(centre, 5.6, "{tool}", "{tool_dark}", 1.3)
        return ((centre + away * 5.0,) if spec.hand else ()), (centre, 5.6)
    if tool is Tool.MASSAGE_GUN:
        axis = direction(angle) if angle is not None else away
        head = contact + axis * 2.2
        canvas.line(head, head + axis * 6, 3.2, "{tool_dark}")
        barrel_a, barrel_b = head + axis * 6, head + axis * 20
        canvas.line(barrel_a, barrel_b, 8.0, "{tool}")
        handle_root = head + axis * 14
        # The handle hangs from the barrel on its lower side, as a gun is held.
        handle_dir = min(axis * 1j, axis * -1j, key=lambda d: d.imag)
        grip = handle_root + handle_dir * 9
        canvas.line(handle_root, handle_root + handle_dir * 13, 5.5, "{tool_dark}")
        canvas.circle(head, 2.4, "{tool_dark}")
        return (grip,), (head + axis * 10, 10.0)
    if tool is Tool.STICK_ROLLER:
        axis = direction(angle) if angle is not None else along
        centre = contact + away * 2.6
        ends = (centre - axis * 24, centre + axis * 24)
        canvas.line(ends[0] + axis * 6, ends[1] - axis * 6, 5.0, "{tool}")
        for index, end in enumerate(ends):
            inward = axis if index == 0 else -axis
            canvas.line(end, end + inward * 7, 6.0, "{tool_dark}")
        return (ends[0] + axis * 3.5, ends[1] - axis * 3.5), (centre, 24.0)
    return (), (contact, 3.0)


def _arrow_head(canvas: _Canvas, tip: complex, toward: complex, colour: str = "{arrow}") -> None:
    back = tip - toward * 4.2
    side = toward * 1j * 2.6
    canvas.polygon([tip + toward * 0.8, back + side, back - side], colour)


def _draw_arrow(
    canvas: _Canvas,
    spec: ArrowSpec,
    figure: Figure,
    segment: Segment,
    muscle: MuscleSpec,
    placed: _Placed,
) -> None:
    if spec.segment is not None:
        segment = figure.segment(spec.segment)
        placed = _Placed(segment.at(0.5), segment.left_normal, (), placed.extent)
    normal = placed.normal if abs(placed.normal) else segment.left_normal
    side = -normal if spec.side == "away" else normal
    reach_out = segment.width / 2 + (6.5 if spec.side == "away" else 17.0)
    if spec.kind == "circles":
        centre = placed.contact + side * (segment.width / 2 + (9.5 if spec.side == "away" else 12))
        radius = 4.6
        start, end = cmath.rect(radius, 0.3), cmath.rect(radius, 5.2)
        a, b = centre + start, centre + end
        canvas.cover(centre, radius + 3)
        canvas.path(
            f"M {_x(a)} {_y(a)} A {radius:.1f} {radius:.1f} 0 1 0 {_x(b)} {_y(b)}",
            "{arrow}",
            1.7,
        )
        tangent = direction(5.2 * 57.2958 + 90)
        _arrow_head(canvas, b + tangent * 1.5, tangent)
        return
    t0, t1 = spec.span if spec.span else (muscle.span if spec.segment is None else (0.2, 0.8))
    on_muscle = spec.segment is None
    start = muscle.point(segment, t0) if on_muscle else segment.at(t0)
    end = muscle.point(segment, t1) if on_muscle else segment.at(t1)
    if on_muscle and muscle.across[0] != muscle.across[1]:
        # Across the part (a ridge): beside the muscle's own line, not the part's.
        side = (end - start) / abs(end - start) * (1j if spec.side == "away" else -1j)
        reach_out = 9.0
    a, b = start + side * reach_out, end + side * reach_out
    unit = (b - a) / abs(b - a)
    a_line = a + unit * (3.5 if spec.kind == "along" else 0)
    canvas.line(a_line, b - unit * 3.5, 1.7, "{arrow}")
    _arrow_head(canvas, b, unit)
    if spec.kind == "along":
        _arrow_head(canvas, a, -unit)


def _draw_limbs(canvas: _Canvas, figure: Figure, names: tuple[str, ...], colour: str) -> None:
    segments = [figure.segments[name] for name in names if name in figure.segments]
    trunk: list[complex] = []
    if figure.view == "front" and "torso" in names:
        # From the front the trunk is a tapered shape, shoulders wider than the waist.
        torso = figure.segments["torso"]
        side = torso.unit * 1j
        waist, chest = torso.a - torso.unit * 3, torso.b - torso.unit * 2
        trunk = [chest + side * 16, chest - side * 16, waist - side * 11, waist + side * 11]
        segments = [segment for segment in segments if segment.name != "torso"]
    for segment in segments:
        canvas.line(segment.a, segment.b, segment.width + 2 * _HALO, "{paper}")
    if trunk:
        canvas.polygon(trunk, "{paper}", "{paper}", 8 + 2 * _HALO)
    if "torso" in names:
        canvas.circle(figure.head, HEAD_RADIUS + _HALO, "{paper}")
    for segment in segments:
        canvas.line(segment.a, segment.b, segment.width, colour)
    if trunk:
        canvas.polygon(trunk, colour, colour, 8)
    if "torso" in names:
        canvas.circle(figure.head, HEAD_RADIUS, colour)
        if figure.view == "side":
            # A nose says which way the face points: down, up or ahead.
            nose = figure.head + figure.head_direction * -1j * HEAD_RADIUS * 0.95
            canvas.circle(nose + figure.head_direction * 1.5, 2.6, colour)


def _draw_muscle(canvas: _Canvas, figure: Figure, spec: MuscleSpec) -> None:
    segment = figure.segment(spec.segment)
    normal = face_normal(figure, segment, spec.face)
    width = segment.width * (0.62 if abs(normal) else 0.7)
    shift = normal * segment.width * 0.2
    if segment.kind == "torso" and figure.view == "front":
        width, shift = 9.0, normal * segment.width * 0.32
    if segment.kind == "neck":
        width, shift = segment.width * 0.8, normal * segment.width * 0.1
    a, b = spec.point(segment, spec.span[0]) + shift, spec.point(segment, spec.span[1]) + shift
    if abs(b - a) < 0.5:
        b = a + segment.unit * 0.5
    canvas.line(a, b, width, "{muscle}")


def _draw_props(
    canvas: _Canvas, spec: IllustrationSpec, figure: Figure, placed: _Placed
) -> tuple[float, list[str]]:
    """Chair, table and step as elements; the floor's height (the lowest point of all)."""
    floor = canvas.low.imag
    props = _Canvas()
    hip = figure.segments["torso"].a
    if spec.pose.startswith("seated") and "no-chair" not in spec.props:
        seat = hip.imag - WIDTHS["thigh"] / 2 - 0.5
        front = hip.real + 24 if figure.view == "side" else hip.real + 27
        back = hip.real - 16 if figure.view == "side" else hip.real - 27
        if figure.view == "front":
            # The chair's back shows round the trunk, so the person reads as sitting.
            props.polygon(
                [
                    complex(back + 4, seat + 46),
                    complex(front - 4, seat + 46),
                    complex(front - 4, seat),
                    complex(back + 4, seat),
                ],
                "{prop}",
                "{prop_line}",
                1.2,
            )
        props.polygon(
            [
                complex(back, seat),
                complex(front, seat),
                complex(front, seat - 4),
                complex(back, seat - 4),
            ],
            "{prop}",
            "{prop_line}",
            1.2,
        )
        for x in (back + 2, front - 2):
            props.line(complex(x, seat - 4), complex(x, floor), 2.4, "{prop_line}", cap="butt")
        if figure.view == "side":
            props.line(complex(back + 1, seat), complex(back - 3, seat + 42), 3.0, "{prop_line}")
    if "table" in spec.props:
        centre, radius = placed.extent
        top = centre.imag - radius
        props.polygon(
            [
                complex(centre.real - 30, top),
                complex(centre.real + 34, top),
                complex(centre.real + 34, top - 3.5),
                complex(centre.real - 30, top - 3.5),
            ],
            "{prop}",
            "{prop_line}",
            1.2,
        )
        props.line(
            complex(centre.real + 30, top - 3.5),
            complex(centre.real + 30, floor),
            2.4,
            "{prop_line}",
            cap="butt",
        )
    if "step" in spec.props:
        foot = figure.segments["foot"]
        top = min(foot.a.imag, foot.b.imag) - foot.width / 2
        left = min(foot.a.real, foot.b.real) - 8
        props.polygon(
            [
                complex(left, top),
                complex(left + 34, top),
                complex(left + 34, floor),
                complex(left, floor),
            ],
            "{prop}",
            "{prop_line}",
            1.2,
        )
    return floor, props.elements


def _wall_x(spec: IllustrationSpec, figure: Figure, placed: _Placed) -> float | None:
    if "wall" in spec.props:
        centre, radius = placed.extent
        return centre.real + (radius if placed.normal.real >= 0 else -radius)
    if "wall-hand" in spec.props:
        return figure.segments["hand"].b.real + 4
    return None


def render_svg(spec: IllustrationSpec, tool: Tool, title: str = "") -> str:
    """The picture of one technique for the left side, in the light colours."""
    pose = POSES[spec.pose].adjusted(spec.joints)
    figure = pose_figure(pose)
    muscle_segment = figure.segment(spec.muscle.segment)
    at = spec.tool.at if spec.tool.at is not None else sum(spec.muscle.span) / 2
    normal = face_normal(figure, muscle_segment, spec.tool.face or spec.muscle.face)
    surface = muscle_segment.width / 2 if abs(normal) else 0.0
    contact = spec.muscle.point(muscle_segment, at) + normal * (surface + spec.tool.gap)

    # Tools go on a scratch canvas first: the hands that hold them reach for their grips.
    tool_canvas = _Canvas()
    grips, extent = _tool_geometry(
        tool_canvas, tool, contact, normal, muscle_segment.unit, spec.tool
    )
    working: list[str] = []
    if tool is Tool.HANDS and spec.tool.hand:
        lift = normal * (WIDTHS["hand"] / 2)
        grips = (contact + lift,)
        if spec.tool.hand == "both":
            # Two hands side by side along the part, each from its own side: no crossing.
            step = muscle_segment.unit * min(8.0, abs(muscle_segment.b - muscle_segment.a) * 0.2)
            grips = (contact + lift + step, contact + lift - step)
    if len(grips) == 2:
        # Each hand takes the grip on its own side.
        near_shoulder = figure.segments["upper_arm"].a
        across = near_shoulder - figure.segments["far_upper_arm"].a
        if abs(across) > 1:  # from the front: the grip further toward the near side
            grips = tuple(sorted(grips, key=lambda g: -(g * across.conjugate()).real))
        else:
            grips = tuple(sorted(grips, key=lambda grip: abs(grip - near_shoulder)))
    arms = {"near": ("",), "far": ("far_",), "both": ("", "far_")}.get(spec.tool.hand or "", ())
    for prefix, grip in zip(arms, grips if len(grips) >= len(arms) else grips * 2, strict=False):
        shoulder = figure.segments[prefix + "upper_arm"].a
        upper_scale = pose.scale.get(prefix + "upper_arm", 1.0)
        bend = spec.tool.bend
        if spec.tool.hand == "both" and figure.view == "front" and not prefix:
            bend = -bend  # from the front the two elbows bend as mirror images
        elbow, wrist, tip = reach(shoulder, grip, bend, upper_scale)
        figure = figure.with_arm("far" if prefix else "near", elbow, wrist, tip)
        working.append(prefix)
    placed = _Placed(contact, normal, grips, extent)

    canvas = _Canvas()
    groups = _GROUPS_SIDE if figure.view == "side" else _GROUPS_FRONT
    for group in groups:
        prefix = "far_" if group[0].startswith("far_") else ""
        is_arm = group[0].endswith("upper_arm")
        if is_arm and prefix in working and not spec.tool.behind:
            continue  # drawn last, over the part it works on
        far = prefix == "far_" and figure.view == "side"
        _draw_limbs(canvas, figure, group, "{far}" if far else "{body}")
        # From the front the limbs hang beside the trunk, not over it: its muscle goes
        # on top of them.
        on_trunk = figure.view == "front" and spec.muscle.segment == "torso"
        if spec.muscle.segment in group and not on_trunk:
            _draw_muscle(canvas, figure, spec.muscle)
    if figure.view == "front" and spec.muscle.segment == "torso":
        _draw_muscle(canvas, figure, spec.muscle)
    for prefix in working:
        if spec.tool.behind and tool is Tool.HANDS:
            # The arm passes behind the body; the hand comes round onto the muscle.
            _draw_limbs(canvas, figure, (prefix + "hand",), "{body}")
        elif not spec.tool.behind:
            names = tuple(prefix + name for name in ("upper_arm", "forearm", "hand"))
            _draw_limbs(canvas, figure, names, "{body}")
    canvas.elements.extend(tool_canvas.elements)
    if tool_canvas.elements:
        canvas.cover(tool_canvas.low)
        canvas.cover(tool_canvas.high)
    if spec.arrow is not None:
        _draw_arrow(canvas, spec.arrow, figure, muscle_segment, spec.muscle, placed)

    floor, prop_elements = _draw_props(canvas, spec, figure, placed)
    wall = _wall_x(spec, figure, placed)
    box_low = complex(canvas.low.real, floor)
    box_high = canvas.high
    if wall is not None:
        box_low = complex(min(box_low.real, wall - 6), box_low.imag)
        box_high = complex(max(box_high.real, wall + 6), box_high.imag)
    margin = 7.0
    width = box_high.real - box_low.real + 2 * margin
    height = box_high.imag - box_low.imag + 2 * margin
    if width / height < ASPECT:
        width = height * ASPECT
    else:
        height = width / ASPECT
    middle_x = (box_low.real + box_high.real) / 2
    # The floor sits a margin above the bottom edge; the rest of the room is above.
    bottom = floor - margin
    left, right = middle_x - width / 2, middle_x + width / 2
    top = bottom + height

    back: list[str] = []
    ground = _Canvas()
    ground.polygon(
        [
            complex(left, floor),
            complex(right, floor),
            complex(right, bottom),
            complex(left, bottom),
        ],
        "{prop}",
    )
    ground.line(complex(left, floor), complex(right, floor), 1.6, "{prop_line}", cap="butt")
    if wall is not None:
        outward = 1 if placed.normal.real >= 0 else -1
        if "wall-hand" in spec.props:
            outward = 1
        far_edge = right if outward > 0 else left
        ground.polygon(
            [
                complex(wall, floor),
                complex(far_edge, floor),
                complex(far_edge, top),
                complex(wall, top),
            ],
            "{prop}",
        )
        ground.line(complex(wall, floor), complex(wall, top), 1.6, "{prop_line}", cap="butt")
    back.extend(ground.elements)
    back.extend(prop_elements)

    # viewBox in picture coordinates (x flipped, y down).
    view = f"{-right:.1f} {-top:.1f} {width:.1f} {height:.1f}"
    pixel_height = round(PIXEL_WIDTH / ASPECT)
    body = "\n  ".join(back + canvas.elements)
    for role, colour in LIGHT.items():
        body = body.replace("{" + role + "}", colour)
    title_element = f"\n  <title>{_escape(title)}</title>" if title else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{PIXEL_WIDTH}" height="{pixel_height}" '
        f'viewBox="{view}">{title_element}\n  {body}\n</svg>\n'
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def generate(techniques: Iterable[Technique], out: Path) -> list[Path]:
    """Write the picture of each technique into ``out``; the files written."""
    specs = load_illustrations()
    written = []
    out.mkdir(parents=True, exist_ok=True)
    for technique in techniques:
        spec = specs.get(technique.id)
        if spec is None:
            raise IllustrationError(f"{technique.id}: no illustration in {illustrations_path()}")
        path = out / f"{technique.id}.svg"
        path.write_text(render_svg(spec, technique.tool, describe(spec, technique.tool)), "utf-8")
        written.append(path)
    return written
