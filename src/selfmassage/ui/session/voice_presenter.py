"""The voice's presenter: the Speaker, and File > Voice and cues….

The speech engine starts on first use and QtMultimedia loads with the first sound, so
neither slows the start-up; both warm up once a session is near (the Routine or the
Session page is shown), so the first cue does not wait for them: a slice per turn of the
event loop (the modules, each player, the speaker), never all in the turn that shows
the page.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from selfmassage.core.language import _
from selfmassage.ui.widgets.slices import Slices

if TYPE_CHECKING:
    from selfmassage.core.settings import Settings
    from selfmassage.core.timeline import Cue
    from selfmassage.core.voice import Voice, VoiceSettings
    from selfmassage.speech.speaker import Speaker
    from selfmassage.ui.main_window import MainWindow
    from selfmassage.ui.session.first_cues import FirstCues
    from selfmassage.ui.session.voice_settings import VoiceSettingsDialog


class VoicePresenter(QObject):
    voice_unavailable = Signal(str)
    """Why the voice cannot speak: the session goes on with beeps and on-screen cues."""
    saved = Signal()
    """The person's voice and cue settings were saved (the pacing among them)."""
    language_unvoiced = Signal(str)
    """No voice on this computer speaks the routine's language: what to tell the person
    (the cues are read by the chosen voice all the same)."""

    def __init__(
        self,
        window: MainWindow,
        settings: Settings,
        save_settings: Callable[[], None],
        cache: Path,
        language_in_play: Callable[[], str | None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.save_settings = save_settings
        self.language_in_play = language_in_play
        self.cache = cache
        self._speaker: Speaker | None = None
        self.dialog: VoiceSettingsDialog | None = None
        self._slices = Slices(self)
        self._first: FirstCues | None = None
        self._voice_callbacks: list[Callable[[list[Voice]], None]] = []
        self.action = QAction(_("&Voice and cues…"), window)
        self.action.setToolTip(_("Choose the voice, its speed and volume, and which cues sound"))
        self.action.triggered.connect(lambda: self.show_settings(self.language_in_play()))
        window.stack.currentChanged.connect(self._warm_up_near_a_session)

    @property
    def speaker(self) -> Speaker:
        """Made on first use: the speech modules are not needed for the first screen."""
        if self._speaker is None:
            from selfmassage.speech.speaker import Speaker

            self._speaker = Speaker(self.cache, self.voice_settings().options, parent=self.window)
            self._speaker.voice_unavailable.connect(self.voice_unavailable)
        return self._speaker

    def close(self) -> None:
        self.cancel_first()
        if self._speaker is not None:
            self._speaker.close()

    def voice_settings(self) -> VoiceSettings:
        """The voice and cue settings, checked (the timeline takes ``.cues`` from them)."""
        from selfmassage.core.voice import VoiceSettings

        s = self.settings
        return VoiceSettings(
            voice=s.voice,
            rate=s.voice_rate,
            volume=s.voice_volume,
            cue_level=s.cue_level,
            countdown=s.countdown_style,
            transition_seconds=s.transition_seconds,
        ).checked()

    def speak_session(self, language: str | None) -> None:
        """Before the first cue: the routine's language may call for another voice; when
        no voice speaks it, the person is told."""
        self.speaker.set_language(language)
        self.speaker.warm_up()
        if language:
            self.voices_then(lambda voices: self._tell_if_unvoiced(voices, language))
        else:
            self.language_unvoiced.emit("")

    def _tell_if_unvoiced(self, voices: list[Voice], language: str) -> None:
        from selfmassage.core.voice import speaks
        from selfmassage.ui.session.voice_settings import language_words

        if not voices or any(speaks(voice, language) for voice in voices):
            self.language_unvoiced.emit("")  # a note from the last session goes
        else:
            self.language_unvoiced.emit(
                _(
                    "No voice on this computer speaks {language}: the cues are read by "
                    "the voice chosen in Voice and cues."
                ).format(language=language_words(language))
            )

    def sound_lead(self) -> float:
        """How early a cue's sound must start to be heard on time (0 before the voice
        has warmed up: nothing is open to measure)."""
        return self._speaker.sound_lead() if self._speaker is not None else 0.0

    def voices_then(self, callback: Callable[[list[Voice]], None]) -> None:
        """Call back with the engine's voices: at once if known, else once the engine has
        listed them in its own thread (an empty list when there is none)."""
        speaker = self.speaker
        if speaker.known_voices or not speaker.available:
            callback(list(speaker.known_voices))
            return
        self._voice_callbacks.append(callback)
        if len(self._voice_callbacks) == 1:
            speaker.voices_listed.connect(self._voices_listed)
            speaker.request_voices()

    def _voices_listed(self, voices: list[Voice]) -> None:
        self.speaker.voices_listed.disconnect(self._voices_listed)
        callbacks, self._voice_callbacks = self._voice_callbacks, []
        for callback in callbacks:
            callback(list(voices))

    def prepare_first(
        self, texts: list[str], language: str | None, done: Callable[[str], None]
    ) -> None:
        """Make the first step's cues into sound; ``done("")`` once each can be heard, or
        ``done(reason)`` when the voice cannot (a session then starts without it). Called
        back at once when they are already made or there is nothing to say."""
        from selfmassage.ui.session.first_cues import FirstCues

        if self._first is not None:
            self._first.cancel()
            self._first = None
        if not texts:
            done("")
            return
        self._first = FirstCues(self.speaker, texts, done, parent=self)
        self._first.start(language)

    def cancel_first(self) -> None:
        """The session that waited for its first cues was called off."""
        if self._first is not None:
            self._first.cancel()
            self._first = None

    def play(self, cue: Cue) -> None:
        self.speaker.play_timeline_cue(cue)

    def prepare(self, texts: list[str]) -> None:
        self.speaker.prepare_all(texts)

    def set_muted(self, muted: bool) -> None:
        self.speaker.set_muted(muted)

    def stop(self) -> None:
        self.speaker.stop()

    def follow_session(self, state: str) -> None:
        actions = {"paused": self.speaker.pause, "running": self.speaker.resume}
        actions.get(state, self.speaker.stop if state == "stopped" else lambda: None)()

    def _warm_up_near_a_session(self, _index: int) -> None:
        if self.window.current_page_key() in ("routine", "session") and not self._slices.pending:
            self._slices.add(
                (
                    _import_multimedia,
                    lambda: _player("voice"),
                    lambda: _player("beeps"),
                    _import_speaker,
                    lambda: self.speaker.warm_up(),
                )
            )

    def show_settings(self, language: str | None = None) -> VoiceSettingsDialog:
        """Open File > Voice and cues… (window-modal, not blocking); OK saves and applies."""
        from selfmassage.ui.session.voice_settings import VoiceSettingsDialog

        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        dialog = VoiceSettingsDialog(self.voice_settings(), language, self.window)
        dialog.test_requested.connect(self.speaker.test_voice)
        dialog.test_requested.connect(lambda *_: self._say_if_silent(dialog))
        self.speaker.voices_listed.connect(dialog.set_voices)
        self.speaker.voice_unavailable.connect(dialog.set_voice_problem)
        if not self.speaker.available:
            dialog.set_voice_problem(self.speaker.reason)
        dialog.accepted.connect(lambda: self._save(dialog.voice_settings()))
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))
        self.dialog = dialog
        dialog.open()
        self.speaker.request_voices()
        return dialog

    @staticmethod
    def _say_if_silent(dialog: VoiceSettingsDialog) -> None:
        """Test voice with no sound output would play nothing, without a word."""
        from selfmassage.speech.sound_output import sound_output_problem

        problem = sound_output_problem()
        if problem:
            dialog.voice_status.setText(
                # Translators: {problem} is a sentence saying what is wrong with the sound.
                _("{problem} Test voice cannot be heard.").format(problem=problem)
            )

    def _save(self, voice: VoiceSettings) -> None:
        s = self.settings
        s.voice, s.voice_rate, s.voice_volume = voice.voice, voice.rate, voice.volume
        s.cue_level, s.countdown_style = voice.cue_level, voice.countdown
        s.transition_seconds = voice.transition_seconds
        self.save_settings()
        self.saved.emit()

    def _forget_dialog(self, dialog: VoiceSettingsDialog) -> None:
        # Cancel undoes a volume the Test button tried; OK's values are in the settings.
        self.speaker.apply(self.voice_settings().options)
        self.speaker.voices_listed.disconnect(dialog.set_voices)
        self.speaker.voice_unavailable.disconnect(dialog.set_voice_problem)
        dialog.deleteLater()
        self.dialog = None


def _import_multimedia() -> None:
    with suppress(ImportError):  # the speaker says so when it plays
        import PySide6.QtMultimedia  # noqa: F401 - loaded ahead, not used here


def _player(name: str) -> None:
    from selfmassage.speech.playback import shared_player

    with suppress(ImportError):
        shared_player(name)  # the speaker takes it when it warms up


def _import_speaker() -> None:
    import selfmassage.speech.speaker  # noqa: F401 - loaded ahead, not used here
