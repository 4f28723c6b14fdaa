"""AIFF to WAV: macOS's NSSpeechSynthesizer writes AIFF whatever the file is called.

The speech cache and the player read WAV (Python's own ``wave``), so a cue rendered on
macOS is turned into WAV where it lies. Python 3.13 dropped the ``aifc`` module; AIFF
is simple enough to read here: a COMM chunk (channels, frames, sample size, an 80-bit
sample rate) and an SSND chunk of big-endian samples (or little-endian in AIFF-C
``sowt``; 32-bit floats in ``fl32``).
"""

from __future__ import annotations

import io
import struct
import sys
import wave
from array import array
from pathlib import Path

from selfmassage.core.atomic import write_atomic


class AiffError(ValueError):
    """The file starts like AIFF but cannot be read as such; the message says why."""


def is_aiff(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            head = file.read(12)
    except OSError:
        return False
    return head[:4] == b"FORM" and head[8:12] in (b"AIFF", b"AIFC")


def make_wav(path: Path) -> bool:
    """If ``path`` holds AIFF, rewrite it as WAV in place; True if it did."""
    if not is_aiff(path):
        return False
    write_atomic(path, aiff_to_wav(path.read_bytes()))
    return True


def aiff_to_wav(data: bytes) -> bytes:
    """The same sound as WAV (16-bit for float input)."""
    channels, width, rate, compression, frames = _read(data)
    if compression in (b"NONE", b"twos"):
        samples = _swap(frames, width)
    elif compression == b"sowt":
        samples = frames
    elif compression in (b"fl32", b"FL32"):
        samples, width = _floats_to_16_bit(frames), 2
    else:
        raise AiffError(f"AIFF-C compression {compression.decode('latin-1')!r} is not read")
    if width == 1:
        samples = bytes((byte + 128) & 0xFF for byte in samples)  # WAV's 8 bits are unsigned
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(channels)
        sound.setsampwidth(width)
        sound.setframerate(round(rate))
        sound.writeframes(samples)
    return out.getvalue()


def _read(data: bytes) -> tuple[int, int, float, bytes, bytes]:
    if len(data) < 12 or data[:4] != b"FORM" or data[8:12] not in (b"AIFF", b"AIFC"):
        raise AiffError("not an AIFF file")
    common: tuple[int, int, int, float, bytes] | None = None
    sound: bytes | None = None
    position = 12
    while position + 8 <= len(data):
        kind, size = (
            data[position : position + 4],
            struct.unpack(">I", data[position + 4 : position + 8])[0],
        )
        body = data[position + 8 : position + 8 + size]
        if kind == b"COMM":
            if len(body) < 18:
                raise AiffError("its COMM chunk is too short")
            channels, count, bits = struct.unpack(">hIh", body[:8])
            compression = body[18:22] if data[8:12] == b"AIFC" and len(body) >= 22 else b"NONE"
            common = (channels, count, bits, extended(body[8:18]), compression)
        elif kind == b"SSND":
            offset = struct.unpack(">I", body[:4])[0] if len(body) >= 8 else 0
            sound = body[8 + offset :]
        position += 8 + size + (size & 1)  # chunks are padded to an even length
    if common is None or sound is None:
        raise AiffError("it has no COMM or no SSND chunk")
    channels, count, bits, rate, compression = common
    width = (bits + 7) // 8
    if channels < 1 or width not in (1, 2, 3, 4) or rate <= 0:
        raise AiffError(f"{channels} channels of {bits} bits at {rate} Hz cannot be read")
    return channels, width, rate, compression, sound[: count * channels * width]


def extended(raw: bytes) -> float:
    """An IEEE 754 80-bit extended float (big-endian), as AIFF stores its sample rate."""
    fields: tuple[int, int] = struct.unpack(">HQ", raw)
    exponent, mantissa = fields
    sign = -1.0 if exponent & 0x8000 else 1.0
    exponent &= 0x7FFF
    if exponent == 0 and mantissa == 0:
        return 0.0
    return sign * float(mantissa) * 2.0 ** (exponent - 16383 - 63)


def _swap(samples: bytes, width: int) -> bytes:
    """Big-endian samples of ``width`` bytes to little-endian."""
    if width == 1:
        return samples
    samples = samples[: len(samples) - len(samples) % width]
    swapped = bytearray(len(samples))
    for byte in range(width):
        swapped[byte::width] = samples[width - 1 - byte :: width]
    return bytes(swapped)


def _floats_to_16_bit(samples: bytes) -> bytes:
    floats = array("f", samples[: len(samples) - len(samples) % 4])
    if sys.byteorder == "little":
        floats.byteswap()
    shorts = array("h", (round(max(-1.0, min(1.0, value)) * 32767) for value in floats))
    if sys.byteorder == "big":
        shorts.byteswap()
    return shorts.tobytes()
