"""Render the app's beeps to assets/sounds/*.wav with the wave module (no external tools).

Run from the checkout: ``.venv/bin/python scripts/make_sounds.py``. The files are
committed; rerun only to change a sound. Each note has a short fade in and out so
nothing clicks, and the peak stays well below full scale.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
PEAK = 0.5
"""Of full scale: loud enough across a room, far from clipping."""
FADE = 0.008
"""Seconds of fade at each end of a note."""

SOFT_PEAK = 0.22
SOFT_FADE = 0.25
"""The calm sounds (breathing, a calm routine's start and finish): quieter, with long
fades, so that they swell and ebb rather than click."""

Note = tuple[float, float]
"""(frequency in Hz, or 0 for a rest; seconds)"""

SOUNDS: dict[str, list[Note]] = {
    # A rising pair: "begin".
    "start": [(660.0, 0.12), (0.0, 0.03), (880.0, 0.18)],
    # One short, high tick for each second of the countdown.
    "countdown": [(1046.5, 0.07)],
    # A rising major arpeggio: "done".
    "finish": [(523.25, 0.14), (659.25, 0.14), (783.99, 0.14), (1046.5, 0.35)],
    # A soft single tone for a cue the voice could not say.
    "notice": [(740.0, 0.16)],
}

SOFT_SOUNDS: dict[str, list[Note]] = {
    # Breathe in: a low note rising a fifth, slowly.
    "breath-in": [(293.66, 0.4), (440.0, 0.5)],
    # Breathe out: the same falling back.
    "breath-out": [(440.0, 0.4), (293.66, 0.55)],
    # A calm routine's start and finish: one low, round note.
    "soft": [(392.0, 0.7)],
}


def note_samples(
    frequency: float, seconds: float, peak: float = PEAK, fade_seconds: float = FADE
) -> list[float]:
    count = round(seconds * RATE)
    fade = max(1, round(fade_seconds * RATE))
    samples = []
    for index in range(count):
        envelope = min(1.0, index / fade, (count - 1 - index) / fade)
        # A touch of the second harmonic makes the tone less piercing than a pure sine.
        phase = 2 * math.pi * frequency * index / RATE
        value = 0.85 * math.sin(phase) + 0.15 * math.sin(2 * phase) if frequency else 0.0
        samples.append(peak * envelope * value)
    return samples


def render(notes: list[Note], soft: bool = False) -> bytes:
    peak, fade = (SOFT_PEAK, SOFT_FADE) if soft else (PEAK, FADE)
    samples = [
        value
        for frequency, seconds in notes
        for value in note_samples(frequency, seconds, peak, fade)
    ]
    return b"".join(struct.pack("<h", round(value * 32767)) for value in samples)


def write_sound(path: Path, notes: list[Note], soft: bool = False) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(render(notes, soft))


def main() -> None:
    folder = Path(__file__).resolve().parents[1] / "assets" / "sounds"
    folder.mkdir(parents=True, exist_ok=True)
    for soft, sounds in ((False, SOUNDS), (True, SOFT_SOUNDS)):
        for name, notes in sounds.items():
            write_sound(folder / f"{name}.wav", notes, soft)
            print(f"wrote {folder / name}.wav")


if __name__ == "__main__":
    main()
