"""What the voice says of places, tools and sides: lay words for a tired listener."""

from __future__ import annotations

import re

import pytest

from selfmassage.core.anatomy import REGIONS
from selfmassage.core.catalog import load_catalog
from selfmassage.core.routine import Pacing, Routine, Step, StepSide, Tool
from selfmassage.core.timeline import CueKind, build_timeline
from selfmassage.core.words import spoken_place, switch_words

LATIN = re.compile(
    r"latissimus|trapezius|deltoid|pectoral|rhomboid|quadriceps|adductor|hamstring|"
    r"tibialis|plantar|glute|flexor|biceps|triceps|abdomen|with your hands",
    re.IGNORECASE,
)
"""Names a tired listener may not know, for the place the voice names."""
SPOKEN_NEVER = re.compile(
    r"latissimus|trapezius|deltoid|pectoral|rhomboid|quadriceps|adductor|tibialis|"
    r"plantar|with your hands",
    re.IGNORECASE,
)
"""Not even in a start line or a prompt (biceps, triceps and glutes are lay words)."""


def test_every_region_has_lay_spoken_names() -> None:
    assert spoken_place("hamstrings", "left") == "the back of your left thigh"
    assert spoken_place("upper-traps", "right") == "the top of your right shoulder"
    assert spoken_place("lats", "left") == "the left side of your back"
    assert spoken_place("calves", None) == "your calves"
    assert spoken_place("neck", None) == "the back of your neck"
    for reg in REGIONS:
        for side in ("left", "right", None) if reg.sided else (None,):
            words = spoken_place(reg.id, side)
            assert not LATIN.search(words), (reg.id, words)
            if side:
                assert side in words


def test_switch_names_the_limb() -> None:
    assert switch_words("feet", "right") == "Switch to your right foot."
    assert switch_words("hands", "left") == "Switch to your left hand."
    assert switch_words("calves", "right") == "Switch to your right leg."
    assert switch_words("forearms", "right") == "Switch to your right arm."
    assert switch_words("lats", "right") == "Switch to your right side."


@pytest.mark.parametrize("switch", [0, 5])
def test_no_spoken_line_of_any_technique_uses_a_latin_name_or_with_your_hands(
    switch: int,
) -> None:
    catalog = load_catalog()
    steps = tuple(
        Step(t.region, 40, StepSide.BOTH if t.region != "neck" else None, t.tool, t.id)
        for t in catalog.techniques
    )
    timeline = build_timeline(Routine("All", steps), Pacing(10, switch), techniques=catalog.get)
    spoken = [
        c.text
        for c in timeline.cues
        if c.voice and c.kind in (CueKind.ANNOUNCE, CueKind.NEXT, CueKind.SWITCH_SIDE)
    ]
    assert spoken
    for text in spoken:
        assert not SPOKEN_NEVER.search(text), text
    hands = [t for t in spoken if "by hand" in t]
    assert hands and all(Tool.HANDS.label.lower() + "," not in t for t in spoken)
