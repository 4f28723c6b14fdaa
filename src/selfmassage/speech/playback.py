"""Playing a WAV in the GUI thread with QtMultimedia, so volume, pause and stop are instant.

QtMultimedia is imported when the first player is made, not at start-up. QMediaPlayer
(not QSoundEffect) because it plays, and reaches its end, even with no sound card.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal

log = logging.getLogger(__name__)


class SoundPlayer(QObject):
    started = Signal(str)
    """The label given to play(), once the sound is actually playing."""
    finished = Signal(str)
    """The label, when the sound ended, failed or was stopped."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

        self._states = QMediaPlayer.PlaybackState
        self._statuses = QMediaPlayer.MediaStatus
        self._player = QMediaPlayer(self)
        self._player.setObjectName(name)
        self._output = QAudioOutput(self)
        self._player.setAudioOutput(self._output)
        self._label = ""
        self._source = ""
        self._announced = False
        self._player.playbackStateChanged.connect(self._state_changed)
        self._player.mediaStatusChanged.connect(self._status_changed)
        self._player.errorOccurred.connect(self._error)

    @property
    def busy(self) -> bool:
        """Playing or paused: a new sound would cut this one off."""
        return self._player.playbackState() != self._states.StoppedState

    @property
    def paused(self) -> bool:
        return self._player.playbackState() == self._states.PausedState

    def play(self, path: Path, label: str = "") -> None:
        if self.busy:
            self._end()
            self._player.stop()
        self._label = label or path.stem
        self._announced = False
        source = str(path)
        if source == self._source:
            # The same file again (a countdown tick): setSource would do nothing.
            self._player.setPosition(0)
        else:
            self._source = source
            self._player.setSource(QUrl.fromLocalFile(source))
        self._player.play()

    def stop(self) -> None:
        if self.busy:
            self._player.stop()

    def pause(self) -> None:
        if self._player.playbackState() == self._states.PlayingState:
            self._player.pause()

    def resume(self) -> None:
        if self.paused:
            self._player.play()

    def set_volume(self, volume: float) -> None:
        self._output.setVolume(volume)

    def set_muted(self, muted: bool) -> None:
        self._output.setMuted(muted)

    def volume(self) -> float:
        return float(self._output.volume())

    def _state_changed(self, state: object) -> None:
        if state == self._states.PlayingState and not self._announced:
            self._announced = True
            self.started.emit(self._label)
        elif state == self._states.StoppedState:
            self._end()

    def _status_changed(self, status: object) -> None:
        if status == self._statuses.EndOfMedia:
            self._end()

    def _error(self, error: object, message: str) -> None:
        log.warning("could not play %s: %s", self._source, message)
        self._source = ""  # load it afresh next time
        self._end()

    def _end(self) -> None:
        if self._label:
            label, self._label = self._label, ""
            self.finished.emit(label)
