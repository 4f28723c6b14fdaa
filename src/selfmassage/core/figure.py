"""A stick-and-capsule person whose joints are set per position, for the illustrations.

Points are complex numbers (x + yj, y up, in centimetres of a person about 1.7 m tall),
so a rotation is a multiplication. A figure is drawn from one side ("side", facing +x,
the shown side nearest) or from the front ("front", the person's left at -x); the
illustration flips x at the end, so the picture shows the person's LEFT side.
Angles are absolute, in degrees: 0 points along +x, 90 straight up.
"""

from __future__ import annotations

import cmath
import math
from dataclasses import dataclass, field, replace
from typing import Literal

View = Literal["side", "front"]

LENGTHS: dict[str, float] = {
    "torso": 50.0,
    "neck": 9.0,
    "upper_arm": 29.0,
    "forearm": 25.0,
    "hand": 8.0,
    "thigh": 43.0,
    "shin": 42.0,
    "foot": 17.0,
}
"""From joint to joint; the hand and foot from wrist and ankle to their tip."""

WIDTHS: dict[str, float] = {
    "torso": 25.0,
    "neck": 9.0,
    "upper_arm": 9.5,
    "forearm": 8.0,
    "hand": 7.0,
    "thigh": 15.0,
    "shin": 10.5,
    "foot": 7.0,
}
HEAD_RADIUS = 11.0
HIP_HALF_WIDTH = 8.0
"""From the middle to a hip joint, seen from the front."""
SHOULDER_HALF_WIDTH = 16.0

LIMB_SEGMENTS = {
    "arm": ("upper_arm", "forearm", "hand"),
    "leg": ("thigh", "shin", "foot"),
}


def direction(degrees: float) -> complex:
    return cmath.rect(1.0, math.radians(degrees))


@dataclass(frozen=True)
class Pose:
    """The joint angles of one position, and what it is called in words."""

    view: View
    torso: float
    head: float
    arm: tuple[float, float, float]
    """The shown (left) arm: upper arm, forearm, hand."""
    far_arm: tuple[float, float, float]
    leg: tuple[float, float, float]
    """The shown (left) leg: thigh, shin, foot."""
    far_leg: tuple[float, float, float]
    scale: dict[str, float] = field(default_factory=dict)
    """Segments drawn shorter because they point toward the viewer (``far_thigh``...)."""

    def adjusted(self, changes: dict[str, object]) -> Pose:
        """This pose with some joints set otherwise (the JSON's ``joints``)."""
        values: dict[str, object] = {}
        for key, value in changes.items():
            if key in ("torso", "head"):
                values[key] = float(value)  # type: ignore[arg-type]
            elif key in ("arm", "far_arm", "leg", "far_leg"):
                values[key] = tuple(float(v) for v in value)  # type: ignore[attr-defined]
            elif key == "scale":
                values[key] = {**self.scale, **value}  # type: ignore[dict-item]
            else:
                raise ValueError(f"unknown joint {key!r}")
        return replace(self, **values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Segment:
    """One capsule of the figure: a body part from joint ``a`` to joint ``b``."""

    name: str
    """``thigh``, ``far_thigh``, ``torso``..."""
    a: complex
    b: complex
    width: float

    @property
    def kind(self) -> str:
        return self.name.removeprefix("far_")

    @property
    def far(self) -> bool:
        return self.name.startswith("far_")

    def at(self, t: float) -> complex:
        return self.a + (self.b - self.a) * t

    @property
    def unit(self) -> complex:
        length = abs(self.b - self.a)
        return (self.b - self.a) / length if length else 1 + 0j

    @property
    def left_normal(self) -> complex:
        return self.unit * 1j


@dataclass(frozen=True)
class Figure:
    """A posed person: its segments (in drawing order) and its head."""

    view: View
    segments: dict[str, Segment]
    head: complex
    head_direction: complex

    def segment(self, name: str) -> Segment:
        try:
            return self.segments[name]
        except KeyError:
            raise ValueError(f"the figure has no {name!r}") from None

    def with_arm(self, side: str, elbow: complex, wrist: complex, tip: complex) -> Figure:
        """The figure with one arm moved (after ``reach``)."""
        prefix = "far_" if side == "far" else ""
        shoulder = self.segments[prefix + "upper_arm"].a
        segments = dict(self.segments)
        for name, a, b in (
            ("upper_arm", shoulder, elbow),
            ("forearm", elbow, wrist),
            ("hand", wrist, tip),
        ):
            segments[prefix + name] = Segment(prefix + name, a, b, WIDTHS[name])
        return replace(self, segments=segments)


def pose_figure(pose: Pose, hip: complex = 0j) -> Figure:
    """Place every joint from the hip outward (forward kinematics)."""

    def length(name: str) -> float:
        return LENGTHS[name.removeprefix("far_")] * pose.scale.get(name, 1.0)

    torso_dir = direction(pose.torso)
    shoulder = hip + torso_dir * length("torso")
    if pose.view == "front":
        # The person's left is to the torso's left-hand side (-x when upright).
        side = torso_dir * 1j
        hips = {"": hip + side * HIP_HALF_WIDTH, "far_": hip - side * HIP_HALF_WIDTH}
        shoulders = {
            "": shoulder + side * SHOULDER_HALF_WIDTH,
            "far_": shoulder - side * SHOULDER_HALF_WIDTH,
        }
    else:
        # From the side the arm hangs from a little below the neck, so the back of
        # the neck and the top of the shoulder stay in sight.
        arm_root = shoulder - torso_dir * 4
        hips = {"": hip, "far_": hip}
        shoulders = {"": arm_root, "far_": arm_root}
    segments: dict[str, Segment] = {}

    def chain(prefix: str, limb: str, root: complex, angles: tuple[float, float, float]) -> None:
        point = root
        for name, angle in zip(LIMB_SEGMENTS[limb], angles, strict=True):
            end = point + direction(angle) * length(prefix + name)
            segments[prefix + name] = Segment(prefix + name, point, end, WIDTHS[name])
            point = end

    chain("far_", "arm", shoulders["far_"], pose.far_arm)
    chain("far_", "leg", hips["far_"], pose.far_leg)
    # Seen from the front the trunk is wider than it is deep.
    trunk_width = WIDTHS["torso"] * (1.3 if pose.view == "front" else 1.0)
    segments["torso"] = Segment("torso", hip, shoulder, trunk_width)
    head_dir = direction(pose.head)
    neck_top = shoulder + head_dir * length("neck")
    segments["neck"] = Segment("neck", shoulder, neck_top, WIDTHS["neck"])
    chain("", "leg", hips[""], pose.leg)
    chain("", "arm", shoulders[""], pose.arm)
    head = neck_top + head_dir * (HEAD_RADIUS * 0.8)
    return Figure(pose.view, segments, head, head_dir)


def reach(
    shoulder: complex,
    target: complex,
    bend: float = 1.0,
    upper_scale: float = 1.0,
    hand_angle: float | None = None,
) -> tuple[complex, complex, complex]:
    """Elbow, wrist and hand tip of an arm whose palm is at ``target`` (two-bone IK).

    ``bend`` +1 or -1 chooses which way the elbow points; ``upper_scale`` shortens an
    upper arm pointing at the viewer; the hand continues the forearm unless
    ``hand_angle`` is given.
    """
    upper = LENGTHS["upper_arm"] * upper_scale
    fore = LENGTHS["forearm"] + LENGTHS["hand"] * 0.5
    offset = target - shoulder
    distance = min(max(abs(offset), abs(upper - fore) + 1e-6), upper + fore - 1e-6)
    toward = offset / abs(offset) if abs(offset) else 1 + 0j
    # The law of cosines gives the angle at the shoulder between the target and the elbow.
    cos_shoulder = (upper**2 + distance**2 - fore**2) / (2 * upper * distance)
    angle = math.acos(max(-1.0, min(1.0, cos_shoulder))) * (1 if bend >= 0 else -1)
    elbow = shoulder + toward * cmath.rect(upper, angle)
    palm = shoulder + toward * distance
    forearm_dir = (palm - elbow) / abs(palm - elbow)
    wrist = elbow + forearm_dir * LENGTHS["forearm"]
    hand_dir = forearm_dir if hand_angle is None else direction(hand_angle)
    return elbow, wrist, wrist + hand_dir * LENGTHS["hand"]


# The positions. The figure stands, sits or lies on the floor (the lowest point drawn).
_UPRIGHT_ARMS = (-95.0, -90.0, -90.0)
POSES: dict[str, Pose] = {
    "standing": Pose(
        view="side",
        torso=92,
        head=90,
        arm=(-100, -80, -80),
        far_arm=(-85, -70, -70),
        leg=(-95, -90, 0),
        far_leg=(-85, -95, 0),
    ),
    "standing-wall": Pose(
        # Back to a wall, knees a little bent to roll the ball.
        view="side",
        torso=95,
        head=92,
        arm=(-80, -50, -50),
        far_arm=(-75, -45, -45),
        leg=(-75, -100, 0),
        far_leg=(-80, -102, 0),
    ),
    "standing-front": Pose(
        view="front",
        torso=90,
        head=90,
        arm=(-100, -95, -92),
        far_arm=(-80, -85, -88),
        leg=(-93, -90, -150),
        far_leg=(-87, -90, -30),
    ),
    "seated": Pose(
        view="side",
        torso=93,
        head=90,
        arm=(-100, -10, -10),
        far_arm=(-95, -15, -15),
        leg=(2, -88, 0),
        far_leg=(-2, -92, 0),
    ),
    "seated-front": Pose(
        view="front",
        torso=90,
        head=90,
        arm=(-110, -80, -90),
        far_arm=(-70, -100, -90),
        leg=(-120, -92, -150),
        far_leg=(-60, -88, -30),
        scale={"thigh": 0.45, "far_thigh": 0.45},
    ),
    "floor-sitting": Pose(
        # Sitting on the floor, leaning back on the hands behind.
        view="side",
        torso=118,
        head=105,
        arm=(-112, -112, 180),
        far_arm=(-118, -118, 180),
        leg=(2, -4, 75),
        far_leg=(32, -62, 10),
    ),
    "kneeling": Pose(
        # On all fours.
        view="side",
        torso=5,
        head=-10,
        arm=(-90, -90, 0),
        far_arm=(-88, -88, 0),
        leg=(-88, 180, 180),
        far_leg=(-92, 180, 180),
    ),
    "face-up": Pose(
        # Lying on the back, knees bent, feet flat.
        view="side",
        torso=180,
        head=180,
        arm=(-20, -5, -5),
        far_arm=(-15, 0, 0),
        leg=(50, -55, 0),
        far_leg=(52, -52, 0),
    ),
    "side-lying": Pose(
        # On the left side, seen from the front, propped on the lower forearm; the top
        # leg crosses over with its foot on the floor.
        view="front",
        torso=160,
        head=160,
        arm=(-90, 180, 180),
        far_arm=(-20, -60, -60),
        leg=(-4, -4, -60),
        far_leg=(-10, -90, -30),
        scale={"foot": 0.6, "far_shin": 0.65},
    ),
    "side-lying-reach": Pose(
        # On the left side with the lower arm stretched overhead along the floor.
        view="front",
        torso=165,
        head=175,
        arm=(178, 180, 180),
        far_arm=(-15, -40, -40),
        leg=(-22, -10, -60),
        far_leg=(-25, -90, -30),
        scale={"foot": 0.6, "far_shin": 0.55},
    ),
    "floor-front": Pose(
        # Sitting on the floor (or on a roller) seen from the front, hands on the floor.
        view="front",
        torso=90,
        head=90,
        arm=(-100, -95, -95),
        far_arm=(-80, -85, -85),
        leg=(-172, 0, 10),
        far_leg=(-60, -90, -30),
        scale={"torso": 0.9, "thigh": 0.6, "far_thigh": 0.5},
    ),
    "face-down": Pose(
        # Lying face down, propped on the forearms.
        view="side",
        torso=-5,
        head=20,
        arm=(-100, -5, -5),
        far_arm=(-98, 0, 0),
        leg=(176, 180, -110),
        far_leg=(160, 210, 240),
    ),
}
"""The named positions; a technique may set some joints otherwise."""
