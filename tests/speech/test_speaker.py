"""The Speaker in the GUI thread: playback with QtMultimedia, the worker, the fallback."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from selfmassage.core.paths import AppPaths
from selfmassage.core.voice import Sound, VoiceOptions
from selfmassage.speech.cache import wav_seconds
from selfmassage.speech.playback import shared_player
from selfmassage.speech.renderer import EngineMissingError, Renderer
from selfmassage.speech.speaker import Speaker, sound_path
from selfmassage.speech.worker import Rendered, SpeechWorker
from tests.speech.speech_fakes import FakeRenderer

WAIT_MS = 10_000


class Played:
    """Records what started playing, in order."""

    def __init__(self, speaker: Speaker) -> None:
        self.labels: list[str] = []
        speaker.playing.connect(self.labels.append)


@pytest.fixture
def make_speaker(paths: AppPaths) -> Iterator[Callable[..., Speaker]]:
    made: list[Speaker] = []

    def make(factory: Callable[[], Renderer] = FakeRenderer, **kwargs: float) -> Speaker:
        speaker = Speaker(paths.cache, VoiceOptions(), factory=factory, **kwargs)
        made.append(speaker)
        return speaker

    yield make
    for speaker in made:
        speaker.close()


def test_a_wav_plays_to_the_end_without_a_sound_card(qtbot: QtBot) -> None:
    from PySide6.QtMultimedia import QMediaPlayer

    player = shared_player("test")
    statuses: list[object] = []
    player._player.mediaStatusChanged.connect(statuses.append)
    path = sound_path(Sound.FINISH)
    started = time.monotonic()
    with qtbot.waitSignals([player.started, player.finished], timeout=WAIT_MS):
        player.play(path, "finish")
    elapsed = time.monotonic() - started
    assert QMediaPlayer.MediaStatus.EndOfMedia in statuses
    assert elapsed >= wav_seconds(path) * 0.8, "it played for the sound's length"
    # The same file again (a countdown tick) plays again from the start.
    with qtbot.waitSignal(player.finished, timeout=WAIT_MS) as again:
        player.play(path, "again")
    assert again.args == ["again"]


def test_every_beep_is_a_short_playable_wav() -> None:
    for sound in Sound:
        seconds = wav_seconds(sound_path(sound))
        assert 0.05 <= seconds <= 1.0, sound


def test_a_cue_is_rendered_then_played(qtbot: QtBot, make_speaker: Callable[..., Speaker]) -> None:
    speaker = make_speaker()
    played = Played(speaker)
    with qtbot.waitSignal(speaker.playing, timeout=WAIT_MS) as playing:
        speaker.play_cue("Left calf, foam roller", voice=True, beep=None)
    assert playing.args == ["Left calf, foam roller"]
    assert speaker.cache.lookup("Left calf, foam roller", "", VoiceOptions().rate) is not None
    assert played.labels == ["Left calf, foam roller"]


def test_a_prepared_cue_plays_at_once(qtbot: QtBot, make_speaker: Callable[..., Speaker]) -> None:
    renderer = FakeRenderer()
    speaker = make_speaker(lambda: renderer)
    speaker.prepare_all(["Ten seconds left", "Ten seconds left", "Next: calves"])
    qtbot.waitUntil(lambda: len(renderer.rendered) == 2, timeout=WAIT_MS)
    speaker.warm_up()
    with qtbot.waitSignal(speaker.playing, timeout=WAIT_MS):
        speaker.say("Ten seconds left")
        # At once: playing from the cache within the call, with nothing left to render.
        assert speaker._voices().busy
        assert not speaker._waiting
    assert len(renderer.rendered) == 2, "nothing was rendered twice"


def test_beep_first_then_the_words(qtbot: QtBot, make_speaker: Callable[..., Speaker]) -> None:
    speaker = make_speaker()
    speaker.prepare("Switch to your right side")
    played = Played(speaker)
    speaker.play_cue("Switch to your right side", voice=True, beep="start")
    qtbot.waitUntil(lambda: len(played.labels) == 2, timeout=WAIT_MS)
    assert played.labels == ["start", "Switch to your right side"]


def test_a_beep_only_cue_says_nothing(qtbot: QtBot, make_speaker: Callable[..., Speaker]) -> None:
    renderer = FakeRenderer()
    speaker = make_speaker(lambda: renderer)
    played = Played(speaker)
    # Until the beep has ended: words would follow it then.
    with qtbot.waitSignals([speaker.playing, speaker._beeps().finished], timeout=WAIT_MS):
        speaker.play_cue("3", voice=False, beep="countdown")
    assert played.labels == ["countdown"]
    assert speaker._worker is None, "the speech engine was never asked"
    assert renderer.rendered == []


def test_cues_never_talk_over_each_other(
    qtbot: QtBot, make_speaker: Callable[..., Speaker]
) -> None:
    speaker = make_speaker()
    finished: list[str] = []
    texts = ["One two three four", "Five", "Six"]
    speaker.prepare_all(texts)
    rate = VoiceOptions().rate
    qtbot.waitUntil(lambda: all(speaker.cache.lookup(t, "", rate) for t in texts), timeout=WAIT_MS)
    speaker.say("One two three four")  # 1.2 s of sound
    speaker._voices().finished.connect(finished.append)
    qtbot.waitUntil(lambda: speaker._voices().busy, timeout=WAIT_MS)
    speaker.say("Five")
    speaker.say("Six")  # the newest waiting cue wins
    qtbot.waitUntil(lambda: len(finished) == 2, timeout=WAIT_MS)
    assert finished == ["One two three four", "Six"]


def test_muted_is_silent_and_stop_drops_what_waits(
    qtbot: QtBot, make_speaker: Callable[..., Speaker]
) -> None:
    renderer = FakeRenderer(hang_on=("slow",))
    speaker = make_speaker(lambda: renderer)
    played = Played(speaker)
    speaker.set_muted(True)
    speaker.play_cue("Muted words", voice=True, beep="start")
    speaker.set_muted(False)
    speaker.say("slow")
    speaker.stop()

    def slow_rendered(event: object) -> bool:
        return isinstance(event, Rendered) and event.utterance.text == "slow"

    # Until the speaker has had the late WAV (queued after its own handler, so handled).
    with qtbot.waitSignal(speaker._worker_event, check_params_cb=slow_rendered, timeout=WAIT_MS):
        renderer.release.set()
    assert played.labels == [], "nothing muted or stopped was heard"


def test_a_missing_engine_is_reported_and_cues_become_beeps(
    qtbot: QtBot, make_speaker: Callable[..., Speaker], caplog: pytest.LogCaptureFixture
) -> None:
    def missing() -> Renderer:
        raise EngineMissingError("eSpeak NG is not installed")

    speaker = make_speaker(missing)
    played = Played(speaker)
    with qtbot.waitSignal(speaker.voice_unavailable, timeout=WAIT_MS) as reported:
        speaker.play_cue("Left calf, foam roller", voice=True, beep=None)
    assert reported.args == ["eSpeak NG is not installed"]
    assert not speaker.available and speaker.reason == "eSpeak NG is not installed"
    qtbot.waitUntil(lambda: played.labels == ["notice"], timeout=WAIT_MS)
    speaker.play_cue("Switch to your right side", voice=True, beep="start")
    qtbot.waitUntil(lambda: played.labels == ["notice", "start"], timeout=WAIT_MS)
    assert "voice unavailable: eSpeak NG is not installed" in caplog.text
    assert "could not start" in caplog.text, "the log has the details"


def test_a_hung_engine_is_abandoned_and_the_window_keeps_going(
    qtbot: QtBot, make_speaker: Callable[..., Speaker], monkeypatch: pytest.MonkeyPatch
) -> None:
    renderer = FakeRenderer(hang_on=("Left calf, foam roller",))
    speaker = make_speaker(lambda: renderer, render_timeout=0.3)
    played = Played(speaker)
    joined: list[float] = []
    monkeypatch.setattr(SpeechWorker, "join", lambda worker, timeout: joined.append(timeout))
    # The engine stays hung (until released below) while the window notices and goes on.
    with qtbot.waitSignal(speaker.voice_unavailable, timeout=WAIT_MS) as reported:
        speaker.say("Left calf, foam roller")
    assert reported.args == ["the speech engine stopped responding"]
    assert joined == [], "the GUI thread never waited for the hung engine"
    assert [t.name for t in threading.enumerate() if t.name == "speech-worker"], (
        "the hung thread is abandoned, not joined"
    )
    qtbot.waitUntil(lambda: played.labels == ["notice"], timeout=WAIT_MS)  # the cue's beep
    # A user's "Test voice" tries a fresh engine.
    renderer.release.set()
    speaker.test_voice("Testing", VoiceOptions(rate=200))
    qtbot.waitUntil(lambda: played.labels == ["notice", "Testing"], timeout=WAIT_MS)
    assert speaker.available


def test_a_run_of_failures_gives_up_the_voice(
    qtbot: QtBot, make_speaker: Callable[..., Speaker]
) -> None:
    renderer = FakeRenderer(fail_on=("a", "b", "c"))
    speaker = make_speaker(lambda: renderer)
    played = Played(speaker)
    speaker.say("a")
    qtbot.waitUntil(lambda: played.labels == ["notice"], timeout=WAIT_MS)
    assert speaker.available, "one failure is not enough"
    with qtbot.waitSignal(speaker.voice_unavailable, timeout=WAIT_MS) as reported:
        speaker.say("b")
        speaker.say("c")
    assert reported.args == ["speech keeps failing (RuntimeError: engine broke on 'c')"]


def test_voices_are_listed(qtbot: QtBot, make_speaker: Callable[..., Speaker]) -> None:
    speaker = make_speaker()
    with qtbot.waitSignal(speaker.voices_listed, timeout=WAIT_MS) as listed:
        speaker.request_voices()
    assert [voice.id for voice in listed.args[0]] == ["fake/en", "fake/de"]


def test_volume_applies_to_playback(qtbot: QtBot, make_speaker: Callable[..., Speaker]) -> None:
    speaker = make_speaker()
    speaker.warm_up()
    speaker.apply(VoiceOptions(volume=0.25))
    assert speaker._voices().volume() == pytest.approx(0.25)
    assert speaker._beeps().volume() == pytest.approx(0.25)


@pytest.mark.slow
def test_real_speech_end_to_end(qtbot: QtBot, paths: AppPaths) -> None:
    speaker = Speaker(paths.cache)  # the default backend: pyttsx3 with eSpeak NG
    try:
        with qtbot.waitSignal(speaker.playing, timeout=WAIT_MS):
            speaker.say("Switch to your right side")
        path = speaker.cache.lookup("Switch to your right side", "", VoiceOptions().rate)
        assert path is not None and 0.8 < wav_seconds(path) < 4.0
        with qtbot.waitSignal(speaker._voices().finished, timeout=WAIT_MS):
            pass
    finally:
        speaker.close()


def test_speech_stays_off_the_start_up_path(qtbot: QtBot, paths: AppPaths) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from selfmassage.app import SelfMassageApp\n"
        "from selfmassage.core.paths import app_paths\n"
        "SelfMassageApp(app_paths())\n"
        "print(sorted(m for m in sys.modules if 'Multimedia' in m or m.startswith('pyttsx3')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_sound_path_points_into_the_assets() -> None:
    assert sound_path(Sound.START) == Path(sound_path(Sound.START))
    assert sound_path(Sound.START).name == "start.wav"


def test_a_routine_in_another_language_gets_a_voice_that_speaks_it(
    qtbot: QtBot, make_speaker: Callable[..., Speaker]
) -> None:
    renderer = FakeRenderer()  # voices: fake/en, fake/de
    speaker = make_speaker(lambda: renderer)
    speaker.apply(VoiceOptions(voice="fake/en"))
    with qtbot.waitSignal(speaker.voices_listed, timeout=WAIT_MS):
        speaker.set_language("de-AT")
    assert speaker.voice == "fake/de"
    with qtbot.waitSignal(speaker.playing, timeout=WAIT_MS):
        speaker.say("Linke Wade")
    assert renderer.rendered == [("Linke Wade", "fake/de", VoiceOptions().rate)]
    speaker.set_language(None)
    assert speaker.voice == "fake/en"


@pytest.mark.slow
def test_real_speech_through_the_process_backend(qtbot: QtBot, paths: AppPaths) -> None:
    from selfmassage.speech.renderers import renderer_factory

    speaker = Speaker(paths.cache, factory=renderer_factory("process"))
    try:
        with qtbot.waitSignal(speaker.playing, timeout=WAIT_MS) as playing:
            speaker.say("Next: quadriceps, foam roller")
        assert playing.args == ["Next: quadriceps, foam roller"]
        with qtbot.waitSignal(speaker.voices_listed, timeout=WAIT_MS) as listed:
            speaker.request_voices()
        assert len(listed.args[0]) > 10
    finally:
        speaker.close()
