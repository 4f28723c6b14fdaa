"""The first step's cues, made into sound before a session starts, so the first cue is
never lost to an engine that is still starting or writes an empty file.

``FirstCues`` asks the Speaker for every spoken cue of the first step, and reports once:
"" when each has a sound file in the voice that will speak it, with sound in it; or
why not (no engine, a cue the engine could not say, too long a wait). The session then
starts anyway, with beeps and the cues on screen.
"""

from __future__ import annotations

import logging
import wave
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, SignalInstance

from selfmassage.core.language import _
from selfmassage.speech.silence import first_audible_frame

if TYPE_CHECKING:
    from selfmassage.core.timeline import Timeline
    from selfmassage.speech.speaker import Speaker

log = logging.getLogger(__name__)

TRIES = 3
"""Times each cue is asked for before the voice counts as unable to say it (the engine
now and then writes an empty file; the worker itself tries twice each time)."""
WAIT_MS = 20_000
"""The longest the session waits for its first cues; the speaker's own watchdog gives
up on a hung engine sooner, this is the last resort."""
SOUND_POLL_MS = 20
"""How often to look whether the sound output has opened, once the sounds are made."""


def first_step_texts(timeline: Timeline) -> list[str]:
    """What the voice says in the first step (each side, the switch between them), in
    order, once each; with the finish when the routine has one step only."""
    texts = [
        cue.text
        for segment in timeline.segments
        if segment.step_index == 0
        for cue in segment.cues
        if cue.voice and cue.text.strip()
    ]
    if len(timeline.routine.steps) == 1 and timeline.finish.voice:
        texts.append(timeline.finish.text)
    return list(dict.fromkeys(texts))


def audible(path: Path) -> bool:
    """A WAV that is there, not empty, and has sound in it (16-bit: checked sample by
    sample; other widths only for being non-empty)."""
    try:
        with wave.open(str(path), "rb") as sound:
            channels, width, rate = sound.getnchannels(), sound.getsampwidth(), sound.getframerate()
            data = sound.readframes(sound.getnframes())
    except (wave.Error, EOFError, OSError):
        return False
    if not data or channels <= 0 or rate <= 0:
        return False
    if width != 2:
        return True
    samples = array("h")
    samples.frombytes(data[: len(data) - len(data) % 2])
    return first_audible_frame(samples, channels, rate) is not None


class FirstCues(QObject):
    """Waits for the sound of ``texts``; calls ``done`` once, with "" or the reason."""

    def __init__(
        self,
        speaker: Speaker,
        texts: list[str],
        done: Callable[[str], None],
        *,
        wait_ms: int = WAIT_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.speaker = speaker
        self.texts = list(dict.fromkeys(texts))
        self._done: Callable[[str], None] | None = done
        self._ready: set[str] = set()
        self._tries: dict[str, int] = {}
        self._connected = False
        self._report: tuple[Callable[[str], None], str] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(wait_ms)
        self._timer.timeout.connect(lambda: self._finish(_("the voice took too long to start")))
        self._sound_poll = QTimer(self)
        self._sound_poll.setSingleShot(True)
        self._sound_poll.setInterval(SOUND_POLL_MS)
        self._sound_poll.timeout.connect(self._recheck)

    @property
    def waiting(self) -> bool:
        return self._done is not None

    def start(self, language: str | None) -> None:
        """Ask for the sounds; ``done`` may be called before this returns (all of them
        already made, or no voice at all)."""
        speaker = self.speaker
        if not speaker.available:
            self._finish(speaker.reason or _("the voice is unavailable"), now=True)
            return
        for signal, slot in self._listened():
            signal.connect(slot)
        self._connected = True
        speaker.set_language(language)
        speaker.warm_up()
        if self._check(now=True):
            return
        self._timer.start()
        self._ask(self._missing())

    def cancel(self) -> None:
        """Nothing is reported any more (the session was called off)."""
        self._done = None
        self._report = None
        self._stop()

    # Inside ----------------------------------------------------------------------------

    def _missing(self) -> list[str]:
        return [text for text in self.texts if text not in self._ready]

    def _check(self, *, now: bool = False) -> bool:
        """Look in the cache for each cue not yet seen, in the voice now in use."""
        for text in self._missing():
            path = self.speaker.rendered_file(text)
            if path is not None and audible(path):
                self._ready.add(text)
        if self._missing():
            return False
        if not self.speaker.sound_ready:
            # The sounds are made; the output is still opening and measuring its delay:
            # a cue started before that would be heard late. Look again shortly.
            self._sound_poll.start()
            return False
        self._finish("", now=now)
        return True

    def _recheck(self) -> None:
        if self.waiting:
            self._check()

    def _rendered(self, text: str) -> None:
        if self.waiting and text in self.texts:
            self._check()

    def _voices_listed(self, _voices: object) -> None:
        # The routine's language may have chosen another voice: its sounds are others.
        if self.waiting and not self._check():
            self._ask(self._missing())

    def _failed(self, text: str, reason: str) -> None:
        if not self.waiting or text not in self.texts or text in self._ready:
            return
        if self._tries.get(text, 0) < TRIES:
            self._ask([text])
        else:
            self._finish(
                _("the first cues could not be made into sound ({reason})").format(reason=reason)
            )

    def _ask(self, texts: list[str]) -> None:
        for text in texts:
            self._tries[text] = self._tries.get(text, 0) + 1
        self.speaker.prepare_all(texts)

    def _unavailable(self, reason: str) -> None:
        if self.waiting:
            self._finish(reason or _("the voice is unavailable"))

    def _finish(self, problem: str, *, now: bool = False) -> None:
        done, self._done = self._done, None
        self._stop()
        if done is None:
            return
        if problem:
            log.warning("starting without the first cues spoken: %s", problem)
        if now:
            done(problem)
        else:
            # Not from inside the speaker's own event handling: the session that starts
            # now asks the speaker for its first cue at once.
            self._report = (done, problem)
            QTimer.singleShot(0, self, self._deliver)

    def _deliver(self) -> None:
        report, self._report = self._report, None
        if report is not None:
            done, problem = report
            done(problem)

    def _listened(self) -> list[tuple[SignalInstance, Callable[..., None]]]:
        speaker = self.speaker
        return [
            (speaker.rendered, self._rendered),
            (speaker.render_failed, self._failed),
            (speaker.voice_unavailable, self._unavailable),
            (speaker.voices_listed, self._voices_listed),
        ]

    def _stop(self) -> None:
        self._timer.stop()
        self._sound_poll.stop()
        if self._connected:
            self._connected = False
            for signal, slot in self._listened():
                signal.disconnect(slot)
