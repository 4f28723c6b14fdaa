"""The first step's cues are made into sound before a session starts, and checked."""

from __future__ import annotations

import wave
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from selfmassage.app import SelfMassageApp
from selfmassage.core.paths import AppPaths
from selfmassage.core.routine import Routine, Step, StepSide, Tool
from selfmassage.core.timeline import build_timeline
from selfmassage.core.voice import VoiceOptions
from selfmassage.speech.renderer import EngineMissingError, Renderer
from selfmassage.speech.speaker import Speaker
from selfmassage.ui.session.first_cues import FirstCues, audible, first_step_texts
from selfmassage.ui.session.start_panel import NOT_READY, PREPARING
from tests.conftest import MakeApp
from tests.speech.speech_fakes import FakeRenderer, write_wav

WAIT_MS = 10_000
ROUTINE = Routine(
    "Calves then neck",
    (Step("calves", 30, side=StepSide.BOTH, tool=Tool.FOAM_ROLLER), Step("neck", 30)),
)


class Outcome:
    def __init__(self) -> None:
        self.reports: list[str] = []

    def __call__(self, problem: str) -> None:
        self.reports.append(problem)


@pytest.fixture
def make_speaker(paths: AppPaths) -> Iterator[Callable[..., Speaker]]:
    made: list[Speaker] = []

    def make(factory: Callable[[], Renderer]) -> Speaker:
        speaker = Speaker(paths.cache, VoiceOptions(), factory=factory)
        made.append(speaker)
        return speaker

    yield make
    for speaker in made:
        speaker.close()


def test_the_first_steps_texts_are_its_spoken_cues_once_each() -> None:
    timeline = build_timeline(ROUTINE)
    texts = first_step_texts(timeline)
    first = [c.text for s in timeline.segments if s.step_index == 0 for c in s.cues if c.voice]
    assert texts == list(dict.fromkeys(first))
    assert texts[0] == "Your left calf, foam roller."
    assert "Your right calf." in texts  # the second side is the first step's too
    assert not any("neck" in text.lower() for text in texts)  # the next step is not
    assert timeline.finish.text not in texts  # two steps: the finish is far away
    one = build_timeline(Routine("Neck", (Step("neck", 30),)))
    assert first_step_texts(one)[-1] == one.finish.text


def test_audible_is_false_for_empty_silent_and_broken_files(tmp_path: Path) -> None:
    tone = tmp_path / "tone.wav"
    write_wav(tone, 0.2)
    silent = tmp_path / "silent.wav"
    with wave.open(str(silent), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(22050)
        out.writeframes(b"\x00\x00" * 4410)
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    assert audible(tone)
    assert not audible(silent)
    assert not audible(empty)
    assert not audible(tmp_path / "missing.wav")


def test_done_waits_until_every_first_cue_can_be_heard(
    qtbot: QtBot, make_speaker: Callable[..., Speaker]
) -> None:
    texts = first_step_texts(build_timeline(ROUTINE))
    renderer = FakeRenderer(hang_on=(texts[-1],))
    speaker = make_speaker(lambda: renderer)
    outcome = Outcome()
    gate = FirstCues(speaker, texts, outcome)
    gate.start(None)
    # The others are made; the last one is held back by the engine: no report yet.
    qtbot.waitUntil(lambda: len(renderer.rendered) == len(texts) - 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: speaker.rendered_file(texts[-2]) is not None, timeout=WAIT_MS)
    assert outcome.reports == [] and gate.waiting
    renderer.release.set()
    qtbot.waitUntil(lambda: outcome.reports == [""], timeout=WAIT_MS)
    for text in texts:
        path = speaker.rendered_file(text)
        assert path is not None and audible(path), text
    # Once made, a session with the same first cues starts at once.
    again = Outcome()
    FirstCues(speaker, texts, again).start(None)
    assert again.reports == [""]


def test_an_empty_file_is_asked_for_again_and_then_reported(
    qtbot: QtBot, make_speaker: Callable[..., Speaker]
) -> None:
    texts = ["Left calf, foam roller.", "Halfway."]
    # The first render of each writes nothing (eSpeak NG's empty file): asked again.
    flaky = FakeRenderer(write_nothing_once_on=tuple(texts))
    outcome = Outcome()
    FirstCues(make_speaker(lambda: flaky), texts, outcome).start(None)
    qtbot.waitUntil(lambda: outcome.reports == [""], timeout=WAIT_MS)
    # Always nothing: the session is told why, not left waiting.
    broken = FakeRenderer(write_nothing_on=("Ten seconds left.",))
    told = Outcome()
    FirstCues(make_speaker(lambda: broken), ["Ten seconds left."], told).start(None)
    qtbot.waitUntil(lambda: len(told.reports) == 1, timeout=WAIT_MS)
    assert "could not be made into sound" in told.reports[0]


def test_no_engine_is_reported_at_once_or_as_soon_as_known(
    qtbot: QtBot, make_speaker: Callable[..., Speaker]
) -> None:
    def missing() -> Renderer:
        raise EngineMissingError("eSpeak NG is not installed")

    speaker = make_speaker(missing)
    outcome = Outcome()
    FirstCues(speaker, ["Halfway."], outcome).start(None)
    qtbot.waitUntil(lambda: len(outcome.reports) == 1, timeout=WAIT_MS)
    assert outcome.reports == ["eSpeak NG is not installed"]
    # Known to be missing now: the next session hears it before it waits at all.
    again = Outcome()
    FirstCues(speaker, ["Halfway."], again).start(None)
    assert again.reports == ["eSpeak NG is not installed"]


def test_a_wait_that_lasts_too_long_is_ended(
    qtbot: QtBot, make_speaker: Callable[..., Speaker]
) -> None:
    renderer = FakeRenderer(hang_on=("Halfway.",))
    outcome = Outcome()
    gate = FirstCues(make_speaker(lambda: renderer), ["Halfway."], outcome, wait_ms=50)
    gate.start(None)
    qtbot.waitUntil(lambda: len(outcome.reports) == 1, timeout=WAIT_MS)
    assert "too long" in outcome.reports[0]
    renderer.release.set()


# In the window -------------------------------------------------------------------------


def _use_renderer(monkeypatch: pytest.MonkeyPatch, factory: Callable[[], Renderer]) -> None:
    monkeypatch.setattr("selfmassage.speech.speaker.renderer_factory", lambda: factory)


def test_start_waits_with_preparing_the_voice_until_the_first_cue_is_made(
    make_app: MakeApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    announce = first_step_texts(build_timeline(ROUTINE))[0]
    renderer = FakeRenderer(hang_on=(announce,))
    _use_renderer(monkeypatch, lambda: renderer)
    app: SelfMassageApp = make_app()
    app.session.controller.session_hooks.clear()  # about the start, not the history
    assert app.start_session(ROUTINE)
    page = app.session.page
    panel = page.preparing
    assert app.window.current_page_key() == "session"
    assert page.pages.currentWidget() is panel
    assert panel.heading.text() == PREPARING
    assert panel.routine_title.text() == ROUTINE.title
    assert not panel.start_button.isEnabled()
    assert not app.session.controller.is_active
    renderer.release.set()
    qtbot.waitUntil(lambda: app.session.controller.is_active, timeout=WAIT_MS)
    assert page.pages.currentWidget() is page.running
    path = app.voice.speaker.rendered_file(announce)
    assert path is not None and audible(path)
    app.session.controller.stop()


def test_without_a_voice_start_is_offered_with_the_reason(
    make_app: MakeApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> Renderer:
        raise EngineMissingError("eSpeak NG is not installed")

    _use_renderer(monkeypatch, missing)
    app: SelfMassageApp = make_app()
    app.session.controller.session_hooks.clear()
    app.start_session(ROUTINE)
    panel = app.session.page.preparing
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=WAIT_MS)
    assert panel.heading.text() == NOT_READY
    assert "eSpeak NG is not installed" in panel.problem.text()
    assert "cues are shown on screen" in panel.problem.text()
    assert panel.problem.textFormat() == Qt.TextFormat.PlainText
    assert not app.session.controller.is_active
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert app.session.controller.is_active
    app.session.controller.stop()


def test_back_from_preparing_starts_nothing(
    make_app: MakeApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    announce = first_step_texts(build_timeline(ROUTINE))[0]
    renderer = FakeRenderer(hang_on=(announce,))
    _use_renderer(monkeypatch, lambda: renderer)
    app: SelfMassageApp = make_app()
    app.start_session(ROUTINE)
    panel = app.session.page.preparing
    qtbot.mouseClick(panel.back_button, Qt.MouseButton.LeftButton)
    assert app.window.current_page_key() == "routine"
    # What the engine reports after this is heard by no one.
    with qtbot.waitSignal(
        app.voice.speaker.rendered, timeout=WAIT_MS, check_params_cb=lambda t: t == announce
    ):
        renderer.release.set()
    assert not app.session.controller.is_active
    assert app.session.waiting is None


@pytest.mark.parametrize("level", ["beeps", "silent"])
def test_with_nothing_to_say_a_session_starts_at_once(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch, level: str
) -> None:
    renderer = FakeRenderer(hang_on=tuple(first_step_texts(build_timeline(ROUTINE))))
    _use_renderer(monkeypatch, lambda: renderer)
    app: SelfMassageApp = make_app()
    app.session.controller.session_hooks.clear()
    app.settings.cue_level = level
    assert app.start_session(ROUTINE)
    assert app.session.controller.is_active  # no voice to wait for
    app.session.controller.stop()
    renderer.release.set()


def test_done_waits_for_the_sound_output_too(
    qtbot: QtBot, make_speaker: Callable[..., Speaker], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The sounds are made, but the output is still measuring its delay: a first cue
    # started now would be heard late.
    texts = first_step_texts(build_timeline(ROUTINE))
    speaker = make_speaker(FakeRenderer)
    done = Outcome()
    FirstCues(speaker, texts, done).start(None)
    qtbot.waitUntil(lambda: done.reports == [""], timeout=WAIT_MS)
    opened = False
    looks: list[bool] = []

    def sound_ready(_speaker: Speaker) -> bool:
        looks.append(opened)
        return opened

    monkeypatch.setattr(Speaker, "sound_ready", property(sound_ready))
    outcome = Outcome()
    gate = FirstCues(speaker, texts, outcome)
    gate.start(None)
    qtbot.waitUntil(lambda: len(looks) >= 3, timeout=WAIT_MS)  # it looked, and looks again
    assert outcome.reports == [] and gate.waiting
    opened = True
    qtbot.waitUntil(lambda: outcome.reports == [""], timeout=WAIT_MS)
