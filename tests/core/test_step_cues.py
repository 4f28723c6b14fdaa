"""The cues one step says, for the routine editor: the timeline's own, nothing else."""

from __future__ import annotations

from selfmassage.core.catalog import load_catalog
from selfmassage.core.routine import Routine, Tool
from selfmassage.core.routine_draft import CueDraft, RoutineDraft, StepDraft
from selfmassage.core.step_cues import step_cues
from selfmassage.core.step_lines import first_sentence
from selfmassage.core.timeline import CueKind, SegmentKind, build_timeline


def _calf_roll(*cues: CueDraft) -> StepDraft:
    catalog = load_catalog()
    technique = catalog.default_for("calves", Tool.FOAM_ROLLER)
    assert technique is not None
    return StepDraft(
        region="calves",
        side="both",
        seconds=90,
        tool=technique.tool.value,
        technique=technique.id,
        name=technique.name,
        instructions=technique.instructions,
        cues=cues,
    )


def test_the_techniques_start_line_prompts_and_boundary_are_listed() -> None:
    catalog = load_catalog()
    step = _calf_roll(CueDraft(20, "Turn your foot out."))
    technique = catalog.get(step.technique)
    assert technique is not None and technique.boundary
    shown = step_cues(step, catalog)
    assert [part.kind for part in shown.parts] == [
        SegmentKind.TRANSITION,
        SegmentKind.WORK,
        SegmentKind.SWITCH_SIDE,
        SegmentKind.WORK,
    ]
    switch = shown.parts[2].seconds
    assert [part.title for part in shown.parts] == [
        "Getting ready · 10 s",
        "Left side · 90 s",
        f"Switching sides · {switch} s",
        "Right side · 90 s",
    ]
    [ready] = [cue for cue in shown.cues if cue.part == 0]
    assert ready.kind is CueKind.ANNOUNCE and ready.at == 0
    assert first_sentence(technique.start) in ready.text
    assert ready.source == "Start: the place, and the technique's start line"
    left = [cue for cue in shown.cues if cue.part == 1]
    assert left[0].kind is CueKind.ANNOUNCE and left[0].at == 0  # "Go: ..."
    safety = [cue for cue in left if cue.kind is CueKind.SAFETY]
    assert [cue.text for cue in safety] == [technique.boundary]
    assert safety[0].source == "Technique: where to stop" and safety[0].origin == "Safety"
    prompts = {cue.text for cue in left if cue.kind is CueKind.PROMPT}
    assert prompts and prompts <= set(technique.prompts)
    assert {cue.source for cue in left if cue.kind is CueKind.PROMPT} == {"Technique: prompt"}
    assert any(cue.kind is CueKind.HALFWAY for cue in left)
    assert any(cue.kind is CueKind.REMAINING for cue in left)
    mine = [cue for cue in shown.cues if cue.kind is CueKind.CUSTOM]
    assert [(cue.part, cue.own, cue.at, cue.source) for cue in mine] == [
        (1, 0, 20.0, "Your cue 1"),
        (3, 0, 20.0, "Your cue 1"),
    ]
    # In time order within each part.
    for part in range(len(shown.parts)):
        times = [cue.at for cue in shown.cues if cue.part == part]
        assert times == sorted(times)


def test_it_is_exactly_what_the_timeline_of_a_routine_says() -> None:
    catalog = load_catalog()
    second = _calf_roll(CueDraft(30, "Breathe out as you roll."))
    draft = RoutineDraft(title="Two", steps=(StepDraft(region="neck", side=None), second))
    routine = draft.check().routine
    assert isinstance(routine, Routine)
    timeline = build_timeline(routine, techniques=catalog.get)
    said = [
        (round(cue.at - segment.start, 3), cue.text)
        for segment in timeline.segments
        if segment.step_index == 1
        for cue in segment.cues
        if cue.voice
    ]
    shown = step_cues(second, catalog)
    assert shown.parts[0].kind is SegmentKind.TRANSITION  # the get-ready pause before it
    listed = [(round(cue.at, 3), cue.text) for cue in shown.cues if cue.said]
    assert sorted(listed) == sorted(said)


def test_own_cues_that_are_not_said_say_why() -> None:
    step = _calf_roll(
        CueDraft(1, "Too early to be heard."),  # over the start: no free moment on the left
        CueDraft(95, "After the end."),
        CueDraft(10, "  "),
    )
    shown = step_cues(step, load_catalog())
    left = {cue.own: cue for cue in shown.cues if cue.part == 1 and cue.own is not None}
    assert not left[0].said
    assert left[0].source == "Your cue 1: not said, other cues fill that moment"
    assert left[0].origin == "Yours: not said"
    assert left[1].source == "Your cue 2: not said, it comes after the end of the step"
    assert left[2].source == "Your cue 3: not said, it has no words yet"


def test_a_step_of_its_own_words_speaks_its_instructions_first_sentence() -> None:
    step = StepDraft(
        region="neck",
        side=None,
        seconds=60,
        name="Neck release",
        instructions="Sit tall and let your chin drop. Then turn slowly.",
    )
    shown = step_cues(step, None)
    assert [part.title for part in shown.parts] == ["Getting ready · 10 s", "The step · 60 s"]
    start = shown.cues[0]
    assert "Sit tall and let your chin drop." in start.text
    assert start.source == "Start: the place, and the first sentence of the instructions"
    assert not any(cue.kind is CueKind.PROMPT for cue in shown.cues)
