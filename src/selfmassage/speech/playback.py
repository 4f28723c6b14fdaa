"""Playing a WAV in the GUI thread with QtMultimedia, so volume, pause and stop are instant.

QtMultimedia is imported when the first player is made, not at start-up. QMediaPlayer
(not QSoundEffect) because it plays, and reaches its end, even with no sound card.

The FFmpeg backend (Qt 6.12 here) is fragile under quick changes, as stress tests of
rapid play/stop showed; so, measured, not guessed:
- QMediaPlayer.stop() right after play() deadlocked the GUI thread, and unloading a
  playing sound (setSource of an empty URL) crashed a backend thread: "stop" here is
  pause() and forgetting the sound. pause, seek, and loading another file were safe.
- A player whose Qt parent emitted its own signals deadlocked or crashed: the players
  have no Qt parent, and live as long as the process (``shared_player``), so none is
  destroyed while the backend's threads still work on it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal

log = logging.getLogger(__name__)

_SHARED: dict[str, SoundPlayer] = {}


def shared_player(name: str) -> SoundPlayer:
    """The process's one player of this name, made on first use."""
    player = _SHARED.get(name)
    if player is None:
        player = _SHARED[name] = SoundPlayer(name)
    return player


class SoundPlayer(QObject):
    started = Signal(str)
    """The label given to play(), once the sound is actually playing."""
    finished = Signal(str)
    """The label, when the sound ended, failed or was stopped."""

    def __init__(self, name: str) -> None:
        super().__init__()
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

        self._states = QMediaPlayer.PlaybackState
        self._statuses = QMediaPlayer.MediaStatus
        self._player = QMediaPlayer()
        self._player.setObjectName(name)
        self._output = QAudioOutput()
        self._player.setAudioOutput(self._output)
        self._label = ""
        """The sound playing (or paused) now; empty when none is."""
        self._source = ""
        self._announced = False
        self._paused = False
        self._player.playbackStateChanged.connect(self._state_changed)
        self._player.mediaStatusChanged.connect(self._status_changed)
        self._player.errorOccurred.connect(self._error)

    @property
    def busy(self) -> bool:
        """Playing or paused: a new sound would cut this one off."""
        return bool(self._label)

    @property
    def paused(self) -> bool:
        return self.busy and self._paused

    def play(self, path: Path, label: str = "") -> None:
        """Play a sound, cutting off whatever this player was playing."""
        self._end()
        self._label = label or path.stem
        self._announced = False
        self._paused = False
        source = str(path)
        if source == self._source:
            # The same file again (a countdown tick): setSource would do nothing.
            self._player.setPosition(0)
        else:
            self._source = source
            self._player.setSource(QUrl.fromLocalFile(source))
        self._player.play()
        if self._player.playbackState() == self._states.PlayingState and not self._announced:
            # Still playing the last tick (its end not yet reported): the seek restarted
            # it, and no state change will come to say so.
            self._announced = True
            self.started.emit(self._label)

    def stop(self) -> None:
        """Silence now (see the module's note on why this pauses)."""
        if self.busy:
            self._end()
            self._player.pause()

    def pause(self) -> None:
        if self.busy and not self._paused:
            self._paused = True
            self._player.pause()

    def resume(self) -> None:
        if self.paused:
            self._paused = False
            self._player.play()

    def set_volume(self, volume: float) -> None:
        self._output.setVolume(volume)

    def set_muted(self, muted: bool) -> None:
        self._output.setMuted(muted)

    def volume(self) -> float:
        return float(self._output.volume())

    def _state_changed(self, state: object) -> None:
        if state == self._states.PlayingState and self.busy and not self._announced:
            self._announced = True
            self.started.emit(self._label)

    def _status_changed(self, status: object) -> None:
        if status == self._statuses.EndOfMedia and not self._stale_end():
            self._end()

    def _stale_end(self) -> bool:
        """An end reported late for the sound before, while this one has just begun."""
        duration, position = self._player.duration(), self._player.position()
        return duration > 0 and position < duration - 150

    def _error(self, error: object, message: str) -> None:
        if error == self._player.Error.NoError:
            return
        log.warning("could not play %s: %s", self._source, message)
        self._source = ""  # load it afresh next time
        self._end()

    def _end(self) -> None:
        if self._label:
            label, self._label = self._label, ""
            self._paused = False
            self.finished.emit(label)
