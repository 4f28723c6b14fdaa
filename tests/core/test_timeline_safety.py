"""The spoken boundary: a ``safety`` cue in the first 15 s of every side's work."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from selfmassage.core.catalog import load_catalog
from selfmassage.core.routine import Pacing, Routine, Step, StepSide
from selfmassage.core.timeline import (
    PRIORITY,
    SAFETY_WITHIN,
    CueKind,
    CueLevel,
    CueOptions,
    SegmentKind,
    build_timeline,
    spoken_seconds,
)

CATALOG = load_catalog()
BOUNDED = [t for t in CATALOG.techniques if t.boundary]


@dataclass(frozen=True)
class Lines:
    start: str
    prompts: tuple[str, ...]
    boundary: str | None = None
    instructions: str = ""


def test_safety_outranks_prompts_and_seconds_left() -> None:
    assert PRIORITY[CueKind.SAFETY] > PRIORITY[CueKind.PROMPT]
    assert PRIORITY[CueKind.SAFETY] > PRIORITY[CueKind.REMAINING]
    assert PRIORITY[CueKind.SAFETY] > PRIORITY[CueKind.CUSTOM]


@pytest.mark.parametrize("seconds", [30, 45, 90])
@pytest.mark.parametrize("level", [CueLevel.FULL, CueLevel.MINIMAL])
@pytest.mark.parametrize("switch", [0, 5])
def test_every_bounded_technique_says_its_boundary_early_on_every_side(
    seconds: int, level: CueLevel, switch: int
) -> None:
    options = CueOptions(level=level)
    pacing = Pacing(transition_seconds=10, switch_side_seconds=switch)
    steps = tuple(
        Step(t.region, seconds, tool=t.tool, technique=t.id, name=t.name) for t in BOUNDED
    )
    timeline = build_timeline(Routine("All", steps), pacing, options, CATALOG.get)
    assert [c for c in timeline.dropped if c.kind is CueKind.SAFETY] == []
    for segment in timeline.segments:
        if segment.kind is not SegmentKind.WORK:
            continue
        technique = CATALOG.get(timeline.step(segment).technique or "")
        assert technique is not None
        (safety,) = [c for c in segment.cues if c.kind is CueKind.SAFETY]
        assert safety.text == technique.boundary and safety.voice
        assert safety.at <= segment.start + SAFETY_WITHIN, technique.id
        said_by = safety.at + spoken_seconds(safety.text, options.words_per_minute)
        assert said_by <= segment.end, technique.id
        # Right after the announcement: nothing else is said between them.
        said = [c for c in segment.cues if c.voice]
        assert said[0].kind in (CueKind.ANNOUNCE, CueKind.SWITCH_SIDE)
        assert said[1] is safety


def test_a_safety_cue_keeps_its_place_when_seconds_left_would_talk_over_it() -> None:
    boundary = (
        "Stop below the back of the knee and above the heel cord, and move off any "
        "spot that tingles or goes numb."
    )
    step = Step("calves", 20, StepSide.LEFT, technique="t")
    timeline = build_timeline(
        Routine("x", (step,)), techniques=lambda _tid: Lines("Sit.", ("Breathe.",), boundary)
    )
    kinds = [c.kind for c in timeline.work_segments(0)[0].cues]
    assert CueKind.SAFETY in kinds
    assert CueKind.REMAINING not in kinds
    assert CueKind.REMAINING in [c.kind for c in timeline.dropped]


def test_no_boundary_no_safety_cue_and_beeps_only_show_it() -> None:
    step = Step("calves", 60, StepSide.BOTH, technique="t")
    silent = build_timeline(
        Routine("x", (step,)), techniques=lambda _tid: Lines("Sit.", ("Breathe.",))
    )
    assert CueKind.SAFETY not in [c.kind for c in silent.cues]
    beeps = build_timeline(
        Routine("x", (step,)),
        options=CueOptions(level=CueLevel.BEEPS),
        techniques=lambda _tid: Lines("Sit.", (), "Stop below the back of the knee."),
    )
    shown = [c for c in beeps.cues if c.kind is CueKind.SAFETY]
    assert len(shown) == 2 and not any(c.voice for c in shown)
