"""The regions of the body map: the one source of truth for ids, names, sides and views.

Left and right are always the person's own. On the front view the person's left side is
drawn on the viewer's right.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from selfmassage.core.language import N_, _


class View(StrEnum):
    FRONT = "front"
    BACK = "back"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


class Region(NamedTuple):  # not a dataclass: cheaper to define before the first paint
    id: str
    english_name: str
    """The name in the routine-file spec, e.g. "Calves"; ``name`` is it translated."""
    english_singular: str
    """How one side is called in a sentence: "calf" in "work over the calf"."""
    sided: bool
    views: frozenset[View]
    english_description: str

    @property
    def name(self) -> str:
        """The region's name in the language in force: "Calves"."""
        return _(self.english_name)

    @property
    def singular(self) -> str:
        """One side of it in a sentence, in the language in force: "calf"."""
        return _(self.english_singular)

    @property
    def description(self) -> str:
        return _(self.english_description)


_BOTH = frozenset({View.FRONT, View.BACK})
_FRONT = frozenset({View.FRONT})
_BACK = frozenset({View.BACK})

REGIONS: tuple[Region, ...] = (
    Region(
        "neck",
        N_("Neck"),
        N_("neck"),
        False,
        _BOTH,
        N_("The muscles that hold up and turn your head; stiff after long hours at a screen."),
    ),
    Region(
        "upper-traps",
        N_("Upper trapezius"),
        N_("upper trapezius"),
        True,
        _BOTH,
        N_("The ridge between neck and shoulder that shrugs your shoulders; tightens with stress."),
    ),
    Region(
        "shoulders",
        N_("Shoulders (deltoids)"),
        N_("shoulder"),
        True,
        _BOTH,
        N_("The rounded muscle over the shoulder joint that lifts your arm."),
    ),
    Region(
        "chest",
        N_("Chest (pectorals)"),
        N_("chest"),
        True,
        _FRONT,
        N_("The large muscles across the front of the chest that push and hug."),
    ),
    Region(
        "upper-back",
        N_("Upper back (rhomboids, mid trapezius)"),
        N_("upper back"),
        False,
        _BACK,
        N_("Between the shoulder blades; pulls them together and keeps you upright."),
    ),
    Region(
        "lats",
        N_("Latissimus dorsi"),
        N_("latissimus dorsi"),
        True,
        _BACK,
        N_("The wide muscle along the side of the back that pulls your arm down and back."),
    ),
    Region(
        "lower-back",
        N_("Lower back"),
        N_("lower back"),
        False,
        _BACK,
        N_("The muscles either side of the spine above the pelvis that keep you upright."),
    ),
    Region(
        "abdomen",
        N_("Abdomen"),
        N_("abdomen"),
        False,
        _FRONT,
        N_("The belly muscles that bend and steady the trunk."),
    ),
    Region(
        "biceps",
        N_("Biceps"),
        N_("biceps"),
        True,
        _FRONT,
        N_("The front of the upper arm; bends the elbow and turns the palm up."),
    ),
    Region(
        "triceps",
        N_("Triceps"),
        N_("triceps"),
        True,
        _BACK,
        N_("The back of the upper arm; straightens the elbow."),
    ),
    Region(
        "forearms",
        N_("Forearms"),
        N_("forearm"),
        True,
        _BOTH,
        N_("Between elbow and wrist; grips, types and turns the hand."),
    ),
    Region(
        "hands",
        N_("Hands"),
        N_("hand"),
        True,
        _BOTH,
        N_("The palm and the small muscles of the thumb and fingers."),
    ),
    Region(
        "glutes",
        N_("Glutes"),
        N_("glute"),
        True,
        _BACK,
        N_("The buttock muscles that extend the hip and steady the pelvis."),
    ),
    Region(
        "hip-flexors",
        N_("Hip flexors"),
        N_("hip flexors"),
        True,
        _FRONT,
        N_("The front of the hip that lifts the knee; shortens with long sitting."),
    ),
    Region(
        "outer-thighs",
        N_("Outer thigh"),
        N_("outer thigh"),
        True,
        _BOTH,
        N_(
            "The muscles on the outside of the thigh, beside the tough band from hip to knee;"
            " often tender in runners and cyclists."
        ),
    ),
    Region(
        "quads",
        N_("Quadriceps"),
        N_("quadriceps"),
        True,
        _FRONT,
        N_("The front of the thigh that straightens the knee."),
    ),
    Region(
        "adductors",
        N_("Inner thigh (adductors)"),
        N_("inner thigh"),
        True,
        _FRONT,
        N_("The inside of the thigh that draws the legs together."),
    ),
    Region(
        "hamstrings",
        N_("Hamstrings"),
        N_("hamstrings"),
        True,
        _BACK,
        N_("The back of the thigh; bends the knee and extends the hip."),
    ),
    Region(
        "calves",
        N_("Calves"),
        N_("calf"),
        True,
        _BACK,
        N_("The back of the lower leg that points the foot; works hard in running and walking."),
    ),
    Region(
        "shins",
        N_("Shins (tibialis anterior)"),
        N_("shin"),
        True,
        _FRONT,
        N_("The muscle beside the shin bone that lifts the foot."),
    ),
    Region(
        "feet",
        N_("Feet (plantar fascia)"),
        N_("foot"),
        True,
        _BOTH,
        N_("The sole of the foot, from heel to toes; sore after long standing."),
    ),
)

_BY_ID: dict[str, Region] = {region.id: region for region in REGIONS}

REGION_IDS: frozenset[str] = frozenset(_BY_ID)


# One side of a sided region, as a person calls it: whole names, since "left" agrees
# with its noun in many languages ("Left calf": "Linke Wade", "Linker Fuß").
_SIDE_LABELS: dict[str, tuple[str, str]] = {
    "upper-traps": (N_("Left upper trapezius"), N_("Right upper trapezius")),
    "shoulders": (N_("Left shoulder"), N_("Right shoulder")),
    "chest": (N_("Left chest"), N_("Right chest")),
    "lats": (N_("Left latissimus dorsi"), N_("Right latissimus dorsi")),
    "biceps": (N_("Left biceps"), N_("Right biceps")),
    "triceps": (N_("Left triceps"), N_("Right triceps")),
    "forearms": (N_("Left forearm"), N_("Right forearm")),
    "hands": (N_("Left hand"), N_("Right hand")),
    "glutes": (N_("Left glute"), N_("Right glute")),
    "hip-flexors": (N_("Left hip flexors"), N_("Right hip flexors")),
    "outer-thighs": (N_("Left outer thigh"), N_("Right outer thigh")),
    "quads": (N_("Left quadriceps"), N_("Right quadriceps")),
    "adductors": (N_("Left inner thigh"), N_("Right inner thigh")),
    "hamstrings": (N_("Left hamstrings"), N_("Right hamstrings")),
    "calves": (N_("Left calf"), N_("Right calf")),
    "shins": (N_("Left shin"), N_("Right shin")),
    "feet": (N_("Left foot"), N_("Right foot")),
}


def side_label(region_id: str, side: str) -> str:
    """One side of a sided region in the language in force: "Left calf"."""
    left, right = _SIDE_LABELS[region_id]
    label = right if side == Side.RIGHT else left
    return _(label)


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
        if self.side is None:
            return self.region.name
        return side_label(self.region_id, self.side.value)

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
