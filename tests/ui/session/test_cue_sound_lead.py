"""A cue's sound starts early by the sound output's latency, so it is heard when due."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from selfmassage.core.routine import Pacing, Routine, Step
from selfmassage.core.timeline import Cue, build_timeline
from selfmassage.ui.session.session_controller import SessionController


def ms(seconds: float) -> float:
    """To the microsecond: the fake clock's sums are not exact in binary."""
    return round(seconds, 6)


class Clock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


def start(lead: float) -> tuple[SessionController, Clock, list[tuple[str, float, str]]]:
    """A controller on a fake clock with ``lead`` as the output's latency; what it emits
    is recorded as (signal, session time, cue text)."""
    clock = Clock()
    controller = SessionController(clock=clock)
    controller.sound_lead = lambda: lead
    log: list[tuple[str, float, str]] = []
    t0 = clock.now
    controller.cue_sounds.connect(lambda cue: log.append(("sound", ms(clock.now - t0), cue.text)))
    controller.cue_due.connect(lambda cue: log.append(("due", ms(clock.now - t0), cue.text)))
    routine = Routine("Two", (Step("neck", 12), Step("forearms", 10)))
    controller.start(build_timeline(routine, Pacing(10, 5)))
    return controller, clock, log


def cue_times(controller: SessionController) -> list[tuple[float, Cue]]:
    session = controller.session
    assert session is not None
    return [(c.at - 500.0, c.cue) for c in session.upcoming_cues(10_000)]


def test_each_cue_sounds_the_measured_latency_before_it_is_due(qtbot: QtBot) -> None:
    controller, clock, log = start(lead=0.03)
    planned = cue_times(controller)
    first = log[:]
    assert [kind for kind, _at, _text in first] == ["sound", "due"], "the first: at Start"
    later = [(at, cue) for at, cue in planned if at > 0]
    assert later
    for at, cue in later:
        # Just before the lead: not yet.
        clock.now = 500.0 + at - 0.031
        controller.tick()
        assert ("sound", ms(clock.now - 500.0), cue.text) not in log
        # The timer is set for the moment the sound must start, not the cue's own time.
        assert controller._exact.isActive()
        assert controller._exact.interval() <= 2  # 1 ms, rounded up
        clock.now = 500.0 + at - 0.03
        controller.tick()
        assert log[-1] == ("sound", ms(at - 0.03), cue.text)
        clock.now = 500.0 + at
        controller.tick()
        assert log[-1] == ("due", ms(at), cue.text), "shown when due, and not sounded again"
    sounds = [text for kind, _at, text in log if kind == "sound"]
    expected = [first[0][2]] + [cue.text for _at, cue in planned]
    assert sounds == expected, "every cue sounds once, in order"
    controller.stop()


def test_the_first_cue_sounds_before_anyone_hears_of_the_start(qtbot: QtBot) -> None:
    clock = Clock()
    controller = SessionController(clock=clock)
    order: list[str] = []
    controller.cue_sounds.connect(lambda cue: order.append(f"sound {cue.text}"))
    controller.session_started.connect(lambda _timeline: order.append("page"))
    controller.segment_started.connect(lambda _event: order.append("segment"))
    controller.cue_due.connect(lambda cue: order.append(f"due {cue.text}"))
    controller.session_hooks.append(lambda _session, _start: order.append("history"))
    timeline = build_timeline(Routine("One", (Step("neck", 12),)), Pacing(10, 5))
    controller.start(timeline)
    first = timeline.segments[0].cues[0].text
    assert order[0] == f"sound {first}"
    assert order.count(f"sound {first}") == 1, "and only once"
    assert f"due {first}" in order
    controller.stop()


def test_the_timer_wakes_up_at_the_cue_less_the_lead(qtbot: QtBot) -> None:
    controller, clock, _log = start(lead=0.04)
    at, _cue = next((at, cue) for at, cue in cue_times(controller) if at > 0)
    clock.now = 500.0 + at - 0.045  # 5 ms before the sound must start
    controller.tick()
    assert controller._exact.isActive()
    assert controller._exact.interval() == 5
    controller.stop()


def test_without_a_measured_latency_a_cue_sounds_when_due(qtbot: QtBot) -> None:
    controller, clock, log = start(lead=0.0)
    for at, cue in [(at, cue) for at, cue in cue_times(controller) if at > 0][:3]:
        clock.now = 500.0 + at - 0.001
        controller.tick()
        assert log[-1][2] != cue.text or log[-1][0] == "due"
        clock.now = 500.0 + at
        controller.tick()
        assert log[-2:] == [("sound", ms(at), cue.text), ("due", ms(at), cue.text)]
    controller.stop()


def test_a_cue_sounded_early_is_not_sounded_again_after_a_pause(qtbot: QtBot) -> None:
    controller, clock, log = start(lead=0.03)
    at, cue = next((at, cue) for at, cue in cue_times(controller) if at > 0)
    clock.now = 500.0 + at - 0.02
    controller.tick()
    assert log[-1] == ("sound", ms(at - 0.02), cue.text)
    controller.pause()
    clock.now += 5
    controller.resume()
    clock.now += 0.05
    controller.tick()
    assert [entry[0] for entry in log if entry[2] == cue.text] == ["sound", "due"]
    controller.stop()
