"""AIFF as macOS's speech engine writes it becomes the WAV the cache and player read."""

from __future__ import annotations

import wave
from array import array
from pathlib import Path

import pytest

from selfmassage.speech.aiff import AiffError, aiff_to_wav, extended, make_wav
from selfmassage.speech.cache import wav_seconds
from tests.speech.speech_fakes import aiff, chunk, extended_bytes


def read_wav(data: bytes, path: Path) -> tuple[int, int, int, bytes]:
    path.write_bytes(data)
    with wave.open(str(path), "rb") as sound:
        return (
            sound.getnchannels(),
            sound.getsampwidth(),
            sound.getframerate(),
            sound.readframes(sound.getnframes()),
        )


@pytest.mark.parametrize("rate", [8000, 11025, 22050, 44100, 48000])
def test_the_sample_rate_is_read_from_its_80_bits(rate: int) -> None:
    assert extended(extended_bytes(rate)) == rate
    assert extended(b"\0" * 10) == 0.0


def test_16_bit_big_endian_samples_become_little_endian(tmp_path: Path) -> None:
    samples = array("h", [0, 1, -1, 1000, -32768, 32767])
    big = array("h", samples)
    big.byteswap()  # AIFF is big-endian; this test runs on a little-endian machine
    out = aiff_to_wav(aiff(big.tobytes()))
    assert read_wav(out, tmp_path / "a.wav") == (1, 2, 22050, samples.tobytes())


def test_aiff_c_in_either_byte_order_and_a_padded_chunk_before_the_sound(
    tmp_path: Path,
) -> None:
    samples = array("h", [5, -5, 300, -300])
    little = samples.tobytes()
    big = array("h", samples)
    big.byteswap()
    odd = chunk(b"NAME", b"Sam")  # three bytes and a pad byte
    for data in (
        aiff(little, compression=b"sowt", extra=odd),
        aiff(big.tobytes(), compression=b"NONE", offset=4),
        aiff(big.tobytes(), compression=b"twos", rate=44100),
    ):
        channels, width, _rate, frames = read_wav(aiff_to_wav(data), tmp_path / "b.wav")
        assert (channels, width, frames) == (1, 2, little)


def test_24_bit_stereo_and_8_bit_keep_their_samples(tmp_path: Path) -> None:
    left, right = (1).to_bytes(3, "big", signed=True), (-2).to_bytes(3, "big", signed=True)
    out = aiff_to_wav(aiff(left + right, channels=2, bits=24))
    expected = (1).to_bytes(3, "little", signed=True) + (-2).to_bytes(3, "little", signed=True)
    assert read_wav(out, tmp_path / "c.wav") == (2, 3, 22050, expected)
    eight = aiff_to_wav(aiff(bytes([0, 127, 128, 255]), bits=8))  # signed: 0, 127, -128, -1
    assert read_wav(eight, tmp_path / "d.wav")[3] == bytes([128, 255, 0, 127])


def test_floats_become_16_bit(tmp_path: Path) -> None:
    floats = array("f", [0.0, 0.5, -1.0, 2.0])
    floats.byteswap()
    out = aiff_to_wav(aiff(floats.tobytes(), bits=32, compression=b"fl32"))
    assert read_wav(out, tmp_path / "e.wav")[3] == array("h", [0, 16384, -32767, 32767]).tobytes()


def test_make_wav_rewrites_an_aiff_in_place_and_leaves_a_wav_alone(tmp_path: Path) -> None:
    path = tmp_path / "cue.wav"
    path.write_bytes(aiff(b"\0\0" * 22050))  # one second of silence
    assert make_wav(path)
    assert wav_seconds(path) == 1.0
    before = path.read_bytes()
    assert not make_wav(path)
    assert path.read_bytes() == before
    assert not make_wav(tmp_path / "missing.wav")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"FORM\0\0\0\4AIFF", "no COMM or no SSND"),
        (aiff(b"\0\0")[:40], "no COMM or no SSND"),
        (aiff(b"\0\0\0\0", compression=b"ima4"), "'ima4' is not read"),
        (aiff(b"\0\0", bits=64), "cannot be read"),
        (b"RIFF....WAVE", "not an AIFF file"),
    ],
)
def test_a_broken_aiff_is_a_clear_error(data: bytes, reason: str) -> None:
    with pytest.raises(AiffError, match=reason):
        aiff_to_wav(data)
