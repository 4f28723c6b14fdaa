"""The speech worker: one thread that owns the renderer and turns requests into cached WAVs.

Plain Python, no Qt: requests go in through a priority queue (a cue to say now jumps
ahead of cues prepared for later), and what happens comes out as events passed to a
callback *from the worker thread* (the caller moves them to its own thread).

The owner watches for a hang with ``stuck(now)``: a renderer that does not start or
does not finish an utterance in time is abandoned, never joined. The thread is a
daemon, so it blocks neither the window nor the exit of the app.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from selfmassage.core.voice import Voice
from selfmassage.speech.cache import SpeechCache
from selfmassage.speech.renderer import Renderer, RendererFactory, describe

log = logging.getLogger(__name__)

START_TIMEOUT = 15.0
"""Seconds the engine may take to start (a renderer process, a SAPI5 engine)."""
RENDER_TIMEOUT = 8.0
"""Seconds any one utterance may take, plus PER_WORD_TIMEOUT for each word."""
PER_WORD_TIMEOUT = 0.25

URGENT = 0
AHEAD = 1


@dataclass(frozen=True, slots=True)
class Utterance:
    text: str
    voice: str
    rate: int


# Events, as the worker reports them ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EngineReady:
    pass


@dataclass(frozen=True, slots=True)
class EngineFailed:
    reason: str
    """Short, for the banner; the log has the details."""


@dataclass(frozen=True, slots=True)
class Rendered:
    utterance: Utterance
    path: Path
    cached: bool
    """True when the WAV was already there and nothing was rendered."""


@dataclass(frozen=True, slots=True)
class RenderFailed:
    utterance: Utterance
    reason: str


@dataclass(frozen=True, slots=True)
class VoicesListed:
    voices: list[Voice]


Event = EngineReady | EngineFailed | Rendered | RenderFailed | VoicesListed
Listener = Callable[[Event], None]


@dataclass(order=True)
class _Job:
    priority: int
    order: int
    utterance: Utterance | None = field(compare=False, default=None)
    list_voices: bool = field(compare=False, default=False)
    stop: bool = field(compare=False, default=False)


def render_deadline(utterance: Utterance, base: float = RENDER_TIMEOUT) -> float:
    """How long one utterance may take before the engine counts as hung."""
    return base + PER_WORD_TIMEOUT * len(utterance.text.split())


class SpeechWorker:
    def __init__(
        self,
        cache: SpeechCache,
        factory: RendererFactory,
        listener: Listener,
        *,
        start_timeout: float = START_TIMEOUT,
        render_timeout: float = RENDER_TIMEOUT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.cache = cache
        self._factory = factory
        self._listener: Listener | None = listener
        self._listener_lock = threading.Lock()
        self._start_timeout = start_timeout
        self._render_timeout = render_timeout
        self._clock = clock
        self._jobs: queue.PriorityQueue[_Job] = queue.PriorityQueue()
        self._order = itertools.count()
        self._lock = threading.Lock()
        self._busy_since: float | None = None
        self._busy_limit = 0.0
        self._busy_with = ""
        self._renderer: Renderer | None = None
        self._queued: set[Utterance] = set()
        self.abandoned = False
        self._thread = threading.Thread(target=self._run, name="speech-worker", daemon=True)

    # The owner's side (any thread) -------------------------------------------------------

    def start(self) -> None:
        with self._lock:
            self._busy_since = self._clock()
            self._busy_limit = self._start_timeout
            self._busy_with = "starting"
        self._thread.start()

    def render(self, utterance: Utterance, *, urgent: bool = False) -> None:
        """Ask for a WAV; a Rendered or RenderFailed event follows."""
        with self._lock:
            if not urgent and utterance in self._queued:
                return  # already on its way; an urgent request still jumps the queue
            self._queued.add(utterance)
        self._put(_Job(URGENT if urgent else AHEAD, next(self._order), utterance=utterance))

    def list_voices(self) -> None:
        self._put(_Job(URGENT, next(self._order), list_voices=True))

    def close(self) -> None:
        """Let the thread finish what it is doing and end; does not wait for it."""
        self._put(_Job(-1, next(self._order), stop=True))

    def detach(self) -> None:
        """No event reaches the listener after this returns."""
        with self._listener_lock:
            self._listener = None

    def abandon(self) -> None:
        """Give up on a hung thread: its later events are dropped, it is never joined."""
        self.abandoned = True
        self.detach()
        renderer = self._renderer
        kill = getattr(renderer, "kill", None)
        if callable(kill):
            kill()  # a renderer process can be ended; a thread cannot
        self.close()

    def stuck(self, now: float) -> str | None:
        """What the worker has been stuck on for too long at ``now``, or None."""
        with self._lock:
            since, limit, what = self._busy_since, self._busy_limit, self._busy_with
        if since is None or now - since <= limit:
            return None
        return what

    def join(self, timeout: float) -> bool:
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _put(self, job: _Job) -> None:
        self._jobs.put(job)

    # The worker thread ---------------------------------------------------------------------

    def _emit(self, event: Event) -> None:
        # Under the lock, so that once detach() returns nothing reaches the listener:
        # its owner may be deleted right after.
        with self._listener_lock:
            if self._listener is None or self.abandoned:
                log.info("dropping %s from a detached speech worker", type(event).__name__)
                return
            try:
                self._listener(event)
            except Exception:
                log.exception("the speech listener failed on %s", type(event).__name__)

    def _busy(self, what: str, limit: float) -> None:
        with self._lock:
            self._busy_since = self._clock()
            self._busy_limit = limit
            self._busy_with = what

    def _idle(self) -> None:
        with self._lock:
            self._busy_since = None

    def _run(self) -> None:
        try:
            self.cache.prune()
        except Exception:
            log.warning("could not prune the speech cache", exc_info=True)
        try:
            self._renderer = self._factory()
        except Exception as error:
            self._idle()
            log.warning("the speech engine could not start", exc_info=True)
            self._emit(EngineFailed(describe(error)))
            return
        self._idle()
        self._emit(EngineReady())
        try:
            self._serve(self._renderer)
        except Exception as error:
            log.exception("the speech worker stopped")
            self._emit(EngineFailed(describe(error)))
        finally:
            if not self.abandoned:
                self._renderer.close()

    def _serve(self, renderer: Renderer) -> None:
        while True:
            job = self._jobs.get()
            if job.stop or self.abandoned:
                return
            if job.list_voices:
                self._list_voices(renderer)
            elif job.utterance is not None:
                with self._lock:
                    self._queued.discard(job.utterance)
                self._render(renderer, job.utterance)

    def _list_voices(self, renderer: Renderer) -> None:
        self._busy("listing the voices", self._render_timeout)
        try:
            voices = renderer.voices()
        except Exception:
            log.warning("the speech engine could not list its voices", exc_info=True)
            voices = []
        finally:
            self._idle()
        self._emit(VoicesListed(voices))

    def _render(self, renderer: Renderer, utterance: Utterance) -> None:
        final = self.cache.path_for(utterance.text, utterance.voice, utterance.rate)
        if self.cache.lookup(utterance.text, utterance.voice, utterance.rate) is not None:
            self.cache.touch(final)
            self._emit(Rendered(utterance, final, cached=True))
            return
        temp = self.cache.temp_path_for(final)
        self._busy(
            f"speaking {utterance.text[:40]!r}", render_deadline(utterance, self._render_timeout)
        )
        started = time.perf_counter()
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            try:
                renderer.render(utterance.text, utterance.voice, utterance.rate, temp)
                seconds = self.cache.commit(temp, final)
            except ValueError as error:
                # An engine that wrote nothing audible gets a second try. (eSpeak NG's
                # empty files came from a stop left over from the cue before; the
                # renderer now settles the engine first: see pyttsx3_renderer.py.)
                log.info("rendering %r again: %s", utterance.text, error)
                renderer.render(utterance.text, utterance.voice, utterance.rate, temp)
                seconds = self.cache.commit(temp, final)
        except Exception as error:
            log.warning("could not render the cue %r", utterance.text, exc_info=True)
            self._emit(RenderFailed(utterance, describe(error)))
            return
        finally:
            self._idle()
        log.debug(
            "rendered %.2f s of speech in %.0f ms: %r",
            seconds,
            (time.perf_counter() - started) * 1000,
            utterance.text,
        )
        self._emit(Rendered(utterance, final, cached=False))
