"""Real speech: pyttsx3 with eSpeak NG renders cues to WAVs, in a thread and in a process."""

from __future__ import annotations

import array
import queue
import sys
import threading
import wave
from collections.abc import Callable
from pathlib import Path

import pytest

from selfmassage.speech.cache import SpeechCache, wav_seconds
from selfmassage.speech.pyttsx3_renderer import Pyttsx3Renderer
from selfmassage.speech.render_process import ProcessRenderer
from selfmassage.speech.renderer import EngineMissingError
from selfmassage.speech.renderers import renderer_factory
from selfmassage.speech.worker import EngineReady, Event, Rendered, SpeechWorker, Utterance

pytestmark = pytest.mark.slow

# The thread backend is what Linux and Windows use; macOS's NSSpeechSynthesizer fails
# inside a Python thread, so there the app speaks through the process backend only.
thread_backend = pytest.mark.skipif(
    sys.platform == "darwin",
    reason="macOS speaks through the process backend: NSSpeechSynthesizer fails in a thread",
)


@pytest.fixture(autouse=True, scope="module")
def _speech_engine() -> None:
    """Real speech where this computer has an engine; a stated skip where it has none.

    On Linux ./dev installs eSpeak NG, so there a missing engine is a failure, not a skip.
    """
    outcome: queue.Queue[BaseException | None] = queue.Queue()

    def start() -> None:
        try:
            if sys.platform == "darwin":
                ProcessRenderer().close()
            else:
                Pyttsx3Renderer().close()
            outcome.put(None)
        except BaseException as error:
            outcome.put(error)

    threading.Thread(target=start, daemon=True).start()
    error = outcome.get(timeout=60)
    if isinstance(error, EngineMissingError) and sys.platform != "linux":
        pytest.skip(f"no speech engine on this computer: {error}")
    if error is not None:
        raise error


CUE = "Left calf, foam roller. Sit with the roller under your calf."


def loudness(path: Path) -> float:
    """Root mean square of the samples, as a fraction of full scale."""
    with wave.open(str(path), "rb") as sound:
        assert (sound.getnchannels(), sound.getsampwidth()) == (1, 2)
        samples = array.array("h", sound.readframes(sound.getnframes()))
    return (sum(s * s for s in samples) / len(samples)) ** 0.5 / 32768


def plausible(seconds: float, words: int, rate: int) -> bool:
    spoken = words / rate * 60
    return spoken * 0.5 <= seconds <= spoken * 2 + 0.5


def render_in_thread(text: str, voice: str, rate: int, path: Path) -> Pyttsx3Renderer:
    """Create and use the engine in one thread, as the worker does."""
    result: queue.Queue[Pyttsx3Renderer | BaseException] = queue.Queue()

    def work() -> None:
        try:
            renderer = Pyttsx3Renderer()
            renderer.render(text, voice, rate, path)
            result.put(renderer)
        except BaseException as error:
            result.put(error)

    threading.Thread(target=work, daemon=True).start()
    outcome = result.get(timeout=30)
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome


@thread_backend
def test_espeak_renders_a_cue_of_plausible_length(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cue.wav"
    render_in_thread(CUE, "", 170, path)
    seconds = wav_seconds(path)
    assert plausible(seconds, len(CUE.split()), 170), seconds
    assert loudness(path) > 0.02, "the file holds speech, not silence"
    assert "Audio saved" not in capfd.readouterr().out, "the driver's chatter is silenced"


@thread_backend
def test_a_faster_rate_makes_shorter_speech(tmp_path: Path) -> None:
    slow, fast = tmp_path / "slow.wav", tmp_path / "fast.wav"
    done: queue.Queue[BaseException | None] = queue.Queue()

    def work() -> None:
        # One engine, one thread, two utterances: the way the speech worker uses it.
        try:
            renderer = Pyttsx3Renderer()
            renderer.render(CUE, "", 120, slow)
            renderer.render(CUE, "", 260, fast)
            done.put(None)
        except BaseException as error:
            done.put(error)

    threading.Thread(target=work, daemon=True).start()
    error = done.get(timeout=30)
    if error is not None:
        raise error
    assert wav_seconds(fast) < wav_seconds(slow) * 0.7


@thread_backend
def test_an_unknown_voice_falls_back_to_the_default(tmp_path: Path) -> None:
    path = tmp_path / "cue.wav"
    render_in_thread("Ten seconds left", "no/such-voice", 170, path)
    assert plausible(wav_seconds(path), 3, 170)


@thread_backend
def test_the_worker_renders_once_then_hits_the_cache(tmp_path: Path) -> None:
    calls: list[str] = []

    class Counting(Pyttsx3Renderer):
        def render(self, text: str, voice: str, rate: int, path: Path) -> None:
            calls.append(text)
            super().render(text, voice, rate, path)

    events: queue.Queue[Event] = queue.Queue()
    worker = SpeechWorker(SpeechCache(tmp_path / "speech"), Counting, events.put)
    worker.start()
    try:
        assert isinstance(events.get(timeout=30), EngineReady)
        cue = Utterance("Switch to your right side", "", 170)
        worker.render(cue)
        first = events.get(timeout=30)
        worker.render(cue)
        second = events.get(timeout=30)
    finally:
        worker.close()
    assert isinstance(first, Rendered) and not first.cached
    assert isinstance(second, Rendered) and second.cached and second.path == first.path
    assert calls == ["Switch to your right side"]
    assert plausible(wav_seconds(first.path), 5, 170)


@thread_backend
def test_english_voices_are_listed(tmp_path: Path) -> None:
    renderer = render_in_thread("One", "", 170, tmp_path / "one.wav")
    voices = renderer.voices()
    assert any(tag.startswith("en") for voice in voices for tag in voice.languages)
    assert all(voice.id and voice.name for voice in voices)


def test_the_process_backend_renders_and_lists_voices(tmp_path: Path) -> None:
    assert renderer_factory("process") is ProcessRenderer
    renderer = ProcessRenderer()
    try:
        path = tmp_path / "cue.wav"
        renderer.render(CUE, "", 170, path)
        assert plausible(wav_seconds(path), len(CUE.split()), 170)
        assert any(v.languages and v.languages[0].startswith("en") for v in renderer.voices())
        with pytest.raises(RuntimeError, match="ValueError"):
            renderer._call({"op": "render", "text": "x", "voice": "", "rate": "fast", "path": ""})
        with pytest.raises(RuntimeError, match="unknown request"):
            renderer._call({"op": "dance"})
        renderer.render("Still working", "", 170, tmp_path / "after.wav")
        assert (tmp_path / "after.wav").is_file(), "the process survives a failed request"
    finally:
        renderer.close()
    assert renderer._process.poll() == 0


def test_a_process_that_cannot_start_its_engine_says_why() -> None:
    reply = '{"ok": false, "error": "eSpeak NG is not installed"}'
    with pytest.raises(EngineMissingError, match="eSpeak NG is not installed"):
        ProcessRenderer([sys.executable, "-c", f"print({reply!r})"])


def test_a_process_that_dies_is_an_error_not_a_hang() -> None:
    with pytest.raises(RuntimeError, match="has ended"):
        ProcessRenderer([sys.executable, "-c", "pass"])


def test_a_killed_process_fails_the_next_request(tmp_path: Path) -> None:
    renderer = ProcessRenderer()
    renderer.kill()
    renderer._process.wait(10)
    with pytest.raises(RuntimeError, match="ended"):
        renderer.render("Hello", "", 170, tmp_path / "x.wav")


def _render_in_a_thread(job: Callable[[], None]) -> None:
    failure: list[BaseException] = []

    def run() -> None:
        try:
            job()
        except BaseException as error:
            failure.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(120)
    assert not thread.is_alive()
    if failure:
        raise failure[0]


@thread_backend
def test_a_stop_left_over_from_the_last_cue_never_cancels_the_next(tmp_path: Path) -> None:
    """Why eSpeak NG now and then wrote an empty file: pyttsx3's driver stops "the
    utterance playing" as each runAndWait begins, and eSpeak still counts the last one
    as playing for a moment after it has ended; the stop flag then cancels the next
    utterance, or lingers until one it does cancel, before any sound was written."""
    from pyttsx3.drivers import _espeak

    cancels: list[int] = []

    def job() -> None:
        renderer = Pyttsx3Renderer()
        driver = renderer._engine.proxy._driver
        cancel = _espeak.Cancel

        def counted_cancel() -> object:
            cancels.append(1)
            return cancel()

        _espeak.Cancel = counted_cancel
        try:
            driver._stopping = True  # what the race leaves behind
            renderer.render("Ten seconds left.", "", 175, tmp_path / "a.wav")
            assert not driver._stopping, "a stop flag lingers for the next utterance"
        finally:
            _espeak.Cancel = cancel
            renderer.close()

    _render_in_a_thread(job)
    assert cancels == [], "the utterance was cancelled as it started"
    assert loudness(tmp_path / "a.wav") > 0.01


@thread_backend
def test_a_long_row_of_cues_back_to_back_has_no_empty_file(tmp_path: Path) -> None:
    texts = ["3", "Halfway.", "Ten seconds left.", "Switch to your right leg.", "Go", CUE]
    frames: list[int] = []

    def job() -> None:
        renderer = Pyttsx3Renderer()
        try:
            for n in range(150):
                path = tmp_path / f"{n % 3}.wav"
                renderer.render(texts[n % len(texts)], "", 175 if n % 5 else 150, path)
                with wave.open(str(path), "rb") as sound:
                    frames.append(sound.getnframes())
        finally:
            renderer.close()

    _render_in_a_thread(job)
    assert len(frames) == 150
    assert min(frames) > 0, f"{frames.count(0)} empty files"
