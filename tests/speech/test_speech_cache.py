"""The speech cache: stable keys by text, voice and rate; only whole WAVs count."""

from __future__ import annotations

import os
import wave
from array import array
from pathlib import Path

import pytest

from selfmassage.speech.cache import SpeechCache, speech_key
from selfmassage.speech.silence import AUDIBLE, KEEP_BEFORE
from tests.speech.speech_fakes import write_wav


def test_key_depends_on_text_voice_and_rate_not_on_spacing() -> None:
    base = speech_key("Switch to your right side", "gmw/en", 170)
    assert base == speech_key("Switch  to your\nright side ", "gmw/en", 170)
    assert base != speech_key("Switch to your left side", "gmw/en", 170)
    assert base != speech_key("Switch to your right side", "gmw/en-us", 170)
    assert base != speech_key("Switch to your right side", "gmw/en", 171)
    assert len(base) == 32 and all(c in "0123456789abcdef" for c in base)


def test_lookup_finds_only_a_playable_wav(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path)
    assert cache.lookup("Ten seconds left", "", 170) is None
    path = cache.path_for("Ten seconds left", "", 170)
    path.write_bytes(b"RIFF\x00\x00 not a wav")
    assert cache.lookup("Ten seconds left", "", 170) is None
    assert not path.exists(), "a damaged file is removed so it is rendered again"
    write_wav(path, 1.0)
    assert cache.lookup("Ten seconds left", "", 170) == path


def test_commit_moves_a_good_wav_and_refuses_an_empty_one(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path)
    final = cache.path_for("Next: calves", "", 170)
    temp = cache.temp_path_for(final)
    write_wav(temp, 0.5)
    assert cache.commit(temp, final) == pytest.approx(0.5)
    assert final.is_file() and not temp.exists()

    other = cache.path_for("Finished", "", 170)
    empty = cache.temp_path_for(other)
    write_wav(empty, 0.0)
    with pytest.raises(ValueError, match="empty"):
        cache.commit(empty, other)
    assert not other.exists() and not empty.exists()

    with pytest.raises(ValueError, match="no usable sound"):
        cache.commit(cache.temp_path_for(other), other)  # the engine wrote no file at all


def test_prune_removes_the_least_recently_used_beyond_the_limit(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path, max_bytes=0)
    paths = []
    for number in range(4):
        path = cache.path_for(f"cue {number}", "", 170)
        write_wav(path, 1.0)
        os.utime(path, (1000 + number, 1000 + number))
        paths.append(path)
    size = paths[0].stat().st_size
    cache.max_bytes = size * 2
    in_progress = tmp_path / ".abc.1-2.tmp.wav"
    in_progress.write_bytes(b"x" * size * 10)
    assert cache.prune() == 2
    assert [p.exists() for p in paths] == [False, False, True, True]
    assert in_progress.exists(), "a render in progress is never pruned"


def test_commit_trims_the_silent_start_and_keeps_the_sound(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path)
    final = cache.path_for("Roll slowly", "", 170)
    temp = cache.temp_path_for(final)
    write_wav(temp, 0.5, silence_before=0.3)
    # What is left: the tone, and no more than KEEP_BEFORE of silence before it.
    assert cache.commit(temp, final) == pytest.approx(0.5 + KEEP_BEFORE, abs=0.006)
    with wave.open(str(final), "rb") as sound:
        assert sound.getframerate() == 22050 and sound.getsampwidth() == 2
        samples = array("h", sound.readframes(sound.getnframes()))
    first = next(n for n, value in enumerate(samples) if abs(value) >= AUDIBLE)
    assert first / 22050 <= KEEP_BEFORE + 0.006


def test_a_sound_with_nothing_audible_never_reaches_playback(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path)
    final = cache.path_for("Well done", "", 170)
    temp = cache.temp_path_for(final)
    with wave.open(str(temp), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(22050)
        out.writeframes(b"\x00\x00" * 22050)  # a whole second of nothing
    with pytest.raises(ValueError, match="silence"):
        cache.commit(temp, final)
    assert not final.exists() and not temp.exists()
    assert cache.lookup("Well done", "", 170) is None
