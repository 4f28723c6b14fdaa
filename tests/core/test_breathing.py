"""Breathing: the pattern, its phases on time over ten minutes (a fake clock, jittered
ticks, pauses), the cues in words or tones, and the calm cue style."""

from __future__ import annotations

import random

import pytest

from selfmassage.core.breathing import (
    BreathPattern,
    BreathPhase,
    BreathSound,
    breath_at,
    breath_moments,
    parse_pattern,
)
from selfmassage.core.breathing_cues import breath_cues
from selfmassage.core.routine import CueStyle, Pacing, Routine, Step, Tool, breathing_step
from selfmassage.core.session import CueDue, Finished, Session, SessionState
from selfmassage.core.timeline import (
    Beep,
    CountdownStyle,
    CueKind,
    CueLevel,
    CueOptions,
    build_timeline,
)

T0 = 5000.0


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("4-6", BreathPattern(4, 0, 6)),
        (" 4 - 2 - 6 ", BreathPattern(4, 2, 6)),
        ("1-6", None),
        ("4-6-20", None),
        ("four-six", None),
        ("4", None),
    ],
)
def test_parse_pattern(text: str, pattern: BreathPattern | None) -> None:
    assert parse_pattern(text) == pattern


def test_a_pattern_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="not a breathing pattern"):
        BreathPattern(4, 0, 40)
    assert BreathPattern(4, 2, 6).label == "4-2-6"
    assert BreathPattern(4, 0, 6).per_minute == 6.0


def test_breath_at_follows_the_phases_and_the_shape() -> None:
    pattern = BreathPattern(4, 2, 6)
    assert breath_at(pattern, 0).phase is BreathPhase.IN
    assert breath_at(pattern, 0).fullness == 0.0
    assert breath_at(pattern, 2).fullness == pytest.approx(0.5)
    assert breath_at(pattern, 4).phase is BreathPhase.HOLD
    assert breath_at(pattern, 5).fullness == 1.0
    out = breath_at(pattern, 9)
    assert (out.phase, out.phase_elapsed, out.phase_remaining) == (BreathPhase.OUT, 3.0, 3.0)
    assert out.fullness == pytest.approx(0.5)
    # Ten minutes in, the same place in the breath: counted from the start, not summed.
    assert breath_at(pattern, 600 + 9) == breath_at(pattern, 9)


def test_moments_are_whole_seconds_and_the_last_is_cut_at_the_end() -> None:
    moments = breath_moments(BreathPattern(4, 2, 6), 30)
    assert [(m.at, m.phase.value, m.seconds) for m in moments] == [
        (0, "in", 4),
        (4, "hold", 2),
        (6, "out", 6),
        (12, "in", 4),
        (16, "hold", 2),
        (18, "out", 6),
        (24, "in", 4),
        (28, "hold", 2),
    ]


def ten_minutes() -> Routine:
    return Routine("Breathe", (breathing_step(600, BreathPattern(4, 0, 6)),))


def test_ten_minutes_of_breathing_keep_every_phase_on_its_second() -> None:
    """60 breaths: every "in" at 10 k s of the step, every "out" 4 s later, through
    jittered ticks and five pauses, against the clock the pauses moved."""
    timeline = build_timeline(ten_minutes(), Pacing(10, 5))
    session = Session(timeline)
    due: list[CueDue] = []
    finished: list[Finished] = []
    session.listeners.append(lambda e: due.append(e) if isinstance(e, CueDue) else None)
    session.listeners.append(lambda e: finished.append(e) if isinstance(e, Finished) else None)
    # Where the breathing starts in the session (after a get-ready pause, if any).
    (work,) = timeline.work_segments(0)
    start = work.start
    rng = random.Random(17)
    pauses = sorted(rng.uniform(5, 595) for _ in range(5))
    paused: list[tuple[float, float]] = []  # (session time, length)
    now = T0
    session.start(now)
    moved = 0.0
    for position in pauses:
        while now < T0 + moved + position:
            now += rng.uniform(0.03, 0.07)
            session.tick(now)
        session.pause(now)
        at = session.position(now)
        length = rng.uniform(1, 60)
        now += length
        session.tick(now)  # nothing happens while paused
        session.resume(now)
        paused.append((at, length))
        moved += length
    while session.state is SessionState.RUNNING:
        now += rng.uniform(0.03, 0.07)
        session.tick(now)

    breaths = [e for e in due if e.cue.segment == work.index and e.cue.kind is not CueKind.FINISH]
    assert len(breaths) == 120
    for number, event in enumerate(breaths):
        planned = start + 10 * (number // 2) + (4 if number % 2 else 0)
        shift = sum(length for at, length in paused if at <= planned)
        assert event.at == pytest.approx(T0 + planned + shift, abs=1e-6)
        if number == 0:
            assert event.cue.text.endswith("Breathe in.")
        else:
            assert event.cue.text == ("Out." if number % 2 else "In.")
    (done,) = finished
    assert done.at == pytest.approx(T0 + start + 600 + moved, abs=1e-6)
    assert done.summary.active_seconds == pytest.approx(start + 600, abs=1e-6)
    assert done.summary.steps_completed == 1


def test_a_breathing_step_says_in_and_out_on_each_phase() -> None:
    timeline = build_timeline(
        Routine("R", (Step("neck", 30), breathing_step(20, BreathPattern(4, 2, 4)))),
        Pacing(10, 5),
    )
    work = timeline.work_segments(1)[0]
    get_ready = timeline.segments[work.index - 1]
    assert [c.text for c in get_ready.cues] == ["Slow breathing: in for 4, hold for 2, out for 4."]
    assert [(c.at - work.start, c.kind.value, c.text) for c in work.cues] == [
        (0, "announce", "Breathe in."),
        (4, "breath", "Hold."),
        (6, "breath", "Out."),
        (10, "breath", "In."),
        (14, "breath", "Hold."),
        (16, "breath", "Out."),
    ]
    assert all(c.voice and c.beep is None for c in work.cues)
    # No halfway, no seconds left, no countdown in breathing.
    assert not [c for c in timeline.dropped if c.segment == work.index]


def test_tones_instead_of_words_are_the_persons_choice() -> None:
    options = CueOptions(breath=BreathSound.TONES)
    routine = Routine("R", (Step("neck", 20), breathing_step(20, BreathPattern(4, 2, 4))))
    timeline = build_timeline(routine, Pacing(10, 5), options)
    work = timeline.work_segments(1)[0]
    sounds = [(c.at - work.start, c.voice, c.beep) for c in work.cues]
    assert work.cues[0].text == "Breathe in."  # the pause before said what comes
    assert sounds == [
        (0, False, Beep.BREATH_IN),
        (4, False, None),  # a hold is silent, shown on screen only
        (6, False, Beep.BREATH_OUT),
        (10, False, Beep.BREATH_IN),
        (14, False, None),
        (16, False, Beep.BREATH_OUT),
    ]


def test_unannounced_breathing_says_its_name_with_the_first_tone() -> None:
    step = breathing_step(20, BreathPattern(4, 0, 6))
    first, *rest = breath_cues(step, 100.0, BreathSound.TONES, announced=False)
    assert (first.at, first.text, first.voice, first.beep) == (
        100.0,
        "Slow breathing. Breathe in.",
        True,
        "breath-in",
    )
    assert [(c.at, c.voice, c.beep) for c in rest] == [
        (104.0, False, "breath-out"),
        (110.0, False, "breath-in"),
        (114.0, False, "breath-out"),
    ]
    words = breath_cues(step, 0.0, BreathSound.WORDS, announced=True)
    assert [(c.text, c.voice, c.beep) for c in words] == [
        ("Breathe in.", True, None),
        ("Out.", True, None),
        ("In.", True, None),
        ("Out.", True, None),
    ]


def test_beeps_only_turns_the_words_into_tones_and_silent_is_silent() -> None:
    routine = Routine("R", (Step("neck", 20), breathing_step(20, BreathPattern())))
    beeps = build_timeline(routine, Pacing(10, 5), CueOptions(level=CueLevel.BEEPS))
    work = beeps.work_segments(1)[0]
    assert [c.beep for c in work.cues] == [
        Beep.BREATH_IN,
        Beep.BREATH_OUT,
        Beep.BREATH_IN,
        Beep.BREATH_OUT,
    ]
    assert not any(c.voice for c in work.cues)
    silent = build_timeline(routine, Pacing(10, 5), CueOptions(level=CueLevel.SILENT))
    assert not any(c.sounds for c in silent.work_segments(1)[0].cues)


def test_pause_and_resume_in_the_middle_of_a_breath() -> None:
    timeline = build_timeline(Routine("R", (breathing_step(30, BreathPattern()),)))
    (work,) = timeline.work_segments(0)
    begin = T0 + work.start  # after a get-ready pause, if any
    session = Session(timeline)
    due: list[CueDue] = []
    session.listeners.append(
        lambda e: due.append(e) if isinstance(e, CueDue) and e.cue.segment == work.index else None
    )
    session.start(T0)
    session.tick(begin + 2.5)
    session.pause(begin + 2.5)
    session.tick(begin + 100)  # paused: the "out" does not come
    assert [e.cue.text for e in due] == [work.cues[0].text]
    assert work.cues[0].text.endswith("Breathe in.")
    progress = session.progress(begin + 100)
    assert progress.segment_elapsed == pytest.approx(2.5)
    session.resume(begin + 100)
    session.tick(begin + 101.4)
    assert len(due) == 1
    session.tick(begin + 101.5)
    assert [(e.cue.text, e.at) for e in due][1] == ("Out.", pytest.approx(begin + 101.5))


def massage(style: CueStyle = CueStyle.FULL) -> Routine:
    return Routine("Evening", (Step("neck", 60, tool=Tool.HANDS), Step("calves", 60)), cues=style)


def test_calm_drops_countdown_halfway_and_seconds_left_and_softens_the_beeps() -> None:
    full = build_timeline(massage(), Pacing(10, 5), CueOptions(countdown=CountdownStyle.WORDS))
    calm = build_timeline(
        massage(CueStyle.CALM), Pacing(10, 5), CueOptions(countdown=CountdownStyle.WORDS)
    )
    loud = {CueKind.COUNTDOWN, CueKind.HALFWAY, CueKind.REMAINING}
    assert loud <= {c.kind for c in full.cues}
    assert not loud & {c.kind for c in (*calm.cues, *calm.dropped)}
    assert Beep.START in {c.beep for c in full.cues}
    assert {c.beep for c in calm.cues} - {None} == {Beep.SOFT}
    assert calm.finish.beep is Beep.SOFT
    # What calm keeps is said as before: the announcements, side switches, the finish.
    kept = {CueKind.ANNOUNCE, CueKind.SWITCH_SIDE, CueKind.FINISH}
    assert [c.text for c in calm.cues if c.kind in kept] == [
        c.text for c in full.cues if c.kind in kept
    ]


def test_the_persons_own_level_turns_a_calm_routine_down_never_up() -> None:
    routine = massage(CueStyle.CALM)
    minimal = build_timeline(routine, Pacing(10, 5), CueOptions(level=CueLevel.MINIMAL))
    assert not any(c.kind is CueKind.PROMPT and c.voice for c in minimal.cues)
    silent = build_timeline(routine, Pacing(10, 5), CueOptions(level=CueLevel.SILENT))
    assert not any(c.sounds for c in silent.cues)
    # Every cue and the loudest countdown asked for: still calm.
    full = build_timeline(
        routine,
        Pacing(10, 5),
        CueOptions(level=CueLevel.FULL, countdown=CountdownStyle.BEEPS, remaining=(10, 30)),
    )
    assert not {CueKind.COUNTDOWN, CueKind.HALFWAY, CueKind.REMAINING} & {c.kind for c in full.cues}


def _builtin(title: str) -> Routine:
    from pathlib import Path

    from selfmassage.core.library import Library

    entries = Library(Path("/nonexistent")).builtin_entries()
    [routine] = [e.routine for e in entries if e.routine is not None and e.routine.title == title]
    return routine


def test_the_wind_down_for_sleep_opens_and_closes_with_breathing_calmly() -> None:
    routine = _builtin("Wind-down for sleep")
    assert routine.cues is CueStyle.CALM
    assert routine.steps[0].is_breathing and routine.steps[-1].is_breathing
    assert not any(step.is_breathing for step in routine.steps[1:-1])
    timeline = build_timeline(routine, Pacing(10, 5))
    assert 9 * 60 <= timeline.total_seconds <= 13 * 60
    kinds = {c.kind for c in (*timeline.cues, *timeline.dropped)}
    assert not kinds & {CueKind.COUNTDOWN, CueKind.HALFWAY, CueKind.REMAINING}
    assert {c.beep for c in timeline.cues} - {None} == {Beep.SOFT}


def test_the_evening_routine_uses_calm_cues() -> None:
    routine = _builtin("Gentle evening wind-down")
    assert routine.cues is CueStyle.CALM
    timeline = build_timeline(routine, Pacing(10, 5))
    assert not any(c.text == "Ten seconds left." for c in timeline.cues)
