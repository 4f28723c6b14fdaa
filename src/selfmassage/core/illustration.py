"""The picture of each technique: its data, its words, its colours and its files.

``assets/catalog/illustrations.json`` says, per technique id, which position (a pose of
``core/figure.py``), which muscle (a stretch of one body part, and its face), where the
tool goes and which way it moves; ``core/illustration_svg.py`` draws that as a flat SVG
for the person's LEFT side (the right side is the same picture mirrored by whoever draws
it), and ``scripts/make_illustrations.py`` writes the files to ``assets/illustrations/``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec

from selfmassage.core.anatomy import Side
from selfmassage.core.assets import asset_path
from selfmassage.core.catalog import Technique, content_text, load_catalog
from selfmassage.core.figure import (
    POSES,
    Segment,
)
from selfmassage.core.language import N_, _, pgettext
from selfmassage.core.routine import Step
from selfmassage.core.tools import Tool

ILLUSTRATIONS_VERSION = 1
ASPECT = 4 / 3
"""Width to height of every picture, so they line up in a list."""
PIXEL_WIDTH = 320

Face = Literal["front", "back", "outer", "inner", "top", "sole", "over"]

LIGHT = {
    "body": "#8c98a2",
    "far": "#b5bec5",
    "muscle": "#2a9d8f",
    "tool": "#f2a541",
    "tool_dark": "#b86f12",
    "tool_light": "#f9d08f",
    "prop": "#e4e8eb",
    "prop_line": "#9aa4ac",
    "arrow": "#27323a",
    "paper": "#ffffff",
}
"""The colours the files are written in, for a light page."""
DARK = {
    "body": "#a7b1b9",
    "far": "#5d666e",
    "muscle": "#3fc1b0",
    "tool": "#f2a541",
    "tool_dark": "#8a520c",
    "tool_light": "#f7c982",
    "prop": "#363b41",
    "prop_line": "#6f7980",
    "arrow": "#e8eaed",
    "paper": "#2a2e33",
}
"""The same roles for a dark page: swapped in by ``themed``."""


class MuscleSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    segment: str
    """A body part of the figure: ``thigh``, ``shin``, ``torso``, ``far_forearm``..."""
    span: tuple[float, float]
    """Where along it the muscle lies, 0 at the joint nearer the body's middle."""
    face: Face
    across: tuple[float, float] = (0.0, 0.0)
    """Off the part's middle line at each end, in half-widths toward its left-hand side
    (seen from the front, the trunk's left): the ridge from neck to shoulder."""

    def point(self, segment: Segment, t: float) -> complex:
        """The point at ``t`` along the muscle's line (``across`` taken between its ends)."""
        t0, t1 = self.span
        share = (t - t0) / (t1 - t0) if t1 != t0 else 0.0
        across = self.across[0] + (self.across[1] - self.across[0]) * share
        return segment.at(t) + segment.left_normal * across * segment.width / 2


class ToolSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    at: float | None = None
    """Where along the muscle's part the tool sits; the muscle's middle if left out."""
    face: Face | None = None
    """Which face it presses on, if not the muscle's."""
    angle: float | None = None
    """Which way a gun or stick points, in degrees, if not square to the face."""
    hand: Literal["near", "far", "both"] | None = None
    """Which arm holds the tool (or is it, for hands): reached to it by the figure."""
    bend: float = 1.0
    """Which way that arm's elbow points: 1 or -1."""
    gap: float = 0.0
    """How far off the face the tool sits (a hand on top of another part)."""
    behind: bool = False
    """The holding arm passes behind the body (drawn in its place, not over the muscle);
    a working hand still shows where it lies on the muscle."""
    lengthwise: bool = False
    """A foam roller seen along its length (lying along the body), not end on."""


class ArrowSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    kind: Literal["along", "toward", "circles"]
    span: tuple[float, float] | None = None
    """For ``along`` and ``toward``: from and to along the muscle's part."""
    side: Literal["away", "tool"] = "away"
    """Draw it on the far side of the part from the tool, or beside the tool."""
    segment: str | None = None
    """The part that moves, if not the muscle's (a knee that bends)."""


class IllustrationSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    pose: str
    joints: dict[str, Any] = {}
    props: tuple[Literal["no-chair", "wall", "wall-hand", "table", "step"], ...] = ()
    """A seated position comes with a chair unless ``no-chair``."""
    muscle: MuscleSpec
    tool: ToolSpec = ToolSpec()
    arrow: ArrowSpec | None = None
    position: Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
    """The position in words: ``Lying face down on the forearms``."""
    place: Annotated[str, msgspec.Meta(min_length=1, max_length=160)]
    """Where the tool goes, ``{side}`` for left or right: ``under the front of the {side} leg``."""
    holder: str | None = None
    """For hands: who does it (``both hands``); ``the {other} hand`` if left out."""


class _IllustrationsFile(msgspec.Struct, forbid_unknown_fields=True):
    version: int
    techniques: dict[str, IllustrationSpec]


class IllustrationError(ValueError):
    """The illustrations file is broken; the message says where."""


def parse_illustrations(data: bytes, source: str = "illustrations") -> dict[str, IllustrationSpec]:
    try:
        parsed = msgspec.json.decode(data, type=_IllustrationsFile)
    except (msgspec.ValidationError, msgspec.DecodeError) as error:
        raise IllustrationError(f"{source}: {error}") from None
    if parsed.version != ILLUSTRATIONS_VERSION:
        raise IllustrationError(f"{source}: version {parsed.version} is not 1")
    for technique_id, spec in parsed.techniques.items():
        if spec.pose not in POSES:
            raise IllustrationError(f"{source}: {technique_id}: unknown pose {spec.pose!r}")
    return parsed.techniques


def illustrations_path() -> Path:
    return asset_path("catalog", "illustrations.json")


@cache
def load_illustrations() -> dict[str, IllustrationSpec]:
    path = illustrations_path()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise IllustrationError(f"cannot read {path}: {error.strerror}") from None
    return parse_illustrations(data, str(path))


def svg_path(technique_id: str) -> Path:
    """Where the shipped picture of a technique is (it may be missing for a new one)."""
    return asset_path("illustrations", f"{technique_id}.svg")


# --- words ---------------------------------------------------------------------------

_TOOL_WORDS = {
    Tool.FOAM_ROLLER: N_("a foam roller"),
    Tool.MASSAGE_BALL: N_("a massage ball"),
    Tool.MASSAGE_GUN: N_("a massage gun"),
    Tool.STICK_ROLLER: N_("a stick roller"),
    Tool.HANDS: N_("the {other} hand"),
}


def describe(spec: IllustrationSpec, tool: Tool, side: str = "left") -> str:
    """The picture in words, for a screen reader: the position, then the tool and where."""
    # Translators: the side of the body a picture shows, put in for {side} and {other}
    # in the pictures' words ("under the front of the {side} leg").
    left, right = pgettext("side in a picture", "left"), pgettext("side in a picture", "right")
    this, other = (left, right) if side == "left" else (right, left)
    holder = content_text(spec.holder) if spec.holder else _(_TOOL_WORDS[tool])
    # Translators: a picture in words: "Lying on your back, a foam roller under the calf."
    words = _("{position}, {holder} {place}.").format(
        position=content_text(spec.position), holder=holder, place=content_text(spec.place)
    )
    return words.replace("{side}", this).replace("{other}", other)


_LIGHT_TO_DARK = {LIGHT[role].lower(): DARK[role] for role in LIGHT}
_COLOUR = re.compile("|".join(re.escape(colour) for colour in _LIGHT_TO_DARK), re.IGNORECASE)


_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def themed(svg: str, dark: bool, paper: str | None = None) -> str:
    """The picture in the dark theme's colours (or as it is, for the light theme).

    ``paper`` (``#rrggbb``) is the page it is drawn on: the gaps round the limbs take
    its colour, so they read as gaps on any background.
    """
    if dark:
        svg = _COLOUR.sub(lambda match: _LIGHT_TO_DARK[match.group(0).lower()], svg)
    if paper is not None and _HEX.match(paper):
        svg = svg.replace((DARK if dark else LIGHT)["paper"], paper.lower())
    return svg


def picture(technique_id: str, dark: bool = False, paper: str | None = None) -> str | None:
    """The shipped picture of a technique in the theme's colours; None if it has none."""
    try:
        svg = svg_path(technique_id).read_text(encoding="utf-8")
    except OSError:
        return None
    return themed(svg, dark, paper)


def description(technique: Technique, side: Side | None = None) -> str:
    """The picture of a technique in words, for the side shown (left for a midline region)."""
    spec = load_illustrations().get(technique.id)
    if spec is None:
        # Translators: a picture in words when the technique has none: "Seated, hands."
        return _("{position}, {tool}.").format(
            position=technique.position.label, tool=technique.tool.label.lower()
        )
    return describe(spec, technique.tool, "right" if side is Side.RIGHT else "left")


def mirrored(side: Side | None) -> bool:
    """Whether the picture is drawn flipped: it shows the left side, the right is its mirror."""
    return side is Side.RIGHT


def technique_for_step(step: Step) -> Technique | None:
    """The technique a step's picture shows: its own, or the catalog's for its region and tool."""
    if step.is_breathing:
        return None
    catalog = load_catalog()
    if step.technique is not None:
        found = catalog.get(step.technique)
        if found is not None:
            return found
    return catalog.default_for(step.region, step.tool)
