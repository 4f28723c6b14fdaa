"""A breathing step written in the editor: added, its pattern and length changed, calm cues."""

from dataclasses import replace

from selfmassage.core.breathing import (
    COMMON_PATTERNS,
    DEFAULT_PATTERN,
    BreathPattern,
    parse_pattern,
)
from selfmassage.core.routine import CueStyle, Tool
from selfmassage.core.routine_draft import (
    BREATHING_MINUTES,
    RoutineDraft,
    added_step,
    breathing_minutes,
    new_breathing_step,
    new_step,
    with_breathing_minutes,
    with_pattern,
)
from selfmassage.core.routine_file import dump_routine, parse_routine
from selfmassage.core.step_cues import step_cues
from selfmassage.core.timeline import CueKind, CueOptions


def test_a_new_breathing_step_is_valid_and_saves_as_version_2() -> None:
    step = new_breathing_step()
    assert step.breathing == DEFAULT_PATTERN and step.side is None
    assert step.seconds == 180 and step.name == "Slow breathing"
    assert "in for 4 s, out for 6 s" in step.instructions
    draft = added_step(RoutineDraft(title="Evening"), step)
    result = draft.check()
    assert result.errors == () and result.routine is not None
    assert draft.document()["version"] == 2
    saved = result.routine.steps[0]
    assert saved.is_breathing and saved.breathing == DEFAULT_PATTERN and saved.seconds == 180


def test_a_new_pattern_rewrites_the_apps_own_instructions_but_keeps_a_physios() -> None:
    step = new_breathing_step()
    changed = with_pattern(step, BreathPattern(4, 2, 6))
    assert changed.breathing == BreathPattern(4, 2, 6)
    assert "in for 4 s, hold for 2 s, out for 6 s" in changed.instructions
    own = replace(step, instructions="Breathe with your belly.")
    assert with_pattern(own, BreathPattern(5, 0, 5)).instructions == "Breathe with your belly."
    # A massage step has no pattern to change.
    massage = new_step("neck", Tool.HANDS, None)
    assert with_pattern(massage, BreathPattern(5, 0, 5)) is massage


def test_the_length_is_whole_minutes_in_the_pacers_range() -> None:
    step = new_breathing_step()
    assert BREATHING_MINUTES == (1, 10)
    assert with_breathing_minutes(step, 7).seconds == 420
    assert with_breathing_minutes(step, 0).seconds == 60
    assert with_breathing_minutes(step, 30).seconds == 600
    assert breathing_minutes(replace(step, seconds=90)) == 2  # a file's 90 s, to the nearest
    assert breathing_minutes(replace(step, seconds=1800)) == 10


def test_the_patterns_offered_are_the_pacers_and_each_saves() -> None:
    assert [p.label for p in COMMON_PATTERNS] == ["4-6", "4-2-6", "5-5", "3-5", "4-7-8"]
    for pattern in COMMON_PATTERNS:
        assert parse_pattern(pattern.label) == pattern
        draft = RoutineDraft(title="T", steps=(with_pattern(new_breathing_step(), pattern),))
        checked = draft.check().routine
        assert checked is not None
        routine = parse_routine(dump_routine(checked)).routine
        assert routine is not None and routine.steps[0].breathing == pattern


def test_calm_alone_saves_as_version_2_and_full_massage_alone_as_version_1() -> None:
    massage = RoutineDraft(title="T", steps=(new_step("neck", Tool.HANDS, None),))
    assert massage.document()["version"] == 1
    calm = replace(massage, cues=CueStyle.CALM)
    assert calm.document()["version"] == 2 and calm.document()["cues"] == "calm"
    result = calm.check()
    assert result.routine is not None and result.routine.cues is CueStyle.CALM


def test_the_cues_of_a_breathing_step_are_its_breaths_and_calm_drops_the_timing() -> None:
    step = with_breathing_minutes(new_breathing_step(), 1)
    cues = step_cues(step, None, options=CueOptions())
    breaths = [cue for cue in cues.cues if cue.kind is CueKind.BREATH]
    assert len(breaths) == 11  # six breaths a minute, in and out; the first "in" starts it
    assert {cue.origin for cue in breaths} == {"Breath"}
    calm = step_cues(step, None, style=CueStyle.CALM).cues
    assert [c.text for c in calm if c.kind is CueKind.BREATH] == [c.text for c in breaths]
    massage = new_step("calves", Tool.HANDS, None)
    full_kinds = {cue.kind for cue in step_cues(massage, None).cues}
    calm_kinds = {cue.kind for cue in step_cues(massage, None, style=CueStyle.CALM).cues}
    assert CueKind.HALFWAY in full_kinds and CueKind.HALFWAY not in calm_kinds
