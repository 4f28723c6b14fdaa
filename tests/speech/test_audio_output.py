"""The sound output: one stream kept open, sounds decoded before they are due, and no
file that is empty or silent ever played."""

from __future__ import annotations

import wave
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from selfmassage.core.paths import AppPaths
from selfmassage.core.voice import Sound, VoiceOptions
from selfmassage.speech import playback
from selfmassage.speech.audio_output import AHEAD, DECODED_KEPT, AudioOutput, shared_output
from selfmassage.speech.pcm import BYTES_PER_SECOND, RATE, UnplayableSoundError, mix, read_pcm
from selfmassage.speech.renderer import Renderer
from selfmassage.speech.speaker import Speaker, sound_path
from tests.speech.speech_fakes import FakeRenderer, tone, write_wav

WAIT_MS = 10_000


@pytest.fixture
def make_speaker(paths: AppPaths) -> Iterator[Callable[..., Speaker]]:
    made: list[Speaker] = []

    def make(factory: Callable[[], Renderer] = FakeRenderer) -> Speaker:
        speaker = Speaker(paths.cache, VoiceOptions(), factory=factory)
        made.append(speaker)
        return speaker

    yield make
    for speaker in made:
        speaker.close()


def write_silence(path: Path, seconds: float) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(round(seconds * RATE) * 2))


class FakeSink:
    """A QAudioSink's few calls the output makes, with a buffer the test drains."""

    def __init__(self, size: int = 11024) -> None:
        self.size = size
        self.queued = 0
        self.volume = 1.0

    def bufferSize(self) -> int:  # noqa: N802 (Qt's name)
        return self.size

    def bytesFree(self) -> int:  # noqa: N802
        return self.size - self.queued

    def setVolume(self, volume: float) -> None:  # noqa: N802
        self.volume = volume


class FakeStream:
    def __init__(self, sink: FakeSink) -> None:
        self.sink = sink
        self.writes: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.writes.append(bytes(data))
        self.sink.queued += len(data)
        return len(data)


def streaming_output() -> tuple[AudioOutput, FakeSink, FakeStream]:
    """An output as if its stream had opened on a device."""
    output = AudioOutput()
    sink = FakeSink()
    stream = FakeStream(sink)
    output._sink, output._device = sink, stream  # type: ignore[assignment]
    output.latency = 0.025
    return output, sink, stream


def test_every_cue_goes_through_the_one_output_and_its_channels(
    qtbot: QtBot, make_speaker: Callable[..., Speaker], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[AudioOutput] = []
    real_open = AudioOutput._open

    def counted_open(output: AudioOutput) -> None:
        opened.append(output)
        real_open(output)

    monkeypatch.setattr(AudioOutput, "_open", counted_open)

    def no_media_player(*_args: object) -> None:
        raise AssertionError("a QMediaPlayer was made for a cue")

    monkeypatch.setattr(playback.SoundPlayer, "__init__", no_media_player)
    first, second = make_speaker(), make_speaker()
    texts = ["One", "Two", "Three"]
    first.prepare_all(texts)
    rate = VoiceOptions().rate
    qtbot.waitUntil(lambda: all(first.cache.lookup(t, "", rate) for t in texts), timeout=WAIT_MS)
    channels = set()
    for text in texts:
        with qtbot.waitSignal(first._voices().finished, timeout=WAIT_MS):
            first.say(text)
        channels.add(id(first._voices()))
        first.beep(Sound.COUNTDOWN)
        channels.add(id(first._beeps()))
    second.say("One")
    assert first._audio() is second._audio() is shared_output(), "one output for the app"
    assert first._voices() is second._voices() is shared_output().channel("voice")
    assert len(channels) == 2, "the same voice and beep channels for every cue"
    assert len(opened) <= 1, "the output was opened once at most (earlier tests may have)"


def test_a_sound_goes_into_the_open_stream_at_once_a_little_at_a_time(qtbot: QtBot) -> None:
    output, sink, stream = streaming_output()
    channel = output.channel("voice")
    path = sound_path(Sound.FINISH)  # 0.77 s
    pcm = output.decoded(path)
    with qtbot.waitSignal(channel.started, timeout=WAIT_MS):
        assert channel.play(path, "finish")
    ahead = round(AHEAD * BYTES_PER_SECOND)
    assert stream.writes and sum(map(len, stream.writes)) <= ahead, "written within the call"
    assert stream.writes[0] == pcm[: len(stream.writes[0])], "from its first sample"
    # The device takes what was queued; each feed tops the queue up, never beyond AHEAD.
    while channel._written < len(pcm):
        sink.queued = 0
        output.feed()
        assert sink.queued <= ahead
    assert b"".join(stream.writes) == pcm, "all of it, once, in order"
    assert channel.busy, "still sounding: the last slice has not been heard yet"
    with qtbot.waitSignal(channel.finished, timeout=WAIT_MS) as finished:
        pass
    assert finished.args == ["finish"]


def test_volume_and_mute_go_to_the_stream(qtbot: QtBot) -> None:
    output, sink, _stream = streaming_output()
    output.set_volume(0.4)
    assert sink.volume == pytest.approx(0.4)
    output.set_muted(True)
    assert sink.volume == 0.0
    output.set_muted(False)
    assert sink.volume == pytest.approx(0.4)


@pytest.mark.parametrize("kind", ["empty", "silent", "not a wav"])
def test_a_file_with_no_sound_is_refused_and_never_played(
    qtbot: QtBot, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "cue.wav"
    if kind == "empty":
        write_silence(path, 0)
    elif kind == "silent":
        write_silence(path, 1.5)
    else:
        path.write_bytes(b"RIFF and nothing else")
    output, _sink, stream = streaming_output()
    channel = output.channel("voice")
    started: list[str] = []
    channel.started.connect(started.append)
    with qtbot.waitSignal(channel.refused, timeout=WAIT_MS) as refused:
        assert not channel.play(path, "cue")
    assert refused.args == [path]
    assert started == [] and stream.writes == [] and not channel.busy
    with pytest.raises(UnplayableSoundError):
        read_pcm(path)


@pytest.mark.parametrize("kind", ["empty", "silent"])
def test_a_cached_cue_with_no_sound_is_rendered_again_and_only_then_played(
    qtbot: QtBot, make_speaker: Callable[..., Speaker], kind: str
) -> None:
    renderer = FakeRenderer()
    speaker = make_speaker(lambda: renderer)
    text = "Switch to your right side"
    cached = speaker.cache.path_for(text, "", VoiceOptions().rate)
    cached.parent.mkdir(parents=True, exist_ok=True)
    write_silence(cached, 0 if kind == "empty" else 1.0)  # passes the cache's own check
    played: list[str] = []
    speaker.playing.connect(lambda label: played.append(label) or None)
    with qtbot.waitSignal(speaker.playing, timeout=WAIT_MS):
        speaker.say(text)
        assert played == [], "the file with no sound was not played"
    assert [entry[0] for entry in renderer.rendered] == [text], "it was rendered again"
    assert played == [text]
    assert read_pcm(cached), "the cache now holds the sound"


def test_a_cue_that_comes_out_silent_twice_becomes_a_beep(
    qtbot: QtBot, make_speaker: Callable[..., Speaker], monkeypatch: pytest.MonkeyPatch
) -> None:
    speaker = make_speaker()
    text = "Halfway"
    cached = speaker.cache.path_for(text, "", VoiceOptions().rate)
    cached.parent.mkdir(parents=True, exist_ok=True)
    write_silence(cached, 1.0)
    # The engine keeps writing silence that the cache cannot tell from sound.
    monkeypatch.setattr(speaker.cache, "commit", lambda temp, final: write_silence(final, 1))
    played: list[str] = []
    speaker.playing.connect(played.append)
    speaker.say(text)
    qtbot.waitUntil(lambda: played == ["notice"], timeout=WAIT_MS)
    assert text not in played


def test_without_a_device_the_sound_is_ready_at_once_and_starts_nothing_early(
    make_speaker: Callable[..., Speaker],
) -> None:
    speaker = make_speaker()
    assert not speaker.sound_ready, "nothing is open before the warm-up"
    speaker.warm_up()
    if not speaker._audio().is_open:  # this computer has no sound device
        assert speaker.sound_ready
        assert speaker.sound_lead() == 0.0


def test_a_rendered_cue_is_decoded_before_it_is_due(
    qtbot: QtBot, make_speaker: Callable[..., Speaker]
) -> None:
    speaker = make_speaker()
    speaker.warm_up()
    output = speaker._audio()
    speaker.prepare("Next: the neck")
    path = speaker.cache.path_for("Next: the neck", "", VoiceOptions().rate)
    qtbot.waitUntil(lambda: path in output._decoded, timeout=WAIT_MS)


def test_the_sounds_kept_decoded_are_the_latest_used_and_few(tmp_path: Path) -> None:
    # A ten-minute routine says about sixty different cues: they are not all kept.
    output = AudioOutput()
    paths = [tmp_path / f"cue-{n}.wav" for n in range(DECODED_KEPT + 10)]
    for path in paths:
        write_wav(path, 0.2)
        output.decoded(path)
    output.decoded(paths[0])  # used again: kept, the oldest other one goes
    assert len(output._decoded) == DECODED_KEPT <= 16
    assert list(output._decoded)[-1] == paths[0]
    assert paths[10] not in output._decoded and paths[11] in output._decoded


def test_other_wav_shapes_are_converted_to_the_output_format(tmp_path: Path) -> None:
    path = tmp_path / "stereo.wav"
    frames = tone(0.5, rate=44100)
    left = memoryview(frames).cast("h")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(44100)
        out.writeframes(b"".join(int(v).to_bytes(2, "little", signed=True) * 2 for v in left))
    pcm = read_pcm(path)
    assert len(pcm) == pytest.approx(0.5 * BYTES_PER_SECOND, abs=4)
    eight = tmp_path / "eight.wav"
    with wave.open(str(eight), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(RATE)
        out.writeframes(bytes((128 + v // 256) & 0xFF for v in memoryview(tone(0.2)).cast("h")))
    assert len(read_pcm(eight)) == round(0.2 * RATE) * 2


def test_two_sounds_at_once_are_mixed_within_range() -> None:
    loud = (30000).to_bytes(2, "little", signed=True) * 4
    quiet = (1000).to_bytes(2, "little", signed=True) * 2
    mixed = memoryview(mix([loud, quiet])).cast("h").tolist()
    assert mixed == [31000, 31000, 30000, 30000]
    assert memoryview(mix([loud, loud])).cast("h").tolist() == [32767] * 4


def test_a_fake_wav_is_a_sound(tmp_path: Path) -> None:
    write_wav(tmp_path / "a.wav", 0.3)
    assert len(read_pcm(tmp_path / "a.wav")) == round(0.3 * RATE) * 2


def test_a_sound_started_when_another_ends_on_a_new_channel(qtbot: QtBot) -> None:
    # The end of one cue may start the next on a channel not used before: the output's
    # round over its channels must not trip over the new one.
    output, sink, _stream = streaming_output()
    voice = output.channel("voice")
    followed: list[bool] = []
    voice.finished.connect(
        lambda _label: followed.append(output.channel("beeps").play(sound_path(Sound.COUNTDOWN)))
    )
    assert voice.play(sound_path(Sound.FINISH), "finish")
    with qtbot.waitSignal(voice.finished, timeout=WAIT_MS):
        while voice._written < len(voice._pcm):
            sink.queued = 0
            output.feed()
    assert followed == [True] and output.channel("beeps").busy
