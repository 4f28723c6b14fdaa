"""A cue's sound as the output plays it: 16-bit mono PCM at one rate, read from a WAV.

The sound output (audio_output.py) keeps one stream open and writes these bytes into it,
so every sound is decoded before it is due, never while it should already be heard. A
WAV of another shape (8 or 32 bits, stereo, another rate: SAPI5 and NSSpeechSynthesizer
may write those) is converted here. A sound with nothing audible in it is refused.
"""

from __future__ import annotations

import sys
import wave
from array import array
from pathlib import Path

from selfmassage.speech.silence import first_audible_frame

RATE = 22050
"""Samples a second of the output: what eSpeak NG and the beeps are written at."""
BYTES_PER_SECOND = RATE * 2


class UnplayableSoundError(ValueError):
    """The file is no sound to play: unreadable, empty or silent."""


def read_pcm(path: Path) -> bytes:
    """The sound of a WAV file as little-endian 16-bit mono samples at RATE.

    Raises UnplayableSoundError for a file that cannot be read, has no frames, or has
    nothing audible in it: such a file must never be played as a cue.
    """
    try:
        with wave.open(str(path), "rb") as sound:
            params = sound.getparams()
            data = sound.readframes(params.nframes)
    except (wave.Error, EOFError, OSError) as error:
        raise UnplayableSoundError(f"cannot read {path.name}: {error}") from error
    width, channels, rate = params.sampwidth, params.nchannels, params.framerate
    if rate <= 0 or channels <= 0 or width not in (1, 2, 4):
        raise UnplayableSoundError(f"{path.name} is not a sound this app plays")
    samples = _to_16_bits(data[: len(data) // (width * channels) * width * channels], width)
    if channels > 1:
        samples = _to_mono(samples, channels)
    if rate != RATE:
        samples = _resample(samples, rate, RATE)
    if not samples:
        raise UnplayableSoundError(f"{path.name} is empty")
    if first_audible_frame(samples, 1, RATE) is None:
        raise UnplayableSoundError(f"{path.name} has nothing audible in it")
    if sys.byteorder == "big":
        samples.byteswap()
    return samples.tobytes()


def _to_16_bits(data: bytes, width: int) -> array[int]:
    if width == 1:  # unsigned 8-bit
        return array("h", ((value - 128) << 8 for value in data))
    if width == 4:
        wide = array("i")
        wide.frombytes(data)
        if sys.byteorder == "big":
            wide.byteswap()
        return array("h", (value >> 16 for value in wide))
    samples = array("h")
    samples.frombytes(data)
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def _to_mono(samples: array[int], channels: int) -> array[int]:
    return array(
        "h",
        (
            sum(samples[start : start + channels]) // channels
            for start in range(0, len(samples) - channels + 1, channels)
        ),
    )


def _resample(samples: array[int], rate: int, to: int) -> array[int]:
    """Linear interpolation: plenty for speech and beeps."""
    count = len(samples) * to // rate
    last = len(samples) - 1
    out = array("h", bytes(2 * count))
    step = rate / to
    for index in range(count):
        position = index * step
        left = int(position)
        right = min(left + 1, last)
        share = position - left
        out[index] = round(samples[left] * (1 - share) + samples[right] * share)
    return out


def mix(parts: list[bytes]) -> bytes:
    """Several sounds at once, added and kept within range (rarely more than one)."""
    if len(parts) == 1:
        return parts[0]
    length = max(len(part) for part in parts)
    total = [0] * (length // 2)
    for part in parts:
        samples = array("h")
        samples.frombytes(part)
        for index, value in enumerate(samples):
            total[index] += value
    return array("h", (max(-32768, min(32767, value)) for value in total)).tobytes()
