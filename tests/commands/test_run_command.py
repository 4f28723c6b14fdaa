from __future__ import annotations

import contextlib
import functools
import itertools
import json
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from selfmassage.cli import main
from selfmassage.commands.run import SESSION_HOOKS, run_session
from selfmassage.core.routine import Pacing, Routine, Step
from selfmassage.core.session import Event, Session, SessionState, StepEnded
from selfmassage.core.timeline import build_timeline
from tests.day_answers import ANSWERED_TODAY

SHORT = {
    "format": "selfmassage-routine",
    "version": 1,
    "title": "Short calves",
    "steps": [
        {
            "region": "calves",
            "side": "both",
            "seconds": 20,
            "tool": "foam-roller",
            "name": "Calf roll",
            "instructions": "Sit with the roller under your calf. Roll slowly.",
            "cues": [{"at": 5, "say": "Turn your foot out."}],
        },
        {"region": "neck", "seconds": 15, "instructions": "Knead the back of your neck."},
    ],
}


@pytest.fixture
def routine_file(tmp_path: Path) -> Path:
    path = tmp_path / "short.smroutine"
    path.write_text(json.dumps(SHORT), encoding="utf-8")
    return path


EXPECTED_RUN = """\
Short calves: 01:20, 2 steps. Ctrl-C stops.
[00:00] announce: Calf roll. Your left calf, foam roller. Sit with the roller under your calf.
[00:10] announce: Go: your left calf.
[00:15] custom: Turn your foot out.
[00:20] remaining: Ten seconds left.
[00:27] countdown: 3
[00:28] countdown: 2
[00:29] countdown: 1
[00:30] switch-side: Switch to your right leg.
[00:35] announce: Your right calf.
[00:40] custom: Turn your foot out.
[00:45] remaining: Ten seconds left.
[00:52] countdown: 3
[00:53] countdown: 2
[00:54] countdown: 1
[00:55] announce: The back of your neck, by hand. Knead the back of your neck.
[01:05] announce: Go: the back of your neck.
[01:17] countdown: 3
[01:18] countdown: 2
[01:19] countdown: 1
[01:20] finish: Well done. That is the end of your routine.
Finished after 01:20: 2 of 2 steps done, 0 ended early, 0 skipped or not reached.
"""


def test_run_prints_every_cue_with_its_time(
    routine_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", str(routine_file), "--no-voice", "--speed", "1000", *ANSWERED_TODAY]) == 0
    assert capsys.readouterr().out == EXPECTED_RUN


def test_run_follows_the_settings(
    routine_file: Path, paths: object, app_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = app_home / "config" / "settings.json"
    settings.write_text(
        json.dumps({"version": 1, "transition_seconds": 0, "countdown_style": "words"})
    )
    assert main(["run", str(routine_file), "--no-voice", "--speed", "1000", *ANSWERED_TODAY]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Short calves: 01:00, 2 steps.")  # no get-ready at all
    assert "[00:17] countdown: Three\n" in out
    assert "next:" not in out
    assert "[00:45] announce: The back of your neck, by hand." in out


def test_speed_needs_no_voice(routine_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["run", str(routine_file), "--speed", "10", *ANSWERED_TODAY])
    assert exit_info.value.code == 2
    assert "--speed works only with --no-voice" in capsys.readouterr().err


@pytest.mark.parametrize("speed", ["0", "-1", "fast", "5000"])
def test_bad_speed_is_a_usage_error(
    routine_file: Path, speed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["run", str(routine_file), "--no-voice", "--speed", speed, *ANSWERED_TODAY])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "--speed" in err
    assert "Traceback" not in err


def test_a_bad_file_is_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.smroutine"
    bad.write_text('{"format": "selfmassage-routine", "version": 1, "title": "x", "steps": []}')
    assert main(["run", str(bad), "--no-voice"]) == 1
    missing = tmp_path / "missing.smroutine"
    assert main(["routine", "timeline", str(missing)]) == 1
    captured = capsys.readouterr()
    assert f"{bad}: error: $.steps" in captured.err
    assert f"{missing}: error: $" in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_hooks_hear_the_session(routine_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    heard: list[Event] = []

    def hook(session: Session, path: Path) -> None:
        assert path == routine_file
        session.listeners.append(heard.append)

    SESSION_HOOKS.append(hook)
    try:
        assert (
            main(["run", str(routine_file), "--no-voice", "--speed", "1000", *ANSWERED_TODAY]) == 0
        )
    finally:
        SESSION_HOOKS.remove(hook)
    ended = [e for e in heard if isinstance(e, StepEnded)]
    assert [(e.step_index, e.outcome.value) for e in ended] == [(0, "completed"), (1, "completed")]


def test_run_loop_sleeps_until_the_next_cue_and_stops_on_ctrl_c() -> None:
    session = Session(build_timeline(Routine("x", (Step("neck", 30),)), Pacing()))
    clock = [100.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        clock[0] += seconds
        if clock[0] >= 120:
            raise KeyboardInterrupt

    assert run_session(session, clock=lambda: clock[0], sleep=sleep) == 130
    assert session.state is SessionState.STOPPED
    # It slept straight to each due moment: 10 s (the end of the get-ready, "Go"), then
    # 20 s ("ten seconds left") in one go.
    assert sleeps == [10.0, 20.0]


@contextlib.contextmanager
def ctrl_c_reaches_children() -> Iterator[None]:
    """Tests run with Ctrl-C ignored (in the background, under nohup) hand that on to the
    processes they start, where Python keeps it ignored: let it through for one start."""
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        yield
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)  # reset to default by exec
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def test_ctrl_c_stops_cleanly(routine_file: Path, app_home: Path) -> None:
    env = {**os.environ, "SELFMASSAGE_HOME": str(app_home)}
    with ctrl_c_reaches_children():
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "selfmassage",
                "run",
                str(routine_file),
                "--no-voice",
                *ANSWERED_TODAY,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
    # Lines as they come, so that each wait has a time limit (generous: a busy machine
    # may take seconds to start Python).
    lines: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None and process.stderr is not None
    reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stdout])
    reader.start()
    try:
        assert lines.get(timeout=60).startswith("Short calves: 01:20")
        # Running: the first cue is out, the next ("Go") is ten seconds away.
        assert lines.get(timeout=60).startswith("[00:00] announce: Calf roll.")
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 130
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        reader.join()
    out = "".join(lines.queue)
    assert out.startswith("Stopped after 00:0"), out
    assert "0 of 2 steps done" in out
    assert "Traceback" not in process.stderr.read()
    process.stderr.close()


def test_routine_timeline_text_and_json(
    routine_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["routine", "timeline", str(routine_file)]) == 0
    text = capsys.readouterr().out
    lines = text.splitlines()
    assert lines[0] == "Short calves: 01:20, 2 steps, 6 parts"
    assert "00:00–00:10  Get ready: Calf roll" in lines
    assert "00:10–00:30  Calf roll · foam roller" in lines
    assert "00:30–00:35  Switch to the right side" in lines
    assert "00:55–01:05  Get ready: Neck" in lines
    assert "  00:27  countdown   3 [countdown beep]" in lines
    assert lines[-1] == "  01:20  finish      Well done. That is the end of your routine."

    assert main(["routine", "timeline", str(routine_file), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["total_seconds"] == 80
    kinds = [segment["kind"] for segment in document["segments"]]
    assert kinds == ["transition", "work", "switch-side", "work", "transition", "work"]
    # The first step's get-ready says what comes and how to get into place; its work
    # starts with "Go" and the place.
    (ready,) = document["segments"][0]["cues"]
    assert ready == {
        "at": 0.0,
        "kind": "announce",
        "text": "Calf roll. Your left calf, foam roller. Sit with the roller under your calf.",
        "voice": True,
        "beep": None,
    }
    go = document["segments"][1]["cues"][0]
    assert go == {
        "at": 10.0,
        "kind": "announce",
        "text": "Go: your left calf.",
        "voice": True,
        "beep": "start",
    }
    assert document["finish"]["at"] == 80


def test_timeline_shows_file_text_as_text_not_terminal_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = dict(SHORT, title="Evil\x1b[2J title")
    path = tmp_path / "evil.smroutine"
    path.write_text(json.dumps(data))
    assert main(["routine", "timeline", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "Evil\\x1b[2J title" in out


class ManualTime:
    """A clock that moves only when the run loop sleeps: a run takes no real time."""

    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


class RecordingSpeaker:
    def __init__(self, clock: Callable[[], float]) -> None:
        self.said: list[tuple[float, str]] = []
        self.prepared: list[str] = []
        self.closed = False
        self.clock = clock

    def play_timeline_cue(self, cue: object) -> None:
        self.said.append((self.clock(), getattr(cue, "text", "")))

    def prepare_all(self, texts: list[str]) -> None:
        self.prepared.extend(texts)

    def close(self) -> None:
        self.closed = True


def test_run_with_a_voice_speaks_each_cue_on_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from selfmassage.commands import run as run_module

    path = tmp_path / "neck.smroutine"
    document = {**SHORT, "steps": [{"region": "neck", "seconds": 10, "instructions": "Knead."}]}
    path.write_text(json.dumps(document))
    manual = ManualTime()
    speaker = RecordingSpeaker(manual.clock)
    pumped: list[float] = []
    voice = run_module.HeadlessVoice(speaker, lambda: pumped.append(manual.now))  # type: ignore[arg-type]
    monkeypatch.setattr(run_module, "open_voice", lambda language=None: voice)
    on_time = functools.partial(run_module.run_session, clock=manual.clock, sleep=manual.sleep)
    monkeypatch.setattr(run_module, "run_session", on_time)
    assert main(["run", str(path), *ANSWERED_TODAY]) == 0
    texts = [text for _at, text in speaker.said]
    assert texts == [
        "The back of your neck, by hand. Knead.",
        "Go: the back of your neck.",
        "3",
        "2",
        "1",
        "Well done. That is the end of your routine.",
    ]
    # The loop sleeps to each cue's moment: each is said on the dot.
    assert [at for at, _text in speaker.said] == pytest.approx([0, 10, 17, 18, 19, 20], abs=1e-9)
    assert speaker.prepared[0] == "The back of your neck, by hand. Knead."
    assert speaker.closed
    # The Qt loop was kept turning for the sound, at least every POLL_SECONDS, and for
    # DRAIN_SECONDS after the last cue so that "well done" is heard to its end.
    gaps = [later - earlier for earlier, later in itertools.pairwise(pumped)]
    assert max(gaps) <= run_module.POLL_SECONDS + 1e-9
    assert pumped[-1] >= 20 + run_module.DRAIN_SECONDS - run_module.POLL_SECONDS - 1e-9
    assert capsys.readouterr().out.startswith("Short calves: 00:20, 1 step.")


@pytest.mark.slow
# The run would make a QCoreApplication if there were none, and the later tests of this
# process could then make no widgets: the QApplication comes first.
@pytest.mark.usefixtures("qapp")
def test_a_routine_in_german_is_spoken_with_a_german_voice() -> None:
    from selfmassage.commands.run import open_voice

    voice = open_voice("de")
    assert voice is not None
    try:
        assert voice.speaker.known_voices, "the engine listed its voices before the run"
        chosen = next(v for v in voice.speaker.known_voices if v.id == voice.speaker.voice)
        assert any(lang.lower().startswith("de") for lang in chosen.languages), chosen
    finally:
        voice.close()


def _history_items(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["history", "list", "--json"]) == 0
    items: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return items


def test_a_fast_forwarded_run_is_not_recorded_unless_asked(
    routine_file: Path, paths: object, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", str(routine_file), "--no-voice", "--speed", "1000", *ANSWERED_TODAY]) == 0
    err = capsys.readouterr().err
    assert "not recorded in the history (add --record to record it)" in err
    assert _history_items(capsys) == []
    assert (
        main(
            ["run", str(routine_file), "--no-voice", "--speed", "1000", "--record", *ANSWERED_TODAY]
        )
        == 0
    )
    [item] = _history_items(capsys)
    assert item["status"] == "completed" and item["done_seconds"] == 55


@pytest.mark.slow
def test_a_run_with_a_voice_prints_only_its_own_lines(tmp_path: Path, app_home: Path) -> None:
    """The media library's chatter ("Input #0, wav…", "No audio device detected",
    qt.multimedia…) goes to the log, never between the cue lines."""
    tiny = tmp_path / "tiny.smroutine"
    steps = [{"region": "neck", "seconds": 5, "instructions": "Knead your neck."}]
    routine = {"format": "selfmassage-routine", "version": 1, "title": "Tiny", "steps": steps}
    tiny.write_text(json.dumps(routine), encoding="utf-8")
    # No get-ready, so that the run takes 5 s of real time.
    settings = {"version": 1, "transition_seconds": 0}
    (app_home / "config").mkdir(exist_ok=True)
    (app_home / "config" / "settings.json").write_text(json.dumps(settings))
    # As a person's shell has it: not the tests' rule that keeps Qt Multimedia quiet.
    env = {k: v for k, v in os.environ.items() if k not in ("QT_LOGGING_RULES", "QT_QPA_PLATFORM")}
    env["SELFMASSAGE_HOME"] = str(app_home)
    result = subprocess.run(
        [sys.executable, "-m", "selfmassage", "run", str(tiny), *ANSWERED_TODAY],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Tiny: 00:05, 1 step. Ctrl-C stops.",
        "[00:00] announce: The back of your neck, by hand.",
        "[00:05] finish: Well done. That is the end of your routine.",
        "Finished after 00:05: 1 of 1 step done, 0 ended early, 0 skipped or not reached.",
    ]
    # Standard error has the command's own words only (a missing voice, said once).
    for line in result.stderr.splitlines():
        assert line.startswith("Voice unavailable: "), result.stderr
    log = (app_home / "logs" / "selfmassage.log").read_text(encoding="utf-8")
    # The sounds went to the app's one sound output (decoded by the app, so FFmpeg no
    # longer reads each file), and the media library's own words went to the log.
    assert "selfmassage.speech.audio_output: " in log, "the sounds went to the output"
    assert "selfmassage.media: " in log, "the media library's chatter is logged"


def test_output_cut_short_by_the_reader_ends_quietly(routine_file: Path, app_home: Path) -> None:
    # `selfmassage routine timeline FILE | head`: the reader goes away before the output ends.
    env = {**os.environ, "SELFMASSAGE_HOME": str(app_home)}
    process = subprocess.Popen(
        [sys.executable, "-m", "selfmassage", "routine", "timeline", str(routine_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    errors = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == 1
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors
