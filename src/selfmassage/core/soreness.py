"""Soreness is rated per place, as chosen on the map: ``calves-left``, ``calves-right``,
``neck``. A session's places are the sides its steps work; only those enter the change
figures, so a calf that was avoided, or a side never reached, says nothing about what
the massage did.
"""

from __future__ import annotations

from collections.abc import Iterable

from selfmassage.core.anatomy import RegionSide, is_region, region
from selfmassage.core.routine import Step


def place_key(region_id: str, side: str | None) -> str:
    """``calves`` + ``left`` -> ``calves-left``; a midline region (side None) as it is."""
    return region_id if side in (None, "", "both") else f"{region_id}-{side}"


def step_places(step: Step) -> list[str]:
    """The places a step works, left before right: ``calves-left``, ``calves-right``;
    none for a breathing step."""
    if step.is_breathing:
        return []
    return [place_key(step.region, None if side is None else side.value) for side in step.sides]


def routine_places(steps: Iterable[Step]) -> list[str]:
    """Every place of the steps in the order they reach it, each once."""
    return list(dict.fromkeys(place for step in steps for place in step_places(step)))


def region_of(place: str) -> str:
    """``calves-left`` -> ``calves``; a key the app does not know, as it is."""
    try:
        return RegionSide.parse(place).region_id
    except ValueError:
        return place


def both_sides(region_id: str) -> list[str]:
    """A rating of a whole sided region (older sessions) stands for both its sides."""
    if is_region(region_id) and region(region_id).sided:
        return [f"{region_id}-left", f"{region_id}-right"]
    return [region_id]
