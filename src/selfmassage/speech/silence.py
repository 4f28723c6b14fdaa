"""Leading silence off a rendered cue, so that its first word starts when it is played.

eSpeak NG begins every WAV with silence (tens of milliseconds, more at slow rates); a cue
played on time was heard that much late. A sound with nothing audible in it is refused:
it must not reach playback as a cue that says nothing.
"""

from __future__ import annotations

import sys
import wave
from array import array
from pathlib import Path

AUDIBLE = 64
"""Sample level (of 32,767) taken as sound: -54 dBFS, well under speech, above dither."""
KEEP_BEFORE = 0.010
"""Seconds kept before the first audible sample, so a soft first consonant is whole."""
_BLOCK_SECONDS = 0.005


class SilentSoundError(ValueError):
    """The sound has nothing audible in it."""


def first_audible_frame(samples: array[int], channels: int, rate: int) -> int | None:
    """The first frame with a sample at or above AUDIBLE, to the block; None if silent."""
    block = max(1, round(rate * _BLOCK_SECONDS)) * channels
    for start in range(0, len(samples), block):
        part = samples[start : start + block]
        if max(part) >= AUDIBLE or min(part) <= -AUDIBLE:
            for offset, value in enumerate(part):
                if abs(value) >= AUDIBLE:
                    return (start + offset) // channels
    return None


def trim_leading_silence(path: Path) -> float:
    """Rewrite a 16-bit PCM WAV without its silent start; returns the seconds left.

    Raises SilentSoundError if nothing in it is audible; other sample widths are only
    checked for being non-empty (no engine the app uses writes them).
    """
    with wave.open(str(path), "rb") as sound:
        params = sound.getparams()
        data = sound.readframes(params.nframes)
    rate, channels, width = params.framerate, params.nchannels, params.sampwidth
    if rate <= 0 or channels <= 0:
        raise wave.Error("no frame rate or no channels")
    frames = len(data) // (channels * width)
    if frames == 0:
        raise SilentSoundError("the speech engine wrote an empty sound")
    if width != 2:
        return frames / rate
    samples = array("h")
    samples.frombytes(data[: frames * channels * 2])
    if sys.byteorder == "big":
        samples.byteswap()  # WAV is little-endian
    first = first_audible_frame(samples, channels, rate)
    if first is None:
        raise SilentSoundError("the speech engine wrote only silence")
    start = max(0, first - round(rate * KEEP_BEFORE))
    if start > 0:
        with wave.open(str(path), "wb") as out:
            out.setparams(params)
            out.writeframes(data[start * channels * width : frames * channels * width])
    return (frames - start) / rate
