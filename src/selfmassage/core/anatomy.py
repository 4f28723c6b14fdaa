"""The regions of the body map: the one source of truth for ids, names, sides and views.

Left and right are always the person's own. On the front view the person's left side is
drawn on the viewer's right.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple


class View(StrEnum):
    FRONT = "front"
    BACK = "back"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


class Region(NamedTuple):  # not a dataclass: cheaper to define before the first paint
    id: str
    name: str
    """The name in the routine-file spec, e.g. "Calves"."""
    singular: str
    """How one side is called in a sentence: "calf" in "Left calf"."""
    sided: bool
    views: frozenset[View]
    description: str


_BOTH = frozenset({View.FRONT, View.BACK})
_FRONT = frozenset({View.FRONT})
_BACK = frozenset({View.BACK})

REGIONS: tuple[Region, ...] = (
    Region(
        "neck",
        "Neck",
        "neck",
        False,
        _BOTH,
        "The muscles that hold up and turn your head; stiff after long hours at a screen.",
    ),
    Region(
        "upper-traps",
        "Upper trapezius",
        "upper trapezius",
        True,
        _BOTH,
        "The ridge between neck and shoulder that shrugs your shoulders; tightens with stress.",
    ),
    Region(
        "shoulders",
        "Shoulders (deltoids)",
        "shoulder",
        True,
        _BOTH,
        "The rounded muscle over the shoulder joint that lifts your arm.",
    ),
    Region(
        "chest",
        "Chest (pectorals)",
        "chest",
        True,
        _FRONT,
        "The large muscles across the front of the chest that push and hug.",
    ),
    Region(
        "upper-back",
        "Upper back (rhomboids, mid trapezius)",
        "upper back",
        False,
        _BACK,
        "Between the shoulder blades; pulls them together and keeps you upright.",
    ),
    Region(
        "lats",
        "Latissimus dorsi",
        "latissimus dorsi",
        True,
        _BACK,
        "The wide muscle along the side of the back that pulls your arm down and back.",
    ),
    Region(
        "lower-back",
        "Lower back",
        "lower back",
        False,
        _BACK,
        "The muscles either side of the spine above the pelvis that keep you upright.",
    ),
    Region(
        "abdomen",
        "Abdomen",
        "abdomen",
        False,
        _FRONT,
        "The belly muscles that bend and steady the trunk.",
    ),
    Region(
        "biceps",
        "Biceps",
        "biceps",
        True,
        _FRONT,
        "The front of the upper arm; bends the elbow and turns the palm up.",
    ),
    Region(
        "triceps",
        "Triceps",
        "triceps",
        True,
        _BACK,
        "The back of the upper arm; straightens the elbow.",
    ),
    Region(
        "forearms",
        "Forearms",
        "forearm",
        True,
        _BOTH,
        "Between elbow and wrist; grips, types and turns the hand.",
    ),
    Region(
        "hands",
        "Hands",
        "hand",
        True,
        _BOTH,
        "The palm and the small muscles of the thumb and fingers.",
    ),
    Region(
        "glutes",
        "Glutes",
        "glute",
        True,
        _BACK,
        "The buttock muscles that extend the hip and steady the pelvis.",
    ),
    Region(
        "hip-flexors",
        "Hip flexors",
        "hip flexors",
        True,
        _FRONT,
        "The front of the hip that lifts the knee; shortens with long sitting.",
    ),
    Region(
        "outer-thighs",
        "Outer thigh",
        "outer thigh",
        True,
        _BOTH,
        "The muscles on the outside of the thigh, beside the tough band from hip to knee;"
        " often tender in runners and cyclists.",
    ),
    Region(
        "quads",
        "Quadriceps",
        "quadriceps",
        True,
        _FRONT,
        "The front of the thigh that straightens the knee.",
    ),
    Region(
        "adductors",
        "Inner thigh (adductors)",
        "inner thigh",
        True,
        _FRONT,
        "The inside of the thigh that draws the legs together.",
    ),
    Region(
        "hamstrings",
        "Hamstrings",
        "hamstrings",
        True,
        _BACK,
        "The back of the thigh; bends the knee and extends the hip.",
    ),
    Region(
        "calves",
        "Calves",
        "calf",
        True,
        _BACK,
        "The back of the lower leg that points the foot; works hard in running and walking.",
    ),
    Region(
        "shins",
        "Shins (tibialis anterior)",
        "shin",
        True,
        _FRONT,
        "The muscle beside the shin bone that lifts the foot.",
    ),
    Region(
        "feet",
        "Feet (plantar fascia)",
        "foot",
        True,
        _BOTH,
        "The sole of the foot, from heel to toes; sore after long standing.",
    ),
)

_BY_ID: dict[str, Region] = {region.id: region for region in REGIONS}

REGION_IDS: frozenset[str] = frozenset(_BY_ID)


def region(region_id: str) -> Region:
    """The region with this id; KeyError for an unknown id."""
    return _BY_ID[region_id]


def is_region(region_id: str) -> bool:
    return region_id in _BY_ID


@dataclass(frozen=True, slots=True, order=True)
class RegionSide:
    """One clickable place on the map: a sided region with its side, or a midline region."""

    region_id: str
    side: Side | None = None

    def __post_init__(self) -> None:
        reg = region(self.region_id)
        if reg.sided and self.side is None:
            raise ValueError(f"{self.region_id} is sided: say left or right")
        if not reg.sided and self.side is not None:
            raise ValueError(f"{self.region_id} has no sides")

    @property
    def region(self) -> Region:
        return region(self.region_id)

    @property
    def key(self) -> str:
        """The shape id in the body-map SVGs: ``calves-left`` or ``neck``."""
        return self.region_id if self.side is None else f"{self.region_id}-{self.side}"

    @property
    def label(self) -> str:
        """What a person calls it: "Left calf", "Neck"."""
        reg = self.region
        if self.side is None:
            return reg.name
        return f"{self.side.value.capitalize()} {reg.singular}"

    @classmethod
    def parse(cls, key: str) -> RegionSide:
        """From a shape id such as ``calves-left`` or ``neck``; ValueError if unknown."""
        for side in Side:
            suffix = f"-{side.value}"
            if key.endswith(suffix) and is_region(key[: -len(suffix)]):
                return cls(key[: -len(suffix)], side)
        if is_region(key):
            if region(key).sided:
                raise ValueError(f"{key} is sided: use {key}-left or {key}-right")
            return cls(key)
        raise ValueError(f"unknown region: {key}")


def region_sides(reg: Region) -> tuple[RegionSide, ...]:
    """The clickable places of one region: left and right, or the midline one."""
    if reg.sided:
        return (RegionSide(reg.id, Side.LEFT), RegionSide(reg.id, Side.RIGHT))
    return (RegionSide(reg.id),)


ALL_REGION_SIDES: tuple[RegionSide, ...] = tuple(rs for reg in REGIONS for rs in region_sides(reg))
