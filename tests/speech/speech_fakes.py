"""Fake renderers at the app's own interface (never pyttsx3's dummy driver: it hangs)."""

from __future__ import annotations

import math
import struct
import threading
import wave
from pathlib import Path

from selfmassage.core.voice import Voice


def tone(seconds: float, rate: int = 22050, level: int = 8000) -> bytes:
    """16-bit mono frames of a 440 Hz tone."""
    count = round(seconds * rate)
    return struct.pack(
        f"<{count}h", *(round(level * math.sin(2 * math.pi * 440 * n / rate)) for n in range(count))
    )


def write_wav(
    path: Path, seconds: float, rate: int = 22050, *, silence_before: float = 0.0
) -> None:
    """A WAV of ``seconds`` of tone, after ``silence_before`` seconds of silence."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\x00\x00" * round(silence_before * rate) + tone(seconds, rate))


class FakeRenderer:
    """Writes a WAV of 0.3 s of tone a word; can raise on some texts, or hang on them."""

    def __init__(
        self,
        *,
        fail_on: tuple[str, ...] = (),
        hang_on: tuple[str, ...] = (),
        write_nothing_on: tuple[str, ...] = (),
        write_nothing_once_on: tuple[str, ...] = (),
    ) -> None:
        self.fail_on = fail_on
        self.hang_on = hang_on
        self.write_nothing_on = write_nothing_on
        self.write_nothing_once_on = set(write_nothing_once_on)
        """Texts whose first render writes an empty file, as eSpeak NG now and then does."""
        self.rendered: list[tuple[str, str, int]] = []
        self.thread_names: set[str] = set()
        self.release = threading.Event()
        self.closed = False

    def render(self, text: str, voice: str, rate: int, path: Path) -> None:
        self.thread_names.add(threading.current_thread().name)
        if text in self.hang_on:
            self.release.wait(30)  # "hung": until the test lets go
        if text in self.fail_on:
            raise RuntimeError(f"engine broke on {text!r}")
        self.rendered.append((text, voice, rate))
        if text in self.write_nothing_on or text in self.write_nothing_once_on:
            self.write_nothing_once_on.discard(text)
            path.write_bytes(b"")
            return
        write_wav(path, 0.3 * len(text.split()))

    def voices(self) -> list[Voice]:
        return [Voice("fake/en", "Fake English", ("en",)), Voice("fake/de", "Fake German", ("de",))]

    def close(self) -> None:
        self.closed = True


def extended_bytes(value: float) -> bytes:
    """An 80-bit extended float, the way AIFF writers store the sample rate."""
    fraction, exponent = math.frexp(value)  # value = fraction * 2**exponent, 0.5 <= f < 1
    return struct.pack(">HQ", exponent + 16382, int(fraction * 2**64))


def chunk(kind: bytes, body: bytes) -> bytes:
    return kind + struct.pack(">I", len(body)) + body + (b"\0" if len(body) % 2 else b"")


def aiff(
    frames: bytes,
    *,
    channels: int = 1,
    bits: int = 16,
    rate: float = 22050,
    compression: bytes | None = None,
    offset: int = 0,
    extra: bytes = b"",
) -> bytes:
    """An AIFF (or, with ``compression``, AIFF-C) file holding ``frames`` as they are."""
    width = (bits + 7) // 8
    count = len(frames) // (channels * width)
    common = struct.pack(">hIh", channels, count, bits) + extended_bytes(rate)
    if compression is not None:
        common += compression + b"\x0enot compressed\0"
    body = (b"AIFC" if compression else b"AIFF") + extra + chunk(b"COMM", common)
    body += chunk(b"SSND", struct.pack(">II", offset, 0) + b"\0" * offset + frames)
    return b"FORM" + struct.pack(">I", len(body)) + body
