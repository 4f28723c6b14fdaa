"""What the person picked on the body map: sore places, how sore, and places to avoid."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from selfmassage.core.anatomy import ALL_REGION_SIDES, RegionSide

_ORDER = {rs: index for index, rs in enumerate(ALL_REGION_SIDES)}


@dataclass(frozen=True, slots=True)
class Selection:
    """An immutable value: every change returns a new Selection.

    ``soreness`` maps each selected place to 0–10, or None when not rated. An avoided
    place is never selected.
    """

    soreness: Mapping[RegionSide, int | None] = field(default_factory=lambda: MappingProxyType({}))
    avoided: frozenset[RegionSide] = frozenset()

    def __post_init__(self) -> None:
        clean = {rs: s for rs, s in self.soreness.items() if rs not in self.avoided}
        for rs, level in clean.items():
            if level is not None and not 0 <= level <= 10:
                raise ValueError(f"soreness of {rs.key} must be 0–10, not {level}")
        ordered = dict(sorted(clean.items(), key=lambda item: _ORDER[item[0]]))
        object.__setattr__(self, "soreness", MappingProxyType(ordered))

    @property
    def selected(self) -> tuple[RegionSide, ...]:
        """Selected places in body order, head to foot."""
        return tuple(self.soreness)

    def is_selected(self, place: RegionSide) -> bool:
        return place in self.soreness

    def is_avoided(self, place: RegionSide) -> bool:
        return place in self.avoided

    def toggled(self, place: RegionSide) -> Selection:
        if place in self.avoided:
            return self
        if place in self.soreness:
            return self.without(place)
        return self.with_soreness(place, None)

    def with_soreness(self, place: RegionSide, level: int | None) -> Selection:
        if place in self.avoided:
            return self
        return replace(self, soreness={**self.soreness, place: level})

    def without(self, place: RegionSide) -> Selection:
        return replace(self, soreness={rs: s for rs, s in self.soreness.items() if rs != place})

    def cleared(self) -> Selection:
        return Selection(avoided=self.avoided)

    def with_avoided(self, place: RegionSide, avoided: bool = True) -> Selection:
        marks = self.avoided | {place} if avoided else self.avoided - {place}
        return Selection(self.soreness, frozenset(marks))

    @classmethod
    def of(cls, places: Iterable[RegionSide], avoided: Iterable[RegionSide] = ()) -> Selection:
        return cls({rs: None for rs in places}, frozenset(avoided))

    @property
    def avoided_keys(self) -> list[str]:
        """The avoid marks as shape keys in body order, as the settings keep them."""
        return [rs.key for rs in sorted(self.avoided, key=_ORDER.__getitem__)]


def places_from_keys(keys: Iterable[str]) -> tuple[frozenset[RegionSide], list[str]]:
    """Places from keys such as ``calves-left``; also the keys that name no place."""
    places: set[RegionSide] = set()
    unknown: list[str] = []
    for key in keys:
        try:
            places.add(RegionSide.parse(key))
        except ValueError:
            unknown.append(key)
    return frozenset(places), unknown
