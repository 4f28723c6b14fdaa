"""Timing made for listening: every step, the first too, starts with a get-ready that
says how to get into place; the pause between sides is long enough to turn over when
the step is done lying on the side or face down."""

from __future__ import annotations

from selfmassage.core.catalog import load_catalog
from selfmassage.core.routine import Pacing, Routine, Step, StepSide, plan
from selfmassage.core.timeline import CueKind, CueOptions, SegmentKind, build_timeline
from selfmassage.core.tools import Position
from selfmassage.core.turning import turns_over

CATALOG = load_catalog()


def _step(technique_id: str, seconds: int = 30, **kwargs: object) -> Step:
    technique = CATALOG.get(technique_id)
    assert technique is not None
    return Step(
        technique.region,
        seconds,
        tool=technique.tool,
        technique=technique_id,
        instructions=technique.instructions,
        **kwargs,  # type: ignore[arg-type]
    )


def test_the_first_step_has_its_get_ready_and_the_plan_counts_it() -> None:
    routine = Routine("x", (_step("calves.hands.squeeze"), _step("neck.hands.knead")))
    pacing = Pacing(transition_seconds=12, switch_side_seconds=5)
    timeline = build_timeline(routine, pacing, techniques=CATALOG.get)
    ready = timeline.segments[0]
    assert (ready.kind, ready.step_index, ready.start, ready.end) == (
        SegmentKind.TRANSITION,
        0,
        0,
        12,
    )
    technique = CATALOG.get("calves.hands.squeeze")
    assert technique is not None
    (announce,) = ready.cues
    assert announce.kind is CueKind.ANNOUNCE and announce.at == 0
    assert announce.text.endswith(technique.start)
    go = timeline.segments[1].cues[0]
    assert (go.at, go.text) == (12, "Go: your left calf.")
    # Two get-readies, one switch, the work: the plan and the timeline agree.
    timing = plan(routine, pacing)
    assert timing.transition_seconds == 2 * 12 + 5
    assert timing.total_seconds == 2 * 12 + 5 + 30 * 2 + 30 == timeline.total_seconds


def test_a_long_announcement_keeps_the_start_line_and_drops_the_name_first() -> None:
    line = "Sit on the floor with the roller under one calf and your hands flat behind you."
    step = Step("calves", 30, StepSide.LEFT, name="Slow calf roll", instructions=line)
    roomy = build_timeline(Routine("x", (step,)), Pacing(transition_seconds=20))
    assert roomy.segments[0].cues[0].text == f"Slow calf roll. Your left calf, by hand. {line}"
    # Name, place, tool and start line would not be over within a 10 s get-ready: the
    # step's own name goes first.
    usual = build_timeline(Routine("x", (step,)), Pacing(transition_seconds=10))
    assert usual.segments[0].cues[0].text == f"Your left calf, by hand. {line}"
    assert usual.segments[1].cues[0].text == "Go: your left calf."
    # A slow voice: the side and the start line, and "Go" names the place.
    slow_voice = CueOptions(words_per_minute=80)
    slow = build_timeline(Routine("x", (step,)), Pacing(transition_seconds=17), slow_voice)
    assert slow.segments[0].cues[0].text == f"Left leg first. {line}"
    assert slow.segments[1].cues[0].text == "Go: your left calf."


def test_lying_on_the_side_or_face_down_turns_over_between_sides() -> None:
    lying = {
        t.id
        for t in CATALOG.techniques
        if t.position in (Position.SIDE_LYING, Position.LYING_FACE_DOWN)
    }
    assert {"lats.foam-roller.side", "quads.foam-roller.roll"} <= lying
    for technique in CATALOG.techniques:
        assert turns_over(technique.id) is (technique.id in lying)
    assert not turns_over(None) and not turns_over("no.such.technique")

    pacing = Pacing(transition_seconds=10, switch_side_seconds=5, turn_over_seconds=10)
    for technique_id, pause in (
        ("lats.foam-roller.side", 10),
        ("outer-thighs.foam-roller.side", 10),
        ("quads.foam-roller.roll", 10),
        ("calves.hands.squeeze", 5),
        ("feet.massage-ball.roll", 5),
    ):
        routine = Routine("x", (_step(technique_id),))
        timeline = build_timeline(routine, pacing, techniques=CATALOG.get)
        (switch,) = [s for s in timeline.segments if s.kind is SegmentKind.SWITCH_SIDE]
        assert switch.seconds == pause, technique_id
        assert switch.cues[0].kind is CueKind.SWITCH_SIDE and switch.cues[0].at == switch.start
        assert timeline.total_seconds == plan(routine, pacing).total_seconds == 10 + 60 + pause


def test_a_step_of_no_known_technique_keeps_the_short_switch() -> None:
    routine = Routine("x", (Step("outer-thighs", 30, instructions="Lie on your side."),))
    timeline = build_timeline(routine, Pacing(switch_side_seconds=4, turn_over_seconds=12))
    (switch,) = [s for s in timeline.segments if s.kind is SegmentKind.SWITCH_SIDE]
    assert switch.seconds == 4


def test_the_editor_counts_the_get_ready_and_the_turn_over_as_the_plan_does() -> None:
    from selfmassage.core.routine_draft import RoutineDraft, total_seconds

    routine = Routine(
        "x",
        (
            _step("outer-thighs.foam-roller.side", 45),
            _step("feet.massage-ball.seated", 40),
            _step("neck.hands.fingertip-circles", 30),
        ),
    )
    draft = RoutineDraft.from_routine(routine)
    for pacing in (Pacing(), Pacing(transition_seconds=0, switch_side_seconds=3)):
        # 3 get-readies; a turn-over for the side-lying thigh, a switch for the feet.
        expected = 3 * pacing.transition_seconds + 90 + 80 + 30
        expected += pacing.turn_over_seconds + pacing.switch_side_seconds
        assert total_seconds(draft, pacing) == plan(routine, pacing).total_seconds == expected
