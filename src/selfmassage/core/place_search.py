"""Which places a person means when they type in the Library's search: "calf", "lower
back", "bum", "heel", "IT band" as well as the names on the map ("Quadriceps").

A word names a region when it starts one of the region's terms: the map's name, how one
side is called, and the lay words below. "Back" finds the back's regions, not "back
of the neck": such a term is reached only by words past its "of".
"""

from __future__ import annotations

import re
from functools import cache

from selfmassage.core.anatomy import REGIONS, side_label
from selfmassage.core.language import ENGLISH, current_language

# Lay words people use for each region, beside its name on the map.
_LAY_TERMS: dict[str, tuple[str, ...]] = {
    "neck": ("nape", "back of the neck"),
    "upper-traps": ("traps", "trapezius", "shoulder", "top of the shoulder", "shoulder ridge"),
    "shoulders": ("shoulder", "deltoid", "delts"),
    "chest": ("pecs", "pectoral"),
    "upper-back": (
        "back",
        "between the shoulder blades",
        "mid back",
        "middle back",
        "rhomboid",
    ),
    "lats": ("back", "side of the back", "lats", "lat"),
    "lower-back": ("back", "low back", "small of the back", "lumbar"),
    "abdomen": ("belly", "stomach", "tummy", "abs"),
    "biceps": ("arm", "upper arm", "front of the arm"),
    "triceps": ("arm", "upper arm", "back of the arm"),
    "forearms": ("arm", "wrist"),
    "hands": ("palm", "finger", "thumb"),
    "glutes": ("buttock", "bum", "butt", "bottom", "hip", "seat"),
    "hip-flexors": ("hip", "front of the hip", "psoas"),
    "outer-thighs": ("thigh", "side of the hip", "hip", "it band", "itb", "iliotibial band", "leg"),
    "quads": ("quads", "thigh", "front of the thigh", "leg"),
    "adductors": ("thigh", "leg"),
    "hamstrings": ("hams", "thigh", "back of the thigh", "leg"),
    "calves": ("calves", "lower leg", "leg"),
    "shins": ("lower leg", "leg", "front of the lower leg"),
    "feet": ("foot", "sole", "arch", "heel", "toes", "plantar"),
}


# "back of the thigh" names the thigh: "back" alone does not reach it.
_RELATIVE = re.compile(r"^(back|front|side|top) of (the )?")


def normalised(text: str) -> str:
    """Lower case, one space between words, no punctuation: "IT-band " -> "it band"."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _terms() -> dict[str, tuple[str, ...]]:
    return _terms_in(current_language())


@cache
def _terms_in(language: str) -> dict[str, tuple[str, ...]]:
    """Each region's search terms: its names in English and, in another language, its
    names there too (the lay words are English only)."""
    terms: dict[str, tuple[str, ...]] = {}
    for region in REGIONS:
        names = _names(region.english_name, region.english_singular)
        if language != ENGLISH:
            names += _names(region.name, region.singular)
            names += [side_label(region.id, side) for side in ("left", "right") if region.sided]
        names.append(region.id)
        names += _LAY_TERMS.get(region.id, ())
        terms[region.id] = tuple(dict.fromkeys(normalised(name) for name in names))
    return terms


def _names(name: str, singular: str) -> list[str]:
    names = [name, name.split(" (")[0], singular]
    inside = re.findall(r"\(([^)]*)\)", name)  # "Feet (plantar fascia)"
    return names + [part for text in inside for part in text.split(",")]


def places_named(query: str) -> frozenset[str]:
    """The region ids ``query`` names; empty for an empty query or no match."""
    wanted = normalised(query)
    if not wanted:
        return frozenset()
    tries = [wanted]
    if wanted.endswith("s") and len(wanted) > 3:
        tries.append(wanted[:-1])  # "hips", "shoulders", "arms"
    return frozenset(
        region_id
        for region_id, terms in _terms().items()
        if any(_starts(term, attempt) for term in terms for attempt in tries)
    )


def _starts(term: str, query: str) -> bool:
    relative = _RELATIVE.match(term)
    return term.startswith(query) and (relative is None or len(query) > relative.end())
