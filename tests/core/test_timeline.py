from __future__ import annotations

import itertools
import wave
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfmassage.core import routine as r
from selfmassage.core.anatomy import REGIONS, Side
from selfmassage.core.assets import asset_path
from selfmassage.core.routine import Pacing, Routine, Step, StepSide, Tool, plan
from selfmassage.core.timeline import (
    BEEP_SECONDS,
    FIXED_KINDS,
    PRIORITY,
    Beep,
    CountdownStyle,
    CueKind,
    CueLevel,
    CueOptions,
    SegmentKind,
    build_timeline,
    first_sentence,
    options_from_settings,
    spoken_seconds,
)


def calf_and_quads() -> Routine:
    return Routine(
        "Post-run",
        (
            Step(
                "calves",
                60,
                tool=Tool.FOAM_ROLLER,
                instructions="Sit with the roller under your calf. Roll slowly from ankle to knee.",
                cues=(r.Cue(20, "Turn your foot out to reach the inner calf."),),
            ),
            Step("quads", 45, tool=Tool.FOAM_ROLLER, side=StepSide.RIGHT),
            Step("neck", 30, instructions="Knead the back of your neck"),
        ),
    )


@dataclass(frozen=True)
class FakeTechnique:
    start: str
    prompts: tuple[str, ...]
    boundary: str | None = None
    instructions: str = ""


def test_segments_cover_the_routine_in_order() -> None:
    timeline = build_timeline(
        calf_and_quads(), Pacing(transition_seconds=10, switch_side_seconds=5)
    )
    shape = [(s.kind, s.step_index, s.side, s.start, s.end) for s in timeline.segments]
    # Every step, the first too, starts with its get-ready.
    assert shape == [
        (SegmentKind.TRANSITION, 0, Side.LEFT, 0, 10),
        (SegmentKind.WORK, 0, Side.LEFT, 10, 70),
        (SegmentKind.SWITCH_SIDE, 0, Side.RIGHT, 70, 75),
        (SegmentKind.WORK, 0, Side.RIGHT, 75, 135),
        (SegmentKind.TRANSITION, 1, Side.RIGHT, 135, 145),
        (SegmentKind.WORK, 1, Side.RIGHT, 145, 190),
        (SegmentKind.TRANSITION, 2, None, 190, 200),
        (SegmentKind.WORK, 2, None, 200, 230),
    ]
    assert timeline.total_seconds == 230
    assert timeline.finish.at == 230


def test_cue_texts_are_short_and_natural() -> None:
    timeline = build_timeline(calf_and_quads())
    said = [(c.at, c.kind, c.text) for c in timeline.cues if c.kind is not CueKind.COUNTDOWN]
    assert said == [
        (0, CueKind.ANNOUNCE, "Your left calf, foam roller. Sit with the roller under your calf."),
        (10, CueKind.ANNOUNCE, "Go: your left calf."),
        (30, CueKind.CUSTOM, "Turn your foot out to reach the inner calf."),
        (40, CueKind.HALFWAY, "Halfway."),
        (60, CueKind.REMAINING, "Ten seconds left."),
        (70, CueKind.SWITCH_SIDE, "Switch to your right leg."),
        (75, CueKind.ANNOUNCE, "Your right calf."),
        (95, CueKind.CUSTOM, "Turn your foot out to reach the inner calf."),
        (105, CueKind.HALFWAY, "Halfway."),
        (125, CueKind.REMAINING, "Ten seconds left."),
        (135, CueKind.ANNOUNCE, "The front of your right thigh, foam roller."),
        (145, CueKind.ANNOUNCE, "Go: the front of your right thigh."),
        (167.5, CueKind.HALFWAY, "Halfway."),
        (180, CueKind.REMAINING, "Ten seconds left."),
        (190, CueKind.ANNOUNCE, "The back of your neck, by hand. Knead the back of your neck."),
        (200, CueKind.ANNOUNCE, "Go: the back of your neck."),
        (220, CueKind.REMAINING, "Ten seconds left."),
        (230, CueKind.FINISH, "Well done. That is the end of your routine."),
    ]
    countdown = [(c.at, c.text, c.voice, c.beep) for c in timeline.segments[1].cues[-3:]]
    assert countdown == [
        (67, "3", False, Beep.COUNTDOWN),
        (68, "2", False, Beep.COUNTDOWN),
        (69, "1", False, Beep.COUNTDOWN),
    ]


def test_named_step_and_technique_lines() -> None:
    step = Step(
        "calves",
        60,
        side=StepSide.LEFT,
        tool=Tool.MASSAGE_BALL,
        technique="calves.massage-ball.pin",
        name="Calf pin and stretch",
        instructions="The catalog's own  words.",
    )
    lines = FakeTechnique(
        "Sit with the ball under your calf.",
        ("Breathe out.", "Flex the foot."),
        instructions="The catalog's own words.",
    )
    timeline = build_timeline(
        Routine("x", (step,)), techniques=lambda tid: lines if tid == step.technique else None
    )
    ready, work = timeline.segments[0].cues, timeline.segments[1].cues
    assert ready[0].text == (
        "Calf pin and stretch. Your left calf, massage ball. Sit with the ball under your calf."
    )
    prompts = [(c.at, c.text) for c in work if c.kind is CueKind.PROMPT]
    assert prompts == [(25.0, "Breathe out."), (45.0, "Flex the foot.")]


def test_countdown_in_words_and_off() -> None:
    routine = Routine("x", (Step("neck", 20),))
    words = build_timeline(routine, options=CueOptions(countdown=CountdownStyle.WORDS))
    assert [(c.at, c.text, c.voice) for c in words.cues if c.kind is CueKind.COUNTDOWN] == [
        (27, "Three", True),
        (28, "Two", True),
        (29, "One", True),
    ]
    off = build_timeline(routine, options=CueOptions(countdown=CountdownStyle.OFF))
    assert not [c for c in off.cues if c.kind is CueKind.COUNTDOWN]


def test_remaining_is_configurable() -> None:
    routine = Routine("x", (Step("neck", 120),))
    timeline = build_timeline(routine, options=CueOptions(remaining=(60, 10, 90)))
    remaining = [(c.at, c.text) for c in timeline.cues if c.kind is CueKind.REMAINING]
    # 90 s before the end of a 120 s step is more than half of it: not said.
    assert remaining == [(70, "One minute left."), (120, "Ten seconds left.")]


def test_levels() -> None:
    routine = calf_and_quads()
    minimal = build_timeline(routine, options=CueOptions(level=CueLevel.MINIMAL))
    spoken = {c.kind for c in minimal.cues if c.voice}
    assert spoken == {CueKind.ANNOUNCE, CueKind.SWITCH_SIDE, CueKind.FINISH}
    shown = {c.kind for c in minimal.cues}
    assert CueKind.CUSTOM in shown and CueKind.HALFWAY in shown

    beeps = build_timeline(routine, options=CueOptions(level=CueLevel.BEEPS))
    assert not any(c.voice for c in beeps.cues)
    assert {c.beep for c in beeps.cues} == {Beep.START, Beep.COUNTDOWN, Beep.FINISH, None}

    silent = build_timeline(routine, options=CueOptions(level=CueLevel.SILENT))
    assert not any(c.sounds for c in silent.cues)
    assert len(silent.cues) >= len(build_timeline(routine).cues)


def test_a_lower_cue_waits_for_a_higher_one() -> None:
    # A custom cue 2 s into the work would talk over "Go": it waits until "Go" is done.
    step = Step("neck", 60, instructions="Knead the back of your neck.", cues=(r.Cue(2, "Relax."),))
    timeline = build_timeline(Routine("x", (step,)))
    announce, custom = timeline.segments[1].cues[0], timeline.segments[1].cues[1]
    assert (announce.at, announce.text) == (10, "Go: the back of your neck.")
    assert custom.kind is CueKind.CUSTOM
    options = CueOptions()
    # "Go" is a beep and then the words: the next cue waits for both.
    assert announce.beep is Beep.START
    said = BEEP_SECONDS[Beep.START] + spoken_seconds(announce.text, options.words_per_minute)
    assert custom.at == pytest.approx(announce.at + said + options.gap, abs=0.001)
    assert custom.at > 12


def test_a_cue_that_cannot_wait_is_dropped() -> None:
    # The second cue at 19 s cannot start within max_wait of the long first one: dropped,
    # like the halfway cue. "Ten seconds left" cannot move, and a custom cue (the physio's
    # own words) outranks it: dropped too.
    long = "Keep rolling slowly and breathe out every time you find a tender spot on the calf."
    step = Step(
        "neck", 40, cues=(r.Cue(19, long), r.Cue(19, "Relax your shoulders."), r.Cue(28, long))
    )
    timeline = build_timeline(Routine("x", (step,)), options=CueOptions(max_wait=2))
    assert [(c.at, c.kind) for c in timeline.dropped] == [
        (29, CueKind.CUSTOM),
        (30, CueKind.HALFWAY),
        (40, CueKind.REMAINING),
    ]
    assert timeline.dropped[0].text == "Relax your shoulders."
    customs = [(c.at, c.text) for c in timeline.cues if c.kind is CueKind.CUSTOM]
    assert customs == [(29, long), (38, long)]

    with_room = build_timeline(Routine("x", (step,)), options=CueOptions(max_wait=10))
    waited = [c for c in with_room.cues if c.kind in (CueKind.CUSTOM, CueKind.HALFWAY)]
    assert [c.text for c in waited] == [long, "Relax your shoulders.", "Halfway.", long]
    assert 29 + spoken_seconds(long, 160) < waited[1].at < waited[2].at < 38


def assert_no_overlaps(timeline_cues: list[tuple[float, float]]) -> None:
    ordered = sorted(timeline_cues)
    for (start_a, end_a), (start_b, _end_b) in itertools.pairwise(ordered):
        assert end_a <= start_b + 1e-9, f"cue at {start_a} talks over the one at {start_b}"


def sounding(timeline_cues: tuple, options: CueOptions) -> list[tuple[float, float]]:  # type: ignore[type-arg]
    result = []
    for cue in timeline_cues:
        # The beep first (as long as its sound file), then the words.
        beep = BEEP_SECONDS[cue.beep] if cue.beep is not None else 0.0
        words = spoken_seconds(cue.text, options.words_per_minute) if cue.voice else 0.0
        if beep or words:
            result.append((cue.at, cue.at + beep + words))
    return result


_SIDED = [reg.id for reg in REGIONS if reg.sided]
_MIDLINE = [reg.id for reg in REGIONS if not reg.sided]


@st.composite
def routines(draw: st.DrawFn) -> Routine:
    steps = []
    for _ in range(draw(st.integers(1, 6))):
        seconds = draw(st.integers(5, 200))
        cues = tuple(
            r.Cue(draw(st.integers(0, seconds - 1)), draw(st.sampled_from(["Relax.", "Breathe."])))
            for _ in range(draw(st.integers(0, 4)))
        )
        if draw(st.booleans()):
            side = draw(st.sampled_from(list(StepSide)))
            steps.append(Step(draw(st.sampled_from(_SIDED)), seconds, side=side, cues=cues))
        else:
            steps.append(Step(draw(st.sampled_from(_MIDLINE)), seconds, cues=cues))
    return Routine("generated", tuple(steps))


@settings(max_examples=150, deadline=None)
@given(
    routine=routines(),
    transition=st.integers(0, 20),
    switch=st.integers(0, 10),
    countdown=st.sampled_from(list(CountdownStyle)),
)
def test_totals_match_the_plan_and_no_cue_talks_over_another(
    routine: Routine, transition: int, switch: int, countdown: CountdownStyle
) -> None:
    pacing = Pacing(transition_seconds=transition, switch_side_seconds=switch)
    options = CueOptions(countdown=countdown)
    timeline = build_timeline(routine, pacing, options)
    assert timeline.total_seconds == plan(routine, pacing).total_seconds
    # Segments tile the time line with no gap.
    ends = [0] + [s.end for s in timeline.segments[:-1]]
    assert [s.start for s in timeline.segments] == ends
    assert_no_overlaps(sounding(timeline.cues, options))
    for segment in timeline.segments:
        for cue in segment.cues:
            assert segment.start <= cue.at < segment.end
    # Every work segment starts with an announce (or a switch-side): never dropped.
    for segment in timeline.segments:
        if segment.kind is SegmentKind.WORK:
            assert segment.cues[0].at == segment.start
            assert segment.cues[0].kind in (CueKind.ANNOUNCE, CueKind.SWITCH_SIDE)


def test_priority_rule_is_total_and_fixed_kinds_are_the_timely_ones() -> None:
    assert set(PRIORITY) == set(CueKind)
    timely = {CueKind.ANNOUNCE, CueKind.SWITCH_SIDE, CueKind.COUNTDOWN, CueKind.REMAINING}
    assert timely | {CueKind.FINISH, CueKind.BREATH} == FIXED_KINDS


def test_zero_pauses_put_the_switch_on_the_second_side() -> None:
    routine = Routine("x", (Step("calves", 20), Step("feet", 20, side=StepSide.LEFT)))
    timeline = build_timeline(routine, Pacing(0, 0))
    assert [s.kind for s in timeline.segments] == [SegmentKind.WORK] * 3
    assert timeline.segments[1].cues[0].kind is CueKind.SWITCH_SIDE
    assert timeline.segments[1].cues[0].text == "Switch to your right leg."
    assert timeline.segments[2].cues[0].text == "The sole of your left foot, by hand."


def test_first_sentence() -> None:
    assert first_sentence("Sit down. Then roll.") == "Sit down."
    assert first_sentence("  Knead   gently ") == "Knead gently."
    assert first_sentence("") == ""
    long = " ".join(["word"] * 30) + "."
    assert len(first_sentence(long).split()) == 20


def test_spoken_seconds_grows_with_words() -> None:
    assert spoken_seconds("Halfway.", 160) < spoken_seconds("Ten seconds left.", 160)
    assert spoken_seconds("one two three four", 120) == pytest.approx(2.0 + 0.1)


def test_a_prompt_the_step_already_says_is_not_said_twice() -> None:
    step = Step("neck", 60, technique="t", cues=(r.Cue(40, "Breathe out."),))
    lines = FakeTechnique("Sit tall.", ("Breathe out.", "Drop your shoulders."))
    timeline = build_timeline(Routine("x", (step,)), techniques=lambda _tid: lines)
    said = [c.text for c in timeline.cues]
    assert said.count("Breathe out.") == 1
    assert "Drop your shoulders." in said


def test_options_from_settings() -> None:
    pacing, options = options_from_settings("minimal", "words", 25)
    assert pacing == Pacing(transition_seconds=25)
    assert (options.level, options.countdown) == (CueLevel.MINIMAL, CountdownStyle.WORDS)
    pacing, options = options_from_settings("loud", "drums", 500)
    assert pacing.transition_seconds == 60
    assert (options.level, options.countdown) == (CueLevel.FULL, CountdownStyle.BEEPS)


def test_a_step_with_its_own_text_speaks_its_own_lines() -> None:
    technique = FakeTechnique(
        "Hold on to a chair and put the ball under one foot.",
        ("Roll across the arch.",),
        instructions="Hold on to a chair and put the ball under one foot. Roll.",
    )
    shown = "Sit on the edge of the bed with a ball under your foot. Roll slowly."
    step = Step("feet", 40, StepSide.LEFT, Tool.MASSAGE_BALL, "t", instructions=shown)
    cues = build_timeline(Routine("x", (step,)), techniques=lambda _tid: technique).cues
    announce = cues[0].text
    assert announce.endswith("Sit on the edge of the bed with a ball under your foot.")
    assert "chair" not in " ".join(c.text for c in cues)
    assert CueKind.PROMPT not in [c.kind for c in cues]  # the catalog's would not fit
    own = Step(
        "feet",
        40,
        StepSide.LEFT,
        Tool.MASSAGE_BALL,
        "t",
        instructions=shown,
        start="Sit on the bed.",
        prompts=("Slow down on tender spots.",),
    )
    cues = build_timeline(Routine("x", (own,)), techniques=lambda _tid: technique).cues
    assert cues[0].text.endswith("Sit on the bed.")
    assert [c.text for c in cues if c.kind is CueKind.PROMPT] == ["Slow down on tender spots."]


def test_a_midline_step_switches_at_exactly_half_instead_of_halfway() -> None:
    from selfmassage.core.catalog import load_catalog

    catalog = load_catalog()
    for technique_id in ("neck.hands.knead", "upper-back.massage-ball.wall"):
        technique = catalog.get(technique_id)
        assert technique is not None
        step = Step(technique.region, 60, tool=technique.tool, technique=technique_id)
        timeline = build_timeline(Routine("x", (step,)), techniques=catalog.get)
        kinds = [c.kind for c in timeline.cues]
        assert CueKind.HALFWAY not in kinds
        (switch,) = [c for c in timeline.cues if c.kind is CueKind.SWITCH_SIDE]
        assert switch.at == 10 + 30.0  # after the get-ready, at half of the work
        assert switch.text in technique.prompts
        assert [c.text for c in timeline.cues].count(switch.text) == 1
    # A sided step keeps "Halfway" on each side; its switch is between the sides.
    calf = Step("calves", 60, StepSide.BOTH, Tool.FOAM_ROLLER, "calves.foam-roller.roll")
    said = [c.kind for c in build_timeline(Routine("x", (calf,)), techniques=catalog.get).cues]
    assert said.count(CueKind.HALFWAY) == 2


def test_the_speech_estimate_follows_the_voice_rate() -> None:
    _, slow = options_from_settings("full", "beeps", 10, 80)
    _, usual = options_from_settings("full", "beeps", 10)
    _, fast = options_from_settings("full", "beeps", 10, 300)
    assert (slow.words_per_minute, usual.words_per_minute, fast.words_per_minute) == (
        70.0,
        160.0,
        290.0,
    )
    _, odd = options_from_settings("full", "beeps", 10, "fast")  # type: ignore[arg-type]
    assert odd.words_per_minute == 160.0
    step = Step("calves", 30, StepSide.LEFT, Tool.FOAM_ROLLER, "calves.foam-roller.roll")
    from selfmassage.core.catalog import load_catalog

    lookup = load_catalog().get
    quick = build_timeline(Routine("x", (step,)), options=fast, techniques=lookup)
    slowly = build_timeline(Routine("x", (step,)), options=slow, techniques=lookup)
    # A slow voice needs longer for the same words: later cues wait, or are left out.
    assert len(slowly.dropped) >= len(quick.dropped)
    safety_quick = next(c for c in quick.cues if c.kind is CueKind.SAFETY)
    safety_slow = next(c for c in slowly.cues if c.kind is CueKind.SAFETY)
    assert safety_slow.at > safety_quick.at


def test_the_get_ready_pause_says_name_and_start_line_and_work_starts_with_go() -> None:
    step = Step("hamstrings", 30, StepSide.LEFT, name="Thigh roll", instructions="Sit down.")
    routine = Routine("x", (Step("neck", 30), step))
    timeline = build_timeline(routine, Pacing(transition_seconds=10))
    first_ready, first_work = timeline.segments[0], timeline.segments[1]
    assert first_ready.kind is SegmentKind.TRANSITION and first_ready.step_index == 0
    assert [(c.at, c.text) for c in first_ready.cues] == [(0.0, "The back of your neck, by hand.")]
    assert first_work.cues[0].text == "Go: the back of your neck."
    ready, work = timeline.segments[2], timeline.segments[3]
    assert ready.kind is SegmentKind.TRANSITION and work.kind is SegmentKind.WORK
    assert [(c.at, c.text) for c in ready.cues] == [
        (40.0, "Thigh roll. The back of your left thigh, by hand. Sit down.")
    ]
    assert work.cues[0].text == "Go: the back of your left thigh."
    assert work.cues[0].beep is Beep.START
    # A pause too short to say the place: the work starts with the whole announcement.
    short = build_timeline(routine, Pacing(transition_seconds=1))
    assert short.segments[2].cues == ()
    assert short.segments[3].cues[0].text.startswith("Thigh roll. The back of your left thigh")
    # No get-ready at all (set to 0 s): the work itself starts with the announcement.
    none = build_timeline(routine, Pacing(transition_seconds=0))
    assert [s.kind for s in none.segments] == [SegmentKind.WORK, SegmentKind.WORK]
    assert none.segments[1].cues[0].text.startswith("Thigh roll. The back of your left thigh")


def test_each_beep_s_time_is_the_sound_file_s() -> None:
    # The timeline counts a beep's length before the words that follow it: the lengths
    # are the app's own sound files'.
    for beep, seconds in BEEP_SECONDS.items():
        with wave.open(str(asset_path("sounds", f"{beep.value}.wav"))) as sound:
            assert sound.getnframes() / sound.getframerate() == pytest.approx(seconds, abs=0.01)
    assert set(BEEP_SECONDS) == set(Beep)
