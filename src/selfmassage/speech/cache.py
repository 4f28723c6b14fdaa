"""The speech cache: one WAV per (text, voice, rate), named by a hash, under cache/speech.

A file only ever appears complete (rendered beside it, checked, then renamed), so a
crash mid-render leaves no half WAV that would later play as a stutter.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import wave
from pathlib import Path

from selfmassage.core.digest import sha256_hex
from selfmassage.speech.silence import trim_leading_silence

log = logging.getLogger(__name__)

CACHE_FORMAT = 2
"""Part of every key: bump it to orphan every old file when the rendering changes.
2: leading silence trimmed."""

MAX_CACHE_BYTES = 200 * 1024 * 1024


def speech_key(text: str, voice: str, rate: int) -> str:
    """A stable name for one utterance; whitespace differences do not matter."""
    words = " ".join(text.split())
    material = f"{CACHE_FORMAT}\x1f{voice}\x1f{rate}\x1f{words}".encode()
    return sha256_hex(material)[:32]


def wav_seconds(path: Path) -> float:
    """The length of a WAV file; raises wave.Error, EOFError or OSError for a bad one."""
    with wave.open(str(path), "rb") as sound:
        rate = sound.getframerate()
        if rate <= 0:
            raise wave.Error("no frame rate")
        return sound.getnframes() / rate


class SpeechCache:
    def __init__(self, folder: Path, max_bytes: int = MAX_CACHE_BYTES) -> None:
        self.folder = folder
        self.max_bytes = max_bytes

    def path_for(self, text: str, voice: str, rate: int) -> Path:
        return self.folder / f"{speech_key(text, voice, rate)}.wav"

    def temp_path_for(self, final: Path) -> Path:
        # Process and thread ids keep apart two renderers writing the same cue (an
        # abandoned worker that wakes up late, or a renderer process and its parent).
        tag = f"{os.getpid()}-{threading.get_ident()}"
        return final.with_name(f".{final.stem}.{tag}.tmp.wav")

    def lookup(self, text: str, voice: str, rate: int) -> Path | None:
        """The cached WAV if it is there and playable, else None."""
        path = self.path_for(text, voice, rate)
        if not path.is_file():
            return None
        try:
            if wav_seconds(path) > 0:
                return path
        except (wave.Error, EOFError, OSError) as error:
            log.warning("dropping a damaged cached cue %s: %s", path.name, error)
        with contextlib.suppress(OSError):
            path.unlink()
        return None

    def commit(self, temp: Path, final: Path) -> float:
        """Check a freshly rendered WAV, trim its silent start and move it into place;
        returns its seconds.

        Raises ValueError when the engine wrote nothing usable, nothing audible included
        (the temp file is removed): only a cue that says something reaches playback.
        """
        try:
            seconds = trim_leading_silence(temp)
            os.replace(temp, final)
        except (wave.Error, EOFError, OSError) as error:
            detail = str(error) or type(error).__name__
            raise ValueError(f"the speech engine wrote no usable sound ({detail})") from error
        finally:
            with contextlib.suppress(OSError):
                temp.unlink()
        return seconds

    def prune(self) -> int:
        """Remove the least recently used WAVs beyond the size limit; returns how many."""
        try:
            entries = [
                (entry.stat().st_mtime, entry.stat().st_size, entry)
                for entry in self.folder.glob("*.wav")
                if not entry.name.startswith(".")  # a render in progress
            ]
        except OSError as error:
            log.warning("could not list the speech cache: %s", error)
            return 0
        total = sum(size for _, size, _ in entries)
        removed = 0
        for _, size, entry in sorted(entries, key=lambda item: item[0]):
            if total <= self.max_bytes:
                break
            with contextlib.suppress(OSError):
                entry.unlink()
                total -= size
                removed += 1
        return removed

    def drop(self, path: Path) -> None:
        """Remove a cached WAV that turned out to be no sound."""
        with contextlib.suppress(OSError):
            path.unlink()

    def touch(self, path: Path) -> None:
        """Mark a WAV as used, so pruning keeps it."""
        with contextlib.suppress(OSError):
            os.utime(path)
