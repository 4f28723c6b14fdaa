"""The speech worker with fake renderers: one owning thread, a queue, events, a watchdog."""

from __future__ import annotations

import queue
import threading
import time
import wave
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from selfmassage.core.voice import Voice
from selfmassage.speech.cache import SpeechCache, wav_seconds
from selfmassage.speech.health import VoiceHealth, VoiceState
from selfmassage.speech.renderer import EngineMissingError, Renderer
from selfmassage.speech.worker import (
    EngineFailed,
    EngineReady,
    Event,
    Rendered,
    RenderFailed,
    SpeechWorker,
    Utterance,
    VoicesListed,
    describe,
    render_deadline,
)
from tests.speech.speech_fakes import FakeRenderer

WAIT = 10.0


class Events:
    def __init__(self) -> None:
        self.queue: queue.Queue[Event] = queue.Queue()
        self.threads: set[str] = set()

    def __call__(self, event: Event) -> None:
        self.threads.add(threading.current_thread().name)
        self.queue.put(event)

    def next(self) -> Event:
        return self.queue.get(timeout=WAIT)


@pytest.fixture
def events() -> Events:
    return Events()


@pytest.fixture
def start_worker(tmp_path: Path, events: Events) -> Iterator[Callable[..., SpeechWorker]]:
    workers: list[SpeechWorker] = []

    def start(factory: Callable[[], Renderer], **kwargs: float) -> SpeechWorker:
        worker = SpeechWorker(SpeechCache(tmp_path / "speech"), factory, events, **kwargs)
        worker.start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.close()


def wait_until_busy(worker: SpeechWorker) -> None:
    deadline = time.monotonic() + WAIT
    while worker.stuck(float("inf")) is None:
        assert time.monotonic() < deadline, "the worker never got busy"
        time.sleep(0.005)


def say(text: str) -> Utterance:
    return Utterance(text, "fake/en", 170)


def test_renders_in_its_own_thread_and_caches(
    start_worker: Callable[..., SpeechWorker], events: Events
) -> None:
    renderer = FakeRenderer()
    worker = start_worker(lambda: renderer)
    assert isinstance(events.next(), EngineReady)
    worker.render(say("Left calf, foam roller"))
    event = events.next()
    assert isinstance(event, Rendered) and not event.cached
    assert wav_seconds(event.path) == pytest.approx(1.2)  # 0.3 s a word
    worker.render(say("Left calf, foam roller"))
    again = events.next()
    assert isinstance(again, Rendered) and again.cached and again.path == event.path
    assert renderer.rendered == [("Left calf, foam roller", "fake/en", 170)]
    assert renderer.thread_names == {"speech-worker"}
    assert events.threads == {"speech-worker"}
    assert not list(event.path.parent.glob(".*")), "no temporary file is left behind"


def test_the_engine_is_created_in_the_worker_thread(
    start_worker: Callable[..., SpeechWorker], events: Events
) -> None:
    created_in: list[str] = []

    def factory() -> Renderer:
        created_in.append(threading.current_thread().name)
        return FakeRenderer()

    start_worker(factory)
    assert isinstance(events.next(), EngineReady)
    assert created_in == ["speech-worker"]


def test_an_urgent_cue_jumps_the_cues_prepared_ahead(
    start_worker: Callable[..., SpeechWorker], events: Events
) -> None:
    renderer = FakeRenderer(hang_on=("first",))
    worker = start_worker(lambda: renderer)
    assert isinstance(events.next(), EngineReady)
    worker.render(say("first"))  # holds the worker while the queue fills
    wait_until_busy(worker)
    for number in range(3):
        worker.render(say(f"later {number}"))
    worker.render(say("now"), urgent=True)
    renderer.release.set()
    order = [events.next().utterance.text for _ in range(5)]  # type: ignore[union-attr]
    assert order == ["first", "now", "later 0", "later 1", "later 2"]


def test_a_cue_prepared_twice_is_rendered_once(
    start_worker: Callable[..., SpeechWorker], events: Events
) -> None:
    renderer = FakeRenderer(hang_on=("first",))
    worker = start_worker(lambda: renderer)
    assert isinstance(events.next(), EngineReady)
    worker.render(say("first"))
    wait_until_busy(worker)
    worker.render(say("twice"))
    worker.render(say("twice"))
    renderer.release.set()
    assert [events.next().utterance.text for _ in range(2)] == ["first", "twice"]  # type: ignore[union-attr]
    # A cue asked for after them comes next: no second "twice" was waiting before it.
    worker.render(say("after"))
    assert events.next().utterance.text == "after"  # type: ignore[union-attr]
    assert [text for text, _voice, _rate in renderer.rendered] == ["first", "twice", "after"]


def test_survives_an_engine_that_raises(
    start_worker: Callable[..., SpeechWorker], events: Events
) -> None:
    renderer = FakeRenderer(fail_on=("boom",), write_nothing_on=("empty",))
    worker = start_worker(lambda: renderer)
    assert isinstance(events.next(), EngineReady)
    worker.render(say("boom"))
    failed = events.next()
    assert isinstance(failed, RenderFailed)
    assert failed.reason == "RuntimeError: engine broke on 'boom'"
    worker.render(say("empty"))
    empty = events.next()
    assert isinstance(empty, RenderFailed) and "no usable sound" in empty.reason
    worker.render(say("Switch to your right side"))
    assert isinstance(events.next(), Rendered), "the worker goes on after a failure"


def test_an_empty_sound_is_rendered_once_more(
    start_worker: Callable[..., SpeechWorker], events: Events
) -> None:
    renderer = FakeRenderer(write_nothing_once_on=("Halfway",))
    worker = start_worker(lambda: renderer)
    assert isinstance(events.next(), EngineReady)
    worker.render(say("Halfway"))
    rendered = events.next()
    assert isinstance(rendered, Rendered) and rendered.path.stat().st_size > 44
    assert [text for text, _, _ in renderer.rendered] == ["Halfway", "Halfway"]


def test_an_engine_that_cannot_start_is_reported(
    start_worker: Callable[..., SpeechWorker], events: Events
) -> None:
    def missing() -> Renderer:
        raise EngineMissingError("eSpeak NG is not installed")

    worker = start_worker(missing)
    event = events.next()
    assert event == EngineFailed("eSpeak NG is not installed")
    assert worker.join(WAIT), "the thread ends"


def test_a_hung_engine_is_detected_and_abandoned(
    start_worker: Callable[..., SpeechWorker], events: Events
) -> None:
    renderer = FakeRenderer(hang_on=("hang",))
    worker = start_worker(lambda: renderer, render_timeout=0.5)
    assert isinstance(events.next(), EngineReady)
    assert worker.stuck(1e12) is None, "idle is never stuck"
    worker.render(say("hang"))
    wait_until_busy(worker)
    now = time.monotonic()
    assert worker.stuck(now) is None, "not stuck before its deadline"
    limit = render_deadline(say("hang"), 0.5)
    assert worker.stuck(now + limit + 0.1) == "speaking 'hang'"
    worker.abandon()
    renderer.release.set()  # the hung call returns, late
    assert worker.join(WAIT), "an abandoned worker ends on its own once it can"
    assert events.queue.empty(), "an abandoned worker's events are dropped"


def test_a_hung_start_is_detected(tmp_path: Path, events: Events) -> None:
    release = threading.Event()
    now = [100.0]

    def slow() -> Renderer:
        release.wait(30)
        return FakeRenderer()

    worker = SpeechWorker(
        SpeechCache(tmp_path), slow, events, start_timeout=15, clock=lambda: now[0]
    )
    worker.start()
    assert worker.stuck(110.0) is None
    assert worker.stuck(115.5) == "starting"
    worker.abandon()
    release.set()
    assert worker.join(WAIT)
    assert events.queue.empty()  # the thread has ended: nothing more can come


def test_lists_voices(start_worker: Callable[..., SpeechWorker], events: Events) -> None:
    worker = start_worker(FakeRenderer)
    assert isinstance(events.next(), EngineReady)
    worker.list_voices()
    listed = events.next()
    assert isinstance(listed, VoicesListed)
    assert listed.voices[0] == Voice("fake/en", "Fake English", ("en",))


def test_close_ends_the_thread_and_closes_the_engine(
    start_worker: Callable[..., SpeechWorker], events: Events
) -> None:
    renderer = FakeRenderer()
    worker = start_worker(lambda: renderer)
    assert isinstance(events.next(), EngineReady)
    worker.close()
    assert worker.join(WAIT)
    assert renderer.closed


def test_a_failing_listener_does_not_kill_the_worker(tmp_path: Path) -> None:
    seen: list[Event] = []

    def listener(event: Event) -> None:
        seen.append(event)
        if isinstance(event, EngineReady):
            raise RuntimeError("the window is gone")

    worker = SpeechWorker(SpeechCache(tmp_path), FakeRenderer, listener)
    worker.start()
    worker.render(say("still here"))
    deadline = time.monotonic() + WAIT
    while len(seen) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    worker.close()
    assert worker.join(WAIT)
    assert [type(event) for event in seen] == [EngineReady, Rendered]


def test_describe_is_short() -> None:
    assert describe(EngineMissingError("eSpeak NG is not installed")) == (
        "eSpeak NG is not installed"
    )
    assert describe(OSError()) == "OSError"
    long = describe(RuntimeError("x" * 500 + "\nsecond line"))
    assert len(long) == 120 and long.endswith("...")


# The fallback decisions ------------------------------------------------------------------


def test_health_gives_up_once_with_the_first_reason() -> None:
    health = VoiceHealth()
    assert health.usable and health.state is VoiceState.STARTING
    health.engine_ready()
    assert health.state is VoiceState.READY
    assert health.engine_hung("speaking 'x'")
    assert health.reason == "the speech engine stopped responding"
    assert not health.engine_failed("later"), "reported once"
    assert health.reason == "the speech engine stopped responding"
    assert not health.usable


def test_health_tolerates_single_failures_but_not_a_run_of_them() -> None:
    health = VoiceHealth(failures_in_a_row=3)
    assert not health.utterance_failed("a")
    assert not health.utterance_failed("b")
    health.utterance_done()
    assert not health.utterance_failed("c")
    assert not health.utterance_failed("d")
    assert health.utterance_failed("e")
    assert health.reason == "speech keeps failing (e)"


def test_health_names_a_start_that_hangs() -> None:
    health = VoiceHealth()
    assert health.engine_hung("starting")
    assert health.reason == "the speech engine did not start in time"


def test_a_hung_engine_never_holds_up_the_exit(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import threading, sys\n"
        "from pathlib import Path\n"
        "from selfmassage.speech.cache import SpeechCache\n"
        "from selfmassage.speech.worker import SpeechWorker, Utterance\n"
        "class Hung:\n"
        "    def render(self, *args):\n"
        "        threading.Event().wait()  # for ever\n"
        "    def voices(self): return []\n"
        "    def close(self): pass\n"
        f"worker = SpeechWorker(SpeechCache(Path({str(tmp_path)!r})), Hung, lambda e: None)\n"
        "worker.start()\n"
        "worker.render(Utterance('never', '', 170))\n"
        "worker.abandon()\n"
        "print('leaving')\n"
    )
    result = subprocess.run(  # a process held up by the thread would time out
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "leaving"


def test_a_silent_sound_is_rendered_once_more_and_never_handed_on(
    start_worker: Callable[..., SpeechWorker], events: Events
) -> None:
    class SilentOnce(FakeRenderer):
        def render(self, text: str, voice: str, rate: int, path: Path) -> None:
            super().render(text, voice, rate, path)
            if len(self.rendered) == 1:
                with wave.open(str(path), "wb") as out:  # a whole WAV, all silence
                    out.setnchannels(1)
                    out.setsampwidth(2)
                    out.setframerate(22050)
                    out.writeframes(b"\x00\x00" * 11025)

    renderer = SilentOnce()
    worker = start_worker(lambda: renderer)
    assert isinstance(events.next(), EngineReady)
    worker.render(say("Switch sides"))
    rendered = events.next()
    assert isinstance(rendered, Rendered)
    assert len(renderer.rendered) == 2
    assert wav_seconds(rendered.path) == pytest.approx(0.6, abs=0.02)
