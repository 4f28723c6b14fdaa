"""One sound output for the whole app, opened once and kept running: cues are heard on time.

A QMediaPlayer per sound opened a new stream to the sound server for every cue and
decoded the file as it was due: measured into a PulseAudio null sink, each cue was heard
25-55 ms after play(), the first one of a session hundreds of ms. Here one QAudioSink
(push mode) is opened when a session is near and stays open; each sound is decoded to
PCM beforehand (pcm.py) and written into the running stream in small slices by a timer
on the GUI thread, so a cue costs a memory copy. The stream's latency (from a write to
the device taking the sound) is measured when it opens; the session controller starts
each cue that much early (``latency``).

Channels (``channel(name)``): the voice and the beeps each have one, with the interface
of playback.SoundPlayer, so that a beep can sound over words. Only ``AHEAD`` seconds are
ever queued in the stream, so stop and pause take effect within that.

Without a sound device (or when the stream cannot open) sounds are "played" against the
clock: they start, last their length and end, as they would be heard, so everything
that waits for a sound's end behaves the same; nothing is heard, as nothing could be.
"""

from __future__ import annotations

import logging
import statistics
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QIODevice, QObject, Qt, QTimer, Signal

from selfmassage.speech.pcm import BYTES_PER_SECOND, RATE, UnplayableSoundError, mix, read_pcm

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioSink

log = logging.getLogger(__name__)

AHEAD = 0.08
"""Seconds of sound kept queued in the stream: enough to ride out a busy GUI thread
for that long, short enough that stop and pause are prompt."""
FEED_MS = 10
PRIME = 0.0
"""Seconds of silence written when the stream opens, to get it past its pre-buffering."""
PROBES = 5
PROBE_SECONDS = 0.02
PROBE_TIMEOUT = 0.5
MAX_LATENCY = 0.2
"""A measured latency above this is taken as a stream that is not yet running."""
DECODED_KEPT = 16
"""Decoded sounds kept in memory, the latest used: the part's and the next part's cues
(decoded ahead as they are made or asked for) and the beeps. About 0.1 MB each: a
ten-minute routine says about sixty different cues, and 48 of them were 5 MB."""

_OUTPUT: AudioOutput | None = None


def shared_output() -> AudioOutput:
    """The process's one output, made (and opened) on first use."""
    global _OUTPUT
    if _OUTPUT is None:
        _OUTPUT = AudioOutput()
    return _OUTPUT


class Channel(QObject):
    """One voice of the output; the interface of playback.SoundPlayer."""

    started = Signal(str)
    """The label given to play(), as the sound starts."""
    finished = Signal(str)
    """The label, when the sound has been heard to its end, or was stopped."""
    refused = Signal(Path)
    """A file that is no sound (empty, silent, unreadable): it was not played."""

    def __init__(self, output: AudioOutput, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self._output = output
        self._label = ""
        self._pcm = b""
        self._written = 0
        self._ends_at = 0.0
        self._paused = False

    @property
    def busy(self) -> bool:
        """Playing or paused: a new sound would cut this one off."""
        return bool(self._label)

    @property
    def paused(self) -> bool:
        return self.busy and self._paused

    def play(self, path: Path, label: str = "") -> bool:
        """Play a sound, cutting off whatever this channel was playing; False (and
        ``refused``) when the file is no sound, which is then never played."""
        try:
            pcm = self._output.decoded(path)
        except UnplayableSoundError as error:
            log.warning("not playing %s: %s", path.name, error)
            self.refused.emit(path)
            return False
        self._end()
        self._label = label or path.stem
        self._pcm, self._written, self._paused = pcm, 0, False
        self._output.feed()  # into the stream now, not at the next tick
        self.started.emit(self._label)
        return True

    def stop(self) -> None:
        self._end()

    def pause(self) -> None:
        if self.busy:
            self._paused = True

    def resume(self) -> None:
        if self.paused:
            self._paused = False
            self._output.feed()

    def set_volume(self, volume: float) -> None:
        self._output.set_volume(volume)

    def set_muted(self, muted: bool) -> None:
        self._output.set_muted(muted)

    def volume(self) -> float:
        return self._output.volume

    # The output's side ---------------------------------------------------------------

    def _wants(self) -> bool:
        return self.busy and not self._paused and self._written < len(self._pcm)

    def _take(self, count: int) -> bytes:
        part = self._pcm[self._written : self._written + count]
        self._written += len(part)
        return part

    def _written_out(self, ends_at: float) -> None:
        """All of the sound is in the stream; it will have been heard at ``ends_at``."""
        if not self._ends_at:
            self._ends_at = ends_at

    def _check_end(self, now: float) -> None:
        if self.busy and self._written >= len(self._pcm) and self._ends_at and now >= self._ends_at:
            self._end()

    def _end(self) -> None:
        self._pcm, self._written, self._ends_at = b"", 0, 0.0
        if self._label:
            label, self._label = self._label, ""
            self._paused = False
            self.finished.emit(label)


class AudioOutput(QObject):
    """The stream, its channels, and the latency measured when it opened."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.clock = clock
        self.latency = 0.0
        """Seconds from writing a sound into the idle stream to the device taking it."""
        self.volume = 1.0
        self.muted = False
        self.failed = False
        """There is a device but its stream would not open."""
        self.ready = False
        """The stream runs and its latency is measured (or there is no stream to wait
        for): a sound started now is heard on time."""
        self._channels: dict[str, Channel] = {}
        self._decoded: OrderedDict[Path, tuple[float, bytes]] = OrderedDict()
        self._sink: QAudioSink | None = None
        self._device: QIODevice | None = None
        self._fed_at = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FEED_MS)
        self._timer.timeout.connect(self.feed)
        self._probes: list[tuple[float, float]] = []
        """(seconds until the device took a probe, seconds it took at once) per probe."""
        self._probe_started = 0.0
        self._probe_base = 0
        self._open()

    @property
    def is_open(self) -> bool:
        """Whether sounds go to a real device (else they are timed against the clock)."""
        return self._sink is not None

    def channel(self, name: str) -> Channel:
        found = self._channels.get(name)
        if found is None:
            found = self._channels[name] = Channel(self, name)
        return found

    def decoded(self, path: Path) -> bytes:
        """The sound's PCM, decoded once and kept while the file is unchanged."""
        try:
            stamp = path.stat().st_mtime
        except OSError as error:
            raise UnplayableSoundError(f"cannot read {path.name}: {error}") from error
        kept = self._decoded.get(path)
        if kept is not None and kept[0] == stamp:
            self._decoded.move_to_end(path)
            return kept[1]
        pcm = read_pcm(path)
        self._decoded[path] = (stamp, pcm)
        while len(self._decoded) > DECODED_KEPT:
            self._decoded.popitem(last=False)
        return pcm

    def preload(self, path: Path) -> bool:
        """Decode a sound before it is due; False if it is no sound."""
        try:
            self.decoded(path)
        except UnplayableSoundError:
            return False
        return True

    def forget(self, path: Path) -> None:
        self._decoded.pop(path, None)

    def set_volume(self, volume: float) -> None:
        self.volume = volume
        self._apply_volume()

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        self._apply_volume()

    # Inside ----------------------------------------------------------------------------

    def _open(self) -> None:
        try:
            from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices, QtAudio
        except ImportError as error:  # a build without QtMultimedia
            log.warning("no QtMultimedia: sounds are timed, not heard (%s)", error)
            self.ready = True
            return
        device = QMediaDevices.defaultAudioOutput()
        if device.isNull():
            log.info("no sound output: sounds are timed, not heard")
            self.ready = True
            return
        audio_format = QAudioFormat()
        audio_format.setSampleRate(RATE)
        audio_format.setChannelCount(1)
        audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        sink = QAudioSink(device, audio_format)
        stream = sink.start()
        if stream is None or sink.error() != QtAudio.Error.NoError:
            log.warning("the sound output did not open (%s)", sink.error())
            self.failed = self.ready = True
            return
        self._sink, self._device = sink, stream
        self._apply_volume()
        stream.write(bytes(round(PRIME * RATE) * 2))
        # Measure once the priming silence has been taken: probes of silence.
        QTimer.singleShot(round(PRIME * 1000) + 100, self._probe)

    def _probe(self) -> None:
        sink = self._sink
        if sink is None or self._device is None:
            return
        self._probe_base = sink.processedUSecs()
        self._probe_started = self.clock()
        self._device.write(bytes(round(PROBE_SECONDS * RATE) * 2))
        self._probe_poll()

    def _probe_poll(self) -> None:
        sink = self._sink
        if sink is None:
            return
        now = self.clock()
        taken = sink.processedUSecs() - self._probe_base
        if taken > 0:
            # The device took the probe after this long, in a slice of ``taken``; a sound
            # is heard as its slice is played: both together are the latency. A poll
            # that came late (a busy GUI thread) only makes the wait look longer, so the
            # shortest wait of the probes is the one to believe.
            self._probes.append((now - self._probe_started, min(taken, 50_000) / 1e6))
            if len(self._probes) < PROBES:
                QTimer.singleShot(round(PROBE_SECONDS * 1000) + 50, self._probe)
                return
            waits, slices = zip(*self._probes, strict=True)
            latency = min(waits) + statistics.median(slices)
            self.latency = latency if latency <= MAX_LATENCY else 0.0
            log.info("sound output latency %.1f ms", self.latency * 1000)
            self.ready = True
            return
        if now - self._probe_started > PROBE_TIMEOUT:
            log.info("the sound output's latency could not be measured")
            self.ready = True
            return
        QTimer.singleShot(1, self._probe_poll)

    def _apply_volume(self) -> None:
        if self._sink is not None:
            self._sink.setVolume(0.0 if self.muted else self.volume)

    def feed(self) -> None:
        """Write what the channels have into the stream, up to AHEAD seconds queued."""
        now = self.clock()
        sink = self._sink
        if sink is not None and self._device is not None:
            queued = sink.bufferSize() - sink.bytesFree()
            room = min(sink.bytesFree(), round(AHEAD * BYTES_PER_SECOND) - queued)
        else:
            # No device: the sounds are consumed as fast as they would be heard.
            queued = 0
            since = now - self._fed_at if self._fed_at else FEED_MS / 1000
            room = round(min(since, AHEAD) * RATE) * 2
        self._fed_at = now
        room -= room % 2
        active = [channel for channel in self._channels.values() if channel._wants()]
        if active and room > 0:
            parts = [channel._take(room) for channel in active]
            data = mix([part for part in parts if part])
            if data and self._device is not None:
                self._device.write(data)
            ends_at = now + (queued + len(data)) / BYTES_PER_SECOND + self.latency
            if self._sink is None:
                ends_at = now + len(data) / BYTES_PER_SECOND
            for channel in active:
                if not channel._wants():
                    channel._written_out(ends_at)
        # A copy: a channel's end may start the next sound on a channel made just then.
        for channel in list(self._channels.values()):
            channel._check_end(now)
        if any(channel.busy for channel in self._channels.values()):
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()
