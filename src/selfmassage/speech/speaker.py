"""The Speaker: cues in, sound out, and the window never waits for the speech engine.

It lives in the GUI thread. Rendering happens in a SpeechWorker's thread (or process);
its events come back here through a queued signal, and playback is QtMultimedia. A
watchdog timer abandons a worker that hangs. Whenever the voice is unavailable the cue
becomes a beep, ``voice_unavailable(reason)`` says why (once), and the log has the rest.
"""

from __future__ import annotations

import logging
import time
import wave
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from selfmassage.core.assets import asset_path
from selfmassage.core.voice import Sound, Voice, VoiceOptions, cue_sounds, voice_for_language
from selfmassage.speech.cache import SpeechCache, wav_seconds
from selfmassage.speech.health import VoiceHealth
from selfmassage.speech.playback import SoundPlayer, shared_player
from selfmassage.speech.renderer import RendererFactory
from selfmassage.speech.renderers import renderer_factory
from selfmassage.speech.worker import (
    RENDER_TIMEOUT,
    START_TIMEOUT,
    EngineFailed,
    EngineReady,
    Event,
    Rendered,
    RenderFailed,
    SpeechWorker,
    Utterance,
    VoicesListed,
)

log = logging.getLogger(__name__)

STALE_AFTER = 4.0
"""Seconds after which a cue that was still being rendered is no longer worth saying."""
WATCHDOG_INTERVAL_MS = 250


def sound_path(sound: Sound) -> Path:
    return asset_path("sounds", f"{sound.value}.wav")


class Speaker(QObject):
    voice_unavailable = Signal(str)
    """A short reason, for "Voice unavailable: REASON"."""
    voices_listed = Signal(list)
    """The engine's voices (core.voice.Voice), after request_voices()."""
    playing = Signal(str)
    """A cue's text (or a beep's name) when its sound has actually started."""
    rendered = Signal(str)
    """A cue's text once its sound file is in the cache (see ``rendered_file``)."""
    render_failed = Signal(str, str)
    """A cue's text the engine could not render, and why."""

    _worker_event = Signal(object)

    def __init__(
        self,
        cache_folder: Path,
        options: VoiceOptions | None = None,
        *,
        factory: RendererFactory | None = None,
        start_timeout: float = START_TIMEOUT,
        render_timeout: float = RENDER_TIMEOUT,
        stale_after: float = STALE_AFTER,
        parent: QObject | None = None,
    ) -> None:
        """``cache_folder`` is AppPaths.cache; the WAVs go in its ``speech`` folder."""
        super().__init__(parent)
        self.cache = SpeechCache(cache_folder / "speech")
        self.options = options or VoiceOptions()
        self.health = VoiceHealth()
        self.muted = False
        self.language: str | None = None
        """The language of the routine being spoken, to pick a voice that speaks it."""
        self.known_voices: list[Voice] = []
        self._factory = factory
        self._start_timeout = start_timeout
        self._render_timeout = render_timeout
        self._stale_after = stale_after
        self._worker: SpeechWorker | None = None
        self._waiting: dict[Utterance, float] = {}
        """Cues to say as soon as they are rendered, with when they were asked for."""
        self._after_beep: Utterance | None = None
        """The words of a cue whose beep is playing: they follow the beep."""
        self._next: tuple[Path, str] | None = None
        """The cue to say when the one playing ends (the newest wins)."""
        self._voice_player: SoundPlayer | None = None
        self._voice_until = 0.0
        """When the words playing now should have ended, at the latest."""
        self._beep_player: SoundPlayer | None = None
        self._worker_event.connect(self._on_worker_event, Qt.ConnectionType.QueuedConnection)
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(WATCHDOG_INTERVAL_MS)
        self._watchdog.timeout.connect(self._check_worker)

    # State ---------------------------------------------------------------------------------

    @property
    def available(self) -> bool:
        return self.health.usable

    @property
    def reason(self) -> str:
        return self.health.reason

    # Cues ----------------------------------------------------------------------------------

    def play_cue(self, text: str, voice: bool = True, beep: str | None = None) -> None:
        """A cue is due. ``voice`` and ``beep`` are the timeline's (the cue level applied).

        With both, the beep comes first and the words follow it; without a voice the
        words become a beep.
        """
        if self.muted:
            return
        sound, speak = cue_sounds(voice, beep, voice_available=self.health.usable)
        if sound is not None:
            self.beep(sound)  # first: it ends any beep still playing, and what followed it
            if speak:
                self._after_beep = self._utterance(text)
        elif speak:
            self.say(text)

    @Slot(object)
    def play_timeline_cue(self, cue: object) -> None:
        """The same for a core.timeline.Cue (what the session engine's CueDue carries)."""
        self.play_cue(
            str(getattr(cue, "text", "")),
            bool(getattr(cue, "voice", True)),
            getattr(cue, "beep", None),
        )

    @Slot(str)
    def prepare(self, text: str) -> None:
        """Render a cue ahead of time, so it sounds on time when it is due."""
        if not text.strip() or not self.health.usable:
            return
        self._ensure_worker().render(self._utterance(text))

    def prepare_all(self, texts: list[str]) -> None:
        for text in dict.fromkeys(texts):
            self.prepare(text)

    @Slot(str)
    def say(self, text: str) -> None:
        """Speak now: at once if rendered, else as soon as the engine has rendered it."""
        self._say(self._utterance(text))

    def rendered_file(self, text: str) -> Path | None:
        """The cached sound of ``text`` in the voice and rate now in use, if it is there
        and playable."""
        utterance = self._utterance(text)
        return self.cache.lookup(utterance.text, utterance.voice, utterance.rate)

    def _say(self, utterance: Utterance) -> None:
        if self.muted or not utterance.text.strip():
            return
        if not self.health.usable:
            self.beep(Sound.NOTICE)
            return
        cached = self.cache.lookup(utterance.text, utterance.voice, utterance.rate)
        if cached is not None:
            self._play_voice(cached, utterance.text)
            return
        self._waiting[utterance] = time.monotonic()
        self._ensure_worker().render(utterance, urgent=True)

    def beep(self, sound: Sound) -> None:
        if self.muted:
            return
        self._beeps().play(sound_path(sound), sound.value)

    @Slot(str)
    def _beep_finished(self, _label: str) -> None:
        if self._after_beep is not None:
            utterance, self._after_beep = self._after_beep, None
            self._say(utterance)

    # Controls ------------------------------------------------------------------------------

    @Slot()
    def stop(self) -> None:
        """Silence at once; nothing that was waiting will be said."""
        self._waiting.clear()
        self._next = None
        self._after_beep = None
        for player in (self._voice_player, self._beep_player):
            if player is not None:
                player.stop()

    @Slot()
    def pause(self) -> None:
        for player in (self._voice_player, self._beep_player):
            if player is not None:
                player.pause()

    @Slot()
    def resume(self) -> None:
        for player in (self._voice_player, self._beep_player):
            if player is not None:
                player.resume()

    @Slot(bool)
    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        if muted:
            self._waiting.clear()
            self._next = None
            self._after_beep = None
        for player in (self._voice_player, self._beep_player):
            if player is not None:
                player.set_muted(muted)

    @Slot(float)
    def set_volume(self, volume: float) -> None:
        for player in (self._voice_player, self._beep_player):
            if player is not None:
                player.set_volume(volume)

    def apply(self, options: VoiceOptions) -> None:
        """New voice settings; cues rendered with other ones are simply rendered again."""
        self.options = options
        self.set_volume(options.volume)

    def test_voice(self, text: str, options: VoiceOptions) -> None:
        """Say a sample with settings not yet applied (the settings dialog's Test button)."""
        if not self.health.usable:
            self.retry()
        self.set_volume(options.volume)
        self._say(Utterance(text, options.voice, options.rate))

    def request_voices(self) -> None:
        """Ask the engine for its voices; voices_listed follows (an empty list if none)."""
        if not self.health.usable:
            self.retry()
        self._ensure_worker().list_voices()

    def retry(self) -> None:
        """Try the engine again after it failed (the user asked for the voice)."""
        if self._worker is not None:
            self._worker.abandon()
            self._worker = None
        self.health = VoiceHealth()

    @Slot()
    def warm_up(self) -> None:
        """Start the engine and load QtMultimedia now (a session is starting), so the
        first cue does not pay for them."""
        self._voices()
        self._beeps()
        if self.health.usable:
            worker = self._ensure_worker()
            if not self.known_voices:
                worker.list_voices()  # to choose a voice for the routine's language

    def close(self) -> None:
        """At exit: stop sound, let the worker end on its own; never wait for it."""
        self.stop()
        self._watchdog.stop()
        self._release_players()
        if self._worker is not None:
            self._worker.detach()
            self._worker.close()
            self._worker = None

    # Inside ----------------------------------------------------------------------------------

    @property
    def voice(self) -> str:
        """The voice cues are spoken in: the chosen one, unless it cannot speak the
        routine's language and another voice can."""
        return voice_for_language(self.known_voices, self.options.voice, self.language)

    def set_language(self, language: str | None) -> None:
        self.language = language or None
        if self.language and not self.known_voices and self.health.usable:
            self._ensure_worker().list_voices()

    def _utterance(self, text: str) -> Utterance:
        return Utterance(text, self.voice, self.options.rate)

    def _ensure_worker(self) -> SpeechWorker:
        if self._worker is None:
            factory = self._factory or renderer_factory()
            self._worker = SpeechWorker(
                self.cache,
                factory,
                self._worker_event.emit,
                start_timeout=self._start_timeout,
                render_timeout=self._render_timeout,
            )
            self._worker.start()
            self._watchdog.start()
        return self._worker

    def _voices(self) -> SoundPlayer:
        if self._voice_player is None:
            self._voice_player = self._take_player("voice", self._voice_finished)
        return self._voice_player

    def _beeps(self) -> SoundPlayer:
        if self._beep_player is None:
            self._beep_player = self._take_player("beeps", self._beep_finished)
        return self._beep_player

    def _take_player(self, name: str, on_finished: Callable[[str], None]) -> SoundPlayer:
        player = shared_player(name)
        player.set_volume(self.options.volume)
        player.set_muted(self.muted)
        player.started.connect(self.playing)
        player.finished.connect(on_finished)
        return player

    def _release_players(self) -> None:
        # The players outlive this speaker (see playback.py): hand them back quiet.
        for player, on_finished in (
            (self._voice_player, self._voice_finished),
            (self._beep_player, self._beep_finished),
        ):
            if player is not None:
                player.stop()
                player.started.disconnect(self.playing)
                player.finished.disconnect(on_finished)
        self._voice_player = self._beep_player = None

    def _play_voice(self, path: Path, text: str) -> None:
        player = self._voices()
        if player.busy and time.monotonic() < self._voice_until:
            # Never talk over the cue being said: this one follows it.
            self._next = (path, text)
            return
        # (Past its length and still "busy": its end was never reported; cut it off.)
        self._start_voice(path, text)

    def _start_voice(self, path: Path, text: str) -> None:
        self.cache.touch(path)
        try:
            seconds = wav_seconds(path)
        except (wave.Error, EOFError, OSError):
            seconds = 10.0
        self._voice_until = time.monotonic() + seconds + 1.0
        self._voices().play(path, text)

    @Slot(str)
    def _voice_finished(self, _label: str) -> None:
        if self._next is not None:
            path, text = self._next
            self._next = None
            self._start_voice(path, text)

    @Slot(object)
    def _on_worker_event(self, event: Event) -> None:
        if isinstance(event, Rendered):
            self.health.utterance_done()
            self.rendered.emit(event.utterance.text)
            asked = self._waiting.pop(event.utterance, None)
            if asked is None:
                return
            late = time.monotonic() - asked
            if late > self._stale_after:
                log.info("skipping a cue rendered %.1f s too late: %r", late, event.utterance.text)
                return
            self._play_voice(event.path, event.utterance.text)
        elif isinstance(event, RenderFailed):
            self.render_failed.emit(event.utterance.text, event.reason)
            if self._waiting.pop(event.utterance, None) is not None:
                self.beep(Sound.NOTICE)
            if self.health.utterance_failed(event.reason):
                self._give_up()
        elif isinstance(event, EngineReady):
            self.health.engine_ready()
        elif isinstance(event, EngineFailed):
            self._worker = None  # its thread has ended
            if self.health.engine_failed(event.reason):
                self._give_up()
        elif isinstance(event, VoicesListed):
            if event.voices:
                self.known_voices = list(event.voices)
            self.voices_listed.emit(event.voices)

    @Slot()
    def _check_worker(self) -> None:
        worker = self._worker
        if worker is None:
            self._watchdog.stop()
            return
        doing = worker.stuck(time.monotonic())
        if doing is None:
            return
        log.warning("the speech engine hung while %s; abandoning it", doing)
        worker.abandon()
        self._worker = None
        self._watchdog.stop()
        if self.health.engine_hung(doing):
            self._give_up()

    def _give_up(self) -> None:
        log.warning("voice unavailable: %s", self.health.reason)
        if self._waiting:
            # The cues that were waiting for the voice still get their beep.
            self._waiting.clear()
            self.beep(Sound.NOTICE)
        if self._worker is not None:
            self._worker.detach()
            self._worker.close()
            self._worker = None
        self.voice_unavailable.emit(self.health.reason)
        # A dialog waiting for voices should not wait for ever.
        self.voices_listed.emit([])
