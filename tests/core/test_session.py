from __future__ import annotations

import random

import pytest

from selfmassage.core import routine as r
from selfmassage.core.routine import Pacing, Routine, Step, StepSide, Tool, plan
from selfmassage.core.session import (
    CueDue,
    Event,
    Finished,
    Progress,
    SegmentStarted,
    Session,
    SessionError,
    SessionStarted,
    SessionState,
    StateChanged,
    StepEnded,
    StepOutcome,
)
from selfmassage.core.timeline import build_timeline

T0 = 1000.0
"""The clock reading at which the first step's work starts."""
START = T0 - 10
"""The session starts with the first step's get-ready (10 s) before it."""


def short_routine() -> Routine:
    """Calves on both sides (20 s each, a custom cue at 5 s), then the neck for 15 s."""
    return Routine(
        "Short",
        (
            Step(
                "calves",
                20,
                tool=Tool.FOAM_ROLLER,
                instructions="Sit with the roller under your calf.",
                cues=(r.Cue(5, "Turn your foot out."),),
            ),
            Step("neck", 15),
        ),
    )


def new_session(routine: Routine | None = None) -> Session:
    return Session(build_timeline(routine or short_routine(), Pacing(10, 5)))


def describe(events: list[Event]) -> list[tuple[float, str, str]]:
    """Events without Progress, as (time after T0, kind, detail) for exact comparison."""
    out: list[tuple[float, str, str]] = []
    for event in events:
        at = round(event.at - T0, 6)
        match event:
            case CueDue(cue=cue):
                out.append((at, "cue", f"{cue.kind}: {cue.text}"))
            case SegmentStarted(segment=seg, jumped=jumped):
                side = f" {seg.side}" if seg.side else ""
                out.append((at, "segment", f"{seg.kind} {seg.step_index}{side}{' *' * jumped}"))
            case StepEnded(step_index=i, outcome=outcome, seconds=seconds):
                out.append((at, "step", f"{i} {outcome} {seconds:g}"))
            case StateChanged(state=state):
                out.append((at, "state", str(state)))
            case Finished(state=state, summary=summary):
                detail = (
                    f"{state} done={summary.steps_completed} early={summary.steps_ended_early}"
                    f" skipped={summary.steps_skipped}"
                )
                out.append((at, "finished", detail))
            case SessionStarted():
                out.append((at, "started", ""))
            case Progress():
                pass
    return out


def run(session: Session, until: float, step: float = 0.05, start: float | None = None) -> None:
    now = session_now = start if start is not None else START
    while session_now <= until + 1e-9 and session.state is SessionState.RUNNING:
        session.tick(now)
        session_now += step
        now = round(session_now, 6)


FULL_RUN = [
    (-10, "started", ""),
    (-10, "state", "running"),
    (-10, "segment", "transition 0 left"),
    (-10, "cue", "announce: Your left calf, foam roller. Sit with the roller under your calf."),
    (0, "segment", "work 0 left"),
    (0, "cue", "announce: Go: your left calf."),
    (5, "cue", "custom: Turn your foot out."),
    (10, "cue", "remaining: Ten seconds left."),
    (17, "cue", "countdown: 3"),
    (18, "cue", "countdown: 2"),
    (19, "cue", "countdown: 1"),
    (20, "segment", "switch-side 0 right"),
    (20, "cue", "switch-side: Switch to your right leg."),
    (25, "segment", "work 0 right"),
    (25, "cue", "announce: Your right calf."),
    (30, "cue", "custom: Turn your foot out."),
    (35, "cue", "remaining: Ten seconds left."),
    (42, "cue", "countdown: 3"),
    (43, "cue", "countdown: 2"),
    (44, "cue", "countdown: 1"),
    (45, "step", "0 completed 40"),
    (45, "segment", "transition 1"),
    (45, "cue", "announce: The back of your neck, by hand."),
    (55, "segment", "work 1"),
    (55, "cue", "announce: Go: the back of your neck."),
    (67, "cue", "countdown: 3"),
    (68, "cue", "countdown: 2"),
    (69, "cue", "countdown: 1"),
    (70, "step", "1 completed 15"),
    (70, "cue", "finish: Well done. That is the end of your routine."),
    (70, "state", "finished"),
    (70, "finished", "finished done=2 early=0 skipped=0"),
]


def test_exact_event_sequence_and_times() -> None:
    session = new_session()
    events: list[Event] = []
    session.listeners.append(events.append)
    session.start(START)
    run(session, T0 + 80, step=0.05)
    assert describe(events) == FULL_RUN
    assert session.state is SessionState.FINISHED


@pytest.mark.parametrize("step", [0.013, 0.05, 0.7, 3.0, 100.0])
def test_event_times_do_not_depend_on_how_often_it_ticks(step: float) -> None:
    session = new_session()
    events: list[Event] = []
    session.listeners.append(events.append)
    session.start(START)
    run(session, T0 + 200, step=step)
    assert describe(events) == FULL_RUN
    # Lateness is reported, so a caller can skip a cue that comes too late to be useful.
    for event in events:
        if isinstance(event, CueDue):
            assert 0 <= event.late < step + 1e-6


def test_tick_returns_what_the_listeners_get() -> None:
    session = new_session()
    heard: list[Event] = []
    session.listeners.append(heard.append)
    returned = session.start(START) + session.tick(T0 + 6)
    assert returned == heard
    assert isinstance(returned[-1], Progress)
    assert returned[-1].segment_elapsed == 6
    assert returned[-1].segment_remaining == 14
    assert returned[-1].total == 80


def test_pause_and_resume_shift_everything_by_the_paused_time() -> None:
    session = new_session()
    events: list[Event] = []
    session.listeners.append(events.append)
    session.start(START)
    run(session, T0 + 3)
    session.pause(T0 + 3.5)
    # Nothing happens while paused, however long the ticks go on.
    assert [e for e in session.tick(T0 + 30) if not isinstance(e, Progress)] == []
    assert session.position(T0 + 30) == 10 + 3.5
    session.resume(T0 + 11.25)
    run(session, T0 + 100, start=T0 + 11.25)
    shifted = [
        (at if at < 3.5 else at + 7.75, kind, detail)
        for at, kind, detail in FULL_RUN
        if kind != "state" or detail != "running" or at != 0
    ]
    got = [e for e in describe(events) if e[1] != "state" or e[2] not in ("paused", "running")]
    assert got == [e for e in shifted if e[1] != "state" or e[2] != "running"]
    assert (3.5, "state", "paused") in describe(events)
    assert (11.25, "state", "running") in describe(events)
    finished = events[-1]
    assert isinstance(finished, Finished)
    assert finished.at == T0 + 70 + 7.75
    assert finished.summary.paused_seconds == 7.75
    assert finished.summary.active_seconds == 80


def test_pause_and_resume_in_any_order_are_harmless() -> None:
    session = new_session()
    assert session.pause(T0) == []  # not started yet
    session.start(START)
    session.resume(T0 + 1)  # running: nothing to resume
    session.pause(T0 + 2)
    session.pause(T0 + 3)  # already paused: the first pause counts
    session.toggle_pause(T0 + 4)
    assert session.state is SessionState.RUNNING
    assert session.progress(T0 + 4).paused_seconds == 2
    assert session.end_time() == T0 + 72


def test_next_skips_the_rest_of_a_step_then_the_rest_of_a_pause() -> None:
    session = new_session()
    session.start(START)
    events = describe(session.next_step(T0 + 8))
    assert events == [
        (0, "segment", "work 0 left"),  # due before the action: said first
        (0, "cue", "announce: Go: your left calf."),
        (5, "cue", "custom: Turn your foot out."),
        (8, "step", "0 ended_early 8"),
        (8, "segment", "transition 1 *"),
        (8, "cue", "announce: The back of your neck, by hand."),
    ]
    events = describe(session.next_step(T0 + 9.5))
    assert events == [
        (9.5, "segment", "work 1 *"),
        (9.5, "cue", "announce: Go: the back of your neck."),
    ]
    ended: list[Event] = []
    session.listeners.append(ended.append)
    run(session, T0 + 100, start=T0 + 9.5)
    assert describe(ended)[-1] == (24.5, "finished", "finished done=1 early=1 skipped=0")
    finished = ended[-1]
    assert isinstance(finished, Finished)
    assert finished.summary.outcomes == {0: StepOutcome.ENDED_EARLY, 1: StepOutcome.COMPLETED}
    assert finished.summary.step_seconds == {0: 8, 1: 15}
    assert finished.summary.active_seconds == 10 + 8 + 1.5 + 15


def test_next_on_the_last_step_finishes() -> None:
    session = new_session()
    session.start(START)
    session.next_step(T0 + 1)  # skip calves
    session.next_step(T0 + 2)  # skip the transition
    events = describe(session.next_step(T0 + 4))  # skip the neck
    assert events == [
        (4, "step", "1 ended_early 2"),
        (4, "cue", "finish: Well done. That is the end of your routine."),
        (4, "state", "finished"),
        (4, "finished", "finished done=0 early=2 skipped=0"),
    ]
    assert session.next_step(T0 + 5) == []


def test_previous_and_restart() -> None:
    session = new_session()
    session.start(START)
    run(session, T0 + 30)  # right calf, 5 s in
    events = describe(session.restart_step(T0 + 30.5))
    assert events[0] == (30.5, "segment", "work 0 left *")
    assert events[1][2] == "announce: Go: your left calf."
    run(session, T0 + 200, start=T0 + 30.5)
    # The step's work counts every second spent on it: 20 + 5.5 before the restart, 40 after.
    assert session.summary(T0 + 200).step_seconds[0] == 20 + 5.5 + 40
    assert session.state is SessionState.FINISHED

    session = new_session()
    session.start(START)
    # The get-ready has passed by then: its end comes first, then the jump back.
    assert describe(session.previous_step(T0 + 2))[-2] == (2, "segment", "work 0 left *")
    assert describe(session.previous_step(T0 + 2.5))[0] == (2.5, "segment", "work 0 left *")
    session.next_step(T0 + 3)
    # In the pause before the neck, "previous" and "restart" both go back to the calves.
    assert describe(session.previous_step(T0 + 4))[0] == (4, "segment", "work 0 left *")
    session.next_step(T0 + 5)
    assert describe(session.restart_step(T0 + 6))[0] == (6, "segment", "work 0 left *")
    session.next_step(T0 + 7)
    session.next_step(T0 + 8)  # now in the neck
    assert describe(session.previous_step(T0 + 9))[0] == (9, "segment", "work 0 left *")


def test_add_time_moves_the_end_and_repeats_the_countdown() -> None:
    session = new_session()
    events: list[Event] = []
    session.listeners.append(events.append)
    session.start(START)
    run(session, T0 + 18.5)  # "3" and "2" of the left calf have been said
    session.add_time(T0 + 18.5)
    assert session.total == 110
    run(session, T0 + 300, start=T0 + 18.5)
    got = describe(events)
    left = got[: got.index((50, "segment", "switch-side 0 right")) + 1]
    assert [e for e in left if e[0] > 18.5] == [
        (40, "cue", "remaining: Ten seconds left."),
        (47, "cue", "countdown: 3"),
        (48, "cue", "countdown: 2"),
        (49, "cue", "countdown: 1"),
        (50, "segment", "switch-side 0 right"),
    ]
    assert got[-1] == (100, "finished", "finished done=2 early=0 skipped=0")
    assert session.summary(T0 + 300).step_seconds[0] == 70


def test_add_time_while_paused_and_in_a_pause() -> None:
    session = new_session()
    session.start(START)
    session.next_step(T0 + 1)  # into the transition, 10 s
    session.pause(T0 + 2)
    progress = session.add_time(T0 + 3, 30)[-1]
    assert isinstance(progress, Progress)
    assert progress.segment_seconds == 40
    assert progress.segment_remaining == 39
    session.resume(T0 + 4)
    events = describe(session.tick(T0 + 43))
    assert events == [
        (43, "segment", "work 1"),
        (43, "cue", "announce: Go: the back of your neck."),
    ]


def test_stop_while_paused() -> None:
    session = new_session()
    session.start(START)
    session.tick(T0 + 12)
    session.pause(T0 + 12)
    events = session.stop(T0 + 20)
    assert describe(events) == [
        (20, "step", "0 ended_early 12"),
        (20, "state", "stopped"),
        (20, "finished", "stopped done=0 early=1 skipped=1"),
    ]
    finished = events[-1]
    assert isinstance(finished, Finished)
    assert finished.summary.paused_seconds == 8
    assert finished.summary.active_seconds == 10 + 12
    assert not session.is_active
    assert session.tick(T0 + 30) == []
    assert session.stop(T0 + 31) == []


def test_start_twice_and_an_empty_routine_are_errors() -> None:
    session = new_session()
    session.start(START)
    with pytest.raises(SessionError):
        session.start(T0 + 1)
    with pytest.raises(SessionError):
        Session(build_timeline(Routine("empty", ())))


def test_next_due_is_the_next_cue_or_segment_end() -> None:
    session = new_session()
    assert session.next_due() is None
    session.start(START)
    assert session.next_due() == T0  # the end of the get-ready
    session.tick(T0)
    assert session.next_due() == T0 + 5
    session.tick(T0 + 5)
    assert session.next_due() == T0 + 10
    session.pause(T0 + 6)
    assert session.next_due() is None


def thirty_minutes() -> Routine:
    both = [
        Step(region, 120, side=StepSide.BOTH, tool=Tool.FOAM_ROLLER)
        for region in ("calves", "hamstrings", "quads", "glutes")
    ]
    return Routine(
        "Thirty minutes",
        (*both, Step("neck", 300), Step("upper-back", 300), Step("lower-back", 115)),
    )


def test_thirty_minutes_with_ten_pauses_ends_exactly_on_time() -> None:
    routine = thirty_minutes()
    pacing = Pacing(transition_seconds=15, switch_side_seconds=5)
    assert plan(routine, pacing).total_seconds == 1800
    session = Session(build_timeline(routine, pacing))
    finished: list[Finished] = []
    session.listeners.append(lambda e: finished.append(e) if isinstance(e, Finished) else None)

    rng = random.Random(5)
    start = 12345.678
    pause_at = sorted(rng.uniform(10, 1790) for _ in range(10))
    paused_total = 0.0
    now = start
    session.start(now)
    for position in pause_at:
        # Ticks come every ~50 ms with jitter, as from a real timer.
        target = start + paused_total + position
        while now < target:
            now = min(target, now + rng.uniform(0.03, 0.07))
            session.tick(now)
        session.pause(now)
        length = rng.uniform(1, 120)
        now += length
        session.tick(now)
        session.resume(now)
        paused_total += length
    while session.state is SessionState.RUNNING:
        now += rng.uniform(0.03, 0.07)
        session.tick(now)

    (done,) = finished
    assert done.state is SessionState.FINISHED
    # Exact up to float rounding of the pause arithmetic (nanoseconds), whatever the ticks.
    assert done.at == pytest.approx(start + 1800 + paused_total, abs=1e-6)
    assert done.summary.paused_seconds == pytest.approx(paused_total, abs=1e-6)
    assert done.summary.active_seconds == pytest.approx(1800, abs=1e-6)
    assert done.summary.steps_completed == 7


def test_a_failing_listener_does_not_stop_the_session(caplog: pytest.LogCaptureFixture) -> None:
    session = new_session()
    heard: list[Event] = []

    def broken(event: Event) -> None:
        raise OSError("disk full")

    session.listeners.extend([broken, heard.append])
    session.start(START)
    run(session, T0 + 100)
    assert describe(heard) == FULL_RUN
    assert "a session listener failed" in caplog.text


def test_a_step_left_after_some_time_ends_early_with_its_seconds() -> None:
    """83 s on a 150 s step, then Next: 83 s done, ended early, not skipped."""
    session = Session(build_timeline(Routine("One", (Step("neck", 150),)), Pacing(10, 5)))
    ended: list[Event] = []
    session.listeners.append(ended.append)
    session.start(START)
    session.tick(T0 + 83)
    session.next_step(T0 + 83)
    finished = ended[-1]
    assert isinstance(finished, Finished)
    assert finished.state is SessionState.FINISHED
    assert finished.summary.outcomes == {0: StepOutcome.ENDED_EARLY}
    assert finished.summary.step_seconds == {0: 83}
    assert finished.summary.steps_skipped == 0
    assert not finished.summary.all_done


def test_a_step_left_before_a_second_is_skipped_with_no_time() -> None:
    session = new_session()
    ended: list[Event] = []
    session.listeners.append(ended.append)
    session.start(START)
    session.next_step(T0 + 0.4)
    steps = [e for e in ended if isinstance(e, StepEnded)]
    assert [(s.outcome, s.seconds) for s in steps] == [(StepOutcome.SKIPPED, pytest.approx(0.4))]


def test_a_session_stopped_keeps_the_seconds_done() -> None:
    session = new_session()
    ended: list[Event] = []
    session.listeners.append(ended.append)
    session.start(START)
    session.stop(T0 + 7)
    finished = ended[-1]
    assert isinstance(finished, Finished)
    assert finished.summary.active_seconds == 10 + 7
    assert finished.summary.outcomes == {0: StepOutcome.ENDED_EARLY}


def test_next_in_the_first_get_ready_starts_the_first_step_and_ends_nothing() -> None:
    session = new_session()
    session.start(START)
    events = describe(session.next_step(START + 3))
    assert events == [
        (-7, "segment", "work 0 left *"),
        (-7, "cue", "announce: Go: your left calf."),
    ]
    summary = session.summary(START + 3)
    assert summary.outcomes == {} and summary.active_seconds == 3
